"""Signing identities now live in :mod:`leptodesk.trust.identity` (DESIGN "The shape": keys and
who may sign belong to ``leptodesk/trust/``). These names stay here for the front ends that
still import them until they ask ``service.trust`` (pyproject.toml's import contracts list
them); the core imports ``leptodesk.trust.identity`` itself.
"""

from __future__ import annotations

from ..trust.identity import (  # noqa: F401 - re-exported
    BadSubject,
    Created,
    IdentityError,
    LoadedIdentity,
    SignerDetails,
    WrongPassphrase,
    check_subject,
    create_identity,
    create_site_root,
    fingerprint,
    is_ca,
    is_self_issued,
    load_identity,
    normalise_fingerprint,
    read_certificates,
    rekey,
    root_certificate,
    signer_details,
)
