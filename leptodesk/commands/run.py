"""The command line's dispatch: parse the arguments, run the sub-command, and turn every
failure into a message and an exit status (0 success, 2 invalid input, 1 anything else), never
a traceback. ``leptodesk.cli`` is the process entry that calls it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .. import __version__
from . import UsageError, chosen_language

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from . import core, fhir, printing, sign, store, trust

    parser = argparse.ArgumentParser(
        prog="leptodesk",
        description="Decision support for leptomeningeal disease of the spine. "
        "With no command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"leptodesk {__version__}")
    parser.add_argument("--quit-after-start", action="store_true",
                        help="open the wizard, show the first page and quit (for timing)")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="open the wizard, quit once the guideline is loaded and the first "
                        "plan shown (for timing)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen and print a line per step")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (core, sign, trust, store, printing, fhir):
        module.add_parsers(sub)
    return parser


def _input_language(args: argparse.Namespace | None) -> str:
    """The language of a bad input's message: the command's ``--lang`` (or the locale's, as
    the command itself would choose); English for a command without languages."""
    if args is None or not hasattr(args, "lang"):
        return "en"
    from ..languages import UnknownLanguage

    try:
        return chosen_language(args)
    except UnknownLanguage:
        return "en"


def run(given: list[str], open_wizard: Callable[..., int],
        gui_flags: tuple[str, ...] = ()) -> int:
    """Run the command line ``given`` (the arguments after the program's name); with no
    command, ``open_wizard(quit_after_start, quit_when_ready)``. Returns the exit status."""
    args = None
    if not all(a in gui_flags for a in given):
        try:
            args = build_parser().parse_args(given)
        except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
            return int(exc.code or 0)
    try:
        if args is None:
            return open_wizard("--quit-after-start" in given, "--quit-when-ready" in given)
        if args.self_test:
            from ..selftest import run_self_test

            return run_self_test()
        if args.command is None:
            return open_wizard(args.quit_after_start, args.quit_when_ready)
        if args.command in ("export", "identity", "fhir"):  # a key in memory
            from ..service import no_core_dumps

            no_core_dumps()
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - every failure: a message, never a traceback
        return _failed(exc, args)


def _failed(exc: Exception, args: argparse.Namespace | None) -> int:
    """A failure's message on stderr and its exit status: 2 for invalid input or use, 1 for
    anything else. The error catalogue is imported here, on failure: the wizard's start (the
    one path through ``run`` without a parser) does not wait for it."""
    from ..errors import InvalidInput, os_reason
    from ..languages import UnknownLanguage

    if isinstance(exc, InvalidInput):
        print(exc.describe_in(_input_language(args)), file=sys.stderr)
        return 2
    if isinstance(exc, UsageError | UnknownLanguage):
        print(f"leptodesk: {exc}", file=sys.stderr)
        return 2
    if isinstance(exc, OSError | UnicodeDecodeError):
        # In the command's language: a store or export error says itself (text_in), the
        # common operating-system errors are in the catalogue (errors.os_reason).
        lang = _input_language(args)
        detail = (getattr(exc, "strerror", None) or str(exc)) if lang == "en" else \
            os_reason(exc, lang)
        where = getattr(exc, "filename", None)
        if where:
            from ..i18n import colon

            detail = f"{where}{colon(lang)} {detail}"
        print(f"leptodesk: {detail}", file=sys.stderr)
        return 1
    print(f"leptodesk: {type(exc).__name__}: {exc}", file=sys.stderr)  # the last resort
    return 1
