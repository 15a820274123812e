"""View > Larger font: at once on every page, the panel, the strip, banners and dialogs; kept
for the next start."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui import settings
from ui.pages import PageId


@pytest.fixture
def larger(window):
    base = QApplication.font().pointSizeF()
    yield window, base
    window.set_larger_font(False)
    assert QApplication.font().pointSizeF() == base


def _sizes(w):
    csf = w.wizard.page_of(PageId.CSF)
    imaging = w.wizard.page_of(PageId.IMAGING_LP)
    return {
        "label": csf.bindings["lp.volume_ml"].label.font().pointSizeF(),
        "field": csf.bindings["lp.volume_ml"].editor.font().pointSizeF(),
        "hint": csf.findChild(type(csf.bindings["lp.volume_ml"].label),
                              "lp__volume_ml_error").font().pointSizeF(),
        "banner": imaging.verdict.font().pointSizeF(),
        "panel": w.panel.browser.font().pointSizeF(),
        "panel text": w.panel.browser.document().defaultFont().pointSizeF(),
        "strip": w.alert_strip.count_label.font().pointSizeF(),
        "review": w.wizard.page_of(PageId.REVIEW).browser.font().pointSizeF(),
    }


def test_larger_font_applies_at_once_everywhere_and_persists(larger, qtbot):
    w, base = larger
    assert set(_sizes(w).values()) == {base}
    w.larger_font.trigger()  # View > Larger font
    want = base * 1.25  # settings.LARGER_FONT_FACTOR
    assert set(_sizes(w).values()) == {want}
    from ui.verify_dialog import VerifyDialog

    dialog = VerifyDialog(w)
    qtbot.addWidget(dialog)
    assert dialog.path_edit.font().pointSizeF() == want
    assert settings.get(settings.LARGER_FONT) is True
    from ui.main_window import MainWindow

    w.larger_font.trigger()  # off again
    assert set(_sizes(w).values()) == {base}
    settings.put(settings.LARGER_FONT, True)
    restarted = MainWindow()  # a new start reads the setting
    qtbot.addWidget(restarted)
    assert restarted.larger_font.isChecked()
    assert set(_sizes(restarted).values()) == {want}
    restarted.set_larger_font(False)
    restarted.close()
