"""Where the files that ship beside the code are: ``resources/`` and the bundled ``examples/``.

From a source checkout (or an editable install) they sit at the top of the repository; inside
the PyInstaller bundle they sit in ``sys._MEIPASS`` (build.spec puts them there under the same
names). ``LEPTODESK_RESOURCES`` overrides the folder that holds both, for unusual installs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder holding ``resources/`` and ``examples/``."""
    override = os.environ.get("LEPTODESK_RESOURCES")
    if override:
        return Path(override)
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A path under ``resources/``, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return base_dir().joinpath("resources", *parts)


def examples_dir() -> Path:
    """The bundled example case files (the self-test plans every one of them)."""
    return base_dir() / "examples"
