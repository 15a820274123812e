"""The verdict on a signed plan against the signature check alone, in the same run (no budget).

Ours: ``Service.verify`` on a signed clinician summary (Example C, its STOP and WARNING
answered), not recorded in the audit log: the signature, the signer's trust and the archive
record, then the signed plan read from the signed revision and its acknowledgements bound to
its alerts (``acknowledge.binding_problems``).
Baseline: the same signature check alone, ``leptodesk.pdf.verify.verify`` with the same judge
of the signer and the same archive lookup (what ``Service.verify`` did before the
acknowledgements were checked). Rounds alternate the two; the ratio is the median of the rounds'
ratios. The last line is machine-readable: RESULT {json}.

    python bench/verify.py [--example bacterial-child-sepsis] [--rounds 41]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import bench_signer, machine_line, paired_ratio, result  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--example", default="bacterial-child-sepsis")
    parser.add_argument("--rounds", type=int, default=41)
    args = parser.parse_args()

    work, service, identity, passphrase = bench_signer()
    from leptodesk.acknowledge import AckAnswer, AckOutcome, to_acknowledge
    from leptodesk.casefile import load_case_file
    from leptodesk.pdf.verify import verify

    case = load_case_file(ROOT / "examples" / f"{args.example}.json")
    answers = [AckAnswer(a.ack_id, AckOutcome.accepted)
               for a in to_acknowledge(service.plan(case))]
    signed = service.export(case, identity=identity, passphrase=passphrase,
                            output=work / "plan.pdf", acknowledgements=answers)
    data = signed.pdf_path.read_bytes()

    def judge(cert, signing_time, others, now):
        return service.trust.check_signer(cert, signing_time, others=others, now=now)

    def ours() -> None:
        assert service.verify(data, record=False).ok

    def bare() -> None:
        assert verify(data, judge, service._archive_record).ok

    for _ in range(3):  # warm: imports, the archive opened
        ours()
        bare()
    mine, base = [], []
    for i in range(args.rounds):
        for fn, out in ((ours, mine), (bare, base)) if i % 2 else ((bare, base), (ours, mine)):
            started = time.perf_counter()
            fn()
            out.append((time.perf_counter() - started) * 1000)
    ratio, low, high = paired_ratio(mine, base)
    print(machine_line())
    print(f"{args.example}: {len(answers)} acknowledgements; {args.rounds} rounds")
    print(f"Service.verify: median {statistics.median(mine):.1f} ms; signature check alone: "
          f"median {statistics.median(base):.1f} ms; ratio {ratio:.3f} (quartiles {low:.3f}-"
          f"{high:.3f})")
    result(name="verify", unit="ms", value=round(statistics.median(mine), 2),
           baseline=round(statistics.median(base), 2), ratio=round(ratio, 3),
           ratio_quartiles=[round(low, 3), round(high, 3)], budget=None, rounds=args.rounds,
           example=args.example)
    return 0


if __name__ == "__main__":
    sys.exit(main())
