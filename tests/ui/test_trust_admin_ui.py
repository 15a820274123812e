"""Issue #23's attacks through the GUI paths: File > Open plan refuses each with the core's
reason and opens nothing; the Plans window shows FAIL with the same reason. The same verdict
as the command line (tests/test_trust_admin.py), from the one core verify."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta

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
    repadded,
    sign_with,
    trust_dir,
    write_p12,
    write_pem,
)
from ui.plans_window import PlansWindow
from ui.worker import wait_for_background

__all__ = ["identities"]
pytestmark = needs_root


@pytest.fixture(scope="module")
def attackers(identities, tmp_path_factory):
    return attacker_identities(identities, tmp_path_factory.mktemp("ui-attackers"))


@pytest.fixture
def attacks(identities, attackers, tmp_path):
    """Each attack as a file on a workstation that trusts the real site root, with the
    reason verify gives (written out by hand in tests/trust_helpers.py and below)."""
    trust(identities["root"])
    out = {}
    for name in ("same-name root", "intermediate CA", "serverAuth leaf", "codeSigning leaf",
                 "RSA-1024 leaf"):
        out[name] = (sign_with(attackers[name], tmp_path),
                     ATTACK_REASONS[name].format(root=identities["root"].fingerprint))
    _, genuine = export(identities, tmp_path, "lp-contraindicated")
    padded = tmp_path / "repadded.pdf"
    padded.write_bytes(repadded(genuine.pdf_path.read_bytes()))
    out["changed padding byte"] = (padded, CONTAINER_ALTERED)
    # A clinician who left: revoked from ten days ago; this plan was signed today.
    root_key, root_cert, _ = load_p12(identities["root"].p12_path)
    key, cert = leaf(root_key, root_cert, "Dr Leaver", eku=[DOCUMENT_SIGNING],
                     not_before=datetime.now(UTC) - timedelta(days=60))
    p12 = write_p12(tmp_path / "leaver.p12", key, cert, [root_cert])
    after = sign_with(p12, tmp_path, "tuberculous-adult")
    left = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=10)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
        assert main(["identity", "revoke", str(write_pem(tmp_path / "leaver.pem", cert)),
                     "--ca", str(identities["root"].p12_path), "--reason", "left", "--date",
                     left.isoformat(timespec="minutes"), "-o", str(tmp_path / "root.crl")]) == 0
    assert main(["trust", "crl", "add", str(tmp_path / "root.crl")]) == 0
    signed_at = service().verify(after, record=False).signing_time
    out["revoked signer, after the date"] = (
        after, f"revoked: the signer's certificate was revoked on "
               f"{left.strftime('%Y-%m-%dT%H:%M+00:00')} (its holder left); this plan was "
               f"signed after that ({signed_at.isoformat()})")
    return out, genuine


def test_open_plan_refuses_each_attack_with_its_reason(window, messages, attacks):
    found, genuine = attacks
    before = window.state.case
    for name, (path, reason) in found.items():
        messages.clear()
        assert not window.open_plan(path), name
        assert service().verify(path, record=False).reason == reason, name
        [(_, text)] = messages
        assert reason in text, name
        assert window.state.case == before, name  # nothing of it reached the wizard
    assert window.open_plan(genuine.pdf_path)  # the genuine plan still opens


def _archive(path, name: str) -> None:
    with open_store() as store:
        store.archive_plan(path.read_bytes(), display_name=name, pathway="undetermined",
                           signer="Dr Chain", signed_at="2026-12-01T00:00:00+00:00",
                           content_version="x", case_sha256="c" * 64)


@pytest.fixture
def plans_window(qtbot):
    made = []

    def make():
        w = PlansWindow()
        qtbot.addWidget(w)
        made.append(w)
        return w

    yield make
    wait_for_background()
    for w in made:
        w.close()
        w.deleteLater()


def _verify_row(w, qtbot, display_name: str) -> str:
    """Verify the archived plan shown as ``display_name``; the verdict line on screen."""
    w.refresh()
    [plan] = [p for p in w._plans if p.display_name == display_name]
    w.select_plan(plan.id)
    w._verdicts.pop(plan.id, None)
    w.verify_button.click()
    qtbot.waitUntil(lambda: plan.id in w._verdicts, timeout=30000)
    return w.status.text()  # the verdict's sentence first (the hashes are behind Details)


def test_plans_window_fails_each_attack_with_its_reason(plans_window, qtbot, attacks):
    found, _ = attacks
    for i, (path, _) in enumerate(found.values()):
        _archive(path, f"Bed {i}")
    w = plans_window()
    for i, (name, (_, reason)) in enumerate(found.items()):
        text = _verify_row(w, qtbot, f"Bed {i}")
        assert text.splitlines()[0] == f"FAIL: {reason}", name


def test_a_symlinked_anchor_fails_open_plan_and_the_plans_window(window, messages,
                                                                 plans_window, qtbot,
                                                                 identities, tmp_path):
    trust(identities["root"])
    _, genuine = export(identities, tmp_path, "lp-contraindicated")
    [pem] = (trust_dir() / "roots").iterdir()
    loose = tmp_path / "anyone-can-write.pem"
    shutil.copy(pem, loose)
    os.chmod(loose, 0o666)
    pem.unlink()
    pem.symlink_to(loose)
    reason = (f"{pem} is a symbolic link, so LeptoDesk does not use its trust folder (the site "
              "roots it trusts): a link can point at a file others can change. Ask the site "
              "administrator to put the file itself there.")
    assert not window.open_plan(genuine.pdf_path)
    assert reason in messages[-1][1]
    w = plans_window()
    with open_store() as store:
        [plan] = store.list_plans()
    text = _verify_row(w, qtbot, plan.display_name)
    assert text.splitlines()[0] == f"FAIL: {reason}"
