"""A word-wrapped label that keeps its height at each width answers as Qt's own QLabel does,
whatever changed since it was last asked (text, format, font, style sheet, margins, indent)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from ui.wrapped_label import WrappedLabel

TEXTS = st.sampled_from([
    "", "Age", "Before signing, answer every STOP alert: accept it, or override it with a "
    "reason and a comment.",
    "<b>Patient:</b> Bed 4, 49 years, 68.04 kg, started 2026-12-07",
    "Lumbar puncture contraindicated: focal deficit with a mass effect on imaging "
    "(check before any lumbar puncture) " * 3,
    "Ponction lombaire contre-indiquée : déficit focal avec effet de masse",
])

CHANGES = st.one_of(
    st.tuples(st.just("text"), TEXTS),
    st.tuples(st.just("format"), st.sampled_from([Qt.TextFormat.PlainText,
                                                  Qt.TextFormat.RichText,
                                                  Qt.TextFormat.AutoText])),
    st.tuples(st.just("point_size"), st.integers(6, 22)),
    st.tuples(st.just("style"), st.sampled_from([
        "", "QLabel { padding: 8px; }", "QLabel { font-size: 120%; padding: 4px 8px; }",
        "QLabel { font-weight: bold; border: 2px solid #8b0000; }"])),
    st.tuples(st.just("margins"), st.integers(0, 30)),
    st.tuples(st.just("indent"), st.integers(-1, 40)),
    st.tuples(st.just("margin"), st.integers(0, 20)),
    st.tuples(st.just("polish"), st.none()),
    st.tuples(st.just("wrap"), st.booleans()),
)

# A few widths, asked again and again across changes (as layouts do): a height kept from
# before a change is then asked for.
WIDTHS = st.sampled_from([40, 150, 426, 431, 434, 800])


def _apply(label: QLabel, change: tuple) -> None:
    what, value = change
    if what == "text":
        label.setText(value)
    elif what == "format":
        label.setTextFormat(value)
    elif what == "point_size":
        font = QFont(label.font())
        font.setPointSize(value)
        label.setFont(font)
    elif what == "style":
        label.setStyleSheet(value)
    elif what == "margins":
        label.setContentsMargins(value, value // 2, value, value // 3)
    elif what == "indent":
        label.setIndent(value)
    elif what == "margin":
        label.setMargin(value)
    elif what == "polish":
        label.ensurePolished()
    elif what == "wrap":
        label.setWordWrap(value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(CHANGES, st.lists(WIDTHS, min_size=1, max_size=4)),
                min_size=1, max_size=12))
def test_it_answers_as_qlabel_after_any_change(qapp, steps):
    parent = QWidget()  # a style sheet reaches a label through its parent too
    kept, plain = WrappedLabel(parent=parent), QLabel(parent)
    plain.setWordWrap(True)
    for change, widths in steps:
        _apply(kept, change)
        _apply(plain, change)
        for width in widths + widths[:1]:  # asked again: the kept height
            assert kept.heightForWidth(width) == plain.heightForWidth(width), (change, width)
    parent.deleteLater()


def test_a_parents_style_sheet_and_font_reach_the_kept_heights(qapp):
    parent = QWidget()
    kept, plain = WrappedLabel("word " * 60, parent), QLabel("word " * 60, parent)
    plain.setWordWrap(True)
    before = kept.heightForWidth(200)
    assert before == plain.heightForWidth(200)
    parent.setStyleSheet("QLabel { font-size: 24pt; }")
    kept.ensurePolished()  # as a layout has it, once shown
    plain.ensurePolished()
    assert kept.heightForWidth(200) == plain.heightForWidth(200) > before
    parent.setStyleSheet("")
    font = QFont(parent.font())
    font.setPointSize(font.pointSize() * 2)
    parent.setFont(font)  # inherited by the label: a FontChange reaches it
    assert kept.heightForWidth(200) == plain.heightForWidth(200) > before
    parent.deleteLater()


def test_each_width_is_laid_out_once_until_a_change(qapp, monkeypatch):
    laid_out = []
    real = QLabel.heightForWidth

    def counted(self, width):
        laid_out.append(width)
        return real(self, width)

    label = WrappedLabel("A long sentence that wraps at any width a layout asks for. " * 4)
    monkeypatch.setattr(QLabel, "heightForWidth", counted)
    for width in (300, 420, 300, 420, 300):
        label.heightForWidth(width)
    assert laid_out == [300, 420]
    label.setText("Another sentence.")
    label.heightForWidth(300)
    assert laid_out == [300, 420, 300]


RICH = "<b>Patient:</b> Bed 4, 49 years, 68.04 kg, started 2026-12-07 " * 2


def _bigger_font(label):
    font = QFont(label.font())
    font.setPointSize(font.pointSize() * 2)
    label.setFont(font)


@pytest.mark.parametrize("change", [
    lambda label: label.setText("One short line."),
    lambda label: label.setNum(12345),
    lambda label: label.clear(),
    lambda label: label.setTextFormat(Qt.TextFormat.PlainText),
    lambda label: label.setWordWrap(False),
    lambda label: label.setIndent(40),
    lambda label: label.setMargin(20),
    lambda label: label.setContentsMargins(30, 0, 30, 0),
    lambda label: label.setFrameShape(QFrame.Shape.Box),
    lambda label: (label.setFrameShape(QFrame.Shape.Box), label.heightForWidth(150),
                   label.setLineWidth(12)),
    lambda label: (label.setFrameShape(QFrame.Shape.Box), label.heightForWidth(150),
                   label.setFrameStyle(QFrame.Shape.Box | QFrame.Shadow.Plain)),
    _bigger_font,
    lambda label: (label.setStyleSheet("QLabel { padding: 20px; font-size: 150%; }"),
                   label.ensurePolished()),
], ids=["text", "number", "clear", "format", "wrap", "indent", "margin", "contents_margins",
        "frame", "line_width", "frame_style", "font", "style_sheet"])
def test_every_change_that_moves_the_height_is_seen(qapp, change):
    kept, plain = WrappedLabel(RICH), QLabel(RICH)
    plain.setWordWrap(True)
    assert kept.heightForWidth(150) == plain.heightForWidth(150)
    change(kept)
    change(plain)
    assert kept.heightForWidth(150) == plain.heightForWidth(150)
