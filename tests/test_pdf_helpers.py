"""Shared fixtures for the signed PDF tests: identities are made once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leptodesk.casefile import load_case_file
from leptodesk.site import data_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
PASS = b"correct horse battery"
ACCENTED = "Dr Zoë Ångström-Müller"


@pytest.fixture(scope="session")
def identities(tmp_path_factory):
    """A site root, an identity it issued (accented name) and a self-signed identity."""
    from leptodesk.pdf.identity import create_identity, create_site_root

    folder = tmp_path_factory.mktemp("identities")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEPTODESK_HOME", str(folder / "home"))
        root = create_site_root("Hôpital Site Root", folder / "root.p12", PASS)
        issued = create_identity(ACCENTED, "Consultant neurologist", "GMC 7654321",
                                 folder / "issued.p12", PASS, ca=root.p12_path,
                                 ca_passphrase=PASS)
        selfsigned = create_identity("Dr Self Signed", "Registrar", "REG-1",
                                     folder / "self.p12", PASS)
    return {"root": root, "issued": issued, "self": selfsigned, "folder": folder}


def trust(cert_pem: Path) -> None:
    """Trust a certificate on this (per-test) installation, as identity create does."""
    target = data_dir() / "trust" / "identities"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(cert_pem, target / cert_pem.name)


def example_case(stem: str):
    return load_case_file(ROOT / "examples" / f"{stem}.json")
