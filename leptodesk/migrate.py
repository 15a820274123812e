"""Case files of an earlier contract version, brought to the current one on load.

Version 1 -> 2 (docs/case-file-v2.md): in v1 an empty ``hours_since_prophylactic_lmwh`` meant
"no LMWH", so a skipped field read as safe. On migration a number becomes ``given`` with those
hours, and an empty or absent field becomes *not known* (never ``none``): the plan asks.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from .models import Case

# Fields that version 2 added; a version 1 file cannot hold them.
_V2_ONLY = (("lp_safety", "prophylactic_lmwh"), ("planned", "ceftriaxone_regimen"))


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """The current version's form of a parsed case file (a new dict; ``data`` is unchanged).

    Anything that is not a version 1 file passes through for validation to judge."""
    if data.get("schema_version") != 1 or type(data.get("schema_version")) is not int:
        return data
    out = copy.deepcopy(data)
    out["schema_version"] = 2
    safety = out.get("lp_safety")
    if isinstance(safety, dict):
        if "prophylactic_lmwh" in safety:
            return data  # not a v1 field: let validation name it (a v2 field in a v1 file)
        if safety.get("hours_since_prophylactic_lmwh") is not None:
            safety["prophylactic_lmwh"] = "given"
        else:
            safety.pop("hours_since_prophylactic_lmwh", None)  # empty: not known
    planned = out.get("planned")
    if isinstance(planned, dict) and "ceftriaxone_regimen" in planned:
        return data
    return out


def v1_sha256(case: Case) -> str:
    """The case hash a version 1 plan was signed with, for a case migrated from version 1:
    the v1 canonical form (every v1 field, sorted keys, compact)."""
    data = case.model_dump(mode="json")
    data["schema_version"] = 1
    for section, field in _V2_ONLY:
        data[section].pop(field, None)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
