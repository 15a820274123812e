"""The store knows itself: damaged, emptied or newer stores are refused and left untouched;
``leptodesk store check`` and ``leptodesk store backup`` for the administrator."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest

from leptodesk.archive import DB_NAME, SCHEMA_VERSION, StoreError, open_store
from leptodesk.cli import main


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def used_store(_isolated_home):
    with open_store() as store:
        store.save_draft("d1", '{"schema_version": 1}', "Bed 1")
        store.append_event("case_created", user="nurse1", case_sha256="1" * 64)
        for i in range(200):  # enough pages that damage lands inside the b-trees
            store.append_event("plan_printed", user="nurse1", detail={"n": i, "pad": "x" * 200})
    return _isolated_home / DB_NAME


def test_truncated_store_is_refused_not_recreated(used_store, capsys):
    os.truncate(used_store, 0)
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "is empty (0 bytes), but this data folder had a store with history" in err
    assert used_store.stat().st_size == 0  # left as it was
    with pytest.raises(StoreError, match="restore it from a backup"):
        open_store()


def test_deleted_store_is_refused_when_history_existed(used_store):
    used_store.unlink()
    for suffix in ("-wal", "-shm"):
        used_store.with_name(DB_NAME + suffix).unlink(missing_ok=True)
    with pytest.raises(StoreError, match="is missing, but this data folder had a store"):
        open_store()
    assert not used_store.exists()


def test_new_data_folder_starts_a_store_without_complaint(_isolated_home, capsys):
    assert main(["audit", "verify"]) == 0
    assert not (_isolated_home / (DB_NAME + ".history")).exists()  # nothing recorded yet


def _checkpoint(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_garbage_page_inside_is_refused_untouched(used_store, capsys):
    _checkpoint(used_store)
    data = bytearray(used_store.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    middle = len(data) // page // 2 * page  # a page of audit rows, far from the header
    data[middle:middle + page] = b"\xa5" * page  # no valid b-tree page looks like this
    used_store.write_bytes(bytes(data))
    before = digest(used_store)
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "has not changed it" in err
    assert main(["store", "check"]) == 1
    assert "FAIL" in capsys.readouterr().err
    assert digest(used_store) == before


def test_garbage_header_is_refused_untouched(used_store, capsys):
    _checkpoint(used_store)
    data = bytearray(used_store.read_bytes())
    data[:16] = b"not a database!!"
    used_store.write_bytes(bytes(data))
    before = digest(used_store)
    assert main(["plans", "list"]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert digest(used_store) == before


def test_newer_version_refused_before_any_write(used_store):
    conn = sqlite3.connect(used_store)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")  # a store another version left in this mode
    conn.close()
    before = digest(used_store)
    with pytest.raises(StoreError, match="newer LeptoDesk"):
        open_store()
    assert digest(used_store) == before
    assert not used_store.with_name(DB_NAME + "-wal").exists()  # not even switched to WAL


def test_store_check_reports_each_step(used_store, capsys):
    assert main(["store", "check"]) == 0
    out = capsys.readouterr().out
    assert "ok    SQLite integrity check: ok" in out
    assert f"ok    schema version: {SCHEMA_VERSION}" in out
    assert "ok    audit log: rows: 201; outside anchors checked: 1" in out
    assert "drafts: 1; signed plans: 0; audit log rows: 201" in out


def test_backup_is_a_checked_0600_copy_and_never_overwrites(used_store, tmp_path, capsys):
    os.umask(0)
    try:
        target = tmp_path / "backup.sqlite3"
        assert main(["store", "backup", str(target)]) == 0
    finally:
        os.umask(0o022)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 201
    assert conn.execute("SELECT case_json FROM drafts").fetchone()[0] == '{"schema_version": 1}'
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    before = digest(target)
    assert main(["store", "backup", str(target)]) == 1
    assert "exists" in capsys.readouterr().err
    assert digest(target) == before


def test_restored_backup_opens_and_verifies(used_store, tmp_path, capsys):
    target = tmp_path / "backup.sqlite3"
    assert main(["store", "backup", str(target)]) == 0
    os.truncate(used_store, 0)
    for suffix in ("-wal", "-shm"):
        used_store.with_name(DB_NAME + suffix).unlink(missing_ok=True)
    used_store.write_bytes(target.read_bytes())  # what the administrator does
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "201 rows" in capsys.readouterr().out
