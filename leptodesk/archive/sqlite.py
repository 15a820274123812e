"""The workstation's store: one SQLite file (``leptodesk.sqlite3``) in the data folder.

- **One way into the file per process.** POSIX locks belong to the process: closing any second
  descriptor on the database file (a second connection's, a hash's, an ``open()`` for a copy)
  drops SQLite's locks, and another process then deletes the journal under the first ("How To
  Corrupt An SQLite Database File", 2.2). So every :class:`Store` of one file in this process
  shares ONE connection (counted; closed with the last user), the file is never opened
  otherwise, and checks, hashes and copies go through that connection (the backup API).
- WAL journal with ``synchronous=FULL``: a committed transaction survives SIGKILL and a power
  cut. Writes take the lock up front (``BEGIN IMMEDIATE``) and a busy timeout lets another
  process wait its turn; the audit chain is read and extended under that lock.
- The store knows itself: before this process first writes, SQLite's full ``integrity_check``
  (``quick_check`` misses index damage) and the schema version; a damaged store, one from a
  newer version, or an empty or missing store where history existed (the marker
  ``leptodesk.sqlite3.history`` says so) is refused with a plain message and left untouched.
- Read-only commands work on a read-only data folder (the file opened read-only).
- SQLite on a network file system is refused: its locking is not dependable there.
- The database and its ``-wal``/``-shm`` files are mode 0600, the folder 0700.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .audit import AuditMixin
from .drafts import DraftsMixin
from .maintenance import MaintenanceMixin, network_filesystem
from .outbox import OutboxMixin
from .plans import PlansMixin
from .records import (
    BUSY_TIMEOUT_MS,
    DB_NAME,
    HISTORY_SUFFIX,
    AuditAnchor,
    StoreError,
    damaged,
    human,
    is_corrupt,
    newer,
    now_iso,
)
from .schema import SQLITE_MIGRATIONS, SQLITE_VERSION

log = logging.getLogger(__name__)

SCHEMA_VERSION = SQLITE_VERSION
# A full check that passed this long ago on this connection, with nothing changed since, is not
# run again by the administrator's check (store check opens the store, which checks it first:
# 20,000 plans were read twice for one answer). Within a minute the pages are the ones the
# check just read, from the page cache; after that the disk is read again.
FRESH_CHECK_S = 60.0


class _Shared:
    """The process's one connection to one database file."""

    def __init__(self, conn: sqlite3.Connection, readonly: bool, checked: bool) -> None:
        self.conn = conn
        self.readonly = readonly
        self.checked = checked  # integrity_check passed on this connection
        self.lock = threading.RLock()
        self.users = 0
        self.writes = 0  # write transactions begun on this connection
        self.check_mark: tuple | None = None  # the store as it was when the check passed


_shared: dict[str, _Shared] = {}
_shared_lock = threading.Lock()


def _chmod_600(path: Path) -> None:
    try:
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError:  # another user's file or a vanished -shm: nothing we can fix here
        pass


def _writable(path: Path) -> bool:
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


class Store(DraftsMixin, PlansMixin, AuditMixin, MaintenanceMixin, OutboxMixin):
    """The workstation's store. Thread-safe (the shared connection has one lock)."""

    CLOCK = "workstation"
    BACKEND = "sqlite"

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False) -> None:
        """``readonly`` is accepted for callers that only read; a store in a folder this user
        cannot write is opened read-only whatever is asked."""
        self.path = default_path() if path is None else Path(path)
        self._key = os.path.realpath(self.path)
        self._shared: _Shared | None = None
        with _shared_lock:
            shared = _shared.get(self._key)
            if shared is None:
                shared = self._open(readonly)
                _shared[self._key] = shared
            shared.users += 1
            self._shared = shared
        self._ensure_checked()  # before anything is written, migrations included
        if not shared.readonly:
            self._migrate()

    @property
    def _conn(self) -> Any:
        """The process's connection to this file (None once this Store is closed)."""
        return self._shared.conn if self._shared is not None else None

    @_conn.setter
    def _conn(self, conn: Any) -> None:  # tests put a failing connection in its place
        if self._shared is not None:
            self._shared.conn = conn

    @property
    def readonly(self) -> bool:
        return self._shared is not None and self._shared.readonly

    # -- opening ---------------------------------------------------------------------------

    def _open(self, readonly: bool) -> _Shared:
        history = self.history_path
        try:
            if not self.path.parent.is_dir() or _writable(self.path):
                from ..fileio import private_dir

                private_dir(self.path.parent)  # the data folder: 0700 whatever the umask
            existing = self.path.stat().st_size if self.path.exists() else None
            had_history = history.exists()
        except OSError as exc:
            raise self._os_error(exc) from None
        fs = network_filesystem(self.path.parent)
        if fs is not None:
            raise StoreError("store_network_fs", where=self.path.parent, fs=fs)
        if had_history and not existing:
            raise StoreError("store_missing" if existing is None else "store_empty",
                             path=self.path, marker=history.name)
        # A read-only data folder: the store is read (lists, checks, verify); writes are
        # refused with a plain message.
        ro = existing is not None and not _writable(self.path)
        if existing is None:
            if not _writable(self.path):
                raise StoreError("store_readonly", doing=_phrase("open"),
                                 where=self.path.parent)
            try:  # no connection to this file in this process yet: a descriptor is harmless
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
                os.close(fd)
            except FileExistsError:
                pass  # another process made it meanwhile
            except OSError as exc:
                raise self._os_error(exc) from None
        try:
            if ro:
                conn = self._connect_read_only()
            else:
                conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000,
                                       isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise human(exc, self.path, "open") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise newer(self.path, version, SCHEMA_VERSION)
            if not ro:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("store journal mode is %s, not wal", mode)
                conn.execute("PRAGMA synchronous = FULL")
            elif version < SCHEMA_VERSION:
                raise StoreError("store_readonly_old", path=self.path)
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            conn.close()
            raise human(exc, self.path, "open") from None
        except StoreError:
            conn.close()
            raise
        if not ro:
            for suffix in ("", "-wal", "-shm"):
                _chmod_600(Path(str(self.path) + suffix))
        return _Shared(conn, ro, checked=existing is None)

    def _connect_read_only(self) -> sqlite3.Connection:
        """The store in a folder this user cannot write. SQLite cannot make the WAL's shared
        memory file there; when no WAL file is left (everything committed is in the file
        itself) it is read as immutable, which needs none."""
        from urllib.parse import quote

        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        args = dict(uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                    check_same_thread=False)
        conn = sqlite3.connect(uri, **args)
        try:
            conn.execute("PRAGMA user_version").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            wal = Path(str(self.path) + "-wal")
            if wal.exists() and wal.stat().st_size:
                raise
        log.info("store opened read-only and immutable (read-only folder, no WAL left)")
        return sqlite3.connect(uri + "&immutable=1", **args)

    def _ensure_checked(self) -> None:
        """SQLite's full check, once per connection, before the first write: a damaged store
        is refused and left exactly as it is."""
        shared = self._shared
        if shared is None or shared.checked:
            return
        failure: StoreError | None = None
        with shared.lock:
            if shared.checked:
                return
            try:
                problems = [str(r[0]) for r in shared.conn.execute("PRAGMA integrity_check(5)")]
            except sqlite3.Error as exc:
                failure = human(exc, self.path, "open")
            else:
                if problems != ["ok"]:
                    failure = damaged(self.path, "; ".join(problems))
                shared.checked = failure is None
                if shared.checked:
                    shared.check_mark = (time.monotonic(), self._state(shared))
        if failure is not None:
            self.close()
            raise failure
        if not self.history_path.exists() and self._has_history():
            self._write_history(self.audit_head())

    def _state(self, shared: _Shared) -> tuple:
        """What changes when anything is committed: SQLite's data_version (others' commits),
        this connection's writes, and the file's and its WAL's size and time."""
        version = shared.conn.execute("PRAGMA data_version").fetchone()[0]
        files = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(str(self.path) + suffix)
                files.append((st.st_size, st.st_mtime_ns, st.st_ino))
            except OSError:
                files.append(None)
        return version, shared.writes, tuple(files)

    def _engine_check(self) -> tuple[bool, Any, int, int]:
        """SQLite's full check, unless it passed on this connection under a minute ago and
        nothing has changed since (:data:`FRESH_CHECK_S`)."""
        shared = self._shared
        if shared is not None and shared.check_mark is not None:
            with self._read("check") as conn:
                at, state = shared.check_mark
                if time.monotonic() - at < FRESH_CHECK_S and self._state(shared) == state:
                    from ..errors import Phrase

                    version = conn.execute("PRAGMA user_version").fetchone()[0]
                    return True, Phrase("store_sqlite_ok"), version, SCHEMA_VERSION
        return super()._engine_check()

    def _version(self) -> int:
        with self._read("open") as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def _has_history(self) -> bool:
        with self._read("read") as conn:
            return any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                       for t in ("audit", "plans", "drafts"))

    def _note_history(self) -> None:
        """The first draft or plan in a new store: from now on it has history."""
        if not self.history_path.exists():
            self._write_history(self.audit_head())

    def _after_append(self) -> None:
        self._write_history(self.audit_head())

    @property
    def history_path(self) -> Path:
        return Path(str(self.path) + HISTORY_SUFFIX)

    def _write_history(self, head: AuditAnchor) -> None:
        """The marker beside the store: history exists here, and the last audit head seen."""
        data = {"store": self.path.name, "audit_seq": head.seq, "audit_hash": head.hash}
        try:
            from ..fileio import write_atomic

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

    def history_what(self) -> Any:
        from ..errors import Phrase

        return Phrase("audit_what_marker", name=self.history_path.name)

    def _os_error(self, exc: OSError) -> StoreError:
        from ..errors import error_text

        where = self.path.parent
        if getattr(exc, "errno", None) == errno.ENOSPC:
            return StoreError("store_create_full", where=where)
        return StoreError("store_folder", where=where,
                          reason=error_text(exc, exc.strerror or str(exc)))

    def _migrate(self) -> None:
        with self._shared.lock:
            conn = self._connection()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise human(exc, self.path, "open") from None
            self._shared.writes += 1
            try:
                # Another process may have migrated while we waited for the lock.
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise newer(self.path, version, SCHEMA_VERSION)
                for step in range(version, SCHEMA_VERSION):
                    SQLITE_MIGRATIONS[step](conn)
                    conn.execute(f"PRAGMA user_version = {step + 1}")
                    log.info("store schema migrated to version %d", step + 1)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise human(exc, self.path, "open") from None
            except BaseException:
                self._rollback(conn)
                raise

    def close(self) -> None:
        with _shared_lock:
            shared, self._shared = self._shared, None
            if shared is None:
                return
            shared.users -= 1
            if shared.users <= 0:
                with shared.lock:
                    shared.conn.close()
                if _shared.get(self._key) is shared:
                    del _shared[self._key]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def _write(self, doing: str) -> Iterator[Any]:
        """One write transaction, rolled back on any error; SQLite errors become StoreError."""
        shared = self._shared
        if shared is None:
            raise StoreError("store_closed", path=self.path)
        self._ensure_checked()
        with shared.lock:
            conn = shared.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._failure(exc, doing) from None
            shared.writes += 1
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise self._failure(exc, doing) from None
            except BaseException:
                self._rollback(conn)
                raise

    @contextmanager
    def _read(self, doing: str) -> Iterator[Any]:
        shared = self._shared
        if shared is None:
            raise StoreError("store_closed", path=self.path)
        with shared.lock:
            try:
                yield shared.conn
            except sqlite3.Error as exc:
                raise self._failure(exc, doing) from None

    def _failure(self, exc: sqlite3.Error, doing: str) -> StoreError:
        """``exc`` as the user can act on it (:func:`~.records.human`). A page SQLite could
        not make sense of is called damaged only when the full check, run now, finds damage:
        a store that checks sound is not "damaged" (the reading failed; nothing changed)."""
        if not is_corrupt(exc) or self._shared is None:
            return human(exc, self.path, doing)
        try:
            problems = [str(r[0]) for r in
                        self._shared.conn.execute("PRAGMA integrity_check(5)")]
        except sqlite3.Error:  # the check itself cannot read it: damaged
            return human(exc, self.path, doing)
        if problems != ["ok"]:
            return damaged(self.path, "; ".join(problems))
        log.warning("SQLite reported damage (%s) that its full check does not find", exc)
        return StoreError("store_read_failed", doing=_phrase(doing), path=self.path)

    def _connection(self) -> Any:
        if self._shared is None:
            raise StoreError("store_closed", path=self.path)
        return self._shared.conn

    @staticmethod
    def _rollback(conn: Any) -> None:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:  # no transaction left to roll back (SQLite already did)
            pass

    def _lock_chain(self, conn: Any) -> None:
        """``BEGIN IMMEDIATE`` already holds the database's write lock."""

    def _now(self, conn: Any) -> str:
        return now_iso()

    @staticmethod
    def _insert_id(conn: Any, sql: str, params: tuple) -> int:
        return int(conn.execute(sql, params).lastrowid)


def _phrase(doing: str) -> Any:
    from ..errors import Phrase

    return Phrase(f"store_doing_{doing}")


def default_path() -> Path:
    from ..site import data_dir

    return data_dir() / DB_NAME


def open_store(path: str | Path | None = None, *, readonly: bool = False) -> Store:
    """Open the store (the data folder's unless ``path``). Use as a context manager."""
    return Store(path, readonly=readonly)
