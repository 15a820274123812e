"""``leptodesk export``, ``verify`` and ``case extract`` (the identity and trust commands are
in ``commands/trust.py``). Every one goes through the core service (``get_service()``).

Light to import: ReportLab, pyHanko and cryptography are imported inside the handlers.
Passphrases come from ``LEPTODESK_PASSPHRASE`` (the site root's from
``LEPTODESK_CA_PASSPHRASE``), else a prompt when a terminal is attached, else exit 2.
They are never printed or logged.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import add_lang_argument, chosen_language, legacy_trust_notice

PASSPHRASE_ENV = "LEPTODESK_PASSPHRASE"
CA_PASSPHRASE_ENV = "LEPTODESK_CA_PASSPHRASE"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="sign the plan for a case and write the PDF summary")
    e.add_argument("case", metavar="CASE.json")
    e.add_argument("-o", "--output", required=True, metavar="PLAN.pdf")
    e.add_argument("--identity", required=True, metavar="ID.p12",
                   help=f"signing identity (passphrase from {PASSPHRASE_ENV} or a prompt)")
    e.add_argument("--nurse-summary", metavar="NURSE.pdf",
                   help="also write the signed one-page nurse summary (it is archived anyway)")
    e.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    e.add_argument("--force", action="store_true", help="replace existing output files")
    e.add_argument("--ack", action="append", default=[], metavar="ALERT_ID=ANSWER",
                   help="acknowledge a STOP or WARNING (one for each, required before signing): "
                   "ALERT_ID=accepted, or ALERT_ID=overridden:REASON[:comment] with REASON one "
                   "of benefit-outweighs-risk, already-addressed, not-applicable-to-this-patient, "
                   "other (other needs a comment)")
    add_lang_argument(e, "both summaries (recorded in them and in the audit log)")
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("verify", help="check a signed plan or nurse summary: exit 0 only on "
                       "PASS")
    v.add_argument("pdf", metavar="PLAN.pdf")
    v.add_argument("--trust", action="append", default=[], metavar="ROOT.pem",
                   help="also trust this site root certificate for this check only "
                   "(repeatable; to trust it for good use 'leptodesk trust add')")
    add_lang_argument(v, "the printed verdict lines (the exit status is the same)")
    v.set_defaults(func=cmd_verify)

    ce = sub.add_parser("case", help="read the case out of a signed plan")
    csub = ce.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    cx = csub.add_parser("extract", help="verify a signed plan, then write its signed case")
    cx.add_argument("pdf", metavar="PLAN.pdf")
    cx.add_argument("-o", "--output", required=True, metavar="CASE.json")
    cx.add_argument("--force", action="store_true", help="replace an existing file")
    add_lang_argument(cx, "the verdict and the messages")
    cx.set_defaults(func=cmd_case_extract)


def read_passphrase(prompt: str, env: str = PASSPHRASE_ENV, confirm: bool = False,
                    lang: str = "en") -> bytes:
    """From ``env``, else asked for in a terminal; the messages in ``lang`` (``prompt`` is
    given in it by the caller)."""
    from ..i18n import tr
    from . import UsageError

    value = os.environ.get(env)
    if value:
        return value.encode("utf-8")
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(tr(lang, "msg:passphrase_none", env=env))
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(tr(lang, "msg:passphrase_repeat")) != first:
        raise UsageError(tr(lang, "msg:passphrase_differ"))
    if not first:
        raise UsageError(tr(lang, "msg:passphrase_empty"))
    return first.encode("utf-8")


def cmd_export(args: argparse.Namespace) -> int:
    from ..errors import ExportError, OutputRefused
    from ..i18n import tr
    from ..service import AckError, get_service
    from . import UsageError

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is read
    service = get_service()
    case = service.cases.load_file(args.case)
    identity = Path(args.identity)
    if not identity.is_file():
        raise UsageError(tr(lang, "msg:export_no_identity", path=identity))
    try:  # every STOP and WARNING answered, before any passphrase is asked for
        answers = [service.acks.parse(text) for text in args.ack]
        service.acks.check(service.plan(case, lang=lang), answers)
    except AckError as exc:
        raise UsageError(exc.text_in(lang)) from None
    try:
        # Output paths first: a refused path is said before the passphrase is asked for.
        service.check_export_outputs(
            Path(args.output), Path(args.nurse_summary) if args.nurse_summary else None,
            identity=identity, case_path=Path(args.case), force=args.force)
        passphrase = read_passphrase(tr(lang, "msg:passphrase_prompt", name=identity.name),
                                     lang=lang)
        result = service.export(
            case, identity=identity, passphrase=passphrase, output=Path(args.output),
            nurse_summary=Path(args.nurse_summary) if args.nurse_summary else None,
            page_size=args.page_size, force=args.force, case_path=Path(args.case),
            lang=lang, acknowledgements=answers)
    except (OutputRefused, AckError, *service.trust.refusals) as exc:
        raise UsageError(exc.text_in(lang)) from None
    except ExportError as exc:  # a step failed: which, and what to do, in the language
        print(f"leptodesk: {exc.text_in(lang)}", file=sys.stderr)
        return 1
    print(tr(lang, "msg:export_signed", path=result.pdf_path, signer=result.signer_name,
             when=result.signed_at.isoformat(timespec="seconds")))
    if result.queued:  # the ward server could not be reached: signing did not wait
        print(tr(lang, "msg:export_queued", where=get_service().archive.where()))
    else:
        print(tr(lang, "msg:export_archived", export_id=result.export_id,
                 archive_id=result.archive_id))
    for note in result.notes:
        print(f"leptodesk: {note}", file=sys.stderr)
    print(tr(lang, "msg:export_check_code", code=result.check_code))
    print(tr(lang, "msg:export_pdf_sha", sha=result.pdf_sha256))
    if result.nurse_path:
        print(tr(lang, "msg:export_nurse", path=result.nurse_path, sha=result.nurse_sha256))
    if result.self_issued:
        print(tr(lang, "msg:export_self_issued"), file=sys.stderr)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service
    from . import UsageError

    lang = chosen_language(args)
    source = Path(args.pdf)
    service = get_service()
    data = service.read_pdf(source)  # a FIFO, device or huge file: refused unread (exit 1)
    try:
        result = service.verify(data, [Path(t) for t in args.trust])
    except service.trust.refusals as exc:
        raise UsageError(exc.text_in(lang)) from None
    print(tr(lang, "msg:verify_file", path=source))
    for line in result.lines(lang):
        print(line)
    if not any(k and k[0] == "trust_legacy_ignored" for k in result.note_keys):
        legacy_trust_notice(lang)  # said once: in the verdict's notes, or here
    return 0 if result.ok else 1


def cmd_case_extract(args: argparse.Namespace) -> int:
    from ..errors import OutputRefused
    from ..i18n import tr
    from ..service import Refused, get_service
    from . import UsageError

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is read
    source = Path(args.pdf)
    out = Path(args.output)
    try:
        opened = get_service().extract_case(source, out, force=args.force)
    except OutputRefused as exc:
        raise UsageError(exc.text_in(lang)) from None
    except Refused as exc:
        print("leptodesk: " + tr(lang, "msg:refused_file", path=source,
                                 reason=exc.text_in(lang)), file=sys.stderr)
        if exc.verdict is not None:
            for line in exc.verdict.lines(lang):
                print(f"  {line}", file=sys.stderr)
        return 1
    print(opened.verdict.headline_in(lang))
    for line in opened.verdict.vouch_lines_in(lang):  # who vouches for the signer; notes
        print(line)
    print(tr(lang, "msg:case_extracted", export_id=opened.verdict.export_id, path=out))
    return 0
