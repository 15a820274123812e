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
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ..trust.identity import fingerprint, signer_details
from .container import carried_certificates, carried_issuer, contents_canonical
from .layout import parse_keywords
from .verdict import (
    DOCUMENT_NAMES,
    OK,
    ArchiveRecord,
    VerifyResult,
    _time_basis,
    english,
    failed,
)

if TYPE_CHECKING:
    from cryptography import x509

    from ..trust.rules import SignerVerdict

    # The trust verdict on the signer: (certificate, signing time, the other certificates the
    # signature carries, now) -> SignerVerdict (leptodesk.trust.check_signer with the
    # workstation's anchors).
    Judge = Callable[[x509.Certificate, datetime, list[x509.Certificate], datetime],
                     SignerVerdict]


_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
KEY_REFUSALS = ("verify_fail_weak_key", "verify_fail_key_type")
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
        if signer.key in KEY_REFUSALS:  # a key the validator may not check at all
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
