"""The archive on both backends (the workstation's SQLite store and the ward's PostgreSQL,
a real server started by the tests: tests/pg_server.py), and the ward archive's promises:
signing never waits for the server (the outbox), two workstations share one archive, many
exports at once keep one linear chain, the server's clock stamps the archive, migrate is
idempotent."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leptodesk.archive import GENESIS_HASH, AuditAnchor, StoreError, Unreachable
from leptodesk.archive.plans import pdf_anchor, signed_key
from leptodesk.checkcode import check_code
from leptodesk.cli import main
from leptodesk.service import get_service, reset_services

from .conftest import ROOT
from .test_pdf_helpers import PASS, export, identities, trust  # noqa: F401, F811

EMPTY_LOG = AuditAnchor(0, GENESIS_HASH)


def _signed_like(n: int, padding: bytes = b"0" * 40, anchor: AuditAnchor = EMPTY_LOG) -> bytes:
    """Bytes shaped like a signed PDF: a byte range around a hex /Contents holding a short
    DER object and its zero padding, and the audit anchor in the signed revision."""
    head = (f"%PDF-1.7 plan {n}\n/Keywords (document=clinician; export_id=e-{n}; "
            f"audit_seq={anchor.seq}; audit_hash={anchor.hash})\n"
            "/ByteRange [0 AAAA BBBB CCCC]\n"
            "/Contents <").encode()
    cms = bytes([0x30, 0x03, 0x02, 0x01, n % 100]).hex().encode()
    tail = f">\nsigned body {n}\n%%EOF\n".encode()
    b = len(head) - 1
    c = len(head) + len(cms) + len(padding) + 1
    total = c + len(tail) - 1
    head = head.replace(b"AAAA BBBB CCCC", f"{b} {c} {total - c}".encode().ljust(14))
    return head + cms + padding + tail


@pytest.fixture(params=["sqlite", "postgresql"])
def archive(request, _isolated_home):
    """The same archive API on each backend."""
    if request.param == "sqlite":
        store = get_service().local()
        yield store
        return
    url = request.getfixturevalue("ward_url")
    from leptodesk.archive.postgres import WardArchive

    ward = WardArchive(url)
    yield ward
    ward.close()


def _archive_one(archive, n: int, pdf: bytes | None = None, **kw) -> int:
    head = archive.audit_head()
    pdf = pdf or _signed_like(n, anchor=head)
    export_id = kw.pop("export_id", f"e-{n}")
    return archive.archive_export(
        pdf, b"%PDF nurse " + str(n).encode(), display_name=f"Bed {n}", pathway="tuberculous",
        signer="Dr A", signed_at=f"2026-11-{10 + n:02d}T09:00:00+01:00", content_version="v",
        case_sha256=f"{n:064x}", export_id=export_id, audit_seq=head.seq,
        audit_hash=head.hash,
        events=[dict(event="plan_signed", user="Dr A", case_sha256=f"{n:064x}",
                     pdf_sha256=hashlib.sha256(pdf).hexdigest())], **kw)


def test_archive_list_find_and_chain_on_both_backends(archive):
    ids = [_archive_one(archive, n) for n in (1, 2, 3)]
    plans = archive.list_plans()
    assert [p.display_name for p in plans] == ["Bed 3", "Bed 2", "Bed 1"]  # newest first
    assert [p.id for p in archive.list_plans(patient="bed 2")] == [ids[1]]
    assert [p.id for p in archive.list_plans(date_from="2026-11-12", date_to="2026-11-12")] \
        == [ids[1]]
    # The check code, stored at archiving and recomputed from the export id when read.
    code = check_code("e-2")
    found = archive.find_code(code)
    assert [p.id for p in found] == [ids[1]] and found[0].check_code == code
    assert archive.find_code("2222-2222") == []
    report = archive.verify_audit()
    # Three archived PDFs' anchors, and on the workstation the history marker beside the file.
    marker = 1 if archive.BACKEND == "sqlite" else 0
    assert report.ok and report.rows == 3 and report.anchors == 3 + marker, report.reason
    assert report.clock == ("ward server" if archive.BACKEND == "postgresql"
                            else "workstation")


def test_plans_are_listed_a_page_at_a_time_on_both_backends(archive):
    """The Plans window's pages: newest first, the next page after the last plan held, each
    plan once even where several were signed at the same moment."""
    ids = [_archive_one(archive, n) for n in (1, 2, 3, 4, 5)]
    with archive._write("archive") as conn:  # plans 2, 3 and 4 signed at the same moment
        conn.execute("UPDATE plans SET signed_at = '2026-11-13T09:00:00+01:00' "
                     "WHERE export_id IN ('e-2', 'e-3', 'e-4')")
    # Newest first: Bed 5 (the 15th), then the three of the 13th by id, then Bed 1.
    expected = [ids[4], ids[3], ids[2], ids[1], ids[0]]
    pages, after = [], None
    while True:
        page = archive.list_plans(limit=2, after=after)
        if not page:
            break
        pages.append([p.id for p in page])
        after = (page[-1].signed_at, page[-1].id)
    assert pages == [expected[:2], expected[2:4], expected[4:]]
    assert [p.id for p in archive.list_plans(patient="bed", limit=2, after=after)] == []
    assert [p.id for p in archive.list_plans(
        patient="BED 3", limit=2, after=("2026-11-13T09:00:00+01:00", ids[3]))] == [ids[2]]


def test_a_repadded_copy_is_the_same_plan_on_both_backends(archive):
    pdf = _signed_like(4)
    other = _signed_like(4, padding=b"0" * 38 + b"7f")  # other bytes after the signature
    assert hashlib.sha256(pdf).digest() != hashlib.sha256(other).digest()
    assert signed_key(pdf) == signed_key(other)
    first = _archive_one(archive, 4, pdf)
    assert archive.find_signed(other).id == first
    with pytest.raises(ValueError, match="already archived"):
        _archive_one(archive, 4, other)
    assert _archive_one(archive, 4, other, existing_ok=True) == first
    assert len(archive.list_plans()) == 1 and archive.audit_head().seq == 1


def test_the_anchor_inside_an_archived_pdf_is_read_not_the_tables(archive):
    _archive_one(archive, 5)
    assert pdf_anchor(_signed_like(5)) == ("e-5", AuditAnchor(0, GENESIS_HASH))
    _archive_one(archive, 6)
    with archive._write("archive") as conn:  # the table's copy rewritten, the PDF's not
        conn.execute("UPDATE plans SET audit_seq = 1, audit_hash = ? WHERE export_id = 'e-6'",
                     ("f" * 64,))
    report = archive.verify_audit()
    assert not report.ok and "the audit head inside its signed PDF differs" in report.reason


def test_store_check_reads_each_pdf_once_and_names_every_damaged_one(archive, monkeypatch):
    """The audit's anchors and the PDFs' hashes from one read of each archived PDF; a damaged
    clinician PDF breaks the audit there, and the hashing still goes on to name every damaged
    PDF, nurse summaries included."""
    ids = [_archive_one(archive, n) for n in (1, 2, 3)]
    with archive._write("archive") as conn:  # below the archive's own writes
        conn.execute("UPDATE plans SET pdf = ? WHERE id = ?", (b"%PDF flipped", ids[0]))
        conn.execute("UPDATE plans SET nurse_pdf = ? WHERE id = ?", (b"%PDF flipped", ids[2]))
    reads = []
    real = type(archive).iter_pdfs

    def counted(self, *args, **kwargs):
        reads.append(1)
        yield from real(self, *args, **kwargs)

    monkeypatch.setattr(type(archive), "iter_pdfs", counted)
    steps = {str(what): (ok, str(detail)) for what, ok, detail in archive.check()}
    assert len(reads) == 1
    assert steps["audit log"] == (False, f"BROKEN: the archived PDF of signed plan "
                                  f"#{ids[0]} no longer matches its recorded SHA-256 (damaged "
                                  "below the database), so the audit head it carries cannot "
                                  "be read")
    ok, detail = steps["archived PDFs re-hashed"]
    assert not ok and detail.startswith(f"DAMAGED: the archived PDF of plan #{ids[0]}, "
                                        f"#{ids[2]} no longer matches")


def test_audit_appends_from_many_threads_stay_one_linear_chain(archive):
    import threading

    def work(tag: str) -> None:
        for i in range(15):
            archive.append_event("plan_verified", user=tag, detail={"i": i})

    threads = [threading.Thread(target=work, args=(f"t{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = archive.verify_audit()
    assert report.ok and report.rows == 60 and report.backward == ()


def test_time_going_backwards_is_flagged_not_broken(_isolated_home, monkeypatch, capsys):
    import leptodesk.archive.sqlite as sqlite_backend

    times = iter(["2026-11-24T10:00:00.000Z", "2026-11-24T09:00:00.000Z",
                  "2026-11-24T11:00:00.000Z"])
    monkeypatch.setattr(sqlite_backend, "now_iso", lambda: next(times))
    store = get_service().local()
    for _ in range(3):
        store.append_event("plan_verified", user="x")
    report = store.verify_audit()
    assert report.ok and report.backward == (2,)
    assert main(["audit", "verify"]) == 0
    assert "NOTE: the time of row 2 is earlier than the row before it" in \
        capsys.readouterr().out


# -- PostgreSQL only: schema, clock, the outbox, two workstations, processes at once --------


def test_archive_init_versions_and_refuses_a_newer_schema(pg_server, capsys):
    url = pg_server.new_database()
    assert main(["archive", "init", "--url", url]) == 0
    assert "schema 0 -> 2" in capsys.readouterr().out
    assert main(["archive", "init", "--url", url]) == 0
    assert "schema 2, up to date" in capsys.readouterr().out
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE leptodesk_schema SET version = 9")
    assert main(["archive", "init", "--url", url]) == 1
    assert "made by a newer LeptoDesk (schema 9; this version reads up to 2)" in \
        capsys.readouterr().err
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM leptodesk_schema").fetchone()[0] == 9


def _search_plan(url: str) -> str:
    """The server's plan for the Plans window's search by patient, with scans of the whole
    table priced out (GIN serves a search as a bitmap scan, so plain index scans, such as of
    the signing dates, are priced out too): the trigram index is named when it serves it."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET enable_seqscan = off")
        conn.execute("SET enable_indexscan = off")
        rows = conn.execute("EXPLAIN SELECT id FROM plans WHERE display_name ILIKE "
                            "'%MRN 0042%' ESCAPE '\\' ORDER BY signed_at DESC, id DESC "
                            "LIMIT 200")  # as PlansMixin.list_plans asks
        return "\n".join(r[0] for r in rows.fetchall())


def test_search_by_patient_has_a_trigram_index_or_says_it_scans(pg_server, capsys):
    """pg_trgm is a trusted extension: a database owner makes the index without being a
    superuser. A user who may not create extensions gets a working archive, told that search
    scans; once allowed, the next init makes the index."""
    import psycopg

    url = pg_server.new_database()
    assert main(["archive", "init", "--url", url]) == 0
    assert "search by patient: trigram index (pg_trgm)" in capsys.readouterr().out
    assert "plans_display_name_trgm" in _search_plan(url)

    name = f"ward{pg_server.databases + 1}"
    other = pg_server.new_database()
    with psycopg.connect(pg_server.url(name), autocommit=True) as conn:
        conn.execute("CREATE ROLE clerk LOGIN")
        conn.execute("GRANT CREATE ON SCHEMA public TO clerk")  # tables, not extensions
    clerk = other.replace(f"{pg_server.owner}@", "clerk@")
    assert main(["archive", "init", "--url", clerk]) == 0
    out = capsys.readouterr().out
    assert "schema 0 -> 2" in out and "no trigram index" in out and \
        "run 'leptodesk archive init' again" in out
    assert "plans_display_name_trgm" not in _search_plan(other)
    from leptodesk.archive.postgres import WardArchive

    with WardArchive(clerk) as ward:  # the archive works the same: search scans
        ids = [_archive_one(ward, n) for n in (1, 2)]
        assert [p.id for p in ward.list_plans(patient="BED 2")] == [ids[1]]
    with psycopg.connect(pg_server.url(name), autocommit=True) as conn:
        conn.execute(f"GRANT CREATE ON DATABASE {name} TO clerk")
    assert main(["archive", "init", "--url", clerk, "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "schéma 2, à jour" in out and "index de trigrammes (pg_trgm)" in out
    assert "plans_display_name_trgm" in _search_plan(other)


def test_an_uninitialised_ward_database_is_a_plain_message(pg_server, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_ARCHIVE_URL", pg_server.new_database())
    assert main(["plans", "list"]) == 1
    assert "runs 'leptodesk archive init' once" in capsys.readouterr().err


def test_the_server_clock_stamps_the_ward_archive(ward_url):
    import psycopg

    from leptodesk.archive.postgres import WardArchive

    with psycopg.connect(ward_url) as conn:
        server_day = conn.execute("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
                                  "'YYYY-MM-DD')").fetchone()[0]
    with WardArchive(ward_url) as ward:
        plan_id = _archive_one(ward, 7)
        info = ward.get_plan(plan_id)
        [row] = ward.list_events()
    assert info.archive_clock == "ward server" and info.archived_at.startswith(server_day)
    assert row.at.startswith(server_day) and row.at.endswith("Z")


def _workstation(home: Path, url: str, monkeypatch) -> None:
    monkeypatch.setenv("LEPTODESK_HOME", str(home))
    monkeypatch.setenv("LEPTODESK_ARCHIVE_URL", url)
    reset_services()


def test_two_workstations_one_ward_archive(identities, ward_url, tmp_path, monkeypatch,  # noqa: F811
                                           capsys):
    """Signed at one workstation, found by its check code and verified at another."""
    _workstation(tmp_path / "ward-pc-1", ward_url, monkeypatch)
    trust(identities["root"])
    _case, result = export(identities, tmp_path)
    assert result.archive_id is not None and not result.queued
    _workstation(tmp_path / "nurse-station", ward_url, monkeypatch)
    trust(identities["root"])
    code = check_code(result.export_id)
    assert main(["plans", "find", code.lower().replace("-", " ")]) == 0
    out = capsys.readouterr().out
    assert f"Plan #{result.archive_id}, check code {code}:" in out and "Result: PASS" in out
    assert main(["plans", "find", "O0O0-1111"]) == 2
    assert "a check code has only the letters A-Z without I and O, and the digits 2-9; " \
           "not 0 1 O" in capsys.readouterr().err
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "audit log intact" in out and "the ward server's clock" in out
    # The nurse station has no plans of its own: its store holds drafts only.
    assert get_service().local().count_plans() == 0


def test_signing_never_waits_for_the_server(identities, ward_url, pg_server, tmp_path,  # noqa: F811
                                            monkeypatch, capsys):
    """Server down: export signs, writes both files and keeps the export in the outbox;
    back up: a sync sends it once, nothing lost or duplicated, both times in the chain."""
    _workstation(tmp_path / "ward-pc", ward_url, monkeypatch)
    trust(identities["root"])
    _case, online = export(identities, tmp_path, output=tmp_path / "online.pdf")
    pg_server.stop()
    try:
        _case, queued = export(identities, tmp_path, output=tmp_path / "offline.pdf",
                               nurse_summary=tmp_path / "offline-nurse.pdf")
        assert queued.queued and queued.archive_id is None
        assert (tmp_path / "offline.pdf").exists() and (tmp_path / "offline-nurse.pdf").exists()
        assert get_service().local().outbox_count() == 1
        # The anchor it carries is the ward chain's head last seen here (a ward row).
        assert queued.audit_seq == get_service().local().ward_head(
            get_service().archive.where()).seq > 0
        assert main(["archive", "sync"]) == 1
        err = capsys.readouterr().err
        assert "cannot be reached" in err
    finally:
        pg_server.restart()
    assert main(["archive", "sync"]) == 0
    assert "sent to the ward archive: 1; already there: 0; still in the outbox: 0" in \
        capsys.readouterr().out
    assert main(["archive", "sync"]) == 0  # nothing left: nothing sent twice
    ward = get_service().archive_for_plans()
    plans = ward.list_plans()
    assert sorted(p.export_id for p in plans) == sorted([online.export_id, queued.export_id])
    sent = next(p for p in plans if p.export_id == queued.export_id)
    assert sent.queued_at is not None and sent.archive_clock == "ward server"
    rows = [r for r in ward.list_events() if r.pdf_sha256 == queued.pdf_sha256]
    assert [r.event for r in rows] == ["plan_signed", "plan_exported"]
    assert all(r.detail["queued_at"] and r.at > r.detail["queued_at"] for r in rows)
    assert ward.verify_audit().ok
    # A send cut off after the ward committed: the next sync finds it there, adds nothing.
    local = get_service().local()
    from leptodesk.archive.outbox import sync

    fields = json.loads(json.dumps({k: getattr(sent, k) for k in (
        "display_name", "pathway", "signer", "signed_at", "content_version", "case_sha256",
        "export_id", "audit_seq", "audit_hash")}))
    local.queue_export((tmp_path / "offline.pdf").read_bytes(),
                       (tmp_path / "offline-nurse.pdf").read_bytes(), fields, [])
    report = sync(local, ward)
    assert (report.sent, report.already, report.left) == (0, 1, 0)
    assert len(ward.list_plans()) == 2


def test_a_plan_printed_from_the_outbox_reaches_the_ward_chain_after_its_signing(
        identities, ward_url, pg_server, tmp_path, monkeypatch):  # noqa: F811
    """Printed while the server is down (from the outbox, verified first): the print's row
    waits with the export and reaches the ward's chain after the signing, once sent."""
    _workstation(tmp_path / "ward-pc", ward_url, monkeypatch)
    trust(identities["root"])
    pg_server.stop()
    try:
        _case, queued = export(identities, tmp_path, output=tmp_path / "offline.pdf",
                               nurse_summary=tmp_path / "offline-nurse.pdf")
        assert queued.queued
        plans = get_service().plans
        verdict, data, archive_id = plans.verify_export(queued.export_id)
        assert verdict.ok and archive_id is None
        assert data == (tmp_path / "offline-nurse.pdf").read_bytes()
        assert plans.record_print(verdict, origin="wizard", preview=True) is None
    finally:
        pg_server.restart()
    assert get_service().sync().sent == 1
    ward = get_service().archive_for_plans()
    rows = [r for r in ward.list_events()
            if r.pdf_sha256 in (queued.pdf_sha256, queued.nurse_sha256)]
    assert [r.event for r in rows] == ["plan_signed", "plan_exported", "plan_printed"]
    assert rows[2].pdf_sha256 == queued.nurse_sha256 and rows[2].detail["from"] == "wizard"
    assert rows[2].detail["queued_at"] and ward.verify_audit().ok
    # Sent: the same call now finds it in the ward archive.
    verdict, _data, archive_id = plans.verify_export(queued.export_id)
    assert verdict.ok and archive_id == rows[0].detail["archive_id"]


EXPORTER = r"""
import os, sys, time
from pathlib import Path
from leptodesk.casefile import load_case_file
from leptodesk.service import get_service
from tests.helpers import accept_all
identity, out, n, start = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
case = load_case_file("examples/tuberculous-adult.json")
service = get_service()
service.plan(case)  # loaded before the start line: the exports are what is timed
while time.time() < start:
    time.sleep(0.01)
for i in range(n):
    t0 = time.perf_counter()
    r = service.export(case, identity=Path(identity), passphrase=os.environ["PW"].encode(),
                       output=out / f"plan-{i}.pdf", acknowledgements=accept_all(case))
    print(r.archive_id, r.queued, round(time.perf_counter() - t0, 3), flush=True)
"""


def test_twelve_exports_from_four_workstations_at_once(identities, ward_url, tmp_path):  # noqa: F811
    import time

    env_base = {**os.environ, "PYTHONPATH": str(ROOT), "LEPTODESK_ARCHIVE_URL": ward_url}
    start = time.time() + 3
    procs = []
    for k in range(4):
        home, out = tmp_path / f"ws{k}", tmp_path / f"out{k}"
        out.mkdir()
        procs.append(subprocess.Popen(
            [sys.executable, "-c", EXPORTER, str(identities["issued"].p12_path), str(out), "3",
             str(start)], env={**env_base, "LEPTODESK_HOME": str(home), "PW": PASS.decode()},
            cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    ids = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        rows = [line.split() for line in out.strip().splitlines()]
        assert [queued for _id, queued, _t in rows] == ["False"] * 3
        ids += [int(i) for i, _q, _t in rows]
    assert sorted(ids) == list(range(1, 13))  # every one archived, none twice
    from leptodesk.archive.postgres import WardArchive

    with WardArchive(ward_url) as ward:
        report = ward.verify_audit()
        assert report.ok and report.anchors == 12, report.reason
        signed = [r.seq for r in ward.list_events() if r.event == "plan_signed"]
        assert len(signed) == 12


def test_migrate_moves_a_workstation_into_the_ward_idempotently(identities, ward_url,  # noqa: F811
                                                                 tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("LEPTODESK_ARCHIVE_URL", raising=False)
    trust(identities["root"])
    results = [export(identities, tmp_path, output=tmp_path / f"p{i}.pdf")[1]
               for i in range(2)]
    assert main(["archive", "migrate", "--to", ward_url]) == 0
    assert "signed plans checked: 2; moved: 2; already there: 0" in capsys.readouterr().out
    assert main(["archive", "migrate", "--to", ward_url]) == 0  # again: nothing twice
    assert "moved: 0; already there: 2" in capsys.readouterr().out
    from leptodesk.archive.postgres import WardArchive

    with WardArchive(ward_url) as ward:
        plans = ward.list_plans()
        assert sorted(p.export_id for p in plans) == sorted(r.export_id for r in results)
        assert all(p.imported for p in plans)
        assert [r.event for r in ward.list_events()] == ["plan_imported"] * 2
        assert ward.verify_audit().ok
    # A damaged archive is not moved.
    store = get_service().local()
    with store._write("archive") as conn:
        conn.execute("UPDATE plans SET pdf = CAST(? AS BLOB) WHERE id = 1",
                     (b"%PDF damaged",))
    other = get_service().archive.display(ward_url)
    assert main(["archive", "migrate", "--to", ward_url]) == 1
    assert "nothing was moved: the archived PDF of plan #1 is damaged" in \
        capsys.readouterr().err
    assert other.startswith("postgresql://")


def test_an_unreachable_ward_is_unreachable_not_damaged(tmp_path):
    from leptodesk.archive.postgres import WardArchive

    url = f"postgresql://nobody@/ward?host={tmp_path}&port=1"
    with pytest.raises(Unreachable) as refused:
        WardArchive(url).audit_head()
    assert isinstance(refused.value, StoreError)
    assert "cannot be reached" in str(refused.value) and "damaged" not in str(refused.value)
