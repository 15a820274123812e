"""A bad case file on the command line (plan, export) in English, French and Portuguese: exit
2, "invalid case" and every bad field named by its path, with what to type and what was typed,
in the language of --lang. English stays the contract's words, byte for byte."""

from __future__ import annotations

import json

import pytest

from leptodesk.cli import main

from .conftest import ROOT

N = "\u00a0"
BASE = json.loads((ROOT / "examples" / "tuberculous-adult.json").read_text(encoding="utf-8"))


def _case(section: str, field: str, value) -> str:
    data = json.loads(json.dumps(BASE))
    data[section][field] = value
    return json.dumps(data)


def _duplicate() -> str:
    return json.dumps(BASE).replace('"patient": {', '"patient": {"age_years": 3, ', 1)


# (name, case text, {language: the field's line}), worked by hand from the catalogues.
CASES = [
    ("text in a number field", _case("patient", "age_years", "abc"), {
        "en": '  - patient.age_years: must be a whole number (not text, not true/false) '
              '(allowed: 0 to 120); got "abc"',
        "fr": f"  - patient.age_years{N}: doit être un nombre entier de 0 à 120 "
              f"(saisi{N}: «{N}abc{N}»)",
        "pt": "  - patient.age_years: deve ser um número inteiro de 0 a 120 "
              "(introduzido: «abc»)"}),
    ("out of range", _case("patient", "age_years", 121), {
        "en": "  - patient.age_years: Input should be less than or equal to 120 (allowed: 0 "
              "to 120); got 121",
        "fr": f"  - patient.age_years{N}: doit être compris entre 0 et 120 "
              f"(saisi{N}: «{N}121{N}»)",
        "pt": "  - patient.age_years: deve estar entre 0 e 120 (introduzido: «121»)"}),
    ("too small", _case("lp_safety", "inr", 1e-7), {
        "en": "  - lp_safety.inr: a value this small is not a measurement (give 0 or at least "
              "0.000001); got 1e-07",
        "fr": f"  - lp_safety.inr{N}: une valeur aussi petite n'est pas une mesure (saisir 0 ou "
              f"au moins 0,000001) (saisi{N}: «{N}1e-07{N}»)",
        "pt": "  - lp_safety.inr: um valor tão pequeno não é uma medição (indique 0 ou pelo "
              "menos 0,000001) (introduzido: «1e-07»)"}),
    ("no such date", _case("planned", "treatment_start_date", "2026-02-31"), {
        "en": "  - planned.treatment_start_date: Input should be a valid date or datetime, day "
              'value is outside expected range; got "2026-02-31"',
        "fr": f"  - planned.treatment_start_date{N}: doit être une date réelle, écrite "
              f"AAAA-MM-JJ (saisi{N}: «{N}2026-02-31{N}»)",
        "pt": "  - planned.treatment_start_date: deve ser uma data real, escrita AAAA-MM-DD "
              "(introduzido: «2026-02-31»)"}),
    ("control character", _case("patient", "display_name", "Bed\u00074"), {
        "en": "  - patient.display_name: text must not hold control characters or "
              'bidirectional override characters; got "Bed\\x074"',
        "fr": f"  - patient.display_name{N}: le texte ne doit contenir ni caractères de "
              f"contrôle ni caractères de forçage bidirectionnel (saisi{N}: «{N}Bed\\x074{N}»)",
        "pt": "  - patient.display_name: o texto não pode conter caracteres de controlo nem "
              "caracteres de substituição bidireccional (introduzido: «Bed\\x074»)"}),
    ("unknown field", _case("patient", "agee", 3), {
        "en": "  - patient.agee: unknown field (fields here: display_name, age_years, age_days, "
              "weight_kg, sex)",
        "fr": f"  - patient.agee{N}: champ inconnu (champs possibles ici{N}: display_name, "
              "age_years, age_days, weight_kg, sex)",
        "pt": "  - patient.agee: campo desconhecido (campos possíveis aqui: display_name, "
              "age_years, age_days, weight_kg, sex)"}),
    ("duplicate key", _duplicate(), {
        "en": "  - patient.age_years: this key is given more than once in one object (each "
              "field once)",
        "fr": f"  - patient.age_years{N}: cette clé est donnée plus d'une fois dans le même "
              "objet (chaque champ une seule fois)",
        "pt": "  - patient.age_years: esta chave aparece mais de uma vez no mesmo objecto (cada "
              "campo uma só vez)"}),
    ("not JSON", '{"patient": {"age_years": 3,}}', {
        "en": "  - not valid JSON: Expecting property name enclosed in double quotes at line 1, "
              "column 29",
        "fr": f"  - JSON invalide{N}: une erreur à la ligne 1, colonne 29",
        "pt": "  - JSON inválido: um erro na linha 1, coluna 29"}),
    ("not one object", "[1]", {
        "en": "  - a case file holds one JSON object",
        "fr": "  - un fichier de cas contient un seul objet JSON",
        "pt": "  - um ficheiro de caso contém um único objecto JSON"}),
]
HEAD = {"en": "{path}: invalid case", "fr": f"{{path}}{N}: cas invalide",
        "pt": "{path}: caso inválido"}


@pytest.mark.parametrize("command", ["plan", "export"])
@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_case_file_in_the_language(tmp_path, capsys, command, lang, name, text, expected):
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    argv = [command, str(path), "--lang", lang]
    if command == "export":
        argv += ["-o", str(tmp_path / "plan.pdf"), "--identity", str(tmp_path / "none.p12")]
    assert main(argv) == 2  # the same exit status in every language
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == HEAD[lang].format(path=path)
    assert expected[lang] in lines[1:], captured.err
    assert "Traceback" not in captured.err and captured.out == ""
    assert not (tmp_path / "plan.pdf").exists()


# Refusals before any field is read: too big, nested past the parser, not a regular file.
WHOLE_FILE = {
    "too big": {
        "en": "  - a case file is at most 1024 KiB (1048576 bytes); this one is larger",
        "fr": f"  - un fichier de cas fait au plus 1 Mio (1048576 octets){N}; celui-ci est plus "
              "grand",
        "pt": "  - um ficheiro de caso tem no máximo 1 MiB (1048576 bytes); este é maior"},
    "nested past the parser": {
        "en": "  - not a case: objects nested more than 16 deep",
        "fr": f"  - pas un cas{N}: objets imbriqués sur plus de 16 niveaux",
        "pt": "  - não é um caso: objectos aninhados em mais de 16 níveis"},
    "a directory": {
        "en": "  - a directory, not a case file; nothing was read",
        "fr": f"  - un dossier, pas un fichier de cas{N}; rien n'a été lu",
        "pt": "  - uma pasta, não um ficheiro de caso; nada foi lido"},
}


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
@pytest.mark.parametrize("name", sorted(WHOLE_FILE))
def test_whole_file_refusals_in_the_language(tmp_path, capsys, lang, name):
    if name == "a directory":
        path = tmp_path / "case.json"
        path.mkdir()
    else:
        path = tmp_path / "case.json"
        text = ("[" * 5000 + "]" * 5000 if name == "nested past the parser" else
                json.dumps({**BASE, "note": "y" * (1 << 20)}))  # just over 1 MiB
        path.write_text(text, encoding="utf-8")
    assert main(["plan", str(path), "--lang", lang]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0] == HEAD[lang].format(path=path)
    assert lines[1:] == [WHOLE_FILE[name][lang]], captured.err
    assert "Traceback" not in captured.err and captured.out == ""
