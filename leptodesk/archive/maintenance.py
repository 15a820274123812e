"""Keeping the archive healthy: the administrator's full check (every archived PDF re-hashed),
the online backup, and the refusal of SQLite on a network file system."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import Phrase
from .records import StoreError, human

# File systems on which SQLite's locking is not dependable (SQLite's FAQ; "How To Corrupt An
# SQLite Database File", 2.1): a shared archive belongs on the ward's PostgreSQL server.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p",
    "afs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "fuse.rclone", "davfs",
    "fuse.davfs2", "ncpfs", "coda", "gfs2", "ocfs2",
})
MOUNTINFO = Path("/proc/self/mountinfo")


def _unescape(field: str) -> str:
    return field.encode().decode("unicode_escape") if "\\" in field else field


def filesystem_type(folder: Path, mountinfo: Path | None = None) -> str | None:
    """The type of the file system holding ``folder`` (Linux's mount table), or None."""
    try:
        text = (mountinfo or MOUNTINFO).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    target = os.path.realpath(folder)
    best, best_type = "", None
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields = left.split()
        if len(fields) < 5:
            continue
        mount = _unescape(fields[4])
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best):
            best, best_type = mount, right.split()[0] if right.split() else None
    return best_type


def network_filesystem(folder: Path) -> str | None:
    """The network file system's type when ``folder`` is on one, else None."""
    fs = filesystem_type(folder)
    return fs if fs is not None and fs.lower() in NETWORK_FILESYSTEMS else None


class MaintenanceMixin:
    def integrity_check(self) -> str:
        with self._read("check") as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    def hash_check(self) -> tuple[int, list[int]]:
        """Every archived PDF re-hashed against its recorded SHA-256: (PDFs hashed, ids of the
        plans with a damaged PDF)."""
        hashed, bad = 0, []
        for pid, pdf_sha, pdf, nurse_sha, nurse, *_ in self.iter_pdfs():
            hashed += 1
            ok = hashlib.sha256(pdf).hexdigest() == pdf_sha
            if nurse is not None:
                hashed += 1
                ok = ok and (not nurse_sha or hashlib.sha256(nurse).hexdigest() == nurse_sha)
            if not ok:
                bad.append(pid)
        return hashed, bad

    def _engine_check(self) -> tuple[bool, Any, int, int]:
        """(ok, detail, schema version, supported version) of the database engine's own check."""
        with self._read("check") as conn:
            problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        from .schema import SQLITE_VERSION as SCHEMA_VERSION

        ok = problems == ["ok"]
        return ok, Phrase("store_sqlite_ok") if ok else "; ".join(problems), version, \
            SCHEMA_VERSION

    def check(self) -> list[tuple[Any, bool, Any]]:
        """The administrator's full check: (what, ok, detail) per step; ``what`` and
        ``detail`` are English text that says itself in a language (``textsafe.in_lang``)."""
        steps: list[tuple[Any, bool, Any]] = []
        ok, detail, version, supported = self._engine_check()
        steps.append((Phrase("store_step_integrity"), ok, detail))
        steps.append((Phrase("store_step_schema"), version == supported,
                      Phrase("store_schema_detail", version=version, supported=supported)))
        report, hashed, bad = self.audit_and_hashes()  # each PDF read once for both
        steps.append((Phrase("store_step_audit"), report.ok,
                      Phrase("store_audit_detail", rows=report.rows, anchors=report.anchors)
                      if report.ok else Phrase("store_audit_broken", seq=report.broken_seq,
                                               reason=report.reason)
                      if report.broken_seq is not None else  # a PDF, not a row, broke it
                      Phrase("store_audit_broken_pdf", reason=report.reason)))
        steps.append((Phrase("store_step_pdfs"), not bad,
                      Phrase("store_pdfs_detail", pdfs=hashed) if not bad else
                      Phrase("store_pdfs_damaged", ids=", ".join(f"#{i}" for i in bad[:20]))))
        steps.append((Phrase("store_step_contents"), True, self._contents()))
        return steps

    def _contents(self) -> Any:
        with self._read("check") as conn:
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("drafts", "plans", "audit")}
        return Phrase("store_contents_detail", drafts=counts["drafts"], plans=counts["plans"],
                      audit=counts["audit"])

    def backup(self, target: str | Path) -> Path:
        """A consistent copy of the store (SQLite's online backup API, through this process's
        one connection) at ``target``, written beside it first and linked into place, mode
        0600. Never overwrites a file."""
        import tempfile

        from ..fileio import forget_temp, note_temp

        dest = Path(target)
        if dest.exists() or dest.is_symlink():
            raise StoreError("store_backup_exists", dest=dest)
        if dest.resolve().parent == self.path.resolve().parent and \
                dest.name.startswith(self.path.name):
            raise StoreError("store_backup_own", dest=dest)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".leptodesk-tmp",
                                   dir=dest.parent or ".")
        os.close(fd)
        note_temp(tmp)
        os.chmod(tmp, 0o600)
        try:
            with self._read("backup") as conn:
                out = sqlite3.connect(tmp)
                try:
                    conn.backup(out)
                    problems = out.execute("PRAGMA integrity_check").fetchone()[0]
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
            raise human(exc, dest, "backup") from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        finally:
            forget_temp(tmp)
        return dest
