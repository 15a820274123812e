"""PAdES baseline B-B signing with pyHanko: attachments first, then one signature, last.

The case JSON (and the plan JSON it produced) are embedded in the same incremental update as
the signature, so the signature covers them. The signature is a *certification* signature
(DocMDP "no changes allowed"), so any later revision is a violation in every validator.
Nothing here opens a socket: no timestamp server,
no revocation fetching (B-B needs neither).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives import serialization

from ..trust.identity import LoadedIdentity

CASE_ATTACHMENT = "case.json"
PLAN_ATTACHMENT = "plan.json"
# ASCII only: the signer's name, role, registration and time are drawn beside the field in the
# bundled TTF by the renderer (pyHanko's TTF engine spaced glyphs apart with DejaVu here, and
# subsetting it cost ~100 ms per signature).
STAMP_TEXT = "Digitally signed\nPAdES B-B\n%(ts)s"
STAMP_FONT_SIZE = 9
SIGN_REASON = "I have reviewed this treatment summary and approve it."


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    description: str
    mime_type: str = "application/json"


def _asn1(identity: LoadedIdentity):
    from asn1crypto import keys, x509

    der = serialization.Encoding.DER
    cert = x509.Certificate.load(identity.cert.public_bytes(der))
    chain = [x509.Certificate.load(c.public_bytes(der)) for c in identity.chain]
    key = keys.PrivateKeyInfo.load(identity.key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert, chain, key


def _bytes_reserved(cert, chain) -> int:
    # Hex digits reserved for the CMS (two per byte): the certificates, the signed attributes
    # and the signature, with room to spare, so that pyHanko need not make a dummy signature
    # to estimate the size.
    return 2 * (3072 + sum(len(c.dump()) for c in (cert, *chain)))


def _signer_at(signing_time: datetime):
    """pyHanko's PdfSigner, with the signing time given rather than read from the clock."""
    from pyhanko.sign import signers

    class _PdfSignerAt(signers.PdfSigner):
        def init_signing_session(self, pdf_out, existing_fields_only=False):
            session = super().init_signing_session(pdf_out,
                                                   existing_fields_only=existing_fields_only)
            session.system_time = signing_time  # the /M entry (PAdES puts no time in the CMS)
            return session

    return _PdfSignerAt


def sign_pdf(pdf: bytes, identity: LoadedIdentity, *, field_name: str, page: int,
             box: tuple[int, int, int, int] | None, attachments: list[Attachment] = (),
             stamp_time: datetime) -> bytes:
    """Certify-sign ``pdf`` once; ``page`` is 1-based, ``box`` in PDF points on that page
    (``None``: an invisible signature, for a page that shows the signer in its own text).

    ``stamp_time`` (timezone-aware) is the signing time: the one in the stamp and the one in
    the signature (``/M``, whole seconds), so the caller knows it without reading the file back.
    """
    if stamp_time.tzinfo is None:
        raise ValueError("stamp_time must be timezone-aware")
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    for att in attachments:
        data = embed.EmbeddedFileObject.from_file_data(
            writer, data=att.data, mime_type=att.mime_type,
            params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True))
        embed.embed_file(writer, embed.FileSpec(
            file_spec_string=att.name, file_name=att.name, embedded_data=data,
            description=att.description, af_relationship=generic.pdf_name("/Data")))

    cert, chain, key = _asn1(identity)
    signer = signers.SimpleSigner(
        signing_cert=cert, signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))
    details = identity.details
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256",
        reason=SIGN_REASON, name=details.name, certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES)
    style = TextStampStyle(
        stamp_text=STAMP_TEXT, border_width=1,
        text_box_style=TextBoxStyle(font_size=STAMP_FONT_SIZE))
    pdf_signer = _signer_at(stamp_time)(
        meta, signer=signer, stamp_style=style,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=page - 1, box=box))
    if box is None:
        pdf_signer = _signer_at(stamp_time)(
            meta, signer=signer,
            new_field_spec=fields.SigFieldSpec(field_name, on_page=page - 1))
    out = pdf_signer.sign_pdf(
        writer, bytes_reserved=_bytes_reserved(cert, chain),
        appearance_text_params={
            "name": details.name, "role": details.role, "registration": details.registration,
            "ts": stamp_time.strftime("%Y-%m-%d %H:%M %Z").strip(),
        })
    return out.getvalue()
