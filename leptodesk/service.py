"""The one front door into the core: every front end (wizard, command line, Plans window,
Verify dialog, print, self-test) asks this object, never the modules behind it.

Built once per process from the data folder (:func:`get_service`). It owns the guideline
content and the site's defaults, the store (archive and audit log) and the trust anchors, and
answers ``plan``, ``export``, ``verify``, ``open_signed``, ``archive`` and ``audit``. Because
there is one object, the plan on the review page is the plan that is signed, and a PDF has one
verdict everywhere. Heavy parts (ReportLab, pyHanko, the store) are imported on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import SiteDefaults
    from .export import ExportResult
    from .models import Case, Plan
    from .pdf.verify import VerifyResult


@dataclass(frozen=True)
class SignedPlan:
    """A signed PDF that passed verification, with the case and plan from its signed revision."""

    verdict: VerifyResult
    case: Case
    plan: Plan


class Service:
    """The core service for one data folder. Thread-safe for the calls front ends make."""

    def __init__(self, folder: Path | None = None) -> None:
        from .site import data_dir

        self.folder = Path(folder) if folder is not None else data_dir()
        self._site: SiteDefaults | None = None
        self._lock = threading.Lock()

    # -- content and site values -------------------------------------------------------------
    @property
    def site(self) -> SiteDefaults:
        """The site's defaults, read once from ``site-defaults.json`` in the data folder."""
        with self._lock:
            if self._site is None:
                from .site import load_site_defaults

                self._site = load_site_defaults(self.folder)
            return self._site

    def plan(self, case: Case) -> Plan:
        """The guideline's plan for ``case`` with this site's values (the only plan maker)."""
        from .rules import build_plan

        return build_plan(case, self.site)

    # -- signing and verification ------------------------------------------------------------
    def export(self, case: Case, *, identity: Path, passphrase: bytes, output: Path,
               nurse_summary: Path | None = None, page_size: str = "A4",
               force: bool = False) -> ExportResult:
        """Plan, render, sign, archive and audit, then write the files."""
        from .export import export_signed, record_export

        result = export_signed(case, identity=identity, passphrase=passphrase, output=output,
                               nurse_summary=nurse_summary, page_size=page_size, site=self.site)
        record_export(result)
        return result

    def verify(self, source: Path | bytes, extra_trust: list[Path] = ()) -> VerifyResult:
        """The one verdict on a PDF (PASS or FAIL with a plain reason). Never raises."""
        from .export import verify_pdf

        return verify_pdf(source, list(extra_trust))

    def open_signed(self, source: Path | bytes) -> SignedPlan:
        """Verify first; the case and plan only from a PDF that passes.

        Raises ``leptodesk.errors.InvalidInput`` naming the verdict when the PDF fails.
        """
        from .errors import FieldError, InvalidInput
        from .export import case_from_pdf, plan_from_pdf

        verdict = self.verify(source)
        if not verdict.ok:
            label = "" if isinstance(source, bytes | bytearray) else str(source)
            raise InvalidInput([FieldError("", f"FAIL: {verdict.reason}")], label)
        return SignedPlan(verdict, case_from_pdf(source), plan_from_pdf(source))

    # -- store -------------------------------------------------------------------------------
    def audit(self, event: str, **fields: Any) -> None:
        """Append an event to the audit log (see ``leptodesk.events``)."""
        from . import events

        events.record(event, **fields)


_services: dict[Path, Service] = {}
_services_lock = threading.Lock()


def get_service(folder: Path | None = None) -> Service:
    """The process's service for the data folder (``LEPTODESK_HOME`` or the platform's)."""
    from .site import data_dir

    key = Path(folder) if folder is not None else data_dir()
    with _services_lock:
        service = _services.get(key)
        if service is None:
            service = _services[key] = Service(key)
        return service


def reset_services() -> None:
    """Forget every service (tests that change the data folder or its files)."""
    with _services_lock:
        _services.clear()
