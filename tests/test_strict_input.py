"""Strict reading of cases (spec/case-file-v2.md, "Rules that hold for every field").

Every mutation below says by itself whether the contract allows its result (the oracle is the
contract page, not the reader): a wrong JSON type, a key given twice, a control character, a date
outside 2000-2100, nesting past 16, more than 1 MiB, a broken byte... must give exit 2 naming the
path; a null (not known), another in-range date or plain Unicode text must still give exit 0.
Nothing ever gives a traceback or another exit status, and nothing hangs (subprocess timeout as
a hang guard; no timed assertions).
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leptodesk.cli import main

from .conftest import EXAMPLES, ROOT

DATE_FIELDS = {"planned.treatment_start_date"}
DATETIME_FIELDS = {"lp.performed_at", "antibiotics_started_at"}
TEXT_FIELDS = {"patient.display_name"}
# Required inside their object (a measurement is a value with its unit), or at the top.
REQUIRED = {"schema_version"}
MEASUREMENTS = {"lp.csf_glucose", "lp.serum_glucose", "lp.csf_protein"}
FLOAT_FIELDS = {"patient.weight_kg", "lp_safety.platelets_10e9_per_l", "lp_safety.inr",
                "lp.volume_ml", "lp.opening_pressure_cm_h2o", "lp.lymphocyte_percent",
                "lp.csf_glucose.value", "lp.serum_glucose.value", "lp.csf_protein.value",
                "prognosis.life_expectancy_months"}
NUMBER_FIELDS = FLOAT_FIELDS | {"patient.age_years", "patient.age_days", "lp.wbc_per_ul",
                                "prognosis.kps", "lp_safety.hours_since_prophylactic_lmwh"}


def leaves(data, prefix=""):
    """The contract's fields in ``data`` (not the unknown key a mutation added)."""
    for key, value in data.items():
        if key == "not_a_field":
            continue
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from leaves(value, path)
        else:
            yield path, value


def set_path(data, path, value):
    *parents, last = path.split(".")
    for part in parents:
        if not isinstance(data.get(part), dict):
            data[part] = {}
        data = data[part]
    data[last] = value


def required(path):
    parent = path.rsplit(".", 1)[0]
    return path in REQUIRED or parent in MEASUREMENTS


BASES = [json.loads(p.read_text()) for p in EXAMPLES]


# Each operator: (data, rng) -> (new data or raw text, valid?, path named in the message or None)
def op_number_as_text(data, rng):
    paths = [p for p, v in leaves(data) if type(v) in (int, float) and p in NUMBER_FIELDS]
    if not paths:
        return data, True, None
    path = rng.choice(paths)
    value = dict(leaves(data))[path]
    set_path(data, path, rng.choice([str(value), "250", " 1 "]))
    return data, False, path


def op_number_as_bool(data, rng):
    paths = [p for p, v in leaves(data) if type(v) in (int, float) and p in NUMBER_FIELDS]
    if not paths:
        return data, True, None
    path = rng.choice(paths)
    set_path(data, path, rng.choice([True, False]))
    return data, False, path


def op_bool_as_other(data, rng):
    paths = [p for p, v in leaves(data) if type(v) is bool and p not in NUMBER_FIELDS]
    if not paths:
        return data, True, None
    path = rng.choice(paths)
    set_path(data, path, rng.choice(["no", "off", "false", "yes", 0, 1, 0.0, [], {}]))
    return data, False, path


def op_null(data, rng):
    path = rng.choice([p for p, _ in leaves(data)])
    set_path(data, path, None)
    return data, not required(path), path


def op_unknown_key(data, rng):
    section = rng.choice([k for k, v in data.items() if isinstance(v, dict)] + [""])
    target = data[section] if section else data
    target["not_a_field"] = rng.choice([1, "x", None, True])
    return data, False, (section + "." if section else "") + "not_a_field"


def op_control_text(data, rng):
    bad = rng.choice(["\x1b[2J", "\x07", "\x00", "\x7f", "\x85", "\u202e", "\u2066", "\r\n"])
    set_path(data, "patient.display_name", f"Bed {bad}12")
    return data, False, "patient.display_name"


def op_plain_unicode_text(data, rng):
    set_path(data, "patient.display_name", rng.choice(["Zoë Ångström", "床 12", "Bed 12 / MRN"]))
    return data, True, "patient.display_name"


def op_date(data, rng):
    path = rng.choice(sorted(DATE_FIELDS | DATETIME_FIELDS))
    year = rng.choice([1999, 2101, 9998, 9999, 1, 2000, 2050, 2100])
    valid = 2000 <= year <= 2100
    text = f"{year:04d}-06-15" + ("T08:30" if path in DATETIME_FIELDS else "")
    set_path(data, path, text)
    return data, valid, path


def op_date_form(data, rng):
    path = rng.choice(sorted(DATETIME_FIELDS))
    set_path(data, path, rng.choice(["2026-11-24", "2026-11-24T08", "24/11/2026 08:30",
                                     1764000000, True]))
    return data, False, path


def op_huge_number(data, rng):
    paths = [p for p, v in leaves(data) if type(v) in (int, float) and p in NUMBER_FIELDS]
    if not paths:
        return data, True, None
    path = rng.choice(paths)
    set_path(data, path, rng.choice(["__HUGE__", "__INF__", -(10 ** 40)]))
    return data, False, path


def op_tiny_float(data, rng):
    paths = [p for p, v in leaves(data) if p in FLOAT_FIELDS]
    if not paths:
        return data, True, None
    path = rng.choice(paths)
    set_path(data, path, rng.choice([5e-324, 1e-300, 1e-12]))
    return data, False, path


def op_deep(data, rng):
    value: object = {}
    for _ in range(rng.choice([16, 40])):  # far deeper: test_pathological_json
        value = {"x": value}
    data["patient"] = value
    return data, False, "patient"


OPERATORS = [op_number_as_text, op_number_as_bool, op_bool_as_other, op_null, op_unknown_key,
             op_control_text, op_plain_unicode_text, op_date, op_date_form, op_huge_number,
             op_tiny_float, op_deep]


def duplicate_key(text: str, data: dict, rng) -> tuple[str, str]:
    """Insert a second copy of a key (another value) at the start of its object."""
    section = rng.choice([k for k, v in data.items() if isinstance(v, dict) and v])
    key = rng.choice(list(data[section]))
    head = f'"{section}": {{'
    i = text.index(head) + len(head)
    return text[:i] + f'"{key}": null, ' + text[i:], f"{section}.{key}"


def mutate(seed: int) -> tuple[bytes, bool, list[str]]:
    """A mutant, whether the contract allows it, and the paths its message must name (none
    when the file is no longer readable JSON: then the message names the file)."""
    rng = random.Random(seed)
    data = copy.deepcopy(rng.choice(BASES))
    verdicts: dict[str, bool] = {}  # path written -> does the contract allow what is there
    for _ in range(rng.randint(1, 3)):
        data, ok, path = rng.choice(OPERATORS)(data, rng)
        if path is None:
            continue
        verdicts = {p: v for p, v in verdicts.items() if p != path
                    and not p.startswith(path + ".")}  # overwritten by this mutation
        verdicts[path] = ok
    valid = all(verdicts.values())
    named = [p for p, ok in verdicts.items() if not ok]
    safety = data.get("lp_safety") if isinstance(data.get("lp_safety"), dict) else {}
    if data.get("schema_version") == 2 and safety.get("hours_since_prophylactic_lmwh") \
            is not None and safety.get("prophylactic_lmwh") != "given":
        valid = False  # v2: hours since LMWH only with "given" (spec/case-file-v2.md)
    text = json.dumps(data).replace('"__HUGE__"', "9" * 5000).replace('"__INF__"', "1e400")
    finish = rng.random()
    if finish < 0.15:
        text, path = duplicate_key(text, data, rng)
        # the key given twice is named; what is inside it is not read further
        valid, named = False, [n for n in named if not n.startswith(path + ".")] + [path]
    raw = text.encode("utf-8")
    if 0.15 <= finish < 0.33:  # no longer a readable case: the file is named, not a field
        named, valid = [], False
    if 0.15 <= finish < 0.25:
        raw = raw[:rng.randrange(1, raw.rindex(b"}"))]
    elif 0.25 <= finish < 0.3:
        at = raw.index(b'"', rng.randrange(len(raw) // 2)) + 1
        raw = raw[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80"]) + raw[at:]
    elif 0.3 <= finish < 0.33:
        raw = raw[:-1] + b', "pad": "' + b"a" * (1024 * 1024) + b'"}'
    return raw, valid, named


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(seed=st.integers(min_value=0, max_value=2 ** 32))
def test_mutated_examples_exit_0_only_when_valid(seed, tmp_path_factory, capsys):
    raw, valid, named = mutate(seed)
    path = tmp_path_factory.mktemp("m") / "case.json"
    path.write_bytes(raw)
    code = main(["plan", str(path), "--format", "json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert code == (0 if valid else 2), captured.err[:2000]
    if not valid:
        assert str(path) in captured.err  # the file is named
        for field in named:  # and each bad field by its path
            assert field in captured.err, (field, captured.err[:2000])
        assert max(len(line) for line in captured.err.splitlines()) < 400  # never the value
        assert "\x1b" not in captured.err and "\u202e" not in captured.err


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The real command in a subprocess; the timeout is a hang guard, not a measurement."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "leptodesk", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("seed", range(12))
def test_mutants_in_a_real_process(seed, tmp_path):
    raw, valid, _ = mutate(10_000 + seed)
    path = tmp_path / "case.json"
    path.write_bytes(raw)
    result = run_cli("plan", str(path))
    assert "Traceback" not in result.stderr
    assert result.returncode == (0 if valid else 2), result.stderr[:2000]


def test_fifo_device_and_directory_refused_without_reading(tmp_path):
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)  # nobody writes to it: reading it would block for ever
    for target, kind in ((fifo, "FIFO"), (Path("/dev/zero"), "device"), (tmp_path, "directory")):
        result = run_cli("plan", str(target))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert str(target) in result.stderr and kind in result.stderr


def test_size_cap_refuses_without_echo(tmp_path):
    big = tmp_path / "big.json"
    big.write_text('{"schema_version": 1, "patient": {"display_name": "' + "A" * 3_000_000 + '"}}')
    result = run_cli("plan", str(big))
    assert result.returncode == 2 and "1024 KiB" in result.stderr
    assert "AAAAAAAAAA" not in result.stderr and len(result.stderr) < 500


@pytest.mark.parametrize(("edit", "path", "says"), [
    (("lp_safety", "inr", True), "lp_safety.inr", "got true"),
    (("presentation", "suspected_bacterial_meningitis", "off"),
     "presentation.suspected_bacterial_meningitis", 'got "off"'),
    (("presentation", "suspected_bacterial_meningitis", 0),
     "presentation.suspected_bacterial_meningitis", "got 0"),
    (("lp", "wbc_per_ul", "250"), "lp.wbc_per_ul", 'got "250"'),
    (("planned", "treatment_start_date", "9999-12-31"), "planned.treatment_start_date",
     "2000-01-01 and 2100-12-31"),
    (("planned", "treatment_start_date", "1999-12-31"), "planned.treatment_start_date",
     "2000-01-01 and 2100-12-31"),
    (("lp", "serum_glucose", {"value": 5e-324, "unit": "mmol/L"}), "lp.serum_glucose.value",
     "5e-324"),
])
def test_issue_examples_exit_2_naming_the_field(edit, path, says, tmp_path, capsys):
    data = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text())
    section, field, value = edit
    data[section][field] = value
    target = tmp_path / "case.json"
    target.write_text(json.dumps(data))
    assert main(["plan", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and says in err


@pytest.mark.parametrize("year", ["2000-01-01", "2100-12-31"])
def test_date_range_boundaries_are_valid(year, tmp_path, capsys):
    data = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text())
    data["planned"]["treatment_start_date"] = year
    target = tmp_path / "case.json"
    target.write_text(json.dumps(data))
    assert main(["plan", str(target)]) == 0


def test_duplicate_key_last_does_not_win(tmp_path, capsys):
    target = tmp_path / "case.json"
    target.write_text('{"schema_version": 1, "lp_safety": {"platelets_10e9_per_l": 20, '
                      '"platelets_10e9_per_l": 200}}')
    assert main(["plan", str(target)]) == 2
    err = capsys.readouterr().err
    assert "lp_safety.platelets_10e9_per_l: this key is given more than once" in err


@pytest.mark.parametrize(("text", "says"), [
    ('{"schema_version": 1, "lp": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested"),
    ('{"schema_version": 1, "patient": {"age_years": ' + "9" * 5000 + "}}", "5000 digits"),
    ('{"schema_version": 1, "lp_safety": {"inr": NaN}}', "NaN"),
    ('{"schema_version": 1, "lp_safety": {"inr": Infinity}}', "Infinity"),
    ('{"schema_version": true}', "schema_version"),
])
def test_pathological_json(text, says, tmp_path, capsys):
    target = tmp_path / "case.json"
    target.write_text(text)
    assert main(["plan", str(target)]) == 2
    assert says in capsys.readouterr().err


def test_non_utf8_names_the_byte(tmp_path, capsys):
    target = tmp_path / "case.json"
    target.write_bytes(b'{"schema_version": 1, "patient": {"display_name": "B\xe9d 12"}}')
    assert main(["plan", str(target)]) == 2
    assert "not UTF-8 text (the byte at offset 52 is 0xe9)" in capsys.readouterr().err


def test_wizard_edits_are_as_strict_as_files():
    from leptodesk.errors import InvalidInput
    from leptodesk.models import SCHEMA_VERSION, Case
    from leptodesk.service.cases import with_field

    case = Case(schema_version=SCHEMA_VERSION)
    assert with_field(case, "patient.weight_kg", "70").patient.weight_kg == 70  # typed digits
    assert with_field(case, "prognosis.kps", "80").prognosis.kps == 80
    for path, value in (("presentation.severe_sepsis", "off"), ("lp_safety.inr", True),
                        ("planned.treatment_start_date", "9999-01-01"),
                        ("patient.display_name", "Bed\x1b[2J 1"), ("patient.weight_kg", "7O")):
        with pytest.raises(InvalidInput) as err:
            with_field(case, path, value)
        assert [e.path for e in err.value.errors] == [path]


def test_pdf_attachment_and_draft_read_strictly():
    from leptodesk.casefile import load_case_text
    from leptodesk.errors import InvalidInput

    with pytest.raises(InvalidInput) as err:
        load_case_text('{"schema_version": 1, "lp_safety": {"inr": true}}', "autosaved draft")
    assert "autosaved draft" in err.value.describe() and "lp_safety.inr" in err.value.describe()
