"""Reading and writing case files (the contract's JSON), strictly, wherever a case is read.

Every case LeptoDesk reads (a file, the wizard's edits, a signed PDF's attachment, an autosaved
draft) goes through :func:`validate_case_data` and, for text, :func:`parse_case_json`, so the
contract's rules hold everywhere (spec/case-file-v2.md, "Rules that hold for every field"):

- a case file is a regular file of at most 1 MiB of UTF-8 JSON (a FIFO, device or directory is
  refused without reading it);
- objects are nested at most 16 deep, a key given twice in one object is an error, numbers are
  finite and of sane length (no 5,000-digit integers, no ``NaN``);
- JSON types are strict: a number is a JSON number (never ``"250"`` or ``true``), a yes/no answer
  is ``true``/``false``/``null`` (never ``"no"`` or ``0``) -- pydantic's strict JSON mode;
- text holds no control or bidirectional-override characters; dates and times lie between
  2000-01-01 and 2100-12-31; a non-zero measurement is not vanishingly small.

Each violation is an :class:`InvalidInput` naming the JSON path and quoting at most 80
characters of the bad value (exit status 2), never a traceback.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import FieldError, InvalidInput, allowed_text, field_errors, range_error, typed_text
from .fileio import FileRefused, read_regular, write_atomic
from .migrate import migrate
from .models import Case
from .textsafe import has_unsafe_chars, quote

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 16
MAX_NUMBER_CHARS = 32  # "-1234.5678e-10" fits many times over; 4,300-digit integers do not
MIN_MAGNITUDE = 1e-6  # a measurement smaller than this but not 0 is not a measurement
DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)


class _BadNumber:
    """A number literal the reader refuses (too long, NaN, Infinity), kept for its path."""

    def __init__(self, text: str, why: str, key: str, **params: Any) -> None:
        self.text, self.why = text, why
        self.key, self.params = key, params  # the catalogue's msg:err_<key> and its values


class _Object(dict):
    """A JSON object that remembers the keys given more than once."""

    duplicates: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    seen: list[str] = []
    for key, value in pairs:
        if key in obj and key not in seen:
            seen.append(key)
        obj[key] = value
    obj.duplicates = tuple(seen)
    return obj


def _int(text: str) -> int | _BadNumber:
    if len(text) > MAX_NUMBER_CHARS:
        return _BadNumber(text, f"a number of {len(text)} digits is not a value", "digits",
                          n=len(text))
    return int(text)


def _float(text: str) -> float | _BadNumber:
    if len(text) > MAX_NUMBER_CHARS:
        return _BadNumber(text, f"a number written with {len(text)} characters is not a value",
                          "characters", n=len(text))
    value = float(text)
    if not math.isfinite(value):
        return _BadNumber(text, "the number is too large", "too_large")
    return value


def _constant(text: str) -> _BadNumber:
    return _BadNumber(text, f"{text} is not a JSON number", "not_json_number",
                      number=text)


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


_KINDS_SEEN: dict[int, tuple[Any, frozenset[str], type[BaseModel] | None]] = {}


def _kinds_of(annotation: Any) -> tuple[frozenset[str], type[BaseModel] | None]:
    """``_kinds`` once per annotation: the wizard reads the whole case on every entry, and the
    models' annotations live as long as the process (keyed by identity, the object kept so
    that an identity is never reused for another)."""
    seen = _KINDS_SEEN.get(id(annotation))
    if seen is None or seen[0] is not annotation:
        kinds, model = _kinds(annotation)
        seen = _KINDS_SEEN[id(annotation)] = (annotation, frozenset(kinds), model)
    return seen[1], seen[2]


def _kinds(annotation: Any) -> tuple[set[str], type[BaseModel] | None]:
    """The JSON kinds a field takes ("number", "integer", "boolean", "string", "date",
    "datetime", "object") and its model for objects. ``None`` is always allowed."""
    kinds: set[str] = set()
    model: type[BaseModel] | None = None
    args = get_args(annotation)
    origin = get_origin(annotation)
    if origin is Literal:
        for arg in args:
            kinds.add("boolean" if isinstance(arg, bool) else "integer" if isinstance(arg, int)
                      else "number" if isinstance(arg, float) else "string")
        return kinds, None
    if args and origin is not None:
        for arg in args:
            sub, sub_model = _kinds(arg)
            kinds |= sub
            model = model or sub_model
        return kinds, model
    if annotation is bool:
        kinds.add("boolean")
    elif annotation is int:
        kinds.add("integer")
    elif annotation is float:
        kinds.add("number")
    elif annotation is datetime:
        kinds.add("datetime")
    elif annotation is date:
        kinds.add("date")
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        kinds.add("object")
        model = annotation
    elif isinstance(annotation, type) and issubclass(annotation, str | Enum):
        kinds.add("string")
    return kinds, model


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?"
                            r"(Z|[+-]\d{2}:?\d{2})?")  # a zone: the model says it is not allowed
_KIND_TEXT = {
    "number": "a number (not text, not true/false)",
    "integer": "a whole number (not text, not true/false)",
    "boolean": "true, false or null (not text, not a number)",
    "string": "text in quotes",
    "date": "a date as text YYYY-MM-DD",
    "datetime": "a local date-time as text YYYY-MM-DDTHH:MM",
    "object": "a JSON object { ... }",
}


def _type_error(value: Any, kinds: set[str]) -> str | None:
    """Why ``value`` is not of one of ``kinds`` (strict JSON types), or None."""
    if value is None or not kinds:
        return None
    if isinstance(value, bool):
        ok = "boolean" in kinds
    elif isinstance(value, int):
        ok = bool(kinds & {"integer", "number"})
    elif isinstance(value, float):
        ok = "number" in kinds  # 80.0 is not a whole number for an integer field
    elif isinstance(value, datetime):
        ok = "datetime" in kinds
    elif isinstance(value, date):
        ok = "date" in kinds
    elif isinstance(value, str):
        ok = ("string" in kinds or ("date" in kinds and bool(_DATE_TEXT.fullmatch(value)))
              or ("datetime" in kinds and bool(_DATETIME_TEXT.fullmatch(value))))
    elif isinstance(value, dict):
        ok = "object" in kinds
    else:
        ok = False
    if ok:
        return None
    wanted = " or ".join(_KIND_TEXT[k] for k in sorted(kinds))
    return f"must be {wanted}; got {quote(value)}"


def _type_key(value: Any, kinds: set[str], info: Any) -> tuple[str, dict] | None:
    """The catalogue key and values of a type error (None: several kinds, said in English)."""
    if kinds and kinds <= {"integer", "number"}:
        return range_error("integer" if kinds == {"integer"} else "number", info, value)
    if len(kinds) == 1:
        return f"type_{next(iter(kinds))}", {"typed": typed_text(value)}
    return None


def _day(value: str | date) -> str:
    return value.isoformat() if isinstance(value, date) else value


def _date_error(value: Any, kinds: set[str]) -> str | None:
    """A date or date-time outside 2000-01-01..2100-12-31 (``YYYY-MM-DD`` compares as text)."""
    if not kinds & {"date", "datetime"} or not isinstance(value, str | date):
        return None
    day = value.isoformat() if isinstance(value, date) else value
    if not _DATE_TEXT.fullmatch(day[:10]) or DATE_MIN.isoformat() <= day[:10] <= \
            DATE_MAX.isoformat():
        return None
    return f"must lie between {DATE_MIN} and {DATE_MAX}; got {quote(day)}"


def _check_raw(value: Any, path: str, depth: int, out: list[FieldError],
               annotation: Any = None, info: Any = None) -> None:
    """Walk parsed JSON (or the wizard's dict) beside the model: duplicate keys, depth, number
    literals, characters, and strict JSON types for every known field (unknown fields are left
    to the model, which names them)."""
    kinds, model = _kinds_of(annotation) if annotation is not None else (frozenset(), None)
    if isinstance(value, _BadNumber):
        out.append(FieldError(path, f"{value.why}; got {quote(value.text)}", value.key,
                              {**value.params, "typed": typed_text(value.text)}))
        return
    if isinstance(value, dict | list) and depth > MAX_DEPTH:
        out.append(FieldError(path, f"objects nested more than {MAX_DEPTH} deep", "nested",
                              {"max": MAX_DEPTH}))
        return
    problem = _type_error(value, kinds)
    keyed = _type_key(value, kinds, info) if problem else None
    if not problem and (problem := _date_error(value, kinds)):
        keyed = "date_range", {"low": DATE_MIN.isoformat(), "high": DATE_MAX.isoformat(),
                               "typed": typed_text(_day(value))}
    if problem and kinds & {"integer", "number"} and (allowed := allowed_text(info)):
        problem = problem.replace("; got ", f" ({allowed}); got ", 1)  # what to type instead
    if problem:
        out.append(FieldError(path, problem, *(keyed or (None, None))))
    if isinstance(value, dict):
        for key in value.duplicates if isinstance(value, _Object) else ():
            out.append(FieldError(_join(path, key), "this key is given more than once in one "
                                  "object (each field once)", "duplicate", {}))
        fields = model.model_fields if model is not None and not problem else {}
        for key, item in value.items():
            info = fields.get(key)
            _check_raw(item, _join(path, key), depth + 1, out,
                       info.annotation if info is not None else None, info)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_raw(item, f"{path}[{i}]", depth + 1, out)
    elif isinstance(value, float):
        if not math.isfinite(value):
            out.append(FieldError(path, f"not a finite number; got {quote(value)}",
                                  "not_finite", {"typed": typed_text(value)}))
        elif value != 0 and abs(value) < MIN_MAGNITUDE:
            out.append(FieldError(path, f"a value this small is not a measurement (give 0 or at "
                                  f"least {MIN_MAGNITUDE:.6f}); got {quote(value)}",
                                  "too_small", {"min": f"{MIN_MAGNITUDE:.6f}",
                                                "typed": typed_text(value)}))
    elif isinstance(value, int) and not isinstance(value, bool):
        if len(str(abs(value))) > MAX_NUMBER_CHARS:
            out.append(FieldError(path, "the number is too large", "too_large", {}))
    elif isinstance(value, str) and has_unsafe_chars(value):
        out.append(FieldError(path, "text must not hold control characters or bidirectional "
                              f"override characters; got {quote(value)}", "control",
                              {"typed": typed_text(value)}))


def parse_case_json(text: str, source: str = "") -> Any:
    """Parse a case's JSON text under the contract's rules; the raw data (not yet validated)."""
    if len(text) > MAX_BYTES:
        raise InvalidInput([FieldError("", f"a case file is at most 1 MiB ({MAX_BYTES} "
                                           f"bytes); this one has {len(text)} characters",
                                       "case_too_big", {"max_bytes": str(MAX_BYTES)})], source)
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_float,
                          parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise InvalidInput([FieldError("", f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                                           f"column {exc.colno}", "json_at",
                                       {"line": exc.lineno, "column": exc.colno})],
                           source) from None
    except RecursionError:
        raise InvalidInput([FieldError("", f"not a case: objects nested more than {MAX_DEPTH} "
                                           "deep", "nested_case", {"max": MAX_DEPTH})],
                           source) from None
    except ValueError as exc:  # e.g. an integer the parser refuses outright
        raise InvalidInput([FieldError("", f"not valid JSON: {quote(str(exc))}")],
                           source) from None
    if not isinstance(data, dict):
        raise InvalidInput([FieldError("", "a case file holds one JSON object", "one_object",
                                       {})], source)
    return data


def validate_case_data(data: Any, source: str = "") -> Case:
    """Validate parsed case data (a file's, a draft's, a PDF's or the wizard's) strictly."""
    if not isinstance(data, dict):
        raise InvalidInput([FieldError("", "a case file holds one JSON object", "one_object",
                                       {})], source)
    data = migrate(data)  # a version 1 case becomes version 2 (spec/case-file-v2.md)
    errors: list[FieldError] = []
    # Strict JSON types are checked here, field by field against the model, so that no
    # validator can coerce "250", true, "no" or 0; the model then checks ranges and values.
    _check_raw(data, "", 1, errors, Case)
    if errors:
        # Every bad field is named at once: the model still checks the rest, without them.
        data = _without(data, {e.path for e in errors})
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        errors += [e for e in field_errors(exc, Case) if not _covered(e.path, errors)]
        raise InvalidInput(errors, source) from None
    if errors:
        raise InvalidInput(errors, source)
    return case


def _without(data: Any, paths: set[str], prefix: str = "") -> Any:
    """A copy of ``data`` with the values at ``paths`` taken out (the whole object when a key
    in it is given twice or it is nested too deep: its keys are reported already)."""
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        path = _join(prefix, key)
        if path in paths:
            continue
        out[key] = _without(value, paths, path)
    return out


def _covered(path: str, errors: list[FieldError]) -> bool:
    return any(path == e.path or path.startswith(e.path + ".") or e.path.startswith(path + ".")
               for e in errors)


def load_case_text(text: str, source: str = "") -> Case:
    """Parse and validate a case file's text. Raises InvalidInput (never a traceback)."""
    return validate_case_data(parse_case_json(text, source), source)


def parse_site_json(data: bytes, source: str) -> str:
    """The text of a small JSON settings file, checked like a case file's (UTF-8, duplicate
    keys, nesting, number literals); the model then reads it in strict JSON mode."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput([FieldError("", "not UTF-8 text", "not_utf8", {})], source) from None
    parsed = parse_case_json(text, source)
    errors: list[FieldError] = []
    _check_raw(parsed, "", 1, errors)
    if errors:
        raise InvalidInput(errors, source)
    return text


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


def load_case_bytes(data: bytes, source: str = "") -> Case:
    """A case from bytes (a file's or a PDF attachment's): size first, then UTF-8."""
    if len(data) > MAX_BYTES:
        raise InvalidInput([FieldError("", f"a case file is at most 1 MiB ({MAX_BYTES} "
                                           "bytes); this one is larger", "case_too_big",
                                       {"max_bytes": str(MAX_BYTES)})], source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = f"the byte at offset {exc.start} is 0x{data[exc.start]:02x}"
        raise InvalidInput([FieldError("", f"not UTF-8 text ({bad})")], source) from None
    return load_case_text(text, source)


def read_limited(path: str | Path, limit: int = MAX_BYTES, what: str = "a case file") -> bytes:
    """Read at most ``limit`` bytes of a regular file; anything else is refused unread.

    A FIFO, device, socket or directory is refused without blocking on it (opened with
    O_NONBLOCK, checked with fstat). A larger file is InvalidInput. OSError passes through.
    """
    p = Path(path)
    try:
        return read_regular(p, limit)
    except FileRefused as exc:
        if exc.kind == "too_large":
            keyed = ("case_too_big", {"max_bytes": str(limit)}) if what == "a case file" and \
                limit == MAX_BYTES else (None, None)
            raise InvalidInput([FieldError("", f"{what} is at most {limit // 1024} KiB "
                                               f"({limit} bytes); this one is larger", *keyed)],
                               str(p)) from None
        kind = {"directory": "a directory", "fifo": "a FIFO (named pipe)",
                "device": "a device"}.get(exc.kind, "not a regular file")
        keyed = (f"case_is_{exc.kind}", {}) if what == "a case file" else (None, None)
        raise InvalidInput([FieldError("", f"{kind}, not {what}; nothing was read", *keyed)],
                           str(p)) from None


def load_case_file(path: str | Path) -> Case:
    """Read a case file strictly. A missing or unreadable file is OSError (exit status 1)."""
    p = Path(path)
    return load_case_bytes(read_limited(p), str(p))


def save_case_file(case: Case, path: str | Path) -> None:
    """Write atomically so a crash never leaves half a case."""
    write_atomic(path, case.to_file_json().encode("utf-8"))
