"""One verdict on a signed LeptoDesk PDF: PASS, or FAIL with the reason in plain words.

PASS means: these exact bytes were signed by an end-entity certificate that a site root
granted on this workstation issued directly, for signing documents, valid and not revoked at
the signing time (the rules of :mod:`leptodesk.trust.rules`), and nothing was added or changed
since (no later revision, and the unused part of the signature container all zeros).
Everything else is FAIL, with the first reason a nurse or an IT-security officer can act on.
Nothing is fetched (offline wards); pyHanko's own logging is captured so that no traceback
ever reaches a terminal.

The metadata and the embedded case are read only from the signed revision of the file.
Callers (front ends) use ``leptodesk.service.Service.verify``, never this module directly.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ..messages import MESSAGES
from ..trust.identity import fingerprint, signer_details
from .container import carried_certificates, carried_issuer, contents_canonical
from .layout import parse_keywords

if TYPE_CHECKING:
    from cryptography import x509

    from ..trust.rules import SignerVerdict

    # The trust verdict on the signer: (certificate, signing time, the other certificates the
    # signature carries, now) -> SignerVerdict (leptodesk.trust.check_signer with the
    # workstation's anchors).
    Judge = Callable[[x509.Certificate, datetime, list[x509.Certificate], datetime],
                     SignerVerdict]

OK = "intact, signed by an identity issued by a site root trusted here, unchanged since"
DOCUMENT_NAMES = {"clinician": "clinician summary (the signed plan)", "nurse": "nurse summary"}
SELF_ISSUED = MESSAGES["verify_fail_self_issued"]
CHANGED_AFTER = MESSAGES["verify_fail_changed_after"]


def english(key: str, params: Mapping[str, object] | None = None) -> str:
    """The English text of the verify message ``key`` (``messages.MESSAGES``, no ``msg:``)."""
    return MESSAGES[key].format(**(params or {}))


def failed(key: str, pdf_sha256: str, /, params: Mapping[str, object] | None = None,
           **facts) -> VerifyResult:
    """A FAIL whose reason is the message ``key`` with ``params``: ``reason`` in English (the
    audit log, JSON), ``reason_key``/``reason_params`` for every other language."""
    params = dict(params or {})
    return VerifyResult(False, english(key, params), pdf_sha256, reason_key=key,
                        reason_params=params, **facts)


@dataclass(frozen=True)
class ArchiveRecord:
    """What this workstation's archive knows about a PDF (by its SHA-256)."""

    archive_id: int
    signed_at: str
    archived_at: str
    imported: bool


@dataclass(frozen=True)
class VerifyResult:
    passed: bool
    reason: str  # OK when passed, else why not, in plain words
    pdf_sha256: str
    signed: bool = False
    intact: bool = False
    trusted: bool = False
    document: str | None = None  # "clinician" or "nurse"
    export_id: str | None = None
    signer: str | None = None
    signer_role: str | None = None
    signer_registration: str | None = None
    issuer: str | None = None
    signer_fingerprint: str | None = None
    signing_time: datetime | None = None
    time_basis: str | None = None
    content_version: str | None = None
    content_sha256: str | None = None
    case_sha256: str | None = None
    app_version: str | None = None
    audit_seq: int | None = None
    audit_hash: str | None = None
    signed_end: int | None = None  # bytes of the signed revision (for reading it back)
    archive: ArchiveRecord | None = None
    notes: tuple[str, ...] = field(default=())
    # The plan's language as signed (None: signed before it was recorded, i.e. English).
    language: str | None = None
    # The reason as a message key of ``messages.MESSAGES`` (without "msg:") and its
    # parameters, so that every language can write it; None: ``reason`` is shown as it is.
    reason_key: str | None = None
    reason_params: Mapping[str, object] = field(default_factory=dict, hash=False)
    # Likewise for ``time_basis`` and for each note (None where a note has no key).
    time_basis_key: str | None = None
    time_basis_params: Mapping[str, object] = field(default_factory=dict, hash=False)
    note_keys: tuple[tuple[str, Mapping[str, object]] | None, ...] = field(default=(),
                                                                           hash=False)
    # The trusted site root that issued the signer's certificate (None: no trusted root did).
    root_name: str | None = None
    root_fingerprint: str | None = None
    root_for_this_check_only: bool = False  # given with ``verify --trust``, not granted here
    # The issuer the signature itself carries, when no trusted root issued the signer (a
    # same-name root shows another fingerprint than the trusted one).
    issuer_fingerprint: str | None = None

    @property
    def ok(self) -> bool:
        return self.passed

    @property
    def verdict(self) -> str:
        """PASS or FAIL (English: the audit log, JSON, exit status); :meth:`verdict_in` for
        the word a person reads."""
        return "PASS" if self.passed else "FAIL"

    def verdict_in(self, lang: str) -> str:
        """PASS or FAIL in ``lang`` ("VALIDE"/"REJETÉ", "VÁLIDO"/"REJEITADO")."""
        from ..i18n import tr

        return tr(lang, "msg:verdict_pass" if self.passed else "msg:verdict_fail")

    @property
    def headline(self) -> str:
        return f"{self.verdict}: {self.reason}"

    def document_name_in(self, lang: str) -> str:
        from ..i18n import tr

        if self.document == "nurse":
            return tr(lang, "msg:verify_doc_nurse", export_id=self.export_id or tr(
                lang, "msg:verify_no_export_id"))
        if self.document == "clinician":
            return tr(lang, "msg:verify_doc_clinician", export_id=self.export_id or tr(
                lang, "msg:verify_none"))
        return tr(lang, "msg:verify_doc_none")

    def with_note(self, note: str, key: str | None = None,
                  params: Mapping[str, object] | None = None) -> VerifyResult:
        """This verdict with one more note (``key``/``params``: a message that every language
        writes; without, ``note`` is shown as it is)."""
        keys = (*self.note_keys, *([None] * (len(self.notes) - len(self.note_keys))))
        return replace(self, notes=(*self.notes, note),
                       note_keys=(*keys, (key, dict(params or {})) if key else None))

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang``: the catalogue's words with the parameters filled in when
        the reason has a key, else the reason as recorded (English)."""
        from ..i18n import tr

        if self.passed and self.signing_time is not None:
            return self._pass_sentence(lang)
        if self.passed and self.reason == OK:
            return tr(lang, "msg:verify_ok")
        if self.reason_key:
            return tr(lang, f"msg:{self.reason_key}", **self.reason_params)
        return self.reason

    def _pass_sentence(self, lang: str) -> str:
        from ..i18n import format_date, tr

        local = self.signing_time.astimezone()  # the workstation's local time
        key = "verify_ok_nurse" if self.document == "nurse" else "verify_ok_plan"
        return tr(lang, f"msg:{key}", signer=self.signer or tr(lang, "msg:verify_none"),
                  date=format_date(local.date(), lang), time=f"{local:%H:%M}")

    def headline_in(self, lang: str) -> str:
        """The verdict in one complete sentence in ``lang``, without the "Result:" label:
        "PASS: this plan is intact and was signed by Dr A on Mon 7 Dec 2026 at 10:32 (local
        time)", "FAIL: <the reason>"; the verdict word in the language."""
        from ..i18n import colon

        return f"{self.verdict_in(lang)}{colon(lang)} {self.reason_in(lang)}"

    def root_line_in(self, lang: str, full: bool = True) -> str | None:
        """Which site root vouches for the signer, and its fingerprint (``full``: all 64
        digits, for Details and the command line; else the first 16 in groups, for a
        screen); for a signer no trusted root issued, its issuer; None when unsigned."""
        from ..i18n import tr
        from ..trust.folder import short

        if self.root_fingerprint and self.root_name:
            fp = self.root_fingerprint if full else short(self.root_fingerprint)
            key = "verify_root_this_check" if self.root_for_this_check_only else \
                "verify_root_granted"
            return tr(lang, f"msg:{key}", root=self.root_name, fingerprint=fp)
        if self.issuer and self.issuer_fingerprint:
            fp = self.issuer_fingerprint if full else short(self.issuer_fingerprint)
            return tr(lang, "msg:verify_root_none_fp", issuer=self.issuer, fingerprint=fp)
        if self.issuer:
            return tr(lang, "msg:verify_root_none", issuer=self.issuer)
        return None

    def screen_lines_in(self, lang: str) -> list[str]:
        """What a window shows at first (the rest behind a Details disclosure): the verdict
        sentence, the site root with its short fingerprint, and the notes."""
        root = self.root_line_in(lang, full=False)
        return [self.headline_in(lang), *([root] if root else []), *self.notes_in(lang)]

    def detail_lines_in(self, lang: str) -> list[str]:
        """What goes behind Details: every line of :meth:`lines` after the verdict (full
        fingerprints, hashes, export id, audit head, notes)."""
        return self.lines(lang)[1:]

    def time_basis_in(self, lang: str) -> str | None:
        from ..i18n import tr

        if self.time_basis_key:
            return tr(lang, f"msg:{self.time_basis_key}", **self.time_basis_params)
        return self.time_basis

    def notes_in(self, lang: str) -> list[str]:
        from ..i18n import tr

        keys = (*self.note_keys, *([None] * (len(self.notes) - len(self.note_keys))))
        return [tr(lang, f"msg:{k[0]}", **k[1]) if k else note
                for note, k in zip(self.notes, keys, strict=False)]

    def lines(self, lang: str = "en") -> list[str]:
        """What ``leptodesk verify`` prints and every front end shows, in this order, with
        the labels in ``lang``. The verdict word (PASS/FAIL) is the same in every language;
        the reason, the basis of the signing time and the notes are in ``lang`` when they
        carry a message key (every verdict of this module and of the service does; a note
        from the audit log is English)."""
        from ..i18n import LANGUAGE_NAMES, tr

        def t(key: str, **fields: object) -> str:
            return tr(lang, f"msg:{key}", **fields)

        def show(value: object) -> str:
            return t("verify_not_recorded") if value in (None, "") else str(value)

        when = None
        if self.signing_time is not None:
            when = self.signing_time.isoformat(timespec="seconds")
            basis = self.time_basis_in(lang)
            if basis:
                when += f" ({basis})"
        audit = (t("verify_audit_entry", seq=self.audit_seq, hash=self.audit_hash)
                 if self.audit_seq is not None else None)
        notes = self.notes_in(lang)
        out = [
            t("verify_result", verdict=self.verdict_in(lang), reason=self.reason_in(lang)),
            t("verify_document", value=self.document_name_in(lang)),
            t("verify_signer", value=show(self.signer)),
            t("verify_role", value=show(self.signer_role)),
            t("verify_registration", value=show(self.signer_registration)),
            t("verify_issuer", value=show(self.root_line_in(lang))),
            t("verify_fingerprint", value=show(self.signer_fingerprint)),
            t("verify_time", value=show(when)),
            t("verify_content_version", value=show(self.content_version)),
            t("verify_content_sha", value=show(self.content_sha256)),
            t("verify_case_sha", value=show(self.case_sha256)),
            t("verify_export_id", value=show(self.export_id)),
            t("verify_audit", value=show(audit)),
            t("verify_app", value=show(self.app_version)),
            t("verify_pdf_sha", value=self.pdf_sha256),
            *(t("verify_note", value=n) for n in notes),
        ]
        if self.language:  # plans signed before languages were recorded say nothing here
            out.insert(-1 - len(self.notes), t("verify_language", language=LANGUAGE_NAMES.get(
                self.language, self.language)))
        return out


# -- pyHanko's logging: kept, never printed ---------------------------------------------------

_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
_capture_lock = threading.Lock()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # noqa: BLE001 - a bad log record must not fail verification
            pass


@contextmanager
def captured_pyhanko_logs() -> Iterator[_Collect]:
    """pyHanko logs path-validation failures with tracebacks; collect them instead."""
    handler = _Collect()
    with _capture_lock:
        loggers = [logging.getLogger(name) for name in _LOGGERS]
        saved = [(lg.propagate, list(lg.handlers)) for lg in loggers]
        for lg in loggers:
            lg.handlers = [handler]
            lg.propagate = False
        try:
            yield handler
        finally:
            for lg, (propagate, handlers) in zip(loggers, saved, strict=True):
                lg.handlers = handlers
                lg.propagate = propagate


# -- reading ----------------------------------------------------------------------------------


def _metadata(data: bytes) -> tuple[dict[str, str], bytes | None]:
    """The /Keywords facts and the embedded case JSON of ``data`` (None when there is none)."""
    from pypdf import PdfReader

    from .sign import CASE_ATTACHMENT

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        info = reader.metadata or {}
        found = reader.attachments.get(CASE_ATTACHMENT) or [None]
        return parse_keywords(str(info.get("/Keywords", ""))), found[0]
    except Exception:  # noqa: BLE001 - a file we cannot read holds nothing we trust
        return {}, None


def signed_revision(data: bytes, signed_end: int) -> bytes:
    """The file as it was when signed: everything up to the end of the signed byte range."""
    return data[:signed_end]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _name(cert: x509.Certificate, which: str) -> str:
    from cryptography.x509.oid import NameOID

    name = cert.subject if which == "subject" else cert.issuer
    cn = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else name.rfc4514_string()


def verify(data: bytes, judge: Judge,
           archive_lookup: Callable[[str], ArchiveRecord | None] | None = None,
           now: datetime | None = None) -> VerifyResult:
    """The verdict on ``data``; ``judge`` gives the trust verdict on its signer (the
    workstation's anchors and revocation lists). Never raises."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        return _verify(data, digest, judge, archive_lookup, now or datetime.now(UTC))
    except Exception as exc:  # noqa: BLE001 - last resort: a verdict, never a traceback
        return failed("verify_fail_unchecked", digest, {"error": type(exc).__name__})


def _verify(data: bytes, digest: str, judge: Judge,
            archive_lookup: Callable[[str], ArchiveRecord | None] | None,
            now: datetime) -> VerifyResult:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509 import load_der_x509_certificate
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    def fail(key: str, params: Mapping[str, object] | None = None, **facts) -> VerifyResult:
        return failed(key, digest, params, **facts)

    with captured_pyhanko_logs():
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            sigs = reader.embedded_signatures
        except Exception as exc:  # noqa: BLE001 - a damaged file is a failed check
            return fail("verify_fail_unreadable", {"error": type(exc).__name__})
        if not sigs:
            return fail("verify_fail_unsigned")
        if len(sigs) > 1:
            return fail("verify_fail_many_signatures")
        sig = sigs[0]
        try:
            byte_range = [int(x) for x in sig.byte_range]
            signed_end = byte_range[2] + byte_range[3]
            cert = load_der_x509_certificate(sig.signer_cert.dump())
            claimed = sig.self_reported_timestamp
            contents = bytes(sig.pkcs7_content)
            others = carried_certificates(sig, cert)
        except Exception as exc:  # noqa: BLE001 - a corrupted signature dictionary
            return fail("verify_fail_signature_unreadable", {"error": type(exc).__name__},
                        signed=True)

        meta, case_json = _metadata(signed_revision(data, signed_end))
        details = signer_details(cert)
        facts = dict(
            signed=True, signed_end=signed_end, document=meta.get("document"),
            export_id=meta.get("export_id"), signer=details.name, signer_role=details.role,
            signer_registration=details.registration, issuer=_name(cert, "issuer"),
            signer_fingerprint=fingerprint(cert), signing_time=claimed,
            content_version=meta.get("content_version"),
            content_sha256=meta.get("content_sha256"), case_sha256=meta.get("case_sha256"),
            app_version=meta.get("app_version"), audit_seq=_int(meta.get("audit_seq")),
            audit_hash=meta.get("audit_hash"), language=meta.get("language"))

        record = None
        basis: tuple[str, dict[str, object]] | None = None
        if archive_lookup is not None:
            try:
                record = archive_lookup(digest)
            except Exception as exc:  # noqa: BLE001 - the archive is a witness, not the judge
                from ..errors import error_text

                basis = ("verify_basis_unread_archive", {"error": error_text(exc)})
        basis = basis or _time_basis(record)
        facts["archive"] = record
        facts["time_basis_key"], facts["time_basis_params"] = basis
        facts["time_basis"] = english(*basis)

        if claimed is None:
            return fail("verify_fail_no_time", **facts)
        signer = judge(cert, claimed, others, now)
        if signer.anchor is not None:
            facts.update(root_name=signer.anchor.name,
                         root_fingerprint=signer.anchor.fingerprint,
                         root_for_this_check_only=signer.anchor.for_this_check_only)
        else:
            facts["issuer_fingerprint"] = carried_issuer(cert, others)
        roots = [] if signer.anchor is None else [asn1_x509.Certificate.load(
            signer.anchor.cert.public_bytes(serialization.Encoding.DER))]
        try:
            status = validate_pdf_signature(
                sig, ValidationContext(trust_roots=roots, allow_fetching=False,
                                       moment=claimed),
                key_usage_settings=KeyUsageConstraints(
                    key_usage={"digital_signature", "non_repudiation"},
                    match_all_key_usages=False))
        except Exception as exc:  # noqa: BLE001 - e.g. a corrupted signature container
            return fail("verify_fail_signature_unchecked", {"error": type(exc).__name__},
                        **facts)

    intact = bool(status.intact and status.valid)
    facts["intact"] = intact
    if not intact:
        if signer.key == "verify_fail_weak_key":  # too weak for the validator to check
            return fail(signer.key, signer.params, **facts)
        return fail("verify_fail_tampered", **facts)
    if not contents_canonical(data, byte_range, contents):
        return fail("verify_fail_contents_altered", **facts)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return fail("verify_fail_changed_after", **facts)
    if status.docmdp_ok is False:
        return fail("verify_fail_certification", **facts)
    if not signer.ok:
        return fail(signer.key, signer.params, **facts)
    trusted = bool(status.trusted)
    facts["trusted"] = trusted
    if not trusted:  # the validator's own path check disagrees: fail, naming the issuer
        return fail("verify_fail_untrusted", {"issuer": facts["issuer"]}, **facts)
    if not status.bottom_line:
        return fail("verify_fail_policy", **facts)
    notes: tuple[str, ...] = tuple(english(k, p) for k, p in signer.notes)
    note_keys: tuple[tuple[str, Mapping[str, object]] | None, ...] = tuple(signer.notes)
    if facts["document"] is None and case_json is not None and facts["case_sha256"]:
        # Signed by a LeptoDesk from before export ids: a plan with its case, no nurse link.
        facts["document"] = "clinician"
        notes += (english("verify_note_older_plan"),)
        note_keys += (("verify_note_older_plan", {}),)
    elif facts["document"] not in DOCUMENT_NAMES or not facts["case_sha256"] \
            or not facts["export_id"]:
        return fail("verify_fail_not_leptodesk", **facts)
    if facts["document"] == "clinician":
        if case_json is None:
            return fail("verify_fail_no_case", **facts)
        try:
            from ..casefile import case_sha256_as_written

            embedded_sha = case_sha256_as_written(case_json.decode("utf-8"))
        except Exception:  # noqa: BLE001 - InvalidInput or bad encoding
            embedded_sha = None
        if embedded_sha != facts["case_sha256"]:
            return fail("verify_fail_case_mismatch", **facts)
    if record is not None and record.signed_at and not record.imported:
        try:
            archived = datetime.fromisoformat(record.signed_at)
        except ValueError:
            archived = None
        if archived is not None and abs(archived - claimed) > timedelta(seconds=1):
            return fail("verify_fail_archive_time", {"archive_id": record.archive_id},
                        **facts)
    result = VerifyResult(True, OK, digest, notes=notes, note_keys=note_keys, **facts)
    return replace(result, reason=result.reason_in("en"))  # the sentence, for the audit log


def _time_basis(record: ArchiveRecord | None) -> tuple[str, dict[str, object]]:
    """The message key and parameters saying what the signing time rests on."""
    if record is None:
        return "verify_basis_not_archived", {}
    if record.imported:
        return "verify_basis_imported", {"when": record.archived_at,
                                         "archive_id": record.archive_id}
    return "verify_basis_archived", {"archive_id": record.archive_id, "when": record.archived_at}
