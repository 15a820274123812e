"""The content's name and its digest: ``CONTENT_VERSION`` and ``content_sha256()``.

``content_sha256(site, lang)`` hashes all the content in effect for a plan: the guideline's
numbers (``constants.py``), its statements with kinds, citations and groups and the English
lookups (``texts.py``), the site's values (``site_defaults.py``), the digest of the rules'
source files, and the plan language's whole catalogue; so a signed plan can be traced to the
exact rules. Everything comes from resources/guideline/leptomeningeal-spine-treatment.txt except
the site defaults (values the guideline does not give) and the review notes (where wider
references differ; marked as not from the guideline). Change a text or number of the content
and bump ``CONTENT_VERSION``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache

from .. import i18n
from ..i18n import english
from . import constants, texts
from .site_defaults import SiteDefaults
from .texts import ENTRY_CHECKS, GAPS, REVIEW_NOTES, SYSTEMIC_AGENTS, TEXTS

CONTENT_VERSION = "lepto-spine-2026.7"

# SHA-256 of the source files that decide when the content applies (every module of
# leptodesk/clinical/ and of models/, fields.py, i18n.py, languages.py, and view/numbers.py,
# which writes the numbers of every sentence; a folder stands for every module in it, so a new
# rule module is covered), so that content_sha256 changes with any
# change to the rules, not only to the texts. The bundle ships no sources, so the digest
# is recorded here; tests/test_traceability.py fails until it is updated after such a change
# (then also bump CONTENT_VERSION when the change reaches users).
RULES_SOURCES = ("clinical/", "models/", "fields.py", "i18n.py", "languages.py",
                 "view/numbers.py")
RULES_SOURCE_SHA256 = "1acbc5261cebaedbee2064f829c905c04b525048d21f46f02c3baf0677e99261"


def rules_source_files(folder: str | None = None) -> list[str]:
    """RULES_SOURCES with each folder given as its modules, in order (paths under
    ``leptodesk/``)."""
    from pathlib import Path

    base = Path(folder) if folder else Path(__file__).parent.parent
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

    base = Path(folder) if folder else Path(__file__).parent.parent
    digest = hashlib.sha256()
    for name in rules_source_files(folder):
        digest.update(name.encode() + b"\0" + (base / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


# The payload's "numbers", by name and owner. They are the upper-case constants content.py
# held in one module when plans were first hashed: the guideline's numbers and the pound
# factor, the case model's age bounds it used, the kind names TEXTS is written with, and the
# rules sources with their digest; kept as they were, so the hash of unchanged content stays
# the same. A new constant is added here on purpose (it changes every plan's hash): a test
# pins this list and finds any constant of constants.py left out.
HASHED_CONSTANTS: tuple[str, ...] = (
    "LP_MIN_PLATELETS_10E9_PER_L", "LP_MAX_INR", "LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH",
    "CSF_MIN_VOLUME_ML_LOW", "CSF_MIN_VOLUME_ML_HIGH", "CSF_PROCESS_WITHIN_MIN",
    "CSF_SERUM_GLUCOSE_RATIO_LOW_BELOW", "CSF_PROTEIN_ELEVATED_ABOVE_MG_DL",
    "CULTURE_YIELD_WITHIN_4H_PERCENT", "CULTURE_YIELD_AFTER_4H_PERCENT",
    "CULTURE_YIELD_AFTER_8H_PERCENT", "CULTURE_YIELD_HOURS",
    "CT_SHARE_OF_UNNECESSARY_DELAYS_PERCENT",
    "PREDNISONE_MG_PER_KG_DAY", "CEFTRIAXONE_ADULT_G_PER_DAY", "CEFTRIAXONE_DIVIDED_EVERY_H",
    "CEFTRIAXONE_CHILD_MG_PER_KG_DAY", "CEFTRIAXONE_CHILD_MAX_G_PER_DAY",
    "IT_METHOTREXATE_MG", "IT_TWICE_WEEKLY_WEEKS", "IT_WEEKLY_WEEKS", "RT_TOTAL_GY",
    "RT_FRACTIONS", "KPS_GOOD_MIN", "LIFE_EXPECTANCY_GOOD_ABOVE_MONTHS", "TB_MIN_MONTHS",
    "BACTERIAL_SPINAL_MIN_WEEKS", "BACTERIAL_UNCOMPLICATED_DAYS", "TB_MORTALITY_PERCENT",
    "KG_PER_LB", "ADULT_MIN_YEARS", "NEONATE_MAX_DAYS",
)
HASHED_TEXT_KINDS = ("R", "A", "F")  # texts.R, .A, .F: "recommendation", "alert", "finding"


def _hashed_numbers() -> dict[str, object]:
    return {
        **{name: getattr(constants, name) for name in HASHED_CONSTANTS},
        **{name: getattr(texts, name) for name in HASHED_TEXT_KINDS},
        "RULES_SOURCES": RULES_SOURCES,
        "RULES_SOURCE_SHA256": RULES_SOURCE_SHA256,
    }


def _content_payload(site: SiteDefaults, lang: str = "en") -> dict:
    return {
        "version": CONTENT_VERSION,
        "numbers": _hashed_numbers(),
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
