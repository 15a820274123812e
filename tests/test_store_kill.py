"""A draft survives the app being killed at any moment (SIGKILL mid-save, many times)."""

import json
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from leptodesk.archive import DB_NAME, Store
from leptodesk.casefile import load_case_text
from tests.conftest import ROOT, example_data

# Saves the same draft in a loop, a counter inside the case, and reports each committed value.
WRITER = textwrap.dedent("""
    import json, sys
    from leptodesk.archive import Store
    path, draft_id, start = sys.argv[1], sys.argv[2], int(sys.argv[3])
    case = json.loads(sys.stdin.readline())
    store = Store(path)
    print("ready", flush=True)
    i = start
    while True:
        i += 1
        case["lp"]["wbc_per_ul"] = i
        case["patient"]["display_name"] = f"Kill test {i}"
        store.save_draft(draft_id, json.dumps(case, indent=2), f"Kill test {i}")
        if i % 3 == 0:
            store.append_event("case_created", detail={"i": i})
        sys.stdout.write(f"{i}\\n")
        sys.stdout.flush()
""")

ITERATIONS = 30


def _read_lines(proc, deadline):
    """Lines the writer has printed so far (without blocking past ``deadline``)."""
    lines = []
    buf = b""
    fd = proc.stdout.fileno()
    while True:
        timeout = max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
    lines = buf.decode().splitlines()
    return lines


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_save_never_loses_a_committed_draft(tmp_path):
    path = tmp_path / DB_NAME
    rng = random.Random(20261124)
    case = example_data("malignant-her2-good-prognosis")
    case.setdefault("lp", {})
    case.setdefault("patient", {})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    last_committed = 0
    kills_mid_run = 0
    started = time.monotonic()
    for _ in range(ITERATIONS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "kill-draft",
                                 str(last_committed)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        proc.stdin.write((json.dumps(case) + "\n").encode())
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == b"ready", proc.stderr.read()
        time.sleep(rng.uniform(0.0, 0.12))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        # Everything the child printed was committed before it printed it.
        reported = [int(x) for x in _read_lines(proc, time.monotonic() + 0.5) if x.strip()]
        proc.stdout.close()
        proc.stderr.close()
        proc.stdin.close()
        if reported:
            kills_mid_run += 1
            last_committed = max(last_committed, reported[-1])
        with Store(path) as store:
            assert store.integrity_check() == "ok"
            text = store.load_draft("kill-draft") if last_committed else None
            if text is not None:
                loaded = load_case_text(text)
                assert loaded.lp.wbc_per_ul >= last_committed
                assert loaded.patient.display_name == f"Kill test {loaded.lp.wbc_per_ul}"
                last_committed = loaded.lp.wbc_per_ul
                [info] = store.list_drafts()
                assert info.display_name == loaded.patient.display_name
            assert store.verify_audit().ok
    elapsed = time.monotonic() - started
    assert kills_mid_run >= ITERATIONS // 2, "the writer was killed before it saved anything"
    assert last_committed > ITERATIONS
    print(f"{ITERATIONS} kills in {elapsed:.1f}s; {last_committed} saves committed")
