"""Signing identities: passphrase-protected PKCS#12 files, self-signed or issued by a site root.

A clinician's certificate carries the name (CN), role (title) and registration number
(serialNumber attribute of the subject). Every certificate created here is also written beside
the PKCS#12 as ``.pem``. Keys are never written anywhere but inside the encrypted PKCS#12.

Creating a site root or an identity never trusts anything: a workstation trusts only the
site roots an administrator granted in the system trust folder (:mod:`leptodesk.trust`).
Every key file is written as :mod:`leptodesk.trust.keyfile` says (PBKDF2-HMAC-SHA256 at
600,000 iterations for the key bag and the MAC), under a passphrase that
:mod:`leptodesk.trust.passphrase` accepts; a clinician's certificate carries the
id-kp-documentSigning purpose (RFC 9336).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from ..errors import KeyedMessage

ORGANISATION = "LeptoDesk"
# RFC 9336: id-kp-documentSigning, which every identity made here carries.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
# LeptoDesk's own purpose: an OID under the UUID arc 2.25 (ITU-T X.667), which needs no
# registration; accepted beside documentSigning for a hospital CA that issues its own.
LEPTODESK_PURPOSE = x509.ObjectIdentifier("2.25.293782140370277006759362192223514259083")


class IdentityError(Exception):
    """The identity file cannot be used (not a PKCS#12, no key, expired...). ``str()`` is the
    English message; one made with :meth:`keyed` also says it in every language
    (:meth:`text_in`)."""

    key: str | None = None
    params: dict[str, object] = {}  # noqa: RUF012 - replaced per instance, never mutated

    @classmethod
    def keyed(cls, key: str, **params: object) -> IdentityError:
        from ..messages import MESSAGES

        error = cls(MESSAGES[key].format(**params))
        error.key, error.params = key, params
        return error

    def text_in(self, lang: str) -> str:
        if lang == "en" or not self.key:
            return str(self)
        from ..i18n import plural_category, tr

        key = self.key
        if key.endswith(("_one", "_other")):  # a count: the language's own plural form
            key = f"{key.rsplit('_', 1)[0]}_{plural_category(lang, str(self.params['n']))}"
        return tr(lang, f"msg:{key}", **self.params)


class WrongPassphrase(IdentityError):
    def __init__(self, path: Path | str) -> None:
        from ..messages import MESSAGES

        super().__init__(MESSAGES["id_wrong_passphrase"].format(path=path))
        self.key, self.params = "id_wrong_passphrase", {"path": path}


@dataclass(frozen=True)
class SignerDetails:
    name: str
    role: str
    registration: str


@dataclass(frozen=True)
class LoadedIdentity:
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    details: SignerDetails


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def signer_details(cert: x509.Certificate) -> SignerDetails:
    subject = cert.subject
    return SignerDetails(
        name=_attr(subject, NameOID.COMMON_NAME) or subject.rfc4514_string(),
        role=_attr(subject, NameOID.TITLE) or "role not stated in the certificate",
        registration=_attr(subject, NameOID.SERIAL_NUMBER)
        or "registration not stated in the certificate",
    )


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def normalise_fingerprint(text: str) -> str:
    """``AB:CD:...`` or ``abcd...`` (spaces allowed) as 64 lower-case hex digits."""
    return re.sub(r"[\s:]", "", text or "").lower()


def is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def is_self_issued(cert: x509.Certificate) -> bool:
    """Issued by itself (no site root vouches for it)."""
    return cert.issuer == cert.subject


class BadSubject(KeyedMessage, ValueError):
    """A name, role or registration (or a new passphrase) that cannot make an identity; said in
    every language (:class:`~leptodesk.errors.KeyedMessage`, ``id_subject_*``)."""


def _check_passphrase(passphrase: bytes) -> None:
    from .passphrase import check_new_passphrase

    check_new_passphrase(passphrase)


def _new_key(key_type: str) -> ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey:
    from ..fileio import no_core_dumps

    no_core_dumps()
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=3072)
    raise ValueError(f"key type must be 'ec' or 'rsa', not {key_type!r}")


def _write_private(path: Path, data: bytes) -> None:
    from ..fileio import write_private

    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, data, exclusive=True)  # 0600 whatever the umask, never overwritten


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _finish(builder: x509.CertificateBuilder, key, public_key, issuer_cert, issuer_key,
            ca: bool) -> x509.Certificate:
    ski = x509.SubjectKeyIdentifier.from_public_key(public_key)
    builder = builder.add_extension(ski, critical=False)
    if issuer_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_cert.public_key()),
            critical=False)
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        usage = dict(digital_signature=False, content_commitment=False, key_cert_sign=True,
                     crl_sign=True)
    else:
        builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        usage = dict(digital_signature=True, content_commitment=True, key_cert_sign=False,
                     crl_sign=False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), False)
    builder = builder.add_extension(x509.KeyUsage(
        key_encipherment=False, data_encipherment=False, key_agreement=False,
        encipher_only=False, decipher_only=False, **usage), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _builder(subject: x509.Name, issuer: x509.Name, public_key, days: int,
             until: datetime | None = None):
    """``until``: the latest end (the issuing root's: a certificate that outlived its root
    would sign plans that fail from the root's end on)."""
    now = datetime.now(UTC)
    end = now + timedelta(days=days)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(public_key).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(min(end, until) if until is not None else end))


@dataclass(frozen=True)
class Created:
    p12_path: Path
    pem_path: Path
    fingerprint: str
    details: SignerDetails
    not_after: datetime | None = None


SUBJECT_MAX_CHARS = 64  # X.509 upper bound of a common name (RFC 5280 ub-common-name)


def check_subject(**fields: str) -> None:
    """What goes into a certificate subject (and onto every plan signed with it): not empty,
    at most 64 characters, no control or bidirectional-override characters, which would forge
    lines in listings or reorder the signer's name on screen. ValueError names the field."""
    from ..errors import Phrase
    from ..textsafe import has_unsafe_chars, quote

    for name, value in fields.items():
        label = Phrase(f"id_field_{name}")
        if not value or not value.strip():
            raise BadSubject("id_subject_empty", label=label)
        if len(value.strip()) > SUBJECT_MAX_CHARS:
            raise BadSubject("id_subject_long", label=label, max=SUBJECT_MAX_CHARS,
                             n=len(value.strip()))
        if has_unsafe_chars(value):
            raise BadSubject("id_subject_unsafe", label=label, typed=quote(value))


def create_site_root(name: str, output: Path, passphrase: bytes, *, key_type: str = "ec",
                     days: int = 3650) -> Created:
    """A site root CA in a passphrase-protected PKCS#12, its certificate as .pem beside it."""
    _check_passphrase(passphrase)
    output = Path(output)
    if output.exists():
        raise FileExistsError(f"{output} exists; choose another file name")
    check_subject(name=name)
    key = _new_key(key_type)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                            f"{ORGANISATION} site root")])
    cert = _finish(_builder(subject, subject, key.public_key(), days), key, key.public_key(),
                   None, key, ca=True)
    return _save(output, name, key, cert, (), passphrase)


def create_identity(name: str, role: str, registration: str, output: Path, passphrase: bytes,
                    *, ca: Path | None = None, ca_passphrase: bytes | None = None,
                    key_type: str = "ec", days: int = 3 * 365) -> Created:
    """A clinician's signing identity; self-issued, or issued by the site root ``ca``.

    Never trusted by being created: its plans verify only where the issuing site root is
    trusted, and a self-issued identity's plans never verify (fine for trying the app).
    """
    _check_passphrase(passphrase)
    output = Path(output)
    if output.exists():
        raise FileExistsError(f"{output} exists; choose another file name")
    check_subject(name=name, role=role, registration=registration)
    key = _new_key(key_type)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
        x509.NameAttribute(NameOID.TITLE, role.strip()),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, registration.strip()),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
    ])
    chain: tuple[x509.Certificate, ...] = ()
    if ca is None:
        cert = _finish(_builder(subject, subject, key.public_key(), days), key, key.public_key(),
                       None, key, ca=False)
    else:
        root = load_identity(ca, ca_passphrase or b"")
        if not is_ca(root.cert):
            raise IdentityError.keyed("id_ca_not_root", path=ca)
        cert = _finish(_builder(subject, root.cert.subject, key.public_key(), days,
                                until=root.cert.not_valid_after_utc), key,
                       key.public_key(), root.cert, root.key, ca=False)
        chain = (root.cert, *root.chain)
    return _save(output, name, key, cert, chain, passphrase)


def _save(output: Path, name: str, key, cert, chain, passphrase: bytes) -> Created:
    from .keyfile import openssl_reads_pbmac1, protect

    readable, version = openssl_reads_pbmac1()
    if not readable:
        raise IdentityError.keyed("id_pbmac1_openssl", path=output, version=version)
    _write_private(output, protect(name.encode("utf-8"), key, cert, chain, passphrase))
    pem_path = output.with_suffix(".pem")
    from ..fileio import write_atomic

    write_atomic(pem_path, _pem(cert))  # 0600 whatever the umask
    return Created(output, pem_path, fingerprint(cert), signer_details(cert),
                   cert.not_valid_after_utc)


def _looks_like_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        return pfx["version"].native is not None and pfx["auth_safe"]["content_type"].native \
            is not None
    except Exception:  # noqa: BLE001 - any parse failure means "not a PKCS#12"
        return False


# Key files opened by this process, by the SHA-256 of the file's exact bytes. Opening one
# costs two PBKDF2 runs of 600,000 iterations (key bag and MAC: most of an export's time), so
# it is paid once per file and process, not at every export. The passphrase is still checked
# at every opening: against an HMAC of it under a key made at random for this process (the
# passphrase itself is not kept); another passphrase, or a file whose bytes changed, opens the
# file afresh. Core dumps are off from the first opening on (no_core_dumps), so the key kept
# here never reaches a core file. A key not used for OPENED_IDLE_SECONDS is let go (a wizard
# left open over a shift must not hold a clinician's decrypted key for the next user of the
# workstation): a timer drops it, and a lookup past the time-out never returns it.
OPENED_IDLE_SECONDS = 15 * 60
_OPENED_MAX = 4


@dataclass
class _Opened:
    tag: bytes
    key: Any
    cert: Any
    others: Any
    used: float  # time.monotonic() of its last use


_OPENED: dict[bytes, _Opened] = {}
_opened_lock = threading.Lock()
_opened_secret = os.urandom(32)
_opened_timer: threading.Timer | None = None


def forget_opened_keys() -> None:
    """Drop every key this process keeps opened (the next export opens its file again)."""
    global _opened_timer
    with _opened_lock:
        _OPENED.clear()
        if _opened_timer is not None:
            _opened_timer.cancel()
            _opened_timer = None


def forget_idle_keys(now: float | None = None) -> int:
    """Drop the keys not used for ``OPENED_IDLE_SECONDS``; how many were dropped. Run by a
    timer while any key is kept, so an idle key goes without anyone asking."""
    now = time.monotonic() if now is None else now
    with _opened_lock:
        idle = [d for d, kept in _OPENED.items() if now - kept.used >= OPENED_IDLE_SECONDS]
        for digest in idle:
            del _OPENED[digest]
        _schedule_forgetting(now)
    return len(idle)


def _schedule_forgetting(now: float) -> None:
    """(Re)arm the one timer for the oldest kept key's time-out; none when nothing is kept.
    Called with ``_opened_lock`` held."""
    global _opened_timer
    if _opened_timer is not None:
        _opened_timer.cancel()
        _opened_timer = None
    if not _OPENED:
        return
    due = min(kept.used for kept in _OPENED.values()) + OPENED_IDLE_SECONDS - now
    _opened_timer = threading.Timer(max(due, 0.0) + 0.5, forget_idle_keys)
    _opened_timer.daemon = True  # never keeps a command from exiting
    _opened_timer.start()


def _open_pkcs12(path: Path, passphrase: bytes):
    """The file's bytes, key, certificate and other certificates, decrypted with
    ``passphrase``; ``WrongPassphrase`` or ``IdentityError`` naming the file."""
    from ..fileio import no_core_dumps

    no_core_dumps()  # the decrypted key and the passphrase must never reach a core file
    data = path.read_bytes()
    if not _looks_like_pkcs12(data):
        raise IdentityError.keyed("id_not_pkcs12", path=path)
    digest = hashlib.sha256(data).digest()
    tag = hmac.new(_opened_secret, passphrase or b"", "sha256").digest()
    now = time.monotonic()
    with _opened_lock:
        kept = _OPENED.get(digest)
        if kept is not None and now - kept.used >= OPENED_IDLE_SECONDS:
            del _OPENED[digest]  # past its time-out: the timer has not run yet
            kept = None
        if kept is not None and hmac.compare_digest(kept.tag, tag):
            kept.used = now
            return data, kept.key, kept.cert, kept.others
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, passphrase or None)
    except ValueError:
        _pbmac1_readable(path, data)
        raise WrongPassphrase(path) from None
    if key is None or cert is None:
        raise IdentityError.keyed("id_no_key", path=path)
    with _opened_lock:
        while len(_OPENED) >= _OPENED_MAX:
            _OPENED.pop(next(iter(_OPENED)))
        _OPENED[digest] = _Opened(tag, key, cert, others, now)
        _schedule_forgetting(now)
    return data, key, cert, others


def _pbmac1_readable(path: Path, data: bytes) -> None:
    """``IdentityError`` when the file's MAC is PBMAC1 and this OpenSSL cannot check it (it
    would otherwise read as a wrong passphrase)."""
    from .keyfile import openssl_reads_pbmac1, protection

    readable, version = openssl_reads_pbmac1()
    try:
        pbmac1 = protection(data).mac == "pbmac1"
    except ValueError:
        return
    if pbmac1 and not readable:
        raise IdentityError.keyed("id_pbmac1_openssl", path=path, version=version)


def load_identity(path: Path, passphrase: bytes, at: datetime | None = None) -> LoadedIdentity:
    """Open a PKCS#12; ``WrongPassphrase`` or ``IdentityError`` with a clear message.

    ``at``: the time it will sign at (now unless given); an expired certificate is refused.
    """
    path = Path(path)
    _, key, cert, others = _open_pkcs12(path, passphrase)
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise IdentityError.keyed("id_key_type", path=path)
    now = at or datetime.now(UTC)
    if cert.not_valid_after_utc < now:
        raise IdentityError.keyed("id_expired", path=path,
                                  date=f"{cert.not_valid_after_utc:%Y-%m-%d}")
    if cert.not_valid_before_utc > now:
        raise IdentityError.keyed("id_not_yet", path=path,
                                  date=f"{cert.not_valid_before_utc:%Y-%m-%d}")
    return LoadedIdentity(key, cert, tuple(others or ()), signer_details(cert))


def read_certificates(path: Path) -> list[x509.Certificate]:
    """Every certificate in a PEM or DER file."""
    data = Path(path).read_bytes()
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def root_certificate(path: Path) -> x509.Certificate:
    """The one site root (CA) certificate in a PEM or DER file, or IdentityError."""
    try:
        certs = read_certificates(Path(path))
    except ValueError:
        raise IdentityError.keyed("id_not_certificate", path=path) from None
    if len(certs) != 1:
        n = len(certs)  # never 1 here; the key still follows the number's plural form
        raise IdentityError.keyed("id_certificates_one" if n == 1 else "id_certificates_other",
                                  path=path, n=n)
    cert = certs[0]
    if not is_ca(cert):
        raise IdentityError.keyed("id_not_root", path=path)
    return cert


@dataclass(frozen=True)
class Rekeyed:
    path: Path
    before: object  # trust.keyfile.Protection
    after: object


def rekey(path: Path, passphrase: bytes, new_passphrase: bytes | None = None) -> Rekeyed:
    """Rewrite the key file ``path`` with today's protection (:mod:`leptodesk.trust.keyfile`),
    under ``new_passphrase`` (which must be acceptable) or the current one (which then must
    be). The same key and certificates; the file is replaced atomically, 0600."""
    from ..fileio import write_atomic
    from .keyfile import protect, protection

    path = Path(path)
    data, key, cert, others = _open_pkcs12(path, passphrase)
    chosen = new_passphrase if new_passphrase is not None else passphrase
    _check_passphrase(chosen)
    before = protection(data)
    name = signer_details(cert).name.encode("utf-8")
    out = protect(name, key, cert, tuple(others or ()), chosen)
    write_atomic(path, out)
    return Rekeyed(path, before, protection(out))
