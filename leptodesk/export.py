"""The signed PDF treatment summary: render, sign, verify, reopen. No Qt here.

The wizard's sign page and ``leptodesk export`` call :func:`export_signed`; the Verify dialog
and ``leptodesk verify`` call :func:`verify_pdf`; File > Open plan calls :func:`case_from_pdf`.
ReportLab and pyHanko are imported on first use.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FieldError, InvalidInput
from .fileio import write_atomic
from .models import Case, Plan

if TYPE_CHECKING:
    from .content import SiteDefaults
    from .pdf.verify import VerifyResult

__all__ = [
    "ExportResult", "VerifyResult", "case_from_pdf", "export_signed", "plan_from_pdf",
    "record_export", "render_clinician_summary", "render_nurse_summary", "verify_pdf",
]


@dataclass(frozen=True)
class ExportResult:
    pdf_path: Path
    nurse_path: Path | None
    pdf_sha256: str
    signer_name: str
    signed_at: datetime
    plan: Plan
    signer_role: str = ""
    signer_registration: str = ""
    display_name: str | None = None


def __getattr__(name: str):
    if name == "VerifyResult":
        from .pdf.verify import VerifyResult

        return VerifyResult
    raise AttributeError(name)


def render_clinician_summary(case: Case, plan: Plan, page_size: str = "A4") -> bytes:
    """The full summary, unsigned (marked NOT SIGNED), for preview and printing."""
    from .pdf.render import render_clinician

    return render_clinician(case, plan, page_size).pdf


def render_nurse_summary(case: Case, plan: Plan, signature_status: str,
                         page_size: str = "A4") -> bytes:
    """The one-page nurse summary; ``signature_status`` is printed as given."""
    from .pdf.render import render_nurse

    return render_nurse(case, plan, signature_status, page_size)


def signed_status_text(signer: str, role: str, registration: str, signed_at: datetime,
                       pdf_sha256: str) -> str:
    return (f"Full summary signed by {signer} ({role}, registration {registration}) on "
            f"{signed_at.strftime('%Y-%m-%d %H:%M %Z').strip()}; signed PDF SHA-256 "
            f"{pdf_sha256[:16]}. Verify the signed PDF in LeptoDesk before use.")


def export_signed(case: Case, *, identity: Path, passphrase: bytes, output: Path,
                  nurse_summary: Path | None = None, page_size: str = "A4",
                  site: SiteDefaults | None = None) -> ExportResult:
    """Build the plan, render the clinician summary, embed the case, sign, write the files.

    Raises ``leptodesk.pdf.identity.WrongPassphrase`` / ``IdentityError`` for an unusable
    identity (nothing is written then) and ``OSError`` when a file cannot be written.
    """
    from .pdf.identity import load_identity
    from .pdf.render import SIGNATURE_FIELD, render_clinician
    from .pdf.sign import CASE_ATTACHMENT, PLAN_ATTACHMENT, Attachment, sign_pdf
    from .rules import build_plan
    from .site import load_site_defaults

    loaded = load_identity(Path(identity), passphrase)  # fail before any work on a bad key
    plan = build_plan(case, site if site is not None else load_site_defaults())
    # Whole seconds: the signature's /M holds seconds, and this is also the time returned.
    stamp_time = datetime.now().astimezone().replace(microsecond=0)
    d = loaded.details
    rendered = render_clinician(case, plan, page_size, signer_lines=[
        f"Signed by {d.name}", f"Role: {d.role}", f"Registration: {d.registration}",
        f"Time: {stamp_time.strftime('%Y-%m-%d %H:%M %Z').strip()}"])
    signed = sign_pdf(
        rendered.pdf, loaded, field_name=SIGNATURE_FIELD, page=rendered.signature_page,
        box=rendered.signature_box, stamp_time=stamp_time,
        attachments=[
            Attachment(CASE_ATTACHMENT, case.to_file_json().encode("utf-8"),
                       "The LeptoDesk case this plan was made from (case-file v2)"),
            Attachment(PLAN_ATTACHMENT, plan.model_dump_json(indent=2).encode("utf-8"),
                       "The plan as signed (plan JSON v2)"),
        ])
    signed_at = stamp_time  # the signature's own time (sign_pdf sets it), not re-read
    digest = hashlib.sha256(signed).hexdigest()
    write_atomic(Path(output), signed)
    nurse_path = None
    if nurse_summary is not None:
        status = signed_status_text(d.name, d.role, d.registration, signed_at, digest)
        write_atomic(Path(nurse_summary), render_nurse_summary(case, plan, status, page_size))
        nurse_path = Path(nurse_summary)
    return ExportResult(Path(output), nurse_path, digest, d.name, signed_at, plan, d.role,
                        d.registration, case.patient.display_name)


def record_export(result: ExportResult) -> int:
    """Archive the signed PDF and log "plan_signed" and "plan_exported"; the archive id.

    Call it after :func:`export_signed` succeeded (command line and wizard alike).
    """
    from . import events

    pdf = Path(result.pdf_path).read_bytes()
    plan = result.plan
    archive_id = events.archive_signed_plan(
        pdf, display_name=result.display_name, pathway=plan.pathway.value,
        signer=result.signer_name, signed_at=result.signed_at.isoformat(timespec="seconds"),
        content_version=plan.content_version, case_sha256=plan.case_sha256)
    events.record("plan_signed", user=result.signer_name, case_sha256=plan.case_sha256,
                  pdf_sha256=result.pdf_sha256,
                  detail={"archive_id": archive_id, "content_version": plan.content_version})
    events.record("plan_exported", user=result.signer_name, case_sha256=plan.case_sha256,
                  pdf_sha256=result.pdf_sha256,
                  detail={"nurse_summary": result.nurse_path is not None})
    return archive_id


def verify_pdf(source: Path | bytes, extra_trust: list[Path] = ()) -> VerifyResult:
    """Is the PDF signed, intact, trusted and whole? Never raises for a bad PDF."""
    from .pdf.verify import verify

    return verify(source, extra_trust)


def _attachment(source: Path | bytes, name: str) -> bytes:
    from pypdf import PdfReader

    label = "" if isinstance(source, bytes | bytearray) else str(source)
    data = bytes(source) if isinstance(source, bytes | bytearray) else Path(source).read_bytes()
    try:
        found = PdfReader(io.BytesIO(data), strict=False).attachments.get(name)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise InvalidInput([FieldError("", f"not a readable PDF ({exc})")], label) from None
    if not found:
        raise InvalidInput([FieldError("", f"this PDF holds no LeptoDesk {name} attachment "
                                           "(not a LeptoDesk plan)")], label)
    return found[0]


def case_from_pdf(source: Path | bytes) -> Case:
    """The case embedded in a LeptoDesk PDF. Check :func:`verify_pdf` before trusting it."""
    from .casefile import load_case_text
    from .pdf.sign import CASE_ATTACHMENT

    label = "" if isinstance(source, bytes | bytearray) else f"{source} ({CASE_ATTACHMENT})"
    data = _attachment(source, CASE_ATTACHMENT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput([FieldError("", "the embedded case is not UTF-8 text")],
                           label) from None
    return load_case_text(text, label)


def plan_from_pdf(source: Path | bytes) -> Plan:
    """The plan exactly as signed (for printing the nurse summary of an older plan)."""
    from pydantic import ValidationError

    from .errors import field_errors
    from .pdf.sign import PLAN_ATTACHMENT

    data = _attachment(source, PLAN_ATTACHMENT)
    try:
        return Plan.model_validate_json(data)
    except ValidationError as exc:
        raise InvalidInput(field_errors(exc, Plan), PLAN_ATTACHMENT) from None
