"""Offline revocation: the site root signs a revocation list (``identity revoke``), the
administrator installs it on each workstation (``trust crl add``), and every verdict reads it
(:mod:`leptodesk.trust.rules`).

A root keeps one list: ``identity revoke ... -o ROOT.crl`` given an existing list of the same
root adds to it (its entries are kept and its number goes up by one), so the newest list
always names everyone revoked. A certificate already listed because its holder left may be
revoked again for key-compromise (its key turned out to be copied): the entry is replaced, so
that every plan it signed fails; nothing else is changed by revoking twice. Installing keeps
one list per root (``TRUST/crl/<root fingerprint>.crl``); a newer one replaces an older one,
never the reverse, and any list the root signed replaces an installed one that cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from .folder import CRLS, Anchor, anchors, display_name, prepare, system_trust_dir, write_file
from .identity import IdentityError
from .rules import RevocationList

REASONS = {
    "key-compromise": x509.ReasonFlags.key_compromise,
    "left": x509.ReasonFlags.affiliation_changed,
}
# Offline, nobody fetches a fresher list: nextUpdate is set a year on and not enforced.
NEXT_UPDATE = timedelta(days=365)


def read_crl(path: Path) -> x509.CertificateRevocationList:
    """A revocation list in PEM or DER, or ``IdentityError`` naming the file."""
    try:
        data = Path(path).read_bytes()
        if b"-----BEGIN X509 CRL-----" in data:
            return x509.load_pem_x509_crl(data)
        return x509.load_der_x509_crl(data)
    except ValueError:
        raise IdentityError.keyed("crl_not_crl", path=path) from None


def crl_number(crl: x509.CertificateRevocationList) -> int:
    try:
        return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    except x509.ExtensionNotFound:
        return 0


def _signed_by(crl: x509.CertificateRevocationList, cert: x509.Certificate) -> bool:
    return crl.issuer == cert.subject and crl.is_signature_valid(cert.public_key())


def parse_date(text: str | None) -> datetime | None:
    """``--date``: ``YYYY-MM-DD`` (midnight, this workstation's local time) or an ISO date
    and time (local time unless it gives its offset); ``ValueError`` otherwise."""
    if text is None:
        return None
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.astimezone()  # the workstation's local time
    if not 2000 <= value.year <= 2100:
        raise ValueError(text)
    return value.astimezone(UTC)


@dataclass(frozen=True)
class Revoked:
    path: Path
    serial: int
    subject: str
    reason: str
    date: datetime
    number: int
    entries: int
    # When the certificate was listed before because its holder left (now key compromise).
    left_since: datetime | None = None


def _compromised_since(listed: x509.RevokedCertificate, reason: str) -> bool:
    """Whether revoking again for ``reason`` makes a "left" entry a key compromise (the
    one change that widens what fails; anything else is already said by the list)."""
    from .rules import DATED_REASONS

    try:
        before = listed.extensions.get_extension_for_class(x509.CRLReason).value.reason
    except x509.ExtensionNotFound:
        before = x509.ReasonFlags.unspecified
    return reason == "key-compromise" and before in DATED_REASONS


def revoke(cert_path: Path, ca: Path, ca_passphrase: bytes, reason: str, output: Path,
           date: datetime | None = None, now: datetime | None = None) -> Revoked:
    """Add ``cert_path``'s certificate to the site root ``ca``'s revocation list ``output``
    (made when missing; its earlier entries kept), signed by the root."""
    from ..fileio import write_atomic
    from .identity import is_ca, load_identity, read_certificates

    if reason not in REASONS:
        raise IdentityError.keyed("crl_reason", reason=reason)
    try:
        certs = read_certificates(Path(cert_path))
    except ValueError:
        raise IdentityError.keyed("id_not_certificate", path=cert_path) from None
    if len(certs) != 1:
        raise IdentityError.keyed("crl_one_certificate", path=cert_path, n=len(certs))
    cert = certs[0]
    root = load_identity(Path(ca), ca_passphrase)
    if not is_ca(root.cert):
        raise IdentityError.keyed("id_ca_not_root", path=ca)
    from .rules import _issued_by

    if not _issued_by(cert, root.cert):
        raise IdentityError.keyed("crl_not_issued", path=cert_path, ca=ca,
                                  root=display_name(root.cert.subject))
    now = now or datetime.now(UTC)
    when = date or now
    escalated: datetime | None = None
    entries: list[x509.RevokedCertificate] = []
    number = 1
    output = Path(output)
    if output.exists():
        old = read_crl(output)
        if not _signed_by(old, root.cert):
            raise IdentityError.keyed("crl_other_root", path=output)
        listed = old.get_revoked_certificate_by_serial_number(cert.serial_number)
        if listed is not None:
            if not _compromised_since(listed, reason):
                raise IdentityError.keyed("crl_already", path=cert_path, date=listed
                                          .revocation_date_utc.isoformat(timespec="minutes"))
            # A holder who left whose key turns out to be copied: the entry becomes key
            # compromise (every plan fails), from when it was first revoked unless --date.
            escalated = listed.revocation_date_utc
            when = date or escalated
        entries = [e for e in old if e.serial_number != cert.serial_number]
        number = crl_number(old) + 1
    builder = (x509.CertificateRevocationListBuilder().issuer_name(root.cert.subject)
               .last_update(now).next_update(now + NEXT_UPDATE)
               .add_extension(x509.CRLNumber(number), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   root.cert.public_key()), critical=False))
    for entry in entries:
        builder = builder.add_revoked_certificate(entry)
    builder = builder.add_revoked_certificate(
        x509.RevokedCertificateBuilder().serial_number(cert.serial_number)
        .revocation_date(when)
        .add_extension(x509.CRLReason(REASONS[reason]), critical=False).build())
    crl = builder.sign(root.key, hashes.SHA256())
    write_atomic(output, crl.public_bytes(serialization.Encoding.PEM))
    return Revoked(output, cert.serial_number, display_name(cert.subject), reason, when,
                   number, len(entries) + 1, escalated)


@dataclass(frozen=True)
class Installed:
    path: Path
    anchor: Anchor
    number: int
    entries: int
    last_update: datetime
    replaced: int | None  # the number of the list it replaced
    # Why the installed list it replaced could not be used (damaged, not its root's), if so.
    replaced_unusable: str | None = None


def crl_path(trust: Path, anchor_fingerprint: str) -> Path:
    return trust / CRLS / f"{anchor_fingerprint}.crl"


def install(path: Path, trust: Path | None = None) -> Installed:
    """Install a revocation list that a trusted site root signed (administrator only); a
    newer one replaces the installed one, an older or the same one is refused."""
    trust = trust or system_trust_dir()
    crl = read_crl(Path(path))
    anchor = next((a for a in anchors(trust) if _signed_by(crl, a.cert)), None)
    if anchor is None:
        raise IdentityError.keyed("crl_untrusted", path=path,
                                  issuer=display_name(crl.issuer))
    target = crl_path(prepare(trust, CRLS).parent, anchor.fingerprint)
    replaced = None
    unusable = _unusable(target, anchor) if target.exists() else None
    if target.exists() and unusable is None:
        old = read_crl(target)
        replaced = crl_number(old)
        if (crl_number(crl), crl.last_update_utc) <= (replaced, old.last_update_utc):
            raise IdentityError.keyed("crl_not_newer", path=path, number=crl_number(crl),
                                      installed=replaced)
    # An installed list that is damaged or not its root's fails the root's plans until it is
    # replaced: any list the root signed replaces it (the verdict says to install it again).
    write_file(target, crl.public_bytes(serialization.Encoding.DER))
    return Installed(target, anchor, crl_number(crl), len(list(crl)), crl.last_update_utc,
                     replaced, unusable)


def _unusable(target: Path, anchor: Anchor):
    """Why the installed list ``target`` cannot be used (a phrase), or None when it can."""
    from ..errors import Phrase

    try:
        crl = read_crl(target)
    except (IdentityError, OSError):
        return Phrase("crl_error_damaged")
    return None if _signed_by(crl, anchor.cert) else Phrase("crl_error_signature")


def installed_lists(trust: Path, found: list[Anchor]) -> dict[str, RevocationList]:
    """The revocation list of each anchor that has one; a list that is damaged or not signed
    by its root is kept as an error, so that the anchor's plans fail rather than pass
    unchecked."""
    from ..errors import Phrase

    out: dict[str, RevocationList] = {}
    for anchor in found:
        if anchor.path is None:
            continue
        target = crl_path(trust, anchor.fingerprint)
        if not target.exists():
            continue
        try:
            crl = read_crl(target)
        except IdentityError:
            out[anchor.fingerprint] = RevocationList(anchor.fingerprint, None, str(target),
                                                     Phrase("crl_error_damaged"))
            continue
        if not _signed_by(crl, anchor.cert):
            out[anchor.fingerprint] = RevocationList(anchor.fingerprint, None, str(target),
                                                     Phrase("crl_error_signature"))
            continue
        out[anchor.fingerprint] = RevocationList(anchor.fingerprint, crl, str(target))
    return out
