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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from .identity import fingerprint, is_ca, is_self_issued, signer_details
from .render import parse_keywords

if TYPE_CHECKING:
    from cryptography import x509

OK = "intact, signed by an identity issued by a site root trusted here, unchanged since"
DOCUMENT_NAMES = {"clinician": "clinician summary (the signed plan)", "nurse": "nurse summary"}
# A signing time later than now by more than this is refused (clocks drift a little).
CLOCK_SKEW = timedelta(minutes=5)
SELF_ISSUED = "self-issued: not vouched for by a site root"
CHANGED_AFTER = ("changed after signing: something was added after the signed part (a later "
                 "revision or appended bytes), which the signature does not cover")


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

    @property
    def ok(self) -> bool:
        return self.passed

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "FAIL"

    @property
    def headline(self) -> str:
        return f"{self.verdict}: {self.reason}"

    @property
    def document_name(self) -> str:
        return self.document_name_in("en")

    def document_name_in(self, lang: str) -> str:
        from ..i18n import tr

        if self.document == "nurse":
            return tr(lang, "msg:verify_doc_nurse", export_id=self.export_id or tr(
                lang, "msg:verify_no_export_id"))
        if self.document == "clinician":
            return tr(lang, "msg:verify_doc_clinician", export_id=self.export_id or tr(
                lang, "msg:verify_none"))
        return tr(lang, "msg:verify_doc_none")

    def with_note(self, note: str) -> VerifyResult:
        return replace(self, notes=(*self.notes, note))

    def lines(self, lang: str = "en") -> list[str]:
        """What ``leptodesk verify`` prints and every front end shows, in this order, with
        the labels in ``lang``. The verdict word (PASS/FAIL) is the same in every language;
        the reason of a FAIL and the notes are in English (docs/localization.md)."""
        from ..i18n import LANGUAGE_NAMES, tr

        def t(key: str, **fields: object) -> str:
            return tr(lang, f"msg:{key}", **fields)

        def show(value: object) -> str:
            return t("verify_not_recorded") if value in (None, "") else str(value)

        when = None
        if self.signing_time is not None:
            when = self.signing_time.isoformat(timespec="seconds")
            if self.time_basis:
                when += f" ({self.time_basis})"
        audit = (t("verify_audit_entry", seq=self.audit_seq, hash=self.audit_hash)
                 if self.audit_seq is not None else None)
        reason = t("verify_ok") if self.passed and self.reason == OK else self.reason
        out = [
            t("verify_result", verdict=self.verdict, reason=reason),
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
            *(t("verify_note", value=n) for n in self.notes),
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
        return VerifyResult(False, f"the file cannot be checked ({type(exc).__name__})", digest)


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

    def fail(reason: str, **facts) -> VerifyResult:
        return VerifyResult(False, reason, digest, **facts)

    with captured_pyhanko_logs():
        try:
            reader = PdfFileReader(io.BytesIO(data), strict=False)
            sigs = reader.embedded_signatures
        except Exception as exc:  # noqa: BLE001 - a damaged file is a failed check
            return fail(f"not a readable PDF ({type(exc).__name__})")
        if not sigs:
            return fail("no signature: this PDF is not signed, do not use it as a plan")
        if len(sigs) > 1:
            return fail("more than one signature: a LeptoDesk plan carries exactly one, so "
                        "something was added after signing")
        sig = sigs[0]
        try:
            byte_range = [int(x) for x in sig.byte_range]
            signed_end = byte_range[2] + byte_range[3]
            cert = load_der_x509_certificate(sig.signer_cert.dump())
            claimed = sig.self_reported_timestamp
        except Exception as exc:  # noqa: BLE001 - a corrupted signature dictionary
            return fail(f"tampered: the signature cannot be read ({type(exc).__name__})",
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
        if archive_lookup is not None:
            try:
                record = archive_lookup(digest)
            except Exception as exc:  # noqa: BLE001 - the archive is a witness, not the judge
                facts["time_basis"] = (f"the signer's claim only: this workstation's archive "
                                       f"could not be read ({exc})")
        facts["archive"] = record
        if "time_basis" not in facts:
            facts["time_basis"] = _time_basis(record)

        if claimed is None:
            return fail("no signing time in the signature", **facts)
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
            return fail(f"tampered: the signature cannot be checked ({type(exc).__name__})",
                        **facts)

    intact = bool(status.intact and status.valid)
    facts["intact"] = intact
    if not intact:
        return fail("tampered: signed bytes were changed after signing", **facts)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return fail(CHANGED_AFTER, **facts)
    if status.docmdp_ok is False:
        return fail("changed after signing: the changes break the certification", **facts)
    if is_ca(cert):
        return fail("signed with a site root's own key: a site root issues identities and "
                    "cannot sign plans", **facts)
    if is_self_issued(cert):
        return fail(SELF_ISSUED, **facts)
    if not _has_signing_usage(cert):
        return fail("wrong key usage: the signer's certificate is not for digital signatures",
                    **facts)
    if claimed > now + CLOCK_SKEW:
        return fail(f"the signing time {claimed.isoformat(timespec='seconds')} is in the "
                    "future", **facts)
    if not (cert.not_valid_before_utc <= claimed <= cert.not_valid_after_utc):
        return fail(f"the signer's certificate was not valid at the signing time (valid "
                    f"{cert.not_valid_before_utc:%Y-%m-%d} to "
                    f"{cert.not_valid_after_utc:%Y-%m-%d})", **facts)
    trusted = bool(status.trusted)
    facts["trusted"] = trusted
    if not trusted:
        return fail(f"untrusted signer: the certificate was issued by \"{facts['issuer']}\", "
                    "which is not a site root trusted on this workstation (see 'leptodesk "
                    "trust list')", **facts)
    if not status.bottom_line:
        return fail("the signature does not meet the signing policy", **facts)
    notes: tuple[str, ...] = ()
    if facts["document"] is None and case_json is not None and facts["case_sha256"]:
        # Signed by a LeptoDesk from before export ids: a plan with its case, no nurse link.
        facts["document"] = "clinician"
        notes = ("an older LeptoDesk plan, signed before export ids: no signed nurse summary "
                 "belongs to it",)
    elif facts["document"] not in DOCUMENT_NAMES or not facts["case_sha256"] \
            or not facts["export_id"]:
        return fail("not a LeptoDesk plan or nurse summary (its signed metadata names no "
                    "export)", **facts)
    if facts["document"] == "clinician":
        if case_json is None:
            return fail("no embedded case in the signed revision: not a LeptoDesk plan",
                        **facts)
        try:
            from ..casefile import case_sha256_as_written

            embedded_sha = case_sha256_as_written(case_json.decode("utf-8"))
        except Exception:  # noqa: BLE001 - InvalidInput or bad encoding
            embedded_sha = None
        if embedded_sha != facts["case_sha256"]:
            return fail("the embedded case does not match the case hash the PDF shows",
                        **facts)
    if record is not None and record.signed_at and not record.imported:
        try:
            archived = datetime.fromisoformat(record.signed_at)
        except ValueError:
            archived = None
        if archived is not None and abs(archived - claimed) > timedelta(seconds=1):
            return fail("the signing time differs from this workstation's archive record "
                        f"#{record.archive_id}", **facts)
    return VerifyResult(True, OK, digest, notes=notes, **facts)


def _time_basis(record: ArchiveRecord | None) -> str:
    if record is None:
        return "the signer's claim only: this PDF is not in this workstation's archive"
    if record.imported:
        return (f"the signer's claim; this workstation has held it since {record.archived_at} "
                f"(archive #{record.archive_id}, imported)")
    return (f"this workstation's archive record #{record.archive_id}, archived at "
            f"{record.archived_at}")
