"""Signed exports: render both summaries, sign both in memory, and read plans back. No Qt here.

Front ends never call this module: they ask ``leptodesk.service.Service`` (``export``,
``verify``, ``open_signed``), which archives, audits and writes the files as one transaction.
ReportLab and pyHanko are imported on first use.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FieldError, InvalidInput, OutputRefused
from .models import Case, Plan

if TYPE_CHECKING:
    from collections.abc import Callable

    from .trust.identity import LoadedIdentity

__all__ = [
    "SignedExport", "case_from_pdf", "check_outputs", "plan_from_pdf",
    "render_clinician_summary", "render_nurse_summary", "sign_export", "write_outputs",
]


@dataclass(frozen=True)
class SignedExport:
    """Both PDFs of one export, signed in memory, not yet archived or written."""

    export_id: str
    plan: Plan
    pdf: bytes = field(repr=False)
    nurse_pdf: bytes = field(repr=False)
    signed_at: datetime
    audit_seq: int
    audit_hash: str


def render_clinician_summary(case: Case, plan: Plan, page_size: str = "A4") -> bytes:
    """The full summary, unsigned (marked NOT SIGNED), for preview and printing."""
    from .pdf.clinician import render_clinician

    return render_clinician(case, plan, page_size).pdf


def render_nurse_summary(case: Case, plan: Plan, signature_status: str,
                         page_size: str = "A4") -> bytes:
    """The one-page nurse summary, unsigned; ``signature_status`` is printed as given."""
    from .pdf.nurse import render_nurse

    return render_nurse(case, plan, signature_status, page_size)


def nurse_signature_text(signer: str, role: str, registration: str, signed_at: datetime,
                         export_id: str, case_sha256: str, lang: str = "en") -> str:
    from .i18n import tr

    return tr(lang, "msg:sign_nurse_status", signer=signer, role=role,
              registration=registration, when=_when(signed_at, lang), export_id=export_id,
              case_sha256=case_sha256)


def _when(signed_at: datetime, lang: str) -> str:
    """The signing time with its zone, as the language writes dates."""
    if lang == "en":
        return signed_at.strftime('%Y-%m-%d %H:%M %Z').strip()
    from .i18n import format_datetime

    return f"{format_datetime(signed_at, lang)} {signed_at.strftime('%Z')}".strip()


def sign_export(case: Case, plan: Plan, identity: LoadedIdentity, *, audit_seq: int,
                audit_hash: str, page_size: str = "A4",
                signing_time: datetime | None = None) -> SignedExport:
    """Render the clinician summary and the nurse summary and certify-sign both, in memory,
    with one export id, the case hash and the audit head at signing in each."""
    from .pdf.clinician import render_clinician
    from .pdf.layout import NURSE_SIGNATURE_FIELD, SIGNATURE_FIELD, ExportMark
    from .pdf.nurse import render_nurse
    from .pdf.sign import CASE_ATTACHMENT, PLAN_ATTACHMENT, Attachment, sign_pdf

    export_id = str(uuid.uuid4())
    # Whole seconds: the signature's /M holds seconds, and this is also the time returned.
    stamp_time = (signing_time or datetime.now()).astimezone().replace(microsecond=0)
    from .i18n import tr

    d = identity.details
    lang = plan.language
    when = _when(stamp_time, lang)
    rendered = render_clinician(case, plan, page_size, signer_lines=[
        tr(lang, "msg:sign_by", name=d.name), tr(lang, "msg:sign_role", role=d.role),
        tr(lang, "msg:sign_registration", registration=d.registration),
        tr(lang, "msg:sign_time", when=when), tr(lang, "msg:sign_export", export_id=export_id)],
        mark=ExportMark(export_id, "clinician", audit_seq, audit_hash))
    pdf = sign_pdf(
        rendered.pdf, identity, field_name=SIGNATURE_FIELD, page=rendered.signature_page,
        box=rendered.signature_box, stamp_time=stamp_time,
        attachments=[
            Attachment(CASE_ATTACHMENT, case.to_file_json().encode("utf-8"),
                       "The LeptoDesk case this plan was made from (case-file v2)"),
            Attachment(PLAN_ATTACHMENT, plan.model_dump_json(indent=2).encode("utf-8"),
                       "The plan as signed (plan JSON v2)"),
        ])
    status = nurse_signature_text(d.name, d.role, d.registration, stamp_time, export_id,
                                  plan.case_sha256, lang)
    nurse = render_nurse(case, plan, status, page_size,
                         mark=ExportMark(export_id, "nurse", audit_seq, audit_hash))
    nurse_pdf = sign_pdf(nurse, identity, field_name=NURSE_SIGNATURE_FIELD, page=1, box=None,
                         stamp_time=stamp_time)
    return SignedExport(export_id, plan, pdf, nurse_pdf, stamp_time, audit_seq, audit_hash)


# -- output paths -------------------------------------------------------------------------------


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_outputs(outputs: list[Path], *, protected: list[Path], force: bool = False) -> None:
    """Refuse an output that is a protected file (identity, case), another output, a
    directory, a device, or an existing file (unless ``force``). Raises OutputRefused."""
    seen: list[Path] = []
    for out in outputs:
        out = Path(out)
        resolved = out.resolve()
        for other in seen:
            if resolved == other.resolve() or _same(out, other):
                raise OutputRefused("out_same", out=out)
        for keep in protected:
            if keep is not None and (resolved == Path(keep).resolve() or _same(out, keep)):
                raise OutputRefused("out_input", out=out, keep=keep)
        if out.is_dir():
            raise OutputRefused("out_folder", out=out)
        if out.exists() or out.is_symlink():
            try:
                mode = out.stat().st_mode
            except OSError:
                mode = 0
            if not stat.S_ISREG(mode):
                raise OutputRefused("out_special", out=out)
            if not force:
                raise OutputRefused("out_exists", out=out)
        if not out.parent.is_dir():
            raise OutputRefused("out_no_folder", out=out, folder=out.parent)
        seen.append(out)


def write_outputs(files: list[tuple[Path, bytes]],
                  before_placing: Callable[[], None] | None = None) -> None:
    """Write every file to a temporary file beside it (fsynced, 0600), then rename each into
    place: no half-written file, and nothing renamed unless all were written.

    ``before_placing`` runs once every file is written and fsynced, before the first rename:
    the export's audit row goes there, so that a kill at any moment never leaves a placed file
    the log does not know of. A kill after it and before the renames leaves the row without
    the file (the temporary files are removed at the next start; the archive keeps the PDF).
    An exception from it places nothing."""
    from .fileio import TEMP_SUFFIX, forget_temp, note_temp

    temps: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            path = Path(path)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                       dir=path.parent)
            temps.append((tmp, path))
            note_temp(tmp)  # a kill now: removed at the next start (fileio.clean_temps)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        if before_placing is not None:
            before_placing()
        for tmp, path in temps:
            os.replace(tmp, path)
        for folder in {path.parent for _, path in temps}:
            _fsync_folder(folder)
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        for tmp, _ in temps:
            forget_temp(tmp)


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable (a power cut after the export keeps the files); a folder that
    cannot be opened for it (some network shares, Windows) is left to the system."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- reading plans back ---------------------------------------------------------------------------


def _attachment(data: bytes, name: str, label: str) -> bytes:
    from pypdf import PdfReader

    try:
        found = PdfReader(io.BytesIO(data), strict=False).attachments.get(name)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise InvalidInput([FieldError("", f"not a readable PDF ({exc})")], label) from None
    if not found:
        raise InvalidInput([FieldError("", f"this PDF holds no LeptoDesk {name} attachment "
                                           "(not a LeptoDesk plan)")], label)
    return found[0]


def case_from_pdf(signed_revision: bytes, label: str = "") -> Case:
    """The case embedded in the signed revision of a plan that passed verification (the
    service's ``open_signed`` is the only caller)."""
    from .casefile import load_case_text
    from .pdf.sign import CASE_ATTACHMENT

    data = _attachment(signed_revision, CASE_ATTACHMENT, label)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput([FieldError("", "the embedded case is not UTF-8 text")],
                           label) from None
    return load_case_text(text, f"{label} ({CASE_ATTACHMENT})" if label else CASE_ATTACHMENT)


def plan_from_pdf(signed_revision: bytes, label: str = "") -> Plan:
    """The plan exactly as signed (from the signed revision of a verified plan)."""
    from pydantic import ValidationError

    from .errors import field_errors
    from .pdf.sign import PLAN_ATTACHMENT

    data = _attachment(signed_revision, PLAN_ATTACHMENT, label)
    try:
        return Plan.model_validate_json(data)
    except ValidationError as exc:
        raise InvalidInput(field_errors(exc, Plan), PLAN_ATTACHMENT) from None
