"""The Plans window: search, verify, nurse summary, save a copy (modal dialogs patched)."""

import sqlite3
import sys
import types

import pytest
from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import QWidget

from leptodesk.archive import DB_NAME, open_store
from leptodesk.service import workstation_user
from tests.test_pdf_helpers import (
    example_case,
    export,
    export_altered_answers,
    forged_nurse_summary,
    identities,
    page_overlay,
    service,
    trust,
)
from ui.plans_window import PlansWindow
from ui.worker import wait_for_background

__all__ = ["identities"]

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


@pytest.fixture
def signed_window(qtbot, identities, tmp_path):
    """A workstation trusting the site root, with one real signed export archived."""
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated",
                       nurse_summary=tmp_path / "nurse.pdf")
    w = PlansWindow()
    qtbot.addWidget(w)
    yield w, result
    wait_for_background()
    w.close()
    w.deleteLater()


def _verify(w, qtbot):
    plan_id = w.selected().id
    w.verify_button.click()
    qtbot.waitUntil(lambda: plan_id in w._verdicts, timeout=20000)
    return w.status.text()


def test_verify_shows_the_core_verdict_and_audits_who_acted(signed_window, qtbot):
    w, result = signed_window
    text = _verify(w, qtbot)
    core = service().verify(result.pdf_path, record=False)
    assert text.splitlines()[0] == core.headline_in("en") and core.ok
    # The hashes and fingerprints are behind Details, closed until asked for
    details = w.status.details.toPlainText()
    assert f"Export id: {result.export_id}" in details and core.pdf_sha256 in details
    assert core.pdf_sha256 not in text and not w.status.details.isVisibleTo(w)
    w.status.toggle.setChecked(True)  # Details opened
    assert w.status.details.isVisibleTo(w)
    assert w.cell(0, 5) == "PASS"
    with open_store() as store:
        event = store.list_events()[-1]
    assert event.event == "plan_verified" and event.detail["verdict"] == "PASS"
    assert event.user == workstation_user()  # who acted, not the plan's signer


def test_archived_plan_changed_after_signing_is_fail_not_verified(signed_window, qtbot,
                                                                  _isolated_home):
    """Attack: an incremental update with a page overlay, archived with its own hash."""
    w, result = signed_window
    forged = page_overlay(result.pdf_path.read_bytes())
    with open_store() as store:
        store.archive_plan(forged, display_name="Bed 99", pathway="undetermined",
                           signer="Dr X", signed_at="2099-01-01T00:00:00+00:00",
                           content_version="x", case_sha256="c" * 64)
    w.refresh()
    w.select_plan(w._plans[0].id)
    assert w.selected().display_name == "Bed 99"
    text = _verify(w, qtbot)
    assert text.startswith("FAIL: changed after signing")
    assert text.splitlines()[0] == service().verify(forged, record=False).headline_in("en")
    assert w.cell(0, 5) == "FAIL"


def test_archived_plan_whose_answers_are_not_its_alerts_is_fail(qtbot, identities, tmp_path,
                                                                 monkeypatch):
    """Signed by a trusted identity and archived, but its STOP answered as a WARNING (altered
    before signing, as only other software signs): FAIL naming the alert."""
    trust(identities["root"])
    export_altered_answers(identities, tmp_path, monkeypatch,
                           lambda acks: [a.model_copy(update={"severity": "warning"})
                                         for a in acks])
    w = PlansWindow()
    qtbot.addWidget(w)
    w.select_plan(w._plans[0].id)
    text = _verify(w, qtbot)
    assert text.startswith("FAIL: the acknowledgements signed in this plan do not answer its "
                           "alerts (lp.contraindicated)")
    assert w.cell(0, 5) == "FAIL"
    wait_for_background()
    w.close()
    w.deleteLater()


def test_changed_archive_bytes_fail(signed_window, qtbot, _isolated_home):
    w, result = signed_window
    conn = sqlite3.connect(_isolated_home / DB_NAME)
    conn.execute("UPDATE plans SET pdf = ? WHERE id = ?", (b"%PDF forged", result.archive_id))
    conn.commit()
    conn.close()
    text = _verify(w, qtbot)
    assert text.startswith("FAIL: the archived file has changed since it was archived")


def _print(w, qtbot, preview: bool):
    (w.preview_button if preview else w.print_button).click()
    wait_for_background()
    qtbot.wait(10)


def test_print_prints_the_archived_signed_nurse_summary(signed_window, qtbot, fake_printing):
    w, result = signed_window
    _print(w, qtbot, preview=False)
    qtbot.waitUntil(lambda: bool(fake_printing), timeout=20000)
    data, title, preview = fake_printing[0]
    assert data == result.nurse_path.read_bytes()  # the signed one, never a fresh rendering
    assert title == f"Nurse summary - plan {result.archive_id}" and preview is False
    assert service().verify(data, record=False).document == "nurse"
    with open_store() as store:
        printed = store.list_events()[-1]
    assert printed.event == "plan_printed" and printed.user == workstation_user()


def test_forged_nurse_summary_in_the_archive_is_not_printed(signed_window, qtbot, fake_printing,
                                                             _isolated_home, monkeypatch):
    import hashlib

    w, result = signed_window
    forged = forged_nurse_summary(example_case("tuberculous-adult"),
                                  f"Signed by {result.signer_name}")
    conn = sqlite3.connect(_isolated_home / DB_NAME)
    conn.execute("UPDATE plans SET nurse_pdf = ?, nurse_pdf_sha256 = ? WHERE id = ?",
                 (forged, hashlib.sha256(forged).hexdigest(), result.archive_id))
    conn.commit()
    conn.close()
    shown = []
    monkeypatch.setattr(w, "inform", lambda title, text: shown.append(text))
    _print(w, qtbot, preview=True)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "FAIL: no signature" in shown[0]
    assert fake_printing == []


def test_plan_without_a_signed_nurse_summary_is_a_message(window, fake_printing, monkeypatch,
                                                          qtbot):
    shown = []
    monkeypatch.setattr(window, "inform", lambda title, text: shown.append(text))
    window.select_plan(window._plans[1].id)  # plan A: archived without a nurse summary
    window.preview_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "no archived signed nurse summary" in shown[0]
    assert fake_printing == []


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


def test_verdict_stays_in_sight_through_preview_and_a_cancelled_print(signed_window, qtbot,
                                                                      monkeypatch):
    w, _ = signed_window
    shown_while_printing = []

    def print_pdf(parent, pdf_bytes, title, preview=True):
        shown_while_printing.append((w.status.text(), w.status.details.toPlainText()))
        return False  # cancelled

    monkeypatch.setitem(sys.modules, "ui.printing", types.SimpleNamespace(print_pdf=print_pdf))
    verdict = _verify(w, qtbot)
    assert verdict.startswith("PASS")
    for count, button in enumerate((w.preview_button, w.print_button), start=1):
        button.click()
        qtbot.waitUntil(lambda count=count: len(shown_while_printing) == count, timeout=20000)
    # What is in sight while printing is the verdict on the document being printed (the
    # signed nurse summary), and it stays after the print is cancelled.
    assert len(shown_while_printing) == 2
    for shown, details in shown_while_printing:
        assert shown.startswith("PASS") and "Document: nurse summary" in details
    assert w.status.text() == shown_while_printing[-1][0]


def test_after_verify_focus_is_on_the_verdict_announced_then_print(signed_window, qtbot,
                                                                     monkeypatch):
    """Issue 22: focus had jumped to the "Signed between" box. Now the keyboard is on the
    verdict (said at once to a screen reader), and Tab goes on to Print."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication

    announced = []
    real_update = QAccessible.updateAccessibility

    def spy(event):
        if event.type() == QAccessible.Event.Announcement:
            announced.append(event.message())
        real_update(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(spy))
    w, _ = signed_window
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    w.verify_button.setFocus()
    qtbot.waitUntil(w.verify_button.hasFocus)
    text = _verify(w, qtbot)
    assert text.startswith("PASS")
    sentence = w.status.sentence
    assert QApplication.focusWidget() is sentence and not w.date_filter.hasFocus()
    assert announced and announced[-1] == sentence.text()
    qtbot.keyClick(sentence, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is w.print_button


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
    w.show()
    # Opening reads one page (the newest 200); scrolling to the end reads the next, until
    # every plan is reachable: none hidden past a cap.
    assert w.model.rowCount() == 200 and w.model.canFetchMore(QModelIndex())
    assert w.selected() is not None and w.selected().signed_at == "2026-12-28T08:59:00"
    assert w.cell(0, 0) == "28/12/2026 08:59"  # dates written for people
    assert w.cell(0, 2) == "Tuberculous meningitis"  # pathway by its title
    w.table.scrollToBottom()
    qtbot.waitUntil(lambda: w.model.rowCount() == 400)
    while w.model.canFetchMore(QModelIndex()):
        w.model.fetchMore(QModelIndex())
    assert w.model.rowCount() == 25000
    # Newest first throughout, each plan once: the 25,000 have only 420 distinct signing
    # times (i mod 420 fixes month, day and minute), about 60 plans each, so the pages cut
    # through plans signed at the same minute.
    keys = [(p.signed_at, p.id) for p in w._plans]
    assert keys == sorted(keys, reverse=True) and len({p.id for p in w._plans}) == 25000
    assert w.cell(24999, 0) == "01/01/2026 08:00"
    w.search.setText("MRN 12345")
    assert _rows(w) == ["Bed 25 / MRN 12345"]
    assert not w.model.canFetchMore(QModelIndex())
    w.close()


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "le fichier archivé a changé depuis son archivage (son SHA-256 ne correspond plus "
           "à l'enregistrement des archives)"),
    ("pt", "o ficheiro arquivado foi alterado desde que foi arquivado (o seu SHA-256 já não "
           "corresponde ao registo do arquivo)"),
])
def test_changed_archive_bytes_fail_in_the_language(signed_window, qtbot, _isolated_home,
                                                    lang, expected):
    """The reason of a FAIL in the wizard's language, with the language's word for FAIL."""
    from ui import i18n

    w, result = signed_window
    i18n.install(lang)
    conn = sqlite3.connect(_isolated_home / DB_NAME)
    conn.execute("UPDATE plans SET pdf = ? WHERE id = ?", (b"%PDF forged", result.archive_id))
    conn.commit()
    conn.close()
    _verify(w, qtbot)
    # The verdict's word (FAIL, or its translation), the language's colon, the reason
    word, colon, reason = w.status.text().splitlines()[0].partition(
        "\u00a0: " if lang == "fr" else ": ")
    assert word in ("FAIL", "REJETÉ", "REJEITADO") and colon and reason == expected
    assert "archived file" not in w.status.text() + w.status.details.toPlainText()


def test_find_by_check_code_selects_the_archived_original_and_checks_it(qtbot, monkeypatch):
    """The code printed on a page finds its archived original (verified at once); a code with
    letters that cannot occur in one is refused with why (checkcode.normalise's words)."""
    from leptodesk.checkcode import check_code
    from leptodesk.service import get_service

    store = get_service().local()
    ids = {}
    for n, export_id in enumerate(("11111111-aaaa", "22222222-bbbb")):
        ids[export_id] = store.archive_export(
            f"%PDF plan {n}".encode(), f"%PDF nurse {n}".encode(), display_name=f"Bed {n}",
            pathway="tuberculous", signer="Dr A", signed_at=f"2026-11-2{n}T09:00:00+01:00",
            content_version="v", case_sha256=f"{n:064x}", export_id=export_id,
            audit_seq=None, audit_hash=None)
    w = PlansWindow()
    qtbot.addWidget(w)
    checked = []
    monkeypatch.setattr(w, "verify_selected", lambda: checked.append(w.selected().id))
    code = check_code("22222222-bbbb")
    w.code.setText(code.lower().replace("-", " "))  # typed by hand
    w.find_code_button.click()
    assert [p.id for p in w._plans] == [ids["22222222-bbbb"]]
    assert checked == [ids["22222222-bbbb"]]  # its verdict is asked for at once
    w.find_code("ABCD-EFG1")
    assert "a check code has only the letters A-Z without I and O, and the digits 2-9; not 1" \
        in w.status.text()
    w.find_code("2222-2222")
    assert "No signed plan has the check code 2222-2222." in w.status.text()
    wait_for_background()
    w.close()


@pytest.mark.parametrize(("lang", "bad_letter", "too_short", "none_found"), [
    ("fr", "'ABCD-EFG1' n'est pas un code de contrôle\u00a0: un code de contrôle n'a que les "
           "lettres A-Z sans I ni O, et les chiffres 2-9\u00a0; pas 1",
     "'ABC' n'est pas un code de contrôle\u00a0: un code de contrôle a 8 caractères "
     "(XXXX-XXXX)\u00a0; celui-ci en a 3",
     "Aucun plan signé n'a le code de contrôle 2222-2222."),
    ("pt", "'ABCD-EFG1' não é um código de verificação: um código de verificação tem só as "
           "letras A-Z sem I nem O, e os algarismos 2-9; não 1",
     "'ABC' não é um código de verificação: um código de verificação tem 8 caracteres "
     "(XXXX-XXXX); este tem 3",
     "Nenhum plano assinado tem o código de verificação 2222-2222."),
])
def test_a_wrong_check_code_is_refused_in_the_language(qtbot, lang, bad_letter, too_short,
                                                       none_found):
    from ui import i18n

    i18n.install(lang)
    w = PlansWindow()
    qtbot.addWidget(w)
    w.find_code("ABCD-EFG1")
    assert w.status.text() == bad_letter
    w.find_code("ABC")
    assert w.status.text() == too_short
    w.find_code("2222-2222")
    assert w.status.text() == none_found
    w.close()
