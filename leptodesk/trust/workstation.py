"""``service.trust``: the trust anchors and revocation lists of this workstation, as front ends
ask for them (Anki's sub-objects: ``service.trust.anchors()``, ``.add()``, ``.add_crl()``...).

Reading is open to every ward user; every change needs the administrator (root) and is
audited. The per-user trust store of earlier versions (``DATA/trust/roots``) is never read for
trust: :meth:`Trust.legacy_notice` says it is ignored, and :meth:`Trust.import_user` lets an
administrator move its roots, each one confirmed by its fingerprint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Phrase
from .folder import ROOTS, Anchor, same_name, system_trust_dir

if TYPE_CHECKING:
    from cryptography import x509

    from .revocation import Installed
    from .rules import SignerVerdict

LEGACY = Path("trust") / "roots"


@dataclass(frozen=True)
class Imported:
    anchor: Anchor
    status: str  # "added", "already" (trusted here already), "unconfirmed" (no --fingerprint)


class Trust:
    """What this workstation trusts. ``audit_failure(event, **fields)``: the service's audit
    call, returning None or the failure's (English, key, params)."""

    def __init__(self, data_folder: Path,
                 audit_failure: Callable[..., tuple[str, str, dict] | None]) -> None:
        self.data_folder = data_folder
        self._audit_failure = audit_failure

    @property
    def folder(self) -> Path:
        return system_trust_dir()

    # -- reading -------------------------------------------------------------------------
    def anchors(self) -> list[Anchor]:
        """The granted site roots (``InsecureFile`` when the folder could have been changed
        by others: nothing is trusted then)."""
        from .folder import anchors

        return anchors(self.folder)

    def duplicate_names(self, found: list[Anchor] | None = None) -> set[str]:
        from .folder import duplicate_names

        return duplicate_names(self.anchors() if found is None else found)

    def check_signer(self, cert: x509.Certificate, signing_time: datetime, *,
                     extra: Sequence[x509.Certificate] = (),
                     others: Sequence[x509.Certificate] = (),
                     now: datetime | None = None) -> SignerVerdict:
        """:func:`leptodesk.trust.check_signer` against this workstation's trust folder."""
        from . import check_signer

        return check_signer(cert, signing_time, extra=extra, others=others, now=now,
                            trust_dir=self.folder)

    def expired_notice(self, anchor: Anchor, now: datetime | None = None) -> Phrase | None:
        """One line when ``anchor`` has expired (granting it is allowed: it still verifies
        the plans signed while it was valid), else None."""
        if anchor.not_after >= (now or datetime.now(UTC)):
            return None
        return Phrase("trust_root_expired", date=f"{anchor.not_after:%Y-%m-%d}")

    def legacy_notice(self) -> Phrase | None:
        """One line when this user's data folder still holds the per-user trust store of an
        earlier version (ignored), else None."""
        old = self.data_folder / LEGACY
        try:
            if not any(old.glob("*.pem")):
                return None
        except OSError:
            return None
        return Phrase("trust_legacy_ignored", path=str(old), home=str(self.data_folder))

    # -- changes (administrator) ---------------------------------------------------------
    def add(self, pem: Path, expected_fingerprint: str) -> tuple[Anchor, bool, Phrase | None]:
        """Trust the site root in ``pem`` when its SHA-256 fingerprint is the one given and
        no trusted root has its name; (the anchor, whether it was trusted already, the note
        when the audit row could not be written)."""
        from .folder import require_administrator
        from .identity import normalise_fingerprint, root_certificate

        require_administrator("add")
        cert = root_certificate(Path(pem))
        anchor, already = self._grant(cert, pem, normalise_fingerprint(expected_fingerprint))
        return anchor, already, None if already else self._note("trust_added", anchor)

    def _grant(self, cert: x509.Certificate, source: Path, expected: str | None = None,
               ) -> tuple[Anchor, bool]:
        from .folder import anchor_of, file_name, prepare, write_file
        from .identity import IdentityError

        new = anchor_of(cert, None)
        if expected is not None and expected != new.fingerprint:
            raise IdentityError.keyed("id_fingerprint_mismatch", path=source,
                                      actual=new.fingerprint,
                                      expected=expected or Phrase("id_fingerprint_none"))
        found = self.anchors()
        same = next((a for a in found if a.fingerprint == new.fingerprint), None)
        if same is not None:
            return same, True
        namesake = next((a for a in found if same_name(a.name, new.name)
                         or a.cert.subject == cert.subject), None)
        if namesake is not None:
            raise IdentityError.keyed("trust_same_name", path=source, name=namesake.name,
                                      fingerprint=namesake.fingerprint)
        from cryptography.hazmat.primitives import serialization

        target = prepare(self.folder, ROOTS) / file_name(cert, new.fingerprint)
        write_file(target, cert.public_bytes(serialization.Encoding.PEM))
        return anchor_of(cert, target), False

    def remove(self, fingerprint_prefix: str) -> tuple[Anchor, Phrase | None]:
        """Stop trusting the root whose fingerprint starts with the prefix (at least 8
        digits), and drop its revocation list."""
        from .folder import require_administrator
        from .identity import IdentityError, normalise_fingerprint
        from .revocation import crl_path

        require_administrator("add")
        prefix = normalise_fingerprint(fingerprint_prefix)
        if len(prefix) < 8:
            raise IdentityError.keyed("id_prefix_short")
        matches = [a for a in self.anchors() if a.fingerprint.startswith(prefix)]
        if not matches:
            raise IdentityError.keyed("id_prefix_none", prefix=prefix)
        if len(matches) > 1:
            raise IdentityError.keyed("id_prefix_many", n=len(matches), prefix=prefix)
        root = matches[0]
        from .identity import fingerprint, read_certificates

        for pem in (self.folder / ROOTS).glob("*.pem"):
            try:
                if any(fingerprint(c) == root.fingerprint for c in read_certificates(pem)):
                    pem.unlink()
            except (ValueError, OSError):
                continue
        crl_path(self.folder, root.fingerprint).unlink(missing_ok=True)
        return root, self._note("trust_removed", root)

    def add_crl(self, path: Path) -> tuple[Installed, Phrase | None]:
        """Install a revocation list signed by a trusted site root (a newer one replaces the
        installed one)."""
        from .folder import require_administrator
        from .revocation import install

        require_administrator("crl")
        installed = install(Path(path), self.folder)
        failed = self._audit_failure("crl_installed", detail={
            "root_fingerprint_sha256": installed.anchor.fingerprint,
            "crl_number": installed.number, "entries": installed.entries})
        return installed, Phrase("trust_not_audited", **failed[2]) if failed else None

    def legacy_roots(self, home: Path) -> list[x509.Certificate]:
        """The site roots in an earlier version's per-user store under ``home`` (a user's
        LeptoDesk data folder, or their home folder)."""
        from .identity import is_ca, read_certificates

        home = Path(home)
        for old in (home / LEGACY, home / ".local" / "share" / "LeptoDesk" / LEGACY):
            if old.is_dir():
                certs: list[x509.Certificate] = []
                for pem in sorted(old.glob("*.pem")):
                    try:
                        certs += [c for c in read_certificates(pem) if is_ca(c)]
                    except (ValueError, OSError):
                        continue
                return certs
        return []

    def import_user(self, home: Path, confirmed: Sequence[str]) -> list[Imported]:
        """Move the roots of an earlier version's per-user store into the system folder:
        only those whose fingerprint the administrator confirmed (``confirmed``), each by
        the rules of :meth:`add` (same-name roots refused)."""
        from .folder import anchor_of, require_administrator
        from .identity import fingerprint, normalise_fingerprint

        require_administrator("add")
        wanted = {normalise_fingerprint(f) for f in confirmed}
        out: list[Imported] = []
        seen: set[str] = set()
        for cert in self.legacy_roots(home):
            fp = fingerprint(cert)
            if fp in seen:
                continue
            seen.add(fp)
            if fp not in wanted:
                out.append(Imported(anchor_of(cert, None), "unconfirmed"))
                continue
            anchor, already = self._grant(cert, Path(home))
            if not already:
                self._note("trust_added", anchor, source="import-user")
            out.append(Imported(anchor, "already" if already else "added"))
        return out

    # -- identities (what the identity commands ask for) -----------------------------------
    @property
    def refusals(self) -> tuple[type[Exception], ...]:
        """The errors a trust or identity command reports as bad input (exit 2): an identity
        or certificate that cannot be used, a change asked for by someone who is not the
        administrator, a weak new passphrase, a bad name."""
        from .folder import NotAdministrator
        from .identity import BadSubject, IdentityError
        from .passphrase import WeakPassphrase

        return (IdentityError, NotAdministrator, WeakPassphrase, BadSubject)

    @staticmethod
    def wrong_passphrase(exc: BaseException) -> bool:
        """Whether ``exc`` says the passphrase did not open the key file (the front end asks
        for it again, rather than for another file)."""
        from .identity import WrongPassphrase

        return isinstance(exc, WrongPassphrase)

    @staticmethod
    def check_subject(**fields: str) -> None:
        """``BadSubject`` (a ValueError) naming the field, before any passphrase is asked."""
        from .identity import check_subject

        check_subject(**fields)

    @staticmethod
    def check_new_passphrase(passphrase: bytes) -> None:
        from .passphrase import check_new_passphrase

        check_new_passphrase(passphrase)

    @staticmethod
    def create_site_root(name: str, output: Path, passphrase: bytes) -> Any:
        """A site root in a PKCS#12 (trusted nowhere until an administrator adds it)."""
        from .identity import create_site_root

        return create_site_root(name, output, passphrase)

    @staticmethod
    def create_identity(name: str, role: str, registration: str, output: Path,
                        passphrase: bytes, **kw: Any) -> Any:
        """A clinician's identity, self-issued or issued by the site root ``ca=``."""
        from .identity import create_identity

        return create_identity(name, role, registration, output, passphrase, **kw)

    @staticmethod
    def revoke(cert: Path, ca: Path, ca_passphrase: bytes, reason: str, output: Path,
               date: datetime | None = None) -> Any:
        """Add ``cert`` to the site root's revocation list ``output`` (signed by the root)."""
        from .revocation import revoke

        return revoke(cert, ca, ca_passphrase, reason, output, date=date)

    @staticmethod
    def parse_date(text: str | None) -> datetime | None:
        from .revocation import parse_date

        return parse_date(text)

    @staticmethod
    def rekey(path: Path, passphrase: bytes, new_passphrase: bytes | None) -> Any:
        """Rewrite a key file with today's protection (the same key and certificates)."""
        from .identity import rekey

        return rekey(path, passphrase, new_passphrase)

    def _note(self, event: str, anchor: Anchor, **detail: Any) -> Phrase | None:
        failed = self._audit_failure(event, detail={"fingerprint_sha256": anchor.fingerprint,
                                                    **detail})
        return Phrase("trust_not_audited", **failed[2]) if failed else None
