"""``leptodesk plans list|export``, ``leptodesk audit list|verify``, ``leptodesk store
check|backup``.

Light to import: the SQLite store is imported inside the command functions. A StoreError is an
OSError, so the command line prints its message and exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from . import add_lang_argument, chosen_language

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    plans = sub.add_parser("plans", help="list, export or import signed plans (the archive)")
    plans_sub = plans.add_subparsers(dest="plans_command", metavar="ACTION", required=True)
    pl = plans_sub.add_parser("list", help="list archived signed plans, newest first")
    pl.add_argument("--patient", help="part of the patient's display name")
    pl.add_argument("--date", help="signed on this day (YYYY-MM-DD)")
    pl.add_argument("--from", dest="date_from", help="signed on or after (YYYY-MM-DD)")
    pl.add_argument("--to", dest="date_to", help="signed on or before (YYYY-MM-DD)")
    pl.add_argument("--format", choices=("text", "json"), default="text")
    add_lang_argument(pl, "the messages and the text listing's heading (JSON is the same)")
    pl.set_defaults(func=cmd_plans_list)
    pe = plans_sub.add_parser("export", help="write an archived signed plan to a PDF file")
    pe.add_argument("id", metavar="ID", help="the plan's archive id (see 'plans list')")
    pe.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    pe.add_argument("--nurse-summary", action="store_true",
                    help="write the archived signed nurse summary instead of the signed plan")
    pe.add_argument("--force", action="store_true", help="replace an existing file")
    add_lang_argument(pe, "the verdict and the messages")
    pe.set_defaults(func=cmd_plans_export)
    pi = plans_sub.add_parser("import", help="verify a plan signed on another workstation "
                              "(and its nurse summary), then archive it here")
    pi.add_argument("pdf", metavar="PLAN.pdf")
    pi.add_argument("nurse", metavar="NURSE.pdf", nargs="?")
    add_lang_argument(pi, "the verdict and the messages")
    pi.set_defaults(func=cmd_plans_import)

    audit = sub.add_parser("audit", help="show or check the hash-chained audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    al = audit_sub.add_parser("list", help="print the audit log")
    al.add_argument("--last", type=int, metavar="N", help="only the last N rows")
    al.add_argument("--format", choices=("text", "json"), default="text")
    add_lang_argument(al, "the messages (the rows and JSON are the same)")
    al.set_defaults(func=cmd_audit_list)
    av = audit_sub.add_parser("verify", help="check the audit log's hash chain against the "
                              "signed plans' anchors (exit 1 if broken)")
    av.add_argument("pdfs", nargs="*", metavar="PLAN.pdf",
                    help="also check against the audit head these signed plans of this "
                    "workstation carry (copies that left it: the anchor no one can rewrite)")
    add_lang_argument(av, "the result (the exit status is the same)")
    av.set_defaults(func=cmd_audit_verify)

    st = sub.add_parser("store", help="check or back up the local store (for administrators)")
    st_sub = st.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    sc = st_sub.add_parser("check", help="SQLite's full integrity check, the schema version and "
                           "the audit log (exit 1 if anything fails)")
    add_lang_argument(sc, "the steps and their results (ok/FAIL and the exit status are the "
                      "same)")
    sc.set_defaults(func=cmd_store_check)
    sb = st_sub.add_parser("backup", help="a consistent copy of the store while it is in use "
                           "(SQLite's online backup API); never overwrites a file")
    sb.add_argument("file", metavar="FILE")
    add_lang_argument(sb, "the messages")
    sb.set_defaults(func=cmd_store_backup)


def _usage(message: str) -> Exception:
    from . import UsageError

    return UsageError(message)


def _date(value: str | None, option: str, lang: str) -> str | None:
    if value is not None and not _DATE.match(value):
        from ..i18n import tr

        raise _usage(tr(lang, "msg:plans_bad_date", option=option, value=repr(value)))
    return value


def cmd_plans_list(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..store import open_store

    lang = chosen_language(args)  # an unknown language: exit 2 before the store is opened
    date_from = _date(args.date_from, "--from", lang)
    date_to = _date(args.date_to, "--to", lang)
    if args.date:
        date_from = date_to = _date(args.date, "--date", lang)
    with open_store() as store:
        plans = store.list_plans(patient=args.patient, date_from=date_from, date_to=date_to)
    if args.format == "json":
        print(json.dumps([p.__dict__ for p in plans], indent=2))
        return 0
    if not plans:
        print(tr(lang, "msg:plans_list_none"))
        return 0
    from ..textsafe import printable

    col = {name: tr(lang, f"msg:plans_col_{name}")
           for name in ("id", "signed", "patient", "pathway", "signer")}
    print(f"{col['id']:>5}  {col['signed']:25}  {col['patient']:24}  {col['pathway']:28}  "
          f"{col['signer']}")
    for p in plans:  # names escaped before they are cut to the column: no forged rows
        print(f"{p.id:>5}  {printable(p.signed_at)[:25]:25}  "
              f"{printable(p.display_name or '-')[:24]:24}  "
              f"{printable(p.pathway)[:28]:28}  {printable(p.signer, 80)}")
    return 0


def cmd_plans_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..export import OutputRefused, check_outputs, write_outputs
    from ..i18n import tr
    from ..service import NoNurseSummary, get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is done
    try:
        plan_id = int(args.id)
    except ValueError:
        raise _usage(tr(lang, "msg:plans_bad_id", value=repr(args.id))) from None
    service = get_service()
    try:
        check_outputs([Path(args.output)], protected=[service.store_path], force=args.force)
    except OutputRefused as exc:
        raise _usage(exc.text_in(lang)) from None
    try:
        result, data = service.verify_archived(plan_id, nurse=args.nurse_summary)
    except KeyError:
        print("leptodesk: " + tr(lang, "msg:plans_no_such_id", id=plan_id), file=sys.stderr)
        return 1
    except NoNurseSummary as exc:
        print(f"leptodesk: {exc.text_in(lang)}", file=sys.stderr)
        return 1
    write_outputs([(Path(args.output), data)])
    print(tr(lang, "msg:plans_wrote", path=args.output))
    print(result.lines(lang)[0])
    return 0 if result.ok else 1


def cmd_plans_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..i18n import tr
    from ..service import Refused, get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is read
    try:
        imported = get_service().import_signed(Path(args.pdf),
                                               Path(args.nurse) if args.nurse else None)
    except Refused as exc:
        print(f"leptodesk: {exc.text_in(lang)}", file=sys.stderr)
        if exc.verdict is not None:
            for line in exc.verdict.lines(lang):
                print(f"  {line}", file=sys.stderr)
        return 1
    v = imported.verdict
    print(v.lines(lang)[0])
    if imported.already_archived:
        print(tr(lang, "msg:plans_already", id=imported.archive_id))
    else:
        key = "plans_imported_nurse" if imported.nurse_verdict else "plans_imported_no_nurse"
        print(tr(lang, f"msg:{key}", export_id=v.export_id, signer=v.signer,
                 id=imported.archive_id))
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..store import open_store

    lang = chosen_language(args)
    with open_store() as store:
        rows = store.list_events(limit=args.last)
    if args.format == "json":
        print(json.dumps([r.__dict__ for r in rows], indent=2))
        return 0
    if not rows:
        print(tr(lang, "msg:audit_list_empty"))
        return 0
    for r in rows:
        parts = [f"{r.seq:>6}", r.at, f"{r.event:16}", f"user={r.user or '-'}"]
        if r.case_sha256:
            parts.append(f"case={r.case_sha256[:16]}")
        if r.pdf_sha256:
            parts.append(f"pdf={r.pdf_sha256[:16]}")
        if r.detail:
            parts.append(json.dumps(r.detail, sort_keys=True, ensure_ascii=False))
        print("  ".join(parts))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from ..errors import Count, Phrase
    from ..i18n import tr
    from ..store import AuditAnchor, open_store

    lang = chosen_language(args)
    extra: list[tuple[str, AuditAnchor]] = []
    if args.pdfs:
        from pathlib import Path

        from ..service import get_service

        for name in args.pdfs:
            result = get_service().verify(Path(name))  # OSError: exit 1 naming the file
            seq, digest = getattr(result, "audit_seq", None), getattr(result, "audit_hash", None)
            if not result.ok:
                raise _usage(tr(lang, "msg:audit_pdf_fails", name=name,
                                reason=result.reason_in(lang)))
            if seq is None or not digest:
                raise _usage(tr(lang, "msg:audit_pdf_no_head", name=name))
            extra.append((Phrase("audit_what_pdf", name=name),
                          AuditAnchor(int(seq), str(digest))))
    with open_store() as store:
        report = store.verify_audit(extra)
    if report.ok:
        print(tr(lang, "msg:audit_intact", rows=Count("count_rows", report.rows),
                 anchors=Count("count_anchors", report.anchors)))
        return 0
    if report.broken_seq:
        print(tr(lang, "msg:audit_broken_at", seq=report.broken_seq,
                 reason=report.reason_in(lang)), file=sys.stderr)
    else:
        print(tr(lang, "msg:audit_broken", reason=report.reason_in(lang)), file=sys.stderr)
    return 1


def cmd_store_check(args: argparse.Namespace) -> int:
    from ..i18n import colon, tr
    from ..store import StoreError, open_store
    from ..textsafe import in_lang

    lang = chosen_language(args)
    try:
        with open_store() as store:
            print(tr(lang, "msg:store_check_store", path=store.path))
            steps = store.check()
    except StoreError as exc:  # refused on open: say why, the store is left as it is
        print(tr(lang, "msg:store_check_open_failed", error=exc.text_in(lang)), file=sys.stderr)
        return 1
    for what, ok, detail in steps:  # ok/FAIL are the same words in every language
        print(f"{'ok  ' if ok else 'FAIL'}  {in_lang(what, lang)}{colon(lang)} "
              f"{in_lang(detail, lang)}")
    return 0 if all(ok for _, ok, _ in steps) else 1


def cmd_store_backup(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..store import open_store

    lang = chosen_language(args)
    with open_store() as store:
        dest = store.backup(args.file)
    print(tr(lang, "msg:store_backed_up", path=store.path, dest=dest))
    return 0
