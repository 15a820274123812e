"""The plan as plain text for a terminal: the plan document's blocks laid out as lines (stop
alerts first, every line with its citations), in the plan's language."""

from __future__ import annotations

import textwrap

from ..i18n import colon
from ..models import Case, Plan
from .document import (
    Alerts,
    Banner,
    Calendar,
    DoseTable,
    EntryChecks,
    Footer,
    Items,
    Missing,
    PatientLine,
    build_document,
)
from .doses import dose_line


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest) or [first]


def render_text(plan: Plan, case: Case, width: int = 92) -> str:
    doc = build_document(plan, case)
    lang = doc.language
    said = colon(lang)
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Banner):
            for banner in block.lines:
                lines += _wrap(banner, "!! ", "   ", width)
        elif isinstance(block, PatientLine):
            lines.append(block.title)
            lines.append(block.pathway_line)
            lines += _wrap(block.lp, block.lp_label + " ", "    ", width)
            lines.append("")
        elif isinstance(block, EntryChecks):
            lines.append(f"== {block.title} ({len(block.lines)}) ==")
            for k in block.lines:
                lines += _wrap(k.text, f"  {k.label}{said} ", "    ", width)
            lines.append("")
        elif isinstance(block, Alerts):
            lines.append(f"== {block.title} ({len(block.items)}) ==")
            if not block.items:
                lines += _wrap(block.none, "  ", "  ", width)
            for a in block.items:
                lines += _wrap(a.text, f"  {a.label}{said} ", "    ", width)
                if a.ack:
                    lines += _wrap(a.ack, "    ", "    ", width)
            lines.append("")
        elif isinstance(block, DoseTable):
            lines.append(f"== {block.title} ==")
            for row in block.rows:
                lines += _wrap(dose_line(row, lang), "  - ", "    ", width)
            lines.append("")
        elif isinstance(block, Calendar):
            lines.append(f"== {block.title} ==")
            if block.rows:
                indent = max(len(r.day) for r in block.rows) + 4
                for r in block.rows:
                    lines += _wrap(r.line, f"  {r.day.ljust(indent - 4)}  ", " " * indent, width)
            else:
                lines += _wrap(block.none, "  ", "  ", width)
            lines.append("")
        elif isinstance(block, Missing):
            lines.append(f"== {block.title} ==")
            text = (", ".join(f"{label} ({path})" for label, path in
                              zip(block.items, block.paths, strict=True)) or block.none)
            lines += _wrap(text, "  ", "  ", width)
            lines.append("")
        elif isinstance(block, Items):
            lines.append(f"== {block.title} ==")
            for item in block.items:
                shown = f"{block.prefix} {item}" if block.prefix else item
                lines += _wrap(shown, "  - ", "    ", width)
            lines.append("")
        elif isinstance(block, Footer):
            lines.append(block.summary)
            if block.language:
                lines.append(block.language)
    return "\n".join(lines) + "\n"

