"""The verdict on a signed LeptoDesk PDF as people read it: PASS, or FAIL with the reason in
plain words, in every language, with the signer, the signing time and what it rests on
(:class:`VerifyResult`). :mod:`leptodesk.pdf.verify` reaches it; front ends get it from
``service.verify``. A FHIR bundle's verdict says its lines through :func:`verdict_lines` too,
so both say them in the same words and order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field, replace
from datetime import datetime

from ..messages import MESSAGES

OK = "intact, signed by an identity issued by a site root trusted here, unchanged since"
DOCUMENT_NAMES = {"clinician": "clinician summary (the signed plan)", "nurse": "nurse summary"}
SELF_ISSUED = MESSAGES["verify_fail_self_issued"]
CHANGED_AFTER = MESSAGES["verify_fail_changed_after"]


def english(key: str, params: Mapping[str, object] | None = None) -> str:
    """The English text of the verify message ``key`` (``messages.MESSAGES``, no ``msg:``)."""
    return MESSAGES[key].format(**(params or {}))


def failed(key: str, pdf_sha256: str, /, params: Mapping[str, object] | None = None,
           **facts) -> VerifyResult:
    """A FAIL whose reason is the message ``key`` with ``params``: ``reason`` in English (the
    audit log, JSON), ``reason_key``/``reason_params`` for every other language."""
    params = dict(params or {})
    return VerifyResult(False, english(key, params), pdf_sha256, reason_key=key,
                        reason_params=params, **facts)


@dataclass(frozen=True)
class SignedVerdict:
    """What every verdict on a signed thing says of it, a PDF's (:class:`VerifyResult`) and a
    FHIR bundle's (``leptodesk.fhir.verify.BundleVerdict``): PASS or FAIL, who signed it and
    when, under which site root, and the hashes and export it names (the facts are given by
    name)."""

    passed: bool
    _: KW_ONLY
    signer: str | None = None
    signer_role: str | None = None
    signer_registration: str | None = None
    issuer: str | None = None
    signer_fingerprint: str | None = None
    signing_time: datetime | None = None
    content_version: str | None = None
    content_sha256: str | None = None
    case_sha256: str | None = None
    export_id: str | None = None
    # The trusted site root that issued the signer's certificate (None: no trusted root did).
    root_name: str | None = None
    root_fingerprint: str | None = None
    root_for_this_check_only: bool = False  # given with ``--trust``, not granted here

    @property
    def ok(self) -> bool:
        return self.passed

    @property
    def verdict(self) -> str:
        """PASS or FAIL (English: the audit log, JSON, exit status); :meth:`verdict_in` for
        the word a person reads."""
        return "PASS" if self.passed else "FAIL"

    def verdict_in(self, lang: str) -> str:
        """PASS or FAIL in ``lang`` ("VALIDE"/"REJETÉ", "VÁLIDO"/"REJEITADO")."""
        from ..i18n import tr

        return tr(lang, "msg:verdict_pass" if self.passed else "msg:verdict_fail")

    def reason_in(self, lang: str) -> str:
        """Why, in ``lang`` (each kind of verdict says it in its own words)."""
        raise NotImplementedError

    def root_line_in(self, lang: str) -> str | None:
        """The site root that vouches for the signer, or the signer's issuer (each kind)."""
        raise NotImplementedError

    def headline_in(self, lang: str) -> str:
        """The verdict in one complete sentence in ``lang``, without the "Result:" label:
        "PASS: this plan is intact and was signed by Dr A on Mon 7 Dec 2026 at 10:32 (local
        time)", "FAIL: <the reason>"; the verdict word in the language."""
        from ..i18n import colon

        return f"{self.verdict_in(lang)}{colon(lang)} {self.reason_in(lang)}"


def labelled(lang: str, key: str, value: object) -> str:
    """One verdict line, ``key``'s label in ``lang`` and ``value`` ("not recorded" when
    there is none)."""
    from ..i18n import tr

    shown = tr(lang, "msg:verify_not_recorded") if value in (None, "") else str(value)
    return tr(lang, f"msg:{key}", value=shown)


def verdict_lines(v: SignedVerdict, lang: str, *, document: str, time_basis: str | None,
                  tail: Iterable[str] = (), notes: Iterable[str] = ()) -> list[str]:
    """The lines of a verdict in ``lang``, in the one order and the same words for a PDF and a
    FHIR bundle: the result, ``document`` (what was checked), the signer, role, registration,
    issuer, fingerprint, the signing time with ``time_basis`` (what it rests on), the content
    version and hash, the case hash, the export id; then ``tail`` (what only this kind of
    document has: a PDF's audit entry, app, language and hash; a bundle's hash) and a line
    for each of ``notes``."""
    from ..i18n import tr

    when = None
    if v.signing_time is not None:
        when = v.signing_time.isoformat(timespec="seconds")
        if time_basis:
            when += f" ({time_basis})"
    return [
        tr(lang, "msg:verify_result", verdict=v.verdict_in(lang), reason=v.reason_in(lang)),
        tr(lang, "msg:verify_document", value=document),
        labelled(lang, "verify_signer", v.signer),
        labelled(lang, "verify_role", v.signer_role),
        labelled(lang, "verify_registration", v.signer_registration),
        labelled(lang, "verify_issuer", v.root_line_in(lang)),
        labelled(lang, "verify_fingerprint", v.signer_fingerprint),
        labelled(lang, "verify_time", when),
        labelled(lang, "verify_content_version", v.content_version),
        labelled(lang, "verify_content_sha", v.content_sha256),
        labelled(lang, "verify_case_sha", v.case_sha256),
        labelled(lang, "verify_export_id", v.export_id),
        *tail,
        *(tr(lang, "msg:verify_note", value=n) for n in notes),
    ]


@dataclass(frozen=True)
class ArchiveRecord:
    """What this workstation's archive knows about a PDF (by its SHA-256)."""

    archive_id: int
    signed_at: str
    archived_at: str
    imported: bool


@dataclass(frozen=True)
class VerifyResult(SignedVerdict):
    reason: str  # OK when passed, else why not, in plain words
    pdf_sha256: str
    signed: bool = False
    intact: bool = False
    trusted: bool = False
    document: str | None = None  # "clinician" or "nurse"
    time_basis: str | None = None
    app_version: str | None = None
    audit_seq: int | None = None
    audit_hash: str | None = None
    signed_end: int | None = None  # bytes of the signed revision (for reading it back)
    archive: ArchiveRecord | None = None
    notes: tuple[str, ...] = field(default=())
    # The plan's language as signed (None: signed before it was recorded, i.e. English).
    language: str | None = None
    # The reason as a message key of ``messages.MESSAGES`` (without "msg:") and its
    # parameters, so that every language can write it; None: ``reason`` is shown as it is.
    reason_key: str | None = None
    reason_params: Mapping[str, object] = field(default_factory=dict, hash=False)
    # Likewise for ``time_basis`` and for each note (None where a note has no key).
    time_basis_key: str | None = None
    time_basis_params: Mapping[str, object] = field(default_factory=dict, hash=False)
    note_keys: tuple[tuple[str, Mapping[str, object]] | None, ...] = field(default=(),
                                                                           hash=False)
    # The issuer the signature itself carries, when no trusted root issued the signer (a
    # same-name root shows another fingerprint than the trusted one).
    issuer_fingerprint: str | None = None

    @property
    def headline(self) -> str:
        return f"{self.verdict}: {self.reason}"

    def document_name_in(self, lang: str) -> str:
        from ..i18n import tr

        if self.document == "nurse":
            return tr(lang, "msg:verify_doc_nurse", export_id=self.export_id or tr(
                lang, "msg:verify_no_export_id"))
        if self.document == "clinician":
            return tr(lang, "msg:verify_doc_clinician", export_id=self.export_id or tr(
                lang, "msg:verify_none"))
        return tr(lang, "msg:verify_doc_none")

    def with_note(self, note: str, key: str | None = None,
                  params: Mapping[str, object] | None = None) -> VerifyResult:
        """This verdict with one more note (``key``/``params``: a message that every language
        writes; without, ``note`` is shown as it is)."""
        keys = (*self.note_keys, *([None] * (len(self.notes) - len(self.note_keys))))
        return replace(self, notes=(*self.notes, note),
                       note_keys=(*keys, (key, dict(params or {})) if key else None))

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang``: the catalogue's words with the parameters filled in when
        the reason has a key, else the reason as recorded (English)."""
        from ..i18n import tr

        if self.passed and self.signing_time is not None:
            return self._pass_sentence(lang)
        if self.passed and self.reason == OK:
            return tr(lang, "msg:verify_ok")
        if self.reason_key:
            return tr(lang, f"msg:{self.reason_key}", **self.reason_params)
        return self.reason

    def _pass_sentence(self, lang: str) -> str:
        from ..i18n import format_date, tr

        local = self.signing_time.astimezone()  # the workstation's local time
        key = "verify_ok_nurse" if self.document == "nurse" else "verify_ok_plan"
        return tr(lang, f"msg:{key}", signer=self.signer or tr(lang, "msg:verify_none"),
                  date=format_date(local.date(), lang), time=f"{local:%H:%M}")

    def root_line_in(self, lang: str, full: bool = True) -> str | None:
        """Which site root vouches for the signer, and its fingerprint (``full``: all 64
        digits, for Details and the command line; else the first 16 in groups, for a
        screen); for a signer no trusted root issued, its issuer; None when unsigned."""
        from ..i18n import tr
        from ..trust.folder import short

        if self.root_fingerprint and self.root_name:
            fp = self.root_fingerprint if full else short(self.root_fingerprint)
            key = "verify_root_this_check" if self.root_for_this_check_only else \
                "verify_root_granted"
            return tr(lang, f"msg:{key}", root=self.root_name, fingerprint=fp)
        if self.issuer and self.issuer_fingerprint:
            fp = self.issuer_fingerprint if full else short(self.issuer_fingerprint)
            return tr(lang, "msg:verify_root_none_fp", issuer=self.issuer, fingerprint=fp)
        if self.issuer:
            return tr(lang, "msg:verify_root_none", issuer=self.issuer)
        return None

    def screen_lines_in(self, lang: str) -> list[str]:
        """What a window shows at first (the rest behind a Details disclosure): the verdict
        sentence, the site root with its short fingerprint, and the notes."""
        root = self.root_line_in(lang, full=False)
        return [self.headline_in(lang), *([root] if root else []), *self.notes_in(lang)]

    def vouch_lines_in(self, lang: str) -> list[str]:
        """What a command that acted on a plan says under its verdict's sentence: the site
        root with its full fingerprint, and the notes (a signer revoked since, say)."""
        root = self.root_line_in(lang)
        return [*([root] if root else []), *self.notes_in(lang)]

    def detail_lines_in(self, lang: str) -> list[str]:
        """What goes behind Details: every line of :meth:`lines` after the verdict (full
        fingerprints, hashes, export id, audit head, notes)."""
        return self.lines(lang)[1:]

    def time_basis_in(self, lang: str) -> str | None:
        from ..i18n import tr

        if self.time_basis_key:
            return tr(lang, f"msg:{self.time_basis_key}", **self.time_basis_params)
        return self.time_basis

    def notes_in(self, lang: str) -> list[str]:
        from ..i18n import tr

        keys = (*self.note_keys, *([None] * (len(self.notes) - len(self.note_keys))))
        return [tr(lang, f"msg:{k[0]}", **k[1]) if k else note
                for note, k in zip(self.notes, keys, strict=False)]

    def lines(self, lang: str = "en") -> list[str]:
        """What ``leptodesk verify`` prints and every front end shows, in this order, with
        the labels in ``lang``. The verdict word (PASS/FAIL) is the same in every language;
        the reason, the basis of the signing time and the notes are in ``lang`` when they
        carry a message key (every verdict of this module and of the service does; a note
        from the audit log is English)."""
        from ..i18n import LANGUAGE_NAMES, tr

        audit = (tr(lang, "msg:verify_audit_entry", seq=self.audit_seq, hash=self.audit_hash)
                 if self.audit_seq is not None else None)
        # plans signed before languages were recorded say nothing of theirs
        language = [tr(lang, "msg:verify_language", language=LANGUAGE_NAMES.get(
            self.language, self.language))] if self.language else []
        return verdict_lines(
            self, lang, document=self.document_name_in(lang),
            time_basis=self.time_basis_in(lang) if self.signing_time is not None else None,
            tail=[labelled(lang, "verify_audit", audit),
                  labelled(lang, "verify_app", self.app_version), *language,
                  tr(lang, "msg:verify_pdf_sha", value=self.pdf_sha256)],
            notes=self.notes_in(lang))


# -- pyHanko's logging: kept, never printed ---------------------------------------------------


def _time_basis(record: ArchiveRecord | None) -> tuple[str, dict[str, object]]:
    """The message key and parameters saying what the signing time rests on."""
    if record is None:
        return "verify_basis_not_archived", {}
    if record.imported:
        return "verify_basis_imported", {"when": record.archived_at,
                                         "archive_id": record.archive_id}
    return "verify_basis_archived", {"archive_id": record.archive_id, "when": record.archived_at}
