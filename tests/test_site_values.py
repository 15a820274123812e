"""Every site value with its unit, in the three languages (issue 22: "This site's value: 12."
said nothing of weeks), and the second intrathecal dose's day with weekday names instead of
"Day of the week (0 = first dose day)". Values are the documented site defaults
(content.SiteDefaults: 25 cm H2O, 5/µL, 50 %, day 3, 3 monthly doses, every 12 weeks, 4 MRI
dates, 60 mg/day)."""

from __future__ import annotations

import pytest

from leptodesk.models import SiteDefaultUsed
from leptodesk.view.doses import site_value

N = "\u00a0"
CASES = [
    ("opening_pressure_upper_normal_cm_h2o", 25,
     {"en": "25 cm H2O", "fr": "25 cm H2O", "pt": "25 cm H2O"}),
    ("pleocytosis_wbc_above_per_ul", 5,
     {"en": "5 white cells/µL", "fr": "5 leucocytes/µL", "pt": "5 leucócitos/µL"}),
    ("lymphocytic_above_percent", 50, {"en": "50%", "fr": f"50{N}%", "pt": "50%"}),
    ("lymphocytic_above_percent", 62.5, {"en": "62.5%", "fr": f"62,5{N}%", "pt": "62,5%"}),
    ("it_twice_weekly_second_dose_day", 3,
     {"en": "3 days after the first dose of the week (a first dose on Monday, the second on "
            "Thursday)",
      "fr": "3 jours après la première dose de la semaine (une première dose le lundi, la "
            "deuxième le jeudi)",
      "pt": "3 dias após a primeira dose da semana (uma primeira dose na segunda-feira, a "
            "segunda na quinta-feira)"}),
    ("it_twice_weekly_second_dose_day", 1,
     {"en": "1 day after the first dose of the week (a first dose on Monday, the second on "
            "Tuesday)",
      "fr": "1 jour après la première dose de la semaine (une première dose le lundi, la "
            "deuxième le mardi)",
      "pt": "1 dia após a primeira dose da semana (uma primeira dose na segunda-feira, a "
            "segunda na terça-feira)"}),
    ("it_monthly_doses_listed", 3,
     {"en": "3 monthly doses", "fr": "3 doses mensuelles", "pt": "3 doses mensais"}),
    ("it_monthly_doses_listed", 1,
     {"en": "1 monthly dose", "fr": "1 dose mensuelle", "pt": "1 dose mensal"}),
    ("mri_surveillance_interval_weeks", 12,
     {"en": "every 12 weeks", "fr": "toutes les 12 semaines", "pt": "a cada 12 semanas"}),
    ("mri_surveillance_interval_weeks", 1,
     {"en": "every week", "fr": "chaque semaine", "pt": "todas as semanas"}),
    ("mri_surveillance_dates_listed", 4, {"en": "4 dates", "fr": "4 dates", "pt": "4 datas"}),
    ("prednisone_review_above_mg_per_day", 60,
     {"en": "60 mg/day", "fr": "60 mg/jour", "pt": "60 mg/dia"}),
]


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
@pytest.mark.parametrize(("name", "value", "expected"), CASES,
                         ids=[f"{c[0]}={c[1]}" for c in CASES])
def test_site_value_with_its_unit(name, value, expected, lang):
    used = SiteDefaultUsed(name=name, value=value, text="...")
    assert site_value(used, lang) == expected[lang]


def test_the_plan_says_every_site_value_with_its_unit():
    """The HER2 example uses four site defaults: each value is said with its unit."""
    from leptodesk.casefile import load_case_file
    from leptodesk.service import get_service
    from leptodesk.view.doses import site_default_line
    from tests.conftest import ROOT

    plan = get_service().plan(load_case_file(ROOT / "examples" /
                                             "malignant-her2-good-prognosis.json"))
    lines = [site_default_line(d) for d in plan.site_defaults]
    assert lines and all(not line.rstrip(".").split(": ")[-1].isdigit() for line in lines)
    assert any(line.endswith("This site's value: every 12 weeks.") for line in lines)
    assert not any("0 = first dose day" in line for line in lines)
