"""``store check`` and ``audit verify`` at 20,000 archived plans (budget: under 10 s each), now
that both re-hash every archived PDF and audit verify reads the anchor inside each one.

The store is filled through the archive's own ``archive_export`` (each plan with its
plan_signed row, so the chain and its anchors are what an export makes), with stand-in signed
PDFs of realistic shape (a byte range, a signature blob, the anchor in the signed revision) and
``--kib`` KiB each (clinician) plus half that (nurse). The figure to judge is the wall time of
each command in a fresh process; the MB hashed per second is printed so a site can scale it to
its own PDFs' size.

    .venv/bin/python bench/store_check.py [--plans 20000] [--kib 24] [--runs 3] [--home DIR]

``--home DIR`` keeps the filled data folder there (filled once, reused by later runs).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import machine_line, result  # noqa: E402

BUDGET_S = 10.0


def stand_in(n: int, kib: int, seq: int, digest: str) -> bytes:
    head = (f"%PDF-1.7 plan {n}\n/Keywords (document=clinician; export_id=e-{n}; "
            f"audit_seq={seq}; audit_hash={digest})\n/ByteRange [0 AAAA BBBB CCCC]\n"
            "/Contents <").encode()
    cms = bytes([0x30, 0x03, 0x02, 0x01, n % 100]).hex().encode() + b"0" * 64
    body = os.urandom(kib * 1024 // 2).hex().encode()[:kib * 1024]
    tail = b">\n" + body + b"\n%%EOF\n"
    b, c = len(head) - 1, len(head) + len(cms) + 1
    total = c + len(tail) - 1
    head = head.replace(b"AAAA BBBB CCCC", f"{b} {c} {total - c}".encode().ljust(14))
    return head + cms + tail


def fill(n: int, kib: int) -> int:
    from leptodesk.archive import open_store

    store = open_store()
    store._conn.execute("PRAGMA synchronous = OFF")  # the fill only; the checks run as shipped
    hashed = 0
    for i in range(n):
        head = store.audit_head()
        pdf = stand_in(i, kib, head.seq, head.hash)
        nurse = pdf[: len(pdf) // 2]
        hashed += len(pdf) + len(nurse)
        store.archive_export(
            pdf, nurse, display_name=f"Bed {i % 40}", pathway="tuberculous", signer="Dr Bench",
            signed_at="2026-12-07T09:00:00+00:00", content_version="v", case_sha256=f"{i:064x}",
            export_id=f"e-{i}", audit_seq=head.seq, audit_hash=head.hash,
            events=[dict(event="plan_signed", user="Dr Bench", case_sha256=f"{i:064x}",
                         pdf_sha256=hashlib.sha256(pdf).hexdigest())])
    store.close()
    return hashed


def timed(*args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "leptodesk", *args], cwd=ROOT,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - t0
    if done.returncode:
        raise SystemExit(done.stdout + done.stderr)
    return seconds, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20_000)
    parser.add_argument("--kib", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home", type=Path, default=None)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="leptodesk-bench-check-"))
    os.environ["LEPTODESK_HOME"] = str(home)
    filled = home / "filled.txt"
    if filled.exists():
        hashed = int(filled.read_text().split()[1])
    else:
        home.mkdir(parents=True, exist_ok=True)
        hashed = fill(args.plans, args.kib)
        filled.write_text(f"{args.plans} {hashed}\n")
    checks, verifies, bares, loads = [], [], [], []
    for _ in range(args.runs):  # each round: the three commands back to back
        loads.append(os.getloadavg()[0])
        checks.append(timed("store", "check")[0])
        seconds, out = timed("audit", "verify")
        verifies.append(seconds)
        bares.append(timed("--version")[0])
    check_s, verify_s, bare_s = (statistics.median(x) for x in (checks, verifies, bares))
    mib = hashed / (1024 * 1024)
    print(machine_line())
    print(f"archived plans: {args.plans}; PDFs {mib:.0f} MiB in all; {args.runs} rounds, "
          f"1-minute load at each: {', '.join(f'{x:.1f}' for x in loads)}")
    print(f"store check:  median {check_s:.2f} s, worst {max(checks):.2f} s "
          f"(budget {BUDGET_S:.0f} s)")
    print(f"audit verify: median {verify_s:.2f} s, worst {max(verifies):.2f} s "
          f"(budget {BUDGET_S:.0f} s): {out.strip()[:80]}")
    print(f"bare: leptodesk --version: median {bare_s:.2f} s")
    ok = max(checks) < BUDGET_S and max(verifies) < BUDGET_S
    print(f"-> {'within' if ok else 'OVER'}")
    result(name="store_check", unit="s", value=round(check_s, 2), worst=round(max(checks), 2),
           baseline=round(bare_s, 2), ratio=round(check_s / bare_s, 2), budget=BUDGET_S,
           budget_kind="absolute", audit_verify_s=round(verify_s, 2),
           audit_verify_worst_s=round(max(verifies), 2), plans=args.plans,
           pdf_mib=round(mib), hashed_mib_per_s=round(mib / check_s, 1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
