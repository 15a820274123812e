"""Issue #23: trust that an administrator grants. Each attack of the issue through the core
service and the command line (verify, case extract, plans import); the GUI paths (Open plan,
Plans window) are in tests/ui/test_trust_admin_ui.py. Expected texts are written out here from
the issue and DESIGN "Trust", never produced by the code under test."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from leptodesk.archive import open_store
from leptodesk.cli import main
from tests.test_pdf_helpers import PASS, export, identities, service, trust
from tests.trust_helpers import (
    ATTACK_REASONS,
    CONTAINER_ALTERED,
    DOCUMENT_SIGNING,
    attacker_identities,
    leaf,
    load_p12,
    needs_root,
    nobody,
    nobody_reason,
    open_tmp,
    outlived_root,
    repadded,
    run_as_nobody,
    sign_with,
    symlink_reason,
    symlinked_anchor_file,
    symlinked_roots_folder,
    trust_dir,
    trust_folder_made_by_nobody,
    write_p12,
    write_pem,
)

__all__ = ["identities", "open_tmp"]
pytestmark = needs_root


@pytest.fixture(scope="session")
def attackers(identities, tmp_path_factory):
    return attacker_identities(identities, tmp_path_factory.mktemp("attackers"))


def _refused_everywhere(pdf: Path, reason: str, tmp_path: Path, capsys) -> None:
    """verify, print, case extract and plans import all FAIL with ``reason``; nothing
    printed, written or archived."""
    capsys.readouterr()
    assert main(["verify", str(pdf)]) == 1
    out, err = capsys.readouterr()
    assert f"Result: FAIL: {reason}" in out.splitlines()
    assert "Traceback" not in err
    assert main(["print", str(pdf)]) == 1  # refused before any printer is asked
    out, err = capsys.readouterr()
    assert f"FAIL: {reason}" in out and err.startswith(f"leptodesk: not printed: {pdf} did "
                                                       "not pass verification")
    assert main(["case", "extract", str(pdf), "-o", str(tmp_path / "case.json")]) == 1
    assert f"FAIL: {reason}" in capsys.readouterr().err
    assert not (tmp_path / "case.json").exists()
    with open_store() as store:
        before = len(store.list_plans())
    assert main(["plans", "import", str(pdf)]) == 1
    assert f"FAIL: {reason}" in capsys.readouterr().err
    with open_store() as store:
        assert len(store.list_plans()) == before


# -- (1) anchors granted by an administrator --------------------------------------------------


def test_creating_a_root_and_an_identity_trusts_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
    assert main(["identity", "create-site-root", "--name", "Ward General root", "-o",
                 str(tmp_path / "root.p12")]) == 0
    out = capsys.readouterr().out
    assert "Not trusted anywhere yet, this workstation included." in out
    assert main(["identity", "create", "--name", "Dr Chain", "--role", "Registrar",
                 "--registration", "R-1", "--ca", str(tmp_path / "root.p12"), "-o",
                 str(tmp_path / "chain.p12")]) == 0
    assert not trust_dir().exists()  # nothing was written to the system trust folder
    assert service().trust.anchors() == []
    assert main(["trust", "list"]) == 0
    assert "no site roots are trusted on this workstation" in capsys.readouterr().out
    pdf = tmp_path / "plan.pdf"
    assert main(["export", str(Path(__file__).parent.parent / "examples" /
                               "tuberculous-adult.json"), "-o", str(pdf), "--identity",
                 str(tmp_path / "chain.p12")]) == 0
    capsys.readouterr()
    assert main(["verify", str(pdf)]) == 1
    assert ('Result: FAIL: untrusted signer: the certificate was issued by "Ward General '
            'root"') in capsys.readouterr().out


def test_identity_create_gives_the_document_signing_purpose(identities):
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(identities["issued"].pem_path.read_bytes())
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert [oid.dotted_string for oid in eku] == ["1.3.6.1.5.5.7.3.36"]


def test_the_trust_folder_is_root_s_and_readable_by_all(identities):
    trust(identities["root"])
    [pem] = (trust_dir() / "roots").iterdir()
    for item, mode in ((trust_dir(), 0o755), (trust_dir() / "roots", 0o755), (pem, 0o644)):
        st = item.lstat()
        assert (st.st_uid, stat.S_IMODE(st.st_mode)) == (0, mode), item


def test_same_name_root_cannot_be_added_and_its_plans_fail(identities, attackers, tmp_path,
                                                           capsys):
    real = identities["root"]
    trust(real)
    fake_pem = attackers["same-name root"].parent / "same-name-root.pem"
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    fake_fp = x509.load_pem_x509_certificate(fake_pem.read_bytes()).fingerprint(
        hashes.SHA256()).hex()
    capsys.readouterr()
    assert main(["trust", "add", str(fake_pem), "--fingerprint", fake_fp]) == 2
    assert (f'a trusted site root already has the name "Hôpital Site Root" (SHA-256 '
            f"fingerprint {real.fingerprint}); a second root of the same name is refused"
            ) in capsys.readouterr().err
    assert [a.fingerprint for a in service().trust.anchors()] == [real.fingerprint]
    pdf = sign_with(attackers["same-name root"], tmp_path)
    reason = ATTACK_REASONS["same-name root"].format(root=real.fingerprint)
    assert service().verify(pdf).reason == reason
    capsys.readouterr()
    assert main(["verify", str(pdf)]) == 1  # the two fingerprints side by side
    assert (f'Issuer: "Hôpital Site Root" (SHA-256 fingerprint {fake_fp}), not a site root '
            "trusted here") in capsys.readouterr().out.splitlines()
    _refused_everywhere(pdf, reason, tmp_path, capsys)


def test_a_root_whose_name_only_looks_different_cannot_be_added(identities, tmp_path, capsys):
    from cryptography.hazmat.primitives import hashes

    from tests.trust_helpers import self_signed_root

    real = identities["root"]
    trust(real)
    _, lookalike = self_signed_root("H\u00f4pital\u200b Site Root")  # a zero-width space
    pem = write_pem(tmp_path / "lookalike.pem", lookalike)
    capsys.readouterr()
    assert main(["trust", "add", str(pem), "--fingerprint",
                 lookalike.fingerprint(hashes.SHA256()).hex()]) == 2
    assert (f'a trusted site root already has the name "Hôpital Site Root" (SHA-256 '
            f"fingerprint {real.fingerprint})") in capsys.readouterr().err
    assert [a.fingerprint for a in service().trust.anchors()] == [real.fingerprint]


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "this site root expired on {end}: a plan signed after that date FAILs verification"),
    ("fr", "cette racine de site a expiré le {end} : un plan signé après cette date échoue"),
    ("pt", "esta raiz do local expirou em {end}: um plano assinado depois dessa data falha"),
])
def test_an_expired_root_is_granted_with_a_notice_and_listed_with_it(tmp_path, capsys, lang,
                                                                     words):
    """Granting a root that has expired is allowed (it still verifies the plans signed while
    it was valid), but the administrator is told, on adding it and in the list; a root one
    day from its end is not flagged."""
    from cryptography.hazmat.primitives import hashes

    from tests.trust_helpers import self_signed_root

    now = datetime.now(UTC).replace(microsecond=0)
    end = now - timedelta(days=1)
    _, old = self_signed_root("Old ward root", not_before=now - timedelta(days=400),
                              not_after=end)
    _, live = self_signed_root("Live ward root", not_after=now + timedelta(days=1))
    expected = words.format(end=f"{end:%Y-%m-%d}")
    capsys.readouterr()
    for cert, name in ((old, "old"), (live, "live")):
        pem = write_pem(tmp_path / f"{name}.pem", cert)
        assert main(["trust", "add", str(pem), "--lang", lang, "--fingerprint",
                     cert.fingerprint(hashes.SHA256()).hex()]) == 0
        err = capsys.readouterr().err
        assert (expected in err) is (cert is old), err
    assert main(["trust", "list", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    flagged = [i for i, line in enumerate(lines) if expected in line]
    assert len(flagged) == 1 and "Old ward root" in lines[flagged[0] - 1], lines


def test_trust_list_flags_two_roots_of_the_same_name(identities, attackers, capsys):
    trust(identities["root"])
    placed = trust_dir() / "roots" / "placed-by-hand.pem"  # by an administrator, by mistake
    shutil.copy(attackers["same-name root"].parent / "same-name-root.pem", placed)
    os.chmod(placed, 0o644)
    capsys.readouterr()
    assert main(["trust", "list"]) == 0
    flagged = [line for line in capsys.readouterr().out.splitlines() if "SAME NAME" in line]
    assert len(flagged) == 2
    assert all(line.endswith("Hôpital Site Root  <- SAME NAME as another trusted root: check "
                             "both fingerprints with the site administrator")
               for line in flagged)


def test_a_genuine_plan_names_its_root_and_fingerprint(identities, tmp_path, capsys):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    capsys.readouterr()
    assert main(["verify", str(result.pdf_path)]) == 0
    out = capsys.readouterr().out
    assert (f'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint '
            f"{identities['root'].fingerprint}, granted on this workstation by its "
            "administrator") in out.splitlines()
    verdict = service().verify(result.pdf_path)
    fp = identities["root"].fingerprint
    short = f"{fp[0:4]} {fp[4:8]} {fp[8:12]} {fp[12:16]}"
    assert verdict.screen_lines_in("en")[1] == (
        f'site root "Hôpital Site Root", SHA-256 fingerprint {short}, granted on this '
        "workstation by its administrator")


def test_verify_trust_says_for_this_check_only(identities, tmp_path, capsys, monkeypatch):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path / "elsewhere"))  # another PC
    capsys.readouterr()
    assert main(["verify", str(result.pdf_path)]) == 1
    assert main(["verify", str(result.pdf_path), "--trust",
                 str(identities["root"].pem_path)]) == 0
    out = capsys.readouterr().out
    assert (f'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint '
            f"{identities['root'].fingerprint}, trusted for this check only (--trust)"
            ) in out.splitlines()


def test_a_symlinked_anchor_file_is_refused_naming_it(identities, tmp_path, capsys):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    pem = symlinked_anchor_file(tmp_path)
    assert service().verify(result.pdf_path).reason == symlink_reason(pem)
    _refused_everywhere(result.pdf_path, symlink_reason(pem), tmp_path, capsys)


def test_a_symlinked_roots_folder_is_refused_naming_it(identities, tmp_path, capsys):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    roots = symlinked_roots_folder(tmp_path)
    assert service().verify(result.pdf_path).reason == symlink_reason(roots)
    _refused_everywhere(result.pdf_path, symlink_reason(roots), tmp_path, capsys)


def test_a_group_writable_anchor_is_refused(identities, tmp_path):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    [pem] = (trust_dir() / "roots").iterdir()
    os.chmod(pem, 0o664)
    assert service().verify(result.pdf_path).reason.startswith(
        f"{pem} can be changed by the group (mode 0664), so LeptoDesk does not use its trust "
        "folder")


def test_a_trust_folder_made_by_a_plain_user_is_refused(identities, tmp_path, open_tmp,
                                                        monkeypatch, capsys):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    folder = trust_folder_made_by_nobody(open_tmp, identities["root"].pem_path)
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(folder))
    reason = nobody_reason(folder)
    assert reason == (f"{open_tmp / 'trust'} belongs to user id {nobody()[0]}, not to root, so "
                      "LeptoDesk does not use its trust folder (the site roots it trusts): only "
                      "an administrator grants trust. Ask the site administrator to fix it.")
    assert service().verify(result.pdf_path).reason == reason
    _refused_everywhere(result.pdf_path, reason, tmp_path, capsys)


def test_a_plain_user_cannot_add_a_root_or_a_revocation_list(identities, tmp_path, open_tmp):
    shutil.copy(identities["root"].pem_path, open_tmp / "root.pem")
    os.chmod(open_tmp / "root.pem", 0o644)
    env = {"LEPTODESK_TRUST_DIR": str(trust_dir()), "LEPTODESK_HOME": str(open_tmp / "home")}
    done = run_as_nobody(["trust", "add", str(open_tmp / "root.pem"), "--fingerprint",
                          identities["root"].fingerprint], env)
    assert (done.returncode, done.stderr) == (
        2, "leptodesk: only an administrator can add or remove a trust anchor (run it as "
           "root, e.g. with sudo); nothing was changed\n")
    assert not trust_dir().exists()
    (open_tmp / "x.crl").write_bytes(b"whatever")
    os.chmod(open_tmp / "x.crl", 0o644)
    done = run_as_nobody(["trust", "crl", "add", str(open_tmp / "x.crl")], env)
    assert (done.returncode, done.stderr) == (
        2, "leptodesk: only an administrator can install a revocation list (run it as root, "
           "e.g. with sudo); nothing was changed\n")
    assert not trust_dir().exists()


@pytest.mark.parametrize("command, refusal", [
    (["trust", "add", "ROOT", "--fingerprint", "FP"],
     "only an administrator can add or remove a trust anchor (run it as root, e.g. with "
     "sudo); nothing was changed"),
    (["trust", "remove", "FP"],
     "only an administrator can add or remove a trust anchor (run it as root, e.g. with "
     "sudo); nothing was changed"),
    (["trust", "crl", "add", "CRL"],
     "only an administrator can install a revocation list (run it as root, e.g. with sudo); "
     "nothing was changed"),
    (["trust", "import-user", "HOME"],
     "only an administrator can add or remove a trust anchor (run it as root, e.g. with "
     "sudo); nothing was changed"),
])
def test_every_change_to_trust_is_refused_to_a_plain_user_in_process(
        identities, tmp_path, monkeypatch, capsys, command, refusal):
    """The same refusal as the runuser test above, in this process with the administrator
    check answering no: it runs where the checkout is out of the user nobody's reach (CI's
    /root/project), so the refusals are checked on every machine. The trust folder, with one
    root in it, is left byte for byte as it was."""
    from leptodesk.trust import folder as trust_folder

    root = identities["root"]
    trust(root)
    before = {p: p.read_bytes() for p in trust_dir().rglob("*") if p.is_file()}
    old_home = tmp_path / "old-home"
    (old_home / "trust" / "roots").mkdir(parents=True)
    shutil.copy(root.pem_path, old_home / "trust" / "roots" / "root.pem")
    (tmp_path / "x.crl").write_bytes(b"whatever")
    fill = {"ROOT": str(root.pem_path), "FP": root.fingerprint,
            "CRL": str(tmp_path / "x.crl"), "HOME": str(old_home)}
    monkeypatch.setattr(trust_folder, "is_administrator", lambda: False)
    capsys.readouterr()
    assert main([fill.get(word, word) for word in command]) == 2
    assert capsys.readouterr().err == f"leptodesk: {refusal}\n"
    assert {p: p.read_bytes() for p in trust_dir().rglob("*") if p.is_file()} == before


def test_the_old_per_user_store_is_ignored_then_imported_by_the_administrator(
        identities, tmp_path, _isolated_home, capsys):
    root = identities["root"]
    _, result = export(identities, tmp_path, "lp-contraindicated")
    old = _isolated_home / "trust" / "roots"  # where earlier versions kept a user's roots
    old.mkdir(parents=True)
    shutil.copy(root.pem_path, old / "Hopital-Site-Root.pem")
    capsys.readouterr()
    notice = (f"the per-user trust folder of an earlier LeptoDesk ({old}) is ignored: only "
              "site roots granted by an administrator count; an administrator can move them "
              f"with 'leptodesk trust import-user {_isolated_home}'")
    assert main(["verify", str(result.pdf_path)]) == 1
    out, err = capsys.readouterr()
    assert 'Result: FAIL: untrusted signer: the certificate was issued by "Hôpital' in out
    assert out.splitlines()[-1] == f"Note: {notice}"  # said once, in the verdict it explains
    assert err == ""
    assert main(["case", "extract", str(result.pdf_path), "-o", str(tmp_path / "c.json")]) == 1
    assert f"  Note: {notice}" in capsys.readouterr().err.splitlines()
    assert main(["trust", "list"]) == 0
    assert capsys.readouterr().err == f"leptodesk: Note: {notice}\n"
    assert main(["trust", "import-user", str(_isolated_home)]) == 1
    out = capsys.readouterr().out
    assert (f"Not imported: {root.fingerprint}  Hôpital Site Root (its fingerprint was not "
            "confirmed with --fingerprint)") in out
    assert service().trust.anchors() == []
    assert main(["trust", "import-user", str(_isolated_home), "--fingerprint",
                 root.fingerprint]) == 0
    assert f"Imported: {root.fingerprint}  Hôpital Site Root" in capsys.readouterr().out
    assert main(["verify", str(result.pdf_path)]) == 0


def test_import_user_also_takes_a_home_folder(identities, tmp_path, capsys):
    """`trust import-user HOME` with the user's home folder: an earlier version kept its
    roots in the data folder under it (~/.local/share/LeptoDesk/trust/roots)."""
    root = identities["root"]
    old = tmp_path / "home" / "ward-user" / ".local" / "share" / "LeptoDesk" / "trust" / "roots"
    old.mkdir(parents=True)
    shutil.copy(root.pem_path, old / "root.pem")
    capsys.readouterr()
    assert main(["trust", "import-user", str(tmp_path / "home" / "ward-user"), "--fingerprint",
                 root.fingerprint]) == 0
    assert capsys.readouterr().out == f"Imported: {root.fingerprint}  Hôpital Site Root\n"
    assert [a.fingerprint for a in service().trust.anchors()] == [root.fingerprint]
    assert main(["trust", "import-user", str(tmp_path / "nobody-here")]) == 1
    assert "nobody-here" in capsys.readouterr().err


# -- (2) chain rules in the app ----------------------------------------------------------------


@pytest.mark.parametrize("attack", ["intermediate CA", "CA signing itself", "serverAuth leaf",
                                    "codeSigning leaf", "RSA-1024 leaf"])
def test_a_signer_the_chain_rules_refuse_fails_with_its_real_reason(identities, attackers,
                                                                   tmp_path, capsys, attack):
    trust(identities["root"])
    pdf = sign_with(attackers[attack], tmp_path)
    verdict = service().verify(pdf)
    assert not verdict.ok and verdict.intact
    assert verdict.reason == ATTACK_REASONS[attack]
    _refused_everywhere(pdf, ATTACK_REASONS[attack], tmp_path, capsys)


def test_an_unchanged_leptodesk_will_not_sign_with_a_ca_key(identities, attackers, tmp_path,
                                                           monkeypatch, capsys):
    """The attack above needs a changed LeptoDesk: export itself refuses a CA's key, by name."""
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    p12 = attackers["CA signing itself"]
    pdf = tmp_path / "ca.pdf"
    assert main(["export", str(Path(__file__).parent.parent / "examples" /
                               "tuberculous-adult.json"), "-o", str(pdf), "--identity",
                 str(p12)]) == 2
    assert (f'{p12}: the key of the certificate authority "Ward Sub CA" cannot sign plans; sign '
            "with a clinician's identity it issued") in capsys.readouterr().err
    assert not pdf.exists()


def test_an_identity_never_outlives_the_root_that_issues_it(tmp_path, monkeypatch, capsys):
    """Issued by a root that ends in 100 days, a clinician's identity (3 years otherwise)
    ends with it, and the administrator is told the date."""
    from cryptography import x509

    from tests.trust_helpers import self_signed_root

    end = (datetime.now(UTC) + timedelta(days=100)).replace(microsecond=0)
    key, root = self_signed_root("Ending root", not_after=end)
    write_p12(tmp_path / "ending.p12", key, root, [])
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", "lantern ward river mango")
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
    capsys.readouterr()
    assert main(["identity", "create", "--name", "Dr Short", "--role", "Registrar",
                 "--registration", "R-2", "--ca", str(tmp_path / "ending.p12"), "-o",
                 str(tmp_path / "short.p12")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Valid until {end:%Y-%m-%d} (never past the end of the site root that issued it).")
    cert = x509.load_pem_x509_certificate((tmp_path / "short.pem").read_bytes())
    assert cert.not_valid_after_utc == end


def test_a_plan_signed_after_its_root_expired_fails(tmp_path, capsys):
    """A clinician's certificate that outlives its site root: plans it signed before the root
    expired pass; after, they fail everywhere, saying so (the path validator passed them)."""
    late, reason = outlived_root(tmp_path)
    assert service().verify(late).reason == reason
    _refused_everywhere(late, reason, tmp_path, capsys)


def test_leptodesk_purpose_and_no_extended_usage_are_accepted(identities, tmp_path):
    from cryptography import x509

    trust(identities["root"])
    root_key, root_cert, _ = load_p12(identities["root"].p12_path)
    own = x509.ObjectIdentifier("2.25.293782140370277006759362192223514259083")
    for name, eku in (("own purpose", [own]), ("no purpose", None),
                      ("document signing and TLS", [DOCUMENT_SIGNING,
                                                    x509.oid.ExtendedKeyUsageOID.SERVER_AUTH])):
        key, cert = leaf(root_key, root_cert, "Dr Fine", eku=eku)
        p12 = write_p12(tmp_path / f"{name}.p12", key, cert, [root_cert])
        verdict = service().verify(sign_with(p12, tmp_path))
        assert verdict.ok, (name, verdict.reason)


# -- (3) offline revocation -------------------------------------------------------------------


def _leaver(identities, tmp_path: Path, name: str) -> tuple[Path, Path]:
    """An identity the real root issued 60 days ago: its key file and certificate."""
    root_key, root_cert, _ = load_p12(identities["root"].p12_path)
    key, cert = leaf(root_key, root_cert, name, eku=[DOCUMENT_SIGNING],
                     not_before=datetime.now(UTC) - timedelta(days=60))
    return (write_p12(tmp_path / f"{name}.p12", key, cert, [root_cert]),
            write_pem(tmp_path / f"{name}.pem", cert))


def _revoke(identities, cert: Path, reason: str, when: datetime, crl: Path) -> None:
    """``identity revoke`` as the site administrator ("--date" in UTC, with its offset)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
        assert main(["identity", "revoke", str(cert), "--ca",
                     str(identities["root"].p12_path), "--reason", reason, "--date",
                     when.isoformat(timespec="minutes"), "-o", str(crl)]) == 0


def test_a_clinician_who_left_fails_after_the_date_and_is_noted_before(identities, tmp_path,
                                                                       capsys):
    trust(identities["root"])
    p12, pem = _leaver(identities, tmp_path, "Dr Leaver")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    left = now - timedelta(days=10)
    before = sign_with(p12, tmp_path, "lp-contraindicated",
                       signing_time=now - timedelta(days=20))
    after = sign_with(p12, tmp_path, "tuberculous-adult")
    crl = tmp_path / "root.crl"
    _revoke(identities, pem, "left", left, crl)
    capsys.readouterr()
    assert main(["trust", "crl", "add", str(crl)]) == 0
    assert capsys.readouterr().out.startswith(
        "Installed the revocation list of site root Hôpital Site Root "
        f"({identities['root'].fingerprint}): list number 1, revoked certificates: 1")
    shown = left.strftime("%Y-%m-%dT%H:%M+00:00")
    v_before = service().verify(before)
    assert v_before.ok
    assert v_before.notes[0] == (
        f"the signer's certificate was revoked on {shown} (its holder left); this plan was "
        "signed before that, so it still verifies (see on what its signing time rests)")
    capsys.readouterr()
    assert main(["verify", str(before)]) == 0  # the command line says so too
    assert f"Note: {v_before.notes[0]}" in capsys.readouterr().out.splitlines()
    assert main(["case", "extract", str(before), "-o", str(tmp_path / "before.json")]) == 0
    v_after = service().verify(after)
    reason = (f"revoked: the signer's certificate was revoked on {shown} (its holder left); "
              f"this plan was signed after that ({v_after.signing_time.isoformat()})")
    assert v_after.reason == reason
    _refused_everywhere(after, reason, tmp_path, capsys)


def test_a_compromised_key_fails_every_plan_whatever_its_date(identities, tmp_path, capsys):
    trust(identities["root"])
    p12, pem = _leaver(identities, tmp_path, "Dr Stolen")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    early = sign_with(p12, tmp_path, signing_time=now - timedelta(days=30))
    crl = tmp_path / "root.crl"
    _revoke(identities, pem, "key-compromise", now - timedelta(days=10), crl)
    assert main(["trust", "crl", "add", str(crl)]) == 0
    shown = (now - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M+00:00")
    reason = (f"revoked: the signer's certificate was revoked on {shown} because its key was "
              "compromised; no plan it signed can be trusted, whatever its date")
    assert service().verify(early).reason == reason
    _refused_everywhere(early, reason, tmp_path, capsys)


def test_a_leaver_whose_key_was_copied_is_revoked_again_for_key_compromise(identities,
                                                                          tmp_path, capsys):
    """Revoked because the holder left, then the key file turns up on another PC: the same
    certificate revoked for key-compromise makes the plan signed before the date fail too.
    Revoking it again for the same or a narrower reason changes nothing."""
    trust(identities["root"])
    p12, pem = _leaver(identities, tmp_path, "Dr Copied")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    early = sign_with(p12, tmp_path, signing_time=now - timedelta(days=30))
    crl = tmp_path / "root.crl"
    left = now - timedelta(days=10)
    _revoke(identities, pem, "left", left, crl)
    assert main(["trust", "crl", "add", str(crl)]) == 0
    assert service().verify(early).ok  # signed before the holder left
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
        args = ["identity", "revoke", str(pem), "--ca", str(identities["root"].p12_path),
                "-o", str(crl), "--reason"]
        assert main([*args, "key-compromise"]) == 0
        out = capsys.readouterr().out.splitlines()
        shown = left.strftime("%Y-%m-%dT%H:%M+00:00")
        local = left.astimezone().isoformat(timespec="minutes")  # the command says local time
        assert out[0].startswith("Revoked Dr Copied (serial ")
        assert out[0].endswith(f"reason key-compromise) from {local}; wrote {crl} (list "
                               "number 2, revoked certificates: 1)")
        assert out[1] == (f"It was listed before because its holder left (from {local}); now "
                          "every plan it signed fails, whatever its date.")
        before = crl.read_bytes()
        for again in ("key-compromise", "left"):
            assert main([*args, again]) == 2
            assert (f"{pem}: already revoked on {shown}; nothing was changed"
                    ) in capsys.readouterr().err
            assert crl.read_bytes() == before
    assert main(["trust", "crl", "add", str(crl)]) == 0
    assert service().verify(early).reason == (
        f"revoked: the signer's certificate was revoked on {shown} because its key was "
        "compromised; no plan it signed can be trusted, whatever its date")


def test_a_newer_revocation_list_replaces_an_older_one_never_the_reverse(identities, tmp_path,
                                                                         capsys):
    trust(identities["root"])
    _, pem_a = _leaver(identities, tmp_path, "Dr A Left")
    _, pem_b = _leaver(identities, tmp_path, "Dr B Left")
    crl = tmp_path / "root.crl"
    when = datetime.now(UTC) - timedelta(days=1)
    _revoke(identities, pem_a, "left", when, crl)
    first = tmp_path / "first.crl"
    shutil.copy(crl, first)
    _revoke(identities, pem_b, "left", when, crl)  # the same list, one more entry
    capsys.readouterr()
    assert main(["trust", "crl", "add", str(first)]) == 0
    assert main(["trust", "crl", "add", str(crl)]) == 0
    out = capsys.readouterr().out
    assert "list number 2, revoked certificates: 2" in out
    assert "It replaces list number 1." in out
    assert main(["trust", "crl", "add", str(first)]) == 2
    assert (f"{first}: list number 1 is not newer than the installed one (number 2); nothing "
            "was installed") in capsys.readouterr().err


def test_a_revocation_list_not_signed_by_a_trusted_root_is_refused(identities, attackers,
                                                                   tmp_path, capsys):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    trust(identities["root"])
    fake_root = x509.load_pem_x509_certificate(
        (attackers["same-name root"].parent / "same-name-root.pem").read_bytes())
    other_key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    crl = (x509.CertificateRevocationListBuilder().issuer_name(fake_root.subject)
           .last_update(now).next_update(now + timedelta(days=9))
           .sign(other_key, hashes.SHA256()))
    path = tmp_path / "forged.crl"
    path.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    capsys.readouterr()
    assert main(["trust", "crl", "add", str(path)]) == 2
    assert (f'{path}: this revocation list was issued by "Hôpital Site Root", which is not a '
            "site root trusted here (or its signature does not verify); nothing was "
            "installed") in capsys.readouterr().err


def test_a_damaged_installed_revocation_list_fails_its_roots_plans(identities, tmp_path,
                                                                   capsys):
    """... until the administrator installs it again, as the verdict says: the damaged one
    is replaced by the same list (which would otherwise be "not newer")."""
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    _, pem = _leaver(identities, tmp_path, "Dr Left")
    crl = tmp_path / "root.crl"
    _revoke(identities, pem, "left", datetime.now(UTC), crl)
    assert main(["trust", "crl", "add", str(crl)]) == 0
    [installed] = (trust_dir() / "crl").iterdir()
    data = bytearray(installed.read_bytes())
    data[-3] ^= 0xFF  # inside the signature value
    installed.write_bytes(bytes(data))
    verdict = service().verify(result.pdf_path)
    assert verdict.reason in (
        f"the revocation list {installed} of the signer's site root cannot be used ({why}), so "
        "whether the signer was revoked is unknown; ask the site administrator to install it "
        "again" for why in ("not signed by its site root", "not a readable revocation list"))
    capsys.readouterr()
    assert main(["trust", "crl", "add", str(crl)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] in (f"It replaces the installed list, which could not be used ({why})."
                       for why in ("not signed by its site root",
                                   "not a readable revocation list"))
    assert installed.read_bytes() != bytes(data)
    assert service().verify(result.pdf_path).ok
    assert main(["trust", "crl", "add", str(crl)]) == 2  # now installed: not newer


# -- (4) canonical signatures -----------------------------------------------------------------


def test_a_changed_padding_byte_fails(identities, tmp_path, capsys):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    data = result.pdf_path.read_bytes()
    forged = tmp_path / "repadded.pdf"
    forged.write_bytes(repadded(data))
    assert len(forged.read_bytes()) == len(data) and forged.read_bytes() != data
    verdict = service().verify(forged)
    assert verdict.intact and verdict.reason == CONTAINER_ALTERED
    _refused_everywhere(forged, CONTAINER_ALTERED, tmp_path, capsys)


def test_lower_case_hex_in_the_signature_fails(identities, tmp_path):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    data = result.pdf_path.read_bytes()
    start = data.index(b"/Contents <") + len(b"/Contents <")
    first = next(i for i in range(start, start + 64) if data[i:i + 1] in b"ABCDEF")
    forged = data[:first] + data[first:first + 1].lower() + data[first + 1:]
    assert service().verify(forged).reason == CONTAINER_ALTERED


# -- (5) key files ----------------------------------------------------------------------------


@pytest.mark.parametrize(("passphrase", "says"), [
    ("password", "the passphrase has 8 characters and needs at least 12"),
    ("aaaaaaaa", "the passphrase has 8 characters and needs at least 12"),
    ("12345678", "the passphrase has 8 characters and needs at least 12"),
    ("12345678901", "the passphrase has 11 characters and needs at least 12"),
    ("Password1234!", "the passphrase is one of the most common passwords"),
    ("P4ssw0rd2024", "the passphrase is one of the most common passwords"),
    ("iloveyou iloveyou", "the passphrase is a run of repeated or sequential characters"),
    ("aaaaaaaaaaaa", "the passphrase is a run of repeated or sequential characters"),
    ("123456789012", "the passphrase is a run of repeated or sequential characters"),
    ("abcdefghijkl", "the passphrase is a run of repeated or sequential characters"),
    ("abcabcabcabc", "the passphrase is a run of repeated or sequential characters"),
    ("qwertyuiop12", "the passphrase is one of the most common passwords"),
])
def test_weak_passphrases_are_refused_saying_what_is_accepted(tmp_path, monkeypatch, capsys,
                                                              passphrase, says):
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", passphrase)
    out = tmp_path / "a.p12"
    assert main(["identity", "create", "--name", "Dr A", "--role", "B", "--registration", "C",
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert says in err and ("several unrelated words" in err)
    assert not out.exists()
    assert main(["identity", "create-site-root", "--name", "R", "-o", str(out)]) == 2
    assert says in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("passphrase", ["correct horse battery", "lantern ward river mango",
                                        "Ndege 7 ya bluu!", "lantern ward"])  # 12: the least
def test_strong_passphrases_are_accepted(passphrase):
    from leptodesk.trust.passphrase import check_new_passphrase

    check_new_passphrase(passphrase)


def _key_file_counts(data: bytes) -> dict[str, object]:
    """The key bag's and the MAC's protection read back with asn1crypto alone."""
    from asn1crypto import core, pkcs12

    auth_safe = pkcs12.Pfx.load(data).authenticated_safe  # the MAC is read generically below
    key_bag = None
    for info in auth_safe:
        if info["content_type"].native == "data":
            for bag in pkcs12.SafeContents.load(info["content"].native):
                if bag["bag_id"].native == "pkcs8_shrouded_key_bag":
                    key_bag = bag["bag_value"]["encryption_algorithm"]
    kdf = key_bag["parameters"]["key_derivation_func"]
    mac_algorithm = core.load(data)[2][0][0]  # PFX.macData.mac.digestAlgorithm
    params = mac_algorithm[1]  # PBMAC1-params
    mac_kdf = params[0]  # keyDerivationFunc
    return {
        "key bag": (key_bag["algorithm"].native, kdf["algorithm"].native,
                    kdf["parameters"]["iteration_count"].native,
                    kdf["parameters"]["prf"]["algorithm"].native,
                    key_bag["parameters"]["encryption_scheme"]["algorithm"].native),
        "mac": (mac_algorithm[0].dotted, mac_kdf[0].dotted,
                mac_kdf[1][1].native, params[1][0].dotted),
    }


def test_key_files_use_pbkdf2_sha256_at_600000_for_the_key_and_the_mac(identities):
    for made in ("root", "issued"):
        counts = _key_file_counts(identities[made].p12_path.read_bytes())
        assert counts["key bag"] == ("pbes2", "pbkdf2", 600_000, "sha256", "aes256_cbc")
        # PBMAC1 (RFC 9579) with PBKDF2 at 600,000 iterations and HMAC-SHA256.
        assert counts["mac"] == ("1.2.840.113549.1.5.14", "1.2.840.113549.1.5.12", 600_000,
                                 "1.2.840.113549.2.9")


def test_an_old_identity_still_opens_and_rekey_rewrites_it(identities, tmp_path, monkeypatch,
                                                           capsys):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    from leptodesk.trust.identity import WrongPassphrase, load_identity

    key, cert, chain = load_p12(identities["issued"].p12_path)
    old = tmp_path / "old.p12"  # as LeptoDesk wrote them before: 20,000 / 2,048 iterations
    old.write_bytes(pkcs12.serialize_key_and_certificates(
        b"old", key, cert, chain, serialization.BestAvailableEncryption(b"abcdefgh")))
    assert load_identity(old, b"abcdefgh").cert == cert
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", "abcdefgh")
    before = old.read_bytes()
    assert main(["identity", "rekey", str(old), "--keep-passphrase"]) == 2
    assert "the passphrase has 8 characters" in capsys.readouterr().err
    assert old.read_bytes() == before
    monkeypatch.setenv("LEPTODESK_NEW_PASSPHRASE", "lantern ward river mango")
    assert main(["identity", "rekey", str(old)]) == 0
    assert capsys.readouterr().out == (
        f"Rewrote {old}: PBKDF2-HMAC-SHA256 at 600000 iterations for the key and the MAC "
        "(before: key 20000, MAC 2048 iterations)\n")
    assert _key_file_counts(old.read_bytes())["key bag"][2] == 600_000
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    with pytest.raises(WrongPassphrase):
        load_identity(old, b"abcdefgh")
    assert load_identity(old, b"lantern ward river mango").cert == cert


def test_an_openssl_too_old_for_pbmac1_is_said_not_taken_for_a_wrong_passphrase(
        identities, tmp_path, monkeypatch):
    from leptodesk.trust import keyfile
    from leptodesk.trust.identity import (
        IdentityError,
        WrongPassphrase,
        create_identity,
        load_identity,
    )

    p12 = identities["issued"].p12_path
    with pytest.raises(WrongPassphrase):  # a current OpenSSL: a wrong passphrase is that
        load_identity(p12, b"not the passphrase at all")
    monkeypatch.setattr(keyfile, "openssl_reads_pbmac1", lambda: (False, "OpenSSL 3.0.2"))
    said = ("key files are protected with PBMAC1, which needs OpenSSL 3.4 or later; this "
            "installation's cryptography uses OpenSSL 3.0.2. Install LeptoDesk from its bundle "
            "or its lock file (requirements.lock)")
    with pytest.raises(IdentityError) as refused:
        load_identity(p12, b"not the passphrase at all")
    assert str(refused.value) == f"{p12}: {said}"
    with pytest.raises(IdentityError, match="needs OpenSSL 3.4"):
        create_identity("Dr Old", "R", "1", tmp_path / "old.p12", PASS)
    assert not (tmp_path / "old.p12").exists()
