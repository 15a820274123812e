"""The encoded guideline content: every number and sentence the rules use, with citations.

Everything here comes from resources/guideline/leptomeningeal-spine-treatment.txt, except:
- ``SiteDefaults``: values the guideline does not give, named and documented, changeable by a
  site (``site-defaults.json`` in the data folder); the plan lists each one it used.
- ``REVIEW_NOTES``: where wider references differ from the guideline; shown as review notes and
  marked as not from the guideline.

``CONTENT_VERSION`` names this content; ``content_sha256()`` hashes all of it (texts, numbers,
citations, site defaults in effect), so a signed plan can be traced to the exact rules.
Change a text or number here and bump ``CONTENT_VERSION``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import i18n
from .i18n import english, english_pairs, english_under
from .models.case import ADULT_MIN_YEARS, NEONATE_MAX_DAYS

CONTENT_VERSION = "lepto-spine-2026.7"

# --- Numbers stated by the guideline -------------------------------------------------------
# LP contraindications [2]
LP_MIN_PLATELETS_10E9_PER_L = 40  # contraindicated when below
LP_MAX_INR = 1.4  # contraindicated when above
LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH = 12  # contraindicated when fewer hours have passed
# CSF collection [2, 1]
CSF_MIN_VOLUME_ML_LOW = 5
CSF_MIN_VOLUME_ML_HIGH = 10
CSF_PROCESS_WITHIN_MIN = 30
# CSF profile [2, 1]
CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW = 0.5
CSF_PROTEIN_ELEVATED_ABOVE_MG_DL = 150
# Culture yield by LP delay after antibiotics [4]
CULTURE_YIELD_WITHIN_4H_PERCENT = 73
CULTURE_YIELD_AFTER_4H_PERCENT = 11
CULTURE_YIELD_AFTER_8H_PERCENT = 0
CULTURE_YIELD_HOURS = (4, 8)  # LP within 4 h of antibiotics; after 4 h; after 8 h
CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT = 67
# Doses [1, 3, 5]
PREDNISONE_MG_PER_KG_DAY = 1
CEFTRIAXONE_ADULT_G_PER_DAY = 2
CEFTRIAXONE_DIVIDED_EVERY_H = 12  # "(or divided every 12 hours)"
CEFTRIAXONE_CHILD_MG_PER_KG_DAY = 100
CEFTRIAXONE_CHILD_MAX_G_PER_DAY = 4
IT_METHOTREXATE_MG = 15
IT_TWICE_WEEKLY_WEEKS = 4
IT_WEEKLY_WEEKS = 4
RT_TOTAL_GY = (30, 36)
RT_FRACTIONS = (10, 12)
# Prognosis gate [5, 6]
KPS_GOOD_MIN = 70
LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS = 1
# Durations [1, 7, 8, 3]
TB_MIN_MONTHS = 12
BACTERIAL_SPINAL_MIN_WEEKS = 6
BACTERIAL_UNCOMPLICATED_DAYS = (4, 14)
TB_MORTALITY_PERCENT = (20, 50)
# Units (not clinical): the international avoirdupois pound, for the kg/lb entry hint.
KG_PER_LB = 0.45359237


def _n(value: float) -> str:
    return f"{value:g}"


# The constants as the texts write them: every text is formatted with these (and its own
# fields), so a sentence always says the number the rule tests.
NUMBERS: dict[str, str] = {
    "csf_ml_low": _n(CSF_MIN_VOLUME_ML_LOW), "csf_ml_high": _n(CSF_MIN_VOLUME_ML_HIGH),
    "csf_process_min": _n(CSF_PROCESS_WITHIN_MIN),
    "glucose_ratio": _n(CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW),
    "protein_mg_dl": _n(CSF_PROTEIN_ELEVATED_ABOVE_MG_DL),
    "ceft_adult_g": _n(CEFTRIAXONE_ADULT_G_PER_DAY),
    "ceft_divided_h": _n(CEFTRIAXONE_DIVIDED_EVERY_H),
    "ceft_child_mg_kg": _n(CEFTRIAXONE_CHILD_MG_PER_KG_DAY),
    "ceft_child_max_g": _n(CEFTRIAXONE_CHILD_MAX_G_PER_DAY),
    "bact_spinal_weeks": _n(BACTERIAL_SPINAL_MIN_WEEKS),
    "bact_days_min": _n(BACTERIAL_UNCOMPLICATED_DAYS[0]),
    "bact_days_max": _n(BACTERIAL_UNCOMPLICATED_DAYS[1]),
    "tb_months": _n(TB_MIN_MONTHS), "pred_mg_kg": _n(PREDNISONE_MG_PER_KG_DAY),
    "tb_mort_min": _n(TB_MORTALITY_PERCENT[0]), "tb_mort_max": _n(TB_MORTALITY_PERCENT[1]),
    "kps_min": _n(KPS_GOOD_MIN),
    "lmwh_h": _n(LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH),
    # the age groups the weight ranges and the regimens are chosen by (the case model's)
    "neonate_days": _n(NEONATE_MAX_DAYS), "adult_years": _n(ADULT_MIN_YEARS),
    "child_years": _n(ADULT_MIN_YEARS - 1),
}


def _site(name: str) -> str:
    """A site default's description, its numbers filled in (as the plan says it)."""
    return english(f"site:{name}").format(**NUMBERS)


class SiteDefaults(BaseModel):
    """Values the guideline does not state. A site may change them; the plan says when used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    opening_pressure_upper_normal_cm_h2o: float = Field(
        25, gt=0, le=100,
        description=_site("opening_pressure_upper_normal_cm_h2o"),
    )
    pleocytosis_wbc_above_per_ul: int = Field(
        5, ge=0, le=1000,
        description=_site("pleocytosis_wbc_above_per_ul"),
    )
    lymphocytic_above_percent: float = Field(
        50, ge=0, le=100,
        description=_site("lymphocytic_above_percent"),
    )
    it_twice_weekly_second_dose_day: int = Field(
        3, ge=1, le=6,
        description=_site("it_twice_weekly_second_dose_day"),
    )
    it_monthly_doses_listed: int = Field(
        3, ge=1, le=24,
        description=_site("it_monthly_doses_listed"),
    )
    mri_surveillance_interval_weeks: int = Field(
        12, ge=1, le=104,
        description=_site("mri_surveillance_interval_weeks"),
    )
    mri_surveillance_dates_listed: int = Field(
        4, ge=1, le=24,
        description=_site("mri_surveillance_dates_listed"),
    )
    move_dates_off_weekends: bool = Field(
        False, description=_site("move_dates_off_weekends"))
    site_holidays: tuple[date, ...] = Field(
        (), max_length=400, description=_site("site_holidays"))
    move_dates_off_holidays: bool = Field(
        False, description=_site("move_dates_off_holidays"))
    prednisone_review_above_mg_per_day: float = Field(
        60, gt=0, le=1000,
        description=_site("prednisone_review_above_mg_per_day"),
    )
    weight_kg_neonate: tuple[float, float] = Field(
        (0.3, 7), description=_site("weight_kg_neonate"))
    weight_kg_infant: tuple[float, float] = Field(
        (1.5, 15), description=_site("weight_kg_infant"))
    weight_kg_child: tuple[float, float] = Field(
        (5, 150), description=_site("weight_kg_child"))
    weight_kg_adult: tuple[float, float] = Field(
        (30, 250), description=_site("weight_kg_adult"))


@dataclass(frozen=True)
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
        return english(f"text:{self.__dict__['key']}")


R, A, F = "recommendation", "alert", "finding"

TEXTS: dict[str, Text] = {
    # --- Diagnostic workup -----------------------------------------------------------------
    "workup.mri": Text(R, (1,), "workup"),
    "workup.mri_sequences": Text(R, (2,), "workup"),
    "workup.mri_not_done": Text(A, (1,), "warning"),
    "workup.lp": Text(R, (2,), "workup"),
    "lp.contraindicated": Text(A, (2,), "stop"),
    "lp.safety_incomplete": Text(A, (2,), "warning"),
    "workup.csf_volume": Text(R, (2, 1), "workup"),
    "workup.csf_volume_low": Text(A, (2, 1), "warning"),
    "workup.csf_tests": Text(R, (1,), "workup"),
    "workup.second_lp": Text(R, (2,), "workup"),
    # --- CSF interpretation ----------------------------------------------------------------
    "csf.glucose_ratio": Text(F, (2, 1)),
    "csf.protein": Text(F, (2, 1)),
    "csf.pleocytosis": Text(F, (2, 1)),
    "csf.opening_pressure": Text(F, (2, 1)),
    # --- Urgent actions and bacterial meningitis -------------------------------------------
    "urgent.antibiotics_now": Text(A, (2, 4), "stop"),
    "urgent.assess_bacterial": Text(A, (2,), "warning"),
    "pitfall.ct_delay": Text(A, (4,), "warning"),
    "bact.empiric": Text(R, (2,), "treatment"),
    "bact.ceftriaxone_adult": Text(R, (3,), "treatment"),
    "bact.ceftriaxone_child": Text(R, (3,), "treatment"),
    "bact.ceftriaxone_neonate": Text(A, (3,), "stop"),
    "child.guideline_silent": Text(A, (1, 5), "stop"),
    "dose.interval_not_chosen": Text(A, (3,), "stop"),
    "bact.culture_yield": Text(A, (4,), "info"),
    "pitfall.calcium_ceftriaxone": Text(A, (3,), "warning"),
    "bact.duration_spinal": Text(R, (7, 8), "duration_monitoring"),
    "bact.duration_meningitis": Text(R, (3,), "duration_monitoring"),
    # --- Tuberculous -----------------------------------------------------------------------
    "tb.ripe": Text(R, (1,), "treatment"),
    "tb.steroids": Text(R, (1,), "treatment"),
    "tb.duration": Text(R, (1,), "duration_monitoring"),
    # --- Fungal ----------------------------------------------------------------------------
    "fungal.antifungal": Text(R, (1,), "treatment"),
    "fungal.coccidioides": Text(A, (2,), "warning"),
    "fungal.duration": Text(R, (2,), "duration_monitoring"),
    # --- Neurosarcoidosis ------------------------------------------------------------------
    "sarc.steroids": Text(R, (1,), "treatment"),
    "sarc.maintenance": Text(R, (1,), "treatment"),
    "sarc.outlook": Text(R, (1,), "treatment"),
    # --- Malignant -------------------------------------------------------------------------
    "mal.gate_good": Text(R, (5,), "treatment"),
    "mal.systemic": Text(R, (5,), "treatment"),
    "mal.intrathecal": Text(R, (5,), "treatment"),
    "mal.it_methotrexate": Text(R, (5,), "treatment"),
    "mal.ommaya": Text(R, (5,), "treatment"),
    "mal.focal_rt": Text(R, (5,), "treatment"),
    "mal.focal_rt_indications": Text(R, (5,), "treatment"),
    "mal.gate_poor": Text(R, (5, 6), "supportive"),
    "mal.poor_rt": Text(R, (6,), "supportive"),
    "mal.gate_unknown": Text(A, (5, 6), "warning"),
    # --- Intrathecal chemotherapy pitfalls -------------------------------------------------
    "it.flow_obstruction": Text(A, (5, 6), "stop"),
    "it.hydrocephalus": Text(A, (5, 6), "stop"),
    "it.dying": Text(A, (6,), "stop"),
    "it.lumbar_route_lp_unsafe": Text(A, (2, 5), "stop"),
    "it.not_scheduled": Text(A, (5,), "warning"),
    "it.prohibition_unanswered": Text(A, (5, 6), "stop"),
    "it.lp_safety_unanswered": Text(A, (2,), "stop"),
    "pitfall.leukoencephalopathy": Text(A, (5,), "stop"),
    # --- Surgery ---------------------------------------------------------------------------
    "surgery.vp_shunt": Text(R, (1, 5), "surgery"),
    "surgery.stabilisation": Text(R, (2, 7, 8), "surgery"),
    "surgery.titanium": Text(R, (2,), "surgery"),
    # --- Monitoring, undetermined ----------------------------------------------------------
    "monitoring.mri": Text(R, (2, 9), "duration_monitoring"),
    "undetermined.etiology": Text(R, (1,), "workup"),
}

# Each statement knows its key, under which the catalogues hold its words (not a field:
# the hash payload and the comparisons stay those of kind, citations and group).
for _key, _statement in TEXTS.items():
    object.__setattr__(_statement, "key", _key)


def months_text(shown: str, lang: str = "en") -> str:
    """``shown`` (a number already written in ``lang``) months: "1 month", "2 mois"."""
    key = "msg:month_one" if i18n.plural_category(lang, shown) == "one" else "msg:month_other"
    return i18n.tr(lang, key, n=shown)


@lru_cache(maxsize=4)
def numbers(lang: str = "en") -> dict[str, str]:
    """NUMBERS written in ``lang`` (its decimal separator), with the month threshold."""
    out = {k: i18n.localize_number(v, lang) for k, v in NUMBERS.items()}
    out["le_min"] = months_text(i18n.localize_number(_n(LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS),
                                                     lang), lang)
    return out


# Agents with CNS penetration by primary cancer [5].
SYSTEMIC_AGENTS = english_under("agent:")


REVIEW_NOTES = english_pairs("note:", "source:")

GAPS = english_under("gap:")


# Contradictions and implausible entries: flagged where entered and in the plan, never
# corrected. Not guideline statements: the plan lists them apart from the guideline's alerts.
ENTRY_CHECKS = english_under("check:")


# SHA-256 of the source files that decide when the content applies (every module of
# leptodesk/clinical/ and of models/, fields.py, i18n.py, languages.py, and view/numbers.py,
# which writes the numbers of every sentence; a folder stands for every module in it, so a new
# rule module is covered), so that content_sha256 changes with any
# change to the rules, not only to the texts here. The bundle ships no sources, so the digest
# is recorded here; tests/test_traceability.py fails until it is updated after such a change
# (then also bump CONTENT_VERSION when the change reaches users).
RULES_SOURCES = ("clinical/", "models/", "fields.py", "i18n.py", "languages.py",
                 "view/numbers.py")
RULES_SOURCE_SHA256 = "1acbc5261cebaedbee2064f829c905c04b525048d21f46f02c3baf0677e99261"


def rules_source_files(folder: str | None = None) -> list[str]:
    """RULES_SOURCES with each folder given as its modules, in order (paths under
    ``leptodesk/``)."""
    from pathlib import Path

    base = Path(folder) if folder else Path(__file__).parent
    names: list[str] = []
    for name in RULES_SOURCES:
        if name.endswith("/"):
            names += sorted(p.relative_to(base).as_posix() for p in (base / name).glob("*.py"))
        else:
            names.append(name)
    return names


def rules_source_sha256(folder: str | None = None) -> str:
    """The digest of RULES_SOURCES as they are on disk (for the test that pins it)."""
    from pathlib import Path

    base = Path(folder) if folder else Path(__file__).parent
    digest = hashlib.sha256()
    for name in rules_source_files(folder):
        digest.update(name.encode() + b"\0" + (base / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def _content_payload(site: SiteDefaults, lang: str = "en") -> dict:
    numbers = {k: v for k, v in globals().items() if k.isupper() and isinstance(
        v, int | float | tuple | str) and k != "CONTENT_VERSION"}
    return {
        "version": CONTENT_VERSION,
        "numbers": numbers,
        # The English source of every statement, as before it was data (the plan's own
        # language is in "catalogue" below).
        "texts": {k: {**asdict(v), "text": english(f"text:{k}")} for k, v in TEXTS.items()},
        "systemic_agents": dict(SYSTEMIC_AGENTS),
        "rules_source_sha256": RULES_SOURCE_SHA256,
        "review_notes": dict(REVIEW_NOTES),
        "gaps": dict(GAPS),
        "entry_checks": dict(ENTRY_CHECKS),
        "site_defaults": site.model_dump(mode="json"),
        # The plan's language: its whole catalogue (every sentence, fragment and label the
        # plan and its PDFs are written with) and its clinical review record.
        "catalogue": i18n.catalogue(lang).sha256_payload(),
    }


@lru_cache(maxsize=8)
def content_sha256(site: SiteDefaults = SiteDefaults(),  # noqa: B008 - frozen model
                   lang: str = "en") -> str:
    """The hash of the content in effect for a plan in ``lang`` with ``site``'s values."""
    payload = json.dumps(_content_payload(site, lang), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


i18n.clears_with_catalogues(content_sha256.cache_clear)
i18n.clears_with_catalogues(numbers.cache_clear)
