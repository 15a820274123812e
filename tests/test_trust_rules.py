"""The chain rules and revocation as properties of the one signer check
(leptodesk.trust.rules.judge_signer), with certificates and lists made here with plain
`cryptography`: a holder who left fails exactly from the revocation date on; a compromised key
fails at every time; an extended key usage passes only with document signing or LeptoDesk's
own purpose; a leaf is never trusted through a CA that is not an anchor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID
from hypothesis import given, settings
from hypothesis import strategies as st

from leptodesk.trust.folder import anchor_of
from leptodesk.trust.rules import RevocationList, judge_signer
from tests.trust_helpers import DOCUMENT_SIGNING, leaf, self_signed_root

OWN = x509.ObjectIdentifier("2.25.293782140370277006759362192223514259083")
NOW = datetime.now(UTC).replace(microsecond=0)
ROOT_KEY, ROOT = self_signed_root("Rules root")
ANCHOR = anchor_of(ROOT, None)
SIGNER_KEY, SIGNER = leaf(ROOT_KEY, ROOT, "Dr Rules", eku=[DOCUMENT_SIGNING],
                          not_before=NOW - timedelta(days=100))
# Signing times inside the certificate's validity and not in the future.
TIMES = st.datetimes(min_value=(NOW - timedelta(days=99)).replace(tzinfo=None),
                     max_value=NOW.replace(tzinfo=None), timezones=st.just(UTC))


def _crl(reason: x509.ReasonFlags, when: datetime) -> dict[str, RevocationList]:
    entry = (x509.RevokedCertificateBuilder().serial_number(SIGNER.serial_number)
             .revocation_date(when).add_extension(x509.CRLReason(reason), False).build())
    crl = (x509.CertificateRevocationListBuilder().issuer_name(ROOT.subject)
           .last_update(NOW).next_update(NOW + timedelta(days=9))
           .add_revoked_certificate(entry).sign(ROOT_KEY, hashes.SHA256()))
    return {ANCHOR.fingerprint: RevocationList(ANCHOR.fingerprint, crl, "root.crl")}


@settings(max_examples=60, deadline=None)
@given(signed=TIMES, left=TIMES)
def test_a_holder_who_left_fails_exactly_from_the_date_on(signed, left):
    left = left.replace(microsecond=0)  # a CRL holds whole seconds
    verdict = judge_signer(SIGNER, signed, anchors=[ANCHOR],
                           crls=_crl(x509.ReasonFlags.affiliation_changed, left), now=NOW)
    assert verdict.ok == (signed < left)
    assert verdict.key == ("verify_ok_this_check" if signed < left
                           else "verify_fail_revoked_after")
    assert bool(verdict.notes) == (signed < left)  # an earlier plan says it was revoked since


@settings(max_examples=30, deadline=None)
@given(signed=TIMES, revoked=TIMES)
def test_a_compromised_key_fails_at_every_time(signed, revoked):
    verdict = judge_signer(SIGNER, signed, anchors=[ANCHOR],
                           crls=_crl(x509.ReasonFlags.key_compromise,
                                     revoked.replace(microsecond=0)), now=NOW)
    assert (verdict.ok, verdict.key) == (False, "verify_fail_revoked_compromise")


PURPOSES = [DOCUMENT_SIGNING, OWN, ExtendedKeyUsageOID.SERVER_AUTH,
            ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.CODE_SIGNING,
            ExtendedKeyUsageOID.EMAIL_PROTECTION]
CACHE: dict[tuple, x509.Certificate] = {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(PURPOSES), min_size=1, max_size=4, unique=True))
def test_an_extended_key_usage_passes_only_with_a_document_purpose(purposes):
    key = tuple(p.dotted_string for p in purposes)
    if key not in CACHE:
        CACHE[key] = leaf(ROOT_KEY, ROOT, "Dr Purpose", eku=purposes)[1]
    verdict = judge_signer(CACHE[key], NOW, anchors=[ANCHOR], now=NOW)
    assert verdict.ok == (DOCUMENT_SIGNING in purposes or OWN in purposes), purposes
    if not verdict.ok:
        assert verdict.key == "verify_fail_purpose"


def test_a_leaf_under_any_intermediate_is_refused_whatever_its_path_length():
    for path_length in (None, 0, 5):
        mid_key, mid = leaf(ROOT_KEY, ROOT, "Sub CA", ca=True, path_length=path_length)
        _, under = leaf(mid_key, mid, "Dr Under", eku=[DOCUMENT_SIGNING])
        verdict = judge_signer(under, NOW, anchors=[ANCHOR], others=[mid, ROOT], now=NOW)
        assert (verdict.ok, verdict.key, dict(verdict.params)) == (
            False, "verify_fail_intermediate", {"issuer": "Sub CA"})


def test_the_boundaries_of_key_strength():
    """A key too short is "weak"; a key of a kind LeptoDesk does not take (secp256k1 is not
    short, Ed25519 not ECDSA) is "unsupported": each refusal with its real reason."""
    from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

    weak, other = "verify_fail_weak_key", "verify_fail_key_type"
    for key, refused, algorithm in (
            (rsa.generate_private_key(public_exponent=65537, key_size=2048), None, None),
            (rsa.generate_private_key(public_exponent=65537, key_size=1536), weak, "RSA-1536"),
            (ec.generate_private_key(ec.SECP256R1()), None, None),
            (ec.generate_private_key(ec.SECP384R1()), None, None),
            (ec.generate_private_key(ec.SECP256K1()), other, "ECDSA secp256k1"),
            (ec.generate_private_key(ec.SECP224R1()), weak, "ECDSA secp224r1"),
            (ed25519.Ed25519PrivateKey.generate(), other, "Ed25519")):
        _, cert = leaf(ROOT_KEY, ROOT, "Dr Key", key=key, eku=[DOCUMENT_SIGNING])
        verdict = judge_signer(cert, NOW, anchors=[ANCHOR], now=NOW)
        assert verdict.ok == (refused is None), (key, verdict.key)
        if refused:
            assert (verdict.key, dict(verdict.params)) == (refused, {"algorithm": algorithm})


def test_a_ca_certificate_cannot_sign_and_is_named():
    """Any CA:TRUE certificate is refused as a signer: the site root itself, and a CA a site
    root issued (which is not a site root, so the reason says which CA it is)."""
    _, sub = leaf(ROOT_KEY, ROOT, "Ward Sub CA", ca=True, path_length=0)
    verdict = judge_signer(sub, NOW, anchors=[ANCHOR], now=NOW)
    assert (verdict.ok, verdict.key, dict(verdict.params)) == (
        False, "verify_fail_ca_key", {"name": "Ward Sub CA"})
    assert verdict.reason == ('signed with the key of the certificate authority "Ward Sub CA": '
                              "a CA issues identities and cannot sign plans, even one a site "
                              "root issued")
    itself = judge_signer(ROOT, NOW, anchors=[ANCHOR], now=NOW)
    assert (itself.ok, itself.key) == (False, "verify_fail_root_key")


def test_the_revocation_date_boundary_on_both_sides():
    left = NOW - timedelta(days=10)
    crls = _crl(x509.ReasonFlags.affiliation_changed, left)
    before = judge_signer(SIGNER, left - timedelta(seconds=1), anchors=[ANCHOR], crls=crls,
                          now=NOW)
    at = judge_signer(SIGNER, left, anchors=[ANCHOR], crls=crls, now=NOW)
    assert before.ok and not at.ok


def test_names_a_person_would_take_for_the_same_are_the_same():
    """A second root may not take a trusted root's name, however it is written: other case and
    spacing, full-width letters, a roman-numeral "l", an invisible zero-width space."""
    from leptodesk.trust.folder import same_name

    for other in ("ward  general ROOT", "\uff37\uff41\uff52\uff44 General root",
                  "Ward Genera\u217c root", "Ward\u200b General root", " Ward General root\t"):
        assert same_name("Ward General root", other), other
    for other in ("Ward General root 2", "Ward Generalroot", "Ward General"):
        assert not same_name("Ward General root", other), other


def test_a_signer_that_outlived_its_root_fails_naming_the_root_s_expiry():
    """A clinician's certificate may run past its root's: a plan signed after the root
    expired fails because of the root, not as "not a site root trusted here"."""
    start, end = NOW - timedelta(days=100), NOW - timedelta(days=10)
    key, short = self_signed_root("Short root", not_before=start, not_after=end)
    _, signer = leaf(key, short, "Dr Longer", eku=[DOCUMENT_SIGNING], not_before=start,
                     days=30)
    anchor = anchor_of(short, None)
    late = judge_signer(signer, NOW - timedelta(days=5), anchors=[anchor], now=NOW)
    assert (late.ok, late.key) == (False, "verify_fail_root_expired")
    assert late.reason == ('the site root "Short root" that issued the signer\'s certificate '
                           f"was not valid at the signing time (valid {start:%Y-%m-%d} to "
                           f"{end:%Y-%m-%d})")
    assert judge_signer(signer, NOW - timedelta(days=20), anchors=[anchor], now=NOW).ok


def test_the_system_trust_folder_is_etc_leptodesk_trust_unless_overridden(monkeypatch):
    """Not platformdirs' Linux answer, which follows the user's own XDG_CONFIG_DIRS: a user
    could point it at a folder of theirs."""
    import sys
    from pathlib import Path

    from leptodesk.trust.folder import system_trust_dir

    monkeypatch.delenv("LEPTODESK_TRUST_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", "/tmp/mine")
    if sys.platform.startswith("linux"):
        assert system_trust_dir() == Path("/etc/leptodesk/trust")
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", "/srv/ward/trust")
    assert system_trust_dir() == Path("/srv/ward/trust")
