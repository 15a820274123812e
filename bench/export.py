"""Signed PDF export against a bare baseline, in the same run (budget: 1.5x).

Ours: ``export_signed`` for one example (plan, clinician summary, embedded case and plan,
PKCS#12 opened, PAdES B-B signature with the visible stamp, file written).
Baseline: a bare ReportLab document with the same number of pages plus a bare pyHanko ECDSA
P-256 signature (invisible field, key already in memory).
Medians over repetitions, alternating the two so that machine noise hits both alike.

    python bench/export.py [--example tuberculous-adult] [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.5


def bare_reportlab(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    story = []
    for i in range(pages):
        if i:
            story.append(PageBreak())
        story.append(Paragraph(f"Page {i + 1}", style))
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def bare_sign(pdf: bytes, signer) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name="Signature")
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--example", default="tuberculous-adult")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="leptodesk-bench-"))
    os.environ["LEPTODESK_HOME"] = str(work / "home")
    from pyhanko.sign import signers
    from pypdf import PdfReader

    from leptodesk.casefile import load_case_file
    from leptodesk.export import export_signed
    from leptodesk.pdf.identity import create_identity

    passphrase = b"benchmark passphrase"
    created = create_identity("Dr Bench", "Consultant", "B-1", work / "id.p12", passphrase)
    case = load_case_file(ROOT / "examples" / f"{args.example}.json")
    out = work / "plan.pdf"

    def ours() -> None:
        export_signed(case, identity=created.p12_path, passphrase=passphrase, output=out)

    ours()  # warm: imports, font registration, the stamp font made once per installation
    pages = len(PdfReader(out).pages)
    signer = signers.SimpleSigner.load_pkcs12_data(created.p12_path.read_bytes(), [],
                                                   passphrase=passphrase)

    def baseline() -> None:
        bare_sign(bare_reportlab(pages), signer)

    baseline()
    ours_t, base_t = [], []
    for _ in range(args.repeat):
        for fn, bucket in ((ours, ours_t), (baseline, base_t)):
            t0 = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - t0)
    m_ours, m_base = statistics.median(ours_t) * 1000, statistics.median(base_t) * 1000
    ratio = m_ours / m_base
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"machine: {platform.machine()}, {cpu}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print(f"example: {args.example} ({pages} pages), repetitions: {args.repeat}")
    print(f"baseline (bare ReportLab {pages} pages + bare pyHanko ECDSA signature): "
          f"{m_base:.1f} ms median")
    print(f"signed export (export_signed): {m_ours:.1f} ms median")
    print(f"ratio: {ratio:.2f}x (budget {BUDGET}x) -> {'OK' if ratio <= BUDGET else 'OVER'}")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
