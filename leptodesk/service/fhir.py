"""``service.fhir_export`` and ``service.fhir_verify``: the signed FHIR R4 bundle of a plan
that verifies, and the one verdict on a bundle (the same trust anchors and rules as a PDF's)."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .results import FhirExport

if TYPE_CHECKING:
    from ..fhir.verify import BundleVerdict


class Fhir:
    """The door's FHIR (a part of :class:`~leptodesk.service.Service`)."""

    def check_fhir_output(self, pdf: Path | bytes, output: Path, *, identity: Path,
                          force: bool = False) -> None:
        """Refuse a bundle path (``OutputRefused``) that would overwrite the plan, the
        identity, its certificate, the store, a folder, a device or an existing file (unless
        ``force``). ``fhir_export`` checks it itself; a front end asks first to refuse before a
        passphrase is typed."""
        from ..export import check_outputs

        source = [] if isinstance(pdf, bytes | bytearray) else [Path(pdf)]
        check_outputs([Path(output)], protected=[*source, Path(identity), Path(
            identity).with_suffix(".pem"), self.store_path], force=force)

    def fhir_export(self, pdf: Path | bytes, *, identity: Path, passphrase: bytes,
                    output: Path, force: bool = False,
                    now: datetime | None = None) -> FhirExport:
        """The signed FHIR R4 bundle of a plan that verifies, written to ``output``.

        Raises ``OutputRefused`` (a bad output path, before anything is read), ``Refused``
        with the PDF's verdict (it does not verify, as a plan whose acknowledgements are not
        each the answer to its alert does not; or is a nurse summary: nothing written) or
        with the new bundle's (it would not verify: a signer who left or whose certificate
        expired since signing the plan; nothing written), ``IdentityError`` (a wrong
        passphrase; an identity that did not sign this plan).
        """
        import hashlib
        import json

        from ..export import write_outputs
        from ..fhir.bundle import Signer, Source, build_bundle, sign_bundle
        from ..fhir.verify import verify_bundle
        from ..trust.identity import IdentityError, fingerprint, load_identity
        from .results import _refused

        output = Path(output)
        self.check_fhir_output(pdf, output, identity=identity, force=force)
        # Refused: exit 1, nothing written; also for a plan whose acknowledgements would not
        # each be the answer to its DetectedIssue (verify fails it)
        opened = self.open_signed(pdf)
        loaded = load_identity(Path(identity), passphrase)
        if fingerprint(loaded.cert) != opened.verdict.signer_fingerprint:
            raise IdentityError.keyed("fhir_not_signer", path=identity,
                                      signer=opened.verdict.signer)
        v = opened.verdict
        when = (now or datetime.now()).astimezone().replace(microsecond=0)
        bundle = build_bundle(
            opened.case, opened.plan,
            Signer(v.signer or "", v.signer_role or "", v.signer_registration or "",
                   v.signer_fingerprint or ""),
            Source(v.export_id or "", v.pdf_sha256, v.signing_time), when)
        alg = sign_bundle(bundle, loaded, when)
        data = (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        # The bundle is signed now, the plan maybe long ago: a signer who has left since, or
        # whose certificate has expired, signs a bundle that would FAIL. Never write one.
        checked = verify_bundle(data, self._bundle_judge)
        if not checked.ok:
            raise _refused("fhir_bundle_fails", checked)
        sha = hashlib.sha256(data).hexdigest()
        notes: list[str | None] = []

        def record_exported() -> None:  # written, not yet in place (as a signed PDF's export)
            notes.append(self.audit_or_note(
                "fhir_exported", user=v.signer or "", case_sha256=v.case_sha256,
                pdf_sha256=v.pdf_sha256,
                detail={"export_id": v.export_id, "bundle_sha256": sha,
                        "resources": len(bundle["entry"]), "algorithm": alg}))

        write_outputs([(output, data)], before_placing=record_exported)
        return FhirExport(output, sha, len(bundle["entry"]), v.signer or "", alg, notes[0])

    def _bundle_judge(self, cert, at, now, extra=()):
        """The PDF's signer check (``leptodesk.trust.check_signer``) for a bundle's signer;
        ``extra``: site roots trusted for this check only."""
        return self.trust.check_signer(cert, at, extra=extra, now=now)

    def fhir_verify(self, source: Path | bytes, extra_trust: list[Path] | tuple[Path, ...] = (),
                    *, record: bool = True) -> BundleVerdict:
        """The one verdict on a FHIR bundle (the same trust anchors and rules as a PDF's).
        ``extra_trust``: site root certificates to trust for this check only, as ``verify
        --trust`` (the verdict says so; a clinician's own certificate is refused with
        ``IdentityError``). ``OSError`` when the file cannot be read; ``InvalidInput`` for a
        FIFO, a device or a file over 16 MiB (nothing read)."""
        from ..casefile import read_limited
        from ..fhir.verify import MAX_BYTES, verify_bundle
        from ..trust.identity import root_certificate

        extra = [root_certificate(Path(p)) for p in extra_trust]

        # A FIFO or device is refused unread (InvalidInput), as for case files.
        data = bytes(source) if isinstance(source, bytes | bytearray) else \
            read_limited(source, MAX_BYTES, "a FHIR bundle")

        result = verify_bundle(data, partial(self._bundle_judge, extra=extra))
        if record:
            self.audit_or_note("fhir_verified", case_sha256=result.case_sha256,
                               detail={"verdict": result.verdict, "reason": result.reason_key,
                                       "export_id": result.export_id,
                                       "bundle_sha256": result.bundle_sha256})
        return result
