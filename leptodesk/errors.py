"""Readable errors: every bad field named with its path and what is allowed."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple, get_args, get_origin

if TYPE_CHECKING:  # pydantic is imported where needed: `leptodesk --help` starts without it
    from pydantic import BaseModel, ValidationError
    from pydantic.fields import FieldInfo


class LeptoDeskWarning(UserWarning):
    """The project's own warnings; errors in tests."""


class FieldError(NamedTuple):
    path: str
    message: str

    def __str__(self) -> str:
        from .textsafe import printable

        message = printable(self.message)
        return f"{printable(self.path, 120)}: {message}" if self.path else message


class InvalidInput(Exception):
    """The input is invalid (exit status 2). ``errors`` names each bad field."""

    def __init__(self, errors: list[FieldError], source: str = "") -> None:
        self.errors = errors
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        """The message for a terminal or a dialog: control characters escaped, at most
        ``MAX_SHOWN`` errors listed (a huge bad file cannot flood the screen)."""
        from .textsafe import printable

        head = f"{printable(self.source)}: invalid case" if self.source else "invalid case"
        lines = [f"  - {e}" for e in self.errors[:MAX_SHOWN]]
        if len(self.errors) > MAX_SHOWN:
            lines.append(f"  - ... and {len(self.errors) - MAX_SHOWN} more")
        return head + "\n" + "\n".join(lines)


MAX_SHOWN = 20


def _unwrap(annotation: Any) -> Any:
    """The model or enum class inside Optional[...] / Annotated[...]."""
    from pydantic import BaseModel
    for arg in get_args(annotation) or ():
        inner = _unwrap(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel | Enum):
            return inner
    if get_origin(annotation) is None and isinstance(annotation, type):
        return annotation
    return None


def _field_info(
    model: type[BaseModel], loc: tuple
) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    from pydantic import BaseModel
    current: type[BaseModel] | None = model
    info = None
    for part in loc:
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            return current, None
        info = current.model_fields[part]
        inner = _unwrap(info.annotation)
        current = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return current, info


def allowed_text(info: FieldInfo | None) -> str:
    if info is None:
        return ""
    inner = _unwrap(info.annotation)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return "allowed: " + ", ".join(repr(m.value) for m in inner)
    bounds = {}
    for meta in info.metadata:
        for name in ("ge", "gt", "le", "lt", "multiple_of", "max_length"):
            if getattr(meta, name, None) is not None:
                bounds[name] = getattr(meta, name)
    for arg in get_args(info.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            for sub in getattr(meta, "metadata", [meta]):
                for name in ("ge", "gt", "le", "lt", "multiple_of", "max_length"):
                    if getattr(sub, name, None) is not None:
                        bounds[name] = getattr(sub, name)
    parts = []
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))
    if low is not None and high is not None:
        parts.append(f"allowed: {low:g} to {high:g}")
    if "multiple_of" in bounds:
        parts.append(f"in steps of {bounds['multiple_of']:g}")
    if "max_length" in bounds:
        parts.append(f"at most {bounds['max_length']} characters")
    return ", ".join(parts)


def field_errors(exc: ValidationError, model: type[BaseModel]) -> list[FieldError]:
    from .textsafe import quote

    out: list[FieldError] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic adds the union member or validator name to the location; keep field names.
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in (
            "float", "int", "bool", "str", "date", "datetime", "enum", "none", "constrained-float",
            "constrained-int", "Glucose", "Protein"))))
        path = ".".join(str(p)[:80] for p in loc)
        kind = err["type"]
        parent, info = _field_info(model, loc)
        if kind == "extra_forbidden":
            parent_model, _ = _field_info(model, loc[:-1])
            names = ", ".join(parent_model.model_fields) if parent_model else ""
            msg = "unknown field" + (f" (fields here: {names})" if names else "")
        elif kind == "missing":
            msg = "required"
        else:
            msg = err["msg"].removeprefix("Value error, ")
            allowed = allowed_text(info)
            if allowed and kind != "enum":
                msg += f" ({allowed})"
            if kind not in ("value_error",) and "input" in err and not isinstance(
                err["input"], dict | list
            ):
                msg += f"; got {quote(err['input'])}"
        out.append(FieldError(path, msg))
    return out
