"""The outbox: exports signed while the ward archive's server could not be reached.

Signing never waits for the server. The export is kept in the workstation's SQLite store (the
plan, both PDFs and its audit rows, in one transaction) and sent by :func:`sync` (``leptodesk
archive sync``, every start of the app, the Plans window's refresh). Sending is idempotent: the
ward recognises a plan it already holds by its signed content, so a send cut off between the
ward's commit and the outbox's delete is finished, not duplicated, by the next sync. The ward
chain's rows carry both times: the server's clock as the row's time, the workstation's time of
queueing in its detail.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from .records import AuditAnchor, StoreError, Unreachable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    signed_key: str
    plan: dict[str, Any]
    pdf: bytes
    nurse_pdf: bytes | None
    events: list[dict[str, Any]]
    queued_at: str


@dataclass(frozen=True)
class SyncReport:
    sent: int
    already: int  # the ward already held them (an earlier send cut off before the outbox knew)
    left: int  # still in the outbox (the server went away again)
    error: StoreError | None = None


class OutboxMixin:
    """The SQLite store's outbox tables."""

    def queue_export(self, pdf: bytes, nurse_pdf: bytes | None, plan: dict[str, Any],
                     events: list[dict[str, Any]]) -> int:
        """Keep one signed export and its audit rows, all or nothing; returns the outbox id."""
        from .plans import signed_key

        with self._write("archive") as conn:
            at = self._now(conn)
            cur = conn.execute(
                "INSERT INTO outbox (signed_key, plan, pdf, nurse_pdf, events, queued_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (signed_key) DO NOTHING",
                (signed_key(bytes(pdf)), json.dumps(plan, sort_keys=True), bytes(pdf),
                 bytes(nurse_pdf) if nurse_pdf is not None else None,
                 json.dumps(events, sort_keys=True, default=str), at))
            outbox_id = int(cur.lastrowid)
        self._note_history()
        log.info("export queued in the outbox (%d)", outbox_id)
        return outbox_id

    def outbox_add_event(self, outbox_id: int, event: dict[str, Any]) -> None:
        """One more audit row for a queued export (plan_exported, once its files are
        written)."""
        with self._write("archive") as conn:
            row = conn.execute("SELECT events FROM outbox WHERE id = ?",
                               (int(outbox_id),)).fetchone()
            if row is None:
                raise KeyError(outbox_id)
            events = [*json.loads(row[0]), event]
            conn.execute("UPDATE outbox SET events = ? WHERE id = ?",
                         (json.dumps(events, sort_keys=True, default=str), int(outbox_id)))

    def outbox(self) -> list[OutboxItem]:
        with self._read("read_archive") as conn:
            rows = conn.execute("SELECT id, signed_key, plan, pdf, nurse_pdf, events, queued_at "
                                "FROM outbox ORDER BY id").fetchall()
        return [OutboxItem(int(r[0]), r[1], json.loads(r[2]), bytes(r[3]),
                           None if r[4] is None else bytes(r[4]), json.loads(r[5]), r[6])
                for r in rows]

    def outbox_find(self, export_id: str) -> OutboxItem | None:
        """The queued export ``export_id`` (signed here while the ward server was down), or
        None once it has been sent (the outbox holds a handful, never many)."""
        return next((item for item in self.outbox()
                     if item.plan.get("export_id") == export_id), None)

    def outbox_count(self) -> int:
        with self._read("read_archive") as conn:
            return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def outbox_done(self, outbox_id: int) -> None:
        with self._write("archive") as conn:
            conn.execute("DELETE FROM outbox WHERE id = ?", (int(outbox_id),))

    def ward_head(self, archive: str) -> AuditAnchor | None:
        """The ward chain's head last seen here (for ``archive``, the ward's name)."""
        with self._read("read_audit") as conn:
            row = conn.execute("SELECT seq, hash FROM ward_head WHERE one = 1 AND archive = ?",
                               (archive,)).fetchone()
        return AuditAnchor(int(row[0]), str(row[1])) if row else None

    def note_ward_head(self, archive: str, head: AuditAnchor) -> None:
        with self._write("write_audit") as conn:
            conn.execute("INSERT INTO ward_head (one, archive, seq, hash) VALUES (1, ?, ?, ?) "
                         "ON CONFLICT (one) DO UPDATE SET archive = excluded.archive, "
                         "seq = excluded.seq, hash = excluded.hash",
                         (archive, head.seq, head.hash))


def sync(local: Any, ward: Any) -> SyncReport:
    """Send every export in ``local``'s outbox to ``ward``; stops (and says so) when the
    server goes away again, keeping what is left for the next sync."""
    sent = already = 0
    items = local.outbox()
    for n, item in enumerate(items):
        events = []
        for event in item.events:
            detail = dict(event.get("detail") or {})
            detail["queued_at"] = item.queued_at  # the workstation's time; the row: server's
            events.append({**event, "detail": detail})
        before = None
        try:
            before = ward.find_signed(item.pdf)
            ward.archive_export(item.pdf, item.nurse_pdf, events=events,
                                queued_at=item.queued_at, existing_ok=True, **item.plan)
        except Unreachable as exc:
            return SyncReport(sent, already, len(items) - n, exc)
        if before is None:
            sent += 1
        else:
            already += 1
        local.outbox_done(item.id)
    return SyncReport(sent, already, 0)
