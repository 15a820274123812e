"""Reading and writing case files (the contract's JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .errors import FieldError, InvalidInput, field_errors
from .fileio import write_atomic
from .migrate import migrate
from .models import Case


def load_case_text(text: str, source: str = "") -> Case:
    """Parse and validate a case file's text. Raises InvalidInput (never a traceback)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput([FieldError("", f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                                           f"column {exc.colno}")], source) from None
    if not isinstance(data, dict):
        raise InvalidInput([FieldError("", "a case file holds one JSON object")], source)
    try:
        return Case.model_validate(migrate(data))
    except ValidationError as exc:
        raise InvalidInput(field_errors(exc, Case), source) from None


def case_sha256_as_written(text: str) -> str:
    """The case hash of a case file in the version it was written in (a plan signed from a
    version 1 case carries the version 1 hash). Raises InvalidInput like ``load_case_text``."""
    from .migrate import v1_sha256

    case = load_case_text(text)
    try:
        version = json.loads(text).get("schema_version")
    except (json.JSONDecodeError, AttributeError):  # pragma: no cover - load_case_text passed
        version = None
    return v1_sha256(case) if version == 1 else case.sha256()


def load_case_file(path: str | Path) -> Case:
    """Read a case file. OSError and UnicodeDecodeError pass through (exit status 1)."""
    p = Path(path)
    return load_case_text(p.read_text(encoding="utf-8"), str(p))


def save_case_file(case: Case, path: str | Path) -> None:
    """Write atomically so a crash never leaves half a case."""
    write_atomic(path, case.to_file_json().encode("utf-8"))
