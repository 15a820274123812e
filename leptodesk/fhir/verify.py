"""One verdict on a LeptoDesk FHIR bundle: PASS, or FAIL with the reason in plain words.

PASS means what it means for a PDF: the bundle's canonical JSON (RFC 8785) without the
Provenance's signature is exactly what the signer signed (detached JWS), the Provenance names
every other resource, the Practitioner is the certificate's holder, and the certificate passes
the same trust rules as a PDF's signer (:func:`signer_trust`: an end-entity certificate for
signatures, issued directly by a site root trusted here, valid at the signing time, which is
not in the future). A tenfold dose, a removed alert or a changed name fails it.

Callers use ``leptodesk.service.Service.fhir_verify``.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..pdf.verdict import SignedVerdict, verdict_lines
from .bundle import (
    CASE_SYSTEM,
    CERTIFICATE_SYSTEM,
    CONTENT_POLICY,
    CONTENT_SHA_POLICY,
    EXPORT_SYSTEM,
    REGISTRATION_SYSTEM,
    SIG_FORMAT,
)

if TYPE_CHECKING:
    from cryptography import x509

    from ..trust.rules import SignerVerdict

MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class BundleVerdict(SignedVerdict):
    reason_key: str
    reason_params: Mapping[str, object] = field(default_factory=dict)
    bundle_sha256: str = ""
    algorithm: str | None = None
    # What the trust check says beside a PASS (a message key and its values each), as a PDF's.
    notes: tuple[tuple[str, Mapping[str, object]], ...] = ()

    def reason_in(self, lang: str) -> str:
        """Why, in ``lang``: for a PASS who signed it and when (local time), as a PDF's."""
        from ..i18n import format_date, tr

        if self.passed and self.signing_time is not None:
            local = self.signing_time.astimezone()  # the workstation's local time
            return tr(lang, "msg:fhir_ok", signer=self.signer or tr(lang, "msg:verify_none"),
                      date=format_date(local.date(), lang), time=f"{local:%H:%M}")
        if self.passed:
            return tr(lang, "msg:verify_ok")
        return tr(lang, f"msg:{self.reason_key}", **self.reason_params)

    @property
    def headline(self) -> str:
        return self.headline_in("en")

    def root_line_in(self, lang: str) -> str | None:
        """The site root that vouches for the signer and its fingerprint (the PDF verdict's
        words); for a signer no trusted root issued, its issuer as the certificate names it
        (the bundle carries only the signer's certificate)."""
        from ..i18n import tr

        if self.root_name and self.root_fingerprint:
            key = "verify_root_this_check" if self.root_for_this_check_only else \
                "verify_root_granted"
            return tr(lang, f"msg:{key}", root=self.root_name, fingerprint=self.root_fingerprint)
        return tr(lang, "msg:verify_root_none", issuer=self.issuer) if self.issuer else None

    def lines(self, lang: str = "en") -> list[str]:
        """A PDF's verdict's lines, labels and order (``pdf.verdict.verdict_lines`` writes
        both): the verdict word in ``lang``, the site root with its fingerprint, the signing
        time and on what it rests, the bundle's hash, the notes."""
        from ..i18n import tr

        def t(key: str, **fields: object) -> str:
            return tr(lang, f"msg:{key}", **fields)

        return verdict_lines(
            self, lang, document=t("fhir_document", export_id=self.export_id)
            if self.export_id else t("verify_doc_none"),
            # only the signer's word: no archive holds bundles
            time_basis=t("fhir_basis_claim"),
            tail=[t("fhir_bundle_sha", value=self.bundle_sha256)],
            notes=[t(key, **params) for key, params in self.notes])


def signer_trust(cert: x509.Certificate, anchors: Any, at: datetime,
                 now: datetime) -> SignerVerdict:
    """Whether ``cert`` may sign at ``at``: the verdict (``ok``, else a ``verify_fail_*`` key
    and its values), the site root that issued it, and its notes beside a PASS.

    The PDF verdict's rules exactly: ``anchors`` is the workstation's judge,
    ``(cert, at, now) -> leptodesk.trust.rules.SignerVerdict`` (``service.trust.check_signer``:
    the granted site roots, their revocation lists, the chain rules), or a list of root
    certificates judged by the same rules for this check only.
    """
    if callable(anchors):
        return anchors(cert, at, now)
    from ..trust.folder import anchor_of
    from ..trust.rules import judge_signer

    return judge_signer(cert, at, anchors=[anchor_of(c, None) for c in anchors], now=now)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key given twice")
    return dict(pairs)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _identifier(items: Any, system: str) -> str | None:
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict) and item.get("system") == system:
            return item.get("value") if isinstance(item.get("value"), str) else None
    return None


def _policy(provenance: dict, prefix: str) -> str | None:
    """The Provenance's policy URI that starts with ``prefix``, without it (None if none)."""
    policies = provenance.get("policy")
    return next((p[len(prefix):] for p in policies if isinstance(p, str) and
                 p.startswith(prefix)), None) if isinstance(policies, list) else None


def _practitioner(resource: dict) -> tuple[Any, ...]:
    """What the bundle says of its Practitioner: the certificate fingerprint, registration,
    name and role, each of which must be the signing certificate's (a signer cannot name
    someone else in a bundle that verifies as theirs)."""
    def first_text(items: Any, key: str | None = None) -> Any:
        item = items[0] if isinstance(items, list) and items else None
        if key is not None and isinstance(item, dict):
            item = item.get(key)
        return item.get("text") if isinstance(item, dict) else None

    return (_identifier(resource.get("identifier"), CERTIFICATE_SYSTEM),
            _identifier(resource.get("identifier"), REGISTRATION_SYSTEM),
            first_text(resource.get("name")), first_text(resource.get("qualification"), "code"))


def verify_bundle(data: bytes, anchors: Any, now: datetime | None = None) -> BundleVerdict:
    """The verdict on a bundle's bytes; ``anchors`` as for :func:`signer_trust`. Never
    raises."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        return _verify(data, digest, anchors, now or datetime.now(UTC))
    except Exception as exc:  # noqa: BLE001 - last resort: a verdict, never a traceback
        return BundleVerdict(False, "fhir_fail_unreadable", {"error": type(exc).__name__},
                             digest)


def _verify(data: bytes, digest: str, anchors: Any, now: datetime) -> BundleVerdict:
    from ..pdf.verify import _name
    from ..trust.identity import fingerprint, signer_details
    from .jcs import canonical
    from .jws import JwsError, verify_detached

    def fail(key: str, params: Mapping[str, object] | None = None, **facts) -> BundleVerdict:
        return BundleVerdict(False, key, dict(params or {}), digest, **facts)

    if len(data) > MAX_BYTES:
        return fail("fhir_fail_unreadable", {"error": f"over {MAX_BYTES} bytes"})
    try:
        bundle = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates,
                            parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        return fail("fhir_fail_unreadable", {"error": str(exc)[:80]})
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        return fail("fhir_fail_unreadable", {"error": "not a FHIR Bundle"})
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and isinstance(e.get("resource"), dict) for e in entries):
        return fail("fhir_fail_unreadable", {"error": "no entries"})
    signed = [i for i, e in enumerate(entries) if e["resource"].get("resourceType") ==
              "Provenance" and isinstance(e["resource"].get("signature"), list)]
    if len(signed) != 1:
        return fail("fhir_fail_no_signature")
    index = signed[0]
    provenance = entries[index]["resource"]
    signatures = provenance["signature"]
    if len(signatures) != 1 or not isinstance(signatures[0], dict) or \
            signatures[0].get("sigFormat") != SIG_FORMAT:
        return fail("fhir_fail_no_signature")
    try:
        jws = base64.b64decode(signatures[0]["data"], validate=True).decode("ascii")
    except (KeyError, TypeError, ValueError, binascii.Error, UnicodeDecodeError):
        return fail("fhir_fail_unreadable", {"error": "signature data"})
    unsigned = copy.deepcopy(bundle)
    del unsigned["entry"][index]["resource"]["signature"]
    try:
        header, cert = verify_detached(jws, canonical(unsigned))
    except JwsError as exc:
        return fail(exc.key, exc.params)
    details = signer_details(cert)
    by_type: dict[str, list[dict]] = {}
    for e in entries:
        by_type.setdefault(e["resource"].get("resourceType"), []).append(e["resource"])
    care_plans = by_type.get("CarePlan", [])
    facts: dict[str, Any] = dict(
        signer=details.name, signer_role=details.role,
        signer_registration=details.registration, issuer=_name(cert, "issuer"),
        signer_fingerprint=fingerprint(cert), algorithm=header.get("alg"),
        export_id=_identifier([(provenance.get("entity") or [{}])[0].get("what", {})
                               .get("identifier")], EXPORT_SYSTEM)
        if isinstance(provenance.get("entity"), list) and provenance["entity"] else None,
        case_sha256=_identifier(care_plans[0].get("identifier"), CASE_SYSTEM)
        if care_plans else None,
        content_version=_policy(provenance, CONTENT_POLICY),
        content_sha256=_policy(provenance, CONTENT_SHA_POLICY))
    try:
        recorded = datetime.fromisoformat(provenance["recorded"])
        if recorded.tzinfo is None:
            raise ValueError("no time zone")
    except (KeyError, TypeError, ValueError):
        return fail("verify_fail_no_time", **facts)
    facts["signing_time"] = recorded
    others = {e.get("fullUrl") for i, e in enumerate(entries) if i != index}
    targets = {t.get("reference") for t in provenance.get("target") or ()
               if isinstance(t, dict)}
    if targets != others or None in others:
        return fail("fhir_fail_targets", **facts)
    practitioners = by_type.get("Practitioner", [])
    if len(practitioners) != 1 or _practitioner(practitioners[0]) != (
            fingerprint(cert), details.registration, details.name, details.role):
        return fail("fhir_fail_practitioner", **facts)
    signer = signer_trust(cert, anchors, recorded, now)
    if signer.anchor is not None:
        facts.update(root_name=signer.anchor.name, root_fingerprint=signer.anchor.fingerprint,
                     root_for_this_check_only=signer.anchor.for_this_check_only)
    if not signer.ok:
        return fail(signer.key, signer.params, **facts)
    return BundleVerdict(True, "verify_ok", {}, digest,
                         notes=tuple((k, dict(p)) for k, p in signer.notes), **facts)
