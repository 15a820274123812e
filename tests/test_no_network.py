"""No network: plan, identity, export, verify, the store and a wizard start all work with socket
creation made to fail, and leave no socket of any kind open (checked in /proc, which also sees
sockets that native code such as Qt's D-Bus or accessibility bridge would open).

One local exception: pyHanko signs through ``asyncio.run``, and asyncio's event loop makes an
in-process ``socketpair()`` (AF_UNIX, never bound or connected) as its wake-up pipe, closed when
the loop closes. So the guard lets an AF_UNIX socket be created but refuses every other family,
every connect/bind/listen, name resolution and ``create_connection``.
"""

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from leptodesk.casefile import load_case_file
from leptodesk.cli import main
from tests.helpers import accept_all

from .conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
PROC_FD = Path("/proc/self/fd")


class NetworkUsed(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkUsed(f"network use attempted: {args!r}")


class _RefusingSocket(socket.socket):
    """Only an unconnected AF_UNIX socket (asyncio's wake-up socketpair) can be made."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None or family != socket.AF_UNIX:
            _refuse(family, type, proto)
        super().__init__(family, type, proto, fileno)

    def connect(self, *args):
        _refuse(*args)

    connect_ex = bind = listen = sendto = connect


def open_sockets() -> set[str]:
    """This process's socket file descriptors (any family: inet, unix, netlink)."""
    found = set()
    for fd in PROC_FD.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


@pytest.fixture
def no_network(monkeypatch):
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "create_server", "fromfd"):
        monkeypatch.setattr(socket, name, _refuse)
    monkeypatch.setattr(socket, "socket", _RefusingSocket)
    before = open_sockets() if PROC_FD.is_dir() else set()
    yield
    if PROC_FD.is_dir():
        assert open_sockets() - before == set(), "a socket was opened"


def test_the_guard_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("192.0.2.1", 80))
    with pytest.raises(NetworkUsed):
        socket.socket()
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("localhost", 80)
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    a, b = socket.socketpair()  # asyncio's wake-up pipe: local, unconnected to anything else
    with pytest.raises(NetworkUsed):
        a.connect("/run/dbus/system_bus_socket")
    a.close()
    b.close()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_plan_every_example_offline(no_network, path):
    from leptodesk.service import get_service

    plan = get_service().plan(load_case_file(path))
    assert plan.content_version
    assert main(["plan", str(path), "--format", "json"]) == 0


def test_identity_export_verify_offline(no_network, tmp_path, monkeypatch, capsys):
    from leptodesk.service import get_service
    from leptodesk.trust.identity import create_identity, create_site_root

    passphrase = b"offline passphrase"
    root = create_site_root("Offline root", tmp_path / "root.p12", passphrase)
    get_service().trust.add(root.pem_path, root.fingerprint)  # as the administrator would
    create_identity("Dr Offline", "Consultant", "REG-1", tmp_path / "id.p12", passphrase,
                    ca=tmp_path / "root.p12", ca_passphrase=passphrase)
    case = load_case_file(EXAMPLES[0])
    get_service().export(case, identity=tmp_path / "id.p12", passphrase=passphrase,
                         output=tmp_path / "plan.pdf", nurse_summary=tmp_path / "nurse.pdf",
                         acknowledgements=accept_all(case))
    verified = get_service().verify(tmp_path / "plan.pdf")
    assert verified.ok, verified.reason

    # and the same through the command line
    monkeypatch.setenv("LEPTODESK_PASSPHRASE", "another offline passphrase")
    monkeypatch.setenv("LEPTODESK_CA_PASSPHRASE", "offline passphrase")
    assert main(["identity", "create", "--name", "Dr Cli", "--role", "Registrar",
                 "--registration", "REG-2", "--ca", str(tmp_path / "root.p12"),
                 "-o", str(tmp_path / "cli.p12")]) == 0
    assert main(["export", str(EXAMPLES[-1]), "-o", str(tmp_path / "cli.pdf"), "--identity",
                 str(tmp_path / "cli.p12")]) == 0
    assert main(["verify", str(tmp_path / "cli.pdf")]) == 0
    capsys.readouterr()


def test_store_offline(no_network, capsys):
    from leptodesk.archive import open_store
    from leptodesk.service import get_service

    with open_store() as store:
        draft = store.save_draft(None, json.dumps({"patient": {"display_name": "X"}}), "X")
        assert json.loads(store.load_draft(draft)) == {"patient": {"display_name": "X"}}
    get_service().audit.record("case_created", user="Offline")
    assert main(["audit", "verify"]) == 0
    assert main(["plans", "list"]) == 0
    capsys.readouterr()


def test_self_test_offline(no_network, capsys):
    assert main(["--self-test"]) == 0
    assert "SELF-TEST PASSED" in capsys.readouterr().out


WIZARD_SCRIPT = textwrap.dedent("""
    import os, socket, sys

    def refuse(*args, **kwargs):
        raise RuntimeError(f"network use attempted: {args!r}")

    class Refusing(socket.socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None or family != socket.AF_UNIX:
                refuse(family, type, proto)
            super().__init__(family, type, proto, fileno)

        def connect(self, *args):
            refuse(*args)

        connect_ex = bind = listen = sendto = connect

    for name in ("create_connection", "getaddrinfo", "create_server"):
        setattr(socket, name, refuse)
    socket.socket = Refusing

    def sockets():
        out = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:"):
                out.add(target)
        return out

    before = sockets()
    from ui.app import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.show()
    for _ in range(5):
        app.processEvents()
    assert window.wizard.currentId() == window.wizard.startId()
    opened = sockets() - before
    window.hide()
    window.deleteLater()
    app.processEvents()
    print("OPENED", len(opened))
    sys.exit(1 if opened else 0)
""")


@pytest.mark.skipif(not PROC_FD.is_dir(), reason="needs /proc to see native sockets")
def test_wizard_start_offline(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path / "home"))
    proc = subprocess.run([sys.executable, "-c", WIZARD_SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "OPENED 0" in proc.stdout
