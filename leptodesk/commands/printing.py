"""``leptodesk print PDF [--printer NAME]`` and ``leptodesk print --list-printers``.

The PDF is verified first, with the same call and verdict as ``leptodesk verify`` and the Plans
window; a PDF that fails is never printed. Printing goes through the desktop front end's print
path (``ui.printing``: the same QPrinter set-up and page painting as the Plans window), loaded
by name so that the core never depends on Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_lang_argument, chosen_language

PRINT_BACKEND = "ui.printing"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="verify a signed plan or nurse summary, then print it")
    p.add_argument("pdf", nargs="?", metavar="PDF", help="the signed PDF to print")
    p.add_argument("--printer", metavar="NAME",
                   help="print on this printer (default: this computer's default printer)")
    p.add_argument("--list-printers", action="store_true",
                   help="list the printers this computer can print to, and stop")
    add_lang_argument(p, "the printed verdict lines (the PDF prints as it was signed)")
    p.set_defaults(func=cmd_print)


def _backend(lang: str = "en"):
    import importlib

    try:
        return importlib.import_module(PRINT_BACKEND)
    except ImportError as exc:
        from ..i18n import tr
        from . import UsageError

        raise UsageError(tr(lang, "msg:print_no_front_end", error=exc)) from None


def _not_found(exc: LookupError, lang: str) -> str:
    """Why nothing was printed, from the backend's ``PrinterNotFound``, in ``lang``."""
    from ..i18n import tr

    there = ", ".join(exc.names) if exc.names else tr(lang, "msg:print_no_printers_here")
    if exc.requested:
        return tr(lang, "msg:print_no_printer_named", printer=exc.requested, printers=there)
    return tr(lang, "msg:print_no_default_printer", printers=there)


def cmd_print(args: argparse.Namespace) -> int:
    from ..i18n import tr
    from . import UsageError

    lang = chosen_language(args)  # an unknown language: exit 2 before anything is done
    if args.list_printers:
        names, default = _backend(lang).printer_names()
        if not names:
            print(tr(lang, "msg:print_no_printers"))
        for name in names:
            print(tr(lang, "msg:print_default_printer", printer=name) if name == default
                  else name)
        return 0
    if not args.pdf:
        raise UsageError(tr(lang, "msg:print_no_pdf"))
    from ..service import get_service

    path = Path(args.pdf)
    service = get_service()
    data = service.read_pdf(path)  # a FIFO, device or huge file: refused unread (exit 1)
    verdict = service.verify(data)
    print(tr(lang, "msg:verify_file", path=path))
    for line in verdict.lines(lang):
        print(line)
    if not verdict.ok:
        print("leptodesk: " + tr(lang, "msg:print_not_verified", path=path,
                                 reason=verdict.reason_in(lang)),
              file=sys.stderr)
        return 1
    backend = _backend(lang)
    try:
        pages, printer = backend.print_to_printer(data, path.name, args.printer)
    except backend.PrinterNotFound as exc:
        raise UsageError(tr(lang, "msg:print_not_printed", reason=_not_found(exc, lang))
                         ) from None
    except backend.PrinterRefused:
        print("leptodesk: " + tr(lang, "msg:print_printer_refused"), file=sys.stderr)
        return 1
    note = service.record_print(verdict, printer=printer, pages=pages, origin="command line")
    if note is not None:  # printed; the audit row is what failed
        print("leptodesk: " + tr(lang, "msg:print_not_audited", error=note.params["error"]),
              file=sys.stderr)
    from ..i18n import plural_category

    print(tr(lang, f"msg:print_sent_{plural_category(lang, str(pages))}", n=pages,
             printer=printer))
    return 0
