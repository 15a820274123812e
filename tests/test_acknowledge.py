"""Acknowledgements of STOP and WARNING alerts before signing (issue 26): the coded answers, the
command line's --ack, the signed plan (version 3), both PDFs and the audit log's CDS Hooks
feedback rows."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from leptodesk.acknowledge import (
    AckAnswer,
    AckError,
    acknowledged,
    binding_problems,
    check_answers,
    parse_ack,
    to_acknowledge,
)
from leptodesk.archive import open_store
from leptodesk.cli import main
from leptodesk.clinical import build_plan
from leptodesk.models import AckOutcome, OverrideReason, Plan, Severity
from tests.helpers import case
from tests.test_pdf_helpers import (
    PASS,
    example_case,
    export,
    export_altered_answers,
    identities,  # noqa: F401 - fixture
    service,
    trust,
)
from tests.test_properties import cases

from .conftest import ROOT

CHILD = ROOT / "examples" / "bacterial-child-sepsis.json"
HER2 = ROOT / "examples" / "malignant-her2-good-prognosis.json"
AT = datetime(2026, 11, 24, 10, 30).astimezone()


def _text(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                    .replace("\u00a0", " ").split())


# -- the answers ---------------------------------------------------------------------------------

def test_parse_the_two_forms():
    assert parse_ack("lp.contraindicated=accepted") == AckAnswer("lp.contraindicated",
                                                                 AckOutcome.accepted)
    assert parse_ack("a.b=overridden:benefit-outweighs-risk") == AckAnswer(
        "a.b", AckOutcome.overridden, OverrideReason.benefit_outweighs_risk)
    # the comment keeps its own colons
    assert parse_ack("a.b=overridden:other:LP done 10:30: platelets 60") == AckAnswer(
        "a.b", AckOutcome.overridden, OverrideReason.other, "LP done 10:30: platelets 60")
    assert parse_ack("a.b=overridden:already-addressed:  ").comment is None


@pytest.mark.parametrize(("text", "key"), [
    ("lp.contraindicated", "ack_bad_form"),
    ("=accepted", "ack_bad_form"),
    ("a.b=maybe", "ack_bad_form"),
    ("a.b=accepted:because", "ack_bad_form"),
    ("a.b=overridden", "ack_bad_form"),
    ("a.b=overridden:nope", "ack_unknown_reason"),
    ("a.b=overridden:Other:x", "ack_unknown_reason"),
    ("a.b=overridden:other", "ack_other_comment"),
    ("a.b=overridden:other:   ", "ack_other_comment"),
    ("a.b=overridden:other:bad\x1b[2J", "ack_comment_bad"),
    ("a.b=overridden:other:" + "x" * 501, "ack_comment_bad"),
])
def test_bad_answers_are_refused_by_name(text, key):
    with pytest.raises(AckError) as err:
        parse_ack(text)
    assert err.value.key == key


def test_a_reason_given_as_its_code_text_is_the_code():
    from leptodesk.acknowledge import answer_of

    with pytest.raises(AckError) as err:
        answer_of("a", AckOutcome.overridden, "other", "")
    assert err.value.key == "ack_other_comment"
    assert answer_of("a", AckOutcome.overridden, "already-addressed").reason is (
        OverrideReason.already_addressed)


def test_a_comment_of_500_characters_is_taken():
    assert len(parse_ack("a=overridden:other:" + "x" * 500).comment) == 500


def test_every_stop_and_warning_needs_exactly_one_answer_and_info_none():
    plan = build_plan(example_case("bacterial-child-sepsis"))
    assert [(a.ack_id, a.severity) for a in to_acknowledge(plan)] == [
        ("lp.contraindicated", Severity.stop), ("pitfall.calcium_ceftriaxone", Severity.warning)]
    info = [a.ack_id for a in plan.alerts if a.severity is Severity.info]
    with pytest.raises(AckError) as err:
        check_answers(plan, [parse_ack("lp.contraindicated=accepted")])
    assert err.value.key == "ack_missing"
    assert "not answered: pitfall.calcium_ceftriaxone." in str(err.value)
    assert "--ack ALERT_ID=accepted | --ack ALERT_ID=overridden:REASON[:comment]" in str(
        err.value)
    both = [parse_ack("lp.contraindicated=accepted"),
            parse_ack("pitfall.calcium_ceftriaxone=accepted")]
    assert set(check_answers(plan, both)) == {"lp.contraindicated",
                                              "pitfall.calcium_ceftriaxone"}
    for extra, key in ((both[0], "ack_twice"), (parse_ack("x.y=accepted"), "ack_unknown_id"),
                       *((parse_ack(f"{i}=accepted"), "ack_unknown_id") for i in info)):
        with pytest.raises(AckError) as err:
            check_answers(plan, [*both, extra])
        assert err.value.key == key


def test_a_plan_without_stops_or_warnings_needs_none():
    plan = build_plan(example_case("tuberculous-adult"))
    assert to_acknowledge(plan) == []
    assert acknowledged(plan, [], by="Dr X", at=AT).acknowledgements == []


def test_alerts_a_rule_raises_twice_have_their_own_ids():
    # a child silent on several regimens: one alert each, each with its own id
    child = build_plan(case(patient={"age_years": 10, "weight_kg": 30},
                            etiology={"category": "malignant"},
                            planned={"intrathecal_chemotherapy": True}))
    silent = [a.ack_id for a in child.alerts if a.id == "child.guideline_silent"]
    assert len(silent) >= 1 and all(s.startswith("child.guideline_silent/") for s in silent)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_every_alert_id_is_unique_in_any_plan(c):
    ids = [a.ack_id for a in build_plan(c).alerts]
    assert len(ids) == len(set(ids))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_accepting_every_alert_binds_each_answer_to_its_alert(c):
    plan = build_plan(c)
    answers = [AckAnswer(a.ack_id, AckOutcome.accepted) for a in to_acknowledge(plan)]
    signed = acknowledged(plan, answers, by="Dr X", at=AT)
    assert signed.schema_version == 3
    assert binding_problems(signed) == []
    assert Plan.model_validate_json(signed.model_dump_json()) == signed
    assert len(signed.acknowledgements) == sum(
        a.severity is not Severity.info for a in plan.alerts)


def test_an_answer_to_other_words_does_not_bind():
    plan = build_plan(example_case("lp-contraindicated"))
    signed = acknowledged(plan, [parse_ack("lp.contraindicated=accepted")], by="Dr X", at=AT)
    changed = signed.model_copy(update={"alerts": [
        a.model_copy(update={"text": a.text + " (edited)"}) for a in signed.alerts]})
    assert binding_problems(changed) == ["lp.contraindicated"]


def _both_answered():
    """Example C's plan signed with both answers: the STOP lp.contraindicated and the WARNING
    pitfall.calcium_ceftriaxone."""
    plan = build_plan(example_case("bacterial-child-sepsis"))
    return acknowledged(plan, [parse_ack("lp.contraindicated=accepted"),
                               parse_ack("pitfall.calcium_ceftriaxone=accepted")],
                        by="Dr X", at=AT)


def _acks_changed(signed, change):
    return signed.model_copy(update={"acknowledgements": change(signed.acknowledgements)})


@pytest.mark.parametrize(("change", "unbound"), [
    (lambda acks: acks, []),
    # the WARNING's answer left out
    (lambda acks: acks[:1], ["pitfall.calcium_ceftriaxone"]),
    # no answers at all, not even an empty list (a version 3 plan records them)
    (lambda acks: None, ["lp.contraindicated", "pitfall.calcium_ceftriaxone"]),
    # the STOP answered as if it were a WARNING (its words' hash kept)
    (lambda acks: [acks[0].model_copy(update={"severity": "warning"}), acks[1]],
     ["lp.contraindicated"]),
    # the STOP answered twice
    (lambda acks: [acks[0], acks[0], acks[1]], ["lp.contraindicated"]),
    # an answer to an alert this plan does not have, after the plan's own
    (lambda acks: [*acks, acks[1].model_copy(update={"alert": "a.not_in_this_plan"})],
     ["a.not_in_this_plan"]),
])
def test_every_answer_binds_to_one_alert_of_the_plan(change, unbound):
    assert binding_problems(_acks_changed(_both_answered(), change)) == unbound


def test_plan_versions_1_and_2_are_read_without_acknowledgements():
    plan = build_plan(example_case("lp-contraindicated"))
    old = json.loads(plan.model_dump_json())
    old["schema_version"] = 2
    del old["acknowledgements"]
    for a in old["alerts"]:
        del a["ref"]
    read = Plan.model_validate(old)
    assert read.acknowledgements is None and read.alerts[0].ack_id == "lp.contraindicated"
    signed = json.loads(acknowledged(plan, [parse_ack("lp.contraindicated=accepted")],
                                     by="Dr X", at=AT).model_dump_json())
    signed["schema_version"] = 2  # a version 2 plan cannot claim acknowledgements
    with pytest.raises(ValueError, match="acknowledgements are recorded from plan version 3"):
        Plan.model_validate(signed)


@pytest.mark.parametrize(("update", "message"), [
    ({"outcome": "overridden"}, "an override needs a reason"),
    ({"reason": "other", "outcome": "overridden"}, "the reason 'other' needs a comment"),
    ({"comment": "why"}, "an accepted alert has no override reason or comment"),
])
def test_a_signed_acknowledgement_is_consistent(update, message):
    plan = build_plan(example_case("lp-contraindicated"))
    data = json.loads(acknowledged(plan, [parse_ack("lp.contraindicated=accepted")],
                                   by="Dr X", at=AT).model_dump_json())
    data["acknowledgements"][0].update(update)
    with pytest.raises(ValueError, match=message):
        Plan.model_validate(data)


# -- the command line ----------------------------------------------------------------------------

def _identity_args(identities, monkeypatch):  # noqa: F811
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", PASS.decode())
    return ["--identity", str(identities["issued"].p12_path)]


def test_export_without_answers_is_exit_2_naming_ids_and_forms(identities, tmp_path, capsys):  # noqa: F811
    # no passphrase in the environment and no terminal: the answers are said first
    assert main(["export", str(CHILD), "-o", str(tmp_path / "p.pdf"), "--identity",
                 str(identities["issued"].p12_path)]) == 2
    err = capsys.readouterr().err
    assert "not answered: lp.contraindicated, pitfall.calcium_ceftriaxone." in err
    assert "--ack ALERT_ID=accepted | --ack ALERT_ID=overridden:REASON[:comment]" in err
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize(("acks", "expected"), [
    (["lp.contraindicated=accepted", "nope=accepted"],
     "--ack nope: no STOP or WARNING of this plan has this id (its alerts to answer: "
     "lp.contraindicated, pitfall.calcium_ceftriaxone)"),
    (["lp.contraindicated=accepted", "pitfall.calcium_ceftriaxone=overridden:because"],
     "unknown override reason 'because'"),
    (["lp.contraindicated=accepted"], "not answered: pitfall.calcium_ceftriaxone."),
])
def test_export_with_a_bad_answer_is_exit_2(identities, tmp_path, capsys, monkeypatch, acks,  # noqa: F811
                                            expected):
    args = _identity_args(identities, monkeypatch)
    argv = ["export", str(CHILD), "-o", str(tmp_path / "p.pdf"), *args]
    for a in acks:
        argv += ["--ack", a]
    assert main(argv) == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


def test_export_with_an_override_signs_prints_and_audits_it(identities, tmp_path, capsys,  # noqa: F811
                                                            monkeypatch):
    trust(identities["root"])
    args = _identity_args(identities, monkeypatch)
    comment = "LP needed for diagnosis; platelets transfused"
    assert main(["export", str(CHILD), "-o", str(tmp_path / "p.pdf"), "--nurse-summary",
                 str(tmp_path / "n.pdf"), *args,
                 "--ack", f"lp.contraindicated=overridden:benefit-outweighs-risk:{comment}",
                 "--ack", "pitfall.calcium_ceftriaxone=accepted"]) == 0
    opened = service().open_signed(tmp_path / "p.pdf")
    acks = {a.alert: a for a in opened.plan.acknowledgements}
    stop = acks["lp.contraindicated"]
    assert (stop.outcome, stop.reason, stop.comment, stop.by) == (
        AckOutcome.overridden, OverrideReason.benefit_outweighs_risk, comment,
        "Dr Zoë Ångström-Müller")
    assert acks["pitfall.calcium_ceftriaxone"].outcome is AckOutcome.accepted
    assert binding_problems(opened.plan) == []

    clinician = _text((tmp_path / "p.pdf").read_bytes())
    # beside its alert: right after the STOP's words and citation
    assert ("Contraindicated by signs of severe sepsis. [2] OVERRIDDEN by Dr Zoë "
            "Ångström-Müller," in clinician)
    assert f"benefit outweighs risk: {comment}." in clinician
    assert "[3] Acknowledged by Dr Zoë Ångström-Müller," in clinician
    assert "accepted (will follow)." in clinician

    nurse = _text((tmp_path / "n.pdf").read_bytes())
    top = nurse.split("DO NOT", 1)[0]
    assert ("STOP overridden by Dr Zoë Ångström-Müller: benefit outweighs risk: "
            f"{comment}") in top
    assert "WARNING overridden" not in nurse  # accepted: not an override

    with open_store() as store:
        rows = [r for r in store.list_events() if r.event == "alert_feedback"]
    feedback = {r.detail["card"]: r.detail for r in rows}
    assert feedback["lp.contraindicated"]["outcome"] == "overridden"
    assert feedback["lp.contraindicated"]["overrideReason"] == {
        "reason": {"code": "benefit-outweighs-risk", "system": "urn:leptodesk:override-reason",
                   "display": "benefit outweighs risk"},  # CDS Hooks: a display per reason
        "userComment": comment}
    # CDS Hooks card indicators: the STOP critical, the WARNING a warning
    assert (feedback["lp.contraindicated"]["indicator"],
            feedback["pitfall.calcium_ceftriaxone"]["indicator"]) == ("critical", "warning")
    assert feedback["pitfall.calcium_ceftriaxone"]["outcome"] == "accepted"
    assert "overrideReason" not in feedback["pitfall.calcium_ceftriaxone"]
    assert all(r.user == "Dr Zoë Ångström-Müller" for r in rows)
    assert feedback["lp.contraindicated"]["outcomeTimestamp"] == stop.at.isoformat(
        timespec="seconds")
    assert main(["audit", "verify"]) == 0


@pytest.mark.parametrize(("lang", "line", "nurse_line"), [
    ("fr", "OUTREPASSÉ par", "STOP outrepassé par Dr Zoë Ångström-Müller : autre : vu"),
    ("pt", "IGNORADO por", "PARE ignorado por Dr Zoë Ångström-Müller: outro: vu"),
])
def test_acknowledgements_in_french_and_portuguese(identities, tmp_path, lang, line,  # noqa: F811
                                                   nurse_line):
    c = example_case("lp-contraindicated")
    _, result = export(identities, tmp_path, "lp-contraindicated", lang=lang,
                       nurse_summary=tmp_path / "n.pdf",
                       acknowledgements=[parse_ack("lp.contraindicated=overridden:other:vu")])
    assert line in _text(result.pdf_path.read_bytes())
    assert nurse_line in _text((tmp_path / "n.pdf").read_bytes())
    assert c.patient.display_name


# -- verify: a signed plan whose answers are not its alerts' -------------------------------------

@pytest.mark.parametrize(("change", "ids"), [
    (lambda acks: [a.model_copy(update={"alert_sha256": "0" * 64}) for a in acks],
     "lp.contraindicated"),  # the STOP answered for other words
    (lambda acks: [a.model_copy(update={"severity": "warning"}) for a in acks],
     "lp.contraindicated"),  # ... as a WARNING
    (lambda acks: [], "lp.contraindicated"),  # not answered
    (lambda acks: [*acks, acks[0].model_copy(update={"alert": "x.not_in_this_plan"})],
     "x.not_in_this_plan"),  # an answer to an alert the plan does not have
])
def test_verify_fails_a_signed_plan_whose_answers_are_not_its_alerts(
        identities, tmp_path, monkeypatch, change, ids):  # noqa: F811
    """Signed by a trusted identity, intact, but its acknowledgements altered before signing
    (as only other software signs a plan): the service's verdict FAILs naming the alert."""
    trust(identities["root"])
    _, result = export_altered_answers(identities, tmp_path, monkeypatch, change)
    verdict = service().verify(result.pdf_path, record=False)
    assert not verdict.ok and verdict.intact and verdict.verdict == "FAIL"
    assert verdict.reason_key == "verify_fail_acks_unbound"
    assert verdict.reason == (
        f"the acknowledgements signed in this plan do not answer its alerts ({ids}): each STOP "
        "and WARNING needs exactly one answer, to its words and severity as signed, and no "
        "answer may name an alert the plan does not have; LeptoDesk never signs such a plan")
    assert verdict.signer == "Dr Zoë Ångström-Müller"  # the details are still shown


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Result: FAIL: the acknowledgements signed in this plan do not answer its alerts "
           "(lp.contraindicated): each STOP and WARNING needs exactly one answer"),
    ("fr", "Résultat : REJETÉ : les réponses signées dans ce plan ne correspondent pas à ses "
           "alertes (lp.contraindicated) : chaque STOP et chaque ATTENTION demande exactement "
           "une réponse"),
    ("pt", "Resultado: REJEITADO: as respostas assinadas neste plano não correspondem aos seus "
           "alertas (lp.contraindicated): cada PARE e cada ATENÇÃO exige exatamente uma "
           "resposta"),
])
def test_verify_command_exits_1_naming_the_alert_whose_answer_is_not_its(
        identities, tmp_path, monkeypatch, capsys, lang, said):  # noqa: F811
    trust(identities["root"])
    _, result = export_altered_answers(
        identities, tmp_path, monkeypatch,
        lambda acks: [a.model_copy(update={"alert_sha256": "0" * 64}) for a in acks])
    capsys.readouterr()
    # exit 1: a signature that does not verify, as for an embedded case that does not match
    assert main(["verify", str(result.pdf_path), "--lang", lang]) == 1
    assert said in capsys.readouterr().out.replace("\u00a0", " ")


def test_verify_passes_a_signed_plan_whose_answers_are_its_alerts(identities, tmp_path,  # noqa: F811
                                                                  capsys):
    trust(identities["root"])
    _, result = export(identities, tmp_path, "bacterial-child-sepsis")
    assert [a.alert for a in result.plan.acknowledgements] == [
        "lp.contraindicated", "pitfall.calcium_ceftriaxone"]
    assert main(["verify", str(result.pdf_path)]) == 0
    assert "Result: PASS: this plan is intact and was signed by Dr Zoë Ångström-Müller" in \
        capsys.readouterr().out


def test_export_through_the_service_refuses_missing_answers_before_signing(identities,  # noqa: F811
                                                                          tmp_path):
    with pytest.raises(AckError):
        export(identities, tmp_path, "lp-contraindicated", acknowledgements=[])
    assert not (tmp_path / "lp-contraindicated.pdf").exists()
    with open_store() as store:
        assert store.list_plans() == []
