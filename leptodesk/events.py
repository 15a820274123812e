"""Recording what happens to cases and plans: the audit log and the plans archive.

Callers (command line, wizard) call these at the moment an event happens; they are implemented
on the local SQLite store (``leptodesk.store``) in the data folder. Kept tiny and import-light:
the store is imported and opened on first use, one short connection per call, so these are safe
to call from any thread and from several app instances at once.

Events: "case_created", "plan_signed", "plan_exported", "plan_printed", "plan_verified",
"identity_created".

Both raise ``leptodesk.store.StoreError`` (an OSError; ``str()`` is a message for the user) when
the store cannot be written (disk full, read-only folder), and ValueError for an unknown event
or a detail that names patient data or a secret.
"""

from __future__ import annotations

import os
from typing import Any


def workstation_user() -> str:
    """Who is logged in to this workstation (the person who printed, verified, opened)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name and no passwd entry
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def record(event: str, *, user: str | None = None, case_sha256: str | None = None,
           pdf_sha256: str | None = None, detail: dict[str, Any] | None = None) -> None:
    """Append an event to the audit log. Never pass patient data or passphrases in detail.

    ``user`` is the person who acted: the signer for a signature, else (when not given) the
    workstation user -- never a plan's signer for someone else's print or verification.
    """
    from .store import open_store

    with open_store() as store:
        store.append_event(event, user=user or workstation_user(), case_sha256=case_sha256,
                           pdf_sha256=pdf_sha256, detail=detail)


def archive_signed_plan(pdf_bytes: bytes, *, display_name: str | None, pathway: str,
                        signer: str, signed_at: str, content_version: str,
                        case_sha256: str) -> int:
    """Keep a signed plan in the plans archive; returns its archive id."""
    from .store import open_store

    with open_store() as store:
        return store.archive_plan(pdf_bytes, display_name=display_name, pathway=pathway,
                                  signer=signer, signed_at=signed_at,
                                  content_version=content_version, case_sha256=case_sha256)
