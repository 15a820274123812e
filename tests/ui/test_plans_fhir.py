"""Export FHIR in the Plans window: the archived plan, once it verifies, written as a bundle
signed by its signer (the file, identity and passphrase dialogs patched)."""

import json

from tests.test_pdf_helpers import PASS, export, identities, service, trust
from ui.plans_window import PlansWindow
from ui.worker import wait_for_background

__all__ = ["identities"]


def _window(qtbot):
    w = PlansWindow()
    qtbot.addWidget(w)
    w.select_plan(w._plans[0].id)
    return w


def test_export_fhir_writes_a_bundle_that_verifies(qtbot, identities, tmp_path):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "lp-contraindicated")
    w = _window(qtbot)
    assert w.fhir_button.isEnabled() and w.fhir_button.accessibleName() == "Export FHIR"
    out = tmp_path / "plan.fhir.json"
    w.ask_fhir_inputs = lambda suggested: (str(out), str(identities["issued"].p12_path),
                                           PASS.decode())
    w.fhir_button.click()
    qtbot.waitUntil(lambda: w.status.text().startswith("FHIR bundle written"), timeout=20000)
    assert w.status.text() == (f"FHIR bundle written to {out}, signed by Dr Zoë "
                               "Ångström-Müller.")
    bundle = json.loads(out.read_text())
    issues = [e["resource"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "DetectedIssue"]
    assert [i["code"]["coding"][0]["code"] for i in issues] == ["lp.contraindicated"]
    assert service().fhir_verify(out).ok
    # the same file again: the save dialog has asked before replacing it, so it is replaced
    # (not refused as an existing file, as the command line does without --force)
    first = out.read_bytes()
    w.status.setText("")
    w.fhir_button.click()
    qtbot.waitUntil(lambda: w.status.text() != "" and not w.status.text().startswith(
        "Checking"), timeout=20000)
    assert w.status.text().startswith("FHIR bundle written to "), w.status.text()
    assert out.read_bytes() != first  # a new Provenance.recorded and signature
    assert service().fhir_verify(out).ok
    wait_for_background()
    w.close()
    w.deleteLater()


def test_export_fhir_refused_for_a_plan_that_fails(qtbot, identities, tmp_path):
    _, result = export(identities, tmp_path, "tuberculous-adult")  # no root trusted here
    w = _window(qtbot)
    out = tmp_path / "plan.fhir.json"
    w.ask_fhir_inputs = lambda suggested: (str(out), str(identities["issued"].p12_path),
                                           PASS.decode())
    w.fhir_button.click()
    qtbot.waitUntil(lambda: w.status.text().startswith("No FHIR bundle written"),
                    timeout=20000)
    assert "FAIL" in w.status.text()
    assert not out.exists()
    w.ask_fhir_inputs = lambda suggested: None  # cancelled: nothing happens
    w.status.setText("")
    w.fhir_button.click()
    assert w.status.text() == ""
    wait_for_background()
    w.close()
    w.deleteLater()
