"""What a PDF signature's container holds beyond the signature itself: the bytes of
``/Contents`` (which the signature does not cover, so they must be canonical) and the
certificates the CMS carries (to name an intermediate or a same-name root in a verdict)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..trust.identity import fingerprint

if TYPE_CHECKING:
    from cryptography import x509


def contents_canonical(data: bytes, byte_range: list[int], contents: bytes) -> bool:
    """The signature container as LeptoDesk writes it and nothing else: the gap the byte
    range leaves is exactly ``<`` + the hex of ``/Contents`` (upper case, as pyHanko writes it,
    no spaces) + ``>``,
    and every byte after the CMS structure inside it is zero. The gap is the one part of the
    file the signature does not cover; without this check a changed padding byte (or upper-case
    hex) would give a second file, with another SHA-256, that carries the same signed plan."""
    from asn1crypto import cms

    gap = data[byte_range[0] + byte_range[1]:byte_range[2]]
    if gap != b"<" + contents.hex().upper().encode("ascii") + b">":
        return False
    try:
        used = len(cms.ContentInfo.load(contents, strict=False).dump())
    except ValueError:
        return False
    return not contents[used:].strip(b"\x00")


def carried_certificates(sig, signer: x509.Certificate) -> list[x509.Certificate]:
    """The other certificates the signature carries (an intermediate CA, the root)."""
    from cryptography.x509 import load_der_x509_certificate

    out = []
    for choice in sig.signed_data["certificates"] or []:
        if choice.name != "certificate":
            continue
        try:
            cert = load_der_x509_certificate(choice.chosen.dump())
        except ValueError:
            continue
        if cert != signer:
            out.append(cert)
    return out


def carried_issuer(cert: x509.Certificate, others: list[x509.Certificate]) -> str | None:
    """The fingerprint of the certificate in the signature that issued ``cert``, if any."""
    for other in others:
        if other.subject == cert.issuer:
            try:
                cert.verify_directly_issued_by(other)
            except Exception:  # noqa: BLE001 - InvalidSignature, or a key of another type
                continue
            return fingerprint(other)
    return None
