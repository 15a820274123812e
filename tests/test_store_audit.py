"""The audit log: append-only, hash-chained; edits and deletions are detected."""

import json
import sqlite3

import pytest

from leptodesk.archive import DB_NAME, GENESIS_HASH, audit_hash, open_store
from leptodesk.cli import main
from leptodesk.service import get_service


def _fill(n=5):
    for i in range(n):
        get_service().audit.record(["case_created", "plan_signed", "plan_exported", "plan_printed",
                       "plan_verified"][i % 5], user="Dr A", case_sha256=f"{i:064x}",
                      pdf_sha256=f"{i + 100:064x}" if i else None, detail={"n": i})


def _tamper(home, *sql):
    """What someone with the file and the sqlite3 shell could do."""
    conn = sqlite3.connect(home / DB_NAME, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.close()


def test_chain_links_every_row():
    _fill()
    with open_store() as store:
        rows = store.list_events()
        assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
        prev = GENESIS_HASH
        for r in rows:
            assert r.prev_hash == prev
            assert r.hash == audit_hash(prev, seq=r.seq, at=r.at, event=r.event, user=r.user,
                                        case_sha256=r.case_sha256, pdf_sha256=r.pdf_sha256,
                                        detail=r.detail)
            prev = r.hash
        assert store.verify_audit().ok


def test_update_and_delete_are_refused_by_the_database():
    _fill(2)
    with open_store() as store:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store._conn.execute("UPDATE audit SET user = 'x' WHERE seq = 1")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            store._conn.execute("DELETE FROM audit WHERE seq = 1")


def test_audit_verify_ok(capsys):
    _fill()
    assert main(["audit", "verify"]) == 0
    assert "5 rows" in capsys.readouterr().out


def test_empty_audit_log_verifies(capsys):
    assert main(["audit", "verify"]) == 0
    assert main(["audit", "list"]) == 0
    assert "empty" in capsys.readouterr().out


@pytest.mark.parametrize("statement", [
    "UPDATE audit SET user = 'Dr Mallory' WHERE seq = 3",
    "UPDATE audit SET detail = '{\"n\":99}' WHERE seq = 3",
    "UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3",
    "UPDATE audit SET pdf_sha256 = NULL WHERE seq = 3",
])
def test_tampered_row_is_named(_isolated_home, capsys, statement):
    _fill()
    _tamper(_isolated_home, statement)
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "row 3" in err and "edited" in err


def test_tampered_row_with_recomputed_hash_breaks_the_next_link(_isolated_home, capsys):
    _fill()
    with open_store() as store:
        row = store.list_events()[2]
    forged = audit_hash(row.prev_hash, seq=3, at=row.at, event=row.event, user="Dr Mallory",
                        case_sha256=row.case_sha256, pdf_sha256=row.pdf_sha256, detail=row.detail)
    _tamper(_isolated_home, f"UPDATE audit SET user = 'Dr Mallory', hash = '{forged}' "
                            "WHERE seq = 3")
    assert main(["audit", "verify"]) == 1
    assert "row 4" in capsys.readouterr().err


def test_deleted_row_is_named(_isolated_home, capsys):
    _fill()
    _tamper(_isolated_home, "DELETE FROM audit WHERE seq = 2")
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "missing" in err


def test_deleted_row_renumbered_is_detected(_isolated_home, capsys):
    _fill()
    _tamper(_isolated_home, "DELETE FROM audit WHERE seq = 2",
            "UPDATE audit SET seq = seq - 1 WHERE seq > 2")
    assert main(["audit", "verify"]) == 1
    assert "row 2" in capsys.readouterr().err


def test_rows_cut_from_the_end_are_detected(_isolated_home, capsys):
    _fill()
    _tamper(_isolated_home, "DELETE FROM audit WHERE seq >= 4")
    assert main(["audit", "verify"]) == 1
    assert "row 4" in capsys.readouterr().err


def test_appending_after_tampering_keeps_it_detected(_isolated_home, capsys):
    _fill()
    _tamper(_isolated_home, "UPDATE audit SET user = 'x' WHERE seq = 2")
    get_service().audit.record("plan_printed", user="Dr A")
    assert main(["audit", "verify"]) == 1
    assert "row 2" in capsys.readouterr().err


def test_audit_list_prints_rows_without_patient_names(capsys):
    get_service().audit.record("case_created", user="Dr A", case_sha256="ab" * 32)
    get_service().local().archive_plan(b"%PDF", display_name="Bed 12 / MRN 0042", pathway="fungal",
                               signer="Dr A", signed_at="2026-11-24T10:00",
                               content_version="v1", case_sha256="ab" * 32)
    assert main(["audit", "list"]) == 0
    out = capsys.readouterr().out
    assert "case_created" in out and "user=Dr A" in out and "abab" in out
    assert "MRN" not in out
    assert main(["audit", "list", "--format", "json", "--last", "1"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["event"] == "case_created"


def test_no_patient_data_in_logs_or_audit(caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    with open_store() as store:
        draft = store.save_draft(None, json.dumps({"schema_version": 1, "patient": {
            "display_name": "Secret Patient"}}), "Secret Patient")
        store.finish_draft(draft)
        store.archive_plan(b"%PDF", display_name="Secret Patient", pathway="fungal",
                           signer="Dr A", signed_at="2026-11-24T10:00", content_version="v1",
                           case_sha256="c" * 64)
        store.append_event("plan_signed", user="Dr A", detail={"archive_id": 1})
        assert "Secret" not in json.dumps([r.__dict__ for r in store.list_events()])
    assert "Secret" not in caplog.text
    assert caplog.records  # the store does log, just never names
