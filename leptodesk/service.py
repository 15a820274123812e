"""The one front door into the core: every front end (wizard, command line, Plans window,
Verify dialog, print, self-test) asks this object, never the modules behind it.

Built once per process from the data folder (:func:`get_service`). It owns the guideline
content and the site's defaults, the store (archive and audit log) and the trust anchors, and
answers ``plan``, ``export``, ``verify``, ``open_signed``, ``import_signed``, ``archive`` and
``audit``. Because there is one object, the plan on the review page is the plan that is signed,
and a PDF has one verdict everywhere. Heavy parts (ReportLab, pyHanko, the store) are imported
on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KeyedMessage, Phrase, error_text

if TYPE_CHECKING:

    from .acknowledge import AckAnswer
    from .archive import DraftInfo, PlanInfo, Store  # noqa: F401 - for front ends' hints
    from .content import SiteDefaults
    from .export import ExportResult
    from .fhir.verify import BundleVerdict
    from .models import Case, Plan
    from .pdf.verify import ArchiveRecord, VerifyResult
    from .trust.workstation import Trust


@dataclass(frozen=True)
class SignedPlan:
    """A signed PDF that passed verification, with the case and plan from its signed revision."""

    verdict: VerifyResult
    case: Case
    plan: Plan


@dataclass(frozen=True)
class ImportResult:
    archive_id: int
    verdict: VerifyResult
    nurse_verdict: VerifyResult | None
    already_archived: bool


class Refused(Exception):
    """A signed PDF that fails verification (or is not what was asked for); ``verdict`` is the
    one verdict to show. ``str()`` is the message (English); ``key`` (``messages.MESSAGES``,
    without ``msg:``) and ``params`` say it in every language (:meth:`text_in`)."""

    def __init__(self, message: str, verdict: VerifyResult | None = None, *,
                 key: str | None = None, params: dict[str, Any] | None = None,
                 invalid: Exception | None = None) -> None:
        super().__init__(message)
        self.verdict = verdict
        self.key = key
        self.params = dict(params or {})
        self.invalid = invalid  # an InvalidInput behind the refusal ({errors})

    def text_in(self, lang: str) -> str:
        """The message in ``lang`` (``str()`` for English, or without a key): ``{headline}``
        is the verdict's, ``{errors}`` the unreadable case's, both in ``lang``."""
        if lang == "en" or not self.key:
            return str(self)
        from .i18n import tr

        fields = dict(self.params)
        if self.verdict is not None:
            fields.setdefault("headline", self.verdict.headline_in(lang))
        if self.invalid is not None:
            fields["errors"] = self.invalid.describe_in(lang)
        return tr(lang, f"msg:{self.key}", **fields)


@dataclass(frozen=True)
class FhirExport:
    """A signed FHIR bundle written from a verified plan."""

    path: Path
    sha256: str
    resources: int
    signer: str
    algorithm: str
    note: Any = None  # the audit row could not be written (an errors.Phrase), else None


class NoNurseSummary(KeyedMessage, LookupError):
    """An archived plan without a signed nurse summary (archived before they were signed)."""

    def __init__(self, archive_id: int) -> None:
        super().__init__("plans_no_nurse_summary", id=archive_id)
        self.archive_id = archive_id


def _refused(key: str, verdict: VerifyResult | None, invalid: Exception | None = None,
             **params: Any) -> Refused:
    """A :class:`Refused` whose English message is ``msg:key`` with ``params`` (and the
    verdict's English headline, and the unreadable case's English description)."""
    from .messages import MESSAGES

    fields = dict(params)
    if verdict is not None:
        fields.setdefault("headline", verdict.headline)
    if invalid is not None:
        fields["errors"] = invalid.describe()
    return Refused(MESSAGES[key].format(**fields), verdict, key=key, params=params,
                   invalid=invalid)


def workstation_user() -> str:
    """Who acts at this workstation (the operating-system account), for audit rows."""
    from .archive.records import workstation_user as user  # the archive loads on first use

    return user()


class Service:
    """The core service for one data folder. Thread-safe for the calls front ends make."""

    def __init__(self, folder: Path | None = None) -> None:
        from .site import data_dir

        self.folder = Path(folder) if folder is not None else data_dir()
        self._site: SiteDefaults | None = None
        self._lock = threading.RLock()
        self._trust: Trust | None = None
        self._local: Store | None = None
        self._ward: Any = None
        from .service_rooms import ArchiveRoom, Audit, Drafts, Plans

        self.drafts = Drafts(self)
        self.plans = Plans(self)
        self.audit = Audit(self)
        self.archive = ArchiveRoom(self)

    @property
    def trust(self) -> Trust:
        """What this workstation trusts: the anchors and revocation lists of the system trust
        folder, granted by its administrator (``service.trust.anchors()``, ``.add()``,
        ``.add_crl()``, ``.check_signer()``...)."""
        if self._trust is None:
            from .trust.workstation import Trust

            self._trust = Trust(self.folder, self._audit_failure)
        return self._trust

    # -- content and site values -------------------------------------------------------------
    @property
    def site(self) -> SiteDefaults:
        """The site's defaults, read once from ``site-defaults.json`` in the data folder."""
        with self._lock:
            if self._site is None:
                from .site import load_site_defaults

                self._site = load_site_defaults(self.folder)
            return self._site

    def plan(self, case: Case, *, lang: str = "en", today: date | None = None) -> Plan:
        """The guideline's plan for ``case`` with this site's values (the only plan maker),
        its texts in ``lang`` ("en", "fr", "pt"; ``UnknownLanguage`` otherwise). English by
        default: a front end passes the language its user chose (the command line's
        ``--lang``, defaulting from the locale; the wizard's View > Language). The decisions
        are the same in every language. ``today``: the day the plan is made on (the
        workstation's local date unless given; signing passes the signing day)."""
        from .rules import build_plan

        return build_plan(case, self.site, lang=lang, today=today or date.today())

    # -- the archive ---------------------------------------------------------------------------
    @property
    def store_path(self) -> Path:
        from .archive import DB_NAME

        return self.folder / DB_NAME

    def local(self) -> Store:
        """This workstation's store (drafts; signed plans and the audit log unless the site
        has a ward archive; the outbox when it has one), opened once for the process: one
        way into the database file."""
        with self._lock:
            if self._local is None:
                from .archive import Store

                self._local = Store(self.store_path)
                self._clean_temps()
            return self._local

    def archive_url(self) -> str | None:
        """The ward archive's address: ``LEPTODESK_ARCHIVE_URL``, else ``archive_url`` in
        the administrator's ``archive.json`` in the data folder; None: this workstation's
        store is the archive."""
        from .archive.postgres import configured_url

        return configured_url(self.folder)

    def archive_for_plans(self) -> Any:
        """Where signed plans and the audit log live: the ward archive when the site has one
        (``Unreachable`` when its server cannot be reached), else the local store."""
        url = self.archive_url()
        if not url:
            return self.local()
        with self._lock:
            ward = self._ward
        if ward is None or ward.url != url:
            from .archive.postgres import WardArchive

            ward = WardArchive(url)
            with self._lock:
                self._ward = ward
        return ward

    def sync(self) -> Any:
        """Send exports kept in the outbox to the ward archive; None when the site has no
        ward archive. ``SyncReport.error`` says why something is left."""
        if not self.archive_url():
            return None
        from .archive import StoreError
        from .archive.outbox import SyncReport, sync

        local = self.local()
        if not local.outbox_count():
            return SyncReport(0, 0, 0)
        try:
            ward = self.archive_for_plans()
        except StoreError as exc:
            return SyncReport(0, 0, local.outbox_count(), exc)
        return sync(local, ward)

    def close(self) -> None:
        """Close the archive connections (the process's one way into each)."""
        with self._lock:
            local, self._local = self._local, None
            ward, self._ward = self._ward, None
        if local is not None:
            local.close()
        if ward is not None:
            ward.close()

    def _clean_temps(self) -> None:
        from .fileio import clean_temps, keep_temp_register

        keep_temp_register(self.folder)
        try:
            clean_temps()
        except OSError:
            pass

    def read_pdf(self, path: Path) -> bytes:
        """A PDF's bytes: a regular file under the size cap, refused unread otherwise
        (``fileio.NotReadable``, an OSError naming the file)."""
        from .fileio import read_pdf

        return read_pdf(path)

    def record_print(self, verdict: VerifyResult, **fields: Any) -> Phrase | None:
        """The one ``plan_printed`` row (see ``service.plans.record_print``)."""
        return self.plans.record_print(verdict, **fields)

    def audit_or_note(self, event: str, **fields: Any) -> str | None:
        """Audit an act whose result stands whatever happens to the log: the note to show
        when the row could not be written (the English text, an ``errors.Phrase`` that says
        itself in a language), else None."""
        return self.audit.record_or_note(event, **fields)

    def _audit_failure(self, event: str, **fields: Any) -> tuple[str, str, dict] | None:
        """Audit ``event``; when the row could not be written, the note in English and its
        message key and values (``msg:verify_note_not_audited``), so that a verdict says it in
        its own language; else None."""
        note = self.audit.record_or_note(event, **fields)
        return (str(note), note.key, note.params) if note is not None else None

    def _audited(self, result: VerifyResult, event: str, **fields: Any) -> VerifyResult:
        """``result`` with a note, in every language, when its audit row could not be
        written."""
        failed = self._audit_failure(event, **fields)
        return result.with_note(*failed) if failed else result

    # -- signing -----------------------------------------------------------------------------
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
        from .export import ExportError, check_outputs
        from .i18n import check_language
        from .trust.identity import IdentityError, is_ca, load_identity

        lang = check_language(lang)
        identity = Path(identity)
        outputs = [Path(p) for p in (output, nurse_summary) if p is not None]
        protected = [identity, identity.with_suffix(".pem"), self.store_path]
        if case_path is not None:
            protected.append(Path(case_path))
        check_outputs(outputs, protected=protected, force=force)
        loaded = load_identity(identity, passphrase, at=signing_time)
        if is_ca(loaded.cert):
            raise IdentityError.keyed("id_site_root", path=identity)
        when = (signing_time or datetime.now()).astimezone()
        plan = self.plan(case, lang=lang, today=when.date())
        from .acknowledge import acknowledged

        plan = acknowledged(plan, list(acknowledgements), by=loaded.details.name,
                            at=when)
        from .archive import GENESIS_HASH, AuditAnchor, Unreachable

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
        keep them in the outbox when ``archive`` is None); write the files; only then record
        plan_exported."""
        import hashlib

        from .export import ExportError, ExportResult, sign_export, write_outputs
        from .trust.identity import is_self_issued

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
        try:
            write_outputs(files)
        except OSError as exc:
            error = error_text(exc, exc.strerror or str(exc))
            raise ExportError("write", key="export_fail_write",
                              params={"archive_id": archive_id or "-", "error": error}
                              ) from None
        notes: list[str] = []
        try:  # only now: the files are written
            if archive is not None:
                archive_id_detail = {**exported_row["detail"], "archive_id": archive_id}
                archive.append_event(**{**exported_row, "detail": archive_id_detail})
                if self.archive_url():
                    self.local().note_ward_head(self.archive.where(), archive.audit_head())
            else:
                self.local().outbox_add_event(outbox_id, exported_row)
        except (OSError, ValueError) as exc:
            notes.append(str(Phrase("verify_note_not_audited", error=error_text(exc))))
        return ExportResult(
            Path(output) if output is not None else None,
            Path(nurse_summary) if nurse_summary is not None else None, pdf_sha, d.name,
            signed.signed_at, plan, d.role, d.registration, case.patient.display_name,
            signed.export_id, archive_id, nurse_sha, audit_seq, audit_hash,
            is_self_issued(loaded.cert), queued=archive is None, notes=tuple(notes))

    # -- FHIR ----------------------------------------------------------------------------------
    def fhir_export(self, pdf: Path | bytes, *, identity: Path, passphrase: bytes,
                    output: Path, force: bool = False,
                    now: datetime | None = None) -> FhirExport:
        """The signed FHIR R4 bundle of a plan that verifies, written to ``output``.

        Raises ``OutputRefused`` (a bad output path, before anything is read), ``Refused``
        with the PDF's verdict (it does not verify, or is a nurse summary: nothing written),
        ``IdentityError`` (a wrong passphrase; an identity that did not sign this plan).
        """
        import hashlib
        import json

        from .export import check_outputs, write_outputs
        from .fhir.bundle import Signer, Source, build_bundle, sign_bundle
        from .trust.identity import IdentityError, fingerprint, load_identity

        output = Path(output)
        source = [] if isinstance(pdf, bytes | bytearray) else [Path(pdf)]
        check_outputs([output], protected=[*source, Path(identity), Path(identity).with_suffix(
            ".pem"), self.store_path], force=force)
        opened = self.open_signed(pdf)  # Refused: exit 1, nothing written
        loaded = load_identity(Path(identity), passphrase)
        if fingerprint(loaded.cert) != opened.verdict.signer_fingerprint:
            raise IdentityError.keyed("fhir_not_signer", path=identity,
                                      signer=opened.verdict.signer)
        v = opened.verdict
        when = (now or datetime.now()).astimezone().replace(microsecond=0)
        bundle = build_bundle(
            opened.case, opened.plan,
            Signer(v.signer or "", v.signer_role or "", v.signer_registration or "",
                   v.signer_fingerprint or ""),
            Source(v.export_id or "", v.pdf_sha256, v.signing_time), when)
        alg = sign_bundle(bundle, loaded, when)
        data = (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        write_outputs([(output, data)])
        sha = hashlib.sha256(data).hexdigest()
        note = self.audit_or_note("fhir_exported", user=v.signer or "",
                                  case_sha256=v.case_sha256, pdf_sha256=v.pdf_sha256,
                                  detail={"export_id": v.export_id, "bundle_sha256": sha,
                                          "resources": len(bundle["entry"]),
                                          "algorithm": alg})
        return FhirExport(output, sha, len(bundle["entry"]), v.signer or "", alg, note)

    def fhir_verify(self, source: Path | bytes, *, record: bool = True) -> BundleVerdict:
        """The one verdict on a FHIR bundle (the same trust anchors and rules as a PDF's).
        ``OSError`` when the file cannot be read; ``InvalidInput`` for a FIFO, a device or a
        file over 16 MiB (nothing read)."""
        from .casefile import read_limited
        from .fhir.verify import MAX_BYTES, verify_bundle

        # A FIFO or device is refused unread (InvalidInput), as for case files.
        data = bytes(source) if isinstance(source, bytes | bytearray) else \
            read_limited(source, MAX_BYTES, "a FHIR bundle")

        def judge(cert, at, now):  # the PDF's signer check (leptodesk.trust.check_signer)
            return self.trust.check_signer(cert, at, now=now)

        result = verify_bundle(data, judge)
        if record:
            self.audit_or_note("fhir_verified", case_sha256=result.case_sha256,
                               detail={"verdict": result.verdict, "reason": result.reason_key,
                                       "export_id": result.export_id,
                                       "bundle_sha256": result.bundle_sha256})
        return result

    # -- verification ------------------------------------------------------------------------
    def _archive_record(self, pdf_sha256: str) -> ArchiveRecord | None:
        from .pdf.verify import ArchiveRecord

        if not self.archive_url() and not self.store_path.exists():
            return None  # nothing archived here; do not create a store just to look
        found = self.archive_for_plans().find_pdf(pdf_sha256)
        if found is None:
            return None
        info, _ = found
        return ArchiveRecord(info.id, info.signed_at, info.archived_at, info.imported)

    def verify(self, source: Path | bytes, extra_trust: list[Path] | tuple[Path, ...] = (),
               *, record: bool = True) -> VerifyResult:
        """The one verdict on a PDF (PASS or FAIL with a plain reason, and its details).

        ``extra_trust``: site root certificates to trust for this check only (``verify
        --trust``; the verdict says so; a clinician's own certificate is refused with
        ``IdentityError``). The signer is judged by :meth:`Trust.check_signer` (the system
        trust folder's anchors and revocation lists; a folder others could change fails the
        verdict naming the file). Never raises for a bad PDF; ``OSError`` when the file cannot
        be read. The check is audited; a log that cannot be written is a note beside the
        verdict, never a change of it.
        """
        from .pdf.verify import verify
        from .trust.identity import root_certificate

        data = bytes(source) if isinstance(source, bytes | bytearray) else \
            self.read_pdf(Path(source))
        extra = [root_certificate(Path(p)) for p in extra_trust]

        def judge(cert, signing_time, others, now):
            return self.trust.check_signer(cert, signing_time, extra=extra, others=others,
                                           now=now)

        result = verify(data, judge, self._archive_record)
        if record:
            result = self._audited(
                result, "plan_verified", case_sha256=result.case_sha256,
                pdf_sha256=result.pdf_sha256,
                detail={"verdict": result.verdict, "reason": result.reason,
                        "export_id": result.export_id, "document": result.document,
                        "language": result.language})
        return result

    def verify_archived(self, archive_id: int, nurse: bool = False) -> tuple[VerifyResult,
                                                                            bytes]:
        """The verdict on an archived plan (or its nurse summary) and its bytes.

        Raises ``KeyError`` (no such plan), ``StoreError``; a plan archived before nurse
        summaries were signed has none (``LookupError``).
        """


        damaged, data = self.archived_bytes(archive_id, nurse)
        if damaged is not None:
            return self._audited(damaged, "plan_verified", pdf_sha256=damaged.pdf_sha256,
                                 detail={"verdict": "FAIL", "archive_id": archive_id,
                                         "reason": "archive_changed"}), data
        return self.verify(data), data

    def archived_bytes(self, archive_id: int, nurse: bool = False
                       ) -> tuple[VerifyResult | None, bytes]:
        """An archived PDF's bytes, and the failing verdict when they no longer match the
        SHA-256 recorded at archiving (damaged below the database), else None."""
        import hashlib

        from .pdf.verify import failed

        archive = self.archive_for_plans()
        info = archive.get_plan(archive_id)
        data = archive.nurse_pdf(archive_id) if nurse else archive.plan_pdf(archive_id)
        if data is None:
            raise NoNurseSummary(archive_id)
        expected = info.nurse_pdf_sha256 if nurse else info.pdf_sha256
        digest = hashlib.sha256(data).hexdigest()
        if expected and digest != expected:
            return failed("verify_fail_archive_changed", digest), data
        return None, data

    def open_signed(self, source: Path | bytes) -> SignedPlan:
        """Verify first; the case and plan only from the signed revision of a plan that passes.

        Raises ``Refused`` with the verdict when the PDF fails or is not a signed plan;
        ``OSError`` when the file cannot be read.
        """
        from .errors import InvalidInput
        from .export import case_from_pdf, plan_from_pdf
        from .pdf.verify import signed_revision

        label = "" if isinstance(source, bytes | bytearray) else str(source)
        # Read once: the bytes verified are the bytes the case is read from.
        data = bytes(source) if isinstance(source, bytes | bytearray) else \
            self.read_pdf(Path(source))
        verdict = self.verify(data)
        if not verdict.ok:
            raise _refused("refused_not_opened", verdict)
        if verdict.document != "clinician":
            raise _refused("refused_nurse_summary", verdict)
        revision = signed_revision(data, verdict.signed_end or len(data))
        try:
            case = case_from_pdf(revision, label)
            plan = plan_from_pdf(revision, label)
        except InvalidInput as exc:
            raise _refused("refused_case_unreadable", verdict, exc) from None
        from .migrate import v1_sha256

        # A plan signed from a version 1 case carries the version 1 hash (verify has already
        # checked the embedded text against it, in the version it was written in).
        if verdict.case_sha256 not in (case.sha256(), v1_sha256(case)):
            raise _refused("refused_case_hash", verdict)
        return SignedPlan(verdict, case, plan)

    def import_signed(self, plan_pdf: Path, nurse_pdf: Path | None = None) -> ImportResult:
        """Archive a plan signed on another workstation (and its nurse summary), after both
        pass verification here. Raises ``Refused`` with the verdict otherwise."""

        pdf = self.read_pdf(Path(plan_pdf))
        opened = self.open_signed(pdf)
        verdict = opened.verdict
        nurse_data = None
        nurse_verdict = None
        if nurse_pdf is not None:
            nurse_data = self.read_pdf(Path(nurse_pdf))
            nurse_verdict = self.verify(nurse_data)
            if not nurse_verdict.ok:
                raise _refused("refused_nurse_not_imported", nurse_verdict, path=nurse_pdf)
            if nurse_verdict.document != "nurse":
                raise _refused("refused_not_nurse", nurse_verdict, path=nurse_pdf)
            if (nurse_verdict.export_id, nurse_verdict.case_sha256,
                    nurse_verdict.signer_fingerprint) != (verdict.export_id, verdict.case_sha256,
                                                          verdict.signer_fingerprint):
                raise _refused("refused_other_export", nurse_verdict, path=nurse_pdf,
                               nurse_export=nurse_verdict.export_id, export=verdict.export_id)
        archive = self.archive_for_plans()
        found = archive.find_signed(pdf)  # the same signed content, however padded
        if found is not None:
            return ImportResult(found.id, verdict, nurse_verdict, True)
        archive_id = archive.archive_export(
            pdf, nurse_data, display_name=opened.case.patient.display_name,
            pathway=opened.plan.pathway.value, signer=verdict.signer or "",
            signed_at=verdict.signing_time.isoformat(timespec="seconds"),
            content_version=opened.plan.content_version,
            case_sha256=opened.plan.case_sha256, export_id=verdict.export_id or "",
            audit_seq=None, audit_hash=None, imported=True, existing_ok=True,
            events=[dict(event="plan_imported", user=workstation_user(),
                         case_sha256=verdict.case_sha256, pdf_sha256=verdict.pdf_sha256,
                         detail={"export_id": verdict.export_id,
                                 "signer_fingerprint": verdict.signer_fingerprint,
                                 "nurse_summary": nurse_data is not None})])
        return ImportResult(archive_id, verdict, nurse_verdict, False)


def _feedback_events(plan: Plan, signer: str, pdf_sha256: str, export_id: str) -> list[dict]:
    """One ``alert_feedback`` audit row per acknowledgement (CDS Hooks feedback), written in
    the export's transaction, by the signer who answered."""
    from .acknowledge import feedback_records

    return [dict(event="alert_feedback", user=signer, case_sha256=plan.case_sha256,
                 pdf_sha256=pdf_sha256, detail={**record, "export_id": export_id})
            for record in feedback_records(plan)]


_services: dict[Path, Service] = {}
_services_lock = threading.Lock()


def get_service(folder: Path | None = None) -> Service:
    """The process's service for the data folder (``LEPTODESK_HOME`` or the platform's)."""
    from .site import data_dir

    key = Path(folder) if folder is not None else data_dir()
    with _services_lock:
        service = _services.get(key)
        if service is None:
            service = _services[key] = Service(key)
        return service


def reset_services() -> None:
    """Close and forget every service (tests that change the data folder or its files)."""
    with _services_lock:
        services = list(_services.values())
        _services.clear()
    for service in services:
        service.close()
