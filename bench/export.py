"""Signed PDF export against a bare baseline, in the same run (budget: 1.5x).

Ours: ``Service.export`` for one example, the whole transaction: PKCS#12 opened, plan, the
clinician summary (embedded case and plan, PAdES B-B certification signature with the visible
stamp) and the nurse summary (certification signature), both signed in memory, archived with
their audit rows in one SQLite transaction, then both files written.
Baseline (DESIGN "Performance budgets"): the same PKCS#12 loaded with pyHanko, the same pages
built with bare ReportLab (every text line of our clinician and nurse pages, read back with
pypdf, one Paragraph each in ReportLab's sample Normal style: the same words typeset, without
our tables, styles and layout), and the same number of bare
pyHanko signatures (two: PAdES subfilter, SHA-256, ECDSA, invisible field), with
``bytes_reserved`` given, as LeptoDesk does, so that pyHanko does not make a second, dry-run
signature to size the field. pyHanko's defaults (no
``bytes_reserved``, adbe.pkcs7.detached) are also timed and printed for reference, not used for
the ratio: they sign twice. So is a baseline of one word per page (what this script used
before: it left out the cost of typesetting the plan at all).
Medians over repetitions, alternating them so that machine noise hits all alike.
The last line is machine-readable: RESULT {json}.

    python bench/export.py [--example tuberculous-adult] [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

from _common import bench_signer, machine_line

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.5


def page_texts(pdf: Path) -> list[list[str]]:
    """The text lines of each page of one of our PDFs: what a bare build typesets too."""
    from pypdf import PdfReader

    return [[line for line in (page.extract_text() or "").splitlines() if line.strip()]
            for page in PdfReader(pdf).pages]


def bare_reportlab(pages: int | list[list[str]]) -> bytes:
    """``pages`` pages with bare ReportLab: the same pages' text lines (one Paragraph each,
    the sample Normal style), or, given a count, one word per page (for reference only)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    texts = [[f"Page {i + 1}"] for i in range(pages)] if isinstance(pages, int) else pages
    story = []
    for i, lines in enumerate(texts):
        if i:
            story.append(PageBreak())
        story += [Paragraph(escape(line), style) for line in lines]
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def bare_sign(pdf: bytes, signer) -> bytes:
    """One PAdES ECDSA signature, the kind ``export_signed`` makes, without its extras."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name="Signature", subfilter=SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    certs = {c.dump() for c in (signer.signing_cert, *signer.cert_registry)}
    reserved = 2 * (3072 + sum(len(c) for c in certs))  # as leptodesk.pdf.sign sizes it
    return signers.PdfSigner(meta, signer=signer).sign_pdf(
        writer, bytes_reserved=reserved).getvalue()


def bare_sign_pyhanko_defaults(pdf: bytes, signer) -> bytes:
    """pyHanko's one-liner: sizes the field with a dry-run signature first (signs twice)."""
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

    work, service, identity, passphrase = bench_signer()
    from pyhanko.sign import signers
    from pypdf import PdfReader

    from leptodesk.casefile import load_case_file

    case = load_case_file(ROOT / "examples" / f"{args.example}.json")
    out = work / "plan.pdf"
    nurse = work / "nurse.pdf"

    from leptodesk.acknowledge import AckAnswer, AckOutcome, to_acknowledge

    answers = [AckAnswer(a.ack_id, AckOutcome.accepted)
               for a in to_acknowledge(service.plan(case))]

    def ours() -> None:
        service.export(case, identity=identity, passphrase=passphrase, output=out,
                       nurse_summary=nurse, force=True, acknowledgements=answers)

    ours()  # warm: imports, font registration, the stamp font made once per installation
    assert service.verify(out, record=False).ok and service.verify(nurse, record=False).ok
    plan_pages, nurse_pages = len(PdfReader(out).pages), len(PdfReader(nurse).pages)
    pages = plan_pages + nurse_pages
    p12 = identity.read_bytes()

    def load():
        return signers.SimpleSigner.load_pkcs12_data(p12, [], passphrase=passphrase)

    plan_text, nurse_text = page_texts(out), page_texts(nurse)

    def baseline() -> None:
        signer = load()
        bare_sign(bare_reportlab(plan_text), signer)
        bare_sign(bare_reportlab(nurse_text), signer)

    def baseline_empty_pages() -> None:
        signer = load()
        bare_sign(bare_reportlab(plan_pages), signer)
        bare_sign(bare_reportlab(nurse_pages), signer)

    def baseline_defaults() -> None:
        signer = load()
        bare_sign_pyhanko_defaults(bare_reportlab(plan_text), signer)
        bare_sign_pyhanko_defaults(bare_reportlab(nurse_text), signer)

    runs = ((ours, []), (baseline, []), (baseline_empty_pages, []), (baseline_defaults, []))
    for fn, _ in runs:
        fn()
    for _ in range(args.repeat):
        for fn, bucket in runs:
            t0 = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - t0)
    m_ours, m_base, m_empty, m_defaults = (statistics.median(t) * 1000 for _, t in runs)
    ratio = m_ours / m_base
    print(machine_line())
    print(f"example: {args.example} ({plan_pages} + {nurse_pages} pages), repetitions: "
          f"{args.repeat}")
    print(f"baseline (PKCS#12 load + bare ReportLab building the same {plan_pages} + "
          f"{nurse_pages} pages' text + two bare pyHanko PAdES ECDSA signatures): "
          f"{m_base:.1f} ms median")
    print(f"signed export (Service.export: both PDFs signed, archived, written): "
          f"{m_ours:.1f} ms median")
    print(f"ratio: {ratio:.2f}x (budget {BUDGET}x) -> {'OK' if ratio <= BUDGET else 'OVER'}")
    print(f"for reference, not the budget: the same with one word per page instead of the "
          f"pages' text: {m_empty:.1f} ms median, ratio {m_ours / m_empty:.2f}x")
    print(f"for reference, not the budget: bare ReportLab + pyHanko's defaults (dry-run sizing "
          f"signature, adbe.pkcs7.detached): {m_defaults:.1f} ms median, "
          f"ratio {m_ours / m_defaults:.2f}x")
    print("RESULT " + json.dumps({
        "name": "export", "unit": "ms", "value": round(m_ours, 1), "baseline": round(m_base, 1),
        "ratio": round(ratio, 3), "budget": BUDGET, "budget_kind": "ratio",
        "example": args.example, "pages": pages, "plan_pages": plan_pages,
        "nurse_pages": nurse_pages, "repeat": args.repeat,
        "baseline_pyhanko_defaults": round(m_defaults, 1),
        "baseline_one_word_pages": round(m_empty, 1)}))
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
