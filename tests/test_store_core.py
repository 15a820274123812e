"""The store: drafts, plans archive, file modes, migrations, errors (no Qt)."""

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from leptodesk.archive import DB_NAME, SCHEMA_VERSION, Store, StoreError, open_store
from leptodesk.archive.schema import SQLITE_MIGRATIONS as _MIGRATIONS
from leptodesk.casefile import load_case_text
from tests.conftest import ROOT, example_data


def case_json(**patient) -> str:
    data = example_data("tuberculous-adult")
    data.setdefault("patient", {}).update(patient)
    return json.dumps(data)


def test_store_lives_in_the_data_folder_with_wal_full_sync(_isolated_home):
    with open_store() as store:
        assert store.path == _isolated_home / DB_NAME
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_database_and_wal_files_are_0600(_isolated_home, monkeypatch):
    monkeypatch.setattr(os, "umask", os.umask)  # keep the process umask as it was
    old = os.umask(0o022)
    try:
        with open_store() as store:
            store.save_draft(None, case_json())
            for suffix in ("", "-wal", "-shm"):
                path = Path(str(store.path) + suffix)
                if path.exists():
                    assert stat.S_IMODE(path.stat().st_mode) == 0o600, suffix
    finally:
        os.umask(old)


def test_draft_save_load_list_finish_discard():
    with open_store() as store:
        a = store.save_draft(None, case_json(display_name="Bed 1"), "Bed 1")
        b = store.save_draft(None, case_json(display_name="Bed 2"), "Bed 2")
        assert a != b
        assert store.save_draft(a, case_json(display_name="Bed 1b"), "Bed 1b") == a
        drafts = {d.id: d for d in store.list_drafts()}
        assert set(drafts) == {a, b}
        assert drafts[a].display_name == "Bed 1b" and drafts[a].revision == 2
        assert load_case_text(store.load_draft(a)).patient.display_name == "Bed 1b"
        # Only the latest version of a draft is kept.
        assert store._conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 2
        store.finish_draft(a)
        assert [d.id for d in store.list_drafts()] == [b]
        assert [d.id for d in store.list_drafts(include_finished=True)].count(a) == 1
        store.discard_draft(b)
        assert store.list_drafts() == []
        with pytest.raises(KeyError):
            store.load_draft(b)


def test_draft_must_be_a_json_object():
    with open_store() as store:
        for bad in ("", "[1]", "{not json"):
            with pytest.raises(ValueError):
                store.save_draft(None, bad)
        assert store.list_drafts() == []


def test_drafts_persist_across_reopen():
    with open_store() as store:
        draft = store.save_draft(None, case_json(), "Bed 7")
    with open_store() as store:
        assert [d.id for d in store.list_drafts()] == [draft]


def test_plans_archive_search_by_patient_and_date():
    with open_store() as store:
        ids = []
        for name, day in (("Bed 12 / MRN 0042", "2026-11-20"), ("Bed 3 / MRN 0100", "2026-11-24"),
                          ("50%_odd", "2026-11-24")):
            ids.append(store.archive_plan(
                f"%PDF {name}".encode(), display_name=name, pathway="tuberculous",
                signer="Dr A", signed_at=f"{day}T09:00:00+01:00",
                content_version="lepto-spine-2026.1", case_sha256="c" * 64,
                nurse_pdf=b"%PDF nurse" if name.startswith("Bed 3") else None))
        assert [p.id for p in store.list_plans()] == [ids[2], ids[1], ids[0]]
        assert [p.id for p in store.list_plans(patient="mrn 0")] == [ids[1], ids[0]]
        assert [p.id for p in store.list_plans(patient="%_")] == [ids[2]]
        assert {p.id for p in store.list_plans(date_from="2026-11-24",
                                               date_to="2026-11-24")} == {ids[1], ids[2]}
        assert [p.id for p in store.list_plans(date_to="2026-11-21")] == [ids[0]]
        assert store.nurse_pdf(ids[1]) == b"%PDF nurse"
        assert store.nurse_pdf(ids[0]) is None
        assert store.get_plan(ids[1]).has_nurse_pdf
        with pytest.raises(KeyError):
            store.plan_pdf(999)


def test_migration_from_version_1_keeps_data(tmp_path):
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    _MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO drafts (id, case_json, display_name, created_at, updated_at) "
                 "VALUES ('old', ?, 'Bed 9', '2026-01-01T00:00Z', '2026-01-01T00:00Z')",
                 (case_json(),))
    conn.execute("INSERT INTO plans (display_name, pathway, signer, signed_at, content_version, "
                 "case_sha256, pdf_sha256, pdf, archived_at) VALUES ('Bed 9', 'fungal', 'Dr B', "
                 "'2026-01-01T10:00', 'v0', 'c', 'p', x'25504446', '2026-01-01T10:00Z')")
    conn.close()
    with Store(path) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [draft] = store.list_drafts()
        assert draft.id == "old" and draft.revision == 1
        assert store.load_draft("old") == case_json()
        [plan] = store.list_plans()
        assert plan.pathway == "fungal" and not plan.has_nurse_pdf
        assert store.plan_pdf(plan.id) == b"%PDF"
        store.save_draft("old", case_json(), "Bed 9")
        assert store.list_drafts()[0].revision == 2
        assert store.integrity_check() == "ok"


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer LeptoDesk"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    conn.close()


def test_disk_full_is_a_clear_message_and_earlier_drafts_stay():
    with open_store() as store:
        kept = store.save_draft(None, case_json(display_name="Bed 1"), "Bed 1")
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        # A real SQLITE_FULL: the database may not grow by a single page.
        store._conn.execute(f"PRAGMA max_page_count = {pages}")
        big = json.dumps({**json.loads(case_json()), "padding": "x" * 200_000})
        with pytest.raises(StoreError) as err:
            store.save_draft(kept, big, "Bed 1")
        message = str(err.value)
        assert "disk is full" in message and "saved before is kept" in message
        assert "Traceback" not in message
        assert load_case_text(store.load_draft(kept)).patient.display_name == "Bed 1"
    with open_store() as store:
        assert store.integrity_check() == "ok"
        assert load_case_text(store.load_draft(kept)).patient.display_name == "Bed 1"


class _FailingConnection:
    """Delegates to a real connection but fails writes like SQLite would."""

    def __init__(self, conn, message):
        self._conn, self._message = conn, message

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError(self._message)
        return self._conn.execute(sql, *args)

    def close(self):
        self._conn.close()


@pytest.mark.parametrize("sqlite_message, expected", [
    ("database or disk is full", "disk is full"),
    ("attempt to write a readonly database", "read-only"),
    ("database is locked", "busy"),
])
def test_write_failures_are_messages_and_roll_back(sqlite_message, expected):
    with open_store() as store:
        kept = store.save_draft(None, case_json(display_name="Bed 1"), "Bed 1")
        store._conn = _FailingConnection(store._conn, sqlite_message)
        with pytest.raises(StoreError, match=expected):
            store.save_draft(kept, case_json(display_name="lost"), "lost")
        with pytest.raises(StoreError, match=expected):
            store.append_event("case_created")
        store._conn = store._conn._conn
        assert json.loads(store.load_draft(kept))["patient"]["display_name"] == "Bed 1"
        assert store.list_events() == []
        # The store still works once the problem is gone.
        store.save_draft(kept, case_json(display_name="Bed 1c"), "Bed 1c")


def test_unusable_folder_is_a_clear_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot use its data folder"):
        Store(blocker / DB_NAME)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_keeps_what_was_saved(tmp_path):
    folder = tmp_path / "home"
    with Store(folder / DB_NAME) as store:
        kept = store.save_draft(None, case_json(display_name="Bed 1"), "Bed 1")
    os.chmod(folder / DB_NAME, 0o400)
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(StoreError, match="read-only"):
            with Store(folder / DB_NAME) as store:
                store.save_draft(kept, case_json(display_name="new"), "new")
    finally:
        os.chmod(folder, 0o700)
        os.chmod(folder / DB_NAME, 0o600)
    with Store(folder / DB_NAME) as store:
        assert json.loads(store.load_draft(kept))["patient"]["display_name"] == "Bed 1"


WRITER = textwrap.dedent("""
    import json, sys
    from leptodesk.archive import Store
    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Store(path) as store:
        for i in range(n):
            store.save_draft(f"{tag}-{i % 5}", json.dumps({"schema_version": 1,
                             "lp": {"wbc_per_ul": i}}), None)
            if i % 2 == 0:
                store.append_event("case_created", user=tag, detail={"i": i})
""")


def test_two_processes_writing_at_once_do_not_corrupt_the_store(tmp_path):
    path = tmp_path / DB_NAME
    Store(path).close()
    n = 150
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(n)],
                              env=env, stderr=subprocess.PIPE, text=True)
             for tag in ("a", "b", "c")]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    elapsed = time.perf_counter() - started
    with Store(path) as store:
        assert store.integrity_check() == "ok"
        drafts = store.list_drafts()
        assert len(drafts) == 15
        for d in drafts:
            assert json.loads(store.load_draft(d.id))["lp"]["wbc_per_ul"] >= n - 5
        report = store.verify_audit()
        assert report.ok, report.reason
        assert report.rows == 3 * ((n + 1) // 2)
    print(f"3 writers x {n} saves in {elapsed:.2f}s")
