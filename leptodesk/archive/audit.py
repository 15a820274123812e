"""The hash-chained, append-only audit log, and its check against the anchors kept outside it.

Every archived signed PDF carries the audit head read at its signing (sequence and hash) in
its signed revision; :meth:`AuditMixin.verify_audit` reads that anchor from each archived PDF
itself (not a copy in a table), so a rewritten, truncated or re-chained log disagrees with the
signed plans. It also flags rows whose time is earlier than the row before (a clock set back,
or rows rewritten). Backend-neutral: appends run inside the backend's write transaction, which
holds the chain's lock (``_lock_chain``), so the chain stays linear with many writers.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from ..errors import Count, Phrase
from .records import (
    EVENTS,
    GENESIS_HASH,
    AuditAnchor,
    AuditEntry,
    AuditReport,
    audit_hash,
    broken,
    clean_detail,
    read_detail,
)

log = logging.getLogger(__name__)

_AUDIT_COLUMNS = 'seq, at, event, "user", case_sha256, pdf_sha256, detail, prev_hash, hash'


class AuditMixin:
    """The audit log's SQL and checks, shared by the backends."""

    def append_event(self, event: str, *, user: str | None = None,
                     case_sha256: str | None = None, pdf_sha256: str | None = None,
                     detail: dict[str, Any] | None = None) -> int:
        """Append one row to the audit log; returns its sequence number."""
        clean_detail(event, detail)  # refused before the transaction starts
        with self._write("write_audit") as conn:
            self._lock_chain(conn)
            seq = self._append(conn, event, user=user, case_sha256=case_sha256,
                               pdf_sha256=pdf_sha256, detail=detail)
        self._after_append()
        log.info("audit %d: %s", seq, event)
        return seq

    def _append(self, conn: Any, event: str, *, user: str | None = None,
                case_sha256: str | None = None, pdf_sha256: str | None = None,
                detail: dict[str, Any] | None = None) -> int:
        """Append one audit row inside the caller's write transaction (which holds the
        chain's lock)."""
        detail, detail_text = clean_detail(event, detail)
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
        seq, prev = (int(head[0]) + 1, head[1]) if head else (1, GENESIS_HASH)
        at = self._now(conn)
        digest = audit_hash(prev, seq=seq, at=at, event=event, user=user,
                            case_sha256=case_sha256, pdf_sha256=pdf_sha256, detail=detail)
        conn.execute(f"INSERT INTO audit ({_AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (seq, at, event, user, case_sha256, pdf_sha256, detail_text, prev, digest))
        conn.execute("INSERT INTO audit_head (one, seq, hash) VALUES (1, ?, ?) "
                     "ON CONFLICT (one) DO UPDATE SET seq = excluded.seq, "
                     "hash = excluded.hash", (seq, digest))
        return seq

    def audit_head(self) -> AuditAnchor:
        """The audit log's head now (the anchor a plan signed now carries): (sequence, hash),
        (0, genesis hash) when the log is empty."""
        with self._read("read_audit") as conn:
            row = conn.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
        return AuditAnchor(int(row[0]), str(row[1])) if row else AuditAnchor(0, GENESIS_HASH)

    def list_events(self, limit: int | None = None) -> list[AuditEntry]:
        """Audit rows in order (the last ``limit`` when given)."""
        with self._read("read_audit") as conn:
            if limit:
                rows = conn.execute(f"SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY seq DESC "
                                    f"LIMIT {int(limit)}").fetchall()[::-1]
            else:
                rows = conn.execute(f"SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY seq"
                                    ).fetchall()
        return [AuditEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5], read_detail(r[6]), r[7],
                           r[8]) for r in rows]

    def history_anchor(self) -> AuditAnchor | None:  # the SQLite store has a marker file
        return None

    def history_what(self) -> Phrase | str:
        return ""

    def verify_audit(self, extra_anchors: list[tuple[str, AuditAnchor]] = ()) -> AuditReport:
        """Check the log: the hash chain, its head record, known event names, the anchor inside
        every archived signed PDF (each re-hashed against its recorded SHA-256 first), the
        history marker and ``extra_anchors`` (signed PDFs that left, brought back), that signed
        plans and their audit rows name each other, and flag times that go backwards.

        See README for what cannot be detected (rows appended after the last anchor with the
        head record updated).
        """
        return self._verify_audit(extra_anchors, None)

    def audit_and_hashes(self) -> tuple[AuditReport, int, list[int]]:
        """:meth:`verify_audit` and :meth:`hash_check` in one read of every archived PDF
        (store check, archive migrate): (the audit report, PDFs hashed, ids of the plans with
        a damaged PDF)."""
        tally = _Tally()
        report = self._verify_audit((), tally)
        if not tally.complete:  # the chain broke before the PDFs were reached
            return report, *self.hash_check()
        return report, tally.hashed, tally.bad

    def _verify_audit(self, extra_anchors: list[tuple[str, AuditAnchor]],
                      tally: _Tally | None) -> AuditReport:
        with self._read("read_audit") as conn:
            rows = conn.execute(f"SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY seq").fetchall()
            head = conn.execute("SELECT seq, hash FROM audit_head WHERE one = 1").fetchone()
        n = len(rows)
        prev = GENESIS_HASH
        expected_seq = 1
        by_seq: dict[int, str] = {}
        signed_rows: dict[str, list[tuple[int, Any]]] = {}
        backward: list[int] = []
        last_at = ""
        for seq, at, event, user, case_sha, pdf_sha, detail_text, prev_hash, digest in rows:
            seq = int(seq)
            if seq != expected_seq:
                return broken(n, expected_seq, "audit_row_missing", seq=expected_seq, next=seq)
            if prev_hash != prev:
                return broken(n, seq, "audit_row_unchained", seq=seq, prev=seq - 1)
            try:
                detail = read_detail(detail_text, strict=True)
            except ValueError:
                return broken(n, seq, "audit_row_detail", seq=seq)
            recomputed = audit_hash(prev, seq=seq, at=at, event=event, user=user,
                                    case_sha256=case_sha, pdf_sha256=pdf_sha, detail=detail)
            if recomputed != digest:
                return broken(n, seq, "audit_row_edited", seq=seq)
            if event not in EVENTS:
                from ..textsafe import printable

                return broken(n, seq, "audit_row_unknown", seq=seq,
                              event=repr(printable(event, 40)))
            if at < last_at:  # one format (UTC, milliseconds, Z): text order is time order
                backward.append(seq)
            last_at = max(last_at, at)
            if event == "plan_signed" and pdf_sha:
                signed_rows.setdefault(pdf_sha, []).append((seq, (detail or {}).get(
                    "archive_id")))
            by_seq[seq] = digest
            prev = digest
            expected_seq += 1
        last_seq = expected_seq - 1
        if head is None:
            if rows:
                return broken(n, 1, "audit_head_missing")
        else:
            head_seq, head_hash = int(head[0]), head[1]
            if head_seq > last_seq:
                if head_seq == last_seq + 1:  # one row: "row 3", not "rows 3 to 3"
                    return broken(n, head_seq, "audit_tail_cut_one", seq=head_seq)
                return broken(n, last_seq + 1, "audit_tail_cut", first=last_seq + 1,
                              last=head_seq)
            if head_seq != last_seq or head_hash != prev:
                return broken(n, head_seq, "audit_head_mismatch", seq=last_seq)

        def check_anchor(what: Any, anchor: AuditAnchor, count: int) -> AuditReport | None:
            if anchor.seq == 0:
                return None
            if anchor.seq > last_seq:
                return broken(n, last_seq + 1, "audit_anchor_cut", count, what=what,
                              had=Count("count_rows", anchor.seq),
                              has=Count("count_rows", last_seq))
            if by_seq[anchor.seq] != anchor.hash:
                return broken(n, anchor.seq, "audit_anchor_rewritten", count, seq=anchor.seq,
                              what=what)
            return None

        # Signed PDFs brought back (the witnesses nobody here can rewrite) first, then the
        # anchor inside every archived signed PDF, then the history marker.
        anchors = 0
        for what, anchor in extra_anchors:
            anchors += 1
            failed = check_anchor(what, anchor, anchors)
            if failed is not None:
                return failed
        # The anchor inside every archived signed PDF (re-hashed first: a PDF whose bytes
        # changed below the database is no witness, and is named).
        archived: dict[int, str] = {}
        plan_anchors: list[tuple[int, str, int]] = []
        failed = None
        for pid, pdf_sha, pdf, nurse_sha, nurse, aseq, ahash, imported in self.iter_pdfs():
            archived[pid] = pdf_sha
            intact = hashlib.sha256(pdf).hexdigest() == pdf_sha
            if tally is not None:  # store check: every PDF hashed in this same read
                tally.add(pid, intact, nurse, nurse_sha)
            if failed is not None:
                continue  # the verdict stands; the tally goes on to the last PDF
            if not intact:
                failed = broken(n, None, "audit_pdf_damaged", anchors, id=pid)
            elif imported or aseq is None:
                continue  # signed elsewhere (another chain), or archived before anchors
            else:
                failed = self._plan_anchor(pid, pdf, AuditAnchor(aseq, ahash), n, anchors,
                                           check_anchor)
            if failed is not None:
                if tally is None:
                    return failed
                continue
            anchors += 1
            plan_anchors.append((pid, pdf_sha, aseq))
        if tally is not None:
            tally.complete = True
        if failed is not None:
            return failed
        marker = self.history_anchor()
        if marker is not None and marker.seq > 0:
            anchors += 1
            failed = check_anchor(self.history_what(), marker, anchors)
            if failed is not None:
                return failed
        # Signed plans and their "plan_signed" rows name each other.
        for pid, pdf_sha, aseq in plan_anchors:
            if not [seq for seq, _ in signed_rows.get(pdf_sha, []) if seq > aseq]:
                return broken(n, None, "audit_plan_unlogged", anchors, id=pid)
        for pdf_sha, entries in signed_rows.items():
            for seq, archive_id in entries:
                if isinstance(archive_id, int) and archived.get(archive_id) != pdf_sha:
                    return broken(n, seq, "audit_row_forged", anchors, seq=seq, id=archive_id)
        return AuditReport(True, n, anchors=anchors, backward=tuple(backward),
                           clock=self.CLOCK)

    @staticmethod
    def _plan_anchor(pid: int, pdf: bytes, anchor: AuditAnchor, n: int, anchors: int,
                     check_anchor: Any) -> AuditReport | None:
        """The anchor inside one archived signed PDF against its record and the chain."""
        from .plans import is_signed, pdf_anchor

        found = pdf_anchor(pdf)
        if found is not None and found[1] != anchor or found is None and is_signed(pdf):
            return broken(n, None, "audit_pdf_anchor_differs", anchors, id=pid)
        # (A file that is no signed PDF carries no anchor: its record's stands, and it
        # fails every verification before anyone prints it.)
        return check_anchor(Phrase("audit_what_plan", id=pid), anchor, anchors + 1)


class _Tally:
    """Every archived PDF re-hashed during the audit's read (:meth:`hash_check`'s answer)."""

    def __init__(self) -> None:
        self.hashed = 0
        self.bad: list[int] = []
        self.complete = False

    def add(self, pid: int, intact: bool, nurse: bytes | None, nurse_sha: str | None) -> None:
        self.hashed += 1
        if nurse is not None:
            self.hashed += 1
            intact = intact and (not nurse_sha or
                                 hashlib.sha256(nurse).hexdigest() == nurse_sha)
        if not intact:
            self.bad.append(pid)
