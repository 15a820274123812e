"""What a person reads of a plan: the plan document (``document``: its blocks in order, every
string final), its words (``labels``, ``doses``), the nurse sheet's selection (``nurse``) and the
numbers, doses, weights and dates written once (``numbers``), for every renderer alike.

Nothing is imported here: ``leptodesk.i18n`` imports ``view.numbers`` below the rest of the
view, and a front end loads only the modules it uses.
"""
