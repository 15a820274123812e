"""Issue #9 through the wizard: one plan everywhere (site values), Open plan and the Verify
dialog show the core's one verdict for every attack, and the signed state follows the case."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from leptodesk.archive import open_store
from leptodesk.casefile import load_case_text
from leptodesk.cli import main
from leptodesk.models import Case
from leptodesk.service import reset_services
from tests.test_pdf_helpers import (
    PASS,
    ROOT,
    added_annotation,
    added_form_field,
    case_swap,
    example_case,
    export,
    export_altered_answers,
    identities,
    page_overlay,
    root_signed,
    service,
    trust,
    unsigned_with_case,
)
from tests.ui.helpers import answer_alerts, drive_to_review
from ui.pages import PageId
from ui.worker import wait_for_background

__all__ = ["identities"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _case_with_opening_pressure(op: float) -> Case:
    data = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text())
    data["lp"]["opening_pressure_cm_h2o"] = op
    return load_case_text(json.dumps(data))


# -- one plan everywhere ----------------------------------------------------------------------


def test_a_site_default_reads_the_same_on_every_surface(window, identities, tmp_path, capsys,
                                                        _isolated_home):
    """Site limit 20 cm H2O, pressure 22: "elevated" on the live panel, the review page, the
    text and JSON plans and the signed PDF (worked by hand: 22 > 20; the built-in limit is 25,
    under which the same case reads "not elevated")."""
    (_isolated_home / "site-defaults.json").write_text(
        '{"opening_pressure_upper_normal_cm_h2o": 20}')
    reset_services()
    trust(identities["root"])
    case = _case_with_opening_pressure(22)
    expected = "Opening pressure 22 cm H2O: elevated"
    window.load_case(case, None)
    assert expected in _flat(window.panel.text())
    wizard = window.wizard
    wizard.setStartId(PageId.REVIEW)
    wizard.restart()
    review = wizard.currentPage()
    assert wizard.currentId() == PageId.REVIEW
    assert expected in _flat(review.browser.toPlainText())

    path = tmp_path / "case.json"
    path.write_text(case.to_file_json())
    assert main(["plan", str(path)]) == 0
    assert expected in _flat(capsys.readouterr().out)
    assert main(["plan", str(path), "--format", "json"]) == 0
    findings = [f["text"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert any(f.startswith(expected) for f in findings)

    result = service().export(case, identity=identities["issued"].p12_path, passphrase=PASS,
                              output=tmp_path / "plan.pdf")
    pdf_text = _flat(" ".join(p.extract_text() for p in PdfReader(result.pdf_path).pages))
    assert expected in pdf_text
    assert "not elevated" not in pdf_text
    # the reviewed plan is the signed plan (which adds the signer's answers to its alerts)
    assert result.plan.model_copy(update={"acknowledgements": None}) == window.state.plan


def test_site_limit_boundary_both_sides(_isolated_home):
    (_isolated_home / "site-defaults.json").write_text(
        '{"opening_pressure_upper_normal_cm_h2o": 20}')
    reset_services()
    texts = {op: " ".join(f.text for f in service().plan(_case_with_opening_pressure(op))
                          .findings) for op in (20, 20.5)}
    assert "Opening pressure 20 cm H2O: not elevated" in texts[20]
    assert "Opening pressure 20.5 cm H2O: elevated" in texts[20.5]


# -- Open plan and the Verify dialog: the core's verdict, nothing loaded ----------------------


@pytest.fixture
def signed_d(identities, tmp_path):
    trust(identities["root"])
    return export(identities, tmp_path, "lp-contraindicated")


def _attack_files(identities, signed_pdf: bytes, tmp_path):
    other = example_case("tuberculous-adult")
    made = {
        "page overlay": page_overlay(signed_pdf),
        "case swap": case_swap(signed_pdf, other),
        "case swap, keywords rewritten": case_swap(signed_pdf, other, rewrite_keywords=True),
        "added annotation": added_annotation(signed_pdf),
        "added form field": added_form_field(signed_pdf),
        "unsigned PDF with a case": unsigned_with_case(other),
        "root-signed plan": root_signed(identities, other),
    }
    files = {}
    for i, (name, data) in enumerate(made.items()):
        files[name] = tmp_path / f"attack-{i}.pdf"
        files[name].write_bytes(data)
    return files


def test_open_plan_refuses_every_attack_with_the_core_verdict(window, messages, identities,
                                                              signed_d, tmp_path):
    case, result = signed_d
    before = window.state.case
    for name, path in _attack_files(identities, result.pdf_path.read_bytes(),
                                    tmp_path).items():
        messages.clear()
        assert not window.open_plan(path), name
        core = service().verify(path, record=False)
        assert not core.ok
        [(title, text)] = messages
        assert title == "Plan refused" and f"{core.headline}. Nothing was opened." in text, name
        from PySide6.QtWidgets import QMessageBox

        assert messages.icons[-1] == QMessageBox.Icon.Warning, name  # a refusal warns
        assert core.pdf_sha256 in messages.details[-1] and core.pdf_sha256 not in text, name
        assert window.state.case == before, name  # nothing of it reached the wizard
    # The genuine plan opens with the signed case (Example D's STOP comes back with it),
    # signed: the Sign page does not offer to sign it again.
    assert window.open_plan(result.pdf_path)
    assert window.state.case == case
    assert any(a.severity == "stop" for a in window.state.plan.alerts)
    assert window.state.signed_current
    assert window.state.signed.export_id == result.export_id
    assert window.state.signed.archive_id == result.archive_id
    sign = window.wizard.page_of(PageId.SIGN)
    assert not sign.sign_button.isEnabled() and sign.isComplete()
    assert window.state.set_field("patient.age_years", 50) == []
    assert window.state.signed_stale and sign.sign_button.isEnabled()


def test_open_plan_menu_action_verifies_first(window, messages, identities, signed_d, tmp_path,
                                              monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _, result = signed_d
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(case_swap(result.pdf_path.read_bytes(),
                                  example_case("tuberculous-adult")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(swapped), "")))
    window.findChild(type(window.menuBar().actions()[0]), "action_open_pdf").trigger()
    assert messages and messages[-1][0] == "Plan refused"
    assert "FAIL: changed after signing" in messages[-1][1]


def test_open_plan_refuses_a_plan_whose_answers_are_not_its_alerts(window, messages, identities,
                                                                   tmp_path, monkeypatch):
    """Signed by a trusted identity, intact, but its STOP's acknowledgement answers other words
    (altered before signing, as only other software signs): Open plan shows the FAIL naming the
    alert and loads nothing."""
    from PySide6.QtWidgets import QMessageBox

    trust(identities["root"])
    _, result = export_altered_answers(
        identities, tmp_path, monkeypatch,
        lambda acks: [a.model_copy(update={"alert_sha256": "0" * 64}) for a in acks])
    before = window.state.case
    assert not window.open_plan(result.pdf_path)
    [(title, text)] = messages
    assert title == "Plan refused" and messages.icons == [QMessageBox.Icon.Warning]
    assert ("FAIL: the acknowledgements signed in this plan do not answer its alerts "
            "(lp.contraindicated): each STOP and WARNING needs exactly one answer, to its words "
            "and severity as signed, and no answer may name an alert the plan does not have; "
            "LeptoDesk never signs such a plan. Nothing was opened.") in text
    assert window.state.case == before and not window.state.signed_current


def test_verify_dialog_shows_the_core_verdict_for_every_attack(qtbot, identities, signed_d,
                                                               tmp_path):
    from ui.verify_dialog import VerifyDialog

    _, result = signed_d
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    try:
        files = _attack_files(identities, result.pdf_path.read_bytes(), tmp_path)
        for name, path in files.items():
            shown = dialog.verify_file(path)
            core = service().verify(path, record=False)
            assert shown.headline == core.headline and not core.ok, name
            assert dialog.verdict.text() == f"{core.headline_in('en')}. Do not use this plan.", \
                name
            # behind Details: the file, then every line verify prints after the verdict
            assert dialog.details.toPlainText().splitlines()[1:] == core.lines("en")[1:]
            assert core.pdf_sha256 in dialog.details.toPlainText()
            assert core.pdf_sha256 not in dialog.verdict.text(), name
        assert dialog.verify_file(result.pdf_path).ok
        assert dialog.verdict.text() == service().verify(result.pdf_path).headline_in("en")
    finally:
        dialog.close()
        dialog.deleteLater()


def test_verify_dialog_self_issued_and_expired(qtbot, identities, tmp_path):
    from datetime import UTC, datetime

    from ui.verify_dialog import VerifyDialog

    trust(identities["root"])
    _, fake = export(identities, tmp_path, who="self")
    _, old = export(identities, tmp_path, "lp-contraindicated", who="expired",
                    signing_time=datetime(2020, 6, 1, 10, tzinfo=UTC))
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    try:
        dialog.verify_file(fake.pdf_path)
        assert dialog.verdict.text() == ("FAIL: self-issued: not vouched for by a site root. "
                                         "Do not use this plan.")
        assert dialog.verify_file(old.pdf_path).ok  # signed while valid: still PASS
        assert "this workstation's archive record" in dialog.details.toPlainText()
    finally:
        dialog.close()
        dialog.deleteLater()


# -- the signed state in the wizard -----------------------------------------------------------


@pytest.fixture
def sign_page(window, identities, tmp_path, qtbot):
    trust(identities["root"])
    data = json.loads((ROOT / "examples" / "malignant-her2-good-prognosis.json").read_text())
    drive_to_review(window.wizard, data)
    window.wizard.next()
    page = window.wizard.currentPage()
    assert window.wizard.currentId() == PageId.SIGN
    page.identity.edit.setText(str(identities["issued"].p12_path))
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    page.nurse.setChecked(True)
    answer_alerts(page)
    return page


def _sign(page, qtbot, passphrase=PASS):
    answer_alerts(page)
    page.passphrase.setText(passphrase.decode())
    page.sign_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    wait_for_background()


def test_a_change_after_signing_voids_the_signed_state(window, sign_page, qtbot, tmp_path):
    page = sign_page
    _sign(page, qtbot)
    assert page.isComplete(), page.status.text()
    signed = page.result
    assert not page.sign_button.isEnabled() and page.print_button.isEnabled()
    assert f"export {signed.export_id}" in page.status.text()
    # CSF flow obstruction now Yes: the plan has a STOP the signed PDF does not have.
    assert window.state.set_field("presentation.csf_flow_obstruction", True) == []
    assert page.result is None and not page.isComplete()
    assert page.status.text().startswith("The case changed since it was signed")
    # The alerts changed: their answers are void with the signature, asked again
    assert not page.print_button.isEnabled() and not page.sign_button.isEnabled()
    assert not page.acks.complete()
    answer_alerts(page)
    assert page.sign_button.isEnabled()
    # The old signed PDF stays untouched; the new plan gets a new file name.
    assert page.output.edit.text() == str(tmp_path / "plan-signed-2.pdf")
    _sign(page, qtbot)
    resigned = page.result
    assert resigned.export_id != signed.export_id and page.isComplete()
    assert service().open_signed(resigned.pdf_path).case == window.state.case
    assert service().open_signed(signed.pdf_path).case != window.state.case
    # Only the latest signing is held: the first case again needs signing again.
    assert window.state.set_field("presentation.csf_flow_obstruction", False) == []
    assert page.result is None  # the state holds the latest signing only
    assert window.state.set_field("presentation.csf_flow_obstruction", True) == []
    assert page.result is resigned and page.isComplete()


def test_the_sign_page_tells_the_wizard_only_when_its_completeness_changes(window, sign_page,
                                                                          qtbot):
    """QWizard repaints the whole wizard at every completeChanged: the Sign page, which follows
    every entry, says it only when signing or a change after it turns Finish on or off."""
    from PySide6.QtWidgets import QWizard

    page = sign_page
    finish = window.wizard.button(QWizard.WizardButton.FinishButton)
    said = []
    page.completeChanged.connect(lambda: said.append(page.isComplete()))
    for value in (True, False):  # entries before signing: Finish stays off, nothing said
        assert window.state.set_field("presentation.csf_flow_obstruction", value) == []
    assert said == [] and not finish.isEnabled()
    _sign(page, qtbot)
    assert said == [True] and finish.isEnabled()
    assert window.state.set_field("presentation.csf_flow_obstruction", True) == []
    assert said == [True, False] and not finish.isEnabled()
    assert window.state.set_field("patient.weight_kg", 61) == []  # still changed: nothing new
    assert said == [True, False] and not finish.isEnabled()


def test_an_unchanged_signed_case_is_not_signed_twice(window, sign_page, qtbot, tmp_path):
    page = sign_page
    _sign(page, qtbot)
    first = page.result
    page.output.edit.setText(str(tmp_path / "again.pdf"))
    page.passphrase.setText(PASS.decode())
    page.start_export()  # the button is disabled; the call itself refuses too
    wait_for_background()
    assert page.result is first and not (tmp_path / "again.pdf").exists()
    with open_store() as store:
        assert len(store.list_plans()) == 1


def test_print_on_the_sign_page_prints_the_archived_signed_nurse_summary(sign_page, qtbot,
                                                                         monkeypatch):
    import ui.printing

    printed = []
    monkeypatch.setattr(ui.printing, "print_pdf",
                        lambda parent, data, title, preview=True: printed.append(data))
    _sign(sign_page, qtbot)
    sign_page.print_button.click()
    assert printed == [sign_page.result.nurse_path.read_bytes()]


def test_finish_closes_the_case_and_starts_a_new_one(window, sign_page, qtbot):
    from PySide6.QtWidgets import QWizard

    page = sign_page
    _sign(page, qtbot)
    assert window.wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    window.wizard.button(QWizard.WizardButton.FinishButton).click()
    assert window.state.case == Case(schema_version=2)
    assert window.state.signed is None
    assert window.wizard.currentId() == PageId.PATIENT
    with open_store() as store:
        assert store.list_drafts() == []  # the signed case's draft is finished


def test_wrong_passphrase_keeps_the_case_unsigned(sign_page, qtbot, tmp_path):
    _sign(sign_page, qtbot, passphrase=b"not the passphrase")
    assert sign_page.result is None
    assert re.match(r"Not signed: .*wrong passphrase", sign_page.status.text())
    assert not (tmp_path / "plan.pdf").exists()


def test_unreadable_site_values_stop_the_wizard_with_the_reason(qtbot, messages, monkeypatch,
                                                                _isolated_home):
    """Never a plan with other values than the site's: the wizard says why and closes."""
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    (_isolated_home / "site-defaults.json").write_text('{"opening_pressure": 35}')
    reset_services()
    quits = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    w = MainWindow()
    qtbot.addWidget(w)
    assert not w.core_loaded and w.state.case is None
    [(title, text)] = messages
    assert title == "The site's values cannot be read"
    assert "opening_pressure: unknown field" in text
    assert quits and w.site_error
    errors = w.state.set_field("patient.age_years", 40)
    assert errors and "site-defaults.json" in errors[0].message
    w.close()
    w.deleteLater()
