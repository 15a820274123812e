"""Building cases for tests from dotted field paths."""

from __future__ import annotations

from typing import Any

from leptodesk.clinical import build_plan
from leptodesk.models import Case, Plan


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


def accept_all(case_or_plan: Any, lang: str = "en") -> list:
    """An answer 'accepted' for every STOP and WARNING of the case's plan (tests that sign an
    example whose alerts are not what they test)."""
    from leptodesk.acknowledge import AckAnswer, AckOutcome, to_acknowledge
    from leptodesk.service import get_service

    p = case_or_plan if isinstance(case_or_plan, Plan) else get_service().plan(case_or_plan,
                                                                                 lang=lang)
    return [AckAnswer(a.ack_id, AckOutcome.accepted) for a in to_acknowledge(p)]


def ack_args(case_path: Any) -> list[str]:
    """``--ack ID=accepted`` for every STOP and WARNING of the case file's plan."""
    from leptodesk.casefile import load_case_file

    return [arg for a in accept_all(load_case_file(case_path))
            for arg in ("--ack", f"{a.alert}=accepted")]
