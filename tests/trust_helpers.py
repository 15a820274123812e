"""Issue #23's attackers, built as they would be: certificates made with plain `cryptography`
(never with LeptoDesk's own code), key files, and the system trust folder tampered with by
hand. Shared by the core, command-line and GUI tests of trust."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.test_pdf_helpers import PASS, ROOT, example_case, service

DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="the trust folder must be root's: these tests run as root (as here and in CI)")


def trust_dir() -> Path:
    return Path(os.environ["LEPTODESK_TRUST_DIR"])


def load_p12(path: Path):
    key, cert, others = pkcs12.load_key_and_certificates(Path(path).read_bytes(), PASS)
    return key, cert, list(others or [])


def leaf(issuer_key, issuer_cert, name: str, *, key=None, eku=None, ca: bool = False,
         path_length: int | None = None, days: int = 30, not_before: datetime | None = None):
    """A certificate ``issuer_cert`` issued with ``issuer_key``: a clinician's (``ca`` False),
    or an intermediate CA."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.TITLE, "Consultant"),
                         x509.NameAttribute(NameOID.SERIAL_NUMBER, "GMC 0000001")])
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer_cert.subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_before or now - timedelta(days=1))
               .not_valid_after(now + timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   issuer_cert.public_key()), False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(False, False, False, False, False, True,
                                                      True, False, False), True)
    else:
        builder = builder.add_extension(x509.KeyUsage(True, True, False, False, False, False,
                                                      False, False, False), True)
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), False)
    return key, builder.sign(issuer_key, hashes.SHA256())


def self_signed_root(name: str, key=None, *, not_before: datetime | None = None,
                     not_after: datetime | None = None):
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "LeptoDesk site root")])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - timedelta(days=1))
            .not_valid_after(not_after or now + timedelta(days=99))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), True)
            .sign(key, hashes.SHA256()))
    return key, cert


def outlived_root(tmp_path: Path) -> tuple[Path, str]:
    """A site root granted here that expired ten days ago, and a plan signed five days ago by
    a clinician's certificate it issued that is still valid; the reason verify gives (written
    out by hand)."""
    now = datetime.now(UTC)
    start, end = now - timedelta(days=100), now - timedelta(days=10)
    key, root = self_signed_root("Old Ward root", not_before=start, not_after=end)
    signer_key, signer = leaf(key, root, "Dr Longer", eku=[DOCUMENT_SIGNING],
                              not_before=start + timedelta(days=1), days=30)
    service().trust.add(write_pem(tmp_path / "old-root.pem", root),
                        root.fingerprint(hashes.SHA256()).hex())
    p12 = write_p12(tmp_path / "longer.p12", signer_key, signer, [root])
    assert service().verify(sign_with(p12, tmp_path, signing_time=end - timedelta(days=1)),
                            record=False).ok  # signed while the root was valid
    late = sign_with(p12, tmp_path, "tuberculous-adult", signing_time=end + timedelta(days=5))
    return late, ('the site root "Old Ward root" that issued the signer\'s certificate was not '
                  f"valid at the signing time (valid {start:%Y-%m-%d} to {end:%Y-%m-%d})")


def write_p12(path: Path, key, cert, chain) -> Path:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"attacker", key, cert, list(chain), serialization.BestAvailableEncryption(PASS)))
    return path


def write_pem(path: Path, cert) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


def sign_with(p12: Path, tmp_path: Path, stem: str = "lp-contraindicated", *,
              signing_time: datetime | None = None) -> Path:
    """Export an example with ``p12`` as the signer (LeptoDesk's own export: the attacker
    has a LeptoDesk too, changed so that it signs with a CA's key as well); the signed plan's
    path."""
    from tests.helpers import accept_all

    case = example_case(stem)
    out = tmp_path / f"{p12.stem}-{stem}.pdf"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("leptodesk.trust.identity.is_ca", lambda cert: False)  # export's own check
        service().export(case, identity=p12, passphrase=PASS, output=out,
                         signing_time=signing_time, acknowledgements=accept_all(case))
    return out


def attacker_identities(ids, folder: Path) -> dict[str, Path]:
    """Key files an attacker could hold, each signing as "Dr Chain": a same-name root's
    leaf, a leaf under an intermediate CA of the real root (and that CA's own key), TLS-server
    and code-signing leaves of the real root, and an RSA-1024 leaf of the real root."""
    root_key, root_cert, _ = load_p12(ids["root"].p12_path)
    out: dict[str, Path] = {}
    fake_key, fake_root = self_signed_root("Hôpital Site Root")  # the real root's name
    key, cert = leaf(fake_key, fake_root, "Dr Chain", eku=[DOCUMENT_SIGNING])
    out["same-name root"] = write_p12(folder / "same-name.p12", key, cert, [fake_root])
    write_pem(folder / "same-name-root.pem", fake_root)
    mid_key, mid = leaf(root_key, root_cert, "Ward Sub CA", ca=True, path_length=None)
    key, cert = leaf(mid_key, mid, "Dr Chain", eku=[DOCUMENT_SIGNING])
    out["intermediate CA"] = write_p12(folder / "intermediate.p12", key, cert,
                                       [mid, root_cert])
    out["CA signing itself"] = write_p12(folder / "sub-ca.p12", mid_key, mid, [root_cert])
    key, cert = leaf(root_key, root_cert, "Dr Chain", eku=[ExtendedKeyUsageOID.SERVER_AUTH])
    out["serverAuth leaf"] = write_p12(folder / "server-auth.p12", key, cert, [root_cert])
    key, cert = leaf(root_key, root_cert, "Dr Chain", eku=[ExtendedKeyUsageOID.CODE_SIGNING])
    out["codeSigning leaf"] = write_p12(folder / "code-signing.p12", key, cert, [root_cert])
    key, cert = leaf(root_key, root_cert, "Dr Chain",
                     key=rsa.generate_private_key(public_exponent=65537, key_size=1024))
    out["RSA-1024 leaf"] = write_p12(folder / "rsa-1024.p12", key, cert, [root_cert])
    return out


# What verify says of each (written out by hand from issue #23 and DESIGN "Who may sign").
ATTACK_REASONS = {
    "same-name root": 'untrusted signer: issued by a root named "Hôpital Site Root" that is '
                      "not the trusted root of that name (SHA-256 fingerprint {root}): "
                      "another key under the same name",
    "intermediate CA": 'issued by the intermediate CA "Ward Sub CA", not directly by a site '
                       "root: LeptoDesk accepts only identities that a trusted site root "
                       "issued itself",
    "CA signing itself": 'signed with the key of the certificate authority "Ward Sub CA": a '
                         "CA issues identities and cannot sign plans, even one a site root "
                         "issued",
    "serverAuth leaf": "wrong purpose: the signer's certificate is for TLS server, not for "
                       "signing documents (id-kp-documentSigning)",
    "codeSigning leaf": "wrong purpose: the signer's certificate is for code signing, not for "
                        "signing documents (id-kp-documentSigning)",
    "RSA-1024 leaf": "weak key: the signer's certificate has an RSA-1024 key; LeptoDesk "
                     "accepts ECDSA P-256 (or stronger) or RSA of at least 2048 bits",
}
CONTAINER_ALTERED = ("signature container altered: the unused part of the signature "
                     "(/Contents) was changed after signing, so this file is not the one that "
                     "was signed")


def repadded(data: bytes) -> bytes:
    """The signed plan with one byte of the zero padding inside /Contents changed (the part
    of the file the signature does not cover): "00" near the end of the hex becomes "01"."""
    start = data.index(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    assert data[end - 4:end] == b"0000"
    return data[:end - 2] + b"01" + data[end:]


# -- the trust folder tampered with ------------------------------------------------------------


def symlinked_anchor_file(tmp_path: Path) -> Path:
    """The granted root's file replaced by a link to a copy anyone can write; the link."""
    [pem] = (trust_dir() / "roots").iterdir()
    loose = tmp_path / "anyone-can-write.pem"
    shutil.copy(pem, loose)
    os.chmod(loose, 0o666)
    pem.unlink()
    pem.symlink_to(loose)
    return pem


def symlinked_roots_folder(tmp_path: Path) -> Path:
    """``roots`` replaced by a link to a copy of it that anyone can write in; the link."""
    roots = trust_dir() / "roots"
    loose = tmp_path / "open-folder"
    shutil.copytree(roots, loose)
    os.chmod(loose, 0o777)
    shutil.rmtree(roots)
    roots.symlink_to(loose)
    return roots


def symlink_reason(item: Path) -> str:
    return (f"{item} is a symbolic link, so LeptoDesk does not use its trust folder (the site "
            "roots it trusts): a link can point at a file others can change. Ask the site "
            "administrator to put the file itself there.")


@pytest.fixture
def open_tmp():
    """A sticky, world-writable folder (like /tmp itself) that the user nobody can reach."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="leptodesk-nobody-", dir="/tmp"))
    os.chmod(folder, 0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def trust_folder_made_by_nobody(open_tmp: Path, pem: Path) -> Path:
    """A trust folder holding ``pem`` that the plain user nobody made (runuser) in
    ``open_tmp`` (sticky, world-writable, like /tmp); the folder."""
    shutil.copy(pem, open_tmp / "root.pem")
    os.chmod(open_tmp / "root.pem", 0o644)
    if shutil.which("runuser") is None:
        pytest.skip("runuser is not installed")
    made = subprocess.run(["runuser", "-u", "nobody", "--", "sh", "-c",
                           f"mkdir -m 755 -p {open_tmp}/trust/roots && cp {open_tmp}/root.pem "
                           f"{open_tmp}/trust/roots/root.pem"], capture_output=True, timeout=60)
    assert made.returncode == 0, made.stderr
    return open_tmp / "trust"


def nobody_reason(folder: Path) -> str:
    return (f"{folder} belongs to user id {nobody()[0]}, not to root, so LeptoDesk does not use "
            "its trust folder (the site roots it trusts): only an administrator grants trust. "
            "Ask the site administrator to fix it.")


def nobody() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam("nobody")
    return entry.pw_uid, entry.pw_gid


def _python_for_nobody() -> str:
    """An interpreter the plain user can run: this one, or the system's of the same version
    (a pyenv Python under /root is not reachable by others)."""
    for candidate in (sys.executable, f"/usr/bin/python{sys.version_info[0]}."
                      f"{sys.version_info[1]}"):
        if Path(candidate).exists() and subprocess.run(
                ["runuser", "-u", "nobody", "--", candidate, "-c", "pass"],
                capture_output=True, timeout=60).returncode == 0:
            return candidate
    pytest.skip("no Python interpreter that the user nobody may run")


def run_as_nobody(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """``leptodesk ARGS`` as the plain user nobody (runuser), with this checkout's code and
    this environment's packages."""
    import site

    if shutil.which("runuser") is None:
        pytest.skip("runuser is not installed")
    path = os.pathsep.join([str(ROOT), *site.getsitepackages()])
    # A checkout under a private home (CI's /root/project, /root being 0700) is out of nobody's
    # reach: nothing can be run as that user there.
    readable = subprocess.run(["runuser", "-u", "nobody", "--", "test", "-r",
                               str(ROOT / "leptodesk" / "__init__.py")], timeout=60)
    if readable.returncode != 0:
        pytest.skip(f"the user nobody cannot read this checkout ({ROOT})")
    return subprocess.run(
        ["runuser", "-u", "nobody", "--", _python_for_nobody(), "-m", "leptodesk", *args],
        capture_output=True, text=True, cwd="/", timeout=120,
        env={**os.environ, **env, "PYTHONPATH": path})
