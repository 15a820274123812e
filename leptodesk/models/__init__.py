"""Case and plan models: the implementation of docs/case-file-v2.md (the case-file contract).

Every field but ``schema_version`` is optional: ``None`` means *not known yet* and the plan
says what is missing instead of guessing. Unknown fields are rejected so that a typo cannot
silently drop clinical data.

The case (``case.py``) and the plan (``plan.py``); both are named here, the front ends' and
the core's one vocabulary of them.
"""

from .case import (
    ADULT_MIN_YEARS,
    MG_DL_PER_G_L_PROTEIN,
    MG_DL_PER_MMOL_L_GLUCOSE,
    NEONATE_MAX_DAYS,
    PLAN_SCHEMA_VERSION,
    SCHEMA_VERSION,
    AgeGroup,
    Case,
    CeftriaxoneRegimen,
    Cytology,
    Etiology,
    EtiologyCategory,
    FungalOrganism,
    Glucose,
    GlucoseUnit,
    Imaging,
    LmwhStatus,
    Lp,
    LpSafety,
    MriStatus,
    Patient,
    Planned,
    Presentation,
    PrimaryCancer,
    Prognosis,
    Protein,
    ProteinUnit,
    Sex,
    Suspicion,
)
from .plan import (
    ACK_COMMENT_MAX,
    Acknowledgement,
    AckOutcome,
    Alert,
    Citation,
    Dose,
    DoseNote,
    DoseRoute,
    EntryCheck,
    Finding,
    Gap,
    LpVerdict,
    OverrideReason,
    Pathway,
    Plan,
    Radiotherapy,
    Recommendation,
    ReviewNote,
    ScheduleItem,
    Section,
    Severity,
    SiteDefaultUsed,
    TranslationReview,
)

__all__ = [
    "ACK_COMMENT_MAX", "ADULT_MIN_YEARS", "AckOutcome", "Acknowledgement", "AgeGroup", "Alert",
    "Case", "CeftriaxoneRegimen", "Citation", "Cytology", "Dose", "DoseNote", "DoseRoute",
    "EntryCheck", "Etiology", "EtiologyCategory", "Finding", "FungalOrganism", "Gap", "Glucose",
    "GlucoseUnit", "Imaging", "LmwhStatus", "Lp", "LpSafety", "LpVerdict", "MG_DL_PER_G_L_PROTEIN",
    "MG_DL_PER_MMOL_L_GLUCOSE", "MriStatus", "NEONATE_MAX_DAYS", "OverrideReason",
    "PLAN_SCHEMA_VERSION", "Pathway", "Patient", "Plan", "Planned", "Presentation", "PrimaryCancer",
    "Prognosis", "Protein", "ProteinUnit", "Radiotherapy", "Recommendation", "ReviewNote",
    "SCHEMA_VERSION", "ScheduleItem", "Section", "Severity", "Sex", "SiteDefaultUsed", "Suspicion",
    "TranslationReview",
]
