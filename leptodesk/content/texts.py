"""The guideline's statements and the English lookups the plan is written with.

``TEXTS``: every statement the rules may put in a plan, by key, with its kind, the guideline
references it cites and where it goes; its words are the catalogue's ``text:KEY``
(resources/content/en.json, fr.json, pt.json), its numbers placeholders filled from
``constants.NUMBERS``. The lookups are read from the English catalogue under their prefixes:
``SYSTEMIC_AGENTS`` (``agent:``), ``REVIEW_NOTES`` (``note:`` and ``source:``: where wider
references differ from the guideline, shown as review notes and marked as not from it), ``GAPS``
(``gap:``) and ``ENTRY_CHECKS`` (``check:``). tools/english_content.py moves any English written
here into en.json. Change a statement, a citation or a group and bump ``CONTENT_VERSION``
(``digest.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..i18n import english, english_pairs, english_under


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


# Agents with CNS penetration by primary cancer [5].
SYSTEMIC_AGENTS = english_under("agent:")


REVIEW_NOTES = english_pairs("note:", "source:")

GAPS = english_under("gap:")


# Contradictions and implausible entries: flagged where entered and in the plan, never
# corrected. Not guideline statements: the plan lists them apart from the guideline's alerts.
ENTRY_CHECKS = english_under("check:")
