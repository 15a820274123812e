"""The range a number field allows, as its entry hint says it ("mL (0 to 50)"): from the case
model's own bounds, so that the hint and the check that refuses a value never disagree."""

from __future__ import annotations

from ..errors import _field_info, bounds
from ..models import Case
from . import numbers


def field_bounds(path: str) -> tuple[float | None, float | None]:
    """The lowest and highest value the case model allows at ``path`` (None: no bound)."""
    _, info = _field_info(Case, tuple(path.split(".")))
    if info is None:
        raise KeyError(path)
    return bounds(info)


def range_words(path: str, lang: str) -> dict[str, str]:
    """``{low}`` and ``{high}`` of ``path`` written in ``lang`` ("0,5" in French)."""
    low, high = field_bounds(path)
    return {"low": numbers.significant(low, 12, lang),
            "high": numbers.significant(high, 12, lang)}
