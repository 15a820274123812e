"""The administrator's check reads the store once: a full check that passed on this
connection under a minute ago, with nothing committed since, is not run again (store check
and audit verify open the store, which is checked first); anything changed, or a minute gone,
and it runs."""

from __future__ import annotations

import sqlite3

import pytest

import leptodesk.archive.sqlite as sqlite_backend
from leptodesk.archive import Store

from .test_ward_archive import _archive_one


class _Counting:
    """The store's connection, noting each statement."""

    def __init__(self, conn):
        self._conn = conn
        self.seen: list[str] = []

    def execute(self, sql, *args):
        self.seen.append(sql)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.fixture
def reopened(tmp_path):
    """A store with plans in it, opened again (so its full check runs at the opening), its
    connection counting statements."""
    path = tmp_path / "leptodesk.sqlite3"
    with Store(path) as store:
        for n in (1, 2):
            _archive_one(store, n)
    store = Store(path)
    counting = _Counting(store._conn)
    store._conn = counting
    yield store, counting
    store._conn = counting._conn
    store.close()


def _full_checks(counting) -> int:
    return sum("integrity_check" in sql for sql in counting.seen)


def _engine_step(store):
    return next((ok, str(detail)) for what, ok, detail in store.check()
                if str(what) == "SQLite integrity check")


def test_a_check_just_passed_is_not_run_twice(reopened):
    store, counting = reopened
    assert _engine_step(store) == (True, "ok")
    assert _full_checks(counting) == 0


def test_a_commit_by_another_program_runs_it_again(reopened):
    store, counting = reopened
    other = sqlite3.connect(store.path)
    other.execute("INSERT INTO drafts (id, case_json, created_at, updated_at) "
                  "VALUES ('d', '{}', 'x', 'x')")
    other.commit()
    other.close()
    assert _engine_step(store) == (True, "ok")
    assert _full_checks(counting) == 1


def test_a_write_of_its_own_runs_it_again(reopened):
    store, counting = reopened
    store.append_event("plan_verified", user="nurse")
    assert _engine_step(store) == (True, "ok")
    assert _full_checks(counting) == 1


def test_a_minute_later_it_runs_again(reopened, monkeypatch):
    store, counting = reopened
    now = sqlite_backend.time.monotonic()
    monkeypatch.setattr(sqlite_backend.time, "monotonic",
                        lambda: now + sqlite_backend.FRESH_CHECK_S + 1)
    assert _engine_step(store) == (True, "ok")
    assert _full_checks(counting) == 1
