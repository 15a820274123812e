"""A refused value beside its field in English, French and Portuguese: what to type, the range
with the language's decimal sign and what was typed, in the language the wizard speaks
(the words come from the core's catalogue: leptodesk.errors.field_message)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.pages import PageId

N = "\u00a0"


def _switch(window, lang: str) -> None:
    window.language_actions[lang].trigger()  # View > Language, as a clinician chooses it
    QApplication.processEvents()


def _message(page, path):
    return page.findChild(type(page.bindings[path].label), path.replace(".", "__") +
                          "_error").text()


# (page, field, typed, {language: the reason as the clinician reads it}), worked by hand.
CASES = [
    (PageId.PATIENT, "patient.age_years", "abc", {
        "en": 'type a whole number from 0 to 120 (you typed "abc")',
        "fr": f"doit être un nombre entier de 0 à 120 (saisi{N}: «{N}abc{N}»)",
        "pt": "deve ser um número inteiro de 0 a 120 (introduzido: «abc»)"}),
    (PageId.PATIENT, "patient.age_years", "121", {
        "en": 'must be from 0 to 120 (you typed "121")',
        "fr": f"doit être compris entre 0 et 120 (saisi{N}: «{N}121{N}»)",
        "pt": "deve estar entre 0 e 120 (introduzido: «121»)"}),
    (PageId.IMAGING_LP, "lp_safety.inr", "high", {
        "en": 'type a number from 0.5 to 20 (e.g. 1.5 or 1,5) (you typed "high")',
        "fr": f"doit être un nombre de 0,5 à 20 (p. ex. 1,5 ou 1.5) (saisi{N}: «{N}high{N}»)",
        "pt": "deve ser um número de 0,5 a 20 (p. ex. 1,5 ou 1.5) (introduzido: «high»)"}),
    (PageId.IMAGING_LP, "lp_safety.inr", "0.0000001", {
        "en": "a value this small is not a measurement (give 0 or at least 0.000001)",
        "fr": "une valeur aussi petite n'est pas une mesure (saisir 0 ou au moins 0,000001)",
        "pt": "um valor tão pequeno não é uma medição (indique 0 ou pelo menos 0,000001)"}),
    (PageId.PATIENT, "patient.display_name", "Bed\x074", {
        "en": "text must not hold control characters or bidirectional override characters "
              '(you typed "Bed\\x074")',
        "fr": "le texte ne doit contenir ni caractères de contrôle ni caractères de forçage "
              f"bidirectionnel (saisi{N}: «{N}Bed\\x074{N}»)",
        "pt": "o texto não pode conter caracteres de controlo nem caracteres de substituição "
              "bidireccional (introduzido: «Bed\\x074»)"}),
]
NOT_ACCEPTED = {"en": "Not accepted: ", "fr": f"Non accepté{N}: ", "pt": "Não aceite: "}
# English words a French or Portuguese message never uses.
ENGLISH = {"type", "must", "from", "number", "whole", "typed", "value", "text", "hold",
           "the", "this", "small", "give", "least", "characters", "control"}


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
@pytest.mark.parametrize(("page_id", "path", "typed", "expected"), CASES,
                         ids=[f"{c[1]}={c[2]!r}" for c in CASES])
def test_refused_value_in_the_wizards_language(window, lang, page_id, path, typed, expected):
    _switch(window, lang)
    page = window.wizard.page_of(page_id)
    page.set_value(path, typed)
    text = _message(page, path)
    assert text.startswith(NOT_ACCEPTED[lang] + expected[lang]), text
    if lang != "en":
        words = {w.lower().strip("().,«»\"") for w in text.split()}
        assert not words & ENGLISH, (words & ENGLISH, text)
    assert window.state.case is None or _kept_nothing(window, path)


def _kept_nothing(window, path) -> bool:
    from leptodesk.service.cases import get_field

    return get_field(window.state.case, path) is None  # nothing refused is saved


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "hours_since_prophylactic_lmwh goes only with prophylactic_lmwh 'given'"),
    ("fr", f"«{N}heures depuis l'HBPM prophylactique{N}» ne se saisit que si «{N}HBPM "
           f"prophylactique{N}» est «{N}administrée{N}»"),
    ("pt", "«horas desde a HBPM profiláctica» só se indica quando «HBPM profiláctica» é "
           "«administrada»"),
])
def test_a_rule_between_two_fields_names_both_in_the_language(window, lang, expected):
    """The model's own check (hours of LMWH only when LMWH was given) in the language, with
    both fields named as the wizard labels them (English keeps the contract's words)."""
    from pydantic import ValidationError

    from leptodesk.errors import field_errors, field_message
    from leptodesk.models import LpSafety

    with pytest.raises(ValidationError) as info:
        LpSafety.model_validate({"prophylactic_lmwh": "none",
                                 "hours_since_prophylactic_lmwh": 6})
    (error,) = field_errors(info.value, LpSafety)
    assert error.message.startswith("hours_since_prophylactic_lmwh goes only with")
    shown = error.message if lang == "en" else field_message(error, lang)
    assert expected in shown, shown
