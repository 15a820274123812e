"""``service.export``: plan, render and sign both summaries in memory, archive both with their
audit rows in one transaction, and only then write the files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Phrase, error_text

if TYPE_CHECKING:
    from ..acknowledge import AckAnswer
    from ..models import Case, Plan
    from .results import ExportResult


class Signing:
    """The door's signing (a part of :class:`~leptodesk.service.Service`)."""

    def check_export_outputs(self, output: Path | None, nurse_summary: Path | None = None, *,
                             identity: Path, case_path: Path | None = None,
                             force: bool = False) -> list[Path]:
        """Refuse the export's output paths (``OutputRefused``, in every language) that would
        overwrite the identity, its certificate, the case file, the store, each other, a
        folder, a device or an existing file (unless ``force``); the paths to write. The
        export checks them itself; a front end asks first to refuse before a passphrase is
        typed."""
        from ..export import check_outputs

        identity = Path(identity)
        outputs = [Path(p) for p in (output, nurse_summary) if p is not None]
        protected = [identity, identity.with_suffix(".pem"), self.store_path]
        if case_path is not None:
            protected.append(Path(case_path))
        check_outputs(outputs, protected=protected, force=force)
        return outputs

    def export(self, case: Case, *, identity: Path, passphrase: bytes,
               output: Path | None = None, nurse_summary: Path | None = None,
               page_size: str = "A4", force: bool = False, case_path: Path | None = None,
               signing_time: datetime | None = None, lang: str = "en",
               acknowledgements: list[AckAnswer] | tuple[AckAnswer, ...] = ()
               ) -> ExportResult:
        """Plan, render and sign both summaries in memory; archive both and audit in one
        transaction; only then write the files (atomically).

        Raises ``OutputRefused`` (a bad output path, before anything is done),
        ``IdentityError``/``WrongPassphrase`` (nothing signed), ``UnknownLanguage`` (before
        anything is done), ``ExportError`` naming the step that failed (``archive``: nothing
        kept, a retry is safe; ``write``: signed and archived, the files can be written from
        the archive). ``lang``: the language of both summaries (recorded in them, in the plan
        JSON and in the audit rows). ``acknowledgements``: one answer for every STOP and
        WARNING of the plan (``AckError`` before anything is signed otherwise); they are
        signed in the plan and audited as CDS Hooks feedback.
        """
        from ..errors import ExportError
        from ..i18n import check_language
        from ..trust.identity import IdentityError, is_ca, load_identity

        lang = check_language(lang)
        identity = Path(identity)
        outputs = self.check_export_outputs(output, nurse_summary, identity=identity,
                                            case_path=case_path, force=force)
        loaded = load_identity(identity, passphrase, at=signing_time)
        if is_ca(loaded.cert):  # a site root, or a CA one issued: neither signs plans
            if loaded.cert.issuer == loaded.cert.subject:
                raise IdentityError.keyed("id_site_root", path=identity)
            raise IdentityError.keyed("id_ca_key", path=identity, name=loaded.details.name)
        when = (signing_time or datetime.now()).astimezone()
        plan = self.plan(case, lang=lang, today=when.date())
        from ..acknowledge import acknowledged

        plan = acknowledged(plan, list(acknowledgements), by=loaded.details.name,
                            at=when)
        from ..archive import GENESIS_HASH, AuditAnchor, Unreachable

        try:
            local = self.local()
            try:
                archive = self.archive_for_plans()
                head = archive.audit_head()  # the anchor both PDFs carry
            except Unreachable:  # signing never waits for the ward server: the outbox
                archive = None
                head = local.ward_head(self.archive.where()) or AuditAnchor(0, GENESIS_HASH)
        except OSError as exc:
            raise ExportError("archive", key="export_fail_store",
                              params={"error": error_text(exc)}) from None
        return self._sign_archive_write(
            archive, case, loaded, plan, head.seq, head.hash, output, nurse_summary,
            len(outputs), page_size, signing_time)

    def _sign_archive_write(self, archive: Any, case: Case, loaded: Any, plan: Plan,
                            audit_seq: int, audit_hash: str, output: Path | None,
                            nurse_summary: Path | None, n_files: int, page_size: str,
                            signing_time: datetime | None) -> ExportResult:
        """Sign in memory; archive both PDFs with the plan_signed row in one transaction (or
        keep them in the outbox when ``archive`` is None); write the files and fsync them;
        record plan_exported; only then put them in place."""
        import hashlib

        from ..errors import ExportError
        from ..export import sign_export, write_outputs
        from ..trust.identity import is_self_issued
        from .results import ExportResult

        signed = sign_export(case, plan, loaded, audit_seq=audit_seq, audit_hash=audit_hash,
                             page_size=page_size, signing_time=signing_time)
        d = loaded.details
        pdf_sha = hashlib.sha256(signed.pdf).hexdigest()
        nurse_sha = hashlib.sha256(signed.nurse_pdf).hexdigest()
        detail = {"export_id": signed.export_id, "content_version": plan.content_version,
                  "content_sha256": plan.content_sha256, "language": plan.language,
                  "translation_review": (plan.translation_review.status
                                         if plan.translation_review else "source")}
        fields = dict(display_name=case.patient.display_name, pathway=plan.pathway.value,
                      signer=d.name, signed_at=signed.signed_at.isoformat(timespec="seconds"),
                      content_version=plan.content_version, case_sha256=plan.case_sha256,
                      export_id=signed.export_id, audit_seq=audit_seq, audit_hash=audit_hash)
        signed_row = dict(event="plan_signed", user=d.name, case_sha256=plan.case_sha256,
                          pdf_sha256=pdf_sha, detail={**detail, "nurse_pdf_sha256": nurse_sha})
        exported_row = dict(event="plan_exported", user=d.name, case_sha256=plan.case_sha256,
                            pdf_sha256=pdf_sha,
                            detail={**detail, "files": n_files,
                                    "nurse_summary_file": nurse_summary is not None})
        # Signing and the alerts' answers (CDS Hooks feedback) in the archive's transaction.
        signing_rows = [signed_row, *_feedback_events(plan, d.name, pdf_sha, signed.export_id)]
        archive_id = outbox_id = None
        try:
            if archive is not None:
                archive_id = archive.archive_export(signed.pdf, signed.nurse_pdf,
                                                    events=signing_rows, **fields)
            else:
                outbox_id = self.local().queue_export(signed.pdf, signed.nurse_pdf, fields,
                                                      signing_rows)
        except (OSError, ValueError) as exc:
            raise ExportError("archive", key="export_fail_archive",
                              params={"error": error_text(exc)}) from None
        files = [(Path(output), signed.pdf)] if output is not None else []
        if nurse_summary is not None:
            files.append((Path(nurse_summary), signed.nurse_pdf))
        notes: list[str] = []

        def record_exported() -> None:
            # Written and fsynced, not yet in place: a kill from here on never leaves a
            # signed file the log does not know of. A log that cannot be written is said
            # beside the result; the files are still placed (the plan_signed row and the
            # archived PDFs are already committed).
            try:
                if archive is not None:
                    archive_id_detail = {**exported_row["detail"], "archive_id": archive_id}
                    archive.append_event(**{**exported_row, "detail": archive_id_detail})
                else:
                    self.local().outbox_add_event(outbox_id, exported_row)
            except (OSError, ValueError) as exc:
                notes.append(str(Phrase("verify_note_not_audited", error=error_text(exc))))

        try:
            write_outputs(files, before_placing=record_exported)
        except OSError as exc:
            error = error_text(exc, exc.strerror or str(exc))
            raise ExportError("write", key="export_fail_write",
                              params={"archive_id": archive_id or "-", "error": error}
                              ) from None
        if archive is not None and self.archive_url():
            try:
                self.local().note_ward_head(self.archive.where(), archive.audit_head())
            except (OSError, ValueError) as exc:
                notes.append(str(Phrase("verify_note_not_audited", error=error_text(exc))))
        return ExportResult(
            Path(output) if output is not None else None,
            Path(nurse_summary) if nurse_summary is not None else None, pdf_sha, d.name,
            signed.signed_at, plan, d.role, d.registration, case.patient.display_name,
            signed.export_id, archive_id, nurse_sha, audit_seq, audit_hash,
            is_self_issued(loaded.cert), queued=archive is None, notes=tuple(notes))


def _feedback_events(plan: Plan, signer: str, pdf_sha256: str, export_id: str) -> list[dict]:
    """One ``alert_feedback`` audit row per acknowledgement (CDS Hooks feedback), written in
    the export's transaction, by the signer who answered."""
    from ..acknowledge import feedback_records

    return [dict(event="alert_feedback", user=signer, case_sha256=plan.case_sha256,
                 pdf_sha256=pdf_sha256, detail={**record, "export_id": export_id})
            for record in feedback_records(plan)]
