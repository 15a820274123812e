"""Building cases for tests from dotted field paths."""

from __future__ import annotations

from typing import Any

from leptodesk.models import Case, Plan
from leptodesk.rules import build_plan


def case(**fields: Any) -> Case:
    """``case(patient__weight_kg=70, etiology__category="tuberculous")``."""
    data: dict[str, Any] = {"schema_version": 2}
    for key, value in fields.items():
        parts = key.split("__")
        target = data
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    safety = data.get("lp_safety", {})
    if safety.get("hours_since_prophylactic_lmwh") is not None:
        safety["prophylactic_lmwh"] = "given"  # hours are given only with "given"
    return Case.model_validate(data)


def plan(**fields: Any) -> Plan:
    return build_plan(case(**fields))


def alert_ids(p: Plan, severity: str | None = None) -> list[str]:
    return [a.id for a in p.alerts if severity is None or a.severity == severity]


def rec_ids(p: Plan) -> list[str]:
    return [r.id for r in p.recommendations]


def dose(p: Plan, drug: str):
    found = [d for d in p.doses if d.drug == drug]
    assert len(found) <= 1
    return found[0] if found else None


SAFE_LP = dict(lp_safety__platelets_10e9_per_l=200, lp_safety__inr=1.0,
               lp_safety__prophylactic_lmwh="none", lp_safety__infection_at_lp_site=False,
               presentation__severe_sepsis=False)

MALIGNANT_IT_READY = dict(
    patient__age_years=49,
    etiology__category="malignant", etiology__primary_cancer="breast_her2_positive",
    prognosis__kps=80, prognosis__life_expectancy_months=6,
    presentation__csf_flow_obstruction=False, presentation__symptomatic_hydrocephalus=False,
    planned__intrathecal_chemotherapy=True, planned__ommaya_reservoir=True,
    planned__craniospinal_radiotherapy=False,
    planned__treatment_start_date="2026-11-30", imaging__mri_whole_spine_gadolinium="done",
    **SAFE_LP,
)
