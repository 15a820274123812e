"""``leptodesk archive migrate --to URL``: a workstation's signed plans into the ward archive.

Checked first (every archived PDF re-hashed, the audit chain against the anchors inside them):
a damaged archive is not moved. Each plan is sent with a ``plan_imported`` row naming where it
came from, in its own transaction, keyed by its signed content, so a second run (or a run cut
off half-way) moves only what is missing: idempotent and resumable. The workstation's store
keeps its copies and its own chain (the anchors inside those PDFs belong to that chain).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .records import StoreError, workstation_user


@dataclass(frozen=True)
class MigrateReport:
    plans: int
    moved: int
    already: int


def migrate(local: Any, to_url: str) -> MigrateReport:
    from .postgres import WardArchive, display_url

    report, _hashed, bad = local.audit_and_hashes()  # each PDF read once for both
    if bad:
        raise StoreError("archive_migrate_damaged", ids=", ".join(f"#{i}" for i in bad[:20]))
    if not report.ok:
        raise StoreError("archive_migrate_chain", reason=report.reason)
    ward = WardArchive(to_url)
    moved = already = 0
    source = str(local.path)
    try:
        plans = sorted(local.list_plans(), key=lambda p: p.id)
        for info in plans:
            pdf = local.plan_pdf(info.id)
            before = ward.find_signed(pdf)
            if before is not None:
                already += 1
                continue
            ward.archive_export(
                pdf, local.nurse_pdf(info.id), display_name=info.display_name,
                pathway=info.pathway, signer=info.signer, signed_at=info.signed_at,
                content_version=info.content_version, case_sha256=info.case_sha256,
                export_id=info.export_id or "", audit_seq=info.audit_seq,
                audit_hash=info.audit_hash, imported=True, existing_ok=True,
                events=[dict(event="plan_imported", user=workstation_user(),
                             case_sha256=info.case_sha256, pdf_sha256=info.pdf_sha256,
                             detail={"export_id": info.export_id, "migrated_from": source,
                                     "source_archive_id": info.id,
                                     "source_archived_at": info.archived_at,
                                     "nurse_summary": info.has_nurse_pdf,
                                     "to": display_url(to_url)})])
            moved += 1
    finally:
        ward.close()
    return MigrateReport(len(plans), moved, already)
