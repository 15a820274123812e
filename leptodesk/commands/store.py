"""``leptodesk plans list|find|export|import``, ``leptodesk audit list|verify``,
``leptodesk store check|backup``, ``leptodesk archive init|sync|migrate``.

Every command asks the service (``service.plans``, ``service.audit``, ``service.archive``):
none opens the archive or decides a verdict itself. Light to import. A StoreError is an
OSError, so the command line prints its message and exits 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from . import action, chosen_language, command_group

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    plans = command_group(sub, "plans", "list, export or import signed plans (the archive)")
    pl = action(plans, "list", cmd_plans_list, help="list archived signed plans, newest first",
                lang="the messages and the text listing's heading (JSON is the same)")
    pl.add_argument("--patient", help="part of the patient's display name")
    pl.add_argument("--date", help="signed on this day (YYYY-MM-DD)")
    pl.add_argument("--from", dest="date_from", help="signed on or after (YYYY-MM-DD)")
    pl.add_argument("--to", dest="date_to", help="signed on or before (YYYY-MM-DD)")
    pl.add_argument("--format", choices=("text", "json"), default="text")
    pf = action(plans, "find", cmd_plans_find, help="find the archived signed original of a "
                "printed page by its check code (XXXX-XXXX), with its verdict",
                lang="the verdict and the messages")
    pf.add_argument("code", metavar="CODE")
    pe = action(plans, "export", cmd_plans_export,
                help="write an archived signed plan to a PDF file",
                lang="the verdict and the messages")
    pe.add_argument("id", metavar="ID", help="the plan's archive id (see 'plans list')")
    pe.add_argument("-o", "--output", metavar="FILE.pdf", required=True)
    pe.add_argument("--nurse-summary", action="store_true",
                    help="write the archived signed nurse summary instead of the signed plan")
    pe.add_argument("--force", action="store_true", help="replace an existing file")
    pi = action(plans, "import", cmd_plans_import, help="verify a plan signed on another "
                "workstation (and its nurse summary), then archive it here",
                lang="the verdict and the messages")
    pi.add_argument("pdf", metavar="PLAN.pdf")
    pi.add_argument("nurse", metavar="NURSE.pdf", nargs="?")

    audit = command_group(sub, "audit", "show or check the hash-chained audit log")
    al = action(audit, "list", cmd_audit_list, help="print the audit log",
                lang="the messages (the rows and JSON are the same)")
    al.add_argument("--last", type=int, metavar="N", help="only the last N rows")
    al.add_argument("--format", choices=("text", "json"), default="text")
    av = action(audit, "verify", cmd_audit_verify, help="check the audit log's hash chain "
                "against the signed plans' anchors (exit 1 if broken)",
                lang="the result (the exit status is the same)")
    av.add_argument("pdfs", nargs="*", metavar="PLAN.pdf",
                    help="also check against the audit head these signed plans of this "
                    "workstation carry (copies that left it: the anchor no one can rewrite)")

    store = command_group(sub, "store", "check or back up the local store (for administrators)")
    action(store, "check", cmd_store_check, help="SQLite's full integrity check, the schema "
           "version and the audit log (exit 1 if anything fails)",
           lang="the steps and their results (ok/FAIL and the exit status are the same)")
    sb = action(store, "backup", cmd_store_backup, help="a consistent copy of the store while "
                "it is in use (SQLite's online backup API); never overwrites a file",
                lang="the messages")
    sb.add_argument("file", metavar="FILE")

    archive = command_group(sub, "archive", "the ward archive (PostgreSQL): set up, send the "
                            "outbox, move a workstation's plans in (for administrators)")
    ai = action(archive, "init", cmd_archive_init, help="create or upgrade the ward database's "
                "schema (once per ward database; a newer schema is refused)", lang="the messages")
    ai.add_argument("--url", help="the ward database (default: the site's archive_url)")
    action(archive, "sync", cmd_archive_sync,
           help="send plans signed while the ward server was down", lang="the messages")
    am = action(archive, "migrate", cmd_archive_migrate, help="move this workstation's signed "
                "plans into the ward database (checked first; safe to run again)",
                lang="the messages")
    am.add_argument("--to", required=True, metavar="URL", help="the ward database")


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
    from ..service import get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before the store is opened
    date_from = _date(args.date_from, "--from", lang)
    date_to = _date(args.date_to, "--to", lang)
    if args.date:
        date_from = date_to = _date(args.date, "--date", lang)
    service = get_service()
    _sync_quietly(service)
    plans = service.plans.list(patient=args.patient, date_from=date_from, date_to=date_to)
    if args.format == "json":
        print(json.dumps([_plan_json(p) for p in plans], indent=2))
        return 0
    if not plans:
        print(tr(lang, "msg:plans_list_none"))
        return 0
    _print_plans(plans, lang)
    return 0


def _plan_json(p) -> dict:
    return {**p.__dict__, "check_code": p.check_code}


def _sync_quietly(service) -> None:
    """Send what the outbox holds first (a plan signed here while the ward server was down
    belongs in the list); a server still down changes nothing here."""
    try:
        service.sync()
    except OSError:
        pass


def _print_plans(plans, lang: str) -> None:
    from ..i18n import tr
    from ..service import get_service

    col = {name: tr(lang, f"msg:plans_col_{name}")
           for name in ("id", "signed", "patient", "pathway", "signer")}
    print(f"{col['id']:>5}  {col['signed']:25}  {col['patient']:24}  {col['pathway']:28}  "
          f"{col['signer']}")
    # Names escaped before they are cut to the column: no forged rows.
    for plan_id, signed, patient, pathway, signer in get_service().plans.listing(plans):
        print(f"{plan_id:>5}  {signed[:25]:25}  {patient[:24]:24}  {pathway[:28]:28}  "
              f"{signer}")


def cmd_plans_find(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import BadCode, get_service

    lang = chosen_language(args)
    service = get_service()
    _sync_quietly(service)
    try:
        found = service.plans.find(args.code)
    except BadCode as exc:  # exit 2, the reason in the language
        raise _usage(exc.text_in(lang)) from None
    if not found:
        print("leptodesk: " + tr(lang, "msg:plans_code_none", code=args.code.strip()[:40]),
              file=sys.stderr)
        return 1
    worst = 0
    for p in found:
        print(tr(lang, "msg:plans_found", id=p.id, code=p.check_code))
        _print_plans([p], lang)
        result, _data = service.plans.verify(p.id)
        for line in result.lines(lang):
            print(f"  {line}")
        worst = max(worst, 0 if result.ok else 1)
    return worst


def cmd_plans_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..errors import OutputRefused
    from ..i18n import tr
    from ..service import NoNurseSummary, get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is done
    try:
        plan_id = int(args.id)
    except ValueError:
        raise _usage(tr(lang, "msg:plans_bad_id", value=repr(args.id))) from None
    service = get_service()
    try:
        result = service.plans.export_copy(plan_id, Path(args.output),
                                           nurse=args.nurse_summary, force=args.force)
    except OutputRefused as exc:
        raise _usage(exc.text_in(lang)) from None
    except KeyError:
        print("leptodesk: " + tr(lang, "msg:plans_no_such_id", id=plan_id), file=sys.stderr)
        return 1
    except NoNurseSummary as exc:
        print(f"leptodesk: {exc.text_in(lang)}", file=sys.stderr)
        return 1
    if not result.ok:  # checked before writing: a damaged or altered PDF is never written
        print(result.lines(lang)[0])
        print("leptodesk: " + tr(lang, "msg:plans_not_written", path=args.output),
              file=sys.stderr)
        return 1
    print(tr(lang, "msg:plans_wrote", path=args.output))
    print(result.lines(lang)[0])
    for note in result.notes_in(lang):
        print(f"leptodesk: {note}", file=sys.stderr)
    return 0


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
    for line in v.vouch_lines_in(lang):  # who vouches for the signer; notes
        print(line)
    if imported.already_archived:
        print(tr(lang, "msg:plans_already", id=imported.archive_id))
    else:
        key = "plans_imported_nurse" if imported.nurse_verdict else "plans_imported_no_nurse"
        print(tr(lang, f"msg:{key}", export_id=v.export_id, signer=v.signer,
                 id=imported.archive_id))
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    rows = get_service().audit.list(limit=args.last)
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
    from pathlib import Path

    from ..errors import Count
    from ..i18n import tr
    from ..service import AnchorRefused, get_service

    lang = chosen_language(args)
    try:
        report = get_service().audit.verify([Path(name) for name in args.pdfs])
    except AnchorRefused as exc:
        raise _usage(exc.text_in(lang)) from None
    if report.ok:
        print(tr(lang, "msg:audit_intact", rows=Count("count_rows", report.rows),
                 anchors=Count("count_anchors", report.anchors)))
        _audit_notes(report, lang)
        return 0
    if report.broken_seq:
        print(tr(lang, "msg:audit_broken_at", seq=report.broken_seq,
                 reason=report.reason_in(lang)), file=sys.stderr)
    else:
        print(tr(lang, "msg:audit_broken", reason=report.reason_in(lang)), file=sys.stderr)
    return 1


def _audit_notes(report, lang: str) -> None:
    """On the ward archive, that the rows' times are the server's clock; rows whose time goes
    backwards (flagged, not a break: a clock can be set back; the chain still holds)."""
    from ..i18n import tr

    if report.clock == "ward server":
        print(tr(lang, "msg:audit_clock_server"))
    if report.backward:
        rows = ", ".join(str(seq) for seq in report.backward[:20])
        print(tr(lang, "msg:audit_backward", rows=rows))


def cmd_store_check(args: argparse.Namespace) -> int:
    from ..errors import KeyedMessage
    from ..i18n import colon, tr
    from ..service import get_service

    lang = chosen_language(args)
    service = get_service()
    try:
        service.archive_for_plans()  # opened (and checked) before anything is said
        print(tr(lang, "msg:store_check_store", path=service.archive.where()))
        steps = service.archive.check_in(lang)
    except OSError as exc:  # refused on open: say why, the store is left as it is
        if not isinstance(exc, KeyedMessage):
            raise
        print(tr(lang, "msg:store_check_open_failed", error=exc.text_in(lang)), file=sys.stderr)
        return 1
    for ok, what, detail in steps:  # ok/FAIL are the same words in every language
        print(f"{'ok  ' if ok else 'FAIL'}  {what}{colon(lang)} {detail}")
    return 0 if all(ok for ok, _, _ in steps) else 1


def cmd_store_backup(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    service = get_service()
    dest = service.archive.backup(args.file)
    print(tr(lang, "msg:store_backed_up", path=service.store_path, dest=dest))
    return 0


def cmd_archive_init(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    service = get_service()
    before, after, indexed = service.archive.init(args.url)
    where = service.archive.display(args.url or service.archive.url or "")
    key = "msg:archive_init_current" if before == after else "msg:archive_init_done"
    print(tr(lang, key, where=where, before=before, after=after))
    print(tr(lang, "msg:archive_search_indexed" if indexed else "msg:archive_search_scan"))
    return 0


def cmd_archive_sync(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    report = get_service().sync()
    if report is None:
        raise _usage(tr(lang, "msg:archive_no_url"))
    print(tr(lang, "msg:archive_synced", sent=report.sent, already=report.already,
             left=report.left))
    if report.error is not None:
        print(f"leptodesk: {report.error.text_in(lang)}", file=sys.stderr)
        return 1
    return 0


def cmd_archive_migrate(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from ..service import get_service

    lang = chosen_language(args)
    service = get_service()
    report = service.archive.migrate(args.to)
    print(tr(lang, "msg:archive_migrated", plans=report.plans, moved=report.moved,
             already=report.already, where=service.archive.display(args.to)))
    return 0
