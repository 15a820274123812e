"""The plan as a signed FHIR R4 bundle for the hospital's record system, so that it reaches
the patient's record as structured data a receiver can check, not only as a PDF.

``bundle`` builds the Bundle (FHIR R4 4.0.1) from the plan and case that a verified PDF
carries: Patient (display name only), Practitioner (from the signer certificate), CarePlan ->
RequestGroup -> one MedicationRequest per dose, CommunicationRequest for the nurse's tasks,
DetectedIssue per STOP and WARNING (with the acknowledgements as ``mitigation``) and a
Provenance whose ``signature`` is a detached JWS over the canonical JSON (RFC 8785, ``jcs``)
of the bundle without that signature (``jws``). ``verify`` checks a bundle with the same trust
rules as a PDF. Front ends reach all of it through ``leptodesk.service.Service``
(``fhir_export``, ``fhir_verify``). No Qt here.
"""
