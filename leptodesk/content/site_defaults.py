"""``SiteDefaults``: the values the rules need that the guideline does not give.

Each is named, bounded and described (its description, with the guideline's numbers filled in,
is the catalogue's ``site:NAME``); a site may change it in ``site-defaults.json`` in the data
folder (``leptodesk/site.py`` reads that file), and the plan lists each one it used. The values
in effect are part of ``content_sha256`` (``digest.py``); change a default here and bump
``CONTENT_VERSION``.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import english
from .constants import NUMBERS


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
