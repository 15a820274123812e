"""The ``leptodesk`` process entry: its output streams made safe, then the command line
(``leptodesk.commands.run``) or, with no command, the wizard. Exit status: 0 success, 2
invalid input, 1 anything else."""

from __future__ import annotations

import sys

from . import FRONT_END

# Arguments that only open the wizard: the start-up path skips building the command parsers
# (argparse and every sub-command module), which the first page should not wait for.
GUI_FLAGS = ("--quit-after-start", "--quit-when-ready")


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
        return _run(given)
    from .textsafe import SafeStream

    out, err = sys.stdout, sys.stderr
    safe_out, safe_err = SafeStream(out), SafeStream(err)
    sys.stdout, sys.stderr = safe_out, safe_err
    try:
        code = _run(given)
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


def _run(given: list[str]) -> int:
    from .commands.run import run

    return run(given, open_wizard=_run_gui, gui_flags=GUI_FLAGS)


def _to_devnull(stream) -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
