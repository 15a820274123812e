"""The check code printed on every page of a signed plan and its nurse summary.

A printed page cannot be verified by itself. The check code lets anyone holding the paper find
the archived signed original from any workstation of the ward (``leptodesk plans find CODE``,
the Plans window's "Find by check code"), and see its verdict there.

The code is derived from the export id (a UUID), so both PDFs of one export carry the same code
and no extra column has to be trusted: the archive recomputes it from the export id it holds.
Eight characters from an alphabet without 0/O/1/I (read aloud, copied by hand) carry 40 bits of
a SHA-256 of the export id: among 200,000 plans the chance that two share a code is about 2%,
so a search returns every match and the reader compares the patient line.
"""

from __future__ import annotations

import hashlib

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: no 0, O, 1 or I
_BITS_PER_SYMBOL = 5
_SYMBOLS = 8
_DOMAIN = b"leptodesk check code v1\x00"


def check_code(export_id: str) -> str:
    """``XXXX-XXXX`` for an export id; the same id always gives the same code."""
    digest = hashlib.sha256(_DOMAIN + export_id.encode("utf-8")).digest()
    value = int.from_bytes(digest[:5], "big")  # 40 bits = 8 symbols of 5 bits
    symbols = []
    for shift in range((_SYMBOLS - 1) * _BITS_PER_SYMBOL, -1, -_BITS_PER_SYMBOL):
        symbols.append(ALPHABET[(value >> shift) & 0b11111])
    return "".join(symbols[:4]) + "-" + "".join(symbols[4:])


class BadCheckCode(ValueError):
    """What was typed cannot be a check code; ``str()`` says why in English."""


def normalise(typed: str) -> str:
    """The canonical ``XXXX-XXXX`` form of a code typed by hand (case, spaces and the hyphen
    are free), or ``BadCheckCode`` naming the characters that cannot occur in a code."""
    compact = "".join(ch for ch in typed.upper() if ch not in " -\t")
    wrong = sorted({ch for ch in compact if ch not in ALPHABET})
    if wrong:
        raise BadCheckCode(
            "a check code has only the letters A-Z without I and O, and the digits 2-9; "
            f"not {' '.join(wrong)}")
    if len(compact) != _SYMBOLS:
        raise BadCheckCode(f"a check code has {_SYMBOLS} characters (XXXX-XXXX); "
                           f"this has {len(compact)}")
    return compact[:4] + "-" + compact[4:]
