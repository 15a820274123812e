"""The case: what a clinician enters, as the case-file contract (docs/case-file-v2.md) says.

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

from ..keyed import KeyedValueError

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
