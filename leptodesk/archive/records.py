"""What the archive holds and says: its records, its errors and the audit hash.

Shared by every backend (the workstation's SQLite store, the ward's PostgreSQL archive and the
outbox between them). Nothing here opens a database; nothing imports Qt or pydantic.
Never log display names, case JSON or detail values: only ids, counts and hashes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import KeyedMessage, Phrase

DB_NAME = "leptodesk.sqlite3"
BUSY_TIMEOUT_MS = 15_000
GENESIS_HASH = "0" * 64
HISTORY_SUFFIX = ".history"  # marker beside the store: history existed, and the last audit head

EVENTS = frozenset({
    "case_created", "plan_signed", "plan_exported", "plan_printed", "plan_verified",
    "identity_created", "plan_imported", "trust_added", "trust_removed",
    # a revocation list installed by the administrator (leptodesk.trust.revocation)
    "crl_installed",
    # a STOP or WARNING answered before signing, as CDS Hooks feedback (leptodesk.acknowledge)
    "alert_feedback",
    # a signed plan written as a signed FHIR bundle, and a bundle checked (leptodesk.fhir)
    "fhir_exported", "fhir_verified",
})
# Keys that would put patient data or secrets into the audit log.
FORBIDDEN_DETAIL_KEYS = frozenset({
    "display_name", "patient", "patient_name", "name_of_patient", "mrn", "case", "case_json",
    "passphrase", "password", "secret", "private_key",
})


class StoreError(KeyedMessage, OSError):
    """The archive could not do what was asked; ``str(err)`` is a message for the user
    (English), said in every language by :meth:`text_in` (``key``: ``messages.MESSAGES``,
    ``store_*``/``archive_*``).

    A subclass of OSError so the command line reports it as a message with exit status 1.
    """


class Unreachable(StoreError):
    """The ward archive's server cannot be reached (down, or the network is): signing goes on
    into the workstation's outbox."""


@dataclass(frozen=True)
class DraftInfo:
    id: str
    display_name: str | None
    created_at: str
    updated_at: str
    revision: int
    name_unreadable: bool = False  # the stored name was not text: shown as no name, kept


@dataclass(frozen=True)
class PlanInfo:
    id: int
    display_name: str | None
    pathway: str
    signer: str
    signed_at: str
    content_version: str
    case_sha256: str
    pdf_sha256: str
    archived_at: str
    has_nurse_pdf: bool
    export_id: str | None = None
    nurse_pdf_sha256: str | None = None
    audit_seq: int | None = None
    audit_hash: str | None = None
    imported: bool = False
    archive_clock: str = "workstation"  # whose clock archived_at is: workstation | ward server
    queued_at: str | None = None  # when an outbox kept it while the ward server was down

    @property
    def check_code(self) -> str | None:
        """The check code printed on the plan's pages, recomputed from its export id."""
        if not self.export_id:
            return None
        from ..checkcode import check_code

        return check_code(self.export_id)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    event: str
    user: str | None
    case_sha256: str | None
    pdf_sha256: str | None
    detail: dict[str, Any] | None
    prev_hash: str
    hash: str


class AuditAnchor(NamedTuple):
    """The audit log's head at one moment: its last sequence number and that row's hash
    (0 and the genesis hash for an empty log)."""

    seq: int
    hash: str


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    broken_seq: int | None = None
    reason: str = ""
    anchors: int = 0  # anchors (archived PDFs, the history marker) the chain was checked against
    backward: tuple[int, ...] = field(default=())  # rows whose time is before the row above
    clock: str = "workstation"  # whose clock stamped the rows: workstation | ward server

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang`` (exactly ``reason`` in English): a failed check's reason is
        an ``errors.Phrase`` (``audit_*``)."""
        from ..textsafe import in_lang

        return str(in_lang(self.reason, lang))


def broken(rows: int, at: int | None, key: str, anchors: int = 0, /, **params: Any
           ) -> AuditReport:
    """A failed audit check: the row ``at`` which it broke, and why (``msg:<key>``)."""
    return AuditReport(False, rows, at, Phrase(key, **params), anchors)


def workstation_user() -> str:
    """Who acts at this workstation (the operating-system account), for audit rows."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "unknown workstation user"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def audit_hash(prev_hash: str, *, seq: int, at: str, event: str, user: str | None,
               case_sha256: str | None, pdf_sha256: str | None,
               detail: dict[str, Any] | None) -> str:
    """SHA-256 over the previous row's hash and this row's canonical content."""
    content = json.dumps(
        {"seq": seq, "at": at, "event": event, "user": user, "case_sha256": case_sha256,
         "pdf_sha256": pdf_sha256, "detail": detail},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256(f"{prev_hash}\n{content}".encode()).hexdigest()


def clean_detail(event: str, detail: dict[str, Any] | None) -> tuple[dict | None, str | None]:
    """An audit row's event checked and its detail as stored (the object and its JSON text).
    ValueError for an unknown event or a detail naming patient data or a secret."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r} (known: {', '.join(sorted(EVENTS))})")
    if detail is None:
        return None, None
    if not isinstance(detail, dict):
        raise ValueError("audit detail is a JSON object")
    bad = sorted(k for k in detail if str(k).lower() in FORBIDDEN_DETAIL_KEYS)
    if bad:
        raise ValueError(f"audit detail must not hold patient data or secrets: {bad}")
    detail = json.loads(json.dumps(detail, sort_keys=True, default=str))
    return detail, json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def read_detail(text: str | None, strict: bool = False) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        if strict:
            raise
        return {"unreadable": True}
    if not isinstance(value, dict):
        if strict:
            raise ValueError("detail is not an object")
        return {"unreadable": True}
    return value


def disk_full(folder: Path) -> bool:
    """Less free space in ``folder`` than SQLite needs for one more page and its journal:
    an I/O error there is the disk being full, and is said so."""
    try:
        st = os.statvfs(folder)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 256 * 1024


# SQLite's primary result codes (https://sqlite.org/rescode.html): what each failure is.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_AUTH, SQLITE_NOTADB = 23, 26


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of ``exc`` (Python 3.11's ``sqlite_errorcode`` without
    its extended part), or None when it carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corrupt(exc: BaseException) -> bool:
    """SQLite met a page it could not make sense of while reading (not the file's header:
    that is ``SQLITE_NOTADB``)."""
    code = sqlite_code(exc)
    return code == SQLITE_CORRUPT if code is not None else "malformed" in str(exc).lower()


def human(exc: Exception, path: Path, doing: str) -> StoreError:
    """A database failure as the user can act on it; ``doing``: what was being done
    (``store_doing_<doing>``). Each failure is said as what it is, by SQLite's result code
    (the words only for an error without one): disk full, read-only, busy, a disk I/O error
    (quoted, said in each language), damage. The engine's own words are quoted only when
    nothing else fits. "Damaged" only where SQLite's own check failed (the file's header,
    or a page as it read it); a store's caller confirms a damaged page with the full check
    (:meth:`~.sqlite.Store._failure`)."""
    text = str(exc).lower()
    code = sqlite_code(exc)
    where = str(path.parent)
    what = Phrase(f"store_doing_{doing}")
    if code is None:  # no code (another error type): SQLite's words as it says them
        code = (SQLITE_FULL if "full" in text else
                SQLITE_READONLY if "readonly" in text or "read-only" in text else
                SQLITE_CANTOPEN if "unable to open" in text else
                SQLITE_PERM if "permission" in text or "access" in text else
                SQLITE_BUSY if "locked" in text or "busy" in text else
                SQLITE_NOTADB if "not a database" in text else
                SQLITE_CORRUPT if "malformed" in text or "corrupt" in text else
                SQLITE_IOERR if "disk i/o" in text else None)
    if code == SQLITE_FULL or (code == SQLITE_IOERR and disk_full(path.parent)):
        return StoreError("store_full", doing=what, where=where)
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN, SQLITE_AUTH):
        return StoreError("store_readonly", doing=what, where=where)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError("store_busy", doing=what, where=where)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StoreError("store_corrupt", doing=what, path=path)
    from ..errors import error_text  # the engine's words in English, its code in the language

    return StoreError("store_failed", doing=what, where=where, error=error_text(exc))


def newer(path: Path | str, version: int, supported: int) -> StoreError:
    return StoreError("store_newer", path=path, version=version, supported=supported)


def damaged(path: Path, detail: str) -> StoreError:
    from ..textsafe import printable

    return StoreError("store_damaged", path=path, detail=printable(detail, 200))
