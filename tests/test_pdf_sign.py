"""Signing, verification and reopening through the core service: PAdES B-B certification
signatures with ECDSA and an RSA hospital CA."""

from __future__ import annotations

import io
import re
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pypdf import PdfReader

from leptodesk.archive import open_store
from leptodesk.errors import InvalidInput
from leptodesk.export import case_from_pdf, plan_from_pdf, render_clinician_summary
from leptodesk.trust.identity import IdentityError, WrongPassphrase
from tests.helpers import accept_all
from tests.test_pdf_helpers import (
    ACCENTED,
    EXAMPLES,
    PASS,
    example_case,
    identities,
    service,
    trust,
)
from tests.test_pdf_helpers import export as _export

__all__ = ["identities"]


def verify_pdf(source, extra=()):
    return service().verify(source, extra)


@pytest.mark.parametrize("stem", [p.stem for p in EXAMPLES])
def test_every_example_signs_and_verifies(identities, tmp_path, stem):
    trust(identities["root"])
    case, result = _export(identities, tmp_path, stem, nurse_summary=tmp_path / "nurse.pdf")
    v = verify_pdf(result.pdf_path)
    assert v.ok and v.intact and v.trusted, v.reason
    assert v.signer == ACCENTED and v.signer_registration == "GMC 7654321"
    assert v.case_sha256 == case.sha256() == result.plan.case_sha256
    assert v.content_version == result.plan.content_version
    assert v.content_sha256 == result.plan.content_sha256
    assert abs((v.signing_time - result.signed_at).total_seconds()) < 1
    assert result.pdf_sha256 == v.pdf_sha256
    assert v.export_id == result.export_id and v.document == "clinician"
    assert len(PdfReader(result.nurse_path).pages) == 1
    nurse = " ".join(PdfReader(result.nurse_path).pages[0].extract_text().split())
    assert f"Signed by {ACCENTED}" in nurse
    assert f"export {result.export_id}" in nurse and result.plan.case_sha256 in nurse
    n = verify_pdf(result.nurse_path)
    assert n.ok, n.reason
    assert n.document == "nurse" and n.export_id == result.export_id
    assert n.case_sha256 == result.plan.case_sha256
    assert f"Document: nurse summary of export {result.export_id}" in n.lines()
    # The visible signature shows name, role, registration and time with the bundled font.
    reader = PdfReader(result.pdf_path)
    last = reader.pages[-1]
    annots = [a.get_object() for a in last.get("/Annots", [])]
    sig = [a for a in annots if a.get("/FT") == "/Sig"]
    assert sig and float(sig[0]["/Rect"][2]) - float(sig[0]["/Rect"][0]) > 100
    assert sig[0]["/AP"]["/N"].get_object()  # pyHanko's visible stamp
    text = " ".join(last.extract_text().split())  # the details, drawn in the bundled TTF
    assert f"Signed by {ACCENTED}" in text and "Registration: GMC 7654321" in text
    fonts = last["/Resources"]["/Font"]
    assert all("DejaVuSans" in str(f.get_object()["/BaseFont"]) for f in fonts.values())


def test_signature_text_has_name_role_registration_and_time(identities, tmp_path):
    import pypdfium2

    _, result = _export(identities, tmp_path)
    doc = pypdfium2.PdfDocument(result.pdf_path.read_bytes())
    doc.init_forms()
    page = doc[len(doc) - 1]
    page.flatten()  # draw the signature appearance into the page to read its text
    doc2 = pypdfium2.PdfDocument(io.BytesIO(_save(doc)))
    text = " ".join(doc2[len(doc2) - 1].get_textpage().get_text_range().split())
    for part in (ACCENTED, "Consultant neurologist", "GMC 7654321",
                 result.signed_at.strftime("%Y-%m-%d")):
        assert part in text


def test_returned_signing_time_is_the_signature_time_and_the_stamp_time(identities, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    before = datetime.now(UTC).replace(microsecond=0)
    _, result = _export(identities, tmp_path)
    after = datetime.now(UTC)
    assert result.signed_at.tzinfo is not None and before <= result.signed_at <= after
    assert verify_pdf(result.pdf_path).signing_time == result.signed_at
    embedded = PdfFileReader(io.BytesIO(result.pdf_path.read_bytes()), strict=False)
    assert embedded.embedded_signatures[-1].self_reported_timestamp == result.signed_at
    shown = result.signed_at.strftime("%Y-%m-%d %H:%M")
    text = " ".join(PdfReader(result.pdf_path).pages[-1].extract_text().split())
    assert f"Time: {shown}" in text  # the details drawn beside the stamp


def _save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_case_and_plan_round_trip_from_pdf(identities, tmp_path):
    trust(identities["root"])
    case, result = _export(identities, tmp_path, "bacterial-child-sepsis")
    opened = service().open_signed(result.pdf_path)
    assert opened.case == case
    assert opened.plan == result.plan
    assert service().open_signed(result.pdf_path.read_bytes()).case == case
    assert plan_from_pdf(result.pdf_path.read_bytes()) == result.plan
    # The same decisions; the signed plan adds the signer's answers to its alerts.
    assert service().plan(opened.case) == result.plan.model_copy(
        update={"acknowledgements": None})
    # (the HER2 example answers its intrathecal questions since issue 21: this one has alerts)
    assert [a.alert for a in result.plan.acknowledgements] == [
        "lp.contraindicated", "pitfall.calcium_ceftriaxone"]


def test_case_from_pdf_without_attachment_is_invalid_input(tmp_path):
    case = example_case("tuberculous-adult")
    pdf = render_clinician_summary(case, service().plan(case))
    with pytest.raises(InvalidInput, match="no LeptoDesk case.json"):
        case_from_pdf(pdf)
    with pytest.raises(InvalidInput, match="not a readable PDF"):
        case_from_pdf(b"this is not a pdf")


def test_unsigned_pdf_reports_no_signature():
    case = example_case("tuberculous-adult")
    v = verify_pdf(render_clinician_summary(case, service().plan(case)))
    assert not v.ok and not v.signed
    assert v.reason == "no signature: this PDF is not signed, do not use it as a plan"
    assert verify_pdf(b"garbage").reason.startswith("not a readable PDF")


def _byte_range(data: bytes) -> list[int]:
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    return [int(x) for x in m.groups()]


def test_flipped_byte_in_signed_range_is_tampered(identities, tmp_path):
    trust(identities["root"])
    _, result = _export(identities, tmp_path)
    data = bytearray(result.pdf_path.read_bytes())
    # A byte of the metadata (keeps the file parseable) ...
    at = data.index(b"content_version=") + len(b"content_version=")
    data[at] ^= 0x01
    v = verify_pdf(bytes(data))
    assert not v.ok and not v.intact and v.reason.startswith("tampered")
    # ... and a byte in the middle of the first signed range.
    data = bytearray(result.pdf_path.read_bytes())
    start, length, *_ = _byte_range(bytes(data))
    data[start + length // 2] ^= 0x20
    assert not verify_pdf(bytes(data)).ok


def test_appended_update_after_signing_is_reported(identities, tmp_path):
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    trust(identities["root"])
    _, result = _export(identities, tmp_path)
    w = IncrementalPdfFileWriter(io.BytesIO(result.pdf_path.read_bytes()))
    w.root["/Lang"] = pdf_string("xx")
    w.update_root()
    out = io.BytesIO()
    w.write(out)
    v = verify_pdf(out.getvalue())
    assert not v.ok and v.intact
    assert v.reason.startswith("changed after signing: something was added after the signed")


def test_issued_signer_is_untrusted_where_its_root_is_not_trusted(identities, tmp_path):
    _, result = _export(identities, tmp_path)  # this test's home trusts nothing
    v = verify_pdf(result.pdf_path)
    assert v.intact and not v.trusted and not v.ok
    assert v.reason.startswith('untrusted signer: the certificate was issued by "Hôpital Site')
    assert "--trust" not in v.reason
    ok = verify_pdf(result.pdf_path, [identities["root"].pem_path])  # this check only
    assert ok.ok, ok.reason
    assert not verify_pdf(result.pdf_path).ok  # nothing was trusted for good


def test_a_clinicians_own_certificate_is_never_a_trust_anchor(identities, tmp_path):
    _, result = _export(identities, tmp_path, who="self")
    with pytest.raises(IdentityError, match="not a site root"):
        verify_pdf(result.pdf_path, [identities["self"].pem_path])


def test_identity_create_never_trusts_it(identities, tmp_path):
    from leptodesk.trust.identity import create_identity

    created = create_identity("Dr Local", "Registrar", "R-9", tmp_path / "local.p12", PASS)
    assert created.pem_path.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    assert service().trust.anchors() == []
    case = example_case("lp-contraindicated")
    r = service().export(case, identity=created.p12_path, passphrase=PASS,
                         output=tmp_path / "p.pdf", acknowledgements=accept_all(case))
    assert r.self_issued
    v = verify_pdf(r.pdf_path)
    assert not v.ok and v.reason == "self-issued: not vouched for by a site root"
    assert not (tmp_path / "local.p12").read_bytes().count(b"PRIVATE KEY")


def test_wrong_passphrase_is_a_clear_error_and_writes_nothing(identities, tmp_path):
    case = example_case("tuberculous-adult")
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        service().export(case, identity=identities["issued"].p12_path, passphrase=b"nope-nope",
                         output=tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    (tmp_path / "junk.p12").write_bytes(b"not a pkcs12")
    with pytest.raises(IdentityError, match="not a PKCS#12"):
        service().export(case, identity=tmp_path / "junk.p12", passphrase=PASS,
                         output=tmp_path / "x.pdf")
    with open_store() as store:
        assert store.list_plans() == []  # nothing archived either


def _rsa_hospital_ca(tmp_path: Path) -> tuple[Path, Path]:
    """A hospital CA and a clinician leaf, RSA 2048, made with plain `cryptography`."""
    now = datetime.now(UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hospital Issuing CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                       False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Dr Rsa Hospital")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False,
                                         False), critical=True)
            .sign(ca_key, hashes.SHA256()))
    p12 = tmp_path / "hospital.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"dr", key, leaf, [ca], serialization.BestAvailableEncryption(PASS)))
    ca_pem = tmp_path / "hospital-ca.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return p12, ca_pem


def test_rsa_pkcs12_from_a_hospital_ca(tmp_path):
    p12, ca_pem = _rsa_hospital_ca(tmp_path)
    case = example_case("bacterial-child-sepsis")
    result = service().export(case, identity=p12, passphrase=PASS,
                              output=tmp_path / "rsa.pdf", acknowledgements=accept_all(case))
    assert result.signer_name == "Dr Rsa Hospital"
    assert not verify_pdf(result.pdf_path).trusted  # the hospital CA is not trusted yet
    from leptodesk.trust.identity import fingerprint, read_certificates

    service().trust.add(ca_pem, fingerprint(read_certificates(ca_pem)[0]))
    v = verify_pdf(result.pdf_path)
    assert v.ok, v.reason
    assert v.signer_role == "role not stated in the certificate"


def test_export_and_verify_never_open_a_socket(identities, tmp_path, monkeypatch):
    """No network socket at all. pyHanko's sync API runs asyncio, whose event loop makes a
    local AF_UNIX socketpair as its self-pipe; that one is allowed, nothing else."""
    trust(identities["root"])
    opened: list = []
    real = socket.socket

    class Guarded(real):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if getattr(socket, "AF_UNIX", None) != family:
                opened.append(family)
                raise AssertionError(f"a network socket was opened ({family})")
            super().__init__(family, type, proto, fileno)

    def no_network(*args, **kwargs):
        opened.append(args)
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "socket", Guarded)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    _, result = _export(identities, tmp_path, "bacterial-child-sepsis",
                        nurse_summary=tmp_path / "n.pdf")
    assert verify_pdf(result.pdf_path).ok
    assert opened == []


def test_letter_export(identities, tmp_path):
    trust(identities["root"])
    _, result = _export(identities, tmp_path, page_size="Letter")
    box = PdfReader(result.pdf_path).pages[0].mediabox
    assert round(float(box.width)) == 612
    assert verify_pdf(result.pdf_path).ok


def test_a_plan_signed_from_a_version_1_case_still_verifies(identities, tmp_path, monkeypatch):
    """Plans signed before case-file v2 embed a v1 case and carry its v1 hash: verifying
    them hashes the embedded case in the version it was written in."""
    import json

    from leptodesk import clinical
    from leptodesk.migrate import v1_sha256
    from leptodesk.models import Case

    trust(identities["root"])
    v1_text = json.dumps({"schema_version": 1, "patient": {"weight_kg": 58, "age_years": 34},
                          "lp_safety": {"hours_since_prophylactic_lmwh": 30},
                          "etiology": {"category": "tuberculous"}})
    from leptodesk.casefile import load_case_text

    case = load_case_text(v1_text)
    v1_hash = v1_sha256(case)
    assert v1_hash != case.sha256()
    real_build = clinical.build_plan
    # What an earlier LeptoDesk signed: the v1 file as written, the plan with its v1 hash.
    with monkeypatch.context() as m:
        m.setattr(Case, "to_file_json", lambda self: v1_text)
        m.setattr(clinical, "build_plan", lambda c, site=None, **kw: real_build(
            c, site, **kw).model_copy(update={"case_sha256": v1_hash}))
        from leptodesk.service import get_service

        result = get_service().export(case, identity=identities["issued"].p12_path,
                                      passphrase=PASS, output=tmp_path / "old.pdf",
                                      acknowledgements=accept_all(case))
    v = verify_pdf(result.pdf_path)
    assert v.ok, v.reason
    assert v.case_sha256 == v1_hash
    reopened = case_from_pdf(result.pdf_path.read_bytes())  # read and migrated: LMWH given, 30 h
    assert (reopened.lp_safety.prophylactic_lmwh, reopened.lp_safety.hours_since_prophylactic_lmwh
            ) == ("given", 30)
