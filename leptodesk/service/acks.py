"""The acknowledgements room (``service.acks``): which alerts of a plan are answered before
signing, one answer checked on its own (the wizard's panel) or read from the command line's
``--ack``, and a set of answers checked against the plan. Front ends answer through it, never
through :mod:`leptodesk.acknowledge`, whose rules these are; the export checks the answers
again when it signs.
"""

from __future__ import annotations

from datetime import datetime

from ..acknowledge import (
    AckAnswer,
    AckError,
    alerts_key,
    answer_of,
    check_answers,
    parse_ack,
    to_acknowledge,
)
from ..models import AckOutcome, Alert, OverrideReason, Plan

__all__ = ["AckAnswer", "AckError", "Acks"]  # the door names both for front ends


class Acks:
    """Acknowledgements of a plan's STOP and WARNING alerts. A refused answer raises
    :class:`AckError`, which says itself in every language."""

    @staticmethod
    def to_answer(plan: Plan) -> list[Alert]:
        """Every STOP and WARNING of ``plan``, in plan order: each needs an answer."""
        return to_acknowledge(plan)

    @staticmethod
    def key(plan: Plan | None) -> tuple[tuple[str, str], ...]:
        """What the answers stand on (each alert's id and hash): when it changes, every
        answer given is void."""
        return alerts_key(plan)

    @staticmethod
    def answer(alert: str, outcome: AckOutcome, reason: OverrideReason | str | None = None,
               comment: str | None = None, at: datetime | None = None) -> AckAnswer:
        """One answer to the alert ``alert`` (its ack id), checked on its own: an override
        needs a known reason, "other" a comment."""
        return answer_of(alert, outcome, reason, comment, at)

    @staticmethod
    def parse(text: str) -> AckAnswer:
        """``ALERT_ID=accepted`` or ``ALERT_ID=overridden:REASON[:comment]``."""
        return parse_ack(text)

    @staticmethod
    def check(plan: Plan, answers: list[AckAnswer]) -> dict[str, AckAnswer]:
        """The answers by alert id, when there is exactly one for every alert to answer and
        none for anything else."""
        return check_answers(plan, answers)
