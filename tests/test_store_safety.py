"""The local store made safe (issue 25's findings, each as a test): damage found before it is
written to or printed, special files and huge files refused unread, nothing signed recorded as
exported before its file is written and no file put in place before it is recorded, disk full
said as disk full, temporary files of a killed run removed, a read-only data folder still
readable, SQLite on a network file system refused, a draft whose name is not text kept and
listed, autosave never waiting forever."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from leptodesk.archive import DB_NAME, Store, StoreError, open_store
from leptodesk.cli import main
from leptodesk.service import get_service, reset_services

from .conftest import ROOT
from .test_pdf_helpers import PASS, export, identities, trust  # noqa: F401

CASE = json.dumps({"schema_version": 2, "patient": {"display_name": "Bed 1"}})


def _plan_pdfs(home: Path) -> list[bytes]:
    conn = sqlite3.connect(home / DB_NAME)
    try:
        return [bytes(r[0]) for r in conn.execute("SELECT pdf FROM plans ORDER BY id")]
    finally:
        conn.close()


def _flip_a_bit_below_sqlite(home: Path, pdf: bytes) -> None:
    """A failing disk: one bit of the archived PDF changes in the file, SQLite's own
    structures untouched (its pages carry no checksums)."""
    reset_services()  # every connection closed: the WAL checkpointed into the file
    data = (home / DB_NAME).read_bytes()
    marker = pdf[2000:2064]
    at = data.index(marker) + 10
    with open(home / DB_NAME, "r+b") as fh:
        fh.seek(at)
        fh.write(bytes([data[at] ^ 0x01]))


def test_a_flipped_bit_in_an_archived_pdf_is_found_and_never_written_out(
        identities, tmp_path, capsys, _isolated_home):  # noqa: F811
    trust(identities["root"])
    _case, result = export(identities, tmp_path)
    [pdf] = _plan_pdfs(_isolated_home)
    _flip_a_bit_below_sqlite(_isolated_home, pdf)
    assert main(["store", "check"]) == 1
    out = capsys.readouterr().out
    assert "ok    SQLite integrity check" in out  # SQLite sees nothing wrong
    assert f"FAIL  archived PDFs re-hashed: DAMAGED: the archived PDF of plan " \
           f"#{result.archive_id} no longer matches its recorded SHA-256" in out
    assert main(["audit", "verify"]) == 1
    assert f"the archived PDF of signed plan #{result.archive_id} no longer matches" in \
        capsys.readouterr().err
    copy = tmp_path / "copy.pdf"
    assert main(["plans", "export", str(result.archive_id), "-o", str(copy)]) == 1
    captured = capsys.readouterr()
    assert "Result: FAIL" in captured.out and "wrote" not in captured.out
    assert not copy.exists() and not [p for p in tmp_path.iterdir()
                                      if p.name.startswith(".copy.pdf")]


def test_index_damage_that_quick_check_misses_is_refused_before_writing(_isolated_home):
    with open_store() as store:
        for n in range(30):
            store.save_draft(None, CASE, f"Bed {n}")
        store.archive_plan(b"%PDF plan", display_name="Bed 1", pathway="tuberculous",
                           signer="Dr A", signed_at="2026-11-24T09:00:00+01:00",
                           content_version="v", case_sha256="c" * 64)
    reset_services()
    path = _isolated_home / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    roots = dict(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index' "
                              "AND name IN ('drafts_open', 'plans_signed_at')").fetchall())
    conn.execute("PRAGMA writable_schema = ON")  # two indexes' pages swapped: index damage
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'drafts_open'",
                 (roots["plans_signed_at"],))
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'plans_signed_at'",
                 (roots["drafts_open"],))
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # what missed it
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is damaged"):
        Store(path)
    assert path.read_bytes() == before  # refused, left exactly as it was


@pytest.mark.parametrize("args", [["verify"], ["case", "extract", "-o", "{tmp}/c.json"],
                                  ["plans", "import"], ["audit", "verify"]])
def test_a_fifo_or_a_device_is_refused_unread(args, tmp_path, capsys):
    fifo = tmp_path / "plan.pdf"
    os.mkfifo(fifo)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    # A FIFO nobody writes to would block a reader forever; it is refused without reading.
    assert main([*argv[:2], str(fifo), *argv[2:]] if len(argv) > 2 else [*argv, str(fifo)]) \
        in (1, 2)
    assert "a FIFO (named pipe), not a PDF; nothing was read" in capsys.readouterr().err
    assert main([*argv[:2], "/dev/zero", *argv[2:]] if len(argv) > 2 else [*argv, "/dev/zero"]) \
        in (1, 2)
    assert "/dev/zero: a device, not a PDF; nothing was read" in capsys.readouterr().err


def test_a_pdf_over_the_size_cap_is_refused_unread(tmp_path, capsys):
    from leptodesk.fileio import MAX_PDF_BYTES

    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as fh:  # sparse: 16 MiB + 1 byte without writing them
        fh.truncate(MAX_PDF_BYTES + 1)
    assert main(["verify", str(huge)]) == 1
    assert "larger than 16 MiB, the most a signed plan can be; nothing was read" in \
        capsys.readouterr().err
    exact = tmp_path / "exact.pdf"
    with open(exact, "wb") as fh:  # at the cap: read, and judged as a PDF (not one: FAIL)
        fh.truncate(MAX_PDF_BYTES)
    assert main(["verify", str(exact)]) == 1
    assert "larger than" not in capsys.readouterr().err


def test_plan_exported_is_recorded_only_after_the_file_is_written(
        identities, tmp_path, monkeypatch, _isolated_home):  # noqa: F811
    import leptodesk.export as export_module
    from leptodesk.errors import ExportError

    trust(identities["root"])

    def disk_full(files, before_placing=None):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_module, "write_outputs", disk_full)
    with pytest.raises(ExportError) as failed:
        export(identities, tmp_path)
    assert failed.value.step == "write"
    events = [e.event for e in get_service().audit.list()]
    assert "plan_signed" in events and "plan_exported" not in events
    monkeypatch.undo()
    trust(identities["root"])
    _case, done = export(identities, tmp_path, output=tmp_path / "second.pdf")
    rows = [e for e in get_service().audit.list() if e.pdf_sha256 == done.pdf_sha256]
    assert [r.event for r in rows][-1] == "plan_exported"
    assert rows[-1].detail["archive_id"] == done.archive_id


def test_write_outputs_asks_before_placing_with_every_file_whole_and_none_in_place(tmp_path):
    from leptodesk.export import write_outputs
    from leptodesk.fileio import TEMP_SUFFIX

    a, b = tmp_path / "plan.pdf", tmp_path / "nurse.pdf"
    seen = {}

    def before_placing():
        temps = sorted(p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX))
        seen["temps"] = sorted(p.read_bytes() for p in temps)
        seen["placed"] = [p.exists() for p in (a, b)]

    write_outputs([(a, b"%PDF-plan"), (b, b"%PDF-nurse")], before_placing=before_placing)
    assert seen == {"temps": [b"%PDF-nurse", b"%PDF-plan"], "placed": [False, False]}
    assert (a.read_bytes(), b.read_bytes()) == (b"%PDF-plan", b"%PDF-nurse")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nurse.pdf", "plan.pdf"]


def test_write_outputs_places_nothing_when_the_step_before_placing_fails(tmp_path):
    from leptodesk.export import write_outputs

    out = tmp_path / "plan.pdf"

    def log_gone():
        raise OSError(errno.EIO, "log gone")

    with pytest.raises(OSError, match="log gone"):
        write_outputs([(out, b"%PDF-plan")], before_placing=log_gone)
    assert list(tmp_path.iterdir()) == []


def _renames_seen_by_the_log(monkeypatch):
    """Each rename into place, with the plan_exported rows the log held at that moment."""
    import leptodesk.export as export_module

    real = os.replace
    seen = []

    def replace(src, dst):
        if Path(dst).suffix == ".pdf":  # os is shared: the store renames its history too
            rows = [e for e in get_service().audit.list() if e.event == "plan_exported"]
            seen.append((Path(dst).name, [r.pdf_sha256 for r in rows]))
        return real(src, dst)

    monkeypatch.setattr(export_module.os, "replace", replace)
    return seen


def test_plan_exported_is_recorded_before_the_signed_files_are_put_in_place(
        identities, tmp_path, monkeypatch, _isolated_home):  # noqa: F811
    # A kill between placing and recording left a signed PDF the log did not know of.
    trust(identities["root"])
    seen = _renames_seen_by_the_log(monkeypatch)
    _case, done = export(identities, tmp_path, output=tmp_path / "plan.pdf",
                         nurse_summary=tmp_path / "nurse.pdf")
    assert seen == [("plan.pdf", [done.pdf_sha256]), ("nurse.pdf", [done.pdf_sha256])]
    assert not done.notes


@pytest.mark.parametrize("must_verify", [True, False])
def test_a_copy_from_the_archive_is_recorded_before_it_is_put_in_place(
        identities, tmp_path, monkeypatch, _isolated_home, must_verify):  # noqa: F811
    trust(identities["root"])
    _case, done = export(identities, tmp_path)
    seen = _renames_seen_by_the_log(monkeypatch)
    copy = tmp_path / "copy.pdf"
    get_service().plans.export_copy(done.archive_id, copy, origin="test",
                                    must_verify=must_verify)
    assert seen == [("copy.pdf", [done.pdf_sha256, done.pdf_sha256])]
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == done.pdf_sha256


def test_an_io_error_with_the_disk_nearly_full_is_said_as_disk_full(tmp_path, monkeypatch):
    from leptodesk.archive import records

    error = sqlite3.OperationalError("disk I/O error")
    free = {"bytes": 4 * 1024}

    class Stat:
        f_frsize = 1

        @property
        def f_bavail(self):
            return free["bytes"]

    monkeypatch.setattr(records.os, "statvfs", lambda _folder: Stat())
    said = records.human(error, tmp_path / DB_NAME, "save_draft")
    assert said.key == "store_full" and "The disk is full" in str(said)
    free["bytes"] = 1024 * 1024 * 1024  # plenty of room: an I/O error is not called full
    said = records.human(error, tmp_path / DB_NAME, "save_draft")
    assert said.key == "store_failed" and "disk I/O error" in str(said)


KILLED_WRITER = r"""
import os, sys, tempfile
from pathlib import Path
from leptodesk.fileio import TEMP_SUFFIX, keep_temp_register, note_temp
keep_temp_register(Path(sys.argv[1]))
fd, tmp = tempfile.mkstemp(prefix=".plan.pdf.", suffix=TEMP_SUFFIX, dir=sys.argv[2])
note_temp(tmp)
os.write(fd, b"%PDF whole signed plan, half written")
print(tmp, flush=True)
os._exit(9)
"""


def test_temporary_files_of_a_killed_run_are_removed_at_the_next_start(_isolated_home,
                                                                       tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    unrelated = out / ".plan.pdf.keepme"  # not LeptoDesk's: never touched
    unrelated.write_text("x")
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(_isolated_home), str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    left = Path(done.stdout.strip())
    assert left.exists() and left.parent == out
    get_service().local()  # the next start
    assert not left.exists() and unrelated.exists()
    assert list((_isolated_home / "temp-files").iterdir()) == []


def test_sqlite_on_a_network_file_system_is_refused(tmp_path, monkeypatch):
    from leptodesk.archive import maintenance

    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        f"90 22 0:50 / {tmp_path / 'ward'} rw,relatime shared:50 - nfs4 "
        "server:/export/ward rw,vers=4.2\n")
    monkeypatch.setattr(maintenance, "MOUNTINFO", mountinfo)
    (tmp_path / "ward").mkdir()
    with pytest.raises(StoreError) as refused:
        Store(tmp_path / "ward" / "home" / DB_NAME)
    assert refused.value.key == "store_network_fs"
    assert "network file system (nfs4)" in str(refused.value)
    assert "ward archive" in str(refused.value)
    assert not (tmp_path / "ward" / "home" / DB_NAME).exists()
    Store(tmp_path / "local" / DB_NAME).close()  # the same machine's own disk: fine


def test_a_draft_name_that_is_not_text_is_refused_and_a_stored_one_kept(_isolated_home):
    drafts = get_service().drafts
    kept = drafts.save(None, CASE, "Bed 1")
    with pytest.raises(StoreError) as refused:
        drafts.save(kept, CASE, 42)
    assert "display name (patient.display_name) must be text, not int" in str(refused.value)
    # One written by something else: listed (as no name) and kept, never an exception.
    with get_service().local()._write("save_draft") as conn:
        conn.execute("UPDATE drafts SET display_name = x'426564203100' WHERE id = ?",
                     (kept,))  # bytes: what made File > Unfinished cases raise TypeError
    [draft] = drafts.list()
    assert (draft.id, draft.display_name, draft.name_unreadable) == (kept, None, True)
    assert json.loads(drafts.load(kept))["patient"]["display_name"] == "Bed 1"


def test_read_only_commands_work_on_a_read_only_data_folder(_isolated_home, tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount the data folder read-only")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a private mount namespace here (unshare -m)")
    get_service().drafts.save(None, CASE, "Bed 1")
    get_service().audit.record("plan_printed", user="nurse")
    reset_services()
    home = str(_isolated_home)
    results = {}
    for args in ("plans list", "audit verify", "store check", "audit list"):
        script = (f"mount --bind {home} {home} && mount -o remount,ro,bind {home} && "
                  f"{sys.executable} -m leptodesk {args}")
        done = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT,
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT),
                                   "LEPTODESK_HOME": home})
        results[args] = (done.returncode, done.stdout + done.stderr)
    assert results["plans list"][0] == 0 and "no signed plans" in results["plans list"][1]
    assert results["audit verify"][0] == 0 and "audit log intact" in results["audit verify"][1]
    assert results["store check"][0] == 0, results["store check"][1]
    assert results["audit list"][0] == 0 and "plan_printed" in results["audit list"][1]
    # Writing there is refused with a plain message, not a traceback.
    script = (f"mount --bind {home} {home} && mount -o remount,ro,bind {home} && "
              f"{sys.executable} -c \"from leptodesk.service import get_service; "
              "get_service().audit.record('plan_printed')\"")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "LEPTODESK_HOME": home})
    assert done.returncode != 0 and "read-only" in done.stderr
