"""The ``leptodesk`` process entry: its output streams made safe, then the command line
(``leptodesk.commands.run``) or, with no command, the wizard. Exit status: 0 success, 2
invalid input, 1 anything else."""

from __future__ import annotations

import sys

from . import FRONT_END

# Arguments that only open the wizard: the start-up path skips building the command parsers
# (argparse and every sub-command module), which the first page should not wait for.
GUI_FLAGS = ("--quit-after-start", "--quit-when-ready")


def no_display(environ=None) -> str | None:
    """Why a window cannot open here (in English's words for ``msg:gui_no_display``'s
    ``{why}``: a message key and its fields), or None. On Linux the wizard needs an X or a
    Wayland display; without one Qt aborts (exit 134) blaming a missing xcb library. A
    platform chosen explicitly (QT_QPA_PLATFORM=offscreen, wayland...) is taken as it is."""
    import os

    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("WAYLAND_DISPLAY"):
        return None
    platform = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if platform and platform != "xcb":
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return "gui_no_display_unset"
    host, _, number = display.rpartition(":")
    if host in ("", "unix") and number.split(".", 1)[0].isdigit():  # a local X server
        if not os.path.exists(f"/tmp/.X11-unix/X{number.split('.', 1)[0]}"):
            return "gui_no_display_gone"
    return None


def _run_gui(quit_after_start: bool = False, quit_when_ready: bool = False) -> int:
    import importlib

    why = no_display()
    if why is not None:  # one line, before anything slow, in the locale's language
        import os

        from .i18n import tr
        from .languages import default_language

        lang = default_language()
        print(tr(lang, "msg:gui_no_display", why=tr(lang, f"msg:{why}", display=os.environ.get(
            "DISPLAY", ""))), file=sys.stderr)
        return 2

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
