"""The Plans window: search, verify, nurse summary, save a copy (modal dialogs patched)."""

import sqlite3
import sys
import types

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from leptodesk.store import DB_NAME, open_store
from ui import plans_window
from ui.plans_window import PlansWindow
from ui.worker import wait_for_background

PDF_A = b"%PDF-1.7 plan A signed"
PDF_B = b"%PDF-1.7 plan B signed"


@pytest.fixture
def archive():
    with open_store() as store:
        a = store.archive_plan(PDF_A, display_name="Bed 12 / MRN 0042", pathway="tuberculous",
                               signer="Dr A", signed_at="2026-11-20T09:00:00+01:00",
                               content_version="lepto-spine-2026.1", case_sha256="a" * 64)
        b = store.archive_plan(PDF_B, display_name="Bed 3 / MRN 0100", pathway="fungal",
                               signer="Dr B", signed_at="2026-11-24T10:00:00+01:00",
                               content_version="lepto-spine-2026.1", case_sha256="b" * 64,
                               nurse_pdf=b"%PDF nurse B")
    return a, b


@pytest.fixture
def window(qtbot, archive):
    w = PlansWindow()
    qtbot.addWidget(w)
    yield w
    wait_for_background()
    w.close()
    w.deleteLater()


@pytest.fixture
def fake_export(monkeypatch):
    calls = []

    def verify_pdf(source, extra_trust=()):
        calls.append(source)
        intact = source in (PDF_A, PDF_B)
        return types.SimpleNamespace(intact=intact, trusted=intact, signer="Dr B",
                                     signing_time="2026-11-24T10:00:00+01:00",
                                     content_version="lepto-spine-2026.1",
                                     case_sha256="b" * 64 if source == PDF_B else "a" * 64,
                                     reason="" if intact else "digest mismatch")

    module = types.SimpleNamespace(verify_pdf=verify_pdf)
    monkeypatch.setitem(sys.modules, "leptodesk.export", module)
    return calls


@pytest.fixture
def fake_printing(monkeypatch):
    printed = []

    def print_pdf(parent, pdf_bytes, title, preview=True):
        printed.append((pdf_bytes, title, preview))
        return True

    monkeypatch.setitem(sys.modules, "ui.printing", types.SimpleNamespace(print_pdf=print_pdf))
    return printed


def _rows(w):
    return [w.cell(r, 1) for r in range(w.model.rowCount())]


def test_inputs_have_names_and_newest_comes_first(window):
    for name in ("plans_search", "plans_date_filter", "plans_date_from", "plans_date_to",
                 "plans_table", "plans_verify", "plans_preview", "plans_print",
                 "plans_save_copy"):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert _rows(window) == ["Bed 3 / MRN 0100", "Bed 12 / MRN 0042"]
    assert window.selected().display_name == "Bed 3 / MRN 0100"


def test_search_by_patient(window, qtbot):
    qtbot.keyClicks(window.search, "mrn 0042")
    assert _rows(window) == ["Bed 12 / MRN 0042"]
    window.search.clear()
    qtbot.keyClicks(window.search, "nobody")
    assert _rows(window) == []
    assert "No signed plans" in window.status.text()
    assert not window.verify_button.isEnabled()


def test_search_by_date(window):
    window.date_from.setDate(QDate(2026, 11, 19))
    window.date_to.setDate(QDate(2026, 11, 21))
    window.date_filter.setChecked(True)
    assert _rows(window) == ["Bed 12 / MRN 0042"]
    window.date_filter.setChecked(False)
    assert len(_rows(window)) == 2


def test_verify_ok_is_shown_in_words_and_audited(window, qtbot, fake_export):
    window.verify_button.click()
    qtbot.waitUntil(lambda: "VERIFIED" in window.status.text(), timeout=5000)
    assert window.status.text().startswith("VERIFIED")
    assert window.cell(0, 5) == "VERIFIED"
    assert fake_export == [PDF_B]
    with open_store() as store:
        [event] = store.list_events()
    assert event.event == "plan_verified" and event.detail["intact"] is True
    assert "Bed" not in str(event)


def test_changed_archive_bytes_are_not_verified(window, qtbot, archive, fake_export,
                                                _isolated_home):
    conn = sqlite3.connect(_isolated_home / DB_NAME)
    conn.execute("UPDATE plans SET pdf = ? WHERE id = ?", (b"%PDF forged", archive[1]))
    conn.commit()
    conn.close()
    window.verify_button.click()
    qtbot.waitUntil(lambda: "NOT VERIFIED" in window.status.text(), timeout=5000)
    assert "changed since it was archived" in window.status.text()
    assert fake_export == []


def test_print_stored_nurse_summary(window, fake_printing):
    window.print_button.click()
    assert fake_printing == [(b"%PDF nurse B", f"Nurse summary - plan {window.selected().id}",
                              False)]
    window.preview_button.click()
    assert fake_printing[-1][2] is True
    with open_store() as store:
        assert [e.event for e in store.list_events()] == ["plan_printed", "plan_printed"]


def test_nurse_summary_without_export_module_is_a_message(window, fake_printing, monkeypatch,
                                                          qtbot):
    monkeypatch.setitem(sys.modules, "leptodesk.export", None)  # not installed
    shown = []
    monkeypatch.setattr(window, "inform", lambda title, text: shown.append(text))
    window.select_plan(window._plans[1].id)  # plan A: no stored nurse summary
    window.preview_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "not available" in shown[0]
    assert fake_printing == []


def test_nurse_summary_refuses_other_content_version(archive, monkeypatch):
    case = types.SimpleNamespace(sha256=lambda: "a" * 64)
    monkeypatch.setitem(sys.modules, "leptodesk.export", types.SimpleNamespace(
        case_from_pdf=lambda pdf: case, render_nurse_summary=lambda *a: b"x"))
    monkeypatch.setattr("leptodesk.rules.build_plan",
                        lambda c: types.SimpleNamespace(content_version="lepto-spine-2099.9"))
    with open_store() as store:
        plan = store.get_plan(archive[0])
    with pytest.raises(RuntimeError, match="guideline content"):
        plans_window.render_nurse_from_signed(plan, PDF_A)


def test_save_a_copy(window, tmp_path, monkeypatch):
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(window, "ask_save_path", lambda suggested: str(target))
    window.save_button.click()
    assert target.read_bytes() == PDF_B
    assert "Saved a copy" in window.status.text()
    with open_store() as store:
        assert [e.event for e in store.list_events()] == ["plan_exported"]


def test_save_a_copy_cancelled_writes_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(window, "ask_save_path", lambda suggested: "")
    window.save_button.click()
    assert list(tmp_path.iterdir()) == []


def test_unusable_store_is_a_message(qtbot, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("LEPTODESK_HOME", str(blocker / "sub"))
    w = PlansWindow()
    qtbot.addWidget(w)
    assert "data folder" in w.status.text()
    assert w.model.rowCount() == 0
    w.close()
    w.deleteLater()


def test_verdict_stays_in_sight_through_preview_and_a_cancelled_print(window, qtbot,
                                                                      fake_export, monkeypatch):
    shown_while_printing = []

    def print_pdf(parent, pdf_bytes, title, preview=True):
        shown_while_printing.append(window.status.text())
        return False  # cancelled

    monkeypatch.setitem(sys.modules, "ui.printing", types.SimpleNamespace(print_pdf=print_pdf))
    window.verify_button.click()
    qtbot.waitUntil(lambda: window.status.text().startswith("VERIFIED"), timeout=5000)
    verdict = window.status.text()
    window.preview_button.click()
    window.print_button.click()
    assert shown_while_printing == [verdict, verdict]
    assert window.status.text() == verdict


def test_focus_stays_on_verify_after_the_check(window, qtbot, fake_export):
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.verify_button.setFocus()
    qtbot.waitUntil(window.verify_button.hasFocus)
    window.verify_button.click()
    qtbot.waitUntil(lambda: window.status.text().startswith("VERIFIED"), timeout=5000)
    assert window.verify_button.hasFocus()  # Tab+Space is not a surprise print


def test_twenty_five_thousand_plans_open_and_search(qtbot, _isolated_home):
    """A busy ward's archive: one table row per plan would be 150,000 widget items (and, with
    PySide6 6.12 on Python 3.11, a crash); the model formats only the rows shown."""
    open_store().close()
    conn = sqlite3.connect(_isolated_home / DB_NAME)
    conn.executemany(
        "INSERT INTO plans (display_name, pathway, signer, signed_at, content_version, "
        "case_sha256, pdf_sha256, pdf, archived_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [(f"Bed {i % 40} / MRN {i:05d}", "tuberculous", "Dr A",
          f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T08:{i % 60:02d}:00", "v", "a" * 64,
          "b" * 64, b"%PDF x", "2026-11-25T00:00:00Z") for i in range(25000)])
    conn.commit()
    conn.close()
    w = PlansWindow()
    qtbot.addWidget(w)
    assert w.model.rowCount() == 25000
    assert w.selected() is not None and w.selected().signed_at.startswith("2026-12-28")
    w.search.setText("MRN 12345")
    assert _rows(w) == ["Bed 25 / MRN 12345"]
    w.close()
