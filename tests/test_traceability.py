"""docs/traceability.md covers every guideline line, every rule, and names real tests."""

import ast
import re

from leptodesk import content

from .conftest import ROOT

GUIDELINE = ROOT / "resources" / "guideline" / "leptomeningeal-spine-treatment.txt"
TABLE = ROOT / "docs" / "traceability.md"


def rows() -> list[dict]:
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].isdigit():
            number, opening, kind, rules, tests = cells
            out.append({"line": int(number), "opening": opening, "kind": kind,
                        "rules": [r.strip() for r in rules.split(",") if r.strip()],
                        "tests": [t.strip() for t in tests.split(",") if t.strip()]})
    return out


def _test_sources() -> dict[str, str]:
    sources = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                first = min([d.lineno for d in node.decorator_list] + [node.lineno])
                sources[node.name] = "\n".join(text.splitlines()[first - 1:node.end_lineno])
    return sources


def test_bundled_guideline_is_the_shared_one_when_present():
    shared = ROOT.parent / "shared" / "guideline" / GUIDELINE.name
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == GUIDELINE.read_text(encoding="utf-8")


def test_every_guideline_line_is_in_the_table_in_order():
    lines = GUIDELINE.read_text(encoding="utf-8").splitlines()
    table = rows()
    assert [r["line"] for r in table] == list(range(1, len(lines) + 1))
    for row in table:
        assert lines[row["line"] - 1].startswith(row["opening"]), row


def test_lines_with_citations_are_statements():
    lines = GUIDELINE.read_text(encoding="utf-8").splitlines()
    for row in rows():
        if _citations(lines[row["line"] - 1]):
            assert row["kind"] == "statement", row


def test_every_statement_has_rules_and_tests_that_check_them():
    tests = _test_sources()
    for row in rows():
        assert row["kind"] in ("statement", "heading"), row
        if row["kind"] == "heading":
            assert not row["rules"] and not row["tests"], row
            continue
        assert row["rules"] and row["tests"], f"line {row['line']} has no rule or no test"
        for rule in row["rules"]:
            assert rule in content.TEXTS, f"line {row['line']}: unknown rule {rule}"
        for name in row["tests"]:
            assert name in tests, f"line {row['line']}: no test named {name}"
        for rule in row["rules"]:
            assert any(rule in tests[name] for name in row["tests"]), (
                f"line {row['line']}: none of {row['tests']} checks {rule}")


def test_every_rule_traces_to_a_statement():
    traced = {rule for row in rows() for rule in row["rules"]}
    assert set(content.TEXTS) - traced == set()


def test_every_rule_citation_is_a_guideline_reference_of_its_lines():
    lines = GUIDELINE.read_text(encoding="utf-8").splitlines()
    cited: dict[str, set[int]] = {}
    own = [_citations(text) for text in lines]
    for row in rows():
        i = row["line"] - 1
        found = set(own[i])
        # a bullet or an introducing line ("...:") without its own citation takes the next
        # one below it (the CSF profile bullets, lines 6-9; the prognosis gates, 32 and 44)
        while not found and (lines[i].startswith("- ") or lines[i].endswith(":")) and (
                i + 1 < len(lines)):
            i += 1
            found = set(own[i])
        for rule in row["rules"]:
            cited.setdefault(rule, set()).update(found)
    for rule, text in content.TEXTS.items():
        assert set(text.citations) <= cited[rule], (rule, text.citations, cited[rule])


def _citations(text: str) -> set[int]:
    found: set[int] = set()
    # a citation follows a space and precedes the next sentence or the end of the line
    for match in re.finditer(r"(?<=\s)([1-9](?:, [1-9])*)(?=\s[A-Z]|$)", text):
        found |= {int(n) for n in match.group(1).split(", ")}
    return found


def test_content_hash_covers_the_rules_as_they_are():
    """A change to the rules must change content_sha256: pin the sources' digest."""
    actual = content.rules_source_sha256()
    assert content.RULES_SOURCE_SHA256 == actual, (
        "leptodesk/clinical/, models/ or fields.py changed: set "
        f'RULES_SOURCE_SHA256 = "{actual}" in leptodesk/content/digest.py, and bump '
        "CONTENT_VERSION if the change reaches users")


def test_the_hashed_numbers_are_named_one_by_one():
    """content_sha256 hashes these numbers under these names, those content.py held when plans
    were first hashed (the case model's age bounds it used and the kind names of its statements
    included): a constant added to or dropped from the hash is a decision, made here too."""
    from leptodesk.content.digest import _content_payload

    numbers = _content_payload(content.SiteDefaults())["numbers"]
    assert set(numbers) == {
        "LP_MIN_PLATELETS_10E9_PER_L", "LP_MAX_INR", "LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH",
        "CSF_MIN_VOLUME_ML_LOW", "CSF_MIN_VOLUME_ML_HIGH", "CSF_PROCESS_WITHIN_MIN",
        "CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW", "CSF_PROTEIN_ELEVATED_ABOVE_MG_DL",
        "CULTURE_YIELD_WITHIN_4H_PERCENT", "CULTURE_YIELD_AFTER_4H_PERCENT",
        "CULTURE_YIELD_AFTER_8H_PERCENT", "CULTURE_YIELD_HOURS",
        "CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT", "PREDNISONE_MG_PER_KG_DAY",
        "CEFTRIAXONE_ADULT_G_PER_DAY", "CEFTRIAXONE_DIVIDED_EVERY_H",
        "CEFTRIAXONE_CHILD_MG_PER_KG_DAY", "CEFTRIAXONE_CHILD_MAX_G_PER_DAY",
        "IT_METHOTREXATE_MG", "IT_TWICE_WEEKLY_WEEKS", "IT_WEEKLY_WEEKS", "RT_TOTAL_GY",
        "RT_FRACTIONS", "KPS_GOOD_MIN", "LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS", "TB_MIN_MONTHS",
        "BACTERIAL_SPINAL_MIN_WEEKS", "BACTERIAL_UNCOMPLICATED_DAYS", "TB_MORTALITY_PERCENT",
        "KG_PER_LB", "ADULT_MIN_YEARS", "NEONATE_MAX_DAYS", "R", "A", "F", "RULES_SOURCES",
        "RULES_SOURCE_SHA256"}
    assert (numbers["R"], numbers["A"], numbers["F"]) == ("recommendation", "alert", "finding")
    assert (numbers["NEONATE_MAX_DAYS"], numbers["ADULT_MIN_YEARS"]) == (28, 18)
    assert numbers["LP_MAX_INR"] == 1.4 and numbers["RT_TOTAL_GY"] == (30, 36)


def test_every_guideline_constant_is_hashed():
    """A number written in constants.py is one the rules test: a new one must reach the hash."""
    from leptodesk.content import constants
    from leptodesk.content.digest import _content_payload

    written = {name for name, value in vars(constants).items() if name.isupper()
               and isinstance(value, int | float | tuple | str)}
    assert "KPS_GOOD_MIN" in written
    assert written - set(_content_payload(content.SiteDefaults())["numbers"]) == set()


def test_a_changed_guideline_number_changes_the_content_hash(monkeypatch):
    from leptodesk.content import constants

    site = content.SiteDefaults()
    content.content_sha256.cache_clear()
    before = content.content_sha256(site, "en")
    monkeypatch.setattr(constants, "KPS_GOOD_MIN", 80)
    content.content_sha256.cache_clear()
    try:
        assert content.content_sha256(site, "en") != before
    finally:
        monkeypatch.undo()
        content.content_sha256.cache_clear()
    assert content.content_sha256(site, "en") == before


def test_every_review_finding_is_traced_to_real_tests():
    """The second review's findings (issue 10): each names tests that exist."""
    text = TABLE.read_text(encoding="utf-8")
    assert "## Findings of the second clinical-safety review" in text
    section = text.split("## Findings of the second clinical-safety review", 1)[1]
    tests = _test_sources()
    found = 0
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[1] not in ("High", "Medium", "Low"):
            continue
        found += 1
        names = [re.sub(r"\s*\(.*\)$", "", t.strip()) for t in cells[3].split(", ")]
        assert names, cells
        for name in names:
            assert name in tests, f"{cells[0]}: no test named {name}"
    assert found >= 17


def test_numbers_written_in_texts_are_the_contents_constants():
    """A number typed into a sentence must be one of the numbers the rules test; those that
    the rules compare against (thresholds, doses, yields) are filled in from the constants."""
    values: set[float] = set()
    for name, value in vars(content).items():
        if not name.isupper() or isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            values.add(float(value))
        elif isinstance(value, tuple):
            values.update(float(v) for v in value if isinstance(v, int | float))
    number = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)(?![A-Za-z0-9])")
    texts = {k: t.text for k, t in content.TEXTS.items()} | content.GAPS
    stray = {k: m.group(1) for k, text in texts.items() for m in number.finditer(text)
             if float(m.group(1)) not in values}
    assert stray == {}
    for rule in ("lp.safety_incomplete", "mal.it_methotrexate", "mal.focal_rt",
                 "pitfall.ct_delay", "mal.gate_good", "workup.csf_volume_low",
                 "bact.ceftriaxone_child", "bact.ceftriaxone_adult", "tb.steroids",
                 "tb.ripe", "mal.gate_unknown", "csf.protein", "bact.duration_meningitis"):
        assert "{" in content.TEXTS[rule].text  # numbers filled in from the constants
    # and what they are filled in with is the constant the rule tests
    assert content.NUMBERS["ceft_child_max_g"] == f"{content.CEFTRIAXONE_CHILD_MAX_G_PER_DAY:g}"
    assert content.NUMBERS["kps_min"] == f"{content.KPS_GOOD_MIN:g}"


def test_the_digest_covers_every_module_of_the_rules_and_the_models(tmp_path):
    """A module added to leptodesk/clinical/ (a new pathway) or to leptodesk/models/ changes the
    digest without being listed anywhere."""
    import shutil

    core = tmp_path / "leptodesk"
    shutil.copytree(ROOT / "leptodesk", core, ignore=shutil.ignore_patterns("__pycache__"))
    assert content.rules_source_sha256(str(core)) == content.RULES_SOURCE_SHA256
    (core / "clinical" / "new_pathway.py").write_text("SOMETHING = 1\n", encoding="utf-8")
    assert "clinical/new_pathway.py" in content.rules_source_files(str(core))
    with_pathway = content.rules_source_sha256(str(core))
    assert with_pathway != content.RULES_SOURCE_SHA256
    (core / "models" / "extra.py").write_text("SOMETHING = 1\n", encoding="utf-8")
    assert "models/extra.py" in content.rules_source_files(str(core))
    assert content.rules_source_sha256(str(core)) not in (with_pathway,
                                                          content.RULES_SOURCE_SHA256)
