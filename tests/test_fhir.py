"""The signed FHIR R4 bundle (issue 26): built only from a plan that verifies, parsed by
fhir.resources' R4B models and (when node is here) by the npm FHIR validator's R4 definitions,
its doses, intervals and caps those of the PDF, and its signature checked like a PDF's."""

from __future__ import annotations

import base64
import copy
import io
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from leptodesk.cli import main
from leptodesk.fhir.jcs import canonical
from leptodesk.fhir.verify import verify_bundle
from leptodesk.models import Severity
from tests.helpers import accept_all, case
from tests.test_pdf_helpers import (
    PASS,
    example_case,
    export,
    export_altered_answers,
    identities,  # noqa: F401 - fixture
    service,
    trust,
)
from tests.test_properties import cases

from .conftest import EXAMPLES, ROOT

R4B = pytest.importorskip("fhir.resources.R4B.bundle")
VALIDATOR = ROOT / "tools" / "fhir-validator"


def _text(pdf: Path) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        pdf.read_bytes())).pages).replace("\u00a0", " ").split())


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _fhir(ids, tmp_path: Path, pdf: Path, name: str = "bundle.json", who: str = "issued"):  # noqa: F811
    identity = ids[who] if isinstance(ids[who], Path) else ids[who].p12_path
    out = tmp_path / name
    written = service().fhir_export(pdf, identity=identity, passphrase=PASS, output=out)
    return json.loads(out.read_text()), written


# -- RFC 8785 ------------------------------------------------------------------------------------

def test_jcs_the_rfc_8785_example():
    # RFC 8785, section 3.2.2 (input) and 3.2.3 (output)
    text = ('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],'
            ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",'
            ' "literals": [null, true, false]}')
    assert canonical(json.loads(text)) == (
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}').encode()


@pytest.mark.parametrize(("bits", "expected"), [
    # RFC 8785, Appendix B: IEEE 754 doubles and their ECMAScript form
    ("0000000000000000", "0"), ("8000000000000000", "0"), ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"), ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"), ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"), ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"), ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"), ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"), ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"), ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"), ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"), ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"), ("43143ff3c1cb0959", "1424953923781206.2"),
])
def test_jcs_numbers_as_ecmascript_writes_them(bits, expected):
    import struct

    value = struct.unpack(">d", bytes.fromhex(bits))[0]
    assert canonical(value) == expected.encode()


def test_jcs_sorts_by_utf16_code_units_and_refuses_what_is_not_i_json():
    # U+1F600 (surrogates D83D DE00) sorts before U+FB01 in UTF-16, after it by code point
    assert canonical({"\ufb01": 1, "\U0001f600": 2, "a": 3}) == (
        '{"a":3,"\U0001f600":2,"\ufb01":1}').encode()
    for bad in (float("nan"), float("inf"), 2**53, "\ud800", {1: 2}):
        with pytest.raises(ValueError):
            canonical(bad)


# -- the bundle ----------------------------------------------------------------------------------

@pytest.fixture
def signed_child(identities, tmp_path):  # noqa: F811
    trust(identities["root"])
    c = example_case("bacterial-child-sepsis")
    answers = accept_all(c)
    from leptodesk.acknowledge import parse_ack

    answers[0] = parse_ack("lp.contraindicated=overridden:benefit-outweighs-risk:needed now")
    _, result = export(identities, tmp_path, "bacterial-child-sepsis",
                       acknowledgements=answers)
    return result


def test_the_child_bundle_resource_by_resource(identities, tmp_path, signed_child):  # noqa: F811
    bundle, written = _fhir(identities, tmp_path, signed_child.pdf_path)
    R4B.Bundle.model_validate(bundle)  # fhir.resources' R4B models parse every resource
    assert bundle["type"] == "collection" and written.algorithm == "ES256"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == kinds.count("Practitioner") == 1
    assert kinds.count("CarePlan") == kinds.count("RequestGroup") == 1
    assert kinds.count("Provenance") == 1 and kinds[-1] == "Provenance"
    (patient,) = _resources(bundle, "Patient")
    assert set(patient) == {"resourceType", "id", "name"}  # the display name only
    assert patient["name"] == [{"text": "Example B (child, sepsis)"}]
    (doctor,) = _resources(bundle, "Practitioner")
    assert doctor["name"] == [{"text": "Dr Zoë Ångström-Müller"}]
    assert {"system": "urn:leptodesk:registration", "value": "GMC 7654321"} in \
        doctor["identifier"]
    # ceftriaxone 100 mg/kg/day x 25 kg = 2500 mg once daily [3]; not capped (below 4 g)
    (med,) = _resources(bundle, "MedicationRequest")
    assert med["medicationCodeableConcept"] == {
        "coding": [{"system": "urn:leptodesk:drug", "code": "ceftriaxone"}], "text": "ceftriaxone"}
    (dosage,) = med["dosageInstruction"]
    assert dosage["doseAndRate"] == [{"doseQuantity": {
        "value": 2500, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}]
    # from the first dose as recorded (antibiotics started 2026-11-24 02:15, local time)
    first = datetime(2026, 11, 24, 2, 15).astimezone().isoformat(timespec="seconds")
    assert dosage["timing"] == {"repeat": {"frequency": 1, "period": 24, "periodUnit": "h",
                                           "boundsPeriod": {"start": first}}}
    assert "priority" not in med  # started: not a dose due now
    assert dosage["route"]["text"] == "IV" and "maxDosePerPeriod" not in dosage
    # the CarePlan holds the RequestGroup, which holds the medication and the nurse's tasks
    (care,) = _resources(bundle, "CarePlan")
    (group,) = _resources(bundle, "RequestGroup")
    urls = {e["resource"]["id"]: e["fullUrl"] for e in bundle["entry"]}
    assert care["activity"] == [{"reference": {"reference": urls[group["id"]]}}]
    held = {a["resource"]["reference"] for a in group["action"]}
    tasks = _resources(bundle, "CommunicationRequest")
    assert held == {urls[med["id"]]} | {urls[t["id"]] for t in tasks}
    # surveillance MRI every 12 weeks (site default) from the antibiotic start, 4 listed
    assert [t["occurrenceDateTime"] for t in tasks] == [
        "2027-02-16", "2027-05-11", "2027-08-03", "2027-10-26"]
    assert tasks[0]["payload"][0]["contentString"].endswith("[2, 9]")
    issues = {i["code"]["coding"][0]["code"]: i for i in _resources(bundle, "DetectedIssue")}
    assert issues["lp.contraindicated"]["severity"] == "high"
    assert issues["pitfall.calcium_ceftriaxone"]["severity"] == "moderate"
    assert issues["lp.contraindicated"]["detail"].endswith("[2]")
    stop = issues["lp.contraindicated"]["mitigation"][0]["action"]
    assert stop["coding"] == [{"system": "urn:leptodesk:acknowledgement", "code": "overridden"},
                              {"system": "urn:leptodesk:override-reason",
                               "code": "benefit-outweighs-risk",
                               "display": "benefit outweighs risk"}]
    assert "benefit outweighs risk: needed now" in stop["text"]
    assert issues["pitfall.calcium_ceftriaxone"]["mitigation"][0]["action"]["coding"] == [
        {"system": "urn:leptodesk:acknowledgement", "code": "accepted"}]
    (prov,) = _resources(bundle, "Provenance")
    assert {t["reference"] for t in prov["target"]} == {e["fullUrl"] for e in bundle["entry"]
                                                        } - {urls[prov["id"]]}
    (sig,) = prov["signature"]
    assert sig["sigFormat"] == "application/jose"
    header = json.loads(base64.urlsafe_b64decode(
        base64.b64decode(sig["data"]).decode().split(".")[0] + "=="))
    assert header["alg"] == "ES256"
    assert service().fhir_verify(tmp_path / "bundle.json").ok


def test_capped_and_twice_daily_doses(identities, tmp_path):  # noqa: F811
    trust(identities["root"])
    # a 50 kg child: 100 mg/kg/day would be 5000 mg, capped at 4 g daily [3]; once daily
    child = case(patient={"display_name": "Cap", "age_years": 12, "weight_kg": 50},
                 presentation={"suspected_bacterial_meningitis": True},
                 etiology={"category": "bacterial"},
                 planned={"ceftriaxone_regimen": "once_daily",
                          "treatment_start_date": "2026-11-25"})
    result = service().export(child, identity=identities["issued"].p12_path, passphrase=PASS,
                              output=tmp_path / "cap.pdf", acknowledgements=accept_all(child))
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path, "cap.json")
    (dosage,) = _resources(bundle, "MedicationRequest")[0]["dosageInstruction"]
    # the PDF's Doses row: amount, route, interval, the capped daily total
    assert "ceftriaxone 4000 mg IV once daily (every 24 hours) 4000 mg (CAPPED)" in _text(
        result.pdf_path)
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 4000
    assert dosage["maxDosePerPeriod"] == {
        "numerator": {"value": 4000, "unit": "mg", "system": "http://unitsofmeasure.org",
                      "code": "mg"},
        "denominator": {"value": 1, "unit": "d", "system": "http://unitsofmeasure.org",
                        "code": "d"}}
    # an adult, 2 g daily divided every 12 hours [3]: 1000 mg, frequency 1 per 12 h
    adult = case(patient={"display_name": "Q12", "age_years": 40, "weight_kg": 70},
                 presentation={"suspected_bacterial_meningitis": True},
                 etiology={"category": "bacterial"},
                 planned={"ceftriaxone_regimen": "every_12_h",
                          "treatment_start_date": "2026-11-25"})
    result = service().export(adult, identity=identities["issued"].p12_path, passphrase=PASS,
                              output=tmp_path / "q12.pdf", acknowledgements=accept_all(adult))
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path, "q12.json")
    assert "ceftriaxone 1000 mg IV every 12 hours 2000 mg " in _text(result.pdf_path)
    (dosage,) = _resources(bundle, "MedicationRequest")[0]["dosageInstruction"]
    (med,) = _resources(bundle, "MedicationRequest")
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 1000
    # no antibiotic start recorded: the first dose is due now [2], never dated later than the
    # signing, and the request is stat
    assert dosage["timing"]["repeat"] == {"frequency": 1, "period": 12, "periodUnit": "h",
                                          "boundsPeriod": {"start": med["authoredOn"]}}
    assert med["priority"] == "stat"
    assert "maxDosePerPeriod" not in dosage
    R4B.Bundle.model_validate(bundle)


def test_the_medication_is_named_as_the_pdf_names_it_in_the_plans_language(identities,  # noqa: F811
                                                                           tmp_path):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "tuberculous-adult", lang="fr")
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path)
    meds = [m["medicationCodeableConcept"] for m in _resources(bundle, "MedicationRequest")]
    # the French INNs (DCI) the French PDF prints, and the plan's own codes
    assert [m["text"] for m in meds] == ["isoniazide", "rifampicine", "pyrazinamide",
                                         "éthambutol", "prednisone"]
    assert [m["coding"] for m in meds] == [[{"system": "urn:leptodesk:drug", "code": code}]
                                           for code in ("isoniazid", "rifampin", "pyrazinamide",
                                                        "ethambutol", "prednisone")]
    assert "rifampicine" in _text(result.pdf_path)
    (group,) = _resources(bundle, "RequestGroup")
    assert [a["title"] for a in group["action"]][:2] == ["isoniazide", "rifampicine"]
    R4B.Bundle.model_validate(bundle)


def test_intrathecal_calendar_as_the_timing_events(identities, tmp_path):  # noqa: F811
    trust(identities["root"])
    _, result = export(identities, tmp_path, "malignant-her2-good-prognosis")
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path)
    (med,) = _resources(bundle, "MedicationRequest")
    (dosage,) = med["dosageInstruction"]
    assert med["medicationCodeableConcept"]["text"] == "methotrexate"
    assert dosage["doseAndRate"][0]["doseQuantity"]["value"] == 15  # 15 mg per dose [5]
    # twice weekly for 4 weeks from Mon 30 Nov 2026 (second dose on day 3, site default)
    assert dosage["timing"]["event"][:3] == ["2026-11-30", "2026-12-03", "2026-12-07"]
    assert len(dosage["timing"]["event"]) == 8 + 4 + 3  # 8 twice weekly, 4 weekly, 3 monthly
    assert dosage["timing"]["repeat"]["boundsPeriod"]["start"] == "2026-11-30"
    assert "frequency" not in dosage["timing"]["repeat"]
    R4B.Bundle.model_validate(bundle)


def test_lp_checks_before_each_lumbar_intrathecal_dose(identities, tmp_path):  # noqa: F811
    trust(identities["root"])
    lumbar = case(patient={"display_name": "IT", "age_years": 50, "weight_kg": 70},
                  etiology={"category": "malignant", "primary_cancer": "other"},
                  prognosis={"kps": 80, "life_expectancy_months": 6, "dying": False},
                  imaging={"mri_whole_spine_gadolinium": "done"},
                  presentation={"csf_flow_obstruction": False,
                                "symptomatic_hydrocephalus": False,
                                "thin_linear_deposits": True, "severe_sepsis": False},
                  lp_safety={"platelets_10e9_per_l": 200, "inr": 1.0,
                             "prophylactic_lmwh": "none", "infection_at_lp_site": False},
                  planned={"intrathecal_chemotherapy": True, "ommaya_reservoir": False,
                           "craniospinal_radiotherapy": False,
                           "treatment_start_date": "2026-11-30"})
    result = service().export(lumbar, identity=identities["issued"].p12_path, passphrase=PASS,
                              output=tmp_path / "it.pdf", acknowledgements=accept_all(lumbar))
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path, "it.json")
    R4B.Bundle.model_validate(bundle)
    tasks = _resources(bundle, "CommunicationRequest")
    checks = [t for t in tasks if "platelets" in t["payload"][0]["contentString"]]
    (med,) = _resources(bundle, "MedicationRequest")
    assert [t["occurrenceDateTime"] for t in checks] == med["dosageInstruction"][0]["timing"][
        "event"]
    # the guideline's LP limits [2]: platelets 40 x10^9/L, INR 1.4, 12 h after LMWH
    assert checks[0]["payload"][0]["contentString"].endswith(
        "platelets ≥ 40 ×10⁹/L; INR ≤ 1.4; ≥ 12 h since prophylactic LMWH (or none) [2]")


def test_the_earliest_stop_is_on_each_drug_of_the_minimum_course(identities, tmp_path):  # noqa: F811
    """The nurse sheet's "Stop / review" date, with its basis, on each anti-tuberculous drug's
    request; prednisone (no dated course) has none."""
    trust(identities["root"])
    _, result = export(identities, tmp_path, "tuberculous-adult",
                       nurse_summary=tmp_path / "n.pdf")
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path)
    # started Sat 21 Nov 2026; the minimum course is 12 months [1]
    line = "earliest stop Sun 21 Nov 2027: review with the prescriber"
    notes = {m["medicationCodeableConcept"]["text"]: [n["text"] for n in m["note"]]
             for m in _resources(bundle, "MedicationRequest")}
    for drug in ("isoniazid", "rifampin", "pyrazinamide", "ethambutol"):
        assert notes[drug][-1] == f"{line} [1]"
    assert not any("earliest stop" in n for n in notes["prednisone"])
    assert line in _text(tmp_path / "n.pdf")  # the nurse sheet says the same


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_bundle_has_the_pdfs_doses_intervals_and_caps(identities, tmp_path,  # noqa: F811
                                                                    path):
    from leptodesk.export import plan_from_pdf

    trust(identities["root"])
    _, result = export(identities, tmp_path, path.stem)
    bundle, _ = _fhir(identities, tmp_path, result.pdf_path)
    R4B.Bundle.model_validate(bundle)
    signed_plan = plan_from_pdf(result.pdf_path.read_bytes())
    pdf_text = _text(result.pdf_path)
    meds = _resources(bundle, "MedicationRequest")
    assert [m["medicationCodeableConcept"]["coding"][0]["code"] for m in meds] == [
        d.drug for d in signed_plan.doses]
    for med, dose in zip(meds, signed_plan.doses, strict=True):
        (dosage,) = med["dosageInstruction"]
        given = dosage.get("doseAndRate", [{}])[0].get("doseQuantity", {}).get("value")
        assert given == dose.amount_mg
        if dose.amount_mg is not None:  # the amount the PDF prints on the drug's row
            assert f"{dose.drug} {dosage['text'].split(': ', 1)[1].split(',')[0]}" in pdf_text
        repeat = dosage.get("timing", {}).get("repeat", {})
        if dose.doses_per_day and dose.amount_mg is not None:
            assert (repeat["frequency"], repeat["period"] * dose.doses_per_day,
                    repeat["periodUnit"]) == (1, 24, "h")
        else:
            assert "frequency" not in repeat
        cap = dosage.get("maxDosePerPeriod", {}).get("numerator", {}).get("value")
        assert cap == (dose.daily_total_mg if dose.capped else None)


# -- only from a plan that verifies, by its signer -----------------------------------------------

def test_no_bundle_from_a_plan_that_fails(identities, tmp_path, capsys, monkeypatch):  # noqa: F811
    _, result = export(identities, tmp_path, "tuberculous-adult")  # no root trusted here
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out = tmp_path / "b.json"
    assert main(["fhir", str(result.pdf_path), "-o", str(out), "--identity",
                 str(identities["issued"].p12_path)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "no bundle written" in err and "FAIL" in err
    trust(identities["root"])
    flipped = tmp_path / "flipped.pdf"
    data = bytearray(result.pdf_path.read_bytes())
    data[len(data) // 3] ^= 0x01
    flipped.write_bytes(bytes(data))
    assert main(["fhir", str(flipped), "-o", str(out), "--identity",
                 str(identities["issued"].p12_path)]) == 1
    assert not out.exists()


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "the bundle is signed by the identity that signed the plan: give it with --identity "
           "ID.p12"),
    ("fr", "le bundle est signé par l'identité qui a signé le plan\u00a0: indiquez-la avec "
           "--identity ID.p12"),
    ("pt", "o bundle é assinado pela identidade que assinou o plano: indique-a com --identity "
           "ID.p12"),
])
def test_without_the_identity_the_command_says_which(tmp_path, capsys, lang, said):
    out = tmp_path / "b.json"
    assert main(["fhir", str(tmp_path / "plan.pdf"), "-o", str(out), "--lang", lang]) == 2
    assert said in capsys.readouterr().err
    assert not out.exists()


def test_no_bundle_from_a_signed_plan_whose_answers_are_not_its_alerts(identities, tmp_path,  # noqa: F811
                                                                      capsys, monkeypatch):
    """A plan signed by a trusted identity but whose acknowledgement answers other words than
    its STOP (as a tool other than LeptoDesk might sign): it fails verification, so no bundle
    is made (exit 1, no file), with the verdict naming the alert."""
    trust(identities["root"])
    _, result = export_altered_answers(
        identities, tmp_path, monkeypatch,
        lambda acks: [a.model_copy(update={"alert_sha256": "0" * 64}) for a in acks])
    assert not service().verify(result.pdf_path, record=False).ok
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out = tmp_path / "b.json"
    assert main(["fhir", str(result.pdf_path), "-o", str(out), "--identity",
                 str(identities["issued"].p12_path)]) == 1
    err = capsys.readouterr().err
    assert "no bundle written" in err
    assert ("FAIL: the acknowledgements signed in this plan do not answer its alerts "
            "(lp.contraindicated)") in err
    assert not out.exists()


def test_only_the_plans_signer_signs_its_bundle(identities, tmp_path, capsys, monkeypatch):  # noqa: F811
    from leptodesk.trust.identity import create_identity

    trust(identities["root"])
    _, result = export(identities, tmp_path, "tuberculous-adult")
    other = create_identity("Dr Other", "Registrar", "GMC 1", tmp_path / "other.p12", PASS,
                            ca=identities["root"].p12_path, ca_passphrase=PASS)
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out = tmp_path / "b.json"
    assert main(["fhir", str(result.pdf_path), "-o", str(out), "--identity",
                 str(other.p12_path)]) == 2
    assert "is not the identity that signed this plan (Dr Zoë Ångström-Müller)" in \
        capsys.readouterr().err
    assert not out.exists()
    assert main(["fhir", str(result.pdf_path), "-o", str(out), "--identity",
                 str(identities["issued"].p12_path)]) == 0
    assert "FHIR R4 bundle written" in capsys.readouterr().out
    assert main(["fhir", str(result.pdf_path), "-o", str(out), "--identity",
                 str(identities["issued"].p12_path)]) == 2  # exists: not without --force
    assert main(["fhir", "verify", str(out)]) == 0
    assert "Result: PASS" in capsys.readouterr().out


# -- fhir verify ---------------------------------------------------------------------------------

def test_fhir_exported_is_recorded_before_the_bundle_is_put_in_place(
        identities, tmp_path, signed_child, monkeypatch):  # noqa: F811
    import os

    import leptodesk.export as export_module

    real, seen = os.replace, []

    def replace(src, dst):
        if Path(dst).name == "bundle.json":
            seen.append([e.event for e in service().audit.list()
                         if e.pdf_sha256 == signed_child.pdf_sha256])
        return real(src, dst)

    monkeypatch.setattr(export_module.os, "replace", replace)
    _bundle, written = _fhir(identities, tmp_path, signed_child.pdf_path)
    assert seen == [["plan_signed", "alert_feedback", "alert_feedback", "plan_exported",
                     "plan_verified", "fhir_exported"]]
    assert written.note is None


def _tamper(bundle: dict, change) -> bytes:
    changed = copy.deepcopy(bundle)
    change(changed)
    return json.dumps(changed).encode()


def test_a_tenfold_dose_fails_verify(identities, tmp_path, signed_child, capsys):  # noqa: F811
    bundle, _ = _fhir(identities, tmp_path, signed_child.pdf_path)

    def tenfold(b):
        med = _resources(b, "MedicationRequest")[0]
        med["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] *= 10

    (tmp_path / "ten.json").write_bytes(_tamper(bundle, tenfold))
    assert main(["fhir", "verify", str(tmp_path / "ten.json")]) == 1
    out = capsys.readouterr().out
    assert "Result: FAIL: the bundle was changed after it was signed" in out
    # re-serialised but unchanged (other spacing and key order): still PASS
    again = json.dumps(bundle, indent=None, sort_keys=True).encode()
    assert service().fhir_verify(again).ok


@pytest.mark.parametrize("change", [
    lambda b: b["entry"].pop(next(i for i, e in enumerate(b["entry"])
                                  if e["resource"]["resourceType"] == "DetectedIssue")),
    lambda b: _resources(b, "DetectedIssue")[0]["mitigation"][0]["action"].update(
        text="accepted"),
    lambda b: _resources(b, "Patient")[0].update(name=[{"text": "Someone else"}]),
    lambda b: _resources(b, "MedicationRequest")[0]["dosageInstruction"][0]["timing"][
        "repeat"].update(period=2),
    lambda b: _resources(b, "Provenance")[0].update(recorded="2026-12-01T00:00:00+00:00"),
], ids=["alert removed", "override rewritten", "patient renamed", "interval changed",
        "time changed"])
def test_any_change_fails_verify(identities, tmp_path, signed_child, change):  # noqa: F811
    bundle, _ = _fhir(identities, tmp_path, signed_child.pdf_path)
    result = service().fhir_verify(_tamper(bundle, change))
    assert not result.ok and result.reason_key == "fhir_fail_changed"


def test_verify_uses_the_same_trust_as_pdfs(identities, tmp_path, signed_child):  # noqa: F811
    bundle, _ = _fhir(identities, tmp_path, signed_child.pdf_path)
    data = (tmp_path / "bundle.json").read_bytes()
    assert service().fhir_verify(data).ok
    service().trust.remove(identities["root"].fingerprint)
    untrusted = service().fhir_verify(data)
    assert (untrusted.ok, untrusted.reason_key) == (False, "verify_fail_untrusted")
    assert untrusted.lines()[0] == ("Result: FAIL: " + untrusted.reason_in("en"))
    # no signature at all; not JSON; a key given twice
    assert service().fhir_verify(_tamper(bundle, lambda b: _resources(b, "Provenance")[0]
                                         .pop("signature"))).reason_key == "fhir_fail_no_signature"
    unreadable = service().fhir_verify(b"{not json")
    assert unreadable.reason_key == "fhir_fail_unreadable"
    assert unreadable.lines()[1] == "Document: not recorded (not a LeptoDesk document)"
    assert verify_bundle(b'{"resourceType": "Bundle", "resourceType": "Bundle"}',
                         []).reason_key == "fhir_fail_unreadable"


def test_verify_trust_for_this_check_only_as_for_a_pdf(identities, tmp_path, signed_child,  # noqa: F811
                                                       capsys):
    _fhir(identities, tmp_path, signed_child.pdf_path)
    bundle = str(tmp_path / "bundle.json")
    root = identities["root"]
    service().trust.remove(root.fingerprint)  # granted no longer: only --trust vouches now
    assert main(["fhir", "verify", bundle]) == 1
    capsys.readouterr()
    assert main(["fhir", "verify", bundle, "--trust", str(root.pem_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("Result: PASS: this FHIR bundle is intact")
    assert out[6] == (f'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint '
                      f"{root.fingerprint}, trusted for this check only (--trust)")
    # a clinician's own certificate is no site root; --trust is for checking, not signing
    assert main(["fhir", "verify", bundle, "--trust",
                 str(identities["issued"].p12_path.with_suffix(".pem"))]) == 2
    assert "site root" in capsys.readouterr().err
    assert main(["fhir", str(signed_child.pdf_path), "-o", str(tmp_path / "x.json"),
                 "--identity", str(identities["issued"].p12_path), "--trust",
                 str(root.pem_path)]) == 2
    assert not (tmp_path / "x.json").exists()


def test_verify_refuses_a_fifo_unread(tmp_path, capsys):
    import os

    fifo = tmp_path / "bundle.json"
    os.mkfifo(fifo)
    assert main(["fhir", "verify", str(fifo)]) == 2  # would block if it were read
    assert "a FIFO (named pipe), not a FHIR bundle; nothing was read" in capsys.readouterr().err


def test_a_self_issued_signer_fails_even_with_a_valid_signature(identities, tmp_path):  # noqa: F811
    """A bundle whose JWS is sound but whose signer no site root vouches for."""
    from leptodesk.fhir.bundle import Signer, Source, build_bundle, sign_bundle
    from leptodesk.trust.identity import fingerprint, load_identity

    trust(identities["root"])
    me = load_identity(identities["self"].p12_path, PASS)
    c = example_case("tuberculous-adult")
    plan = service().plan(c)
    from datetime import datetime

    now = datetime.now().astimezone().replace(microsecond=0)
    bundle = build_bundle(c, plan, Signer(me.details.name, me.details.role,
                                          me.details.registration, fingerprint(me.cert)),
                          Source("x", "0" * 64, now), now)
    sign_bundle(bundle, me, now)
    result = service().fhir_verify(json.dumps(bundle).encode())
    assert (result.ok, result.reason_key) == (False, "verify_fail_self_issued")


@pytest.mark.parametrize("who", [
    ("Dr Someone Else", "Consultant neurologist", "GMC 7654321"),
    ("Dr Zoë Ångström-Müller", "Consultant neurologist", "GMC 1111111"),
    ("Dr Zoë Ångström-Müller", "Professor of neurology", "GMC 7654321"),
], ids=["name", "registration", "role"])
def test_a_bundle_naming_another_practitioner_than_its_signer_fails(identities, tmp_path,  # noqa: F811
                                                                   who):
    """A trusted signer's sound signature over a bundle whose Practitioner is not the
    certificate's holder (another name, registration or role): FAIL, as the record system
    would file it under that Practitioner."""
    from leptodesk.fhir.bundle import Signer, Source, build_bundle, sign_bundle
    from leptodesk.trust.identity import fingerprint, load_identity

    trust(identities["root"])
    me = load_identity(identities["issued"].p12_path, PASS)
    c = example_case("tuberculous-adult")
    now = datetime.now().astimezone().replace(microsecond=0)
    for person, expected in (((me.details.name, me.details.role, me.details.registration),
                              (True, "verify_ok")), (who, (False, "fhir_fail_practitioner"))):
        bundle = build_bundle(c, service().plan(c), Signer(*person, fingerprint(me.cert)),
                              Source("x", "0" * 64, now), now)
        sign_bundle(bundle, me, now)
        result = service().fhir_verify(json.dumps(bundle).encode())
        assert (result.ok, result.reason_key) == expected


def test_an_rsa_identity_signs_with_ps256(identities, tmp_path):  # noqa: F811
    from leptodesk.trust.identity import create_identity

    trust(identities["root"])
    rsa = create_identity("Dr Rsa", "Consultant", "GMC 9", tmp_path / "rsa.p12", PASS,
                          ca=identities["root"].p12_path, ca_passphrase=PASS, key_type="rsa")
    c = example_case("tuberculous-adult")
    result = service().export(c, identity=rsa.p12_path, passphrase=PASS,
                              output=tmp_path / "rsa.pdf")
    bundle, written = _fhir({"rsa": rsa}, tmp_path, result.pdf_path, who="rsa")
    assert written.algorithm == "PS256"
    assert service().fhir_verify(tmp_path / "bundle.json").ok


# -- the npm FHIR validator (R4 definitions), when node is here ----------------------------------

def _validator() -> str:
    node = shutil.which("node")
    if node is None or not (VALIDATOR / "node_modules" / "fhir").is_dir():
        pytest.skip("node and tools/fhir-validator not installed (tools/bootstrap.sh "
                    "--fhir-validator)")
    return node


def test_every_example_bundle_passes_the_npm_fhir_validator(identities, tmp_path):  # noqa: F811
    node = _validator()
    trust(identities["root"])
    files = []
    for path in EXAMPLES:
        _, result = export(identities, tmp_path, path.stem)
        _fhir(identities, tmp_path, result.pdf_path, f"{path.stem}.json")
        files.append(str(tmp_path / f"{path.stem}.json"))
    run = subprocess.run([node, str(VALIDATOR / "validate.js"), *files], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [json.loads(line)["valid"] for line in run.stdout.splitlines()] == [True] * len(files)
    # the validator does find errors: an element R4 does not have
    bundle = json.loads(Path(files[0]).read_text())
    _resources(bundle, "MedicationRequest")[0]["dose"] = 1
    (tmp_path / "bad.json").write_text(json.dumps(bundle))
    run = subprocess.run([node, str(VALIDATOR / "validate.js"), str(tmp_path / "bad.json")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and '"valid":false' in run.stdout


USED = ("Bundle", "Patient", "Practitioner", "CarePlan", "RequestGroup", "MedicationRequest",
        "CommunicationRequest", "DetectedIssue", "Provenance", "Dosage", "Timing", "Signature")


def test_r4b_models_have_the_r4_elements_of_every_resource_used():
    """docs/fhir.md says R4B and R4 name the same elements for what the bundle uses: the R4
    definitions (the npm validator's) against fhir.resources' R4B models."""
    import importlib

    node = _validator()
    script = ("const t=require('fhir/profiles/types.json');const o={};"
              f"for(const r of {json.dumps(list(USED))})o[r]=t[r]._properties"
              ".map(p=>p._name).filter(n=>!n.startsWith('_'));"
              "console.log(JSON.stringify(o));")
    run = subprocess.run([node, "-e", script], cwd=VALIDATOR, capture_output=True, text=True,
                         timeout=120, check=True)
    r4 = json.loads(run.stdout)
    for name in USED:
        model = getattr(importlib.import_module(f"fhir.resources.R4B.{name.lower()}"), name)
        r4b = {f.alias or n for n, f in model.model_fields.items()
               if not n.endswith("__ext") and n not in ("fhir_comments", "resource_type")}
        assert r4b == set(r4[name]), name


def test_a_revoked_signer_fails_fhir_verify_as_its_pdf_does(identities, tmp_path):  # noqa: F811
    """The same revocation lists as PDFs: a key compromised after both were signed fails
    the bundle and the PDF alike."""
    from datetime import UTC, datetime, timedelta

    from tests.test_trust_admin import _leaver, _revoke
    from tests.trust_helpers import sign_with

    trust(identities["root"])
    p12, pem = _leaver(identities, tmp_path, "Dr Stolen")
    pdf = sign_with(p12, tmp_path, "lp-contraindicated")
    _fhir({"stolen": p12}, tmp_path, pdf, who="stolen")
    assert service().fhir_verify(tmp_path / "bundle.json").ok
    crl = tmp_path / "root.crl"
    _revoke(identities, pem, "key-compromise",
            datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=1), crl)
    assert main(["trust", "crl", "add", str(crl)]) == 0
    bundle_verdict = service().fhir_verify(tmp_path / "bundle.json")
    pdf_verdict = service().verify(pdf, record=False)
    assert not bundle_verdict.ok and not pdf_verdict.ok
    assert bundle_verdict.reason_in("en") == pdf_verdict.reason
    assert bundle_verdict.reason_in("en").startswith("revoked: ")


def test_the_bundle_verdict_says_what_a_pdf_verdict_says(identities, tmp_path,  # noqa: F811
                                                        signed_child):
    """Who signed and when (local time), the site root with its fingerprint, what the signing
    time rests on, and the verdict word in the reader's language, as a PDF's verdict."""
    from leptodesk.i18n import format_date

    recorded = datetime.now().astimezone().replace(microsecond=0)
    service().fhir_export(signed_child.pdf_path, identity=identities["issued"].p12_path,
                          passphrase=PASS, output=tmp_path / "b.json", now=recorded)
    result = service().fhir_verify(tmp_path / "b.json")
    lines = result.lines()
    day = format_date(recorded.date(), "en")
    assert lines[0] == ("Result: PASS: this FHIR bundle is intact and was signed by Dr Zoë "
                        f"Ångström-Müller on {day} at {recorded:%H:%M} (local time)")
    assert lines[5] == ('Issuer: site root "Hôpital Site Root", SHA-256 fingerprint '
                        f"{identities['root'].fingerprint}, granted on this workstation by its "
                        "administrator")
    assert lines[7] == (f"Signing time: {recorded.isoformat(timespec='seconds')} (the "
                        "signer's claim only: the time the bundle's Provenance records; "
                        "bundles are not archived)")
    # the exact rules that made the plan, as the PDF's verdict names them
    pdf = service().verify(signed_child.pdf_path, record=False)
    assert lines[8:10] == [f"Content version: {pdf.content_version}",
                           f"Content SHA-256: {pdf.content_sha256}"]
    (prov,) = _resources(json.loads((tmp_path / "b.json").read_text()), "Provenance")
    assert prov["policy"] == [f"urn:leptodesk:content:{pdf.content_version}",
                              f"urn:leptodesk:content-sha256:{pdf.content_sha256}"]
    assert result.lines("fr")[0].startswith(
        "Résultat\u00a0: VALIDE\u00a0: ce bundle FHIR est intact")
    assert result.lines("pt")[0].startswith("Resultado: VÁLIDO: este bundle FHIR está íntegro")
    service().trust.remove(identities["root"].fingerprint)
    failed = service().fhir_verify(tmp_path / "b.json")
    assert failed.lines()[5] == 'Issuer: "Hôpital Site Root", not a site root trusted here'
    assert failed.lines("fr")[0].startswith("Résultat\u00a0: REJETÉ\u00a0: ")


def test_a_bundle_signed_before_its_signer_left_passes_with_the_pdfs_note(identities,  # noqa: F811
                                                                          tmp_path):
    """Revoked because the holder left, after both were signed: PASS, and the bundle's verdict
    carries the same note as the PDF's."""
    from datetime import UTC, timedelta

    from tests.test_trust_admin import _leaver, _revoke
    from tests.trust_helpers import sign_with

    trust(identities["root"])
    p12, pem = _leaver(identities, tmp_path, "Dr Leaver")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    pdf = sign_with(p12, tmp_path, "lp-contraindicated", signing_time=now - timedelta(days=20))
    service().fhir_export(pdf, identity=p12, passphrase=PASS, output=tmp_path / "b.json",
                          now=now - timedelta(days=19))
    crl = tmp_path / "root.crl"
    _revoke(identities, pem, "left", now - timedelta(days=10), crl)
    assert main(["trust", "crl", "add", str(crl)]) == 0
    result = service().fhir_verify(tmp_path / "b.json")
    left = (now - timedelta(days=10)).isoformat(timespec="minutes")
    assert result.ok
    assert result.lines()[-1] == (
        f"Note: the signer's certificate was revoked on {left} (its holder left); this plan "
        "was signed before that, so it still verifies (see on what its signing time rests)")


def test_no_bundle_by_a_signer_who_has_left_since_the_plan(identities, tmp_path, capsys,  # noqa: F811
                                                          monkeypatch):
    """The plan verifies (signed before its signer left), but a bundle signed now would not:
    exit 1, the bundle's verdict said, no file."""
    from datetime import UTC, timedelta

    from tests.test_trust_admin import _leaver, _revoke
    from tests.trust_helpers import sign_with

    trust(identities["root"])
    p12, pem = _leaver(identities, tmp_path, "Dr Leaver")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    pdf = sign_with(p12, tmp_path, "lp-contraindicated", signing_time=now - timedelta(days=20))
    crl = tmp_path / "root.crl"
    _revoke(identities, pem, "left", now - timedelta(days=10), crl)
    assert main(["trust", "crl", "add", str(crl)]) == 0
    assert service().verify(pdf, record=False).ok  # the plan still verifies
    capsys.readouterr()
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    out = tmp_path / "b.json"
    assert main(["fhir", str(pdf), "-o", str(out), "--identity", str(p12)]) == 1
    err = capsys.readouterr().err
    assert "no bundle written: the bundle signed now would not verify (FAIL: " in err
    assert "Result: FAIL: " in err and "Signer: Dr Leaver" in err
    assert not out.exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_any_plan_makes_a_bundle_r4b_parses_with_the_plans_doses(c):
    """Any valid case: the bundle parses, has one MedicationRequest per dose with the plan's
    own amount, interval and cap, a DetectedIssue per STOP and WARNING, and its canonical form
    survives being written and read back."""
    from datetime import datetime

    from leptodesk.clinical import build_plan
    from leptodesk.fhir.bundle import Signer, Source, build_bundle

    plan = build_plan(c)
    when = datetime(2026, 11, 24, 10, 0).astimezone()
    bundle = build_bundle(c, plan, Signer("Dr P", "Consultant", "R-1", "ab" * 32),
                          Source("e-1", "cd" * 32, when), when)
    R4B.Bundle.model_validate(bundle)
    meds = _resources(bundle, "MedicationRequest")
    assert len(meds) == len(plan.doses)
    for med, dose in zip(meds, plan.doses, strict=True):
        (dosage,) = med["dosageInstruction"]
        assert dosage.get("doseAndRate", [{}])[0].get("doseQuantity", {}).get("value") == \
            dose.amount_mg
        repeat = dosage.get("timing", {}).get("repeat", {})
        if dose.doses_per_day and dose.amount_mg is not None:
            assert repeat["period"] * dose.doses_per_day == 24
        cap = dosage.get("maxDosePerPeriod", {}).get("numerator", {}).get("value")
        assert cap == (dose.daily_total_mg if dose.capped else None)
        # the earliest stop of a dated minimum course, and only then, as the last note
        stops = [n["text"] for n in med["note"] if n["text"].startswith("earliest stop ")]
        assert len(stops) == (dose.review_date is not None)
        assert not stops or med["note"][-1]["text"] == stops[0]
    issues = _resources(bundle, "DetectedIssue")
    assert [i["code"]["coding"][0]["code"] for i in issues] == [
        a.ack_id for a in plan.alerts if a.severity is not Severity.info]
    assert all("mitigation" not in i for i in issues)  # not signed: nothing acknowledged
    assert canonical(json.loads(json.dumps(bundle, indent=1))) == canonical(bundle)
