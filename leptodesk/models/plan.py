"""The plan: what the guideline gives for a case, as the plan JSON of the contract
(docs/case-file-v2.md) holds it, with the acknowledgements of its alerts when signed.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from ..keyed import KeyedValueError
from .case import PLAN_SCHEMA_VERSION, AgeGroup


class Section(StrEnum):
    workup = "workup"
    treatment = "treatment"
    surgery = "surgery"
    duration_monitoring = "duration_monitoring"
    supportive = "supportive"


class Severity(StrEnum):
    stop = "stop"
    warning = "warning"
    info = "info"


class Pathway(StrEnum):
    tuberculous = "tuberculous"
    fungal = "fungal"
    bacterial = "bacterial"
    neurosarcoidosis = "neurosarcoidosis"
    malignant_good_prognosis = "malignant_good_prognosis"
    malignant_poor_prognosis = "malignant_poor_prognosis"
    malignant_prognosis_unknown = "malignant_prognosis_unknown"
    undetermined = "undetermined"


Citation = Annotated[int, Field(ge=1, le=9)]


class _PlanItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Recommendation(_PlanItem):
    id: str
    section: Section
    text: str
    citations: Annotated[list[Citation], Field(min_length=1)]


class Alert(_PlanItem):
    id: str
    severity: Severity
    text: str
    citations: Annotated[list[Citation], Field(min_length=1)]
    # What this alert forbids for now, in machine-readable form (e.g. "intrathecal_chemotherapy",
    # "lumbar_puncture"), so that invariants can be checked and views can group by it.
    blocks: list[str] = Field(default_factory=list)
    # The alert's own id in this plan, unique even when a rule raises ``id`` more than once
    # ("child.guideline_silent/silent_prednisone"); acknowledgements name it. None in plans signed
    # before plan version 3 (``ack_id`` is then ``id``).
    ref: str | None = None

    @property
    def ack_id(self) -> str:
        return self.ref or self.id

    def sha256(self) -> str:
        """The alert as shown (id, severity, words, citations): an acknowledgement binds to it."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()


class Finding(_PlanItem):
    """An interpretation of an entered result (CSF values, culture yield)."""

    id: str
    text: str
    citations: Annotated[list[Citation], Field(min_length=1)]
    site_default: str | None = None


class DoseNote(_PlanItem):
    """A note that bears on one dose, printed on that dose's row on every surface."""

    id: str
    severity: Severity
    text: str
    # The wider reference for a review note; None for the plan's own statements.
    source: str | None = None


class DoseRoute(StrEnum):
    """How a drug is given, as a code (``Dose.route`` is the same in the plan's words)."""

    iv = "iv"
    oral = "oral"
    intrathecal_lumbar = "intrathecal_lumbar"
    intraventricular_ommaya = "intraventricular_ommaya"


class Dose(_PlanItem):
    drug: str
    route: str
    # The route as a code, for views that sort or group (never the words of ``route``); None
    # only in plans signed before it was recorded.
    route_code: DoseRoute | None = None
    # One dose; None when no dose is computed (``no_dose`` says why).
    amount_mg: float | None
    frequency: str
    # Doses a day; None when the drug is not given daily (intrathecal) or the interval is not
    # chosen. ``daily_total_mg`` is None for a drug that is not daily.
    doses_per_day: int | None = None
    daily_total_mg: float | None
    basis: str
    capped: bool = False
    citations: Annotated[list[Citation], Field(min_length=1)]
    # First day of giving it: the antibiotic start for antimicrobials when recorded, else the
    # planned treatment start; None when neither is known.
    start_date: date | None = None
    # Why no dose is computed (e.g. "guideline silent for children"), for the drug's row.
    no_dose: str | None = None
    # True when the missing dose is itself a stop (a child, a neonate, an interval not chosen)
    no_dose_stop: bool = False
    # Antimicrobials: the first dose's time as recorded (the antibiotic start); the next due
    # times follow from it and the interval.
    first_dose_at: datetime | None = None
    # The first dose is due now (bacterial meningitis suspected, no antibiotic start recorded
    # [2]): it is never dated later.
    first_dose_now: bool = False
    # The earliest stop of the minimum course this drug belongs to (12 months for the
    # anti-tuberculous drugs [1], 6 weeks for a bacterial spinal infection [7, 8]); None when
    # the guideline gives no dated end (the clinician decides; the plan says so).
    review_date: date | None = None
    notes: list[DoseNote] = Field(default_factory=list)


class ScheduleItem(_PlanItem):
    date: date
    item: str
    kind: Literal["intrathecal_dose", "milestone", "surveillance"]
    citations: Annotated[list[Citation], Field(min_length=1)]
    # The item without its route, for a calendar headed by the route (the nurse summary's
    # intrathecal calendar); None when there is no shorter form.
    short: str | None = None
    # Bedside checks before this item, each to tick (the LP checks before a lumbar
    # intrathecal dose [2]), in the plan's language.
    checks: list[str] = Field(default_factory=list)
    # The course's date when the site moved it off a weekend or holiday (site defaults).
    moved_from: date | None = None
    # "weekend" or "holiday" (the site's list) when the date falls on one.
    day_off: Literal["weekend", "holiday"] | None = None


class Radiotherapy(_PlanItem):
    total_dose_gy_min: float
    total_dose_gy_max: float
    fractions_min: int
    fractions_max: int
    indication: str
    citations: Annotated[list[Citation], Field(min_length=1)]


class ReviewNote(_PlanItem):
    """Where wider references differ from the guideline. Never from the guideline itself."""

    id: str
    text: str
    source: str
    from_guideline: Literal[False] = False


class Gap(_PlanItem):
    """Where the guideline is silent or ambiguous for this case; the plan says so."""

    id: str
    text: str


class SiteDefaultUsed(_PlanItem):
    name: str
    value: float | int | str
    text: str


class LpVerdict(_PlanItem):
    status: Literal["contraindicated", "no_contraindication_entered", "incomplete"]
    reasons: list[str]
    unknown: list[str]
    # Assumptions the verdict rests on, said out loud (e.g. an empty LMWH field means none).
    notes: list[str] = Field(default_factory=list)


class EntryCheck(_PlanItem):
    """An entry that contradicts another or is implausible: flagged, never corrected."""

    id: str
    severity: Severity
    fields: list[str]
    text: str
    # The site default the check used, when it used one.
    site_default: str | None = None


# -- acknowledgements of STOP and WARNING alerts (plan version 3) --------------------------------


class AckOutcome(StrEnum):
    """CDS Hooks feedback ``outcome``: the clinician will follow the alert, or overrides it."""

    accepted = "accepted"
    overridden = "overridden"


class OverrideReason(StrEnum):
    """The coded override reasons (CDS Hooks ``overrideReason.reason``; docs/case-file-v2.md)."""

    benefit_outweighs_risk = "benefit-outweighs-risk"
    already_addressed = "already-addressed"
    not_applicable = "not-applicable-to-this-patient"
    other = "other"


ACK_COMMENT_MAX = 500


class Acknowledgement(_PlanItem):
    """One STOP or WARNING answered before signing: accepted, or overridden with a reason."""

    alert: str  # the alert's ``ack_id``
    severity: Literal["stop", "warning"]
    alert_sha256: str  # ``Alert.sha256()`` of the alert answered: the answer is to those words
    outcome: AckOutcome
    reason: OverrideReason | None = None
    comment: Annotated[str, Field(max_length=ACK_COMMENT_MAX)] | None = None
    by: str  # the signer (the name in the signing certificate)
    at: datetime  # CDS Hooks ``outcomeTimestamp``

    @field_validator("comment")
    @classmethod
    def _comment_is_plain_text(cls, value: str | None) -> str | None:
        from ..textsafe import has_unsafe_chars

        if value is not None and has_unsafe_chars(value):
            raise KeyedValueError("text must not hold control characters or bidirectional "
                                  "override characters", "control", typed="")
        return value or None

    @model_validator(mode="after")
    def _reason_goes_with_override(self) -> Acknowledgement:
        if self.outcome is AckOutcome.overridden and self.reason is None:
            raise ValueError("an override needs a reason")
        if self.outcome is AckOutcome.accepted and (self.reason or self.comment):
            raise ValueError("an accepted alert has no override reason or comment")
        if self.reason is OverrideReason.other and not (self.comment or "").strip():
            raise ValueError("the reason 'other' needs a comment")
        return self


class TranslationReview(_PlanItem):
    """The clinical review of the plan's language when it is not English (the source)."""

    status: Literal["pending", "signed_off"]
    signed_off_by: str | None = None
    date: str | None = None


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    # 1, 2: plans signed before version 3 (read for printing and verifying older plans; they
    # carry no acknowledgements).
    schema_version: Literal[1, 2, 3] = PLAN_SCHEMA_VERSION
    content_version: str
    content_sha256: str
    app_version: str
    case_sha256: str
    pathway: Pathway
    age_group: AgeGroup | None
    missing: list[str]
    lp_verdict: LpVerdict
    alerts: list[Alert]
    findings: list[Finding]
    recommendations: list[Recommendation]
    doses: list[Dose]
    radiotherapy: Radiotherapy | None
    schedule: list[ScheduleItem]
    review_notes: list[ReviewNote]
    gaps: list[Gap]
    site_defaults: list[SiteDefaultUsed]
    entry_checks: list[EntryCheck] = Field(default_factory=list)
    # The language of every text in this plan ("en" for plans signed before it was recorded).
    language: Literal["en", "fr", "pt"] = "en"
    # None for English; else whether a clinician has signed off the translation.
    translation_review: TranslationReview | None = None
    # Every STOP and WARNING answered before signing (plan version 3, signed plans); None in a
    # plan not signed yet and in plans of versions 1 and 2 (signed before they were recorded).
    acknowledgements: list[Acknowledgement] | None = None

    @model_validator(mode="after")
    def _acknowledgements_from_version_3(self) -> Plan:
        if self.acknowledgements is not None and self.schema_version < PLAN_SCHEMA_VERSION:
            raise ValueError(f"acknowledgements are recorded from plan version "
                             f"{PLAN_SCHEMA_VERSION}")
        return self

    def acknowledgement_of(self, alert: Alert) -> Acknowledgement | None:
        for ack in self.acknowledgements or ():
            if ack.alert == alert.ack_id:
                return ack
        return None

    def alerts_of(self, severity: Severity) -> list[Alert]:
        return [a for a in self.alerts if a.severity is severity]

    def blocked(self, what: str) -> bool:
        return any(what in a.blocks for a in self.alerts)
