"""Recording what happens to cases and plans: the audit log and the plans archive.

Callers (command line, wizard) call these at the moment an event happens; the store issue
implements them on the local SQLite store. Kept tiny and import-light: the store is imported
on first use.

Events: "case_created", "plan_signed", "plan_exported", "plan_printed", "plan_verified",
"identity_created".
"""

from __future__ import annotations

from typing import Any


def record(event: str, *, user: str | None = None, case_sha256: str | None = None,
           pdf_sha256: str | None = None, detail: dict[str, Any] | None = None) -> None:
    """Append an event to the audit log. Never pass patient data or passphrases in detail."""
    raise NotImplementedError("the audit log is delivered by the store issue")


def archive_signed_plan(pdf_bytes: bytes, *, display_name: str | None, pathway: str,
                        signer: str, signed_at: str, content_version: str,
                        case_sha256: str) -> int:
    """Keep a signed plan in the plans archive; returns its archive id."""
    raise NotImplementedError("the plans archive is delivered by the store issue")
