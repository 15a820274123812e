"""The archive: signed plans, nurse summaries, the hash-chained audit log and (on the
workstation) autosaved drafts.

- :mod:`.sqlite`: the workstation's store (the embedded default; drafts always live here).
- :mod:`.postgres`: the ward archive, shared by every workstation of a ward.
- :mod:`.outbox`: exports signed while the ward server cannot be reached, sent later.
- :mod:`.schema`, :mod:`.plans`, :mod:`.audit`, :mod:`.drafts`, :mod:`.maintenance`: the
  schema and migrations, and what both backends share.

Front ends never import this package: they ask ``leptodesk.service``.
"""

from __future__ import annotations

from .records import (
    BUSY_TIMEOUT_MS,
    DB_NAME,
    EVENTS,
    FORBIDDEN_DETAIL_KEYS,
    GENESIS_HASH,
    HISTORY_SUFFIX,
    AuditAnchor,
    AuditEntry,
    AuditReport,
    DraftInfo,
    PlanInfo,
    StoreError,
    Unreachable,
    audit_hash,
    now_iso,
)
from .sqlite import SCHEMA_VERSION, Store, default_path, open_store

__all__ = [
    "BUSY_TIMEOUT_MS", "DB_NAME", "EVENTS", "FORBIDDEN_DETAIL_KEYS", "GENESIS_HASH",
    "HISTORY_SUFFIX", "SCHEMA_VERSION", "AuditAnchor", "AuditEntry", "AuditReport", "DraftInfo",
    "PlanInfo", "Store", "StoreError", "Unreachable", "audit_hash", "default_path", "now_iso",
    "open_store",
]
