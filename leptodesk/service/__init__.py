"""The one front door into the core: every front end (wizard, command line, Plans window,
Verify dialog, print, self-test) asks :class:`Service`, never the modules behind it.

One service per process and data folder (:func:`get_service`). It owns the guideline content
and the site's defaults, the archive and the trust anchors, and answers ``plan``, ``export``,
``verify``, ``open_signed``, ``import_signed`` and ``fhir_export``, with its rooms in Anki's
manner: ``service.cases``, ``service.drafts``, ``service.plans``, ``service.audit``,
``service.archive``, ``service.acks`` and ``service.trust``. Because there is one object, the
plan on the review page is the plan that is signed, and a PDF has one verdict everywhere.

This package is light to import (the wizard's settings ask for the data folder before its
first page): the door itself (``door.py``), its parts (``signing.py``, ``verifying.py``,
``fhir.py``), its rooms (``rooms.py``, ``cases.py``, ``acks.py``) and its answers
(``results.py``) load when first named.
"""

from __future__ import annotations

import threading
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..archive import DraftInfo, PlanInfo, Store  # noqa: F401 - for front ends' hints
    from ..pdf.verdict import VerifyResult  # noqa: F401
    from .acks import AckAnswer, AckError  # noqa: F401
    from .door import Service
    from .results import (  # noqa: F401
        FhirExport,
        ImportResult,
        NoNurseSummary,
        Refused,
        SignedPlan,
    )
    from .rooms import AnchorRefused, BadCode  # noqa: F401

# Where each name of the door lives; loaded when first asked for (PEP 562).
_LAZY = {
    "Service": "door",
    "SignedPlan": "results", "ImportResult": "results", "Refused": "results",
    "FhirExport": "results", "NoNurseSummary": "results",
    "AnchorRefused": "rooms", "BadCode": "rooms",
    "AckAnswer": "acks", "AckError": "acks",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def data_folder() -> Path:
    """The data folder of this process (``LEPTODESK_HOME``, else the platform's user data
    folder): where the service keeps its archive, drafts and the site's values, and the
    wizard its settings."""
    from ..site import data_dir

    return data_dir()


def resource_path(*parts: str) -> Path:
    """A file that ships beside the code, under ``resources/`` (fonts, translations, the
    guideline content), in a checkout or inside the bundle."""
    from ..resources import resource_path as under_resources

    return under_resources(*parts)


def examples_dir() -> Path:
    """The bundled example case files."""
    from ..resources import examples_dir as bundled

    return bundled()


def no_core_dumps() -> None:
    """No core dump of this process from now on (it is about to hold a private key or a
    passphrase)."""
    from ..fileio import no_core_dumps as off

    off()


def workstation_user() -> str:
    """Who acts at this workstation (the operating-system account), for audit rows."""
    from ..archive.records import workstation_user as user  # the archive loads on first use

    return user()


_services: dict[Path, Service] = {}
_services_lock = threading.Lock()


def get_service(folder: Path | None = None) -> Service:
    """The process's service for the data folder (``LEPTODESK_HOME`` or the platform's)."""
    key = Path(folder) if folder is not None else data_folder()
    with _services_lock:
        service = _services.get(key)
        if service is None:
            from .door import Service

            service = _services[key] = Service(key)
        return service


def reset_services() -> None:
    """Close and forget every service (tests that change the data folder or its files)."""
    with _services_lock:
        services = list(_services.values())
        _services.clear()
    for service in services:
        service.close()
