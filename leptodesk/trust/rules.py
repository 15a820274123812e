"""Who may sign a LeptoDesk plan: the chain rules, enforced here and not left to a path
validator (DESIGN "Trust", "Who may sign").

:func:`judge_signer` takes the signer's certificate, the signing time, the anchors and their
revocation lists, and returns one :class:`SignerVerdict` with its real reason. It is pure
(nothing read, nothing fetched); :func:`leptodesk.trust.check_signer` feeds it from the system
trust folder. Every front end's verdict on a PDF (``pdf/verify.py``) and the FHIR check use it.

The rules, in the order their reasons are given:

1. not a CA (a site root's own key, or any other CA:TRUE certificate, cannot sign);
2. not self-issued;
3. the key: ECDSA on P-256, P-384 or P-521, or RSA of at least 2048 bits (a shorter key is
   "weak", another kind "unsupported");
4. key usage digitalSignature or nonRepudiation;
5. when it carries an extended key usage: id-kp-documentSigning (RFC 9336) or LeptoDesk's own
   purpose; anything else (TLS server, code signing) is another purpose;
6. issued directly by a trusted anchor: its issuer name is the anchor's name *and* its
   signature verifies with the anchor's key; no intermediate CA, whatever its path length;
7. valid at the signing time, and the signing time not in the future; the anchor not expired
   then;
8. not revoked by the anchor's revocation list: key compromise (or a reason that does not say
   when, e.g. "unspecified") fails every plan; a holder who left (affiliation changed,
   superseded, cessation of operation, privilege withdrawn) fails plans signed at or after the
   revocation date, and an earlier plan passes with a note saying so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from .folder import Anchor, display_name, same_name
from .identity import DOCUMENT_SIGNING, LEPTODESK_PURPOSE, is_ca

SIGNING_PURPOSES = (DOCUMENT_SIGNING, LEPTODESK_PURPOSE)
CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
MIN_RSA_BITS = 2048
# A signing time later than now by more than this is refused (clocks drift a little).
CLOCK_SKEW = timedelta(minutes=5)
# Reasons that say the holder stopped being entitled from a date on; any other reason
# (key compromise, CA compromise, unspecified, certificate hold...) fails every plan.
DATED_REASONS = frozenset({
    x509.ReasonFlags.affiliation_changed, x509.ReasonFlags.superseded,
    x509.ReasonFlags.cessation_of_operation, x509.ReasonFlags.privilege_withdrawn,
})
PURPOSE_NAMES = {
    ExtendedKeyUsageOID.SERVER_AUTH: "TLS server",
    ExtendedKeyUsageOID.CLIENT_AUTH: "TLS client",
    ExtendedKeyUsageOID.CODE_SIGNING: "code signing",
    ExtendedKeyUsageOID.EMAIL_PROTECTION: "e-mail",
    ExtendedKeyUsageOID.TIME_STAMPING: "time stamping",
    ExtendedKeyUsageOID.OCSP_SIGNING: "OCSP signing",
}


@dataclass(frozen=True)
class RevocationList:
    """An anchor's installed revocation list, or why it cannot be used (``error``)."""

    anchor_fingerprint: str
    crl: x509.CertificateRevocationList | None
    path: str
    error: str | None = None


@dataclass(frozen=True)
class SignerVerdict:
    """The trust verdict on a signer certificate: ``ok``, the message ``key`` (of
    ``messages.MESSAGES``, without ``msg:``) and ``params`` saying why, the ``anchor`` that
    issued it when one did, and notes (message key and parameters) to show beside a PASS."""

    ok: bool
    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    anchor: Anchor | None = None
    notes: tuple[tuple[str, Mapping[str, object]], ...] = ()

    @property
    def reason(self) -> str:
        from ..messages import MESSAGES

        return MESSAGES[self.key].format(**self.params)


def _fail(key: str, anchor: Anchor | None = None, **params: object) -> SignerVerdict:
    return SignerVerdict(False, key, params, anchor)


def key_problem(cert: x509.Certificate) -> str | None:
    """What is wrong with the certificate's key for signing plans ("RSA-1024"), or None."""
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return None if key.key_size >= MIN_RSA_BITS else f"RSA-{key.key_size}"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return None if key.curve.name in CURVES else f"ECDSA {key.curve.name}"
    return type(key).__name__.removeprefix("_").replace("PublicKey", "")


def weak_key(cert: x509.Certificate) -> bool:
    """Whether the key :func:`key_problem` refuses is too short (RSA under 2048 bits, a curve
    under 256 bits), rather than of a kind LeptoDesk does not accept (Ed25519, secp256k1)."""
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return key.key_size < MIN_RSA_BITS
    return isinstance(key, ec.EllipticCurvePublicKey) and key.curve.key_size < 256


def _usage_ok(cert: x509.Certificate) -> bool:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(usage.digital_signature or usage.content_commitment)


def other_purposes(cert: x509.Certificate) -> list[str] | None:
    """None when the certificate may sign documents by its extended key usage (none given,
    documentSigning or LeptoDesk's purpose), else the purposes it is for, named."""
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return None
    if any(oid in SIGNING_PURPOSES for oid in eku):
        return None
    return [PURPOSE_NAMES.get(oid, oid.dotted_string) for oid in eku] or ["none"]


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:  # noqa: BLE001 - InvalidSignature, or a key of another type
        return False
    return True


def judge_signer(cert: x509.Certificate, signing_time: datetime, *,
                 anchors: Sequence[Anchor], crls: Mapping[str, RevocationList] | None = None,
                 others: Sequence[x509.Certificate] = (),
                 now: datetime | None = None) -> SignerVerdict:
    """The trust verdict on ``cert`` signing at ``signing_time`` (timezone-aware).

    ``anchors``: the trusted site roots; ``crls``: their revocation lists by anchor
    fingerprint; ``others``: the other certificates the signature carried (to name an
    intermediate CA when one issued the signer); ``now``: the clock (for a future signing
    time). Never raises for any certificate.
    """
    issuer_name = display_name(cert.issuer)
    if is_ca(cert):
        if cert.issuer == cert.subject:
            return _fail("verify_fail_root_key")
        return _fail("verify_fail_ca_key", name=display_name(cert.subject))
    if cert.issuer == cert.subject:
        return _fail("verify_fail_self_issued")
    weak = key_problem(cert)
    if weak:
        return _fail("verify_fail_weak_key" if weak_key(cert) else "verify_fail_key_type",
                     algorithm=weak)
    if not _usage_ok(cert):
        return _fail("verify_fail_key_usage")
    purposes = other_purposes(cert)
    if purposes is not None:
        return _fail("verify_fail_purpose", purposes=", ".join(purposes))
    anchor = next((a for a in anchors if _issued_by(cert, a.cert)), None)
    if anchor is None:
        # A CA the signature carries that issued the signer and was itself issued by another
        # (not self-signed): an intermediate, whatever its path length says.
        middle = next((c for c in others if is_ca(c) and c.issuer != c.subject
                       and _issued_by(cert, c)), None)
        if middle is not None:
            return _fail("verify_fail_intermediate", issuer=display_name(middle.subject))
        namesake = next((a for a in anchors if a.cert.subject == cert.issuer
                         or same_name(a.name, issuer_name)), None)
        if namesake is not None:
            return _fail("verify_fail_namesake", issuer=issuer_name,
                         fingerprint=namesake.fingerprint)
        return _fail("verify_fail_untrusted", issuer=issuer_name)
    if now is not None and signing_time > now + CLOCK_SKEW:
        return _fail("verify_fail_future", anchor, when=signing_time.isoformat(
            timespec="seconds"))
    if not (cert.not_valid_before_utc <= signing_time <= cert.not_valid_after_utc):
        return _fail("verify_fail_cert_expired", anchor,
                     start=f"{cert.not_valid_before_utc:%Y-%m-%d}",
                     end=f"{cert.not_valid_after_utc:%Y-%m-%d}")
    root = anchor.cert
    if signing_time > root.not_valid_after_utc:
        # A clinician's certificate may outlive the root that issued it; the root's expiry
        # (not "untrusted", which the path validator would say) is the reason. Its start is
        # not checked: the signer's own validity, above, already bounds the signing time.
        return _fail("verify_fail_root_expired", anchor, root=anchor.name,
                     start=f"{root.not_valid_before_utc:%Y-%m-%d}",
                     end=f"{root.not_valid_after_utc:%Y-%m-%d}")
    return _revocation(cert, signing_time, anchor, (crls or {}).get(anchor.fingerprint))


def _revocation(cert: x509.Certificate, signing_time: datetime, anchor: Anchor,
                listed: RevocationList | None) -> SignerVerdict:
    ok_key = "verify_ok_this_check" if anchor.for_this_check_only else "verify_ok_root"
    ok_params = {"root": anchor.name, "fingerprint": anchor.fingerprint}
    if listed is None:
        return SignerVerdict(True, ok_key, ok_params, anchor)
    if listed.error is not None or listed.crl is None:
        return _fail("verify_fail_crl_unusable", anchor, path=listed.path,
                     error=listed.error or "")
    entry = listed.crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is None:
        return SignerVerdict(True, ok_key, ok_params, anchor)
    when = entry.revocation_date_utc
    try:
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    except x509.ExtensionNotFound:
        reason = x509.ReasonFlags.unspecified
    date = when.isoformat(timespec="minutes")
    if reason not in DATED_REASONS:
        return _fail("verify_fail_revoked_compromise" if reason == x509.ReasonFlags
                     .key_compromise else "verify_fail_revoked", anchor, date=date,
                     reason=reason.value)
    if signing_time >= when:
        return _fail("verify_fail_revoked_after", anchor, date=date,
                     when=signing_time.isoformat(timespec="seconds"))
    return SignerVerdict(True, ok_key, ok_params, anchor,
                         notes=(("verify_note_revoked_later", {"date": date}),))
