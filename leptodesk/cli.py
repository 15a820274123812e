"""The ``leptodesk`` command line. Exit status: 0 success, 2 invalid input, 1 anything else."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import __version__
from .errors import InvalidInput
from .languages import UnknownLanguage

if TYPE_CHECKING:
    import argparse

# Arguments that only open the wizard: the start-up path skips building the command parsers
# (argparse and every sub-command module), which the first page should not wait for.
GUI_FLAGS = ("--quit-after-start", "--quit-when-ready")


class UsageError(Exception):
    """Bad command-line use or input that is not a case (exit status 2)."""


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from .commands import core, fhir, printing, sign, store

    parser = argparse.ArgumentParser(
        prog="leptodesk",
        description="Decision support for leptomeningeal disease of the spine. "
        "With no command, opens the wizard.",
    )
    parser.add_argument("--version", action="version", version=f"leptodesk {__version__}")
    parser.add_argument("--quit-after-start", action="store_true",
                        help="open the wizard, show the first page and quit (for timing)")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="open the wizard, quit once the guideline is loaded and the whole "
                        "wizard is ready (for timing)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation offscreen and print a line per step")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (core, sign, store, printing, fhir):
        module.add_parsers(sub)
    return parser


# The front end is found by name so that the core never depends on Qt: a core-only
# install (or a headless server) runs every command but the wizard.
FRONT_END = "ui.app"


def _run_gui(quit_after_start: bool = False, quit_when_ready: bool = False) -> int:
    import importlib

    try:
        front_end = importlib.import_module(FRONT_END)
    except ImportError as exc:
        print(f"leptodesk: the wizard is not available ({exc})", file=sys.stderr)
        return 1
    if quit_when_ready:
        return front_end.main(quit_when_ready=True)
    return front_end.main(quit_after_start=quit_after_start)


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    if all(a in GUI_FLAGS for a in given):
        return _main(given)
    from .textsafe import SafeStream

    out, err = sys.stdout, sys.stderr
    safe_out, safe_err = SafeStream(out), SafeStream(err)
    sys.stdout, sys.stderr = safe_out, safe_err
    try:
        code = _main(given)
        safe_out.flush()  # a reader that has gone is found here, not in Python's last flush
        safe_err.flush()
    finally:
        sys.stdout, sys.stderr = out, err
    # A stream whose reader went away (``leptodesk verify PLAN.pdf | head -1``) is pointed at
    # /dev/null, so that what is still buffered for it goes nowhere quietly. The command's own
    # status stands (a refusal stays 1 or 2); success whose output was not all read is a
    # pipe's status, as Unix tools give it (128 + SIGPIPE).
    for stream in (safe_out, safe_err):
        if stream.gone:
            _to_devnull(stream)
    return (code or 141) if safe_out.gone else code


def _to_devnull(stream) -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


def _input_language(args: argparse.Namespace | None) -> str:
    """The language of a bad input's message: the command's ``--lang`` (or the locale's, as
    the command itself would choose); English for a command without languages."""
    if args is None or not hasattr(args, "lang"):
        return "en"
    from .commands import chosen_language

    try:
        return chosen_language(args)
    except UnknownLanguage:
        return "en"


def _main(given: list[str]) -> int:
    args = None
    if not all(a in GUI_FLAGS for a in given):
        try:
            args = build_parser().parse_args(given)
        except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
            return int(exc.code or 0)
    try:
        if args is None:
            return _run_gui("--quit-after-start" in given, "--quit-when-ready" in given)
        if args.self_test:
            from .selftest import run_self_test

            return run_self_test()
        if args.command is None:
            return _run_gui(args.quit_after_start, args.quit_when_ready)
        if args.command in ("export", "identity", "fhir"):  # a passphrase and a key in memory
            from .fileio import no_core_dumps

            no_core_dumps()
        return int(args.func(args))
    except InvalidInput as exc:
        print(exc.describe_in(_input_language(args)), file=sys.stderr)
        return 2
    except (UsageError, UnknownLanguage) as exc:
        print(f"leptodesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except (OSError, UnicodeDecodeError) as exc:
        # In the command's language: a store or export error says itself (text_in), the
        # common operating-system errors are in the catalogue (errors.os_reason).
        from .errors import os_reason

        lang = _input_language(args)
        detail = (getattr(exc, "strerror", None) or str(exc)) if lang == "en" else \
            os_reason(exc, lang)
        where = getattr(exc, "filename", None)
        if where:
            from .i18n import colon

            detail = f"{where}{colon(lang)} {detail}"
        print(f"leptodesk: {detail}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        print(f"leptodesk: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
