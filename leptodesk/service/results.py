"""What the door answers with: a signed plan opened, an import, a FHIR export, and the
refusals front ends show (each says itself in every language)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KeyedMessage

if TYPE_CHECKING:
    from ..models import Case, Plan
    from ..pdf.verdict import VerifyResult


@dataclass(frozen=True)
class SignedPlan:
    """A signed PDF that passed verification, with the case and plan from its signed revision."""

    verdict: VerifyResult
    case: Case
    plan: Plan

    def export_result(self, path: Path) -> ExportResult:
        """The signed state of this plan opened from ``path``, as an export's result (a case
        reopened from a signed plan is not signed twice)."""
        v = self.verdict
        return ExportResult(
            path, None, v.pdf_sha256, v.signer or "", v.signing_time, self.plan,
            v.signer_role or "", v.signer_registration or "", self.case.patient.display_name,
            v.export_id or "", v.archive.archive_id if v.archive is not None else None, "",
            v.audit_seq, v.audit_hash, False)


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
        from ..i18n import tr

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
    from ..messages import MESSAGES

    fields = dict(params)
    if verdict is not None:
        fields.setdefault("headline", verdict.headline)
    if invalid is not None:
        fields["errors"] = invalid.describe()
    return Refused(MESSAGES[key].format(**fields), verdict, key=key, params=params,
                   invalid=invalid)


@dataclass(frozen=True)
class ExportResult:
    pdf_path: Path | None
    nurse_path: Path | None
    pdf_sha256: str
    signer_name: str
    signed_at: datetime
    plan: Plan
    signer_role: str = ""
    signer_registration: str = ""
    display_name: str | None = None
    export_id: str = ""
    archive_id: int | None = None
    nurse_sha256: str = ""
    audit_seq: int | None = None
    audit_hash: str | None = None
    self_issued: bool = False
    queued: bool = False  # the ward server could not be reached: kept in the outbox
    notes: tuple[str, ...] = ()  # e.g. the plan_exported row could not be written

    @property
    def check_code(self) -> str:
        """The ``XXXX-XXXX`` printed on every page of both PDFs ("" before an export id)."""
        from ..checkcode import check_code

        return check_code(self.export_id) if self.export_id else ""
