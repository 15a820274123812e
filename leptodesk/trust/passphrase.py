"""What a new key file's passphrase must be (DESIGN "Passphrases"): at least 12 characters,
not a common password (a small list bundled in ``resources/passwords/common.txt``), and not a
run of repeated or sequential characters. Checked where a passphrase is chosen (``identity
create``, ``create-site-root``, ``rekey``), never where one is typed to open a file: existing
identities still open.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from ..errors import KeyedMessage

MIN_CHARS = 12
MIN_DISTINCT = 5
# Letter-for-digit swaps undone before the look-up ("p4ssw0rd" is "password").
UNLEET = str.maketrans("0134571@$!", "oieastiasi")
KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop",
                 "qsdfghjklm", "wxcvbn", "qwertzuiop", "yxcvbnm")


class WeakPassphrase(KeyedMessage, ValueError):
    """A new passphrase that would not protect a key; ``key`` names the rule it breaks and
    the message says what would be accepted, in every language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, n=MIN_CHARS, **params)


def _core(text: str) -> str:
    """Without the digits, spaces and punctuation at either end: "password1234!" is
    "password", "1q2w3e4r" is "q2w3e4r"."""
    return re.sub(r"^[\d\W_]+|[\d\W_]+$", "", text)


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list, each as written and as its core (so that a padded entry is found
    whatever digits pad it)."""
    from ..resources import resource_path

    lines = resource_path("passwords", "common.txt").read_text(encoding="utf-8").splitlines()
    words = {line.strip().casefold() for line in lines
             if line.strip() and not line.startswith("#")}
    return frozenset(words | {_core(w) for w in words} - {""})


def _sequential(text: str) -> bool:
    """Every character one step up (or every one down) from the one before: "abcdefghijkl",
    "123456789012" (9 then 0), "987654321098"; or a walk along one keyboard row."""
    if len(text) < 3:
        return False
    steps = {ord(b) - ord(a) for a, b in pairwise(text)}
    if text.isdigit():
        if steps <= {1, -9} or steps <= {-1, 9}:
            return True
    elif steps in ({1}, {-1}):
        return True
    return any(text in row * 3 or text in row[::-1] * 3 for row in KEYBOARD_ROWS)


def _repeated(text: str) -> bool:
    """A short piece said again and again ("abcabcabcabc"), or too few different characters."""
    if len(set(text)) < MIN_DISTINCT:
        return True
    return re.fullmatch(r"(.+?)\1+", text) is not None


def check_new_passphrase(passphrase: bytes | str) -> None:
    """``WeakPassphrase`` saying what would be accepted, unless ``passphrase`` may protect a
    new key file."""
    text = passphrase.decode("utf-8", "replace") if isinstance(passphrase, bytes) else passphrase
    if len(text) < MIN_CHARS:
        raise WeakPassphrase("passphrase_short", got=len(text))
    folded = text.casefold()
    squeezed = re.sub(r"[\s\W_]+", "", folded)
    if _repeated(squeezed or folded) or _sequential(squeezed or folded):
        raise WeakPassphrase("passphrase_pattern")
    core = _core(folded)  # "Password1234!" -> "password"
    common = common_passwords()
    for candidate in {core, core.translate(UNLEET), re.sub(r"[\s_-]+", "", core),
                      squeezed}:
        if not candidate or candidate in common:
            raise WeakPassphrase("passphrase_common")
