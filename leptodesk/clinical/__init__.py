"""The guideline's rules: turn a case into a plan.

Every item comes from ``content.TEXTS`` (guideline text with citations), ``content.GAPS``
(what the guideline does not say) or ``content.REVIEW_NOTES`` (wider references). This package
decides which apply and fills in the case's numbers; it never writes clinical prose of its own.

Every sentence and every fragment that fills a sentence's placeholder is looked up by key in
the catalogue of the plan's language (``i18n``); the decisions (which ids, severities, blocks,
doses, dates) never depend on the language, only the words do.

One module per job: ``workup`` (entry checks, urgency, workup, LP safety, CSF),
``infectious`` and ``malignant`` (the pathways), ``doses``, ``schedule`` (date arithmetic
of the calendar), ``sentences`` (the builder's words and items) and ``builder`` (the
order, the pathway and the plan).
"""

from .builder import build_plan

__all__ = ["build_plan"]
