"""Signed plans in the archive: archived with their audit rows in one transaction, found by
patient, date, check code or content, and read back only as what was signed.

A plan is keyed by its signed content (:func:`signed_key`): the bytes the signature covers and
the signature itself, not the unused padding after it, so a copy of a signed PDF with other
padding bytes is recognised as the same plan, never archived twice. Backend-neutral: the SQL
here runs on SQLite and PostgreSQL (the backend supplies ``_read``, ``_write``, ``_insert_id``
and ``LIKE``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any

from .records import AuditAnchor, PlanInfo

log = logging.getLogger(__name__)

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_ANCHOR = re.compile(rb"document=(clinician|nurse); export_id=([0-9A-Za-z-]{1,64}); "
                     rb"audit_seq=(\d{1,18}); audit_hash=([0-9a-f]{64})")


def _matches(pattern: re.Pattern, literal: bytes, data: bytes, end: int | None = None
             ) -> list[tuple]:
    """``pattern.findall(data[:end])`` for a pattern that starts with ``literal``, found with
    ``bytes.find`` (a fast search) instead of the regular expression scanning every byte:
    store check and audit verify read 20,000 PDFs."""
    end = len(data) if end is None else end
    found, at = [], data.find(literal, 0, end)
    while at >= 0:
        match = pattern.match(data, at, end)
        if match is not None:
            found.append(match.groups())
            at = match.end()
        else:
            at += 1
        at = data.find(literal, at, end)
    return found


def _signed_parts(pdf: bytes) -> tuple[int, int, int, int] | None:
    found = _matches(_BYTE_RANGE, b"/ByteRange", pdf)
    if len(found) != 1:
        return None
    a, b, c, d = (int(x) for x in found[0])
    if a != 0 or not b < c <= len(pdf) or c + d > len(pdf):
        return None
    return a, b, c, d


def signed_key(pdf: bytes) -> str:
    """SHA-256 over what a signature fixes: the signed byte ranges and the signature (CMS)
    without the padding after it. A file that is not one signed PDF is keyed by all its bytes."""
    parts = _signed_parts(pdf)
    if parts is not None:
        _a, b, c, d = parts
        hex_text = pdf[b:c].strip().lstrip(b"<").rstrip(b">")
        try:
            cms = bytes.fromhex(hex_text.decode("ascii"))
            if cms[0] == 0x30:
                if cms[1] < 0x80:
                    end = 2 + cms[1]
                else:
                    n = cms[1] & 0x7F
                    end = 2 + n + int.from_bytes(cms[2:2 + n], "big")
                if 0 < end <= len(cms):
                    h = hashlib.sha256(b"signed-content v1\x00")
                    h.update(pdf[:b])
                    h.update(pdf[c:c + d])
                    h.update(cms[:end])
                    return h.hexdigest()
        except (ValueError, IndexError, UnicodeDecodeError):
            pass
    return hashlib.sha256(b"whole-file v1\x00" + pdf).hexdigest()


def is_signed(pdf: bytes) -> bool:
    """Whether ``pdf`` has one signature's byte range (what every LeptoDesk plan has)."""
    return _signed_parts(pdf) is not None


def pdf_anchor(pdf: bytes) -> tuple[str | None, AuditAnchor] | None:
    """The (export id, audit head) a signed PDF carries in its signed revision, or None when
    it carries none (or more than one, which LeptoDesk never writes)."""
    parts = _signed_parts(pdf)
    end = parts[2] + parts[3] if parts is not None else len(pdf)  # the signed revision
    # Each anchor holds "; export_id=" once, right after "document=clinician" or
    # "document=nurse": found by that (";" never occurs in the signature's hex digits, which
    # "document=" starts like), then matched from where the anchor must start.
    found = set()
    at = pdf.find(b"; export_id=", 0, end)
    while at >= 0:
        for back in (len(b"document=clinician"), len(b"document=nurse")):
            match = _ANCHOR.match(pdf, at - back, end) if at >= back else None
            if match is not None:
                found.add(match.groups())
                break
        at = pdf.find(b"; export_id=", at + 1, end)
    if len(found) != 1:
        return None
    _document, export_id, seq, digest = found.pop()
    return export_id.decode("ascii"), AuditAnchor(int(seq), digest.decode("ascii"))


class PlansMixin:
    """The plans archive's SQL, shared by the backends."""

    LIKE = "LIKE"
    _PLAN_COLUMNS = ("id, display_name, pathway, signer, signed_at, content_version, "
                     "case_sha256, pdf_sha256, archived_at, nurse_pdf IS NOT NULL, export_id, "
                     "nurse_pdf_sha256, audit_seq, audit_hash, imported, archive_clock, "
                     "queued_at")

    @staticmethod
    def _plan_info(row: tuple) -> PlanInfo:
        return PlanInfo(int(row[0]), *row[1:9], bool(row[9]), row[10], row[11],
                        None if row[12] is None else int(row[12]), row[13], bool(row[14]),
                        row[15], row[16])

    def archive_export(self, pdf_bytes: bytes, nurse_pdf: bytes | None, *,
                       display_name: str | None, pathway: str, signer: str, signed_at: str,
                       content_version: str, case_sha256: str, export_id: str,
                       audit_seq: int | None, audit_hash: str | None, imported: bool = False,
                       events: list[dict[str, Any]] = (), queued_at: str | None = None,
                       existing_ok: bool = False, _single: bool = False) -> int:
        """Archive a signed plan with its signed nurse summary and append ``events`` (each the
        keyword arguments of :meth:`append_event`) in ONE transaction: all or nothing. Each
        event's detail gets the new ``archive_id``.

        A plan already archived (the same signed content) is refused with ``ValueError``, or,
        with ``existing_ok``, its archive id is returned and nothing is written."""
        for data in (pdf_bytes, nurse_pdf if nurse_pdf is not None or not imported and not _single
                     else b"-"):
            if not isinstance(data, bytes | bytearray) or not data:
                raise ValueError("an export needs both signed PDFs (an imported plan may "
                                 "come without its nurse summary)")
        from ..checkcode import check_code

        pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()
        nurse_sha256 = hashlib.sha256(nurse_pdf).hexdigest() if nurse_pdf else None
        key = signed_key(bytes(pdf_bytes))
        with self._write("archive") as conn:
            self._lock_chain(conn)
            row = conn.execute("SELECT id FROM plans WHERE signed_key = ? ORDER BY id LIMIT 1",
                               (key,)).fetchone()
            if row is not None and not _single:
                if existing_ok:
                    return int(row[0])
                raise ValueError(f"this signed plan is already archived (#{row[0]})")
            plan_id = self._insert_id(
                conn,
                "INSERT INTO plans (display_name, pathway, signer, signed_at, content_version, "
                "case_sha256, pdf_sha256, pdf, nurse_pdf, archived_at, export_id, "
                "nurse_pdf_sha256, audit_seq, audit_hash, imported, signed_key, check_code, "
                "archive_clock, queued_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (display_name, str(pathway), signer, str(signed_at), content_version,
                 case_sha256, pdf_sha256, bytes(pdf_bytes),
                 bytes(nurse_pdf) if nurse_pdf else None, self._now(conn),
                 export_id, nurse_sha256, audit_seq, audit_hash, int(bool(imported)), key,
                 check_code(export_id) if export_id else None, self.CLOCK, queued_at))
            for event in events:
                fields = dict(event)
                detail = dict(fields.pop("detail", None) or {})
                detail["archive_id"] = plan_id
                self._append(conn, fields.pop("event"), detail=detail, **fields)
        self._after_append()
        log.info("export %d archived (pdf %s)", plan_id, pdf_sha256[:12])
        return plan_id

    def archive_plan(self, pdf_bytes: bytes, *, display_name: str | None, pathway: str,
                     signer: str, signed_at: str, content_version: str, case_sha256: str,
                     nurse_pdf: bytes | None = None,
                     audit_anchor: AuditAnchor | None = None) -> int:
        """Archive one signed plan without audit rows (plans archived before exports were
        one transaction; tests)."""
        if not isinstance(pdf_bytes, bytes | bytearray) or not pdf_bytes:
            raise ValueError("a signed plan needs its PDF bytes")
        return self.archive_export(
            pdf_bytes, nurse_pdf, display_name=display_name, pathway=pathway, signer=signer,
            signed_at=signed_at, content_version=content_version, case_sha256=case_sha256,
            export_id=None, audit_seq=audit_anchor.seq if audit_anchor else None,
            audit_hash=audit_anchor.hash if audit_anchor else None, imported=False,
            _single=True)

    def find_signed(self, pdf: bytes) -> PlanInfo | None:
        """The archived plan with the same signed content as ``pdf`` (however padded)."""
        with self._read("read_archive") as conn:
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE signed_key = ? "
                               "ORDER BY id LIMIT 1", (signed_key(bytes(pdf)),)).fetchone()
        return self._plan_info(row) if row is not None else None

    def find_pdf(self, pdf_sha256: str) -> tuple[PlanInfo, str] | None:
        """The archived export holding a PDF with this SHA-256, and which of its two it is."""
        with self._read("read_archive") as conn:
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE pdf_sha256 = ? "
                               "ORDER BY id LIMIT 1", (pdf_sha256,)).fetchone()
            if row is not None:
                return self._plan_info(row), "clinician"
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE "
                               "nurse_pdf_sha256 = ? ORDER BY id LIMIT 1",
                               (pdf_sha256,)).fetchone()
        return (self._plan_info(row), "nurse") if row is not None else None

    def find_code(self, code: str) -> list[PlanInfo]:
        """Every plan whose check code is ``code`` (already normalised), newest first; each is
        confirmed against the code recomputed from its export id."""
        with self._read("read_archive") as conn:
            rows = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE check_code = ? "
                                "ORDER BY signed_at DESC, id DESC", (code,)).fetchall()
        return [p for p in map(self._plan_info, rows) if p.check_code == code]

    def list_plans(self, patient: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, limit: int | None = None,
                   after: tuple[str, int] | None = None) -> list[PlanInfo]:
        """Archived plans, newest signature first.

        ``patient``: part of the display name, case-insensitive. ``date_from``/``date_to``:
        ``YYYY-MM-DD`` (inclusive) compared with the signing time. ``after``: the (signed_at,
        id) of the last plan of the page before, for the next page (of ``limit`` plans).
        """
        where, params = [], []
        if after is not None:
            where.append("(signed_at, id) < (?, ?)")
            params += [str(after[0]), int(after[1])]
        if patient:
            escaped = patient.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(f"display_name {self.LIKE} ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if date_from:
            where.append("substr(signed_at, 1, 10) >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(signed_at, 1, 10) <= ?")
            params.append(date_to)
        sql = f"SELECT {self._PLAN_COLUMNS} FROM plans"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY signed_at DESC, id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with self._read("list_plans") as conn:
            return [self._plan_info(row) for row in conn.execute(sql, params).fetchall()]

    def get_plan(self, plan_id: int) -> PlanInfo:
        with self._read("read_plan") as conn:
            row = conn.execute(f"SELECT {self._PLAN_COLUMNS} FROM plans WHERE id = ?",
                               (int(plan_id),)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return self._plan_info(row)

    def plan_pdf(self, plan_id: int) -> bytes:
        with self._read("read_plan") as conn:
            row = conn.execute("SELECT pdf FROM plans WHERE id = ?", (int(plan_id),)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return bytes(row[0])

    def nurse_pdf(self, plan_id: int) -> bytes | None:
        with self._read("read_nurse") as conn:
            row = conn.execute("SELECT nurse_pdf FROM plans WHERE id = ?",
                               (int(plan_id),)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return bytes(row[0]) if row[0] is not None else None

    def count_plans(self) -> int:
        with self._read("read_archive") as conn:
            return int(conn.execute("SELECT count(*) FROM plans").fetchone()[0])

    def iter_pdfs(self, batch: int = 200):
        """(id, pdf_sha256, pdf, nurse_pdf_sha256, nurse_pdf, audit_seq, audit_hash, imported)
        for every archived plan, in id order, a batch at a time (store check, audit verify,
        migrate: every PDF re-hashed without holding them all in memory)."""
        last = 0
        while True:
            with self._read("read_archive") as conn:
                rows = conn.execute(
                    "SELECT id, pdf_sha256, pdf, nurse_pdf_sha256, nurse_pdf, audit_seq, "
                    "audit_hash, imported FROM plans WHERE id > ? ORDER BY id LIMIT ?",
                    (last, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield (int(row[0]), row[1], bytes(row[2]), row[3],
                       None if row[4] is None else bytes(row[4]),
                       None if row[5] is None else int(row[5]), row[6], bool(row[7]))
            last = int(rows[-1][0])
