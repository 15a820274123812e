"""Detached JSON Web Signatures (RFC 7515, Appendix F) with the signer's own key.

The compact form ``header..signature`` (the payload left out: it is the canonical bundle).
The protected header names the algorithm and carries the signer's certificate (``x5c``, the
leaf only: the trust check wants the site root to have issued it directly) and its SHA-256
fingerprint (``kid``). Algorithms: ES256 for an ECDSA P-256 identity (LeptoDesk's default),
PS256 for an RSA identity when signing; RS256 and PS256 both verify for RSA. Done with
``cryptography``, which LeptoDesk already uses for every key.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

ACCEPTED = {"ES256": ec.EllipticCurvePublicKey, "RS256": rsa.RSAPublicKey,
            "PS256": rsa.RSAPublicKey}


class JwsError(ValueError):
    """A JWS that cannot be checked or does not verify; ``key`` names why
    (``fhir_fail_*`` / ``verify_fail_*`` messages) and ``params`` its values."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def algorithm_for(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> str:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        if not isinstance(key.curve, ec.SECP256R1):
            raise ValueError(f"ECDSA on {key.curve.name}: only P-256 (ES256) is used")
        return "ES256"
    return "PS256"


def sign_detached(payload: bytes, key, cert: x509.Certificate) -> str:
    """The detached compact JWS of ``payload`` by ``key`` (whose certificate is ``cert``)."""
    from ..trust.identity import fingerprint

    alg = algorithm_for(key)
    header = {"alg": alg, "kid": fingerprint(cert),
              "x5c": [base64.b64encode(cert.public_bytes(serialization.Encoding.DER))
                      .decode("ascii")]}
    protected = b64url(json.dumps(header, separators=(",", ":"), sort_keys=True).encode())
    signing_input = f"{protected}.{b64url(payload)}".encode("ascii")
    if alg == "ES256":
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        signature = key.sign(signing_input, _pss(), hashes.SHA256())
    return f"{protected}..{b64url(signature)}"


def _pss() -> padding.PSS:
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)


def verify_detached(jws: str, payload: bytes) -> tuple[dict, x509.Certificate]:
    """The protected header and the signer's certificate of a detached JWS over ``payload``;
    ``JwsError`` when it is malformed, uses another algorithm or does not verify."""
    parts = jws.split(".")
    if len(parts) != 3 or parts[1] != "":
        raise JwsError("fhir_fail_unreadable", error="not a detached compact JWS")
    try:
        header = json.loads(unb64url(parts[0]))
        signature = unb64url(parts[2])
        cert = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0],
                                                               validate=True))
        alg = header["alg"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise JwsError("fhir_fail_unreadable", error=type(exc).__name__) from None
    if not isinstance(header, dict) or header.get("crit"):
        raise JwsError("fhir_fail_unreadable", error="unsupported JWS header")
    public = cert.public_key()
    if alg not in ACCEPTED or not isinstance(public, ACCEPTED[alg]):
        raise JwsError("fhir_fail_algorithm", alg=str(alg)[:20])
    signing_input = f"{parts[0]}.{b64url(payload)}".encode("ascii")
    try:
        if alg == "ES256":
            if len(signature) != 64 or not isinstance(public.curve, ec.SECP256R1):
                raise InvalidSignature
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"),
                                       int.from_bytes(signature[32:], "big"))
            public.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
        elif alg == "PS256":
            public.verify(signature, signing_input, _pss(), hashes.SHA256())
        else:
            public.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise JwsError("fhir_fail_changed") from None
    return header, cert
