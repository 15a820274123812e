"""The service's rooms, in Anki's manner: ``service.drafts``, ``service.plans``,
``service.audit`` and ``service.archive``. Front ends reach drafts, signed plans and the audit
log only through these (never the archive package): one way in, one verdict, one audit row
per act, built here.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KeyedMessage, Phrase, error_text

if TYPE_CHECKING:
    from ..archive import AuditAnchor, AuditEntry, AuditReport, DraftInfo, PlanInfo
    from ..archive.outbox import SyncReport
    from ..pdf.verdict import VerifyResult

log = logging.getLogger(__name__)


class Drafts:
    """Autosaved drafts (always on this workstation)."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def save(self, draft_id: str | None, case_json: str, display_name: str | None) -> str:
        return self._service.local().save_draft(draft_id, case_json, display_name)

    def list(self, include_finished: bool = False) -> list[DraftInfo]:
        return self._service.local().list_drafts(include_finished)

    def info(self, draft_id: str) -> DraftInfo | None:
        """The unfinished draft with this id, or None (finished or discarded)."""
        return next((d for d in self.list() if d.id == draft_id), None)

    def load(self, draft_id: str) -> str:
        return self._service.local().load_draft(draft_id)

    def finish(self, draft_id: str) -> None:
        self._service.local().finish_draft(draft_id)

    def discard(self, draft_id: str) -> None:
        self._service.local().discard_draft(draft_id)

    def record_created(self, draft_id: str, case_json: str) -> None:
        """The audit row for a new case (its hash, never its content)."""
        from ..casefile import load_case_text

        case_sha = load_case_text(case_json).sha256()
        self._service.audit.record("case_created", case_sha256=case_sha,
                                   detail={"draft_id": draft_id})


class Audit:
    """The audit log: ``service.audit(event, ...)`` records a row (as ``record``)."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def __call__(self, event: str, **fields: Any) -> None:
        self.record(event, **fields)

    def record(self, event: str, **fields: Any) -> None:
        """Append an event; ``user`` defaults to the workstation user (who acted)."""
        from ..archive.records import workstation_user

        fields.setdefault("user", workstation_user())
        self._service.archive_for_plans().append_event(event, **fields)

    def record_or_note(self, event: str, **fields: Any) -> Phrase | None:
        """Record an act whose result stands whatever happens to the log: the note to show
        when the row could not be written (an ``errors.Phrase``), else None."""
        try:
            self.record(event, **fields)
        except (OSError, ValueError) as exc:
            return Phrase("verify_note_not_audited", error=error_text(exc))
        return None

    def head(self) -> AuditAnchor:
        return self._service.archive_for_plans().audit_head()

    def list(self, limit: int | None = None) -> list[AuditEntry]:
        return self._service.archive_for_plans().list_events(limit)

    def verify(self, pdfs: list[Path] | tuple[Path, ...] = ()) -> AuditReport:
        """The one verdict on the audit log: the chain against the anchor inside every archived
        signed PDF, the history marker, and the anchors of ``pdfs`` (signed plans of this
        archive that left it). A PDF that does not verify, or carries no anchor, is refused
        (``AnchorRefused``) before the log is checked."""
        from ..archive import AuditAnchor

        extra: list[tuple[Any, AuditAnchor]] = []
        for name in pdfs:
            result = self._service.verify(Path(name))  # OSError: the file named
            if not result.ok:
                raise AnchorRefused("audit_pdf_fails", name=str(name), reason=result.reason,
                                    verdict=result)
            if result.audit_seq is None or not result.audit_hash:
                raise AnchorRefused("audit_pdf_no_head", name=str(name))
            extra.append((Phrase("audit_what_pdf", name=str(name)),
                          AuditAnchor(int(result.audit_seq), str(result.audit_hash))))
        return self._service.archive_for_plans().verify_audit(extra)


class AnchorRefused(ValueError):
    """A PDF given to ``audit verify`` that cannot serve as an anchor; ``key``/``params`` say
    why (``msg:audit_pdf_*``)."""

    def __init__(self, key: str, verdict: VerifyResult | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.verdict = verdict

    def text_in(self, lang: str) -> str:
        from ..i18n import tr

        params = dict(self.params)
        if self.verdict is not None:
            params["reason"] = self.verdict.reason_in(lang)
        return tr(lang, f"msg:{self.key}", **params)


class BadCode(KeyedMessage, ValueError):
    """What was typed cannot be a check code (the reason ``checkcode.normalise`` gives, in
    every language)."""


class NoQueuedNurseSummary(KeyedMessage, LookupError):
    """An export in the outbox without its signed nurse summary."""


class Plans:
    """Signed plans in the archive (the ward's when the site has one, else this
    workstation's)."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def _archive(self) -> Any:
        return self._service.archive_for_plans()

    def list(self, patient: str | None = None, date_from: str | None = None,
             date_to: str | None = None, limit: int | None = None,
             after: tuple[str, int] | None = None) -> list[PlanInfo]:
        """Newest first; a page at a time with ``limit`` and ``after`` (the signing time and
        id of the last plan of the page before)."""
        return self._archive().list_plans(patient=patient, date_from=date_from,
                                          date_to=date_to, limit=limit, after=after)

    def get(self, plan_id: int) -> PlanInfo:
        return self._archive().get_plan(plan_id)

    @staticmethod
    def listing(plans: list[PlanInfo]) -> list[tuple[int, str, str, str, str]]:
        """Each plan's id, signing time, patient, pathway and signer for a list, control
        characters escaped before a front end cuts them to its columns (a name cannot forge
        a row); the signer at most 80 characters."""
        from ..textsafe import printable

        return [(p.id, printable(p.signed_at), printable(p.display_name or "-"),
                 printable(p.pathway), printable(p.signer, 80)) for p in plans]

    @staticmethod
    def pathway_title(pathway: str, lang: str) -> str:
        """An archived plan's pathway by its title in ``lang``; one this version does not
        know, as recorded."""
        from ..view.labels import pathway_title

        try:
            return pathway_title(pathway, lang)
        except ValueError:
            return pathway

    def pdf(self, plan_id: int, nurse: bool = False) -> bytes | None:
        archive = self._archive()
        return archive.nurse_pdf(plan_id) if nurse else archive.plan_pdf(plan_id)

    def find(self, code: str) -> list[PlanInfo]:
        """The plans whose check code is ``code`` (typed by hand: case, spaces and the hyphen
        free). ``BadCheckCode`` (a ValueError saying why) when it cannot be a code."""
        from ..checkcode import ALPHABET, BadCheckCode, normalise

        try:
            canonical = normalise(code)
        except BadCheckCode:
            compact = "".join(ch for ch in code.upper() if ch not in " -\t")
            wrong = sorted({ch for ch in compact if ch not in ALPHABET})
            reason = (Phrase("checkcode_bad_chars", chars=" ".join(wrong)) if wrong else
                      Phrase("checkcode_bad_length", n=len(compact)))
            raise BadCode("plans_bad_code", code=repr(code[:40]), reason=reason) from None
        return self._archive().find_code(canonical)

    def verify(self, plan_id: int, nurse: bool = False) -> tuple[VerifyResult, bytes]:
        """The verdict on an archived plan (or its nurse summary) and its bytes; a PDF whose
        bytes no longer match the SHA-256 recorded at archiving fails before anything else."""
        return self._service.verify_archived(plan_id, nurse)

    def verify_export(self, export_id: str, nurse: bool = True
                      ) -> tuple[VerifyResult, bytes, int | None]:
        """The verdict on a PDF of the export ``export_id`` signed here, its bytes and its
        archive id: from this workstation's outbox while it waits there for the ward server
        (archive id None), else from the archive. ``KeyError`` when neither holds it,
        ``LookupError`` when it has no nurse summary. A queued copy's check is not audited
        on its own (the ward server is down; the print's row, queued with the export, holds
        the verdict's hashes)."""
        item = self._service.local().outbox_find(export_id)
        if item is not None:
            data = item.nurse_pdf if nurse else item.pdf
            if data is None:  # (every export queues both; said as the archive says it)
                raise NoQueuedNurseSummary("plans_no_nurse_summary", id=export_id)
            return self._service.verify(data, record=False), data, None
        from ..checkcode import check_code

        for info in self._archive().find_code(check_code(export_id)):
            if info.export_id == export_id:  # sent meanwhile
                result, data = self.verify(info.id, nurse)
                return result, data, info.id
        raise KeyError(export_id)

    def export_copy(self, plan_id: int, output: Path, *, nurse: bool = False,
                    force: bool = False, origin: str = "command line",
                    must_verify: bool = True) -> VerifyResult | None:
        """Write an archived signed PDF to ``output`` (atomically), checked before writing;
        ``plan_exported`` is recorded once it is written, before it is put in place. A PDF
        whose bytes no longer match the SHA-256 recorded at archiving (damaged) is never
        written: its failing verdict is returned. With
        ``must_verify`` (the command line) a PDF whose verdict is FAIL for any reason is not
        written either; without it (the Plans window's copy for the record) the bytes'
        integrity is checked, not the signature, and the result is None.
        ``OutputRefused`` for a bad output path."""
        from ..export import check_outputs, write_outputs

        output = Path(output)
        check_outputs([output], protected=[self._service.store_path], force=force)
        detail: dict[str, Any] = {"archive_id": plan_id, "copy": True, "from": origin}
        if must_verify:
            result, data = self.verify(plan_id, nurse)
            if not result.ok:
                return result
            detail["document"] = "nurse_summary" if nurse else "plan"
            fields = dict(case_sha256=result.case_sha256, pdf_sha256=result.pdf_sha256,
                          detail=detail)
        else:
            damaged, data = self._service.archived_bytes(plan_id, nurse)
            if damaged is not None:
                return damaged
            fields = dict(case_sha256=self.get(plan_id).case_sha256,
                          pdf_sha256=hashlib.sha256(data).hexdigest(), detail=detail)
        notes: list[Phrase] = []

        def record_exported() -> None:  # written, not yet in place (export.write_outputs)
            note = self._service.audit.record_or_note("plan_exported", **fields)
            if note:
                notes.append(note)

        write_outputs([(output, data)], before_placing=record_exported)
        if not must_verify:
            if notes:
                log.warning("audit: plan_exported not recorded")
            return None
        return (result.with_note(str(notes[0]), notes[0].key, notes[0].params) if notes
                else result)

    def record_print(self, verdict: VerifyResult, *, pages: int | None = None,
                     printer: str | None = None, origin: str, archive_id: int | None = None,
                     preview: bool | None = None) -> Phrase | None:
        """The one ``plan_printed`` row (wizard, Plans window, command line): what was printed
        (the verdict's hashes and export), where and how; the note to show when the row could
        not be written, else None."""
        detail: dict[str, Any] = {"from": origin, "document": verdict.document,
                                  "export_id": verdict.export_id}
        if archive_id is not None:
            detail["archive_id"] = archive_id
        if printer is not None:
            detail["printer"] = printer
        if pages is not None:
            detail["pages"] = pages
        if preview is not None:
            detail["preview"] = preview
        fields = dict(case_sha256=verdict.case_sha256, pdf_sha256=verdict.pdf_sha256,
                      detail=detail)
        # An export still in the outbox (the ward server was down) keeps its row there too,
        # so the ward chain gets it after the plan's signing, when the export is sent.
        try:
            local = self._service.local()
            item = local.outbox_find(verdict.export_id) if verdict.export_id else None
            if item is not None:
                from ..archive.records import workstation_user

                local.outbox_add_event(item.id, dict(event="plan_printed",
                                                     user=workstation_user(), **fields))
                return None
        except KeyError:  # sent meanwhile: the ward's chain takes the row
            pass
        except (OSError, ValueError) as exc:
            return Phrase("verify_note_not_audited", error=error_text(exc))
        return self._service.audit.record_or_note("plan_printed", **fields)

    def sync(self) -> SyncReport | None:
        """Send the outbox to the ward archive (None without one)."""
        return self._service.sync()

    def outbox_count(self) -> int:
        return self._service.local().outbox_count()


class ArchiveRoom:
    """The administrator's acts on the archive: check, backup, init, migrate."""

    def __init__(self, service: Any) -> None:
        self._service = service

    @property
    def url(self) -> str | None:
        return self._service.archive_url()

    @staticmethod
    def display(url: str) -> str:
        """A database URL without its password, for messages."""
        from ..archive.postgres import display_url

        return display_url(url)

    def where(self) -> str:
        """The archive in use, for messages: the ward database (without password) or the
        store's path."""
        url = self.url
        if url:
            from ..archive.postgres import display_url

            return display_url(url)
        return str(self._service.store_path)

    def check(self) -> list[tuple[Any, bool, Any]]:
        return self._service.archive_for_plans().check()

    def check_in(self, lang: str) -> list[tuple[bool, str, str]]:
        """:meth:`check`'s steps as (passed, what was checked, what was found), said in
        ``lang``."""
        from ..textsafe import in_lang

        return [(ok, in_lang(what, lang), in_lang(detail, lang))
                for what, ok, detail in self.check()]

    def backup(self, target: Path) -> Path:
        return self._service.local().backup(target)

    def init(self, url: str | None = None) -> Any:
        """Create or upgrade the ward database's schema: (version before, version now,
        whether search by patient has its trigram index)."""
        from ..archive.postgres import init_schema

        url = url or self.url
        if not url:
            from ..archive import StoreError

            raise StoreError("archive_no_url")
        return init_schema(url)

    def migrate(self, to_url: str) -> Any:
        """Move this workstation's signed plans into the ward database (verified first;
        idempotent and resumable)."""
        from ..archive.migrate import migrate

        return migrate(self._service.local(), to_url)
