"""Keyed fragments of a message: a phrase ("open the store") and a count ("3 rows").

Each is a ``str`` holding its English, and says itself in another language with
``in_lang`` (``keyed.in_lang``; ``i18n.tr`` does it for every value of a message). Apart from
``errors`` so that the safe-text helpers can count without importing the error types.
"""

from __future__ import annotations

from typing import Any

from .keyed import SaysItself


class Phrase(SaysItself):
    """A keyed fragment of a message ("open the store"): the text is the English
    (``messages.MESSAGES[key]`` with ``params``); :meth:`in_lang` says it in a language. A
    message that takes it as a value says it in its own language (``i18n.tr``)."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Phrase:
        from .messages import MESSAGES

        phrase = super().__new__(cls, MESSAGES[key].format(**params))
        phrase.key, phrase.params = key, params
        return phrase

    def in_lang(self, lang: str) -> str:
        from .i18n import tr

        return tr(lang, f"msg:{self.key}", **self.params)

    def __reduce__(self) -> tuple:  # copied or pickled as what it is, not as plain text
        return _phrase, (self.key, self.params)


def _phrase(key: str, params: dict[str, Any]) -> Phrase:
    return Phrase(key, **params)


class Count(SaysItself):
    """A number of things ("1 row", "3 rows"): the message ``<stem>_one`` or ``<stem>_other``
    with ``{n}``. The text is the English (``messages.MESSAGES``); :meth:`in_lang` says it with
    the language's plural form (``i18n.plural_category``), never "ligne(s)"."""

    stem: str
    n: int

    def __new__(cls, stem: str, n: int) -> Count:
        from .messages import MESSAGES

        count = super().__new__(cls, MESSAGES[f"{stem}_{'one' if n == 1 else 'other'}"]
                                .format(n=n))
        count.stem, count.n = stem, n
        return count

    def in_lang(self, lang: str) -> str:
        from .i18n import plural_category, tr

        return tr(lang, f"msg:{self.stem}_{plural_category(lang, str(self.n))}", n=self.n)

    def __reduce__(self) -> tuple:
        return Count, (self.stem, self.n)
