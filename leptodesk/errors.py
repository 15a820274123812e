"""Readable errors: every bad field named with its path and what is allowed."""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, get_args, get_origin, runtime_checkable

from .keyed import (
    KeyedValueError,  # noqa: F401 - raised by the models, read here
    SaysItself,
)
from .phrases import Count, Phrase  # noqa: F401 - keyed fragments, here as before

if TYPE_CHECKING:  # pydantic is imported where needed: `leptodesk --help` starts without it
    from pydantic import BaseModel, ValidationError
    from pydantic.fields import FieldInfo


class LeptoDeskWarning(UserWarning):
    """The project's own warnings; errors in tests."""


class FieldError(NamedTuple):
    """A bad field. ``message`` is the contract's English (logs, JSON, the command line in
    English); ``key`` and ``params`` say it for every language: ``msg:err_<key>`` of the
    catalogue with the values filled in (:func:`field_message`). Without a key, the English
    ``message`` is shown in every language."""

    path: str
    message: str
    key: str | None = None
    params: Mapping[str, Any] | None = None

    def __str__(self) -> str:
        from .textsafe import printable

        message = printable(self.message)
        return f"{printable(self.path, 120)}: {message}" if self.path else message

    def text_in(self, lang: str) -> str:
        """The message (without the path) in words for the bedside in ``lang``."""
        return field_message(self, lang)

    def line_in(self, lang: str) -> str:
        """``str(self)`` in ``lang`` (exactly ``str(self)`` for "en")."""
        if lang == "en":
            return str(self)
        from .i18n import colon
        from .keyed import in_lang
        from .textsafe import printable

        message = printable(field_message(self, lang))
        path = in_lang(printable(self.path, 120), lang)
        return f"{path}{colon(lang)} {message}" if self.path else message


class KeyedMessage:
    """Mixed into an exception that is said in every language: ``key`` names its message in
    ``messages.MESSAGES`` (without ``msg:``), ``params`` its values; ``str()`` is the English
    message and :meth:`text_in` the message in a language (exactly ``str()`` in English).
    A value that says itself in a language (a :class:`Phrase`, an :func:`error_text`) is said
    in the message's language. :meth:`plain` makes one without a catalogue entry: the same
    words in every language."""

    key: str | None = None
    params: dict[str, Any] = {}  # noqa: RUF012 - replaced per instance, never mutated

    def __init__(self, key: str, **params: Any) -> None:
        from .messages import MESSAGES

        super().__init__(MESSAGES[key].format(**params))
        self.key = key
        self.params = params

    @classmethod
    def plain(cls, message: str) -> Any:
        """The error with ``message`` as it is in every language (no catalogue entry)."""
        error = cls.__new__(cls)
        super(KeyedMessage, error).__init__(message)
        return error

    def text_in(self, lang: str) -> str:
        if self.key is None:
            return str(self)
        from .i18n import tr

        return tr(lang, f"msg:{self.key}", **self.params)

    def __reduce__(self) -> tuple:
        # Copied or pickled as what it is: the default rebuilds an exception from its args
        # (the English text), which a constructor taking a key cannot take.
        return _rebuilt_keyed, (type(self), self.args, dict(self.__dict__))


def _rebuilt_keyed(cls: type, args: tuple, state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    super(KeyedMessage, error).__init__(*args)
    error.__dict__.update(state)
    return error


# The operating system's errors said in every language (msg:os_<name>); any other errno is
# said in the system's own words (its strerror).
OS_ERRORS: dict[int, str] = {
    errno.ENOSPC: "enospc", errno.EACCES: "eacces", errno.EPERM: "eperm",
    errno.EROFS: "erofs", errno.ENOENT: "enoent", errno.EEXIST: "eexist",
    errno.EISDIR: "eisdir", errno.ENOTDIR: "enotdir", errno.EBUSY: "ebusy",
    errno.EAGAIN: "eagain", errno.EIO: "eio", errno.ENAMETOOLONG: "enametoolong",
}


# SQLite's result codes (``sqlite3.Error.sqlite_errorname``, "SQLITE_IOERR_WRITE") said as the
# operating-system errors they are: "disk I/O error" in the French wizard read as SQLite's
# English words. Only the primary code counts (SQLITE_IOERR for every SQLITE_IOERR_*).
SQLITE_ERRORS: dict[str, str] = {
    "SQLITE_IOERR": "eio", "SQLITE_FULL": "enospc", "SQLITE_READONLY": "erofs",
    "SQLITE_PERM": "eperm", "SQLITE_BUSY": "ebusy", "SQLITE_LOCKED": "ebusy",
}


def _sqlite_error(exc: BaseException) -> str | None:
    name = getattr(exc, "sqlite_errorname", None)
    if not isinstance(name, str):
        return None
    return SQLITE_ERRORS.get("_".join(name.split("_")[:2]))


@runtime_checkable
class SaidInEveryLanguage(Protocol):
    """An error that says itself in every language (a :class:`KeyedMessage`, a step of the
    export, a refusal of the door, an identity's error): ``text_in(lang)``, exactly ``str()``
    in English."""

    def text_in(self, lang: str) -> str: ...


def said_in(exc: BaseException, lang: str) -> str:
    """An error's message in ``lang``: its ``text_in`` when it is said in every language,
    else ``str(exc)`` (the same words in every language)."""
    return exc.text_in(lang) if isinstance(exc, SaidInEveryLanguage) else str(exc)


def os_reason(exc: BaseException, lang: str) -> str:
    """Why the operating system refused, in ``lang``: the common errnos (:data:`OS_ERRORS`,
    and SQLite's codes for them, :data:`SQLITE_ERRORS`) from the catalogue ("plus d'espace
    libre sur le disque"), any other in the system's words
    (``strerror``). English is always the system's own text, unchanged. An error said in
    every language (``text_in``) is said by itself."""
    if isinstance(exc, SaidInEveryLanguage):
        return exc.text_in(lang)
    system = getattr(exc, "strerror", None) or str(exc)
    name = OS_ERRORS.get(getattr(exc, "errno", None) or -1) or _sqlite_error(exc)
    if lang == "en" or name is None:
        return system
    from .i18n import tr

    return tr(lang, f"msg:os_{name}")


def file_and_reason(exc: OSError, lang: str) -> str:
    """"/x: permission refusée": the file an operating-system error names (if it names one)
    and :func:`os_reason`, in ``lang`` (French puts a no-break space before the colon)."""
    reason = os_reason(exc, lang)
    if not exc.filename:
        return reason
    from .i18n import colon

    return f"{exc.filename}{colon(lang)} {reason}"


class ErrorText(SaysItself):
    """An error quoted in a message (``{error}``): the text is what the English message has
    always quoted (``english``, by default ``str(exc)``); :meth:`in_lang` says the error in a
    language: its own ``text_in``, else :func:`os_reason` (with the file it names, when the
    English names it)."""

    exc: BaseException

    def __new__(cls, exc: BaseException, english: str | None = None) -> ErrorText:
        text = super().__new__(cls, str(exc) if english is None else english)
        text.exc = exc
        return text

    def __reduce__(self) -> tuple:  # copied or pickled as what it is, not as plain text
        return ErrorText, (self.exc, str(self))

    def in_lang(self, lang: str) -> str:
        if lang == "en":
            return str(self)
        where = getattr(self.exc, "filename", None)
        if where and str(where) in self and not isinstance(self.exc, SaidInEveryLanguage):
            return file_and_reason(self.exc, lang)
        return os_reason(self.exc, lang)


def error_text(exc: BaseException, english: str | None = None) -> ErrorText:
    """``exc`` to quote in a keyed message, said in the message's language (:class:`ErrorText`)."""
    return ErrorText(exc, english)


def typed_text(value: object) -> str:
    """What was typed, escaped and cut as the English "got ..." shows it, without the quotes
    (each language puts its own around it)."""
    from .textsafe import QUOTE_LIMIT, printable, quote

    # Not sliced out of quote(): a value cut short stays a textsafe.Cut, which each language
    # writes with its own words for "... (N more characters)".
    return printable(value, QUOTE_LIMIT) if isinstance(value, str) else quote(value)


_DECIMAL = re.compile(r"-?\d+\.\d+")


def field_message(error: FieldError, lang: str) -> str:
    """``error`` in words for the bedside in ``lang`` (en, fr, pt): the catalogue's
    ``msg:err_<key>`` with its values (parameters named ``*_field`` are field paths, written as
    ``fields.field_label``; numbers with the language's decimal sign), then what was typed
    (``msg:err_typed``). An error without a key is its English ``message``."""
    if not error.key:
        return error.message
    from .fields import field_label
    from .i18n import localize_number, tr
    from .keyed import in_lang

    params: dict[str, Any] = {}
    typed = None
    for name, value in (error.params or {}).items():
        if name == "typed":
            typed = in_lang(value, lang)
        elif name.endswith("_field"):
            params[name] = field_label(str(value), lang)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            params[name] = localize_number(f"{value:g}", lang)
        elif isinstance(value, str) and _DECIMAL.fullmatch(value):  # "0.000001"
            params[name] = localize_number(value, lang)
        else:
            params[name] = in_lang(value, lang)
    try:
        text = tr(lang, f"msg:err_{error.key}", **params)
        if typed is not None:
            text += tr(lang, "msg:err_typed", typed=typed)
    except (KeyError, IndexError, ValueError):  # a key without an entry: say it in English
        return error.message
    return text


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

    def describe_in(self, lang: str) -> str:
        """:meth:`describe` in ``lang`` (exactly :meth:`describe` for "en")."""
        if lang == "en":
            return self.describe()
        from .i18n import tr
        from .textsafe import printable

        head = (tr(lang, "msg:err_invalid_case_in", source=printable(self.source))
                if self.source else tr(lang, "msg:err_invalid_case"))
        lines = [f"  - {e.line_in(lang)}" for e in self.errors[:MAX_SHOWN]]
        if len(self.errors) > MAX_SHOWN:
            lines.append("  - " + tr(lang, "msg:err_more", n=len(self.errors) - MAX_SHOWN))
        return head + "\n" + "\n".join(lines)


MAX_SHOWN = 20


class OutputRefused(KeyedMessage, ValueError):
    """An output path that must not be written (the identity, the case, a device...); said in
    every language (:class:`~leptodesk.errors.KeyedMessage`)."""


class ExportError(OSError):
    """A step of the export failed; ``step`` names it, ``str()`` says what to do (English).
    With ``key`` (``messages.MESSAGES``, without ``msg:``) and ``params`` the message is that
    entry, and :meth:`text_in` says it in every language."""

    def __init__(self, step: str, message: str | None = None, *, key: str | None = None,
                 params: dict[str, object] | None = None) -> None:
        self.key = key
        self.params = dict(params or {})
        if message is None:
            from .messages import MESSAGES

            message = MESSAGES[key or ""].format(**self.params)
        super().__init__(message)
        self.step = step

    def __str__(self) -> str:
        return f"{self.step}: {self.args[0]}"

    def text_in(self, lang: str) -> str:
        if lang == "en" or not self.key:
            return str(self)
        from .i18n import colon, tr

        return (f"{tr(lang, f'msg:export_step_{self.step}')}{colon(lang)} "
                f"{tr(lang, f'msg:{self.key}', **self.params)}")


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


def _bounds(info: FieldInfo) -> dict[str, Any]:
    """The constraints of a field: ge, gt, le, lt, multiple_of, max_length."""
    found: dict[str, Any] = {}
    for meta in info.metadata:
        for name in ("ge", "gt", "le", "lt", "multiple_of", "max_length"):
            if getattr(meta, name, None) is not None:
                found[name] = getattr(meta, name)
    for arg in get_args(info.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            for sub in getattr(meta, "metadata", [meta]):
                for name in ("ge", "gt", "le", "lt", "multiple_of", "max_length"):
                    if getattr(sub, name, None) is not None:
                        found[name] = getattr(sub, name)
    return found


def bounds(info: FieldInfo | None) -> tuple[Any, Any]:
    """The lowest and highest value a number field allows (None: no bound on that side)."""
    if info is None:
        return None, None
    found = _bounds(info)
    return found.get("ge", found.get("gt")), found.get("le", found.get("lt"))


def range_error(kind: str, info: FieldInfo | None, value: object,
                ) -> tuple[str, dict[str, Any]] | None:
    """The key and values of "type a whole number / a number from LOW to HIGH" when a field of
    ``kind`` ("integer" or "number") refused ``value``; None for any other kind."""
    if kind not in ("integer", "number"):
        return None
    low, high = bounds(info)
    word = "whole" if kind == "integer" else "number"
    if low is not None and high is not None:
        return word, {"low": low, "high": high, "typed": typed_text(value)}
    return f"{word}_any", {"typed": typed_text(value)}


def allowed_text(info: FieldInfo | None) -> str:
    if info is None:
        return ""
    inner = _unwrap(info.annotation)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return "allowed: " + ", ".join(repr(m.value) for m in inner)
    bounds = _bounds(info)
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
        key: str | None = None
        params: dict[str, Any] = {}
        if kind == "extra_forbidden":
            parent_model, _ = _field_info(model, loc[:-1])
            names = ", ".join(parent_model.model_fields) if parent_model else ""
            msg = "unknown field" + (f" (fields here: {names})" if names else "")
            key, params = ("unknown_field", {"fields": names}) if names else ("unknown", {})
        elif kind == "missing":
            msg = "required"
            key = "required"
        else:
            msg = err["msg"].removeprefix("Value error, ")
            allowed = allowed_text(info)
            if allowed and kind != "enum":
                msg += f" ({allowed})"
            typed = kind not in ("value_error",) and "input" in err and not isinstance(
                err["input"], dict | list)
            if typed:
                msg += f"; got {quote(err['input'])}"
            key, params = _keyed(kind, err, info)
        out.append(FieldError(path, msg, key, params))
    return out


# pydantic's error types for a number that is not one, and for one out of its range.
_NUMBER_KINDS = {"int_parsing": "integer", "int_type": "integer", "int_from_float": "integer",
                 "float_parsing": "number", "float_type": "number"}
_RANGE_KINDS = {"less_than_equal", "greater_than_equal", "less_than", "greater_than"}


def _keyed(kind: str, err: Any, info: FieldInfo | None) -> tuple[str | None, dict[str, Any]]:
    """The catalogue key (``msg:err_<key>``) and values of a pydantic error, or (None, {})
    when it has none (its English is then shown in every language)."""
    value = err.get("input")
    if kind == "value_error":
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, KeyedValueError):
            return cause.key, dict(cause.params)
        return None, {}
    if kind in _NUMBER_KINDS:
        found = range_error(_NUMBER_KINDS[kind], info, value)
        return found if found else (None, {})
    if kind in _RANGE_KINDS:
        low, high = bounds(info)
        if low is not None and high is not None:
            return "between", {"low": low, "high": high, "typed": typed_text(value)}
        return None, {}
    if kind.startswith(("date_", "datetime_")) and "input" in err:  # 2026-02-31, 25:00
        word = "bad_datetime" if kind.startswith("datetime_") else "bad_date"
        return word, {"typed": typed_text(value)}
    if kind == "string_too_long" and "max_length" in (err.get("ctx") or {}):
        return "too_long", {"max": err["ctx"]["max_length"]}  # not the long text again
    if kind == "multiple_of" and "multiple_of" in (err.get("ctx") or {}):
        return "steps", {"step": err["ctx"]["multiple_of"], "typed": typed_text(value)}
    if kind == "enum":
        inner = _unwrap(info.annotation) if info is not None else None
        if isinstance(inner, type) and issubclass(inner, Enum):
            return "enum", {"allowed": ", ".join(repr(m.value) for m in inner),
                            "typed": typed_text(value)}
    return None, {}
