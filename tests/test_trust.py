"""Issue #9's attacks, through the core service and the command line: each one FAILs with its
reason, is refused when opened, extracted or imported, and never prints a traceback."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leptodesk.archive import open_store
from leptodesk.cli import main
from leptodesk.pdf.verdict import SELF_ISSUED
from leptodesk.service import Refused
from leptodesk.trust.identity import IdentityError
from tests.helpers import accept_all
from tests.test_pdf_helpers import (
    ACCENTED,
    EXPIRED_SIGNED_AT,
    PASS,
    added_annotation,
    added_form_field,
    case_swap,
    example_case,
    export,
    forged_nurse_summary,
    identities,
    page_overlay,
    root_signed,
    service,
    trust,
    unsigned_with_case,
)

__all__ = ["identities"]

LATER_REVISION = ("changed after signing: something was added after the signed part (a later "
                  "revision or appended bytes), which the signature does not cover")


@pytest.fixture
def signed_d(identities, tmp_path):
    """Example D (LP contraindicated: a STOP) signed and exported on a trusting workstation."""
    trust(identities["root"])
    case, result = export(identities, tmp_path, "lp-contraindicated",
                          nurse_summary=tmp_path / "nurse.pdf")
    assert service().verify(result.pdf_path).ok
    return case, result


def _attacks(identities, signed_pdf: bytes) -> dict[str, tuple[bytes, str]]:
    other = example_case("tuberculous-adult")
    return {
        "page overlay": (page_overlay(signed_pdf), LATER_REVISION),
        "case swap": (case_swap(signed_pdf, other), LATER_REVISION),
        "case swap, keywords rewritten": (case_swap(signed_pdf, other, rewrite_keywords=True),
                                          LATER_REVISION),
        "added annotation": (added_annotation(signed_pdf), LATER_REVISION),
        "added form field": (added_form_field(signed_pdf), LATER_REVISION),
        "unsigned PDF with a case": (
            unsigned_with_case(other),
            "no signature: this PDF is not signed, do not use it as a plan"),
        "root-signed plan": (
            root_signed(identities, other),
            "signed with a site root's own key: a site root issues identities and cannot "
            "sign plans"),
    }


ATTACKS = ["page overlay", "case swap", "case swap, keywords rewritten", "added annotation",
           "added form field", "unsigned PDF with a case", "root-signed plan"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_fails_in_the_core_and_is_never_opened(identities, signed_d, tmp_path, attack):
    _, result = signed_d
    data, reason = _attacks(identities, result.pdf_path.read_bytes())[attack]
    verdict = service().verify(data)
    assert not verdict.ok and verdict.verdict == "FAIL"
    assert verdict.reason == reason
    with pytest.raises(Refused) as refused:
        service().open_signed(data)
    assert refused.value.verdict.reason == reason


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_fails_on_the_command_line(identities, signed_d, tmp_path, attack, capsys):
    _, result = signed_d
    data, reason = _attacks(identities, result.pdf_path.read_bytes())[attack]
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(data)
    capsys.readouterr()
    assert main(["verify", str(forged)]) == 1
    out, err = capsys.readouterr()
    assert f"Result: FAIL: {reason}" in out.splitlines()
    assert err == ""  # no traceback, no pyHanko log line
    assert main(["case", "extract", str(forged), "-o", str(tmp_path / "case.json")]) == 1
    out, err = capsys.readouterr()
    assert f"FAIL: {reason}" in err and "Traceback" not in err
    assert not (tmp_path / "case.json").exists()
    with open_store() as store:
        before = len(store.list_plans())
    assert main(["plans", "import", str(forged)]) == 1
    assert f"FAIL: {reason}" in capsys.readouterr().err
    with open_store() as store:
        assert len(store.list_plans()) == before  # nothing of it reached the archive


def test_case_swap_cannot_change_what_is_read_from_the_signed_revision(identities, signed_d):
    """Even reading past the verdict, the case comes from the signed bytes only."""
    from leptodesk.export import case_from_pdf
    from leptodesk.pdf.verify import signed_revision

    case, result = signed_d
    swapped = case_swap(result.pdf_path.read_bytes(), example_case("tuberculous-adult"),
                        rewrite_keywords=True)
    verdict = service().verify(swapped)
    assert case_from_pdf(signed_revision(swapped, verdict.signed_end)) == case
    assert verdict.case_sha256 == case.sha256()  # the signed keywords, not the rewritten ones


def test_case_extract_and_open_give_the_signed_case(signed_d, tmp_path, capsys):
    from leptodesk.casefile import load_case_file

    case, result = signed_d
    out = tmp_path / "case.json"
    assert main(["case", "extract", str(result.pdf_path), "-o", str(out)]) == 0
    assert load_case_file(out) == case
    assert main(["case", "extract", str(result.pdf_path), "-o", str(out)]) == 2  # no --force
    assert service().open_signed(result.pdf_path).case == case
    # A nurse summary holds no case: refused with a reason, not a traceback.
    with pytest.raises(Refused, match="nurse summary"):
        service().open_signed(result.nurse_path)


def test_self_issued_imposter_fails_everywhere_including_its_own_workstation(identities,
                                                                             tmp_path, capsys):
    case, fake = export(identities, tmp_path, "lp-contraindicated", who="self")
    trust(identities["root"])
    real = service().export(case, identity=identities["issued"].p12_path, passphrase=PASS,
                            output=tmp_path / "real.pdf", acknowledgements=accept_all(case))
    v_fake, v_real = service().verify(fake.pdf_path), service().verify(real.pdf_path)
    assert v_fake.signer == v_real.signer == ACCENTED  # the same name ...
    assert v_fake.reason == SELF_ISSUED and not v_fake.ok  # ... but not vouched for
    assert v_fake.signer_fingerprint != v_real.signer_fingerprint
    assert v_fake.issuer == ACCENTED and v_real.issuer == "Hôpital Site Root"
    assert main(["verify", str(fake.pdf_path)]) == 1
    out = capsys.readouterr().out
    assert f"Result: FAIL: {SELF_ISSUED}" in out
    assert f"Signer certificate SHA-256: {identities['self'].fingerprint}" in out


def test_site_root_cannot_sign(identities, tmp_path):
    trust(identities["root"])
    with pytest.raises(IdentityError, match="site root's own key cannot sign"):
        service().export(example_case("tuberculous-adult"),
                         identity=identities["root"].p12_path, passphrase=PASS,
                         output=tmp_path / "root.pdf")
    assert not (tmp_path / "root.pdf").exists()


def test_wrong_key_usage_fails(identities, tmp_path):
    trust(identities["root"])
    _, result = export(identities, tmp_path, who="wrong_usage")
    v = service().verify(result.pdf_path)
    assert not v.ok
    assert v.reason == ("wrong key usage: the signer's certificate is not for digital "
                        "signatures")


def test_certification_signature_no_changes_allowed(signed_d):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm

    _, result = signed_d
    for path in (result.pdf_path, result.nurse_path):
        [sig] = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False).embedded_signatures
        assert sig.docmdp_level == MDPPerm.NO_CHANGES


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(min_value=0, max_value=1, exclude_max=True), bit=st.integers(0, 7))
def test_any_changed_signed_byte_fails(signed_d, where, bit):
    """Property: flipping any bit of any byte the signature covers gives FAIL."""
    import re as _re

    _, result = signed_d
    data = bytearray(result.pdf_path.read_bytes())
    a, b, c, d = (int(x) for x in _re.search(
        rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data).groups())
    covered = list(range(a, a + b)) if where < 0.5 else list(range(c, c + d))
    data[covered[int((where % 0.5) * 2 * len(covered))]] ^= 1 << bit
    v = service().verify(bytes(data), record=False)
    assert not v.ok and v.verdict == "FAIL"


@pytest.mark.parametrize("junk", [b"\n", b"\x00" * 8, b"1 0 obj\n<<>>\nendobj\n"])
def test_appended_bytes_fail(signed_d, junk):
    _, result = signed_d
    v = service().verify(result.pdf_path.read_bytes() + junk, record=False)
    assert v.reason == LATER_REVISION


# -- time -------------------------------------------------------------------------------------


def test_plan_signed_while_valid_still_verifies_after_expiry(identities, tmp_path, monkeypatch,
                                                            capsys):
    trust(identities["root"])
    case = example_case("tuberculous-adult")
    result = service().export(case, identity=identities["expired"], passphrase=PASS,
                              output=tmp_path / "old.pdf", signing_time=EXPIRED_SIGNED_AT)
    assert result.signed_at == EXPIRED_SIGNED_AT
    here = service().verify(result.pdf_path)
    assert here.ok, here.reason
    assert here.signing_time == EXPIRED_SIGNED_AT
    assert here.time_basis.startswith(
        f"this workstation's archive record #{result.archive_id}, archived at ")
    # A ward PC that trusts only the site root and never saw the plan.
    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "ward-pc"))
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path / "ward-pc-trust"))
    trust(identities["root"])
    there = service().verify(result.pdf_path)
    assert there.ok, there.reason
    assert there.time_basis == ("the signer's claim only: this PDF is not in this "
                                "workstation's archive")
    assert main(["verify", str(result.pdf_path)]) == 0
    assert ("Signing time: 2020-06-01T10:00:00+00:00 (the signer's claim only: this PDF is not "
            "in this workstation's archive)") in capsys.readouterr().out
    # Imported here, the time still rests on the claim; the archive says since when it is held.
    assert main(["plans", "import", str(result.pdf_path)]) == 0
    imported = service().verify(result.pdf_path)
    assert imported.ok and "imported" in imported.time_basis
    assert imported.time_basis.startswith("the signer's claim; this workstation has held it")


def test_expired_identity_cannot_sign_now(identities, tmp_path):
    with pytest.raises(IdentityError, match="expired on 2021-01-01"):
        service().export(example_case("tuberculous-adult"), identity=identities["expired"],
                         passphrase=PASS, output=tmp_path / "now.pdf")


def test_signing_time_outside_the_certificate_is_fail(identities, tmp_path):
    """A signature claiming a time before its certificate was issued."""
    from leptodesk.export import sign_export
    from leptodesk.trust.identity import load_identity

    trust(identities["root"])
    case = example_case("tuberculous-adult")
    early = datetime(2019, 6, 1, tzinfo=UTC)
    loaded = load_identity(identities["expired"], PASS, at=datetime(2020, 6, 1, tzinfo=UTC))
    pdf = sign_export(case, service().plan(case), loaded, audit_seq=0, audit_hash="0" * 64,
                      signing_time=early).pdf
    v = service().verify(pdf)
    assert not v.ok
    assert v.reason.startswith("the signer's certificate was not valid at the signing time")


# -- the nurse summary ------------------------------------------------------------------------


def test_nurse_summary_is_signed_and_named_as_its_export(signed_d, capsys):
    case, result = signed_d
    assert main(["verify", str(result.nurse_path)]) == 0
    out = capsys.readouterr().out
    assert f"Document: nurse summary of export {result.export_id}" in out
    assert f"Case SHA-256: {case.sha256()}" in out


def test_forged_nurse_summary_fails(identities, signed_d, tmp_path, capsys):
    """STOP removed (another case's plan), a genuine-looking signature line, not signed."""
    _, result = signed_d
    line = (f"Signed by {ACCENTED} (Consultant neurologist, registration GMC 7654321), with "
            f"the full summary of export {result.export_id}")
    forged = tmp_path / "forged-nurse.pdf"
    forged.write_bytes(forged_nurse_summary(example_case("tuberculous-adult"), line))
    assert main(["verify", str(forged)]) == 1
    out = capsys.readouterr().out
    assert "Result: FAIL: no signature: this PDF is not signed, do not use it as a plan" in out
    # Signed by the imposter instead: still FAIL, with the reason.
    _, fake = export(identities, tmp_path, "tuberculous-adult", who="self",
                     output=tmp_path / "fake.pdf", nurse_summary=tmp_path / "fake-nurse.pdf")
    assert service().verify(fake.nurse_path).reason == SELF_ISSUED
    # A genuine nurse summary of another export is refused beside this plan on import.
    assert main(["plans", "import", str(result.pdf_path), str(fake.nurse_path)]) == 1
    assert SELF_ISSUED in capsys.readouterr().err


def test_plans_export_nurse_summary_writes_the_signed_one(signed_d, tmp_path, capsys):
    _, result = signed_d
    out = tmp_path / "copy-nurse.pdf"
    assert main(["plans", "export", str(result.archive_id), "--nurse-summary", "-o",
                 str(out)]) == 0
    assert out.read_bytes() == result.nurse_path.read_bytes()
    assert "Result: PASS" in capsys.readouterr().out


def test_plans_import_on_another_workstation(identities, signed_d, tmp_path, monkeypatch,
                                             capsys):
    case, result = signed_d
    monkeypatch.setenv("LEPTODESK_HOME", str(tmp_path / "ward-pc"))
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path / "ward-pc-trust"))
    # Not trusted yet: refused, nothing archived.
    assert main(["plans", "import", str(result.pdf_path), str(result.nurse_path)]) == 1
    assert "untrusted signer" in capsys.readouterr().err
    trust(identities["root"])
    assert main(["plans", "import", str(result.pdf_path), str(result.nurse_path)]) == 0
    assert f"Imported export {result.export_id}" in capsys.readouterr().out
    with open_store() as store:
        [plan] = store.list_plans()
        assert store.nurse_pdf(plan.id) == result.nurse_path.read_bytes()
        assert plan.imported and plan.export_id == result.export_id
        assert plan.audit_seq is None  # another workstation's log: not an anchor of ours
        assert store.list_events()[-1].event == "plan_imported"
    assert main(["plans", "import", str(result.pdf_path)]) == 0
    assert "Already in the archive" in capsys.readouterr().out


# -- export as one transaction ----------------------------------------------------------------


def test_export_embeds_and_archives_the_audit_head(identities, tmp_path):
    trust(identities["root"])
    with open_store() as store:
        seq, head = store.audit_head()  # the trust_add row
    _, result = export(identities, tmp_path, nurse_summary=tmp_path / "n.pdf")
    assert (result.audit_seq, result.audit_hash) == (seq, head) and seq >= 1
    for path in (result.pdf_path, result.nurse_path):
        v = service().verify(path, record=False)
        assert (v.audit_seq, v.audit_hash) == (seq, head)
    with open_store() as store:
        plan = store.get_plan(result.archive_id)
        assert (plan.audit_seq, plan.audit_hash, plan.export_id) == (seq, head,
                                                                     result.export_id)
        rows = store.list_events()
        assert [r.event for r in rows[-2:]] == ["plan_signed", "plan_exported"]
        assert rows[-2].seq == seq + 1  # the rows written in the export's transaction


def test_failed_archive_leaves_no_file(identities, tmp_path, monkeypatch):
    from leptodesk.archive import Store, StoreError
    from leptodesk.errors import ExportError

    def broken(self, *a, **k):
        raise StoreError.plain("The disk is full")

    monkeypatch.setattr(Store, "archive_export", broken)
    with pytest.raises(ExportError) as failed:
        export(identities, tmp_path, nurse_summary=tmp_path / "n.pdf")
    assert failed.value.step == "archive" and "a retry is safe" in str(failed.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["identity", "pem", "case", "same", "dir", "device",
                                    "exists"])
def test_output_path_guards(identities, tmp_path, monkeypatch, capsys, target):
    import shutil

    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    ident = tmp_path / "me.p12"
    shutil.copy(identities["issued"].p12_path, ident)
    shutil.copy(identities["issued"].pem_path, tmp_path / "me.pem")
    case = tmp_path / "case.json"
    case.write_text(example_case("tuberculous-adult").to_file_json())
    (tmp_path / "old.pdf").write_bytes(b"keep me")
    out, nurse = {
        "identity": (ident, None), "pem": (tmp_path / "me.pem", None), "case": (case, None),
        "same": (tmp_path / "x.pdf", tmp_path / "x.pdf"), "dir": (tmp_path, None),
        "device": ("/dev/null", None), "exists": (tmp_path / "old.pdf", None)}[target]
    before = {p: p.read_bytes() for p in (ident, tmp_path / "me.pem", case,
                                          tmp_path / "old.pdf")}
    args = ["export", str(case), "--identity", str(ident), "-o", str(out)]
    if nurse:
        args += ["--nurse-summary", str(nurse)]
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert {p: p.read_bytes() for p in before} == before
    with open_store() as store:
        assert store.list_plans() == []
    if target == "exists":
        assert main(args + ["--force"]) == 0
        assert (tmp_path / "old.pdf").read_bytes().startswith(b"%PDF")


def test_read_only_audit_log_does_not_change_the_verdict(signed_d, monkeypatch, capsys):
    from leptodesk.archive import Store, StoreError

    _, result = signed_d

    def read_only(self, *a, **k):
        raise StoreError.plain("LeptoDesk cannot write to its data folder (it is read-only)")

    monkeypatch.setattr(Store, "append_event", read_only)
    assert main(["verify", str(result.pdf_path)]) == 0
    out, err = capsys.readouterr()
    assert "Result: PASS" in out
    assert "Note: this check was not recorded in the audit log (LeptoDesk cannot write" in out
    assert "Traceback" not in err


# -- trust anchors ----------------------------------------------------------------------------


def test_trust_add_list_remove(identities, tmp_path, capsys):
    root = identities["root"]
    assert main(["trust", "list"]) == 0
    assert "no site roots are trusted" in capsys.readouterr().out
    wrong = "00" * 32
    assert main(["trust", "add", str(root.pem_path), "--fingerprint", wrong]) == 2
    err = capsys.readouterr().err
    assert f"fingerprint mismatch: the file's SHA-256 fingerprint is {root.fingerprint}" in err
    assert service().trust.anchors() == []
    colons = ":".join(root.fingerprint[i:i + 2] for i in range(0, 64, 2)).upper()
    assert main(["trust", "add", str(root.pem_path), "--fingerprint", colons]) == 0
    out = capsys.readouterr().out
    assert f"SHA-256 fingerprint {root.fingerprint}" in out
    assert main(["trust", "list"]) == 0
    assert root.fingerprint in capsys.readouterr().out
    # A clinician's certificate is never a trust anchor.
    issued = identities["issued"]
    assert main(["trust", "add", str(issued.pem_path), "--fingerprint",
                 issued.fingerprint]) == 2
    assert "not a site root" in capsys.readouterr().err
    assert main(["trust", "remove", root.fingerprint[:12]]) == 0
    assert service().trust.anchors() == []
    with open_store() as store:
        events = [e.event for e in store.list_events()]
    assert events == ["trust_added", "trust_removed"]


@pytest.mark.parametrize("lang", ["en", "fr", "pt"])
def test_a_trust_change_the_audit_log_could_not_take_is_said(identities, monkeypatch, capsys,
                                                             lang):
    """The change stands (the folder trusts the root, then no longer does), and the person who
    made it is told that the audit log does not show it, in their language."""
    from leptodesk.archive import Store, StoreError
    from leptodesk.errors import Phrase

    def read_only(self, *a, **k):
        raise StoreError("store_readonly", where="/data",
                         doing=Phrase("store_doing_write_audit"))

    monkeypatch.setattr(Store, "append_event", read_only)
    root = identities["root"]
    said = {  # the note, then the store's refusal in the same language (written out here)
        "en": "leptodesk: done, but not recorded in the audit log: LeptoDesk cannot write to "
              "its data folder /data (it is read-only or not allowed), so it could not write "
              "the audit log. Everything saved before is kept. Ask the site administrator to "
              "make the folder writable.",
        "fr": "leptodesk: fait, mais non enregistré dans le journal d'audit : LeptoDesk ne peut "
              "pas écrire dans son dossier de données /data (il est en lecture seule ou "
              "l'accès n'est pas autorisé) : il n'a donc pas pu écrire dans le journal "
              "d'audit. Tout ce qui a été enregistré avant est conservé. Demandez à "
              "l'administrateur du site d'autoriser l'écriture dans ce dossier.",
        "pt": "leptodesk: feito, mas não anotado no registo de auditoria: O LeptoDesk não "
              "consegue escrever na sua pasta de dados /data (é só de leitura ou o acesso não "
              "é permitido), por isso não conseguiu escrever no registo de auditoria. Tudo o "
              "que foi guardado antes foi mantido. Peça ao administrador do local que permita "
              "a escrita nesta pasta."}[lang]
    assert main(["trust", "add", str(root.pem_path), "--fingerprint", root.fingerprint,
                 "--lang", lang]) == 0
    out, err = capsys.readouterr()
    assert err.replace("\u202f", " ").replace("\u00a0", " ") == said.replace(
        "\u00a0", " ") + "\n"
    assert out  # what was done is said first, on stdout
    assert [r.fingerprint for r in service().trust.anchors()] == [root.fingerprint]
    assert main(["trust", "remove", root.fingerprint[:12], "--lang", lang]) == 0
    assert capsys.readouterr().err.replace("\u202f", " ").replace("\u00a0", " ") == \
        said.replace("\u00a0", " ") + "\n"
    assert service().trust.anchors() == []


def test_a_plan_signed_before_export_ids_still_verifies(identities, tmp_path):
    """Plans signed by the previous LeptoDesk (no export id in their metadata) keep their
    verdict when their signer is vouched for; they have no signed nurse summary."""
    from leptodesk.pdf.render import SIGNATURE_FIELD, render_clinician
    from leptodesk.pdf.sign import CASE_ATTACHMENT, PLAN_ATTACHMENT, Attachment, sign_pdf
    from leptodesk.trust.identity import load_identity

    trust(identities["root"])
    case = example_case("tuberculous-adult")
    plan = service().plan(case)
    rendered = render_clinician(case, plan, "A4", signer_lines=["Signed by x"])
    old = sign_pdf(rendered.pdf, load_identity(identities["issued"].p12_path, PASS),
                   field_name=SIGNATURE_FIELD, page=rendered.signature_page,
                   box=rendered.signature_box, stamp_time=datetime.now(UTC).replace(
                       microsecond=0),
                   attachments=[Attachment(CASE_ATTACHMENT, case.to_file_json().encode(),
                                           "case"),
                                Attachment(PLAN_ATTACHMENT, plan.model_dump_json().encode(),
                                           "plan")])
    v = service().verify(old)
    assert v.ok, v.reason
    assert v.export_id is None and v.document == "clinician"
    assert "signed before export ids" in v.notes[0]
    assert service().open_signed(old).case == case


def test_store_schema_2_migrates_keeping_its_plans(tmp_path):
    import sqlite3

    from leptodesk.archive import SCHEMA_VERSION, Store
    from leptodesk.archive.schema import SQLITE_MIGRATIONS as _MIGRATIONS

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for step in _MIGRATIONS[:2]:
        step(conn)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO plans (display_name, pathway, signer, signed_at, "
                 "content_version, case_sha256, pdf_sha256, pdf, archived_at) VALUES "
                 "('Bed 1', 'tuberculous', 'Dr A', '2026-01-01T00:00:00+00:00', 'v', 'c', "
                 "'p', x'25504446', '2026-01-01')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        [plan] = store.list_plans()
        assert SCHEMA_VERSION == 5  # v5: signed-content key, check code, outbox
        assert (plan.display_name, plan.export_id, plan.audit_seq, plan.imported,
                plan.has_nurse_pdf) == ("Bed 1", None, None, False, False)
        assert store.find_pdf("p")[0].id == plan.id
