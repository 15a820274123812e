"""Export is one transaction (DESIGN "Reliability"): SIGKILL at random moments of `leptodesk
export`, at least 50 times, and then every signed PDF on disk is archived (with its nurse
summary) and audited, the audit chain verifies, the store is whole, and no file is half-written.

Each export runs in its own process, imports done before the clock starts (a driver waits for
"go"), so the kills land inside planning, signing, archiving and writing rather than in Python's
start-up. The next process starts while the current one runs. The subprocess timeouts are hang
guards, not measurements.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from leptodesk.archive import DB_NAME, open_store
from tests.helpers import ack_args

from .conftest import ROOT

PASS = "correct horse battery"
CASE = ROOT / "examples" / "malignant-her2-good-prognosis.json"
KILLS = 50

# A zygote: imports everything once, then forks one child per export, so each SIGKILL lands in
# the export itself (planning, signing, archiving, writing) and not in Python's start-up.
ZYGOTE = textwrap.dedent("""
    import os, sys
    from leptodesk.cli import main
    import leptodesk.export, leptodesk.pdf.sign, leptodesk.pdf.render, leptodesk.trust.identity
    import leptodesk.pdf.verify, leptodesk.clinical, leptodesk.archive, leptodesk.casefile
    print("ready", flush=True)
    for line in sys.stdin:
        cmd, *args = line.rstrip("\\n").split("\\t")
        if cmd == "go":
            pid = os.fork()
            if pid == 0:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os._exit(main(args))
            print(pid, flush=True)
        elif cmd == "wait":
            _, status = os.waitpid(int(args[0]), 0)
            print(status, flush=True)
""")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Zygote:
    def __init__(self, env):
        self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        line = self.proc.stdout.readline()
        assert line.strip() == b"ready", self.proc.stderr.read()

    def ask(self, *words: str) -> int:
        self.proc.stdin.write(("\t".join(words) + "\n").encode())
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline())

    def export(self, out_dir, i) -> int:
        return self.ask("go", "export", str(CASE), "-o",
                        str(out_dir / f"plan-{i}.pdf"), "--identity",
                        str(out_dir.parent / "id.p12"), "--nurse-summary",
                        str(out_dir / f"nurse-{i}.pdf"), *ack_args(CASE))

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)
        self.proc.stdout.close()
        self.proc.stderr.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_export_never_leaves_an_unrecorded_signed_pdf(tmp_path, monkeypatch):
    home = tmp_path / "home"
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LEPTODESK_HOME": str(home),
           "LEPTODESK_PASSPHRASE": PASS}
    monkeypatch.setenv("LEPTODESK_HOME", str(home))
    env["LEPTODESK_CA_PASSPHRASE"] = PASS
    for args in (["create-site-root", "--name", "Kill test root", "-o", str(tmp_path / "root.p12")],
                 ["create", "--name", "Dr Kill", "--role", "Consultant", "--registration", "K-1",
                  "--ca", str(tmp_path / "root.p12"), "-o", str(tmp_path / "id.p12")]):
        made = subprocess.run([sys.executable, "-m", "leptodesk", "identity", *args], env=env,
                              capture_output=True, timeout=120)
        assert made.returncode == 0, made.stderr
    from leptodesk.cli import main
    from leptodesk.trust.identity import fingerprint, read_certificates

    root_pem = tmp_path / "root.pem"  # granted by the administrator (tests run as root)
    assert main(["trust", "add", str(root_pem), "--fingerprint",
                 fingerprint(read_certificates(root_pem)[0])]) == 0

    zygote = Zygote(env)
    # One export to the end: how long the work takes once imported (and a complete pair).
    began = time.monotonic()
    status = zygote.ask("wait", str(zygote.export(out_dir, 0)))
    duration = time.monotonic() - began
    assert os.waitstatus_to_exitcode(status) == 0

    rng = random.Random(20261125)
    kills = 0
    for i in range(1, 10 * KILLS):
        pid = zygote.export(out_dir, i)
        time.sleep(rng.uniform(0, duration * 1.2))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - reaped only by the zygote's wait
            pass
        status = zygote.ask("wait", str(pid))
        if os.WIFSIGNALED(status):
            kills += 1
        else:
            assert os.waitstatus_to_exitcode(status) == 0
        if kills >= KILLS:
            break
    zygote.close()
    assert kills >= KILLS

    files = sorted(p for p in out_dir.iterdir() if not p.name.startswith("."))
    plans = {p: p.read_bytes() for p in files if p.name.startswith("plan-")}
    nurses = {p: p.read_bytes() for p in files if p.name.startswith("nurse-")}
    assert plans, "not one export finished"

    db = sqlite3.connect(home / DB_NAME)
    archived = {row[0]: (bytes(row[1]), row[2] and bytes(row[2])) for row in db.execute(
        "SELECT pdf_sha256, pdf, nurse_pdf FROM plans")}
    audited = {}
    for event, pdf_sha in db.execute("SELECT event, pdf_sha256 FROM audit"):
        audited.setdefault(pdf_sha, set()).add(event)
    db.close()

    from leptodesk.service import get_service

    for path, data in plans.items():
        digest = sha(data)
        assert get_service().verify(data).ok, f"{path.name} is not a whole, verifying signed PDF"
        assert digest in archived, f"{path.name} is signed but not archived"
        assert archived[digest][0] == data
        assert {"plan_signed", "plan_exported"} <= audited.get(digest, set()), \
            f"{path.name} is signed but not audited"
    for path, data in nurses.items():
        plan = path.with_name(path.name.replace("nurse-", "plan-"))
        assert plan in plans, f"{path.name} without its signed plan"
        assert archived[sha(plans[plan])][1] == data, f"{path.name} is not the archived one"
    with open_store() as store:
        assert store.integrity_check() == "ok"
        report = store.verify_audit()
        assert report.ok, report.reason
