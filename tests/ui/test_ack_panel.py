"""The Sign page's acknowledgements (ui/ack_panel.py): every STOP and WARNING answered before
Sign is enabled, from the keyboard, each control named for a screen reader; answers voided when
the alerts change; the signed plan's answers shown in the live plan."""

from __future__ import annotations

import json
import types
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt

from leptodesk.acknowledge import acknowledged, parse_ack
from leptodesk.models import AckOutcome, OverrideReason, Severity

from .helpers import drive_to_review

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _sign_page(wizard, example: str):
    drive_to_review(wizard, json.loads((EXAMPLES / f"{example}.json").read_text()))
    wizard.next()
    return wizard.currentPage()


def test_sign_is_enabled_only_when_every_alert_is_answered(wizard, qtbot):
    page = _sign_page(wizard, "bacterial-child-sepsis")
    panel = page.acks
    assert panel.isVisibleTo(page)
    assert not panel.isWindow()  # part of the page, never a window of its own
    assert [r.alert.ack_id for r in panel.rows] == ["lp.contraindicated",
                                                    "pitfall.calcium_ceftriaxone"]
    assert not page.sign_button.isEnabled()
    stop, warning = panel.rows
    stop.accept.setChecked(True)
    assert not page.sign_button.isEnabled()  # the WARNING is not answered yet
    warning.override.setChecked(True)
    assert not page.sign_button.isEnabled()  # no reason yet
    assert warning.reason.isEnabled() and not stop.reason.isEnabled()
    warning.reason.setCurrentIndex(warning.reason.findData(OverrideReason.other))
    assert not page.sign_button.isEnabled()  # "other" needs a comment
    warning.comment.setText("calcium stopped, separate line")
    assert page.sign_button.isEnabled()
    answers = panel.answers()
    assert answers[1].outcome is AckOutcome.overridden
    assert (answers[1].reason, answers[1].comment) == (OverrideReason.other,
                                                       "calcium stopped, separate line")
    warning.accept.setChecked(True)  # changing one's mind clears nothing else
    assert page.sign_button.isEnabled() and panel.answers()[1].reason is None


def test_answered_from_the_keyboard_with_named_controls(wizard, qtbot):
    page = _sign_page(wizard, "lp-contraindicated")
    row = page.acks.rows[0]
    text = wizard.state.plan.alerts[0].text
    assert row.accept.accessibleName().startswith("Accept, will follow: STOP: ")
    assert row.override.accessibleName().startswith("Override: STOP: ")
    assert text[:40] in row.accept.accessibleName()
    assert row.reason.accessibleName().startswith("Override reason for STOP: ")
    assert row.comment.accessibleName().startswith("Override comment for STOP: ")
    assert page.acks.scroll.accessibleName() == "STOP and WARNING alerts to acknowledge"
    row.accept.setFocus()
    qtbot.keyClick(row.accept, Qt.Key.Key_Space)
    assert row.accept.isChecked() and page.sign_button.isEnabled()
    qtbot.keyClick(row.override, Qt.Key.Key_Space)
    assert row.override.isChecked() and not row.accept.isChecked()
    assert not page.sign_button.isEnabled()  # an override without its reason


def test_a_change_to_the_alerts_voids_the_answers_and_others_keep_them(wizard, qtbot):
    page = _sign_page(wizard, "bacterial-child-sepsis")
    for row in page.acks.rows:
        row.accept.setChecked(True)
    assert page.sign_button.isEnabled()
    # the name is not an alert: the answers stand
    wizard.state.set_field("patient.display_name", "Bed 3")
    assert page.acks.complete() and page.sign_button.isEnabled()
    # the LP verdict changes the STOP's words: every answer is void, asked again
    wizard.state.set_field("presentation.severe_sepsis", False)
    # the old rows are gone from the page at once (not drawn under the new ones)
    assert {id(w) for w in page.acks.inner.findChildren(type(page.acks.rows[0]))} == {
        id(r) for r in page.acks.rows}
    assert [r.alert.ack_id for r in page.acks.rows] == ["pitfall.calcium_ceftriaxone"]
    assert not page.acks.complete()
    assert not any(r.accept.isChecked() or r.override.isChecked() for r in page.acks.rows)
    assert not page.sign_button.isEnabled()


def test_no_panel_when_the_plan_has_no_stop_or_warning(wizard, qtbot):
    page = _sign_page(wizard, "tuberculous-adult")
    assert page.acks.rows == [] and not page.acks.isVisibleTo(page)
    assert page.sign_button.isEnabled()
    # an info alert (the expected culture yield) never interrupts
    wizard.state.set_field("antibiotics_started_at", "2026-11-20T08:00")
    assert [a.severity for a in wizard.state.plan.alerts] == [Severity.info]
    assert page.acks.rows == [] and page.sign_button.isEnabled()


def _signed_with_an_override(wizard):
    """The LP example's Sign page, its STOP overridden and the case marked signed (as the
    export does); the page."""
    page = _sign_page(wizard, "lp-contraindicated")
    state = wizard.state
    signed = acknowledged(state.plan, [parse_ack(
        "lp.contraindicated=overridden:already-addressed:platelets transfused")],
        by="Dr Panel", at=__import__("datetime").datetime(2026, 11, 24, 9, 5).astimezone())
    state.mark_signed(types.SimpleNamespace(
        plan=signed, archive_id=1, signer_name="Dr Panel", signed_at="2026-11-24T09:05",
        export_id="e-1", check_code="KDR5-4EF6", pdf_path="p.pdf", pdf_sha256="ab" * 32,
        nurse_path=None, self_issued=False))
    return page


def test_the_live_plan_shows_the_signed_answers(window, wizard, qtbot):
    page = _signed_with_an_override(wizard)
    assert ("OVERRIDDEN by Dr Panel, Tue 24 Nov 2026 09:05: already addressed: platelets "
            "transfused.") in " ".join(window.panel.text().split())
    assert not page.acks.rows[0].accept.isEnabled()  # signed: the answers are read-only


def test_after_signing_a_change_of_the_alerts_voids_the_answers_with_the_signature(
        window, wizard, qtbot):
    page = _signed_with_an_override(wizard)
    state = wizard.state
    assert state.signed_current and "OVERRIDDEN by Dr Panel" in window.panel.text()
    # platelets 25 -> 60: the LP STOP's words change (one reason fewer): the signature and
    # every answer are void, the live plan claims no acknowledgement, and Sign waits again
    wizard.state.set_field("lp_safety.platelets_10e9_per_l", 60)
    assert state.signed_stale and state.plan.acknowledgements is None
    assert "OVERRIDDEN" not in window.panel.text()
    (row,) = page.acks.rows
    assert row.alert.ack_id == "lp.contraindicated"
    assert not row.accept.isChecked() and not row.override.isChecked()
    assert row.accept.isEnabled() and not page.sign_button.isEnabled()


def test_a_language_change_keeps_the_answers_in_the_new_words(window, wizard, qtbot):
    page = _sign_page(wizard, "bacterial-child-sepsis")
    stop, warning = page.acks.rows
    stop.accept.setChecked(True)
    warning.override.setChecked(True)
    warning.reason.setCurrentIndex(warning.reason.findData(OverrideReason.already_addressed))
    assert page.sign_button.isEnabled()
    window.set_language("fr")
    stop, warning = page.acks.rows
    french = [a for a in wizard.state.plan.alerts if a.severity is not Severity.info]
    assert stop.text.text() == f"<b>STOP\u00a0:</b> {escape(french[0].text)} [2]"
    assert stop.accept.text().replace("&", "") == "Accepter\u00a0: sera suivie"
    assert stop.accept.isChecked() and warning.override.isChecked()
    assert warning.reason.currentData() == OverrideReason.already_addressed
    assert page.sign_button.isEnabled()
    window.set_language("en")
    assert page.acks.complete()


def test_out_of_sight_the_panel_waits_and_follows_when_its_page_is_shown(wizard, qtbot):
    """While another page is shown, an entry does not rebuild the Sign page's alerts (the rows
    stay the very same widgets); Next to the Sign page shows the alerts of the case as it is."""
    from ui.pages import PageId

    page = wizard.page_of(PageId.SIGN)  # built at once, as in idle time, and not shown
    before = list(page.acks.rows)
    assert [r.alert.ack_id for r in before] != ["lp.contraindicated",
                                                "pitfall.calcium_ceftriaxone"]
    drive_to_review(wizard, json.loads(
        (EXAMPLES / "bacterial-child-sepsis.json").read_text()))
    assert wizard.currentId() == PageId.REVIEW
    assert page.acks.rows == before  # every entry on the way left it alone
    wizard.next()
    assert wizard.currentPage() is page
    assert [r.alert.ack_id for r in page.acks.rows] == ["lp.contraindicated",
                                                        "pitfall.calcium_ceftriaxone"]
    assert not page.acks.complete() and not page.sign_button.isEnabled()
    for row in page.acks.rows:
        row.accept.setChecked(True)
    assert page.sign_button.isEnabled()
    # in sight, an entry is followed at once: the LP's STOP goes, the answers are void
    wizard.state.set_field("presentation.severe_sepsis", False)
    assert [r.alert.ack_id for r in page.acks.rows] == ["pitfall.calcium_ceftriaxone"]
    assert not page.sign_button.isEnabled()
