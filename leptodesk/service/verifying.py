"""``service.verify``, ``open_signed`` and ``import_signed``: the one verdict on a PDF, and the
case and plan only from the signed revision of a plan that passes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .results import ImportResult, NoNurseSummary, SignedPlan, _refused

if TYPE_CHECKING:
    from ..pdf.verdict import ArchiveRecord, VerifyResult

# Verdicts whose signer no granted root issued: where an earlier version's per-user roots, now
# ignored, would have made a difference (the verdict then says so in a note).
UNTRUSTED_ISSUER = frozenset({"verify_fail_untrusted", "verify_fail_namesake"})


def _answers_bound(result: VerifyResult, data: bytes) -> VerifyResult:
    """``result``, or a FAIL when it passes but the signed plan's acknowledgements are not
    each the answer to its alert as signed (``acknowledge.binding_problems``): LeptoDesk
    never signs such a plan, so only other software with a trusted identity makes one."""
    if not result.ok or result.document != "clinician":
        return result
    from dataclasses import replace

    from ..acknowledge import binding_problems
    from ..errors import InvalidInput
    from ..export import plan_from_pdf
    from ..pdf.verdict import english
    from ..pdf.verify import signed_revision

    try:
        plan = plan_from_pdf(signed_revision(data, result.signed_end or len(data)))
    except InvalidInput:  # a plan it cannot read: open_signed refuses it, saying so
        return result
    unbound = binding_problems(plan)
    if not unbound:
        return result
    key, params = "verify_fail_acks_unbound", {"ids": ", ".join(unbound)}
    return replace(result, passed=False, reason=english(key, params), reason_key=key,
                   reason_params=params)


class Verifying:
    """The door's verification (a part of :class:`~leptodesk.service.Service`)."""

    def _archive_record(self, pdf_sha256: str) -> ArchiveRecord | None:
        from ..pdf.verdict import ArchiveRecord

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
        from ..pdf.verify import verify
        from ..trust.identity import root_certificate

        data = bytes(source) if isinstance(source, bytes | bytearray) else \
            self.read_pdf(Path(source))
        extra = [root_certificate(Path(p)) for p in extra_trust]

        def judge(cert, signing_time, others, now):
            return self.trust.check_signer(cert, signing_time, extra=extra, others=others,
                                           now=now)

        result = _answers_bound(verify(data, judge, self._archive_record), data)
        if not result.ok and result.reason_key in UNTRUSTED_ISSUER:
            # Why a root this user trusted before no longer counts, on every front end.
            notice = self.trust.legacy_notice()
            if notice is not None:
                result = result.with_note(str(notice), notice.key, notice.params)
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

        from ..pdf.verdict import failed

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
        from ..errors import InvalidInput
        from ..export import case_from_pdf, plan_from_pdf
        from ..pdf.verify import signed_revision

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
        from ..migrate import v1_sha256

        # A plan signed from a version 1 case carries the version 1 hash (verify has already
        # checked the embedded text against it, in the version it was written in).
        if verdict.case_sha256 not in (case.sha256(), v1_sha256(case)):
            raise _refused("refused_case_hash", verdict)
        return SignedPlan(verdict, case, plan)

    def extract_case(self, source: Path, output: Path, *, force: bool = False) -> SignedPlan:
        """Write the signed case of a plan that verifies to ``output`` (atomically).
        ``OutputRefused`` for an output that would overwrite the PDF, a folder, a device or an
        existing file (unless ``force``), before anything is read; ``Refused`` with the verdict
        when the PDF fails (nothing written)."""
        from ..export import check_outputs, write_outputs

        source, output = Path(source), Path(output)
        check_outputs([output], protected=[source], force=force)
        opened = self.open_signed(source)
        write_outputs([(output, opened.case.to_file_json().encode("utf-8"))])
        return opened

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
        from ..archive.records import workstation_user

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
