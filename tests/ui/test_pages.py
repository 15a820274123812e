"""Page behaviour: verdicts, banners, units, inline errors, tri-state, names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget

from leptodesk.casefile import load_case_file
from leptodesk.fields import field_label
from leptodesk.service.cases import KPS_LEVELS
from tests.ui.helpers import drive_to_review
from ui.pages import PageId

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_lp_verdict_stop_with_reasons(window):
    window.load_case(load_case_file(EXAMPLES / "lp-contraindicated.json"), None)
    text = window.wizard.page_of(PageId.IMAGING_LP).verdict_text()
    assert "STOP - do not perform LP" in text
    assert "platelets 25" in text and "INR 1.8" in text and "LMWH 4 h" in text


def test_lp_verdict_incomplete_then_no_contraindication(wizard):
    page = wizard.page_of(PageId.IMAGING_LP)
    assert "Incomplete" in page.verdict_text()
    for path, value in (("lp_safety.platelets_10e9_per_l", "200"), ("lp_safety.inr", "1.0"),
                        ("lp_safety.infection_at_lp_site", False)):
        page.set_value(path, value)
    wizard.page_of(PageId.PRESENTATION).set_value("presentation.severe_sepsis", False)
    # LMWH not known: never read as "none given" (case-file v2)
    assert wizard.state.plan.lp_verdict.status == "incomplete"
    assert "prophylactic LMWH" in page.verdict_text()
    page.set_value("lp_safety.prophylactic_lmwh", "none")
    assert wizard.state.plan.lp_verdict.status == "no_contraindication_entered"
    assert "No contraindication entered" in page.verdict_text()


def test_the_lp_verdict_turns_red_on_a_stop_and_back_on_the_page_in_sight(window, qtbot):
    """The verdict's look follows its role after the page has been shown (a restyle of a
    polished label), read off the pixels: the STOP red (#8b0000), the verdict grey-blue
    (#eef2f7)."""
    from PySide6.QtWidgets import QApplication

    def corner() -> str:
        QApplication.processEvents()
        return page.verdict.grab().toImage().pixelColor(2, 2).name()

    window.resize(1366, 740)
    window.show()
    wizard = window.wizard
    wizard.next()
    wizard.next()
    page = wizard.currentPage()
    assert wizard.currentId() == PageId.IMAGING_LP and page.verdict.isVisible()
    assert corner() == "#eef2f7"
    page.set_value("lp_safety.platelets_10e9_per_l", "20")  # below 40: contraindicated [2]
    assert page.verdict.property("role") == "stop" and corner() == "#8b0000"
    page.set_value("lp_safety.platelets_10e9_per_l", "200")
    assert page.verdict.property("role") == "verdict" and corner() == "#eef2f7"
    window.state.dirty = False


def test_lmwh_asked_as_none_given_or_not_known_with_hours_only_when_given(wizard):
    page = wizard.page_of(PageId.IMAGING_LP)
    box = page.bindings["lp_safety.prophylactic_lmwh"].editor
    assert [box.itemText(i) for i in range(box.count())] == ["Not known", "None given", "Given"]
    assert not page.bindings["lp_safety.hours_since_prophylactic_lmwh"].editor.isEnabled()
    page.set_value("lp_safety.prophylactic_lmwh", "given")
    assert page.bindings["lp_safety.hours_since_prophylactic_lmwh"].editor.isEnabled()
    page.set_value("lp_safety.hours_since_prophylactic_lmwh", "11.99")
    assert "LMWH 11.99 h ago (within 12 h)" in page.verdict_text()
    page.set_value("lp_safety.hours_since_prophylactic_lmwh", "12")
    assert "LMWH" not in " ".join(wizard.state.plan.lp_verdict.reasons)


def test_ceftriaxone_interval_asked_only_where_it_applies(wizard):
    page = wizard.page_of(PageId.COMPLICATIONS_PLANNED)
    regimen = page.bindings["planned.ceftriaxone_regimen"].editor
    assert regimen.isHidden()
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", "40")
    wizard.page_of(PageId.ETIOLOGY).set_value("etiology.category", "bacterial")
    assert not regimen.isHidden()
    page.set_value("planned.ceftriaxone_regimen", "every_12_h")
    (d,) = wizard.state.plan.doses
    assert (d.amount_mg, d.frequency) == (1000, "every 12 hours")  # 2 g/day in two doses


def test_implausible_weight_is_flagged_where_it_is_entered(wizard):
    page = wizard.page_of(PageId.PATIENT)
    page.set_value("patient.age_years", "40")
    page.set_value("patient.weight_kg", "25")
    assert "check the entry" in page.findChild(QLabel, "entry_checks").text()
    assert "25 kg is outside" in page.findChild(QLabel, "entry_checks").text()
    page.set_value("patient.weight_kg", "70")
    assert page.findChild(QLabel, "entry_checks").isHidden()


def test_urgent_banner_comes_from_the_plan(wizard):
    page = wizard.page_of(PageId.PRESENTATION)
    assert page.banner.isHidden()
    for path in ("presentation.suspected_bacterial_meningitis", "presentation.severe_sepsis",
                 "presentation.rapidly_evolving_rash"):
        page.set_value(path, True)
    assert any(a.id == "urgent.antibiotics_now" for a in wizard.state.plan.alerts)
    assert not page.banner.isHidden()
    assert "STOP" in page.banner.text() and "Start IV antibiotics now" in page.banner.text()


def test_weight_in_pounds_is_stored_in_kg_by_the_core(wizard):
    page = wizard.page_of(PageId.PATIENT)
    page.weight.set_unit("lb")
    page.set_value("patient.weight_kg", "154")
    # 154 lb x 0.45359237 kg/lb = 69.853 kg
    assert wizard.state.case.patient.weight_kg == pytest.approx(69.853, abs=0.001)
    assert page.weight.converted.text() == "= 69.9 kg"


def test_bad_value_is_shown_inline_and_nothing_is_lost(wizard, messages):
    page = wizard.page_of(PageId.PATIENT)
    page.set_value("patient.weight_kg", "70")
    page.set_value("patient.weight_kg", "500")
    edit = page.findChild(QLineEdit, "patient__weight_kg")
    error = page.findChild(QLabel, "patient__weight_kg_error")
    assert edit.text() == "500"
    assert not error.isHidden()
    assert "0.3 to 350" in error.text() and "the case keeps 70" in error.text()
    assert wizard.state.case.patient.weight_kg == 70
    assert not page.isComplete()
    wizard.next()
    assert wizard.currentId() == PageId.PATIENT
    assert messages == []  # inline, never modal
    page.set_value("patient.weight_kg", "72")
    assert error.isHidden() and page.isComplete()


def test_tri_state_defaults_to_not_known(wizard):
    page = wizard.page_of(PageId.PRESENTATION)
    box = page.findChild(QComboBox, "presentation__severe_sepsis")
    assert box.currentText() == "Not known"
    assert wizard.state.case.presentation.severe_sepsis is None
    box.setCurrentIndex(box.findText("No"))
    assert wizard.state.case.presentation.severe_sepsis is False
    box.setCurrentIndex(box.findText("Not known"))
    assert wizard.state.case.presentation.severe_sepsis is None


def test_csf_units_are_kept_as_entered(wizard):
    page = wizard.page_of(PageId.CSF)
    page.set_value("lp.csf_glucose", {"value": "1.4", "unit": "mmol/L"})
    page.set_value("lp.csf_protein", {"value": "2.1", "unit": "g/L"})
    lp = wizard.state.case.lp
    assert (lp.csf_glucose.value, lp.csf_glucose.unit.value) == (1.4, "mmol/L")
    assert (lp.csf_protein.value, lp.csf_protein.unit.value) == (2.1, "g/L")


def test_kps_picker_shows_the_eleven_levels(wizard):
    lst = wizard.page_of(PageId.PROGNOSIS).findChild(QListWidget, "prognosis__kps")
    texts = [lst.item(i).text() for i in range(lst.count())]
    assert texts[0] == "Not known" and len(texts) == 12
    for (score, description), text in zip(KPS_LEVELS, texts[1:], strict=True):
        assert str(score) in text and description in text
    lst.setCurrentRow(3)  # 80
    assert wizard.state.case.prognosis.kps == 80


def test_every_input_is_named_for_tests_and_screen_readers(wizard):
    for page_id in wizard.pageIds():
        for path, binding in getattr(wizard.page(page_id), "bindings", {}).items():
            name = path.replace(".", "__")
            assert wizard.page(page_id).findChild(QLabel, name + "_error") is not None
            assert binding.editor.objectName().startswith(name)
            assert binding.editor.accessibleName().startswith(field_label(path))
            assert binding.label.buddy() is binding.editor
            assert "&" in binding.label.text()


def test_every_case_field_has_a_widget(wizard):
    from leptodesk.fields import FIELD_LABELS
    from tests.ui.helpers import all_paths

    assert set(FIELD_LABELS) == all_paths(wizard)


def test_sign_page_exports_off_the_ui_thread(wizard, monkeypatch, qtbot, tmp_path):
    import threading
    import types

    from leptodesk.service import Service

    calls = {}

    def export(self, case, *, identity, passphrase, output, nurse_summary=None, case_path=None,
               lang="en", acknowledgements=()):
        calls.update(case=case, identity=identity, passphrase=passphrase,
                     thread=threading.current_thread(), nurse=nurse_summary, lang=lang,
                     acknowledgements=acknowledgements)
        return types.SimpleNamespace(pdf_path=output, nurse_path=nurse_summary,
                                     pdf_sha256="ab" * 32, signer_name="Dr Test",
                                     signed_at="2026-11-24T10:00", export_id="e-1",
                                     check_code="KDR5-4EF6",
                                     archive_id=1, self_issued=False,
                                     plan=self.plan(case))

    monkeypatch.setattr(Service, "export", export)
    drive_to_review(wizard, json.loads((EXAMPLES / "tuberculous-adult.json").read_text()))
    wizard.next()
    page = wizard.currentPage()
    page.identity.edit.setText(str(tmp_path / "id.p12"))
    page.passphrase.setText("secret")
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    assert page.nurse.isChecked()  # the nurse summary is written unless left out (issue 21)
    page.sign_button.click()
    qtbot.waitUntil(lambda: page.result is not None, timeout=5000)
    assert page.result.nurse_path == tmp_path / "plan-nurse.pdf"
    assert calls["thread"] is not threading.main_thread()
    assert calls["passphrase"] == b"secret" and page.passphrase.text() == ""
    assert calls["case"] == wizard.state.case
    assert "Signed by Dr Test" in page.status.text() and page.isComplete()
    assert "Check code KDR5-4EF6: printed on every page" in page.status.text()


def test_sign_page_real_export_writes_a_signed_pdf(wizard, qtbot, tmp_path):
    pytest.importorskip("pyhanko")
    from leptodesk.export import case_from_pdf
    from leptodesk.service import get_service
    from leptodesk.trust.identity import create_identity
    from tests.test_pdf_helpers import PASS
    from tests.ui.helpers import answer_alerts

    identity = tmp_path / "dr.p12"
    create_identity("Dr Wizard Test", "Consultant", "GMC 0000001", identity, PASS)
    drive_to_review(wizard, json.loads((EXAMPLES / "tuberculous-adult.json").read_text()))
    wizard.next()
    page = wizard.currentPage()
    assert not page.form.isHidden()
    page.identity.edit.setText(str(identity))
    page.passphrase.setText(PASS.decode())
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    answer_alerts(page)
    page.sign_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert page.result is not None, page.status.text()
    assert case_from_pdf((tmp_path / "plan.pdf").read_bytes()) == wizard.state.case
    assert "Dr Wizard Test" in page.status.text()
    assert "self-issued" in page.status.text().lower()
    # the code on the page is the one printed on the plan it signed
    code = page.result.check_code
    assert f"Check code {code}:" in page.status.text()
    from pypdf import PdfReader

    assert all(f"Check code {code}" in page.extract_text()
               for page in PdfReader(str(tmp_path / "plan.pdf")).pages)
    assert get_service().verify(tmp_path / "plan.pdf").reason == (
        "self-issued: not vouched for by a site root")  # its own workstation too


def test_sign_page_wrong_passphrase_is_a_message(wizard, qtbot, tmp_path):
    pytest.importorskip("pyhanko")
    from leptodesk.trust.identity import create_identity
    from tests.test_pdf_helpers import PASS

    identity = tmp_path / "dr.p12"
    create_identity("Dr Wizard Test", "Consultant", "GMC 0000001", identity, PASS)
    drive_to_review(wizard, {})
    wizard.next()
    page = wizard.currentPage()
    page.identity.edit.setText(str(identity))
    page.passphrase.setText("wrong")
    page.output.edit.setText(str(tmp_path / "plan.pdf"))
    for row in page.acks.rows:  # every STOP and WARNING accepted (ui.ack_panel)
        row.accept.setChecked(True)
    page.sign_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=60000)
    assert page.result is None and page.status.text().startswith("Not signed:")
    assert not (tmp_path / "plan.pdf").exists()


def test_keyboard_only_enter_is_next_and_mnemonics_focus(window, qtbot):
    from PySide6.QtCore import Qt

    window.show()
    qtbot.waitExposed(window)
    wizard = window.wizard
    name = wizard.page_of(PageId.PATIENT).findChild(QLineEdit, "patient__display_name")
    name.setFocus()
    qtbot.keyClicks(name, "Bed 4")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert wizard.state.case.patient.display_name == "Bed 4"
    assert wizard.currentId() == PageId.PRESENTATION


def test_range_hints_match_the_core(wizard):
    """A range written in a placeholder must be the model's own (no drift in the UI)."""
    import re

    from leptodesk.errors import _field_info, allowed_text
    from leptodesk.models import Case

    checked = 0
    for pid in wizard.pageIds():
        for path, binding in getattr(wizard.page(pid), "bindings", {}).items():
            editor = binding.editor
            hint = editor.placeholderText() if isinstance(editor, QLineEdit) else ""
            found = re.search(r"(\d[\d.]*) to (\d[\d.]*)", hint)
            if not found:
                continue
            _, info = _field_info(Case, tuple(path.split(".")))
            assert f"allowed: {found.group(1)} to {found.group(2)}" in allowed_text(info), path
            checked += 1
    assert checked >= 8


def test_etiology_offers_one_not_yet_known_choice_and_still_reads_undetermined(window):
    """Issue 22: the list offered both "Not known" and "Undetermined". One "Not yet known"
    (no value); a case that says "undetermined" (the contract still has it) shows as that
    choice and keeps its value until another is chosen."""
    window.load_case(load_case_file(EXAMPLES / "lp-contraindicated.json"), None)
    page = window.wizard.page_of(PageId.ETIOLOGY)
    box = page.bindings["etiology.category"].editor
    texts = [box.itemText(i) for i in range(box.count())]
    assert texts == ["Not yet known", "Tuberculous", "Fungal", "Bacterial", "Neurosarcoidosis",
                     "Malignant"]
    assert box.currentIndex() == 0
    assert window.state.case.etiology.category.value == "undetermined"  # as read
    box.setCurrentIndex(1)
    assert window.state.case.etiology.category.value == "tuberculous"
    box.setCurrentIndex(0)
    assert window.state.case.etiology.category is None  # nothing entered: listed as missing
    assert "etiology.category" in window.state.plan.missing
