"""Shared fixtures for the signed PDF tests: identities made once per session, and the attacks
of issue #9 built as an attacker would (with pyHanko's incremental writer or by re-signing).

Every check goes through the core service, as the front ends do.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from leptodesk.casefile import load_case_file
from tests.helpers import accept_all

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
PASS = b"correct horse battery"
ACCENTED = "Dr Zoë Ångström-Müller"
# The signing time of the plan made with the expired certificate (valid 2020 only).
EXPIRED_SIGNED_AT = datetime(2020, 6, 1, 10, 0, tzinfo=UTC)


def _expired_identity(folder: Path, root_p12: Path) -> Path:
    """A clinician identity the site root issued for 2020 only (long expired now)."""
    from leptodesk.trust.identity import load_identity

    root = load_identity(root_p12, PASS)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "Dr Expired Cert"),
        x509.NameAttribute(NameOID.TITLE, "Consultant"),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, "GMC 2020"),
    ])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(root.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(datetime(2020, 1, 1, tzinfo=UTC))
            .not_valid_after(datetime(2021, 1, 1, tzinfo=UTC))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False,
                                         False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                root.cert.public_key()), critical=False)
            .sign(root.key, hashes.SHA256()))
    path = folder / "expired.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"expired", key, cert, [root.cert], serialization.BestAvailableEncryption(PASS)))
    return path


def _encipher_only_identity(folder: Path, root_p12: Path) -> Path:
    """Issued by the site root, but for key encipherment only (not for signatures)."""
    from leptodesk.trust.identity import load_identity

    root = load_identity(root_p12, PASS)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Dr Wrong Usage")]))
            .issuer_name(root.cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, True, False, False, False,
                                         False), critical=True)
            .sign(root.key, hashes.SHA256()))
    path = folder / "wrong-usage.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"wrong", key, cert, [root.cert], serialization.BestAvailableEncryption(PASS)))
    return path


@pytest.fixture(scope="session")
def identities(tmp_path_factory):
    """A site root, an identity it issued (accented name), a self-issued imposter with the
    same name, one it issued for 2020 only, and one issued for encipherment only."""
    from leptodesk.trust.identity import create_identity, create_site_root

    folder = tmp_path_factory.mktemp("identities")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_HOME", str(folder / "home"))
        root = create_site_root("Hôpital Site Root", folder / "root.p12", PASS)
        issued = create_identity(ACCENTED, "Consultant neurologist", "GMC 7654321",
                                 folder / "issued.p12", PASS, ca=root.p12_path,
                                 ca_passphrase=PASS)
        imposter = create_identity(ACCENTED, "Consultant neurologist", "GMC 7654321",
                                   folder / "self.p12", PASS)
    return {"root": root, "issued": issued, "self": imposter, "folder": folder,
            "expired": _expired_identity(folder, root.p12_path),
            "wrong_usage": _encipher_only_identity(folder, root.p12_path)}


def service():
    from leptodesk.service import get_service

    return get_service()


def trust(root) -> None:
    """Trust the site root on this (per-test) workstation, as an administrator would: in the
    test's own system trust folder (``LEPTODESK_TRUST_DIR``, tests/conftest.py)."""
    service().trust.add(root.pem_path, root.fingerprint)


def example_case(stem: str):
    return load_case_file(ROOT / "examples" / f"{stem}.json")


def export(ids, tmp_path: Path, stem: str = "tuberculous-adult", who: str = "issued", **kw):
    """Export an example through the service; returns (case, ExportResult)."""
    case = example_case(stem)
    identity = ids[who] if isinstance(ids[who], Path) else ids[who].p12_path
    kw.setdefault("output", tmp_path / f"{stem}.pdf")
    kw.setdefault("acknowledgements", accept_all(case, kw.get("lang", "en")))
    return case, service().export(case, identity=identity, passphrase=PASS, **kw)


def export_altered_answers(ids, tmp_path: Path, monkeypatch, alter,
                           stem: str = "lp-contraindicated"):
    """Export ``stem`` signed by the trusted identity with its acknowledgements changed by
    ``alter(acknowledgements)`` before signing, as altered software could sign it (LeptoDesk
    itself never signs such a plan); returns (case, ExportResult)."""
    import leptodesk.acknowledge as ack

    real = ack.acknowledged

    def altered(plan, answers, **kw):
        signed = real(plan, answers, **kw)
        return signed.model_copy(update={"acknowledgements": alter(signed.acknowledgements)})

    with monkeypatch.context() as mp:
        mp.setattr(ack, "acknowledged", altered)
        return export(ids, tmp_path, stem)


# -- the attacks ------------------------------------------------------------------------------


def incremental(data: bytes, mutate) -> bytes:
    """``data`` with one incremental update appended, as made by ``mutate(writer)``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    mutate(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_overlay(data: bytes) -> bytes:
    """A white box drawn over the top of page 1 with new text (hides the STOP banner)."""
    from pyhanko.pdf_utils import generic

    def mutate(w):
        stream = generic.StreamObject(stream_data=b"q 1 1 1 rg 0 600 612 250 re f Q")
        w.add_stream_to_page(0, w.add_object(stream))

    return incremental(data, mutate)


def _embed_case(w, case_json: bytes) -> None:
    from pyhanko.pdf_utils import embed, generic

    from leptodesk.pdf.sign import CASE_ATTACHMENT

    ef = embed.EmbeddedFileObject.from_file_data(w, data=case_json,
                                                 mime_type="application/json")
    embed.embed_file(w, embed.FileSpec(file_spec_string=CASE_ATTACHMENT,
                                       file_name=CASE_ATTACHMENT, embedded_data=ef,
                                       af_relationship=generic.pdf_name("/Data")))


def case_swap(data: bytes, other_case, rewrite_keywords: bool = False) -> bytes:
    """An update that replaces the embedded case (and, if asked, the case hash in /Keywords)."""
    from pyhanko.pdf_utils import generic

    from leptodesk.service import get_service

    def mutate(w):
        _embed_case(w, other_case.to_file_json().encode("utf-8"))
        if rewrite_keywords:
            plan = get_service().plan(other_case)
            info = w.trailer["/Info"]
            old = str(info.get("/Keywords", ""))
            new = old.split("case_sha256=")[0] + f"case_sha256={plan.case_sha256};" + \
                old.split("case_sha256=")[1].split(";", 1)[1]
            info[generic.pdf_name("/Keywords")] = generic.pdf_string(new)
            w.update_container(info)

    return incremental(data, mutate)


def added_annotation(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    def mutate(w):
        annot = generic.DictionaryObject({
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
            generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.FloatObject,
                                                               (50, 700, 400, 760))),
            generic.pdf_name("/Contents"): generic.pdf_string("Methotrexate: go ahead"),
            generic.pdf_name("/DA"): generic.pdf_string("/Helv 12 Tf 0 g"),
        })
        page_ref, _ = w.find_page_for_modification(0)
        w.register_annotation(page_ref, w.add_object(annot))

    return incremental(data, mutate)


def added_form_field(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    def mutate(w):
        page_ref, _ = w.find_page_for_modification(0)
        field = generic.DictionaryObject({
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
            generic.pdf_name("/FT"): generic.pdf_name("/Tx"),
            generic.pdf_name("/T"): generic.pdf_string("dose"),
            generic.pdf_name("/V"): generic.pdf_string("double it"),
            generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.FloatObject,
                                                               (50, 650, 300, 680))),
            generic.pdf_name("/P"): page_ref,
        })
        ref = w.add_object(field)
        w.register_annotation(page_ref, ref)
        form = w.root["/AcroForm"]
        form["/Fields"].append(ref)
        w.update_container(form["/Fields"] if isinstance(form["/Fields"], generic.IndirectObject)
                           else form)
        w.update_container(form)
        w.update_root()

    return incremental(data, mutate)


def unsigned_with_case(case) -> bytes:
    """A freshly rendered (unsigned) summary carrying a case.json, as an attacker would make."""
    from leptodesk.export import render_clinician_summary

    pdf = render_clinician_summary(case, service().plan(case))
    return incremental(pdf, lambda w: _embed_case(w, case.to_file_json().encode("utf-8")))


def root_signed(ids, case) -> bytes:
    """A plan signed with the site root's own key (export refuses it; built by hand)."""
    from leptodesk.export import sign_export
    from leptodesk.trust.identity import load_identity

    loaded = load_identity(ids["root"].p12_path, PASS)
    return sign_export(case, service().plan(case), loaded, audit_seq=0,
                       audit_hash="0" * 64).pdf


def forged_nurse_summary(case, signer_line: str) -> bytes:
    """A nurse summary rendered by hand with a genuine-looking signature line, not signed."""
    from leptodesk.export import render_nurse_summary

    return render_nurse_summary(case, service().plan(case), signer_line)
