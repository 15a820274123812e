"""English content as data: move every English sentence, fragment and label out of the Python
modules into resources/content/en.json, under the same keys as fr.json and pt.json.

    .venv/bin/python tools/english_content.py          # move what is left, write en.json
    .venv/bin/python tools/english_content.py --check  # exit 1 if any English is left in Python

What it moves (each a ``prefix:key`` of the catalogue, as French and Portuguese have it):

- ``leptodesk/messages.py``: the ``MESSAGES`` dict (``msg:``);
- ``leptodesk/content/texts.py``: the text of each ``Text(...)`` in ``TEXTS`` (``text:``),
  ``GAPS`` (``gap:``), ``REVIEW_NOTES`` (``note:`` and ``source:``), ``ENTRY_CHECKS``
  (``check:``) and ``SYSTEMIC_AGENTS`` (``agent:``);
- ``leptodesk/content/site_defaults.py``: each site default's ``description`` (``site:``);
- ``leptodesk/fields.py``: ``FIELD_LABELS`` (``field:``) is copied, not moved (the first page
  shows the labels before any catalogue is read);
- ``leptodesk/service/cases.py``: ``KPS_LEVELS`` (``kps:``);
- the words of each allowed value of a case field (``value:``), made from the case model.

Each dict is then read from the English catalogue (``i18n.english_under``), so the code that
reads ``MESSAGES[key]`` or ``GAPS[key]`` is unchanged. Run it again after merging work that
added English to those modules: it takes the new entries, keeps the ones moved before, and
writes en.json in the order of fr.json (new keys last); ``ruff check --fix`` then sorts the
imports. It reads the sources as text (never imports them), so it works on a half-moved tree.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "leptodesk"
CONTENT_DIR = ROOT / "resources" / "content"
EN_JSON = CONTENT_DIR / "en.json"

# The modules read (and rewritten when English is found in them), under leptodesk/.
SOURCES = ("messages.py", "content/texts.py", "content/site_defaults.py", "fields.py",
           "service/cases.py")
# name in the module -> (module, catalogue prefix)
PLAIN_DICTS = {
    "MESSAGES": ("messages.py", "msg:"),
    "GAPS": ("content/texts.py", "gap:"),
    "ENTRY_CHECKS": ("content/texts.py", "check:"),
    "SYSTEMIC_AGENTS": ("content/texts.py", "agent:"),
}
# Copied, not moved: the field labels stay written in fields.py, because the first page shows
# them before any catalogue is read (the start-up budget: no json, no catalogue before the
# first page); en.json holds the same words under field:KEY, and tests hold the two equal.
COPIED_DICTS = {"FIELD_LABELS": ("fields.py", "field:")}

VIEW = {
    "MESSAGES": 'MESSAGES = english_under("msg:")',
    "GAPS": 'GAPS = english_under("gap:")',
    "ENTRY_CHECKS": 'ENTRY_CHECKS = english_under("check:")',
    "SYSTEMIC_AGENTS": 'SYSTEMIC_AGENTS = english_under("agent:")',
    "REVIEW_NOTES": 'REVIEW_NOTES = english_pairs("note:", "source:")',
    "KPS_LEVELS": 'KPS_LEVELS: tuple[tuple[int, str], ...] = tuple(\n'
                  '    (int(level), text) for level, text in english_under("kps:").items())',
}

MESSAGES_MODULE = '''\
"""The English words of the plan that are not guideline statements: the fragments that fill a
statement's placeholders (chosen by the rules by key), and the fixed words of every view
(terminal text, PDFs, verify). They live in ``resources/content/en.json`` as ``msg:KEY``, with
the same keys and ``{placeholders}`` as ``fr.json`` and ``pt.json``; ``MESSAGES[key]`` reads
them (tools/english_content.py moves any written here into the file).

A fragment that completes a sentence starts with a space when the sentence has none before
its placeholder (" Ommaya reservoir recorded."); a translation keeps that space.
"""

from __future__ import annotations

from .i18n import english_under

MESSAGES = english_under("msg:")
'''


def _literal(node: ast.AST) -> object:
    return ast.literal_eval(node)


def _assignments(tree: ast.Module, name: str) -> list[ast.stmt]:
    out = []
    for node in tree.body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            out.append(node)
    return out


class Source:
    """A module's text with replacements of line ranges and character spans, applied last."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text(encoding="utf-8")
        self.tree = ast.parse(self.text)
        self.lines = self.text.splitlines(keepends=True)
        self.edits: list[tuple[int, int, str]] = []  # (start offset, end offset, new text)

    def offset(self, line: int, col: int) -> int:
        return sum(len(x) for x in self.lines[:line - 1]) + len(
            self.lines[line - 1].encode("utf-8")[:col].decode("utf-8"))

    def replace_node(self, node: ast.AST, text: str, whole_lines: bool = False) -> None:
        if whole_lines:
            start = self.offset(node.lineno, 0)
            end = self.offset(node.end_lineno, 0) + len(self.lines[node.end_lineno - 1])
            text = text + "\n"
        else:
            start = self.offset(node.lineno, node.col_offset)
            end = self.offset(node.end_lineno, node.end_col_offset)
        self.edits.append((start, end, text))

    def replace_span(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, text))

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text


def _ensure_import(text: str, line: str) -> str:
    """``line`` (an import) added after the module's last top-level ``from .`` import."""
    if line in text:
        return text
    tree = ast.parse(text)
    last = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            last = node
    lines = text.splitlines(keepends=True)
    if last is None:
        future = next(n for n in tree.body if isinstance(n, ast.ImportFrom)
                      and n.module == "__future__")
        at = future.end_lineno
        lines.insert(at, "\n" + line + "\n")
    else:
        lines.insert(last.end_lineno, line + "\n")
    return "".join(lines)


def gather(sources: dict[str, Source]) -> dict[str, str]:
    """The English still written in the Python sources, by catalogue key."""
    found: dict[str, str] = {}
    for name, (module, prefix) in PLAIN_DICTS.items():
        src = sources[module]
        for node in _assignments(src.tree, name):
            if isinstance(node.value, ast.Dict):
                for key, value in _literal(node.value).items():
                    found[prefix + key] = value
                src.replace_node(node, VIEW[name], whole_lines=True)
    for name, (module, prefix) in COPIED_DICTS.items():
        for node in _assignments(sources[module].tree, name):
            found.update({prefix + k: v for k, v in _literal(node.value).items()})
    texts = sources["content/texts.py"]
    for node in _assignments(texts.tree, "REVIEW_NOTES"):
        if isinstance(node.value, ast.Dict):
            for key, (text, source) in _literal(node.value).items():
                found[f"note:{key}"] = text
                found[f"source:{key}"] = source
            texts.replace_node(node, VIEW["REVIEW_NOTES"], whole_lines=True)
    for node in _assignments(texts.tree, "TEXTS"):
        if not isinstance(node.value, ast.Dict):
            continue
        for key_node, call in zip(node.value.keys, node.value.values, strict=True):
            key = _literal(key_node)
            if not (isinstance(call, ast.Call) and len(call.args) >= 3
                    and isinstance(call.args[2], ast.Constant)
                    and isinstance(call.args[2].value, str)):
                continue
            if len(call.args) == 3 and " " not in call.args[2].value:
                continue  # Text(kind, cites, group), already moved: a group is one word
            found[f"text:{key}"] = call.args[2].value
            if len(call.args) == 4:  # Text(kind, cites, "text", group) -> (kind, cites, group)
                start = texts.offset(call.args[2].lineno, call.args[2].col_offset)
                end = texts.offset(call.args[3].lineno, call.args[3].col_offset)
            else:  # Text(kind, cites, "text") -> Text(kind, cites)
                start = texts.offset(call.args[1].end_lineno, call.args[1].end_col_offset)
                end = texts.offset(call.end_lineno, call.end_col_offset) - 1
            texts.replace_span(start, end, "")
    site = sources["content/site_defaults.py"]
    for cls in site.tree.body:
        if isinstance(cls, ast.ClassDef) and cls.name == "SiteDefaults":
            for stmt in cls.body:
                if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.value, ast.Call)):
                    continue
                name = stmt.target.id
                for kw in stmt.value.keywords:
                    if kw.arg == "description" and isinstance(kw.value, ast.Constant):
                        found[f"site:{name}"] = kw.value.value
                        # _site: the description as the others are, its numbers filled in
                        site.replace_node(kw.value, f'_site("{name}")')
    for cls in texts.tree.body:
        if isinstance(cls, ast.ClassDef) and cls.name == "Text":
            fields = [s.target.id for s in cls.body if isinstance(s, ast.AnnAssign)]
            if "text" in fields:
                start = min([cls.lineno] + [d.lineno for d in cls.decorator_list])
                texts.replace_span(texts.offset(start, 0),
                                   texts.offset(cls.end_lineno + 1, 0), TEXT_CLASS + "\n")
    editing = sources["service/cases.py"]
    for node in _assignments(editing.tree, "KPS_LEVELS"):
        if isinstance(node.value, ast.Tuple):
            for level, text in _literal(node.value):
                found[f"kps:{level}"] = text
            editing.replace_node(node, VIEW["KPS_LEVELS"], whole_lines=True)
    return found


TEXT_CLASS = '''@dataclass(frozen=True)
class Text:
    """A guideline statement: its kind and citations, and where it goes (recommendation: the
    section; alert: the severity, which a rule may override per case). Its words are the
    catalogue's ``text:KEY`` (resources/content/en.json, fr.json, pt.json)."""

    kind: Literal["recommendation", "alert", "finding", "gap"]
    citations: tuple[int, ...]
    # recommendation: the section; alert: the severity (may be overridden per case)
    group: str = ""

    @property
    def text(self) -> str:
        """The statement's English (its key is given once TEXTS is made, below)."""
        return english(f"text:{self.__dict__['key']}")'''


NAME_STATEMENTS = (
    "\n# Each statement knows its key, under which the catalogues hold its words (not a field:\n"
    "# the hash payload and the comparisons stay those of kind, citations and group).\n"
    "for _key, _statement in TEXTS.items():\n"
    "    object.__setattr__(_statement, \"key\", _key)\n")


def _content_fixups(text: str) -> str:
    """texts.py once its statements' English is moved: each statement given its key."""
    if "_statement, \"key\"" not in text:
        texts = _assignments(ast.parse(text), "TEXTS")[0]
        lines = text.splitlines(keepends=True)
        lines.insert(texts.end_lineno, NAME_STATEMENTS)
        text = "".join(lines)
    return text


# A number the guideline gives, written in an English sentence, becomes the placeholder filled
# from the constant its rule tests (content.NUMBERS); fr.json and pt.json say the same. Applied
# to what is gathered, so that a sentence moved again after a merge gets it too.
NUMBER_PLACEHOLDERS = {
    "msg:pathway_malignant_good_prognosis": (
        "KPS ≥ 70 and life expectancy > 1 month",
        "KPS ≥ {kps_min} and life expectancy > {le_min}"),
    "note:review.ceftriaxone_adult_dose": (
        "guideline's 2 g daily (or divided every 12 h)",
        "guideline's {ceft_adult_g} g daily (or divided every {ceft_divided_h} h)"),
    "note:review.tb_steroids": ("guideline's prednisone 1 mg/kg/day",
                                "guideline's prednisone {pred_mg_kg} mg/kg/day"),
    "note:review.paediatric_prednisone": ("the guideline's 1 mg/kg/day",
                                          "the guideline's {pred_mg_kg} mg/kg/day"),
    "note:review.prednisone_no_max": ("gives prednisone 1 mg/kg/day",
                                      "gives prednisone {pred_mg_kg} mg/kg/day"),
    "note:review.lp_anticoagulation": ("prophylactic LMWH (12 h)",
                                       "prophylactic LMWH ({lmwh_h} h)"),
    "site:prednisone_review_above_mg_per_day": ("gives 1 mg/kg/day with no maximum",
                                                "gives {pred_mg_kg} mg/kg/day with no maximum"),
}


def value_labels() -> dict[str, str]:
    """``value:`` keys: the words of each allowed value of a case field, from the case model."""
    sys.path.insert(0, str(ROOT))
    from leptodesk.service.cases import case_value_labels

    return case_value_labels()


def ordered(messages: dict[str, str]) -> dict[str, str]:
    """In fr.json's order (so that the three files read side by side), new keys last."""
    reference = json.loads((CONTENT_DIR / "fr.json").read_text(encoding="utf-8"))["messages"]
    out = {k: messages[k] for k in reference if k in messages}
    out.update({k: v for k, v in messages.items() if k not in out})
    return out


def plan(check: bool) -> tuple[dict[str, str], dict[Path, str]]:
    sources = {name: Source(CORE / name) for name in SOURCES}
    found = gather(sources)
    current = (json.loads(EN_JSON.read_text(encoding="utf-8"))["messages"]
               if EN_JSON.exists() else {})
    merged = dict(current)
    merged.update(found)
    # A key that is neither written in Python nor in the translations was removed by the work
    # merged (the translations always hold every key: a test says so).
    translated = json.loads((CONTENT_DIR / "fr.json").read_text(encoding="utf-8"))["messages"]
    for key in [k for k in merged if k not in found and k not in translated
                and not k.startswith("value:")]:
        del merged[key]
    for key, (number, placeholder) in NUMBER_PLACEHOLDERS.items():
        if key in merged:
            merged[key] = merged[key].replace(number, placeholder)
    if not check:
        merged.update(value_labels())
    writes: dict[Path, str] = {}
    for name, src in sources.items():
        text = src.result()
        if name == "messages.py" and "english_under(" not in src.text:
            text = MESSAGES_MODULE
        elif text != src.text:
            if name == "content/texts.py":
                text = _ensure_import(
                    text, "from ..i18n import english, english_pairs, english_under")
                text = _content_fixups(text)
            elif name == "service/cases.py":
                text = _ensure_import(text, "from ..i18n import english_under")
        if text != src.text:
            writes[src.path] = text
    return ordered(merged), writes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if any English is left in the Python")
    args = parser.parse_args()
    messages, writes = plan(args.check)
    if args.check:
        if writes:
            for path in writes:
                print(f"English left in {path.relative_to(ROOT)}: run .venv/bin/python "
                      "tools/english_content.py, then .venv/bin/ruff check --fix leptodesk")
            return 1
        return 0
    data = {"language": "en", "review": {"status": "source"}, "messages": messages}
    EN_JSON.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for path, text in writes.items():
        path.write_text(text, encoding="utf-8")
        print(f"moved the English out of {path.relative_to(ROOT)}")
    print(f"{EN_JSON.relative_to(ROOT)}: {len(messages)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
