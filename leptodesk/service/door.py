"""The door: :class:`Service`, one per process and data folder (``get_service()``). Its
plan, its archive connections and its site values are here; signing, verification and FHIR
are its parts (``signing.py``, ``verifying.py``, ``fhir.py``), and its rooms
(``service.cases``, ``.drafts``, ``.plans``, ``.audit``, ``.archive``, ``.acks``, ``.trust``)
are objects in Anki's manner. Heavy parts (ReportLab, pyHanko, the archive) are imported on
first use.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fhir import Fhir
from .signing import Signing
from .verifying import Verifying

if TYPE_CHECKING:
    from ..archive import Store
    from ..content.site_defaults import SiteDefaults
    from ..errors import Phrase
    from ..models import Case, Plan
    from ..pdf.verdict import VerifyResult
    from ..trust.workstation import Trust
    from .acks import Acks
    from .cases import Cases


class Service(Signing, Verifying, Fhir):
    """The core service for one data folder. Thread-safe for the calls front ends make."""

    def __init__(self, folder: Path | None = None) -> None:
        from ..site import data_dir

        self.folder = Path(folder) if folder is not None else data_dir()
        self._site: SiteDefaults | None = None
        self._lock = threading.RLock()
        self._trust: Trust | None = None
        self._local: Store | None = None
        self._ward: Any = None
        from .rooms import ArchiveRoom, Audit, Drafts, Plans

        self.drafts = Drafts(self)
        self.plans = Plans(self)
        self.audit = Audit(self)
        self.archive = ArchiveRoom(self)

    @property
    def cases(self) -> Cases:
        """Case files and editing a case field by field (the models load on first use)."""
        from .cases import Cases

        return Cases()

    @property
    def acks(self) -> Acks:
        """Acknowledgements: the alerts to answer before signing, an answer checked on its
        own or read from ``--ack``, a set of answers checked against the plan."""
        from .acks import Acks

        return Acks()

    @property
    def trust(self) -> Trust:
        """What this workstation trusts: the anchors and revocation lists of the system trust
        folder, granted by its administrator (``service.trust.anchors()``, ``.add()``,
        ``.add_crl()``, ``.check_signer()``...)."""
        if self._trust is None:
            from ..trust.workstation import Trust

            self._trust = Trust(self.folder, self._audit_failure)
        return self._trust

    # -- content and site values -------------------------------------------------------------
    @property
    def site(self) -> SiteDefaults:
        """The site's defaults, read once from ``site-defaults.json`` in the data folder."""
        with self._lock:
            if self._site is None:
                from ..site import load_site_defaults

                self._site = load_site_defaults(self.folder)
            return self._site

    @property
    def content_version(self) -> str:
        """The guideline content's version, recorded in every plan."""
        from ..content.digest import CONTENT_VERSION

        return CONTENT_VERSION

    def plan(self, case: Case, *, lang: str = "en", today: date | None = None) -> Plan:
        """The guideline's plan for ``case`` with this site's values (the only plan maker),
        its texts in ``lang`` ("en", "fr", "pt"; ``UnknownLanguage`` otherwise). English by
        default: a front end passes the language its user chose (the command line's
        ``--lang``, defaulting from the locale; the wizard's View > Language). The decisions
        are the same in every language. ``today``: the day the plan is made on (the
        workstation's local date unless given; signing passes the signing day)."""
        from ..clinical import build_plan

        return build_plan(case, self.site, lang=lang, today=today or date.today())

    # -- the archive ---------------------------------------------------------------------------
    @property
    def store_path(self) -> Path:
        from ..archive import DB_NAME

        return self.folder / DB_NAME

    def local(self) -> Store:
        """This workstation's store (drafts; signed plans and the audit log unless the site
        has a ward archive; the outbox when it has one), opened once for the process: one
        way into the database file."""
        with self._lock:
            if self._local is None:
                from ..archive import Store

                self._local = Store(self.store_path)
                self._clean_temps()
            return self._local

    def archive_url(self) -> str | None:
        """The ward archive's address: ``LEPTODESK_ARCHIVE_URL``, else ``archive_url`` in
        the administrator's ``archive.json`` in the data folder; None: this workstation's
        store is the archive."""
        from ..archive.postgres import configured_url

        return configured_url(self.folder)

    def archive_for_plans(self) -> Any:
        """Where signed plans and the audit log live: the ward archive when the site has one
        (``Unreachable`` when its server cannot be reached), else the local store."""
        url = self.archive_url()
        if not url:
            return self.local()
        with self._lock:
            ward = self._ward
        if ward is None or ward.url != url:
            from ..archive.postgres import WardArchive

            ward = WardArchive(url)
            with self._lock:
                self._ward = ward
        return ward

    def sync(self) -> Any:
        """Send exports kept in the outbox to the ward archive; None when the site has no
        ward archive. ``SyncReport.error`` says why something is left."""
        if not self.archive_url():
            return None
        from ..archive import StoreError
        from ..archive.outbox import SyncReport, sync

        local = self.local()
        if not local.outbox_count():
            return SyncReport(0, 0, 0)
        try:
            ward = self.archive_for_plans()
        except StoreError as exc:
            return SyncReport(0, 0, local.outbox_count(), exc)
        return sync(local, ward)

    def close(self) -> None:
        """Close the archive connections (the process's one way into each)."""
        with self._lock:
            local, self._local = self._local, None
            ward, self._ward = self._ward, None
        if local is not None:
            local.close()
        if ward is not None:
            ward.close()

    def _clean_temps(self) -> None:
        from ..fileio import clean_temps, keep_temp_register

        keep_temp_register(self.folder)
        try:
            clean_temps()
        except OSError:
            pass

    def read_pdf(self, path: Path) -> bytes:
        """A PDF's bytes: a regular file under the size cap, refused unread otherwise
        (``fileio.NotReadable``, an OSError naming the file)."""
        from ..fileio import read_pdf

        return read_pdf(path)

    def record_print(self, verdict: VerifyResult, **fields: Any) -> Phrase | None:
        """The one ``plan_printed`` row (see ``service.plans.record_print``)."""
        return self.plans.record_print(verdict, **fields)

    def audit_or_note(self, event: str, **fields: Any) -> str | None:
        """Audit an act whose result stands whatever happens to the log: the note to show
        when the row could not be written (the English text, an ``errors.Phrase`` that says
        itself in a language), else None."""
        return self.audit.record_or_note(event, **fields)

    def _audit_failure(self, event: str, **fields: Any) -> tuple[str, str, dict] | None:
        """Audit ``event``; when the row could not be written, the note in English and its
        message key and values (``msg:verify_note_not_audited``), so that a verdict says it in
        its own language; else None."""
        note = self.audit.record_or_note(event, **fields)
        return (str(note), note.key, note.params) if note is not None else None

    def _audited(self, result: VerifyResult, event: str, **fields: Any) -> VerifyResult:
        """``result`` with a note, in every language, when its audit row could not be
        written."""
        failed = self._audit_failure(event, **fields)
        return result.with_note(*failed) if failed else result
