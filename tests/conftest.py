import json
import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the machine's system trust folder (/etc/leptodesk/trust), not even in a module- or
# session-scoped fixture that runs before a test's own folder is set (_isolated_home).
os.environ["LEPTODESK_TRUST_DIR"] = os.path.join(
    tempfile.mkdtemp(prefix="leptodesk-test-trust-"), "trust")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep every test off the real data folder and settings."""
    home = tmp_path_factory.mktemp("leptodesk-home")
    monkeypatch.setenv("LEPTODESK_HOME", str(home))
    # The system trust folder (anchors and revocation lists, root's only): a fresh one per
    # test, never the machine's /etc/leptodesk/trust. Tests run as root (here and in CI), so
    # pytest's 0700 folder passes the administrator-only checks as /etc/leptodesk would.
    monkeypatch.setenv("LEPTODESK_TRUST_DIR", str(tmp_path_factory.mktemp("trust") / "trust"))
    monkeypatch.delenv("LEPTODESK_PASSPHRASE", raising=False)
    # The command line's default language comes from the locale: English for every test
    # unless a test sets another (tests/test_i18n.py).
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from leptodesk.service import reset_services

    reset_services()
    yield home
    reset_services()


def example_data(name: str) -> dict:
    return json.loads((ROOT / "examples" / f"{name}.json").read_text())


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL for the whole run (tests/pg_server.py); skipped, saying why, only
    where its binaries are not installed (CI installs them: tools/bootstrap.sh)."""
    from .pg_server import PgServer, binaries

    if binaries() is None:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql; "
                    "tools/bootstrap.sh installs it)")
    server = PgServer().start()
    yield server
    server.cleanup()


@pytest.fixture
def ward_url(pg_server):
    """An empty ward database, set up with 'leptodesk archive init'."""
    from leptodesk.archive.postgres import init_schema

    url = pg_server.new_database()
    init_schema(url)
    return url
