import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep every test off the real data folder and settings."""
    home = tmp_path_factory.mktemp("leptodesk-home")
    monkeypatch.setenv("LEPTODESK_HOME", str(home))
    monkeypatch.delenv("LEPTODESK_PASSPHRASE", raising=False)
    from leptodesk.service import reset_services

    reset_services()
    yield home
    reset_services()


def example_data(name: str) -> dict:
    return json.loads((ROOT / "examples" / f"{name}.json").read_text())
