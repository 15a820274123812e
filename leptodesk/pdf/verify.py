"""One verdict on a signed LeptoDesk PDF: PASS, or FAIL with the reason in plain words.

PASS means: these exact bytes were signed by an end-entity certificate that a site root
trusted on this workstation issued, for digital signatures, valid at the signing time, and
nothing was added or changed since (no later revision). Everything else is FAIL, with the
first reason a nurse or an IT-security officer can act on. Nothing is fetched (offline wards);
pyHanko's own logging is captured so that no traceback ever reaches a terminal.

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
from .identity import fingerprint, is_ca, is_self_issued, signer_details
from .render import parse_keywords

if TYPE_CHECKING:
    from cryptography import x509

OK = "intact, signed by an identity issued by a site root trusted here, unchanged since"
DOCUMENT_NAMES = {"clinician": "clinician summary (the signed plan)", "nurse": "nurse summary"}
# A signing time later than now by more than this is refused (clocks drift a little).
CLOCK_SKEW = timedelta(minutes=5)
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

    @property
    def ok(self) -> bool:
        return self.passed

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "FAIL"

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

        if self.passed and self.reason == OK:
            return tr(lang, "msg:verify_ok")
        if self.reason_key:
            return tr(lang, f"msg:{self.reason_key}", **self.reason_params)
        return self.reason

    def headline_in(self, lang: str) -> str:
        """``headline`` in ``lang``: the verdict word (PASS/FAIL, the same in every language)
        and the reason in the language, without the "Result:" label."""
        from ..i18n import colon

        return f"{self.verdict}{colon(lang)} {self.reason_in(lang)}"

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
            t("verify_result", verdict=self.verdict, reason=self.reason_in(lang)),
            t("verify_document", value=self.document_name_in(lang)),
            t("verify_signer", value=show(self.signer)),
            t("verify_role", value=show(self.signer_role)),
            t("verify_registration", value=show(self.signer_registration)),
            t("verify_issuer", value=show(self.issuer)),
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


def _has_signing_usage(cert: x509.Certificate) -> bool:
    from cryptography import x509 as cx509

    try:
        usage = cert.extensions.get_extension_for_class(cx509.KeyUsage).value
    except cx509.ExtensionNotFound:
        return False
    return bool(usage.digital_signature or usage.content_commitment)


def verify(data: bytes, anchors: list[x509.Certificate],
           archive_lookup: Callable[[str], ArchiveRecord | None] | None = None,
           now: datetime | None = None) -> VerifyResult:
    """The verdict on ``data`` against the trust ``anchors`` (site roots). Never raises."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        return _verify(data, digest, anchors, archive_lookup, now or datetime.now(UTC))
    except Exception as exc:  # noqa: BLE001 - last resort: a verdict, never a traceback
        return failed("verify_fail_unchecked", digest, {"error": type(exc).__name__})


def _verify(data: bytes, digest: str, anchors: list[x509.Certificate],
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
        roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
                 for c in anchors]
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
        return fail("verify_fail_tampered", **facts)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return fail("verify_fail_changed_after", **facts)
    if status.docmdp_ok is False:
        return fail("verify_fail_certification", **facts)
    if is_ca(cert):
        return fail("verify_fail_root_key", **facts)
    if is_self_issued(cert):
        return fail("verify_fail_self_issued", **facts)
    if not _has_signing_usage(cert):
        return fail("verify_fail_key_usage", **facts)
    if claimed > now + CLOCK_SKEW:
        return fail("verify_fail_future", {"when": claimed.isoformat(timespec="seconds")},
                    **facts)
    if not (cert.not_valid_before_utc <= claimed <= cert.not_valid_after_utc):
        return fail("verify_fail_cert_expired",
                    {"start": f"{cert.not_valid_before_utc:%Y-%m-%d}",
                     "end": f"{cert.not_valid_after_utc:%Y-%m-%d}"}, **facts)
    trusted = bool(status.trusted)
    facts["trusted"] = trusted
    if not trusted:
        return fail("verify_fail_untrusted", {"issuer": facts["issuer"]}, **facts)
    if not status.bottom_line:
        return fail("verify_fail_policy", **facts)
    notes: tuple[str, ...] = ()
    note_keys: tuple[tuple[str, Mapping[str, object]] | None, ...] = ()
    if facts["document"] is None and case_json is not None and facts["case_sha256"]:
        # Signed by a LeptoDesk from before export ids: a plan with its case, no nurse link.
        facts["document"] = "clinician"
        notes = (english("verify_note_older_plan"),)
        note_keys = (("verify_note_older_plan", {}),)
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
    return VerifyResult(True, OK, digest, notes=notes, note_keys=note_keys, **facts)


def _time_basis(record: ArchiveRecord | None) -> tuple[str, dict[str, object]]:
    """The message key and parameters saying what the signing time rests on."""
    if record is None:
        return "verify_basis_not_archived", {}
    if record.imported:
        return "verify_basis_imported", {"when": record.archived_at,
                                         "archive_id": record.archive_id}
    return "verify_basis_archived", {"archive_id": record.archive_id, "when": record.archived_at}
