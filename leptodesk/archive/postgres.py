"""The ward archive: one PostgreSQL database (psycopg 3) that every workstation of a ward
shares for signed plans, nurse summaries and the audit chain. Drafts stay on each workstation.

- Chosen by ``LEPTODESK_ARCHIVE_URL`` or ``archive_url`` in the administrator's
  ``archive.json`` in the data folder (e.g. ``postgresql://leptodesk@wardserver/ward``).
- ``leptodesk archive init`` creates or upgrades the schema (``schema.POSTGRES_MIGRATIONS``,
  recorded in ``leptodesk_schema``); a database from a newer LeptoDesk is refused.
- Audit appends are serialized: each write transaction takes one advisory transaction lock
  before it reads the chain's head, so the chain stays linear with many writers.
- The server's clock stamps the archive: each row's time and each plan's ``archived_at`` are
  ``clock_timestamp()`` read inside the transaction (``archive_clock`` = "ward server").
- A server that cannot be reached is :class:`~.records.Unreachable`: export keeps the plan in
  the workstation's outbox (:mod:`.outbox`) instead.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from .audit import AuditMixin
from .maintenance import MaintenanceMixin
from .plans import PlansMixin
from .records import StoreError, Unreachable, newer
from .schema import (
    POSTGRES_MIGRATIONS,
    POSTGRES_VERSION,
    has_search_index,
    postgres_version,
    search_index,
)

log = logging.getLogger(__name__)

ARCHIVE_SETTINGS = "archive.json"
CONNECT_TIMEOUT_S = 5
CHAIN_LOCK = 0x4C45_5054  # the advisory lock every audit append takes ("LEPT")
_NOW = ("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")


def configured_url(folder: Path) -> str | None:
    """The ward archive's URL for this data folder, or None (the local store is the
    archive)."""
    url = os.environ.get("LEPTODESK_ARCHIVE_URL", "").strip()
    if url:
        return url
    path = Path(folder) / ARCHIVE_SETTINGS
    if not path.exists():
        return None
    from ..casefile import read_limited
    from ..fileio import check_private

    check_private(path, "site", up_to=folder)  # others must not point us elsewhere
    try:
        data = json.loads(read_limited(path, 16 * 1024, ARCHIVE_SETTINGS))
    except ValueError:
        raise StoreError("archive_settings_bad", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("archive_url", ""), str):
        raise StoreError("archive_settings_bad", path=path)
    return data.get("archive_url") or None


def display_url(url: str) -> str:
    """The URL without its password, for messages and the outbox's records."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unreadable address)"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# Failures that mean the server cannot be reached (so signing goes on into the outbox): no
# connection (no SQLSTATE: the client's own), a connection lost (class 08), the server shutting
# down or starting (57P01-57P03). A server that answers is reached, whatever it answers.
_UNREACHABLE_STATES = ("57P01", "57P02", "57P03")
_FULL_STATES = ("53100",)  # disk_full
_BUSY_STATES = ("55P03", "40P01", "53300")  # lock_not_available, deadlock, too many connections


def _human(exc: Exception, url: str, doing: str) -> StoreError:
    """A server's failure said as what it is: cannot be reached, disk full, busy, or its own
    words; never "damaged" (PostgreSQL keeps its own pages)."""
    import psycopg

    from ..errors import Phrase

    state = getattr(exc, "sqlstate", None)
    where = display_url(url)
    what = Phrase(f"store_doing_{doing}")
    if isinstance(exc, psycopg.OperationalError) and (
            state is None or state.startswith("08") or state in _UNREACHABLE_STATES):
        return Unreachable("archive_unreachable", where=where,
                           error=str(exc).strip().splitlines()[0][:200] if str(exc) else "")
    if state in _FULL_STATES:
        return StoreError("archive_full", doing=what, where=where)
    if state in _BUSY_STATES:
        return StoreError("archive_busy", doing=what, where=where)
    return StoreError("store_failed", doing=what, where=where, error=str(exc).strip()[:300])


class _Conn:
    """A psycopg connection that takes the archive's SQL (``?`` placeholders)."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._conn.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(params))


def connect(url: str) -> Any:
    import psycopg

    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
    except psycopg.Error as exc:
        raise _human(exc, url, "open") from None


class InitReport(NamedTuple):
    before: int  # the schema version found
    after: int  # the schema version now
    search_index: bool  # the trigram index for search by patient exists (pg_trgm)


def init_schema(url: str) -> InitReport:
    """Create or upgrade the ward database's schema. A newer schema is refused untouched. The
    search index is made whenever it can be (a database upgraded where pg_trgm could not be
    created gets it from a later run, once the administrator installs the extension)."""
    import psycopg

    conn = connect(url)
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (CHAIN_LOCK,))
            before = postgres_version(conn)
            if before > POSTGRES_VERSION:
                raise newer(display_url(url), before, POSTGRES_VERSION)
            if before == 0:
                conn.execute("CREATE TABLE IF NOT EXISTS leptodesk_schema (version INTEGER "
                             "NOT NULL)")
                conn.execute("INSERT INTO leptodesk_schema (version) VALUES (0)")
            for step in range(before, POSTGRES_VERSION):
                migration = POSTGRES_MIGRATIONS[step]
                if callable(migration):
                    migration(conn)
                else:
                    for statement in migration:
                        conn.execute(statement)
                conn.execute("UPDATE leptodesk_schema SET version = %s", (step + 1,))
            indexed = has_search_index(conn) or search_index(conn)
        return InitReport(before, POSTGRES_VERSION, indexed)
    except psycopg.Error as exc:
        raise _human(exc, url, "open") from None
    finally:
        conn.close()


class WardArchive(PlansMixin, AuditMixin, MaintenanceMixin):
    """The ward's PostgreSQL archive, one connection per process (thread-safe: one lock)."""

    CLOCK = "ward server"
    BACKEND = "postgresql"
    LIKE = "ILIKE"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = Path(display_url(url))  # for messages: where
        self._lock = threading.RLock()
        self._conn: Any = None
        self._checked_version = False

    def _connection(self) -> Any:
        if self._conn is None or self._conn.closed:
            conn = connect(self.url)
            version = postgres_version(conn)
            if version > POSTGRES_VERSION:
                conn.close()
                raise newer(display_url(self.url), version, POSTGRES_VERSION)
            if version < POSTGRES_VERSION:
                conn.close()
                raise StoreError("archive_not_initialised", where=display_url(self.url),
                                 version=version, supported=POSTGRES_VERSION)
            self._conn = conn
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> WardArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self, doing: str) -> Iterator[Any]:
        import psycopg

        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():
                    yield _Conn(conn)
            except psycopg.Error as exc:
                if conn.broken:
                    self._conn = None
                raise _human(exc, self.url, doing) from None

    # A read is a transaction like a write: the server sees one consistent snapshot.
    _read = _write

    def _lock_chain(self, conn: Any) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (CHAIN_LOCK,))

    def _now(self, conn: Any) -> str:
        return str(conn.execute(_NOW).fetchone()[0])

    @staticmethod
    def _insert_id(conn: Any, sql: str, params: tuple) -> int:
        return int(conn.execute(sql + " RETURNING id", params).fetchone()[0])

    def _after_append(self) -> None:
        pass

    def _note_history(self) -> None:
        pass

    def _engine_check(self) -> tuple[bool, Any, int, int]:
        from ..errors import Phrase

        with self._read("check") as conn:
            version = postgres_version(conn)
        return True, Phrase("archive_server_ok"), version, POSTGRES_VERSION

    def _contents(self) -> Any:
        from ..errors import Phrase

        with self._read("check") as conn:
            plans = conn.execute("SELECT count(*) FROM plans").fetchone()[0]
            audit = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        return Phrase("archive_contents_detail", plans=plans, audit=audit)
