"""The archive's schema and its versioned migrations, for both backends.

SQLite (the workstation's store) keeps its version in ``PRAGMA user_version``; PostgreSQL (the
ward archive) in the one-row table ``leptodesk_schema``. ``SQLITE_MIGRATIONS[n]`` and
``POSTGRES_MIGRATIONS[n]`` take a database from version n to n + 1. Never edit a released step;
append a new one. A database from a newer LeptoDesk is refused, never changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any


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


def _v5(conn: sqlite3.Connection) -> None:
    # A plan is its signed content (a copy with other bytes in the signature's padding is the
    # same plan); the check code printed on its pages finds it; the clock that stamped it; and
    # the outbox: exports signed while the ward server could not be reached, with their audit
    # rows, kept in one transaction until sent.
    from .plans import signed_key

    conn.execute("ALTER TABLE plans ADD COLUMN signed_key TEXT")
    conn.execute("ALTER TABLE plans ADD COLUMN check_code TEXT")
    conn.execute("ALTER TABLE plans ADD COLUMN archive_clock TEXT NOT NULL "
                 "DEFAULT 'workstation'")
    conn.execute("ALTER TABLE plans ADD COLUMN queued_at TEXT")
    from ..checkcode import check_code

    rows = conn.execute("SELECT id, pdf, export_id FROM plans").fetchall()
    for plan_id, pdf, export_id in rows:
        conn.execute("UPDATE plans SET signed_key = ?, check_code = ? WHERE id = ?",
                     (signed_key(bytes(pdf)), check_code(export_id) if export_id else None,
                      plan_id))
    conn.execute("CREATE INDEX plans_signed_key ON plans (signed_key)")
    conn.execute("CREATE INDEX plans_check_code ON plans (check_code)")
    conn.execute("""
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            signed_key TEXT NOT NULL UNIQUE,
            plan TEXT NOT NULL,
            pdf BLOB NOT NULL,
            nurse_pdf BLOB,
            events TEXT NOT NULL,
            queued_at TEXT NOT NULL
        )""")
    # The ward chain's head last seen here: the anchor a plan signed while the server is down
    # carries (a row of the ward chain, so the ward's audit verify checks it).
    conn.execute("""
        CREATE TABLE ward_head (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            archive TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        )""")


SQLITE_MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5]
SQLITE_VERSION = len(SQLITE_MIGRATIONS)


# --------------------------------------------------------------------------------------------
# PostgreSQL: the ward archive (signed plans, nurse summaries and the audit chain; no drafts).

_PG_V1 = [
    """CREATE TABLE plans (
        id BIGSERIAL PRIMARY KEY,
        display_name TEXT,
        pathway TEXT NOT NULL,
        signer TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        content_version TEXT NOT NULL,
        case_sha256 TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL,
        pdf BYTEA NOT NULL,
        archived_at TEXT NOT NULL,
        nurse_pdf BYTEA,
        audit_seq BIGINT,
        audit_hash TEXT,
        export_id TEXT,
        nurse_pdf_sha256 TEXT,
        imported INTEGER NOT NULL DEFAULT 0,
        signed_key TEXT NOT NULL UNIQUE,
        check_code TEXT,
        archive_clock TEXT NOT NULL DEFAULT 'ward server',
        queued_at TEXT
    )""",
    "CREATE INDEX plans_signed_at ON plans (signed_at)",
    "CREATE INDEX plans_display_name ON plans (lower(display_name) text_pattern_ops)",
    "CREATE INDEX plans_pdf_sha256 ON plans (pdf_sha256)",
    "CREATE INDEX plans_nurse_pdf_sha256 ON plans (nurse_pdf_sha256)",
    "CREATE INDEX plans_check_code ON plans (check_code)",
    """CREATE TABLE audit (
        seq BIGINT PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        "user" TEXT,
        case_sha256 TEXT,
        pdf_sha256 TEXT,
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE TABLE audit_head (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL
    )""",
    """CREATE FUNCTION leptodesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$""",
    "CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION leptodesk_append_only()",
]

# Search by patient is "part of the name" (ILIKE '%...%'), which no b-tree serves: a trigram
# index does (pg_trgm, a trusted extension since PostgreSQL 13, so the database's owner may
# create it without being a superuser). Where the extension cannot be created (not installed,
# or no CREATE right on the database) the archive works the same and search scans the plans;
# ``leptodesk archive init`` says so, and makes the index on a later run once it can.
SEARCH_INDEX = "plans_display_name_trgm"
_PG_SEARCH = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON plans USING gin "
    "(display_name gin_trgm_ops)",
]


def search_index(conn: Any) -> bool:
    """Make the trigram index for search by patient if it can be made (inside a savepoint of
    the caller's transaction, so a refusal changes nothing else); whether it exists now."""
    import psycopg

    try:
        with conn.transaction():
            for statement in _PG_SEARCH:
                conn.execute(statement)
    except psycopg.Error:  # no pg_trgm here, or no right to create it: search scans
        pass
    return has_search_index(conn)


def has_search_index(conn: Any) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (SEARCH_INDEX,)).fetchone()
    return row is not None and row[0] is not None


def _pg_v2(conn: Any) -> None:
    # The Plans window reads a page at a time, newest first, after the last row it holds:
    # (signed_at, id) is both the order and the cursor.
    conn.execute("CREATE INDEX plans_signed_at_id ON plans (signed_at, id)")
    search_index(conn)


# Each step: SQL statements, or a function of the connection (a step that may do less where the
# server cannot, as the search index).
POSTGRES_MIGRATIONS: list[list[str] | Callable[[Any], Any]] = [_PG_V1, _pg_v2]
POSTGRES_VERSION = len(POSTGRES_MIGRATIONS)


def postgres_version(conn: Any) -> int:
    """The ward database's schema version (0: LeptoDesk has never set it up)."""
    row = conn.execute("SELECT to_regclass('leptodesk_schema')").fetchone()
    if row is None or row[0] is None:
        return 0
    row = conn.execute("SELECT version FROM leptodesk_schema").fetchone()
    return int(row[0]) if row else 0
