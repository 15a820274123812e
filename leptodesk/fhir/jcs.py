"""RFC 8785 JSON Canonicalization Scheme (JCS) for the JSON LeptoDesk writes.

The bytes a bundle's signature covers: UTF-8, no whitespace, object members sorted by their
names' UTF-16 code units, strings escaped as ECMAScript's JSON.stringify does (only ``"``,
``\\`` and C0 controls; ``\\b \\t \\n \\f \\r`` short, others ``\\u00xx``), numbers as
ECMAScript's Number.prototype.toString writes an IEEE 754 double (shortest round-trip digits;
integers below 10^21 without a fraction or exponent; ``1e+21``, ``1e-7``). Python's ``repr`` of
a float gives the same shortest digits; only their layout differs, which :func:`_number`
does. Values outside I-JSON (integers beyond 2^53, NaN, infinities, lone surrogates) are refused
with ``ValueError``, as RFC 8785 requires.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

MAX_SAFE_INTEGER = 2**53 - 1


def canonical(value: Any) -> bytes:
    """The RFC 8785 canonical form of ``value`` (dicts, lists, str, int, float, bool, None)."""
    return _serialize(value).encode("utf-8")


def _serialize(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(f"integer {value} is outside I-JSON's range (RFC 7493)")
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(_serialize(v) for v in value) + "]"
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValueError(f"object member name {key!r} is not a string")
        members = sorted(value.items(), key=lambda kv: kv[0].encode("utf-16-be"))
        return "{" + ",".join(f"{_string(k)}:{_serialize(v)}" for k, v in members) + "}"
    raise ValueError(f"{type(value).__name__} is not JSON")


def _string(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("a string holds a lone surrogate (not I-JSON)") from None
    return out


def _number(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a JSON number")
    if value == 0:
        return "0"  # and -0
    sign = "-" if value < 0 else ""
    digits_tuple, exponent = Decimal(repr(abs(value))).as_tuple()[1:]
    digits = "".join(map(str, digits_tuple)).rstrip("0")
    exponent += len(digits_tuple) - len(digits)
    digits = digits.lstrip("0")
    k = len(digits)
    n = exponent + k  # value = 0.d1...dk x 10^n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
