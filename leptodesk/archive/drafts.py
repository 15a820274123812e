"""Autosaved drafts: the case being entered, saved on every change. Drafts stay on the
workstation (the SQLite store), whichever archive the site uses for signed plans."""

from __future__ import annotations

import json
import logging
import uuid

from .records import DraftInfo, StoreError

log = logging.getLogger(__name__)


class DraftsMixin:
    def save_draft(self, draft_id: str | None, case_json: str,
                   display_name: str | None = None) -> str:
        """Save (replace) a draft in one transaction; returns its id (new when ``None``).

        Saving a finished draft makes it unfinished again: edits after finishing are new work.
        A display name that is not text is refused (``StoreError``, naming the field); what
        was saved before stays.
        """
        if display_name is not None and not isinstance(display_name, str):
            raise StoreError("store_draft_name_not_text", type=type(display_name).__name__)
        try:
            data = json.loads(case_json)
        except (TypeError, ValueError):
            raise ValueError("a draft holds the case as one JSON object") from None
        if not isinstance(data, dict):
            raise ValueError("a draft holds the case as one JSON object")
        draft_id = draft_id or uuid.uuid4().hex
        with self._write("save_draft") as conn:
            at = self._now(conn)
            conn.execute(
                "INSERT INTO drafts (id, case_json, display_name, created_at, updated_at, "
                "finished, revision) VALUES (?, ?, ?, ?, ?, 0, 1) "
                "ON CONFLICT(id) DO UPDATE SET case_json = excluded.case_json, "
                "display_name = excluded.display_name, updated_at = excluded.updated_at, "
                "finished = 0, revision = drafts.revision + 1",
                (draft_id, case_json, display_name, at, at),
            )
        self._note_history()
        log.debug("draft %s saved", draft_id)
        return draft_id

    def list_drafts(self, include_finished: bool = False) -> list[DraftInfo]:
        """Drafts, newest first; unfinished only unless asked. A stored name that is not text
        (written by something other than LeptoDesk) is shown as no name, and the draft kept."""
        sql = "SELECT id, display_name, created_at, updated_at, revision FROM drafts"
        if not include_finished:
            sql += " WHERE finished = 0"
        sql += " ORDER BY updated_at DESC, id"
        with self._read("list_drafts") as conn:
            rows = conn.execute(sql).fetchall()
        drafts = []
        for draft_id, name, created, updated, revision in rows:
            unreadable = name is not None and not isinstance(name, str)
            if unreadable:
                log.warning("draft %s has a display name that is not text", draft_id)
            drafts.append(DraftInfo(str(draft_id), None if unreadable else name, str(created),
                                    str(updated), int(revision), unreadable))
        return drafts

    def load_draft(self, draft_id: str) -> str:
        with self._read("read_draft") as conn:
            row = conn.execute("SELECT case_json FROM drafts WHERE id = ?",
                               (draft_id,)).fetchone()
        if row is None:
            raise KeyError(draft_id)
        return row[0]

    def finish_draft(self, draft_id: str) -> None:
        with self._write("finish_draft") as conn:
            conn.execute("UPDATE drafts SET finished = 1, updated_at = ? WHERE id = ?",
                         (self._now(conn), draft_id))

    def discard_draft(self, draft_id: str) -> None:
        with self._write("discard_draft") as conn:
            conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
