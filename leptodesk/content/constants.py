"""The guideline's numbers, each with its citation, and the same numbers as the texts write them.

Every constant here is stated by resources/guideline/leptomeningeal-spine-treatment.txt (its
reference numbers in the comment above it), except ``KG_PER_LB``, a unit. The rules test these
constants, and every sentence is formatted with ``NUMBERS`` / ``numbers()`` made from them, so a
sentence always says the number its rule tests. Change a number here and bump
``CONTENT_VERSION`` (``digest.py``); a new constant also joins the hashed set named there.
"""

from __future__ import annotations

from functools import lru_cache

from .. import i18n
from ..models.case import ADULT_MIN_YEARS, NEONATE_MAX_DAYS

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


i18n.clears_with_catalogues(numbers.cache_clear)
