"""The local case store: autosaved drafts, the plans archive and the hash-chained audit log.

One SQLite file (``leptodesk.sqlite3``) in the data folder (``leptodesk.site.data_dir()``).

- WAL journal with ``synchronous=FULL``: every committed transaction is fsynced before
  ``COMMIT`` returns, so a committed draft survives SIGKILL *and* a power cut. An autosave is
  debounced and small, so one fsync per save is cheap (see ``tests/test_store_core.py``).
- Writes take the lock up front (``BEGIN IMMEDIATE``) and a busy timeout lets a second app
  instance wait its turn instead of failing; the audit chain is read and extended under that
  lock, so two instances never fork it.
- The database and its ``-wal``/``-shm`` files are created with mode 0600, the folder 0700.
- ``PRAGMA user_version`` holds the schema version; ``_MIGRATIONS`` are applied in order.
- The store knows itself: before anything is written, a store is opened read-only and checked
  (``PRAGMA quick_check``, its schema version); a damaged store, a store from a newer version,
  or an empty or missing store where history existed (the marker file
  ``leptodesk.sqlite3.history`` beside it says so) is refused with a plain message and left
  untouched for the administrator, never silently recreated.
- The audit log is anchored outside the database: every archived plan keeps the audit head read
  at its signing (``audit_seq``, ``audit_hash``; the signed PDF carries the same pair), and the
  history marker holds the last head this workstation appended. :meth:`Store.verify_audit`
  checks the chain against all of them (see README, "What the audit check can and cannot
  detect").
- Any SQLite failure reaches callers as :class:`StoreError`, whose text a clinician can act on;
  a failed write is rolled back, so what was saved before stays.

Nothing here imports Qt or pydantic (the kill-test writer imports only this module).
Never log display names, case JSON or detail values: only ids, counts and hashes.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import sqlite3
import stat
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from .errors import Count, KeyedMessage, Phrase

log = logging.getLogger(__name__)

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
    """The store could not do what was asked; ``str(err)`` is a message for the user (English),
    said in every language by :meth:`text_in` (``key``: ``messages.MESSAGES``, ``store_*``).

    A subclass of OSError so the command line reports it as a message with exit status 1.
    """


# ---------------------------------------------------------------------------------------------
# Schema


def _v1(conn: sqlite3.Connection) -> None:
    conn.execute("""
        CREATE TABLE drafts (
            id TEXT PRIMARY KEY,
            case_json TEXT NOT NULL,
            display_name TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished INTEGER NOT NULL DEFAULT 0
        )""")
    conn.execute("""
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            display_name TEXT,
            pathway TEXT NOT NULL,
            signer TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            content_version TEXT NOT NULL,
            case_sha256 TEXT NOT NULL,
            pdf_sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            archived_at TEXT NOT NULL
        )""")
    conn.execute("""
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            event TEXT NOT NULL,
            user TEXT,
            case_sha256 TEXT,
            pdf_sha256 TEXT,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""")
    # The last appended row, so that cutting rows off the end is detected too.
    conn.execute("""
        CREATE TABLE audit_head (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        )""")
    conn.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    conn.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
                 "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")


def _v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE drafts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")
    conn.execute("ALTER TABLE plans ADD COLUMN nurse_pdf BLOB")
    conn.execute("CREATE INDEX drafts_open ON drafts (finished, updated_at)")
    conn.execute("CREATE INDEX plans_signed_at ON plans (signed_at)")
    conn.execute("CREATE INDEX plans_display_name ON plans (display_name COLLATE NOCASE)")


def _v3(conn: sqlite3.Connection) -> None:
    # The audit head read when the plan was signed (also inside the signed PDF): the anchor that
    # a rewritten, truncated or re-chained audit log contradicts. NULL for plans archived before.
    conn.execute("ALTER TABLE plans ADD COLUMN audit_seq INTEGER")
    conn.execute("ALTER TABLE plans ADD COLUMN audit_hash TEXT")


def _v4(conn: sqlite3.Connection) -> None:
    # One export = the signed plan and its signed nurse summary, tied by an export id. Imported
    # plans were signed elsewhere: their anchors belong to another workstation's log (NULL).
    conn.execute("ALTER TABLE plans ADD COLUMN export_id TEXT")
    conn.execute("ALTER TABLE plans ADD COLUMN nurse_pdf_sha256 TEXT")
    conn.execute("ALTER TABLE plans ADD COLUMN imported INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX plans_pdf_sha256 ON plans (pdf_sha256)")
    conn.execute("CREATE INDEX plans_nurse_pdf_sha256 ON plans (nurse_pdf_sha256)")


# Ordered: _MIGRATIONS[n] takes a database from user_version n to n + 1. Never edit a released
# step; append a new one.
_MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(_MIGRATIONS)


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class DraftInfo:
    id: str
    display_name: str | None
    created_at: str
    updated_at: str
    revision: int


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
    anchors: int = 0  # anchors (archived plans, the history marker) the chain was checked against

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang`` (exactly ``reason`` in English): a failed check's reason is
        an ``errors.Phrase`` (``audit_*``)."""
        from .textsafe import in_lang

        return str(in_lang(self.reason, lang))


def _broken(rows: int, at: int | None, key: str, anchors: int = 0, /,
            **params: Any) -> AuditReport:
    """A failed audit check: the row ``at`` which it broke, and why (``msg:<key>`` with
    ``params``)."""
    return AuditReport(False, rows, at, Phrase(key, **params), anchors)


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


def _human(exc: sqlite3.Error, path: Path, doing: str) -> StoreError:
    """A SQLite failure as the user can act on it; ``doing``: what was being done
    (``store_doing_<doing>``). SQLite's own words are quoted only when nothing else fits."""
    text = str(exc).lower()
    where = str(path.parent)
    what = Phrase(f"store_doing_{doing}")
    if "full" in text:
        return StoreError("store_full", doing=what, where=where)
    if "readonly" in text or "read-only" in text or "unable to open" in text \
            or "permission" in text or "access" in text:
        return StoreError("store_readonly", doing=what, where=where)
    if "locked" in text or "busy" in text:
        return StoreError("store_busy", doing=what, where=where)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError("store_corrupt", doing=what, path=path)
    from .errors import error_text  # SQLite's words in English, its code in the language

    return StoreError("store_failed", doing=what, where=where, error=error_text(exc))


def _chmod_600(path: Path) -> None:
    try:
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError:  # another user's file or a vanished -shm: nothing we can fix here
        pass


# ---------------------------------------------------------------------------------------------
# The store


class Store:
    """One connection to the store. Thread-safe (one lock); use one per window or per call."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = default_path() if path is None else Path(path)
        self._lock = threading.RLock()
        self._conn: Any = None
        self._open()

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> None:
        history = self.history_path
        try:
            from .fileio import private_dir

            private_dir(self.path.parent)  # the data folder: 0700 whatever the umask
            existing = self.path.stat().st_size if self.path.exists() else None
            had_history = history.exists()
        except OSError as exc:
            raise self._os_error(exc) from None
        if had_history and not existing:
            raise StoreError("store_missing" if existing is None else "store_empty",
                             path=self.path, marker=history.name)
        if existing:
            self._check_before_writing()
        try:
            # Create the file ourselves so it is 0600 from its first byte.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
        except OSError as exc:
            raise self._os_error(exc) from None
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise _human(exc, self.path, "open") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("store journal mode is %s, not wal", mode)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._conn = conn
            self._migrate()
        except sqlite3.Error as exc:
            conn.close()
            self._conn = None
            raise _human(exc, self.path, "open") from None
        except StoreError:
            conn.close()
            self._conn = None
            raise
        for suffix in ("", "-wal", "-shm"):
            _chmod_600(Path(str(self.path) + suffix))
        if not had_history and self._has_history():
            self._write_history(self.audit_head())

    def _has_history(self) -> bool:
        with self._read("read") as conn:
            return any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                       for t in ("audit", "plans", "drafts"))

    def _note_history(self) -> None:
        """The first draft or plan in a new store: from now on it has history."""
        if not self.history_path.exists():
            self._write_history(self.audit_head())

    @property
    def history_path(self) -> Path:
        return Path(str(self.path) + HISTORY_SUFFIX)

    def _check_before_writing(self) -> None:
        """Open read-only and check the store before anything writes to it: a damaged store
        or one from a newer LeptoDesk is refused and left exactly as it is."""
        from urllib.parse import quote

        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None)
        except sqlite3.Error as exc:
            raise _human(exc, self.path, "open") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _newer(self.path, version)
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        except sqlite3.Error as exc:  # damaged, read-only, locked...: said plainly
            raise _human(exc, self.path, "open") from None
        finally:
            conn.close()
        if problems != ["ok"]:
            raise _damaged(self.path, "; ".join(str(p) for p in problems))

    def _write_history(self, head: AuditAnchor) -> None:
        """The marker beside the store: history exists here, and the last audit head seen."""
        data = {"store": self.path.name, "audit_seq": head.seq, "audit_hash": head.hash}
        try:
            from .fileio import write_atomic

            write_atomic(self.history_path, (json.dumps(data) + "\n").encode())
            _chmod_600(self.history_path)
        except OSError as exc:  # the store itself is written: say so in the log, go on
            log.warning("could not write the store's history marker: %s", exc.strerror)

    def history_anchor(self) -> AuditAnchor | None:
        """The last audit head this data folder recorded outside the database, if any."""
        try:
            data = json.loads(self.history_path.read_text(encoding="utf-8"))
            return AuditAnchor(int(data["audit_seq"]), str(data["audit_hash"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _os_error(self, exc: OSError) -> StoreError:
        from .errors import error_text

        where = self.path.parent
        if getattr(exc, "errno", None) == errno.ENOSPC:
            return StoreError("store_create_full", where=where)
        return StoreError("store_folder", where=where,
                          reason=error_text(exc, exc.strerror or str(exc)))

    def _migrate(self) -> None:
        conn = self._conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _newer(self.path, version)
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another instance may have migrated while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                _MIGRATIONS[step](conn)
                conn.execute(f"PRAGMA user_version = {step + 1}")
                log.info("store schema migrated to version %d", step + 1)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def _write(self, doing: str) -> Iterator[Any]:
        """One write transaction, rolled back on any error; SQLite errors become StoreError."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _human(exc, self.path, doing) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise _human(exc, self.path, doing) from None
            except BaseException:
                self._rollback(conn)
                raise

    @contextmanager
    def _read(self, doing: str) -> Iterator[Any]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except sqlite3.Error as exc:
                raise _human(exc, self.path, doing) from None

    def _connection(self) -> Any:
        if self._conn is None:
            raise StoreError("store_closed", path=self.path)
        return self._conn

    @staticmethod
    def _rollback(conn: Any) -> None:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:  # no transaction left to roll back (SQLite already did)
            pass

    # -- drafts ----------------------------------------------------------------------------

    def save_draft(self, draft_id: str | None, case_json: str,
                   display_name: str | None = None) -> str:
        """Save (replace) a draft in one transaction; returns its id (new when ``None``).

        Saving a finished draft makes it unfinished again: edits after finishing are new work.
        """
        try:
            data = json.loads(case_json)
        except (TypeError, ValueError):
            raise ValueError("a draft holds the case as one JSON object") from None
        if not isinstance(data, dict):
            raise ValueError("a draft holds the case as one JSON object")
        draft_id = draft_id or uuid.uuid4().hex
        at = now_iso()
        with self._write("save_draft") as conn:
            conn.execute(
                "INSERT INTO drafts (id, case_json, display_name, created_at, updated_at, "
                "finished, revision) VALUES (?, ?, ?, ?, ?, 0, 1) "
                "ON CONFLICT(id) DO UPDATE SET case_json = excluded.case_json, "
                "display_name = excluded.display_name, updated_at = excluded.updated_at, "
                "finished = 0, revision = drafts.revision + 1",
                (draft_id, case_json, display_name, at, at),
            )
        self._note_history()
        log.debug("draft %s saved", draft_id)
        return draft_id

    def list_drafts(self, include_finished: bool = False) -> list[DraftInfo]:
        """Drafts, newest first; unfinished only unless asked."""
        sql = "SELECT id, display_name, created_at, updated_at, revision FROM drafts"
        if not include_finished:
            sql += " WHERE finished = 0"
        sql += " ORDER BY updated_at DESC, id"
        with self._read("list_drafts") as conn:
            return [DraftInfo(*row) for row in conn.execute(sql)]

    def load_draft(self, draft_id: str) -> str:
        with self._read("read_draft") as conn:
            row = conn.execute("SELECT case_json FROM drafts WHERE id = ?",
                               (draft_id,)).fetchone()
        if row is None:
            raise KeyError(draft_id)
        return row[0]

    def finish_draft(self, draft_id: str) -> None:
        with self._write("finish_draft") as conn:
            conn.execute("UPDATE drafts SET finished = 1, updated_at = ? WHERE id = ?",
                         (now_iso(), draft_id))

    def discard_draft(self, draft_id: str) -> None:
        with self._write("discard_draft") as conn:
            conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))

    # -- plans archive ---------------------------------------------------------------------

    def archive_plan(self, pdf_bytes: bytes, *, display_name: str | None, pathway: str,
                     signer: str, signed_at: str, content_version: str, case_sha256: str,
                     nurse_pdf: bytes | None = None,
                     audit_anchor: AuditAnchor | None = None) -> int:
        if not isinstance(pdf_bytes, bytes | bytearray) or not pdf_bytes:
            raise ValueError("a signed plan needs its PDF bytes")
        pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
        with self._write("archive") as conn:
            cur = conn.execute(
                "INSERT INTO plans (display_name, pathway, signer, signed_at, content_version, "
                "case_sha256, pdf_sha256, pdf, nurse_pdf, archived_at, audit_seq, audit_hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (display_name, str(pathway), signer, str(signed_at), content_version,
                 case_sha256, pdf_sha256, bytes(pdf_bytes),
                 bytes(nurse_pdf) if nurse_pdf else None, now_iso(),
                 audit_anchor.seq if audit_anchor else None,
                 audit_anchor.hash if audit_anchor else None),
            )
            plan_id = int(cur.lastrowid)
        self._note_history()
        log.info("plan %d archived (pdf %s)", plan_id, pdf_sha256[:12])
        return plan_id

    _PLAN_COLUMNS = ("id, display_name, pathway, signer, signed_at, content_version, "
                     "case_sha256, pdf_sha256, archived_at, nurse_pdf IS NOT NULL, export_id, "
                     "nurse_pdf_sha256, audit_seq, audit_hash, imported")

    @staticmethod
    def _plan_info(row: tuple) -> PlanInfo:
        return PlanInfo(*row[:9], bool(row[9]), row[10], row[11], row[12], row[13],
                        bool(row[14]))

    def archive_export(self, pdf_bytes: bytes, nurse_pdf: bytes | None, *, display_name: str | None,
                       pathway: str, signer: str, signed_at: str, content_version: str,
                       case_sha256: str, export_id: str, audit_seq: int | None,
                       audit_hash: str | None, imported: bool = False,
                       events: list[dict[str, Any]] = ()) -> int:
        """Archive a signed plan with its signed nurse summary and append ``events`` (each the
        keyword arguments of :meth:`append_event`) in ONE transaction: all or nothing.
        ``{archive_id}`` in an event's detail values is filled with the new archive id."""
        for data in (pdf_bytes, nurse_pdf if nurse_pdf is not None or not imported else b"-"):
            if not isinstance(data, bytes | bytearray) or not data:
                raise ValueError("an export needs both signed PDFs (an imported plan may "
                                 "come without its nurse summary)")
        pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
        nurse_sha256 = hashlib.sha256(nurse_pdf).hexdigest() if nurse_pdf else None
        with self._write("archive") as conn:
            cur = conn.execute(
                "INSERT INTO plans (display_name, pathway, signer, signed_at, content_version, "
                "case_sha256, pdf_sha256, pdf, nurse_pdf, archived_at, export_id, "
                "nurse_pdf_sha256, audit_seq, audit_hash, imported) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (display_name, str(pathway), signer, str(signed_at), content_version,
                 case_sha256, pdf_sha256, bytes(pdf_bytes),
                 bytes(nurse_pdf) if nurse_pdf else None, now_iso(),
                 export_id, nurse_sha256, audit_seq, audit_hash, int(bool(imported))),
            )
            plan_id = int(cur.lastrowid)
            for event in events:
                fields = dict(event)
                detail = dict(fields.pop("detail", None) or {})
                detail["archive_id"] = plan_id
                self._append(conn, fields.pop("event"), detail=detail, **fields)
        self._write_history(self.audit_head())
        log.info("export %d archived (pdf %s)", plan_id, pdf_sha256[:12])
        return plan_id

    def find_pdf(self, pdf_sha256: str) -> tuple[PlanInfo, str] | None:
        """The archived export holding a PDF with this SHA-256, and which of its two it is."""
        with self._read("read_archive") as conn:
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE pdf_sha256 = ? "
                               "ORDER BY id LIMIT 1", (pdf_sha256,)).fetchone()
            if row is not None:
                return self._plan_info(row), "clinician"
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE "
                               "nurse_pdf_sha256 = ? ORDER BY id LIMIT 1",
                               (pdf_sha256,)).fetchone()
        return (self._plan_info(row), "nurse") if row is not None else None

    def list_plans(self, patient: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, limit: int | None = None) -> list[PlanInfo]:
        """Archived plans, newest signature first.

        ``patient``: part of the display name, case-insensitive. ``date_from``/``date_to``:
        ``YYYY-MM-DD`` (inclusive) compared with the signing time.
        """
        where, params = [], []
        if patient:
            escaped = patient.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("display_name LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if date_from:
            where.append("substr(signed_at, 1, 10) >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(signed_at, 1, 10) <= ?")
            params.append(date_to)
        sql = f"SELECT {self._PLAN_COLUMNS} FROM plans"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY signed_at DESC, id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._read("list_plans") as conn:
            return [self._plan_info(row) for row in conn.execute(sql, params)]

    def get_plan(self, plan_id: int) -> PlanInfo:
        with self._read("read_plan") as conn:
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE id = ?",
                               (int(plan_id),)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return self._plan_info(row)

    def plan_pdf(self, plan_id: int) -> bytes:
        with self._read("read_plan") as conn:
            row = conn.execute("SELECT pdf FROM plans WHERE id = ?", (int(plan_id),)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return bytes(row[0])

    def nurse_pdf(self, plan_id: int) -> bytes | None:
        with self._read("read_nurse") as conn:
            row = conn.execute("SELECT nurse_pdf FROM plans WHERE id = ?",
                               (int(plan_id),)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return bytes(row[0]) if row[0] is not None else None

    # -- audit log -------------------------------------------------------------------------

    def append_event(self, event: str, *, user: str | None = None,
                     case_sha256: str | None = None, pdf_sha256: str | None = None,
                     detail: dict[str, Any] | None = None) -> int:
        """Append one row to the audit log; returns its sequence number."""
        with self._write("write_audit") as conn:
            seq = self._append(conn, event, user=user, case_sha256=case_sha256,
                               pdf_sha256=pdf_sha256, detail=detail)
        self._write_history(self.audit_head())
        log.info("audit %d: %s", seq, event)
        return seq

    @staticmethod
    def _append(conn: Any, event: str, *, user: str | None = None,
                case_sha256: str | None = None, pdf_sha256: str | None = None,
                detail: dict[str, Any] | None = None) -> int:
        """Append one audit row inside the caller's write transaction."""
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r} (known: {', '.join(sorted(EVENTS))})")
        if detail is not None:
            if not isinstance(detail, dict):
                raise ValueError("audit detail is a JSON object")
            bad = sorted(k for k in detail if str(k).lower() in FORBIDDEN_DETAIL_KEYS)
            if bad:
                raise ValueError(f"audit detail must not hold patient data or secrets: {bad}")
            detail = json.loads(json.dumps(detail, sort_keys=True, default=str))
        detail_text = (json.dumps(detail, sort_keys=True, separators=(",", ":"),
                                  ensure_ascii=False) if detail is not None else None)
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
        seq, prev = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        at = now_iso()
        digest = audit_hash(prev, seq=seq, at=at, event=event, user=user,
                            case_sha256=case_sha256, pdf_sha256=pdf_sha256, detail=detail)
        conn.execute(
            "INSERT INTO audit (seq, at, event, user, case_sha256, pdf_sha256, detail, "
            "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, event, user, case_sha256, pdf_sha256, detail_text, prev, digest),
        )
        conn.execute("INSERT INTO audit_head (one, seq, hash) VALUES (1, ?, ?) "
                     "ON CONFLICT(one) DO UPDATE SET seq = excluded.seq, "
                     "hash = excluded.hash", (seq, digest))
        return seq

    def audit_head(self) -> AuditAnchor:
        """The audit log's head now (the anchor a plan signed now carries): (sequence, hash),
        (0, genesis hash) when the log is empty."""
        with self._read("read_audit") as conn:
            row = conn.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
        return AuditAnchor(int(row[0]), str(row[1])) if row else AuditAnchor(0, GENESIS_HASH)

    def list_events(self, limit: int | None = None) -> list[AuditEntry]:
        """Audit rows in order (the last ``limit`` when given)."""
        sql = ("SELECT seq, at, event, user, case_sha256, pdf_sha256, detail, prev_hash, hash "
               "FROM audit ORDER BY seq")
        with self._read("read_audit") as conn:
            rows = conn.execute(sql).fetchall()
        if limit:
            rows = rows[-int(limit):]
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], _detail(r[6]), r[7], r[8])
                for r in rows]

    def verify_audit(self, extra_anchors: list[tuple[str, AuditAnchor]] = ()) -> AuditReport:
        """Check the log: the hash chain, its head record, known event names, and every anchor
        held outside the chain (each archived plan's signing-time head, the history marker),
        and that signed plans and their audit rows name each other.

        An edited, inserted or deleted row breaks the chain; a re-chained rewrite, a cut tail
        or an emptied log contradicts an anchor taken before it. See README for what cannot be
        detected (rows appended after the last anchor with the head record updated).
        ``extra_anchors``: (what, anchor) pairs from elsewhere, e.g. signed PDFs of this
        workstation that the administrator brings back.
        """
        with self._read("read_audit") as conn:
            rows = conn.execute(
                "SELECT seq, at, event, user, case_sha256, pdf_sha256, detail, prev_hash, hash "
                "FROM audit ORDER BY seq").fetchall()
            head = conn.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
            plans = conn.execute("SELECT id, pdf_sha256, audit_seq, audit_hash FROM plans "
                                 "ORDER BY id").fetchall()
        n = len(rows)
        prev = GENESIS_HASH
        expected_seq = 1
        by_seq: dict[int, str] = {}
        signed_rows: dict[str, list[tuple[int, Any]]] = {}
        for seq, at, event, user, case_sha, pdf_sha, detail_text, prev_hash, digest in rows:
            if seq != expected_seq:
                return _broken(n, expected_seq, "audit_row_missing", seq=expected_seq,
                               next=seq)
            if prev_hash != prev:
                return _broken(n, seq, "audit_row_unchained", seq=seq, prev=seq - 1)
            try:
                detail = _detail(detail_text, strict=True)
            except ValueError:
                return _broken(n, seq, "audit_row_detail", seq=seq)
            recomputed = audit_hash(prev, seq=seq, at=at, event=event, user=user,
                                    case_sha256=case_sha, pdf_sha256=pdf_sha, detail=detail)
            if recomputed != digest:
                return _broken(n, seq, "audit_row_edited", seq=seq)
            if event not in EVENTS:
                from .textsafe import printable

                return _broken(n, seq, "audit_row_unknown", seq=seq,
                               event=repr(printable(event, 40)))
            if event == "plan_signed" and pdf_sha:
                signed_rows.setdefault(pdf_sha, []).append((seq, (detail or {}).get(
                    "archive_id")))
            by_seq[seq] = digest
            prev = digest
            expected_seq += 1
        last_seq = expected_seq - 1
        if head is None:
            if rows:
                return _broken(n, 1, "audit_head_missing")
        else:
            head_seq, head_hash = head
            if head_seq > last_seq:
                if head_seq == last_seq + 1:  # one row: "row 3", not "rows 3 to 3"
                    return _broken(n, head_seq, "audit_tail_cut_one", seq=head_seq)
                return _broken(n, last_seq + 1, "audit_tail_cut", first=last_seq + 1,
                               last=head_seq)
            if head_seq != last_seq or head_hash != prev:
                return _broken(n, head_seq, "audit_head_mismatch", seq=last_seq)
        # Anchors kept outside the chain: each must name a row that is still there, unchanged.
        anchors: list[tuple[str, AuditAnchor]] = [
            (Phrase("audit_what_plan", id=pid), AuditAnchor(int(aseq), str(ahash)))
            for pid, _pdf, aseq, ahash in plans if aseq is not None]
        marker = self.history_anchor()
        if marker is not None and marker.seq > 0:
            anchors.append((Phrase("audit_what_marker", name=self.history_path.name), marker))
        anchors += list(extra_anchors)  # e.g. signed PDFs that left this workstation
        for what, anchor in anchors:
            if anchor.seq == 0:
                continue
            if anchor.seq > last_seq:
                return _broken(n, last_seq + 1, "audit_anchor_cut", len(anchors), what=what,
                               had=Count("count_rows", anchor.seq),
                               has=Count("count_rows", last_seq))
            if by_seq[anchor.seq] != anchor.hash:
                return _broken(n, anchor.seq, "audit_anchor_rewritten", len(anchors),
                               seq=anchor.seq, what=what)
        # Signed plans and their "plan_signed" rows name each other.
        archived = {pid: pdf for pid, pdf, _s, _h in plans}
        for pid, pdf, aseq, _h in plans:
            if aseq is None:
                continue  # archived before anchors existed
            found = [seq for seq, _ in signed_rows.get(pdf, []) if seq > aseq]
            if not found:
                return _broken(n, None, "audit_plan_unlogged", len(anchors), id=pid)
        for pdf, entries in signed_rows.items():
            for seq, archive_id in entries:
                if isinstance(archive_id, int) and archived.get(archive_id) != pdf:
                    return _broken(n, seq, "audit_row_forged", len(anchors), seq=seq,
                                   id=archive_id)
        return AuditReport(True, n, anchors=len(anchors))

    # -- health ----------------------------------------------------------------------------

    def integrity_check(self) -> str:
        with self._read("check") as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    def check(self) -> list[tuple[str, bool, str]]:
        """The administrator's full check: (what, ok, detail) per step; ``what`` and
        ``detail`` are English text that says itself in a language (``textsafe.in_lang``)."""
        steps: list[tuple[str, bool, str]] = []
        with self._read("check") as conn:
            problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("drafts", "plans", "audit")}
        ok = problems == ["ok"]
        steps.append((Phrase("store_step_integrity"), ok,
                      Phrase("store_sqlite_ok") if ok else "; ".join(problems)))
        steps.append((Phrase("store_step_schema"), version == SCHEMA_VERSION,
                      Phrase("store_schema_detail", version=version, supported=SCHEMA_VERSION)))
        report = self.verify_audit()
        steps.append((Phrase("store_step_audit"), report.ok,
                      Phrase("store_audit_detail", rows=report.rows, anchors=report.anchors)
                      if report.ok else Phrase("store_audit_broken", seq=report.broken_seq,
                                               reason=report.reason)))
        steps.append((Phrase("store_step_contents"), True,
                      Phrase("store_contents_detail", drafts=counts["drafts"],
                             plans=counts["plans"], audit=counts["audit"])))
        return steps

    def backup(self, target: str | Path) -> Path:
        """A consistent copy of the store (SQLite's online backup API) at ``target``, written
        beside it first and renamed into place, mode 0600. Never overwrites a file."""
        import tempfile

        dest = Path(target)
        if dest.exists() or dest.is_symlink():
            raise StoreError("store_backup_exists", dest=dest)
        if dest.resolve().parent == self.path.resolve().parent and \
                dest.name.startswith(self.path.name):
            raise StoreError("store_backup_own", dest=dest)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent or ".")
        os.close(fd)
        os.chmod(tmp, 0o600)
        try:
            with self._lock:
                conn = self._connection()
                out = sqlite3.connect(tmp)
                try:
                    conn.backup(out)
                    problems = out.execute("PRAGMA quick_check").fetchone()[0]
                finally:
                    out.close()
            if problems != "ok":
                raise StoreError("store_backup_bad", problems=problems)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.link(tmp, dest)  # fails if dest appeared meanwhile: never overwrite
            os.unlink(tmp)
        except sqlite3.Error as exc:
            Path(tmp).unlink(missing_ok=True)
            raise _human(exc, dest, "backup") from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return dest


def _newer(path: Path, version: int) -> StoreError:
    return StoreError("store_newer", path=path, version=version, supported=SCHEMA_VERSION)


def _damaged(path: Path, detail: str) -> StoreError:
    from .textsafe import printable

    return StoreError("store_damaged", path=path, detail=printable(detail, 200))


def _detail(text: str | None, strict: bool = False) -> dict[str, Any] | None:
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


def default_path() -> Path:
    from .site import data_dir

    return data_dir() / DB_NAME


def open_store(path: str | Path | None = None) -> Store:
    """Open the store (the data folder's unless ``path``). Use as a context manager."""
    return Store(path)
