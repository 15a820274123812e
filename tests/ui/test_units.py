"""Units: the number typed is what the clinician meant in the unit chosen beside it; switching
the unit never rewrites the number; the other unit is shown beside; decimal commas count."""

from __future__ import annotations

import pytest

from ui.pages import PageId


def test_switching_to_pounds_keeps_the_typed_number_and_applies_the_unit(wizard):
    page = wizard.page_of(PageId.PATIENT)
    weight = page.weight
    page.set_value("patient.weight_kg", "154")
    assert wizard.state.case.patient.weight_kg == 154
    assert weight.converted.text() == "= 339.5 lb"  # 154 / 0.45359237 = 339.51
    weight.set_unit("lb")
    assert weight.editor.text() == "154"
    assert wizard.state.case.patient.weight_kg == pytest.approx(69.853, abs=0.001)
    assert weight.converted.text() == "= 69.9 kg"
    weight.set_unit("kg")
    assert weight.editor.text() == "154"
    assert wizard.state.case.patient.weight_kg == 154


def test_a_stored_weight_shown_in_pounds_is_not_changed_by_rounding(wizard):
    from leptodesk.service.cases import with_field

    page = wizard.page_of(PageId.PATIENT)
    page.weight.set_unit("lb")  # the ward works in pounds; nothing typed yet
    case = with_field(wizard.state.case, "patient.weight_kg", 70)
    wizard.state.replace(case, None)  # a case file with 70 kg is opened
    assert page.weight.editor.text() == "154.3"  # 70 / 0.45359237 = 154.32
    page.weight.commit()  # confirming it unchanged keeps exactly 70 kg
    assert wizard.state.case.patient.weight_kg == 70
    page.weight.editor.setText("154.3")  # the same number typed again: the same weight
    page.weight.commit()
    assert wizard.state.case.patient.weight_kg == 70


def test_decimal_commas_are_accepted(wizard):
    page = wizard.page_of(PageId.PATIENT)
    page.set_value("patient.weight_kg", "3,5")
    assert wizard.state.case.patient.weight_kg == 3.5
    imaging = wizard.page_of(PageId.IMAGING_LP)
    imaging.set_value("lp_safety.inr", "1,2")
    assert wizard.state.case.lp_safety.inr == 1.2
    assert not imaging.errors()
    csf = wizard.page_of(PageId.CSF)
    csf.set_value("lp.csf_glucose", {"value": "2,5", "unit": "mmol/L"})
    assert wizard.state.case.lp.csf_glucose.value == 2.5


def test_a_name_with_a_comma_is_kept_as_typed(wizard):
    page = wizard.page_of(PageId.PATIENT)
    page.set_value("patient.display_name", "Smith, J")
    assert wizard.state.case.patient.display_name == "Smith, J"


def test_glucose_unit_switch_keeps_the_number_and_shows_the_other_unit(wizard):
    csf = wizard.page_of(PageId.CSF)
    binding = csf.bindings["lp.csf_glucose"]
    csf.set_value("lp.csf_glucose", {"value": "90", "unit": "mg/dL"})
    assert binding.converted.text() == "= 5.0 mmol/L"  # 90 / 18.016 = 4.996
    binding.unit_box.setCurrentIndex(binding.unit_box.findData("mmol/L"))
    assert binding.editor.text() == "90"
    glucose = wizard.state.case.lp.csf_glucose
    assert (glucose.value, glucose.unit.value) == (90, "mmol/L")
    binding.editor.setText("2.5")
    binding.commit()
    assert binding.converted.text() == "= 45 mg/dL"  # 2.5 x 18.016 = 45.04


def test_protein_in_g_per_l_shows_mg_per_dl(wizard):
    csf = wizard.page_of(PageId.CSF)
    csf.set_value("lp.csf_protein", {"value": "0,45", "unit": "g/L"})
    assert csf.bindings["lp.csf_protein"].converted.text() == "= 45 mg/dL"
    assert wizard.state.case.lp.csf_protein.value == 0.45
