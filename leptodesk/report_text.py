"""The plan as plain text for a terminal: stop alerts first, every line with its citations."""

from __future__ import annotations

import textwrap
from datetime import datetime
from typing import Any

from .fields import field_label
from .models import Case, Plan, Section, Severity
from .plan_view import (  # noqa: F401 - mg, cite, day_text: names other modules import from here
    cite,
    day_text,
    dose_line,
    dose_rows,
    mg,
    radiotherapy_line,
    review_note_line,
    site_default_line,
)

SECTION_TITLES = {
    Section.workup: "Diagnostic workup",
    Section.treatment: "Treatment",
    Section.surgery: "Surgery",
    Section.duration_monitoring: "Duration and monitoring",
    Section.supportive: "Supportive care",
}

PATHWAY_TITLES = {
    "tuberculous": "Tuberculous meningitis",
    "fungal": "Fungal meningitis",
    "bacterial": "Bacterial meningitis",
    "neurosarcoidosis": "Neurosarcoidosis",
    "malignant_good_prognosis": "Malignant, KPS ≥ 70 and life expectancy > 1 month",
    "malignant_poor_prognosis": "Malignant, poor prognosis: best supportive care",
    "malignant_prognosis_unknown": "Malignant, prognosis gate not decided",
    "undetermined": "Etiology undetermined",
}

ENTRY_CHECKS_TITLE = "Check these entries (contradictory or implausible; not corrected)"

SEVERITY_LABELS = {Severity.stop: "STOP", Severity.warning: "WARNING", Severity.info: "INFO"}

LP_VERDICT_TEXT = {
    "contraindicated": "STOP - do not perform LP",
    "no_contraindication_entered": "No contraindication entered",
    "incomplete": "Incomplete",
}


def lp_verdict_text(plan: Plan) -> str:
    """The LP verdict in words, with its reasons, what is unanswered and what is assumed."""
    v = plan.lp_verdict
    text = LP_VERDICT_TEXT[v.status]
    if v.reasons:
        text += ": " + "; ".join(v.reasons)
    if v.unknown:
        text += ". Not yet answered: " + ", ".join(field_label(p) for p in v.unknown)
    if v.notes:
        text += ". Assumed: " + "; ".join(v.notes)
    return text


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict) and set(value) == {"value", "unit"}:
        return f"{value['value']:g} {value['unit']}"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        when = _iso_when(value)
        if when is not None:  # dates as on the calendars: "Mon 30 Nov 2026 (11:00)"
            return day_text(when) + (f" {when:%H:%M}" if len(value) > 10 else "")
    return str(value).replace("_", " ")


def _iso_when(text: str) -> datetime | None:
    if len(text) < 10 or text[4:5] != "-" or text[7:8] != "-":
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def case_inputs(case: Case) -> list[tuple[str, str, str]]:
    """(path, label, value) for every field entered in the case."""
    out: list[tuple[str, str, str]] = []

    def walk(prefix: str, data: dict) -> None:
        for key, value in data.items():
            path = f"{prefix}{key}"
            if path == "schema_version":
                continue
            if isinstance(value, dict) and set(value) != {"value", "unit"}:
                walk(path + ".", value)
            else:
                out.append((path, field_label(path), _value_text(value)))

    walk("", case.model_dump(mode="json", exclude_none=True))
    return out


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest) or [first]


def render_text(plan: Plan, case: Case, width: int = 92) -> str:
    lines: list[str] = []
    name = case.patient.display_name or "(no name entered)"
    lines.append(f"LeptoDesk plan for {name}")
    lines.append(f"Pathway: {PATHWAY_TITLES[plan.pathway.value]}")
    lines += _wrap(lp_verdict_text(plan), "LP: ", "    ", width)
    lines.append("")
    if plan.entry_checks:
        lines.append(f"== {ENTRY_CHECKS_TITLE} ({len(plan.entry_checks)}) ==")
        for k in plan.entry_checks:
            lines += _wrap(k.text, f"  {SEVERITY_LABELS[k.severity]}: ", "    ", width)
        lines.append("")
    for sev in (Severity.stop, Severity.warning, Severity.info):
        alerts = plan.alerts_of(sev)
        if not alerts:
            continue
        label = SEVERITY_LABELS[sev]
        lines.append(f"== {label} ({len(alerts)}) ==")
        for a in alerts:
            lines += _wrap(f"{a.text} {cite(a.citations)}", f"  {label}: ", "    ", width)
        lines.append("")
    if plan.findings:
        lines.append("== CSF and results ==")
        for f in plan.findings:
            lines += _wrap(f"{f.text} {cite(f.citations)}", "  - ", "    ", width)
        lines.append("")
    for section in Section:
        recs = [r for r in plan.recommendations if r.section is section]
        if not recs:
            continue
        lines.append(f"== {SECTION_TITLES[section]} ==")
        for r in recs:
            lines += _wrap(f"{r.text} {cite(r.citations)}", "  - ", "    ", width)
        lines.append("")
    if plan.doses:
        lines.append("== Doses ==")
        for row in dose_rows(plan):
            lines += _wrap(dose_line(row), "  - ", "    ", width)
        lines.append("")
    if plan.radiotherapy:
        lines.append("== Radiotherapy ==")
        lines += _wrap(radiotherapy_line(plan.radiotherapy), "  - ", "    ", width)
        lines.append("")
    if plan.schedule:
        lines.append("== Calendar ==")
        for s in plan.schedule:
            lines += _wrap(f"{s.item} {cite(s.citations)}", f"  {s.date.isoformat()}  ",
                           " " * 14, width)
        lines.append("")
    if plan.review_notes:
        lines.append("== Review notes (not from the guideline) ==")
        for n in plan.review_notes:
            lines += _wrap(review_note_line(n), "  - ", "    ", width)
        lines.append("")
    if plan.gaps:
        lines.append("== Where the guideline is silent ==")
        for g in plan.gaps:
            lines += _wrap(g.text, "  - ", "    ", width)
        lines.append("")
    if plan.site_defaults:
        lines.append("== Site defaults used (not from the guideline) ==")
        for s in plan.site_defaults:
            lines += _wrap(site_default_line(s), "  - ", "    ", width)
        lines.append("")
    if plan.missing:
        lines.append("== Missing ==")
        lines += _wrap(", ".join(f"{field_label(m)} ({m})" for m in plan.missing), "  ", "  ",
                       width)
        lines.append("")
    lines.append(f"Content {plan.content_version} ({plan.content_sha256[:12]}), "
                 f"case {plan.case_sha256[:12]}, LeptoDesk {plan.app_version}")
    return "\n".join(lines) + "\n"
