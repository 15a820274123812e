"""Text that fits at 1024x768 in English, French and Portuguese (issue 22): no word split
inside, no unit wrapped, no placeholder cut, the KPS descriptions with a hanging indent, the
review's doses in two columns, the Plans list one line per plan with the whole text as a
tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QApplication, QLineEdit

from leptodesk.casefile import load_case_file
from ui.pages import PageId
from ui.widgets import unit_kept_whole

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LANGS = ["en", "fr", "pt"]


def split_words(document) -> list[str]:
    """Every place where a line of ``document`` ends inside a word ("methotre|xate")."""
    found = []
    document.documentLayout().documentSize()  # laid out at its width
    block = document.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        for i in range(layout.lineCount() - 1):
            line = layout.lineAt(i)
            end = line.textStart() + line.textLength()
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                found.append(f"{text[max(0, end - 12):end]}|{text[end:end + 12]}")
        block = block.next()
    return found


def test_split_words_finds_a_word_split_and_nothing_else(qapp):
    """The checker itself: a word forced across a line is found, words wrapped between them
    are not."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setPlainText("intrathecal methotrexate given")
    doc.setTextWidth(QFontMetrics(doc.defaultFont()).horizontalAdvance("methotre") + 4)
    assert split_words(doc)
    doc.setTextWidth(QFontMetrics(doc.defaultFont()).horizontalAdvance("methotrexate") + 12)
    assert split_words(doc) == []


def _walk(window, case: str, lang: str):
    window.set_language(lang)
    window.resize(1024, 768)
    window.show()
    window.load_case(load_case_file(EXAMPLES / case), None)
    wizard = window.wizard
    while True:
        QApplication.processEvents()
        yield PageId(wizard.currentId()), wizard.currentPage()
        if wizard.currentId() == PageId.REVIEW:
            return
        wizard.next()


@pytest.mark.parametrize("lang", LANGS)
def test_no_placeholder_cut_and_no_word_split_on_any_page(window, qtbot, lang):
    for page_id, page in _walk(window, "malignant-her2-good-prognosis.json", lang):
        for edit in page.findChildren(QLineEdit):
            hint = edit.placeholderText()
            if edit.isVisibleTo(page) and hint:
                room = edit.contentsRect().width() - 8  # Qt's text margins and the frame's
                assert QFontMetrics(edit.font()).horizontalAdvance(hint) <= room, (
                    page_id.name, edit.objectName(), hint)
        if page_id == PageId.REVIEW:
            browser = page.browser
            assert browser.horizontalScrollBar().maximum() == 0, "the plan scrolls sideways"
            assert split_words(browser.document()) == []
            # the doses are there, by the language's INN (issue 21)
            inn = {"en": "methotrexate", "fr": "méthotrexate", "pt": "metotrexato"}[lang]
            assert inn in browser.toPlainText().lower()
        else:
            assert split_words(window.panel.browser.document()) == [], page_id.name


def test_the_review_doses_read_one_value_per_line(window, qtbot):
    *_, (page_id, page) = _walk(window, "malignant-her2-good-prognosis.json", "en")
    text = page.browser.toPlainText()
    start = text.index("Doses")
    doses = [line.strip() for line in text[start:start + 800].splitlines()]
    assert doses[1] == "methotrexate"
    # the dose columns in the document's order, as on the clinician PDF and the text
    assert doses[2:13:2] == ["Amount", "Route", "Frequency", "Daily total", "Basis", "Dates"]
    assert doses[3] == "15 mg"  # the guideline's 15 mg per dose [5]


def _breaks(text: str, width: int) -> list[int]:
    font = QFont()
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts[1:]


@pytest.mark.parametrize("label", ["Opening pressure (cm H2O)", "CSF white cells (/µL)",
                                   "Pression d'ouverture (cm H2O)", "Plaquettes (×10⁹/L)"])
def test_a_unit_never_wraps_inside(qapp, label):
    """At a width where the unit itself would have to break, the line breaks before it."""
    kept = unit_kept_whole(label)
    assert kept.replace("\u2060", "").replace("\u00a0", " ") == label  # the same words
    unit_at = label.rindex("(")
    width = QFontMetrics(QFont()).horizontalAdvance(label[:unit_at + 3])
    plain = _breaks(label, width)
    assert any(unit_at < b < len(label) for b in plain) or " " not in label[unit_at:], plain
    breaks = _breaks(kept, width)
    kept_unit_at = kept.rindex("(")
    assert breaks and all(b <= kept_unit_at for b in breaks), (kept, breaks)


def test_words_in_parentheses_still_wrap():
    assert unit_kept_whole("Age (days, infants)") == "Age (days, infants)"
    assert unit_kept_whole("Weight") == "Weight"


@pytest.mark.parametrize("lang", LANGS)
def test_kps_descriptions_hang_under_their_first_line(window, qtbot, lang):
    """Nothing is drawn in the score's column under a score: a wrapped description starts
    under its own first line (read off the pixels of the list at 1024x768)."""
    page = next(page for page_id, page in _walk(window, "malignant-her2-good-prognosis.json",
                                                lang) if page_id == PageId.PROGNOSIS)
    lst = page.kps.editor
    lst.setCurrentRow(0)  # no selection colour under the rows checked
    QApplication.processEvents()
    image = lst.viewport().grab().toImage()
    # the score's column: three figure-width digits and the em space after them
    indent = QFontMetrics(lst.font()).horizontalAdvance("\u2007\u2007\u2007\u2003")
    line = QFontMetrics(lst.font()).lineSpacing()
    wrapped = 0
    for row in range(1, lst.count()):
        rect = lst.visualItemRect(lst.item(row))
        if rect.height() < 2 * line:
            continue
        wrapped += 1
        for y in range(rect.top() + line + 4, rect.bottom() - 2):
            for x in range(rect.left() + 6, rect.left() + indent - 2):
                colour = image.pixelColor(x, y)
                assert colour.lightness() > 200, (lst.item(row).text()[:20], x, y)
        # and the description's wrapped lines are there, right of the indent
        dark = [x for x in range(rect.left() + indent, rect.right())
                if image.pixelColor(x, rect.top() + line + line // 2).lightness() < 128]
        assert dark, lst.item(row).text()[:20]
    assert wrapped >= 3  # at 1024 several descriptions wrap in every language


def _drawn(font: QFont, draw) -> QImage:
    image = QImage(QSize(500, 210), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(Qt.GlobalColor.black)
    painter.setFont(font)
    draw(painter)
    painter.end()
    return image


@pytest.mark.parametrize("lang", LANGS)
def test_kps_rows_are_drawn_as_draw_text_draws_them(window, lang):
    """The KPS list lays each row's score and description out once, not at every paint: what
    it draws is what QPainter.drawText draws, pixel for pixel, wrapped at several widths, and
    clipped when the text does not fit its rect."""
    from ui.kps_delegate import WRAP, draw_laid_out, split

    window.set_language(lang)
    page = window.wizard.page_of(PageId.PROGNOSIS)
    lst, delegate = page.kps.editor, page.kps_delegate
    font = lst.font()
    top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    checked = 0
    for row in range(lst.count()):
        score, description = split(lst.item(row).text())
        cases = [(description, width, height, WRAP, width)
                 for width in (120, 260, 480) for height in (200, 10)]  # 10: clipped
        if score:
            cases.append((score, 40, 30, top_left, -1))
        for text, width, height, flags, wrap_at in cases:
            rect = QRect(3, 2, width, height)
            delegate.clear()
            laid = delegate.laid_out(text, wrap_at, font)
            expected = _drawn(font, lambda p, r=rect, f=int(flags), t=text: p.drawText(r, f, t))
            got = _drawn(font, lambda p, r=rect, laid=laid: draw_laid_out(p, r, laid))
            assert got == expected, (lang, row, width, height)
            checked += 1
    assert checked == 12 * 6 + 11  # Not known and the eleven levels; Not known has no score


def test_a_kps_row_text_rect_is_the_same_without_its_text(window):
    """The delegate asks the style for a row's text rect with the text left out (the style
    would lay the text out to measure it): the rect is the same, row by row."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    page = window.wizard.page_of(PageId.PROGNOSIS)
    lst = page.kps.editor
    style = lst.style()
    for row in range(lst.count()):
        option = QStyleOptionViewItem()
        option.initFrom(lst)
        option.widget = lst
        option.rect = QRect(0, 0, 300, 40)
        page.kps_delegate.initStyleOption(option, lst.model().index(row, 0))
        assert option.text  # the row's own text
        with_text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, lst)
        option.text = ""
        assert style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option,
                                    lst) == with_text


def test_the_plans_list_is_one_line_per_plan_with_the_whole_text_as_tooltip(qtbot,
                                                                            _isolated_home):
    from leptodesk.archive import open_store
    from ui.plans_window import PlansWindow

    with open_store() as store:
        store.archive_plan(b"%PDF x", display_name="Bed 12 / MRN 0042",
                           pathway="malignant_good_prognosis", signer="Dr A",
                           signed_at="2026-11-24T08:30:00+00:00",
                           content_version="v", case_sha256="c" * 64)
    w = PlansWindow()
    qtbot.addWidget(w)
    w.resize(1024, 500)
    w.show()
    model = w.model
    pathway = model.index(0, 2)
    full = model.data(pathway, Qt.ItemDataRole.DisplayRole)
    assert full == "Malignant, KPS ≥ 70 and life expectancy > 1 month"
    assert model.data(pathway, Qt.ItemDataRole.ToolTipRole) == full
    column = w.table.columnWidth(2)
    metrics = QFontMetrics(w.table.font())
    assert metrics.horizontalAdvance(full) > column  # too long for its column: cut with ...
    assert not w.table.wordWrap()
    assert w.table.textElideMode() == Qt.TextElideMode.ElideRight
    w.close()


def test_the_review_rows_fit_their_text_at_the_width_shown(window, qtbot):
    """A long patient name wraps in its row, whole, whatever width the table had when the
    rows were filled (it was cut to its first line)."""
    from leptodesk.casefile import load_case_text

    data = (EXAMPLES / "tuberculous-adult.json").read_text()
    import json

    case = json.loads(data)
    case["patient"]["display_name"] = "Bed 12 / MRN 0042 / Jean-Baptiste Mukendi Kabasele Ilunga"
    window.resize(1024, 768)
    window.show()
    window.load_case(load_case_text(json.dumps(case)), None)
    wizard = window.wizard
    while wizard.currentId() != PageId.REVIEW:
        wizard.next()
    review = wizard.currentPage()
    review.splitter.setSizes([260, 700])  # a narrow table: the name wraps
    qtbot.wait(50)
    table = review.inputs
    row = next(r for r in range(table.rowCount())
               if table.item(r, 1).text().startswith("Bed 12"))
    width = table.columnWidth(1)
    needed = QFontMetrics(table.font()).boundingRect(
        0, 0, width - 8, 10000, int(Qt.TextFlag.TextWordWrap), table.item(row, 1).text()).height()
    assert table.rowHeight(row) >= needed
    assert needed > QFontMetrics(table.font()).lineSpacing()  # it does wrap here
