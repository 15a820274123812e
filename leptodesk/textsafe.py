"""Text that is safe to show: the one helper every terminal line and error message uses.

A display name, a signer's name, a key from a bad case file or a path can hold control
characters (C0, C1, DEL) or bidirectional overrides that forge table rows or send escape
sequences to a terminal. :func:`printable` escapes them as ``\\xNN`` / ``\\uNNNN`` so what is
shown is exactly what is there, and optionally cuts it to a length (an error message quotes at
most 80 characters of a bad value, never the whole of it).
"""

from __future__ import annotations

from .keyed import (
    SaysItself,
    in_lang,  # noqa: F401 - said here before keyed text had a module
)

# C0 controls, DEL, C1 controls; bidirectional embeddings/overrides and isolates.
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))

QUOTE_LIMIT = 80


def is_unsafe_char(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or code in _BIDI


def has_unsafe_chars(text: str) -> bool:
    return any(is_unsafe_char(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class Cut(SaysItself):
    """A value cut for a message: the text is the English ("abc... (20 more characters)");
    :meth:`in_lang` writes the same in another language, with the language's plural form
    (``msg:more_characters_one``/``_other``)."""

    head: str
    extra: int

    def __new__(cls, head: str, extra: int) -> Cut:
        from .phrases import Count

        cut = super().__new__(cls, head + Count("more_characters", extra))
        cut.head, cut.extra = head, extra
        return cut

    def in_lang(self, lang: str) -> str:
        from .phrases import Count

        return self.head + Count("more_characters", self.extra).in_lang(lang)


def printable(value: object, limit: int | None = None) -> str:
    """``value`` as text with control and bidi characters escaped; cut to ``limit`` characters
    of the original (then ``...`` and how many more there were: a :class:`Cut`)."""
    text = value if isinstance(value, str) else str(value)
    extra = 0
    if limit is not None and len(text) > limit:
        extra = len(text) - limit
        text = text[:limit]
    if any(is_unsafe_char(ch) for ch in text):
        text = "".join(_escape(ch) if is_unsafe_char(ch) else ch for ch in text)
    return Cut(text, extra) if extra else text


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A bad value for an error message: JSON-like quoting, escaped, at most ``limit`` chars."""
    if isinstance(value, str):
        return '"' + printable(value, limit) + '"'
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    return printable(repr(value) if isinstance(value, float) else value, limit)


class SafeStream:
    """A text stream that escapes control and bidi characters (all but newline and tab) on
    their way to a terminal: the command line wraps stdout and stderr in it, so no name, key or
    path from a case, a PDF or the store can move the cursor, forge a row or hide text."""

    def __init__(self, stream):
        self._stream = stream
        # The reader went away (``leptodesk verify PLAN.pdf | head -1``): what is left to say
        # is dropped, and the command runs to its end and its own exit status (cli.main).
        self.gone = False

    def write(self, text: str) -> int:
        if any(is_unsafe_char(ch) and ch not in "\n\t" for ch in text):
            text = "".join(_escape(ch) if is_unsafe_char(ch) and ch not in "\n\t" else ch
                           for ch in text)
        if self.gone:
            return len(text)
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self.gone = True
            return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self.gone = True

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
