"""Case and plan models: the implementation of docs/case-file-v2.md (the case-file contract).

Every field but ``schema_version`` is optional: ``None`` means *not known yet* and the plan
says what is missing instead of guessing. Unknown fields are rejected so that a typo cannot
silently drop clinical data.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .keyed import KeyedValueError

SCHEMA_VERSION = 2
# The plan JSON: 3 adds the acknowledgements of STOP and WARNING alerts (1 and 2 are still read).
PLAN_SCHEMA_VERSION = 3

# Unit conversion factors fixed by the case-file contract.
MG_DL_PER_MMOL_L_GLUCOSE = 18.016
MG_DL_PER_G_L_PROTEIN = 100.0

NEONATE_MAX_DAYS = 28
ADULT_MIN_YEARS = 18


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True,
                              defer_build=True)


def _none_to_empty(value: Any) -> Any:
    return {} if value is None else value


# The contract's date-time (spec/case-file-v2.md): ISO 8601 with a "T" and hours and minutes;
# a time zone is refused after parsing (``_reject_time_zone``) with its own message.
_CONTRACT_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
                                r"(Z|[+-]\d{2}:?\d{2})?")


def _contract_datetime(value: Any) -> Any:
    """A date-time given as text must be written as the contract says (pydantic alone takes
    "2026-11-24 08:30" or a date without a time)."""
    if isinstance(value, str) and not _CONTRACT_DATETIME.fullmatch(value.strip()):
        raise KeyedValueError("give a local date-time as YYYY-MM-DDTHH:MM, with a T between "
                              "the date and the time, e.g. 2026-11-24T08:30", "datetime_format")
    return value


def _reject_time_zone(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is not None:
        raise KeyedValueError("give a local date-time without a time zone, e.g. "
                              "2026-11-24T08:30", "time_zone")
    return value


class Sex(StrEnum):
    female = "female"
    male = "male"
    other = "other"


class AgeGroup(StrEnum):
    neonate = "neonate"
    child = "child"
    adult = "adult"


class Patient(_Strict):
    display_name: Annotated[str, Field(max_length=120)] | None = None
    age_years: Annotated[int, Field(ge=0, le=120)] | None = None
    age_days: Annotated[int, Field(ge=0, le=365)] | None = None
    weight_kg: Annotated[float, Field(ge=0.3, le=350)] | None = None
    sex: Sex | None = None

    @field_validator("age_days")
    @classmethod
    def _age_days_only_for_infants(cls, value: int | None, info: ValidationInfo) -> int | None:
        years = info.data.get("age_years")
        if value is not None and years is not None and years >= 1:
            raise KeyedValueError(f"for infants under one year only; age_years is {years}",
                                  "infants_only", age_field="patient.age_years", years=years)
        return value

    @property
    def age_group(self) -> AgeGroup | None:
        """Neonate: 28 days or less; child: under 18 years; adult: 18 years or more.

        ``None`` when the age is not known. An infant given as ``age_years = 0`` without
        ``age_days`` is a child whose neonate status is unknown: see ``neonate_status_unknown``.
        """
        if self.age_days is not None:
            return AgeGroup.neonate if self.age_days <= NEONATE_MAX_DAYS else AgeGroup.child
        if self.age_years is None:
            return None
        return AgeGroup.adult if self.age_years >= ADULT_MIN_YEARS else AgeGroup.child

    @property
    def neonate_status_unknown(self) -> bool:
        return self.age_days is None and self.age_years == 0


class Presentation(_Strict):
    suspected_bacterial_meningitis: bool | None = None
    severe_sepsis: bool | None = None
    rapidly_evolving_rash: bool | None = None
    symptomatic_hydrocephalus: bool | None = None
    raised_icp: bool | None = None
    csf_flow_obstruction: bool | None = None
    vertebral_body_involvement: bool | None = None
    spinal_instability: bool | None = None
    spinal_cord_compression: bool | None = None
    cranial_neuropathy: bool | None = None
    nodular_disease: bool | None = None
    thin_linear_deposits: bool | None = None


class MriStatus(StrEnum):
    done = "done"
    planned = "planned"
    not_done = "not_done"


class Imaging(_Strict):
    mri_whole_spine_gadolinium: MriStatus | None = None
    leptomeningeal_enhancement: bool | None = None


class LmwhStatus(StrEnum):
    none = "none"
    given = "given"


class LpSafety(_Strict):
    platelets_10e9_per_l: Annotated[float, Field(ge=0, le=2000)] | None = None
    inr: Annotated[float, Field(ge=0.5, le=20)] | None = None
    # None is "not known": an unanswered safety question never reads as "none given".
    prophylactic_lmwh: LmwhStatus | None = None
    hours_since_prophylactic_lmwh: Annotated[float, Field(ge=0, le=10000)] | None = None
    infection_at_lp_site: bool | None = None

    @model_validator(mode="after")
    def _hours_only_when_given(self) -> LpSafety:
        if (self.hours_since_prophylactic_lmwh is not None
                and self.prophylactic_lmwh is not LmwhStatus.given):
            raise KeyedValueError(
                "hours_since_prophylactic_lmwh goes only with prophylactic_lmwh 'given' (for "
                "'none' or not known, clear the hours)", "lmwh_hours",
                hours_field="lp_safety.hours_since_prophylactic_lmwh",
                status_field="lp_safety.prophylactic_lmwh")
        return self


class GlucoseUnit(StrEnum):
    mg_dl = "mg/dL"
    mmol_l = "mmol/L"


class ProteinUnit(StrEnum):
    mg_dl = "mg/dL"
    g_l = "g/L"


class Glucose(_Strict):
    value: Annotated[float, Field(ge=0, le=2000)]
    unit: GlucoseUnit

    @property
    def mg_dl(self) -> float:
        if self.unit is GlucoseUnit.mmol_l:
            return self.value * MG_DL_PER_MMOL_L_GLUCOSE
        return self.value


class Protein(_Strict):
    value: Annotated[float, Field(ge=0, le=5000)]
    unit: ProteinUnit

    @property
    def mg_dl(self) -> float:
        if self.unit is ProteinUnit.g_l:
            return self.value * MG_DL_PER_G_L_PROTEIN
        return self.value


class Cytology(StrEnum):
    positive = "positive"
    negative = "negative"
    pending = "pending"
    not_sent = "not_sent"


class Suspicion(StrEnum):
    low = "low"
    high = "high"


class Lp(_Strict):
    performed_at: datetime | None = None
    volume_ml: Annotated[float, Field(ge=0, le=50)] | None = None
    opening_pressure_cm_h2o: Annotated[float, Field(ge=0, le=100)] | None = None
    csf_glucose: Glucose | None = None
    serum_glucose: Glucose | None = None
    csf_protein: Protein | None = None
    wbc_per_ul: Annotated[int, Field(ge=0, le=100000)] | None = None
    lymphocyte_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    cytology: Cytology | None = None
    suspicion_of_malignancy: Suspicion | None = None

    _as_contract = field_validator("performed_at", mode="before")(_contract_datetime)
    _no_tz = field_validator("performed_at")(_reject_time_zone)

    @field_validator("serum_glucose")
    @classmethod
    def _serum_glucose_positive(cls, value: Glucose | None) -> Glucose | None:
        if value is not None and value.value <= 0:
            raise KeyedValueError("serum glucose must be greater than 0", "glucose_positive")
        return value


class EtiologyCategory(StrEnum):
    tuberculous = "tuberculous"
    fungal = "fungal"
    bacterial = "bacterial"
    neurosarcoidosis = "neurosarcoidosis"
    malignant = "malignant"
    undetermined = "undetermined"


class FungalOrganism(StrEnum):
    cryptococcus = "cryptococcus"
    histoplasma = "histoplasma"
    coccidioides = "coccidioides"
    aspergillus = "aspergillus"
    other = "other"


class PrimaryCancer(StrEnum):
    breast_her2_positive = "breast_her2_positive"
    lung_egfr_mutated = "lung_egfr_mutated"
    melanoma_braf_mutated = "melanoma_braf_mutated"
    other = "other"


class Etiology(_Strict):
    category: EtiologyCategory | None = None
    fungal_organism: FungalOrganism | None = None
    primary_cancer: PrimaryCancer | None = None


class Prognosis(_Strict):
    kps: Annotated[int, Field(ge=0, le=100, multiple_of=10)] | None = None
    life_expectancy_months: Annotated[float, Field(ge=0, le=240)] | None = None
    dying: bool | None = None


class CeftriaxoneRegimen(StrEnum):
    once_daily = "once_daily"
    every_12_h = "every_12_h"


class Planned(_Strict):
    craniospinal_radiotherapy: bool | None = None
    intrathecal_chemotherapy: bool | None = None
    systemic_methotrexate: bool | None = None
    ommaya_reservoir: bool | None = None
    # The prescriber's interval: the guideline's two adult schedules, and the split of the
    # children's daily total (the guideline gives none).
    ceftriaxone_regimen: CeftriaxoneRegimen | None = None
    treatment_start_date: date | None = None


class Case(_Strict):
    schema_version: Literal[2]
    patient: Patient = Field(default_factory=Patient)
    presentation: Presentation = Field(default_factory=Presentation)
    imaging: Imaging = Field(default_factory=Imaging)
    lp_safety: LpSafety = Field(default_factory=LpSafety)
    antibiotics_started_at: datetime | None = None
    lp: Lp = Field(default_factory=Lp)
    etiology: Etiology = Field(default_factory=Etiology)
    prognosis: Prognosis = Field(default_factory=Prognosis)
    planned: Planned = Field(default_factory=Planned)

    _as_contract = field_validator("antibiotics_started_at", mode="before")(
        _contract_datetime)
    _no_tz = field_validator("antibiotics_started_at")(_reject_time_zone)

    @field_validator(
        "patient", "presentation", "imaging", "lp_safety", "lp", "etiology", "prognosis",
        "planned", mode="before",
    )
    @classmethod
    def _null_section_is_empty(cls, value: Any) -> Any:
        return _none_to_empty(value)

    def canonical_json(self) -> str:
        """The canonical form hashed into ``case_sha256``: every field, sorted keys, compact."""
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def to_file_json(self) -> str:
        """The form written to case files: only what was entered, readable."""
        return json.dumps(self.model_dump(mode="json", exclude_none=True), indent=2,
                          ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Plan


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
        from .textsafe import has_unsafe_chars

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
