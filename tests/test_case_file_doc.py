"""docs/case-file-v2.md and ``leptodesk schema`` stay in step."""

from __future__ import annotations

import json
import re

from leptodesk.commands.core import cmd_schema

from .conftest import ROOT

DOC = ROOT / "docs" / "case-file-v2.md"


def _schema(capsys) -> dict:
    assert cmd_schema(None) == 0
    return json.loads(capsys.readouterr().out)


def _paths(schema: dict) -> tuple[set[str], set[str]]:
    """Every field path of the case schema, and every enumeration value."""
    defs = schema.get("$defs", {})
    paths, enums = set(), set()

    def resolve(node: dict) -> list[dict]:
        if "$ref" in node:
            return resolve(defs[node["$ref"].split("/")[-1]])
        out = [node]
        for key in ("anyOf", "allOf", "oneOf"):
            for sub in node.get(key, []):
                out += resolve(sub)
        return out

    def walk(node: dict, prefix: str) -> None:
        for n in resolve(node):
            enums.update(str(v) for v in n.get("enum", []) if v is not None)
            for name, sub in n.get("properties", {}).items():
                path = f"{prefix}{name}"
                paths.add(path)
                walk(sub, path + ".")

    walk(schema, "")
    return paths, enums


def _example_paths(doc: str) -> set[str]:
    block = doc.split("## Case", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    data = json.loads(block)
    out = set()

    def walk(d: dict, prefix: str) -> None:
        for k, v in d.items():
            out.add(prefix + k)
            if isinstance(v, dict) and set(v) != {"value", "unit"}:
                walk(v, prefix + k + ".")
    walk(data, "")
    return out


def test_every_schema_field_and_value_is_in_the_doc(capsys):
    doc = DOC.read_text(encoding="utf-8")
    paths, enums = _paths(_schema(capsys))
    example = _example_paths(doc)
    for path in paths - {"value", "unit"}:
        leaf = path.split(".")[-1]
        if path.endswith((".value", ".unit")):
            continue
        assert path in example or f"`{path}`" in doc or f'"{leaf}"' in doc, path
    for value in enums:
        assert f"`{value}`" in doc or f'"{value}"' in doc, value


def test_every_field_of_the_doc_example_is_in_the_schema(capsys):
    doc = DOC.read_text(encoding="utf-8")
    paths, _ = _paths(_schema(capsys))
    for path in _example_paths(doc):
        if not re.search(r"\.(value|unit)$", path):
            assert path in paths, path


def test_the_doc_example_case_is_a_valid_case():
    from leptodesk.casefile import load_case_text

    doc = DOC.read_text(encoding="utf-8")
    block = doc.split("## Case", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    case = load_case_text(block)
    assert case.schema_version == 2 and case.lp_safety.prophylactic_lmwh == "given"


def test_number_limits_in_the_doc_are_the_readers():
    """The doc states the number rules the reader enforces (change one, the other must follow)."""
    from leptodesk.casefile import MAX_NUMBER_CHARS, MIN_MAGNITUDE

    text = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"at most {MAX_NUMBER_CHARS} characters" in text
    assert f"below {MIN_MAGNITUDE:.6f} is an error" in text
