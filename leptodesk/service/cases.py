"""``service.cases``: reading and writing case files, and editing a case one field at a time
(the wizard), with the core's own messages.

The wizard never validates or converts clinical values itself: it hands the entered value to
``service.cases.with_field`` and shows the returned message at the field.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from ..content.constants import KG_PER_LB
from ..errors import FieldError, InvalidInput, _unwrap
from ..i18n import english_under
from ..models import (
    MG_DL_PER_G_L_PROTEIN,
    MG_DL_PER_MMOL_L_GLUCOSE,
    Case,
    EtiologyCategory,
)

LB_PER_KG = 1 / KG_PER_LB  # the one pound factor, content.KG_PER_LB

# Karnofsky performance status: the eleven levels and their standard descriptions.
KPS_LEVELS: tuple[tuple[int, str], ...] = tuple(
    (int(level), text) for level, text in english_under("kps:").items())


def kps_levels(lang: str = "en") -> tuple[tuple[int, str], ...]:
    """KPS_LEVELS with their descriptions in ``lang`` (en, fr, pt)."""
    if lang == "en":
        return KPS_LEVELS
    from ..i18n import tr

    return tuple((level, tr(lang, f"kps:{level}")) for level, _ in KPS_LEVELS)


def get_field(case: Case, path: str) -> Any:
    value: Any = case
    for part in path.split("."):
        value = getattr(value, part)
    return value


def with_field(case: Case, path: str, value: Any) -> Case:
    """A new case with ``path`` set to ``value``; raises InvalidInput naming the field."""
    data = case.model_dump(mode="json")
    parts = path.split(".")
    target = data
    for part in parts[:-1]:
        if target.get(part) is None:
            target[part] = {}
        target = target[part]
    if parts[-1] not in _fields_at(parts[:-1]):
        raise InvalidInput([FieldError(path, "unknown field")])
    target[parts[-1]] = _typed(_annotation(parts), value)
    from ..casefile import validate_case_data

    try:  # the same strict reading as a case file's
        return validate_case_data(data)
    except InvalidInput as exc:
        mine = [e for e in exc.errors if e.path == path or e.path.startswith(path + ".")]
        raise InvalidInput(mine or exc.errors) from None


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _annotation(parts: list[str]) -> Any:
    model: Any = Case
    info = None
    for part in parts:
        info = model.model_fields[part]
        model = info.default_factory or _model_in(info.annotation)
    return info.annotation if info is not None else None


def _model_in(annotation: Any) -> Any:
    for arg in get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = _model_in(arg) if get_args(arg) else None
        if inner is not None:
            return inner
    return None


def _number_kind(annotation: Any) -> type | None:
    for arg in get_args(annotation) or (annotation,):
        if arg is bool:
            return None
        if arg in (int, float):
            return arg
        if get_args(arg):
            kind = _number_kind(arg)
            if kind is not None:
                return kind
    return None


def _typed(annotation: Any, value: Any) -> Any:
    """Text typed into a number box becomes the number it plainly is ("250" -> 250); any
    other text stays text, so the strict validation names the field. Nothing else is coerced:
    the wizard's yes/no and choice boxes give True/False/None and the contract's strings."""
    model = _model_in(annotation)
    if model is not None and isinstance(value, dict):
        return {k: _typed(model.model_fields[k].annotation, v) if k in model.model_fields else v
                for k, v in value.items()}
    kind = _number_kind(annotation)
    if kind is None or not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
        return value
    number = float(value.strip())
    if kind is int and number.is_integer() and abs(number) < 1e15:
        return int(number)
    return number if kind is float else value


def _fields_at(parts: list[str]) -> dict:
    model: Any = Case
    for part in parts:
        model = model.model_fields[part].default_factory  # sections are default_factory models
    return model.model_fields


def kg_from_lb(pounds: float) -> float:
    return pounds / LB_PER_KG


def lb_from_kg(kg: float) -> float:
    return kg * LB_PER_KG


# For showing an entered lab value in its other unit beside the field: (other unit, factor,
# decimals shown). The factors are the models' own (what the rules use).
_OTHER_UNIT = {
    "mg/dL glucose": ("mmol/L", 1 / MG_DL_PER_MMOL_L_GLUCOSE, 1),
    "mmol/L glucose": ("mg/dL", MG_DL_PER_MMOL_L_GLUCOSE, 0),
    "mg/dL protein": ("g/L", 1 / MG_DL_PER_G_L_PROTEIN, 2),
    "g/L protein": ("mg/dL", MG_DL_PER_G_L_PROTEIN, 0),
}


def in_other_unit(value: float, unit: str, quantity: str) -> str:
    """``value`` (in ``unit``) in the other unit of ``quantity`` ("glucose" or "protein"),
    formatted, e.g. ``in_other_unit(90, "mg/dL", "glucose") == "5.0 mmol/L"``."""
    other, factor, decimals = _OTHER_UNIT[f"{unit} {quantity}"]
    return f"{value * factor:.{decimals}f} {other}"


def prognosis_relevant(case: Case) -> bool:
    """The prognosis gate applies only to malignant leptomeningeal disease [5, 6]."""
    return case.etiology.category is EtiologyCategory.malignant


def case_value_labels() -> dict[str, str]:
    """The English words for each allowed value of a case field ("value:lp.cytology=not_sent":
    "not sent"), as the clinician summary's inputs table writes them."""

    from pydantic import BaseModel


    out: dict[str, str] = {}

    def walk(prefix: str, model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            inner = _unwrap(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                if {"value", "unit"} <= set(inner.model_fields):
                    continue  # a measurement: the unit stays a symbol
                walk(f"{prefix}{name}.", inner)
            elif isinstance(inner, type) and issubclass(inner, Enum):
                for member in inner:
                    out[f"value:{prefix}{name}={member.value}"] = str(member.value).replace(
                        "_", " ")

    walk("", Case)
    return out


class Cases:
    """The door's room for cases (``service.cases``): a case file read with the contract's
    strict rules (``InvalidInput`` naming each bad field), written, and edited field by field;
    the entry helpers the wizard shows beside a field (the other unit, the KPS levels)."""

    @staticmethod
    def load_file(path: str | Path) -> Case:
        from ..casefile import load_case_file

        return load_case_file(path)

    @staticmethod
    def load_text(text: str, source: str = "") -> Case:
        from ..casefile import load_case_text

        return load_case_text(text, source)

    @staticmethod
    def save_file(case: Case, path: str | Path) -> None:
        """Write the case file atomically (``OSError`` naming the file)."""
        from ..casefile import save_case_file

        save_case_file(case, path)

    get_field = staticmethod(get_field)
    with_field = staticmethod(with_field)
    kps_levels = staticmethod(kps_levels)
    kg_from_lb = staticmethod(kg_from_lb)
    lb_from_kg = staticmethod(lb_from_kg)
    in_other_unit = staticmethod(in_other_unit)
    prognosis_relevant = staticmethod(prognosis_relevant)
