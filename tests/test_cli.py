"""The command line end to end: every example, exit codes, messages without tracebacks."""

import json
import subprocess
import sys

import pytest

from leptodesk.casefile import load_case_file
from leptodesk.cli import main
from leptodesk.clinical import build_plan
from leptodesk.models import Case, Plan

from .conftest import EXAMPLES, ROOT

TB_DRUGS = {("isoniazid", None), ("rifampin", None), ("pyrazinamide", None),
            ("ethambutol", None)}  # named by the guideline without a dose: see the prescription
# Doses are (drug, one dose in mg), worked by hand from the guideline.
EXPECTED = {
    "bacterial-child-sepsis": {  # antibiotics recorded as started: no "start them now"
        "pathway": "bacterial", "stop": {"lp.contraindicated"},
        # ceftriaxone 100 mg/kg/day x 25 kg = 2500 mg, once daily (the prescriber's choice)
        "doses": {("ceftriaxone", 2500)},
        "text": ["ceftriaxone: 2500 mg, IV, once daily (every 24 hours); daily total 2500 mg"],
    },
    "lp-contraindicated": {
        "pathway": "undetermined", "stop": {"lp.contraindicated"}, "doses": set(),
        "text": ["STOP: Do not perform a lumbar puncture now. Contraindicated by platelets 25"],
    },
    "malignant-her2-good-prognosis": {
        "pathway": "malignant_good_prognosis", "stop": set(), "doses": {("methotrexate", 15)},
        # dates with their weekday, as on the panel and both PDFs (2026-11-30 is a Monday)
        "text": ["Mon 30 Nov 2026  Intrathecal methotrexate 15 mg (1 of 8, twice weekly) [5]",
                 "trastuzumab deruxtecan", "daily total not applicable: not given"],
    },
    "tuberculous-adult": {  # prednisone 1 mg/kg/day x 58 kg = 58 mg
        "pathway": "tuberculous", "stop": set(), "doses": {("prednisone", 58)} | TB_DRUGS,
        "text": ["CSF/serum glucose ratio 0.30", "Sun 21 Nov 2027  End of minimum 12-month",
                 "prednisone: 58 mg, oral, once daily",
                 "LP: Incomplete. Not yet answered: signs of severe sepsis"],
    },
    "tuberculous-adult-v1": {  # the v1 file's empty LMWH field is not known, never "none"
        "pathway": "tuberculous", "stop": set(), "doses": {("prednisone", 58)} | TB_DRUGS,
        "text": ["prednisone: 58 mg, oral, once daily", "Not yet answered: prophylactic LMWH"],
    },
    "complete-tuberculous-adult": {  # 1 mg/kg/day x 70 kg = 70 mg; 1.4 / 5.6 mmol/L = 0.25
        "pathway": "tuberculous", "stop": set(), "doses": {("prednisone", 70)} | TB_DRUGS,
        "text": ["prednisone: 70 mg, oral, once daily", "CSF/serum glucose ratio 0.25"],
    },
}


def test_every_example_has_expectations():
    assert {p.stem for p in EXAMPLES} == set(EXPECTED)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_plans_as_json(path, capsys):
    assert main(["plan", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    plan = Plan.model_validate(out)
    expected = EXPECTED[path.stem]
    assert plan.pathway == expected["pathway"]
    assert {a.id for a in plan.alerts if a.severity == "stop"} == expected["stop"]
    assert {(d.drug, d.amount_mg) for d in plan.doses} == expected["doses"]
    case = load_case_file(path)
    assert plan.case_sha256 == case.sha256()
    assert plan.content_version == "lepto-spine-2026.7" and len(plan.content_sha256) == 64
    assert plan == build_plan(case)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_plans_as_text_stop_alerts_first(path, capsys):
    assert main(["plan", str(path)]) == 0
    out = capsys.readouterr().out
    for line in EXPECTED[path.stem]["text"]:
        assert line in out
    if "STOP" in out:
        assert out.index("== STOP") < out.index("== Diagnostic workup")


def test_invalid_case_exit_2_names_each_field(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "patient": {"weight_kg": 500, "sexx": "f"},
                               "prognosis": {"kps": 75}}))
    assert main(["plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "patient.weight_kg" in err and "0.3 to 350" in err
    assert "patient.sexx: unknown field" in err
    assert "prognosis.kps" in err and "steps of 10" in err
    assert "Traceback" not in err


def test_missing_file_exit_1(tmp_path, capsys):
    assert main(["plan", str(tmp_path / "nope.json")]) == 1
    err = capsys.readouterr().err
    assert "No such file" in err and "Traceback" not in err


def test_usage_error_exit_2(capsys):
    assert main(["plan"]) == 2
    assert main(["plan", "x.json", "--format", "xml"]) == 2


def test_schema_is_the_case_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Case" and schema["required"] == ["schema_version"]
    assert schema["additionalProperties"] is False
    assert Case.model_json_schema() == schema


def test_site_defaults_file_is_read(tmp_path, capsys, _isolated_home):
    site_file = _isolated_home / "site-defaults.json"
    site_file.write_text('{"opening_pressure_upper_normal_cm_h2o": 35}')
    assert main(["plan", str(ROOT / "examples" / "tuberculous-adult.json")]) == 0
    assert "Opening pressure 30 cm H2O: not elevated" in capsys.readouterr().out
    (_isolated_home / "site-defaults.json").write_text('{"opening_pressure": 35}')
    from leptodesk.service import reset_services

    reset_services()  # the service reads the site's values once per process
    assert main(["plan", str(ROOT / "examples" / "tuberculous-adult.json")]) == 2
    assert "opening_pressure: unknown field" in capsys.readouterr().err


def test_python_dash_m_and_console_script_agree():
    example = str(ROOT / "examples" / "lp-contraindicated.json")
    run = subprocess.run([sys.executable, "-m", "leptodesk", "plan", example, "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout)["pathway"] == "undetermined"


@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_a_reader_that_stopped_reading_gets_a_quiet_exit_141(unbuffered):
    """``leptodesk plan CASE | head -1``: once the reader has gone, nothing is printed to the
    terminal (no "Broken pipe", no "Exception ignored") and the status is a pipe's (141);
    whether Python writes at once (PYTHONUNBUFFERED, as in some shells) or buffers (as CI)."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "leptodesk", "plan",
                               str(ROOT / "examples" / "tuberculous-adult.json")],
                              stdout=write_end, stderr=subprocess.PIPE, text=True,
                              timeout=60, cwd=ROOT, env=env)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")


def _run_with(argv, stdout, stderr, unbuffered):
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run([sys.executable, "-m", "leptodesk", *argv], stdout=stdout,
                          stderr=stderr, timeout=60, cwd=ROOT, env=env)


@pytest.mark.parametrize("unbuffered", [True, False])
def test_a_refusal_keeps_its_status_and_message_when_the_reader_has_gone(tmp_path, unbuffered):
    """``leptodesk verify junk.pdf | head -0``: the verdict FAIL is not read, but its status
    (1) stands; only success becomes a pipe's 141."""
    import os

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a PDF at all")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = _run_with(["verify", str(junk)], write_end, subprocess.PIPE, unbuffered)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


@pytest.mark.parametrize("unbuffered", [True, False])
def test_output_to_a_file_is_kept_when_the_reader_of_errors_has_gone(tmp_path, unbuffered):
    """stdout to a file, stderr's reader gone: the whole report reaches the file, and the
    status is the command's."""
    import os

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a PDF at all")
    report = tmp_path / "report.txt"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        with report.open("wb") as out:
            done = _run_with(["verify", str(junk)], out, write_end, unbuffered)
    finally:
        os.close(write_end)
    assert done.returncode == 1
    text = report.read_text()
    assert f"File: {junk}" in text and "Result: FAIL" in text, text
