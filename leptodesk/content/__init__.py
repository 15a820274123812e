"""The encoded guideline content: every number and sentence the rules use, with citations.

Everything here comes from resources/guideline/leptomeningeal-spine-treatment.txt, except the
site defaults (values the guideline does not give, changeable by a site) and the review notes
(where wider references differ from the guideline, marked as not from it). One module per job:

- ``constants.py``: the guideline's numbers with their citations, the pound factor, and the
  numbers as the texts write them (``NUMBERS``, ``numbers(lang)``, ``months_text``);
- ``site_defaults.py``: ``SiteDefaults``, the site's values the guideline does not give;
- ``texts.py``: ``Text`` and ``TEXTS`` (statements with kind, citations and group), and the
  English lookups ``SYSTEMIC_AGENTS``, ``REVIEW_NOTES``, ``GAPS`` and ``ENTRY_CHECKS``;
- ``digest.py``: ``CONTENT_VERSION``, the rules' source files and ``content_sha256``, which
  hashes all of it so a signed plan can be traced to the exact rules.

Change a text or number and bump ``CONTENT_VERSION``. The names are all given here too, so
``from leptodesk import content`` and ``content.X`` read any of them.
"""

from .constants import (
    BACTERIAL_SPINAL_MIN_WEEKS,
    BACTERIAL_UNCOMPLICATED_DAYS,
    CEFTRIAXONE_ADULT_G_PER_DAY,
    CEFTRIAXONE_CHILD_MAX_G_PER_DAY,
    CEFTRIAXONE_CHILD_MG_PER_KG_DAY,
    CEFTRIAXONE_DIVIDED_EVERY_H,
    CSF_MIN_VOLUME_ML_HIGH,
    CSF_MIN_VOLUME_ML_LOW,
    CSF_PROCESS_WITHIN_MIN,
    CSF_PROTEIN_ELEVATED_ABOVE_MG_DL,
    CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW,
    CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT,
    CULTURE_YIELD_AFTER_4H_PERCENT,
    CULTURE_YIELD_AFTER_8H_PERCENT,
    CULTURE_YIELD_HOURS,
    CULTURE_YIELD_WITHIN_4H_PERCENT,
    IT_METHOTREXATE_MG,
    IT_TWICE_WEEKLY_WEEKS,
    IT_WEEKLY_WEEKS,
    KG_PER_LB,
    KPS_GOOD_MIN,
    LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS,
    LP_MAX_INR,
    LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH,
    LP_MIN_PLATELETS_10E9_PER_L,
    NUMBERS,
    PREDNISONE_MG_PER_KG_DAY,
    RT_FRACTIONS,
    RT_TOTAL_GY,
    TB_MIN_MONTHS,
    TB_MORTALITY_PERCENT,
    months_text,
    numbers,
)
from .digest import (
    CONTENT_VERSION,
    RULES_SOURCE_SHA256,
    RULES_SOURCES,
    content_sha256,
    rules_source_files,
    rules_source_sha256,
)
from .site_defaults import SiteDefaults
from .texts import ENTRY_CHECKS, GAPS, REVIEW_NOTES, SYSTEMIC_AGENTS, TEXTS, Text

__all__ = [
    "BACTERIAL_SPINAL_MIN_WEEKS", "BACTERIAL_UNCOMPLICATED_DAYS", "CEFTRIAXONE_ADULT_G_PER_DAY",
    "CEFTRIAXONE_CHILD_MAX_G_PER_DAY", "CEFTRIAXONE_CHILD_MG_PER_KG_DAY",
    "CEFTRIAXONE_DIVIDED_EVERY_H", "CONTENT_VERSION", "CSF_MIN_VOLUME_ML_HIGH",
    "CSF_MIN_VOLUME_ML_LOW", "CSF_PROCESS_WITHIN_MIN", "CSF_PROTEIN_ELEVATED_ABOVE_MG_DL",
    "CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW", "CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT",
    "CULTURE_YIELD_AFTER_4H_PERCENT", "CULTURE_YIELD_AFTER_8H_PERCENT", "CULTURE_YIELD_HOURS",
    "CULTURE_YIELD_WITHIN_4H_PERCENT", "ENTRY_CHECKS", "GAPS", "IT_METHOTREXATE_MG",
    "IT_TWICE_WEEKLY_WEEKS", "IT_WEEKLY_WEEKS", "KG_PER_LB", "KPS_GOOD_MIN",
    "LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS", "LP_MAX_INR", "LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH",
    "LP_MIN_PLATELETS_10E9_PER_L", "NUMBERS", "PREDNISONE_MG_PER_KG_DAY", "REVIEW_NOTES",
    "RT_FRACTIONS", "RT_TOTAL_GY", "RULES_SOURCES", "RULES_SOURCE_SHA256", "SYSTEMIC_AGENTS",
    "SiteDefaults", "TB_MIN_MONTHS", "TB_MORTALITY_PERCENT", "TEXTS", "Text", "content_sha256",
    "months_text", "numbers", "rules_source_files", "rules_source_sha256",
]
