"""Verify a signed LeptoDesk PDF: intact, trusted, covering the whole file.

Trust comes from the site roots and identities created on this installation (under
``data_dir()/trust``) plus any certificates the caller names. Nothing is fetched: revocation
data is not looked up over the network (PAdES B-B, offline wards).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .identity import SignerDetails, signer_details, trusted_certificates
from .render import parse_keywords

OK = "intact and trusted"


@dataclass(frozen=True)
class VerifyResult:
    signed: bool
    intact: bool
    trusted: bool
    reason: str  # "intact and trusted" when ok, else why not
    pdf_sha256: str
    signer: str | None = None
    signer_role: str | None = None
    signer_registration: str | None = None
    signing_time: datetime | None = None
    content_version: str | None = None
    content_sha256: str | None = None
    case_sha256: str | None = None
    app_version: str | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.signed and self.intact and self.trusted and not self.problems

    @property
    def verdict(self) -> str:
        return "PASS" if self.ok else "FAIL"

    def lines(self) -> list[str]:
        """What ``leptodesk verify`` prints and the Verify dialog shows."""
        def show(value: object) -> str:
            return "not recorded" if value in (None, "") else str(value)

        when = self.signing_time.isoformat(timespec="seconds") if self.signing_time else None
        signer = self.signer
        if signer and self.signer_role:
            signer = f"{signer} ({self.signer_role}, registration {self.signer_registration})"
        return [
            f"Result: {self.verdict}: {self.reason}",
            f"Signed: {'yes' if self.signed else 'no'}",
            f"Intact: {'yes' if self.intact else 'NO'}",
            f"Trusted signer: {'yes' if self.trusted else 'NO'}",
            f"Signer: {show(signer)}",
            f"Signing time: {show(when)}",
            f"Content version: {show(self.content_version)}",
            f"Content SHA-256: {show(self.content_sha256)}",
            f"Case SHA-256: {show(self.case_sha256)}",
            f"App version: {show(self.app_version)}",
            f"PDF SHA-256: {self.pdf_sha256}",
        ]


def _read(source: Path | bytes) -> bytes:
    return bytes(source) if isinstance(source, bytes | bytearray) else Path(source).read_bytes()


def _metadata(data: bytes) -> tuple[dict[str, str], bytes | None]:
    """The /Keywords facts and the embedded case JSON (None when there is none)."""
    from pypdf import PdfReader

    from .sign import CASE_ATTACHMENT

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        info = reader.metadata or {}
        found = reader.attachments.get(CASE_ATTACHMENT) or [None]
        return parse_keywords(str(info.get("/Keywords", ""))), found[0]
    except Exception:  # noqa: BLE001 - metadata is informative; the signature decides
        return {}, None


def verify(source: Path | bytes, extra_trust: list[Path] | tuple[Path, ...] = ()) -> VerifyResult:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509 import load_der_x509_certificate
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    data = _read(source)
    digest = hashlib.sha256(data).hexdigest()
    meta, case_json = _metadata(data)
    base = dict(pdf_sha256=digest, content_version=meta.get("content_version"),
                content_sha256=meta.get("content_sha256"), case_sha256=meta.get("case_sha256"),
                app_version=meta.get("app_version"))
    from ..fileio import InsecureFile

    try:
        roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
                 for c in trusted_certificates(extra_trust)]
    except InsecureFile as exc:  # a trust folder others can write trusts nobody
        return VerifyResult(False, False, False, str(exc), **base)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 - a damaged file is a failed check, not a crash
        return VerifyResult(False, False, False, f"not a readable PDF ({exc})", **base)
    if not sigs:
        return VerifyResult(False, False, False, "no signature", **base)

    problems: list[str] = []
    details: SignerDetails | None = None
    when = None
    intact = trusted = True
    for sig in sigs:
        try:
            status = validate_pdf_signature(
                sig, ValidationContext(trust_roots=roots, allow_fetching=False),
                key_usage_settings=KeyUsageConstraints(
                    key_usage={"digital_signature", "non_repudiation"},
                    match_all_key_usages=False))
        except Exception as exc:  # noqa: BLE001 - e.g. a corrupted signature container
            return VerifyResult(True, False, False, f"tampered: the signature cannot be "
                                f"checked ({type(exc).__name__})", **base)
        cert = load_der_x509_certificate(status.signing_cert.dump())
        details = signer_details(cert)
        when = status.signer_reported_dt
        intact = intact and status.intact and status.valid
        trusted = trusted and status.trusted
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            problems.append("changed after signing: the signature does not cover the whole file")
        if not status.bottom_line and status.intact and status.valid and status.trusted:
            problems.append("the signature does not meet the signing policy")

    if case_json is None:
        problems.append("no embedded case: this is not a LeptoDesk plan")
    else:
        try:
            from ..casefile import load_case_text

            embedded_sha = load_case_text(case_json.decode("utf-8")).sha256()
        except Exception:  # noqa: BLE001 - InvalidInput or bad encoding
            embedded_sha = None
        if embedded_sha != meta.get("case_sha256"):
            problems.append("the embedded case does not match the case hash in the PDF")

    if not intact:
        reason = "tampered: the signed content was changed after signing"
    elif not trusted:
        reason = ("untrusted signer: the certificate does not chain to a trusted site root or "
                  "identity on this installation (use --trust CERT.pem)")
    elif problems:
        reason = problems[0]
    else:
        reason = OK
    return VerifyResult(
        True, intact, trusted, reason, signer=details.name if details else None,
        signer_role=details.role if details else None,
        signer_registration=details.registration if details else None,
        signing_time=when, problems=tuple(problems), **base)
