"""The plan as a FHIR R4 (4.0.1) Bundle, in the shape of HL7's CPG-on-FHIR guide.

Built from the plan and case a verified PDF carries, and from the plan document
(``leptodesk.view.document``: the same dose rows, alert lines and acknowledgements, words and
numbers, that both PDFs print), so a dose in the bundle is the dose on the PDF:

- ``Patient``: the display name only (nothing else about the patient leaves in it);
- ``Practitioner``: the signer, from the signing certificate (name, role, registration, the
  certificate's SHA-256 fingerprint);
- ``CarePlan`` -> ``RequestGroup`` -> one ``MedicationRequest`` per dose of the plan: the INN as
  the medication's text, ``doseAndRate.doseQuantity`` in UCUM mg, ``timing.repeat`` from the
  doses a day (2 a day: frequency 1, period 12 h), the route, ``maxDosePerPeriod`` for a
  capped dose (the capped daily total per 1 d), ``boundsPeriod`` from the start date or the
  intrathecal calendar (whose dates are the timing's ``event``s);
- ``CommunicationRequest`` for the nurse's tasks: the LP checks before each lumbar intrathecal
  dose and each surveillance MRI of the calendar;
- ``DetectedIssue`` per STOP (severity high) and WARNING (moderate): the alert's words with its
  citations as ``detail``, its acknowledgement as ``mitigation``;
- ``Provenance`` naming every other resource as ``target``, the signed PDF as ``entity``, and
  a ``signature`` added by :func:`sign_bundle`.

Resource ids are UUIDs derived from the export id, so the same plan gives the same ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .. import content as c
from ..acknowledge import reason_coding, to_acknowledge
from ..models import AckOutcome, Case, Dose, Plan, Severity
from ..view.document import DoseTable, alert_line, build_document
from ..view.doses import dose_line
from ..view.labels import cite

UCUM = "http://unitsofmeasure.org"
FHIR_VERSION = "4.0.1"
SYSTEM = "urn:leptodesk"
ALERT_SYSTEM = f"{SYSTEM}:alert"
ACK_SYSTEM = f"{SYSTEM}:acknowledgement"
ROUTE_SYSTEM = f"{SYSTEM}:route"
DRUG_SYSTEM = f"{SYSTEM}:drug"
EXPORT_SYSTEM = f"{SYSTEM}:export-id"
CASE_SYSTEM = f"{SYSTEM}:case-sha256"
PDF_SYSTEM = f"{SYSTEM}:pdf-sha256"
REGISTRATION_SYSTEM = f"{SYSTEM}:registration"
CERTIFICATE_SYSTEM = f"{SYSTEM}:certificate-sha256"
CONTENT_POLICY = f"{SYSTEM}:content:"
CONTENT_SHA_POLICY = f"{SYSTEM}:content-sha256:"
# ISO/ASTM E1762-95 signature types, as FHIR R4 binds Signature.type.
AUTHOR_SIGNATURE = {"system": "urn:iso-astm:E1762-95:2013", "code": "1.2.840.10065.1.12.1.1",
                    "display": "Author's Signature"}
SIG_FORMAT = "application/jose"
TARGET_FORMAT = "application/fhir+json"
_NAMESPACE = uuid.UUID("6f1f4a8e-2d8b-5c55-9d0c-6c6570746f64")


@dataclass(frozen=True)
class Signer:
    """Who signed the plan, from the signing certificate."""

    name: str
    role: str
    registration: str
    fingerprint: str


@dataclass(frozen=True)
class Source:
    """The verified PDF the bundle is made from."""

    export_id: str
    pdf_sha256: str
    signed_at: datetime


def _urn(export_id: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{export_id}/{key}')}"


def _ref(full_url: str, display: str | None = None) -> dict:
    return {"reference": full_url, **({"display": display} if display else {})}


def _mg(value: float) -> dict:
    whole = int(value) if float(value).is_integer() else value
    return {"value": whole, "unit": "mg", "system": UCUM, "code": "mg"}


def _day(when) -> str:
    return when.isoformat()


def _instant(when: datetime) -> str:
    return when.astimezone().isoformat(timespec="seconds")


def interval_hours(dose: Dose) -> float | None:
    """Hours between doses for a daily drug (24 / doses a day), else None."""
    if dose.doses_per_day is None or dose.amount_mg is None:
        return None
    return 24 / dose.doses_per_day


def _start(dose: Dose, authored: str) -> str | None:
    """When giving starts: the first dose's recorded time, the start date, or (a first dose
    due now [2]) the signing time: it is never dated later."""
    first_at = dose.first_dose_at
    if first_at is not None:  # a local time as entered; FHIR wants seconds and the offset
        return _instant(first_at)
    if dose.start_date is not None:
        return _day(dose.start_date)
    return authored if dose.first_dose_now else None


def _timing(dose: Dose, plan: Plan, authored: str) -> dict | None:
    repeat: dict[str, Any] = {}
    hours = interval_hours(dose)
    start = _start(dose, authored)
    if hours is not None:
        whole = int(hours) if float(hours).is_integer() else hours
        repeat.update(frequency=1, period=whole, periodUnit="h")
        if start is not None:
            repeat["boundsPeriod"] = {"start": start}
        return {"repeat": repeat}
    calendar = [s.date for s in plan.schedule if s.kind == "intrathecal_dose"]
    if dose.drug == "methotrexate" and dose.amount_mg is not None and calendar:
        return {"event": [_day(d) for d in calendar],
                "repeat": {"boundsPeriod": {"start": _day(calendar[0]),
                                            "end": _day(calendar[-1])}}}
    if start is not None:
        return {"repeat": {"boundsPeriod": {"start": start}}}
    return None


def _dosage(dose: Dose, row, plan: Plan, authored: str) -> dict:
    dosage: dict[str, Any] = {"text": dose_line(row),
                              "route": {"coding": [{"system": ROUTE_SYSTEM,
                                                    "code": dose.route_code.value}]
                                        if dose.route_code else [], "text": dose.route}}
    if not dosage["route"]["coding"]:
        del dosage["route"]["coding"]
    timing = _timing(dose, plan, authored)
    if timing is not None:
        dosage["timing"] = timing
    if dose.amount_mg is not None:
        dosage["doseAndRate"] = [{"doseQuantity": _mg(dose.amount_mg)}]
    if dose.capped and dose.daily_total_mg is not None:
        dosage["maxDosePerPeriod"] = {"numerator": _mg(dose.daily_total_mg),
                                      "denominator": {"value": 1, "unit": "d", "system": UCUM,
                                                      "code": "d"}}
    return dosage


def _review_note(dose: Dose, plan: Plan) -> list[dict]:
    """The earliest stop of the drug's minimum course, as the nurse sheet's "Stop / review"
    column says it, with the citations of the calendar's milestone that dates it: a date to
    review with the prescriber, not an end of giving (so not the timing's ``boundsPeriod.end``)."""
    from ..i18n import format_date, tr

    if dose.review_date is None:
        return []
    citations = sorted({n for s in plan.schedule if s.kind == "milestone"
                        and s.date == dose.review_date for n in s.citations})
    text = tr(plan.language, "msg:nurse_review_on",
              date=format_date(dose.review_date, plan.language))
    return [{"text": f"{text} {cite(citations)}" if citations else text}]


def _lp_check_text(plan: Plan, when) -> str:
    from ..i18n import format_date, localize_number, tr

    lang = plan.language
    return tr(lang, "msg:fhir_lp_check", date=format_date(when, lang),
              platelets=c.LP_MIN_PLATELETS_10E9_PER_L,
              inr=localize_number(f"{c.LP_MAX_INR:g}", lang),
              hours=c.LP_MIN_HOURS_AFTER_PROPHYLACTIC_LMWH)


def build_bundle(case: Case, plan: Plan, signer: Signer, source: Source,
                 recorded: datetime) -> dict:
    """The Bundle as JSON data, its Provenance without a signature yet (:func:`sign_bundle`
    adds it). ``recorded``: when the bundle is made (the Provenance's ``recorded``)."""
    from ..i18n import colon, tr

    lang = plan.language
    ex = source.export_id
    entries: list[dict] = []

    def add(key: str, resource: dict) -> str:
        full_url = _urn(ex, key)
        resource = {"resourceType": resource.pop("resourceType"),
                    "id": full_url.rsplit(":", 1)[1], **resource}
        entries.append({"fullUrl": full_url, "resource": resource})
        return full_url

    authored = _instant(source.signed_at)
    patient = add("patient", {"resourceType": "Patient", **(
        {"name": [{"text": case.patient.display_name}]} if case.patient.display_name else {})})
    practitioner = add("practitioner", {
        "resourceType": "Practitioner",
        "identifier": [{"system": REGISTRATION_SYSTEM, "value": signer.registration},
                       {"system": CERTIFICATE_SYSTEM, "value": signer.fingerprint}],
        "name": [{"text": signer.name}],
        "qualification": [{"code": {"text": signer.role}}]})
    subject = _ref(patient, case.patient.display_name)
    author = _ref(practitioner, signer.name)

    doc = build_document(plan, case)
    table = doc.first(DoseTable)
    actions = []
    for i, (dose, row) in enumerate(zip(plan.doses, table.rows if table else (), strict=True)):
        request = {
            "resourceType": "MedicationRequest",
            "status": "active" if dose.amount_mg is not None else "draft",
            "intent": "plan",
            # the first dose due now (bacterial meningitis suspected, none recorded) [2]
            **({"priority": "stat"} if dose.first_dose_now else {}),
            # the INN as the PDF prints it (the plan's language), and LeptoDesk's own code for
            # the drug, the same in every language
            "medicationCodeableConcept": {"coding": [{"system": DRUG_SYSTEM, "code": dose.drug}],
                                          "text": row.drug},
            "subject": subject, "authoredOn": authored, "requester": author,
            "dosageInstruction": [_dosage(dose, row, plan, authored)],
            "note": [{"text": row.basis},  # with its citations
                     *({"text": note} for note in row.notes),
                     *_review_note(dose, plan)],
        }
        url = add(f"dose/{i}", request)
        actions.append({"title": row.drug, "resource": _ref(url)})
    tasks = []
    lumbar = [d for d in plan.doses if d.route_code is not None
              and d.route_code.value == "intrathecal_lumbar" and d.amount_mg is not None]
    for s in plan.schedule:
        if s.checks:  # the bedside checks the nurse sheet prints before this item
            tasks.append((f"checks/{s.date}/{s.kind}", s.date,
                          f"{s.item}{colon(lang)} {'; '.join(s.checks)}", [2]))
        elif s.kind == "intrathecal_dose" and lumbar:  # a plan signed before they were listed
            tasks.append((f"lp-check/{s.date}", s.date, _lp_check_text(plan, s.date), [2]))
        if s.kind == "surveillance":
            tasks.append((f"mri/{s.date}", s.date, s.item, s.citations))
    for key, when, text, citations in tasks:
        url = add(key, {
            "resourceType": "CommunicationRequest", "status": "active",
            "category": [{"text": tr(lang, "msg:fhir_nurse_task")}],
            "subject": subject, "payload": [{"contentString": f"{text} {cite(citations)}"}],
            "occurrenceDateTime": _day(when), "authoredOn": authored, "requester": author})
        actions.append({"title": text, "resource": _ref(url)})
    group = add("request-group", {
        "resourceType": "RequestGroup", "status": "active", "intent": "plan",
        "subject": subject, "authoredOn": authored, "author": author, "action": actions})
    add("care-plan", {
        "resourceType": "CarePlan",
        "identifier": [{"system": CASE_SYSTEM, "value": plan.case_sha256}],
        "status": "active", "intent": "plan",
        "title": tr(lang, "msg:pdf_title"),
        "subject": subject, "created": authored, "author": author,
        "activity": [{"reference": _ref(group)}],
        "note": [{"text": tr(lang, "msg:fhir_content_note", version=plan.content_version,
                             sha=plan.content_sha256)}]})
    for alert in to_acknowledge(plan):
        line = alert_line(alert, lang, plan)  # its words and acknowledgement, as printed
        issue: dict[str, Any] = {
            "resourceType": "DetectedIssue", "status": "final",
            "code": {"coding": [{"system": ALERT_SYSTEM, "code": alert.ack_id}]},
            "severity": "high" if alert.severity is Severity.stop else "moderate",
            "patient": subject, "identifiedDateTime": authored, "author": author,
            "detail": line.text,
            "reference": f"{CONTENT_POLICY}{plan.content_version}"}
        ack = plan.acknowledgement_of(alert)
        if ack is not None:
            coding = [{"system": ACK_SYSTEM, "code": ack.outcome.value}]
            if ack.outcome is AckOutcome.overridden and ack.reason is not None:
                coding.append(reason_coding(ack))
            issue["mitigation"] = [{"action": {"coding": coding, "text": line.ack},
                                    "date": _instant(ack.at), "author": author}]
        add(f"alert/{alert.ack_id}", issue)
    targets = [_ref(e["fullUrl"]) for e in entries]
    add("provenance", {
        "resourceType": "Provenance", "target": targets, "recorded": _instant(recorded),
        # the exact rules that made the plan: their version and hash, as every PDF carries them
        "policy": [f"{CONTENT_POLICY}{plan.content_version}",
                   f"{CONTENT_SHA_POLICY}{plan.content_sha256}"],
        "agent": [{"type": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
            "code": "author"}]}, "who": author}],
        "entity": [{"role": "source", "what": {
            "identifier": {"system": EXPORT_SYSTEM, "value": ex},
            "display": tr(lang, "msg:fhir_source_pdf", sha=source.pdf_sha256)}}]})
    return {"resourceType": "Bundle",
            "identifier": {"system": "urn:ietf:rfc:3986", "value": _urn(ex, "bundle")},
            "meta": {"tag": [{"system": PDF_SYSTEM, "code": source.pdf_sha256}]},
            "type": "collection", "timestamp": _instant(recorded), "entry": entries}


def provenance_entry(bundle: dict) -> dict | None:
    """The bundle's LeptoDesk Provenance (the last entry), or None."""
    entries = bundle.get("entry") if isinstance(bundle, dict) else None
    if not isinstance(entries, list):
        return None
    found = [e for e in entries if isinstance(e, dict) and isinstance(e.get("resource"), dict)
             and e["resource"].get("resourceType") == "Provenance"]
    return found[0]["resource"] if len(found) == 1 else None


def sign_bundle(bundle: dict, identity, when: datetime) -> str:
    """Sign ``bundle`` in place with ``identity`` (a loaded PKCS#12): the Provenance gets its
    ``signature``, a detached JWS over the canonical JSON (RFC 8785) of the bundle as it is
    without that signature. Returns the JWS algorithm."""
    import base64

    from .jcs import canonical
    from .jws import algorithm_for, sign_detached

    provenance = provenance_entry(bundle)
    assert provenance is not None and "signature" not in provenance
    jws = sign_detached(canonical(bundle), identity.key, identity.cert)
    provenance["signature"] = [{
        "type": [AUTHOR_SIGNATURE], "when": _instant(when),
        "who": provenance["agent"][0]["who"], "targetFormat": TARGET_FORMAT,
        "sigFormat": SIG_FORMAT, "data": base64.b64encode(jws.encode("ascii")).decode("ascii")}]
    return algorithm_for(identity.key)
