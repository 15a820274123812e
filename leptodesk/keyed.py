"""Keyed text: words that say themselves in any language by their catalogue key.

The bottom of the core: it imports nothing of LeptoDesk's, so that a model validator, a safe
text helper or the catalogue itself can carry or say keyed words without importing the modules
that hold them (which would close an import circle through the catalogue).
"""

from __future__ import annotations

from typing import Any


class KeyedValueError(ValueError):
    """A model validator's refusal with its catalogue key (``msg:err_<key>``) and values; the
    English text is the exception's message. pydantic keeps the exception in ``ctx``."""

    def __init__(self, message: str, key: str, **params: Any) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


class SaysItself(str):
    """Text that says itself in any language: the English is the text, :meth:`in_lang` the
    same in another language. The base of a cut value (``textsafe.Cut``), a keyed phrase or
    count (``phrases.Phrase``, ``phrases.Count``) and a quoted error (``errors.ErrorText``)."""

    def in_lang(self, lang: str) -> str:
        raise NotImplementedError


def in_lang(value: object, lang: str) -> object:
    """``value`` for a message in ``lang``: text that says itself in a language
    (:class:`SaysItself`) written in the language, anything else as it is."""
    return value.in_lang(lang) if isinstance(value, SaysItself) else value
