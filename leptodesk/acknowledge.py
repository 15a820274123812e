"""Acknowledgements of STOP and WARNING alerts before signing (plan version 3).

Every STOP and WARNING of a plan is answered before the plan can be signed: *accepted* (the
clinician will follow it) or *overridden* with a coded reason (:class:`models.OverrideReason`;
``other`` needs a comment). Info alerts are never asked about. The answers become part of the
signed plan (``Plan.acknowledgements``), each bound to the exact alert it answers (its
``ack_id`` and ``Alert.sha256()``), so that a plan whose alerts changed cannot carry them.

The shape follows CDS Hooks feedback (https://cds-hooks.hl7.org/2.0/#feedback): the alert is
the ``card``, ``outcome`` is ``accepted`` or ``overridden``, ``overrideReason`` holds the
coded ``reason`` and the ``userComment``, and ``outcomeTimestamp`` is when it was answered.
:func:`feedback_records` writes them so for the audit log.

No Qt here: the wizard's panel (``ui.ack_panel``) and ``leptodesk export --ack`` both go
through :func:`parse_ack`, :func:`check_answers` and :func:`acknowledged`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import KeyedMessage
from .models import (  # noqa: F401 - AckOutcome and OverrideReason: for callers
    ACK_COMMENT_MAX,
    PLAN_SCHEMA_VERSION,
    Acknowledgement,
    AckOutcome,
    Alert,
    OverrideReason,
    Plan,
    Severity,
)
from .textsafe import has_unsafe_chars

REASONS: tuple[str, ...] = tuple(r.value for r in OverrideReason)
# The plan version that first records the answers (``Plan.acknowledgements``).
ACKNOWLEDGED_FROM = 3
FORMS = "--ack ALERT_ID=accepted | --ack ALERT_ID=overridden:REASON[:comment]"


class AckError(KeyedMessage, ValueError):
    """An acknowledgement that is missing, unknown or malformed (exit 2 on the command line);
    said in every language (:class:`~leptodesk.errors.KeyedMessage`)."""


@dataclass(frozen=True)
class AckAnswer:
    """One answer as given (the command line's ``--ack`` or the wizard's panel), before it is
    bound to the plan and its signer."""

    alert: str
    outcome: AckOutcome
    reason: OverrideReason | None = None
    comment: str | None = None
    at: datetime | None = None  # when it was answered; None: at signing


def to_acknowledge(plan: Plan) -> list[Alert]:
    """The alerts that need an answer before signing: every STOP and WARNING, in plan order."""
    return [a for a in plan.alerts if a.severity in (Severity.stop, Severity.warning)]


def alerts_key(plan: Plan | None) -> tuple[tuple[str, str], ...]:
    """What the answers stand on: the id and hash of every alert to acknowledge. When it
    changes, every answer given is void (the wizard asks again)."""
    if plan is None:
        return ()
    return tuple((a.ack_id, a.sha256()) for a in to_acknowledge(plan))


def _reasons() -> str:
    return ", ".join(REASONS)


def _ids(alerts: list[Alert]) -> str:
    return ", ".join(a.ack_id for a in alerts) or "-"


def parse_ack(text: str) -> AckAnswer:
    """``ALERT_ID=accepted`` or ``ALERT_ID=overridden:REASON[:comment]`` (the comment may hold
    colons). Raises :class:`AckError` naming what is wrong."""
    alert, sep, answer = text.partition("=")
    alert = alert.strip()
    if not sep or not alert:
        raise AckError("ack_bad_form", text=text, forms=FORMS)
    outcome, _, rest = answer.partition(":")
    if outcome == AckOutcome.accepted.value and not rest:
        return AckAnswer(alert, AckOutcome.accepted)
    if outcome != AckOutcome.overridden.value or not rest:
        raise AckError("ack_bad_form", text=text, forms=FORMS)
    reason_text, _, comment = rest.partition(":")
    try:
        reason = OverrideReason(reason_text)
    except ValueError:
        raise AckError("ack_unknown_reason", alert=alert, reason=reason_text,
                       reasons=_reasons()) from None
    return answer_of(alert, AckOutcome.overridden, reason, comment)


def answer_of(alert: str, outcome: AckOutcome, reason: OverrideReason | None = None,
              comment: str | None = None, at: datetime | None = None) -> AckAnswer:
    """An answer, checked on its own (reason with override, comment for ``other``)."""
    comment = (comment or "").strip() or None
    if outcome is AckOutcome.accepted:
        return AckAnswer(alert, outcome, at=at)
    if reason is None:
        raise AckError("ack_no_reason", alert=alert, reasons=_reasons())
    try:  # a code given as text (a list's item data) is the code itself
        reason = OverrideReason(reason)
    except ValueError:
        raise AckError("ack_unknown_reason", alert=alert, reason=reason,
                       reasons=_reasons()) from None
    if reason is OverrideReason.other and comment is None:
        raise AckError("ack_other_comment", alert=alert)
    if comment is not None and (has_unsafe_chars(comment) or len(comment) > ACK_COMMENT_MAX):
        raise AckError("ack_comment_bad", alert=alert, max=ACK_COMMENT_MAX)
    return AckAnswer(alert, outcome, reason, comment, at)


def check_answers(plan: Plan, answers: list[AckAnswer]) -> dict[str, AckAnswer]:
    """The answers by alert id, when there is exactly one for every STOP and WARNING of
    ``plan`` and none for anything else. Raises :class:`AckError`: an unknown id first, then
    one given twice, then the missing ones (all named, with the two forms)."""
    needed = to_acknowledge(plan)
    ids = {a.ack_id for a in needed}
    by_id: dict[str, AckAnswer] = {}
    for answer in answers:
        if answer.alert not in ids:
            raise AckError("ack_unknown_id", alert=answer.alert, ids=_ids(needed))
        if answer.alert in by_id:
            raise AckError("ack_twice", alert=answer.alert)
        by_id[answer.alert] = answer
    missing = [a for a in needed if a.ack_id not in by_id]
    if missing:
        raise AckError("ack_missing", ids=_ids(missing), forms=FORMS, reasons=_reasons())
    return by_id


def acknowledged(plan: Plan, answers: list[AckAnswer], *, by: str, at: datetime) -> Plan:
    """``plan`` (version 3) carrying the answers, each bound to its alert; ``by`` is the
    signer, ``at`` the time for answers given without one (the signing time)."""
    by_id = check_answers(plan, answers)
    acks = []
    for alert in to_acknowledge(plan):
        answer = by_id[alert.ack_id]
        acks.append(Acknowledgement(
            alert=alert.ack_id, severity=alert.severity.value, alert_sha256=alert.sha256(),
            outcome=answer.outcome, reason=answer.reason, comment=answer.comment, by=by,
            at=(answer.at or at).astimezone().replace(microsecond=0)))
    return plan.model_copy(update={"schema_version": PLAN_SCHEMA_VERSION,
                                   "acknowledgements": acks})


def binding_problems(plan: Plan) -> list[str]:
    """For a signed plan: the ids of the alerts whose acknowledgement is missing, given twice,
    or answers other words or another severity than the plan's alert, then those of answers to
    an alert the plan does not have (none for a plan of version 1 or 2, which records none).
    LeptoDesk never signs such a plan: ``service.verify`` fails it."""
    if plan.schema_version < ACKNOWLEDGED_FROM:
        return []
    given = plan.acknowledgements or []  # None in a version 3 plan: not one answer signed
    acks: dict[str, Acknowledgement] = {}
    twice: set[str] = set()
    for ack in given:
        if ack.alert in acks:
            twice.add(ack.alert)
        acks[ack.alert] = ack
    out = []
    for alert in to_acknowledge(plan):
        ack = acks.pop(alert.ack_id, None)
        if ack is None or alert.ack_id in twice or ack.alert_sha256 != alert.sha256() \
                or ack.severity != alert.severity.value:
            out.append(alert.ack_id)
    return out + sorted(acks)


def reason_text(ack: Acknowledgement, lang: str = "en") -> str:
    """The override reason in words, with the comment ("benefit outweighs risk: ...")."""
    from .i18n import colon, tr

    if ack.reason is None:
        return ""
    words = tr(lang, f"msg:ack_reason_{ack.reason.name}")
    return f"{words}{colon(lang)} {ack.comment}" if ack.comment else words


def ack_line(ack: Acknowledgement, lang: str = "en") -> str:
    """The line printed beside its alert (clinician PDF, live plan after signing)."""
    from .i18n import format_datetime, tr

    when = format_datetime(ack.at, lang)
    if ack.outcome is AckOutcome.accepted:
        return tr(lang, "msg:ack_line_accepted", by=ack.by, when=when)
    return tr(lang, "msg:ack_line_overridden", by=ack.by, when=when,
              reason=reason_text(ack, lang))


def overridden(plan: Plan) -> list[tuple[Alert, Acknowledgement]]:
    """The STOPs and WARNINGs overridden, each with its acknowledgement, in plan order."""
    out = []
    for alert in to_acknowledge(plan):
        ack = plan.acknowledgement_of(alert)
        if ack is not None and ack.outcome is AckOutcome.overridden:
            out.append((alert, ack))
    return out


def nurse_override_line(alert: Alert, ack: Acknowledgement, lang: str = "en") -> str:
    """"STOP overridden by Dr ...: reason" for the top of the nurse sheet."""
    from .i18n import colon, tr

    return (tr(lang, f"msg:ack_nurse_overridden_{alert.severity.value}", by=ack.by)
            + f"{colon(lang)} {reason_text(ack, lang)}")


def reason_coding(ack: Acknowledgement) -> dict:
    """The override reason as a Coding (``system``, ``code``, ``display``): CDS Hooks wants a
    display for every coded reason; it is the code system's English words, whatever the
    plan's language (the words a person reads are in the printed line)."""
    from .i18n import tr

    coding = {"system": OVERRIDE_REASON_SYSTEM, "code": ack.reason.value if ack.reason else None}
    if ack.reason is not None:
        coding["display"] = tr("en", f"msg:ack_reason_{ack.reason.name}")
    return coding


# CDS Hooks card indicators: a STOP is critical, a WARNING a warning (info never asks).
INDICATOR = {Severity.stop.value: "critical", Severity.warning.value: "warning"}


def feedback_records(plan: Plan) -> list[dict]:
    """The acknowledgements as CDS Hooks feedback (``card``, ``outcome``, ``overrideReason``
    with ``reason`` and ``userComment``, ``outcomeTimestamp``), for the audit log, with the
    card's ``indicator`` beside LeptoDesk's own ``severity``."""
    out = []
    for ack in plan.acknowledgements or ():
        record: dict = {"card": ack.alert, "outcome": ack.outcome.value,
                        "outcomeTimestamp": ack.at.isoformat(timespec="seconds"),
                        "indicator": INDICATOR[ack.severity],
                        "severity": ack.severity, "alert_sha256": ack.alert_sha256}
        if ack.outcome is AckOutcome.overridden:
            reason: dict = {"reason": reason_coding(ack)}
            if ack.comment:
                reason["userComment"] = ack.comment
            record["overrideReason"] = reason
        out.append(record)
    return out


# The code system of the override reasons (CDS Hooks codes them as Coding: system and code).
OVERRIDE_REASON_SYSTEM = "urn:leptodesk:override-reason"
