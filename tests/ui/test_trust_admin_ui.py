"""Issue #23's attacks through the GUI paths: File > Open plan refuses each with the core's
reason and opens nothing; the Plans window shows FAIL with the same reason. The same verdict
as the command line (tests/test_trust_admin.py), from the one core verify."""

from __future__ import annotations

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
    nobody_reason,
    open_tmp,
    outlived_root,
    repadded,
    sign_with,
    symlink_reason,
    symlinked_anchor_file,
    symlinked_roots_folder,
    trust_folder_made_by_nobody,
    write_p12,
    write_pem,
)
from ui.plans_window import PlansWindow
from ui.worker import wait_for_background

__all__ = ["identities", "open_tmp"]
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
    for name in ("same-name root", "intermediate CA", "CA signing itself", "serverAuth leaf",
                 "codeSigning leaf", "RSA-1024 leaf"):
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
    _revoke(identities, write_pem(tmp_path / "leaver.pem", cert), "left", left,
            tmp_path / "root.crl")
    # A key file copied: revoked for key compromise ten days after this plan was signed.
    stolen, stolen_pem = _issued(identities, tmp_path, "Dr Stolen")
    early = sign_with(stolen, tmp_path, "lp-contraindicated",
                      signing_time=left - timedelta(days=20))
    _revoke(identities, stolen_pem, "key-compromise", left, tmp_path / "root.crl")
    assert main(["trust", "crl", "add", str(tmp_path / "root.crl")]) == 0
    signed_at = service().verify(after, record=False).signing_time
    shown = left.strftime('%Y-%m-%dT%H:%M+00:00')
    out["revoked signer, after the date"] = (
        after, f"revoked: the signer's certificate was revoked on {shown} (its holder left); "
               f"this plan was signed after that ({signed_at.isoformat()})")
    out["key compromise, before the date"] = (
        early, f"revoked: the signer's certificate was revoked on {shown} because its key was "
               "compromised; no plan it signed can be trusted, whatever its date")
    out["signed after its root expired"] = outlived_root(tmp_path)
    return out, genuine



def _issued(identities, tmp_path, name: str):
    """A clinician's key file and certificate that the real root issued 60 days ago."""
    root_key, root_cert, _ = load_p12(identities["root"].p12_path)
    key, cert = leaf(root_key, root_cert, name, eku=[DOCUMENT_SIGNING],
                     not_before=datetime.now(UTC) - timedelta(days=60))
    return (write_p12(tmp_path / f"{name}.p12", key, cert, [root_cert]),
            write_pem(tmp_path / f"{name}.pem", cert))


def _revoke(identities, pem, reason: str, when: datetime, crl) -> None:
    """``identity revoke`` as the site administrator."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_CA_PASSPHRASE", PASS.decode())
        assert main(["identity", "revoke", str(pem), "--ca", str(identities["root"].p12_path),
                     "--reason", reason, "--date", when.isoformat(timespec="minutes"), "-o",
                     str(crl)]) == 0


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


@pytest.mark.parametrize("tampering", ["symlinked anchor file", "symlinked roots folder",
                                       "folder owned by a plain user"])
def test_a_tampered_trust_folder_fails_open_plan_and_the_plans_window(
        window, messages, plans_window, qtbot, identities, tmp_path, monkeypatch, request,
        tampering):
    trust(identities["root"])
    _, genuine = export(identities, tmp_path, "lp-contraindicated")
    if tampering == "symlinked anchor file":
        reason = symlink_reason(symlinked_anchor_file(tmp_path))
    elif tampering == "symlinked roots folder":
        reason = symlink_reason(symlinked_roots_folder(tmp_path))
    else:
        folder = trust_folder_made_by_nobody(request.getfixturevalue("open_tmp"),
                                             identities["root"].pem_path)
        monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(folder))
        reason = nobody_reason(folder)
    assert not window.open_plan(genuine.pdf_path)
    assert reason in messages[-1][1]
    w = plans_window()
    with open_store() as store:
        [plan] = store.list_plans()
    text = _verify_row(w, qtbot, plan.display_name)
    assert text.splitlines()[0] == f"FAIL: {reason}"


def _export_as(p12, tmp_path, name: str, signing_time=None):
    """An export signed with ``p12`` (archived here with its signed nurse summary)."""
    from tests.helpers import accept_all
    from tests.test_pdf_helpers import example_case

    case = example_case("lp-contraindicated")
    return service().export(case, identity=p12, passphrase=PASS, output=tmp_path / name,
                            signing_time=signing_time, acknowledgements=accept_all(case))


def _verify_archived(w, qtbot, archive_id: int) -> str:
    w.refresh()
    w.select_plan(archive_id)
    w._verdicts.pop(archive_id, None)
    w.verify_button.click()
    qtbot.waitUntil(lambda: archive_id in w._verdicts, timeout=30000)
    return w.status.text()


def test_a_plan_signed_before_its_signer_left_opens_and_says_so(window, messages, plans_window,
                                                                qtbot, identities, tmp_path):
    """Open plan and the Plans window: PASS, with the site root (short fingerprint on screen,
    all 64 digits behind Details) and the note that the signer was revoked since."""
    trust(identities["root"])
    p12, pem = _issued(identities, tmp_path, "Dr Leaver")
    left = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=10)
    result = _export_as(p12, tmp_path, "before.pdf", signing_time=left - timedelta(days=10))
    _revoke(identities, pem, "left", left, tmp_path / "root.crl")
    assert main(["trust", "crl", "add", str(tmp_path / "root.crl")]) == 0
    fp = identities["root"].fingerprint
    root_line = (f'site root "Hôpital Site Root", SHA-256 fingerprint {fp[0:4]} {fp[4:8]} '
                 f"{fp[8:12]} {fp[12:16]}, granted on this workstation by its administrator")
    note = (f"the signer's certificate was revoked on {left.strftime('%Y-%m-%dT%H:%M+00:00')} "
            "(its holder left); this plan was signed before that, so it still verifies (see "
            "on what its signing time rests)")
    assert window.open_plan(result.pdf_path)
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Opened the signed case of export {result.export_id}: PASS: this "
                           "plan is intact and was signed by Dr Leaver on "), said
    assert said.endswith(f" (local time); {root_line}; {note}"), said
    assert fp not in said
    w = plans_window()
    shown = _verify_archived(w, qtbot, result.archive_id).splitlines()
    assert shown[0].startswith("PASS: this plan is intact and was signed by Dr Leaver on ")
    assert shown[1:] == [root_line, note]
    assert (f'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint {fp}, granted on this '
            "workstation by its administrator") in w.status.details.toPlainText().splitlines()


def test_the_plans_window_does_not_print_a_compromised_signers_nurse_summary(
        plans_window, qtbot, identities, tmp_path, monkeypatch):
    import sys
    import types

    trust(identities["root"])
    p12, pem = _issued(identities, tmp_path, "Dr Stolen")
    result = _export_as(p12, tmp_path, "stolen.pdf")
    when = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=1)
    _revoke(identities, pem, "key-compromise", when, tmp_path / "root.crl")
    assert main(["trust", "crl", "add", str(tmp_path / "root.crl")]) == 0
    printed, told = [], []
    monkeypatch.setitem(sys.modules, "ui.printing", types.SimpleNamespace(
        print_pdf=lambda *a, **k: printed.append(a) or True))
    w = plans_window()
    monkeypatch.setattr(w, "inform", lambda title, text: told.append((title, text)))
    w.refresh()
    w.select_plan(result.archive_id)
    w.print_button.click()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    reason = (f"revoked: the signer's certificate was revoked on "
              f"{when.strftime('%Y-%m-%dT%H:%M+00:00')} because its key was compromised; no "
              "plan it signed can be trusted, whatever its date")
    assert told == [("Not printed", f"The archived nurse summary of plan {result.archive_id} "
                     f"does not verify, so it is not printed.\n\nFAIL: {reason}")]
    assert printed == []


def test_a_root_only_in_the_old_per_user_folder_is_said_on_open_plan_and_the_plans_window(
        window, messages, plans_window, qtbot, identities, tmp_path, _isolated_home):
    """An earlier version trusted roots per user: they count no more, and a nurse who sees
    FAIL in a window is told why there too, not only on the command line."""
    _, result = export(identities, tmp_path, "lp-contraindicated")
    old = _isolated_home / "trust" / "roots"
    old.mkdir(parents=True)
    shutil.copy(identities["root"].pem_path, old / "Hopital-Site-Root.pem")
    note = (f"the per-user trust folder of an earlier LeptoDesk ({old}) is ignored: only site "
            "roots granted by an administrator count; an administrator can move them with "
            f"'leptodesk trust import-user {_isolated_home}'")
    fp = identities["root"].fingerprint
    assert not window.open_plan(result.pdf_path)
    assert messages[-1][1].splitlines()[-2:] == [
        f'"Hôpital Site Root" (SHA-256 fingerprint {fp[0:4]} {fp[4:8]} {fp[8:12]} {fp[12:16]}), '
        "not a site root trusted here", note]
    w = plans_window()
    shown = _verify_archived(w, qtbot, result.archive_id).splitlines()
    assert shown[0].startswith('FAIL: untrusted signer: the certificate was issued by "Hôpital '
                               'Site Root"')
    assert shown[-1] == note


def test_the_verify_dialog_says_a_root_is_trusted_for_this_check_only(window, qtbot,
                                                                      identities, tmp_path):
    """Issue #23 (6): "Also trust:" in the Verify dialog is `verify --trust`, and says so;
    nothing is granted by it."""
    from ui.verify_dialog import VerifyDialog

    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    service().trust.remove(identities["root"].fingerprint)  # another workstation, in effect
    dialog = VerifyDialog(window)
    qtbot.addWidget(dialog)
    fp = identities["root"].fingerprint
    assert not dialog.verify_file(result.pdf_path).ok
    assert dialog.verify_file(result.pdf_path, identities["root"].pem_path).ok
    assert dialog.view.text().splitlines()[1] == (
        f'site root "Hôpital Site Root", SHA-256 fingerprint {fp[0:4]} {fp[4:8]} {fp[8:12]} '
        f"{fp[12:16]}, trusted for this check only (--trust)")
    assert (f'Issuer: site root "Hôpital Site Root", SHA-256 fingerprint {fp}, trusted for this '
            "check only (--trust)") in dialog.details.toPlainText().splitlines()
    assert service().trust.anchors() == []
