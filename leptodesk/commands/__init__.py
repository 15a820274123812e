"""Sub-commands of the ``leptodesk`` command line, one module per area.

Each module has ``add_parsers(subparsers)`` and must stay light to import: heavy libraries
(reportlab, pyhanko, sqlite store) are imported inside the command functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable


class UsageError(Exception):
    """Bad command-line use or input that is not a case (exit status 2)."""


def add_lang_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``--lang en|fr|pt``: the language of ``what``; default from the locale."""
    parser.add_argument("--lang", metavar="en|fr|pt",
                        help=f"language of {what}: en (English), fr (French), pt (Portuguese); "
                        "default from the locale (LC_ALL, LC_MESSAGES, LANG), else English")


def command_group(sub: argparse._SubParsersAction, name: str, help: str
                  ) -> argparse._SubParsersAction:
    """``leptodesk NAME ACTION ...``: a command whose actions are its sub-commands."""
    group = sub.add_parser(name, help=help)
    return group.add_subparsers(dest=f"{name.replace('-', '_')}_command", metavar="ACTION",
                                required=True)


def action(group: argparse._SubParsersAction, name: str, func: Callable[..., int], *,
           help: str, lang: str) -> argparse.ArgumentParser:
    """One action of a :func:`command_group`, run by ``func``, with ``--lang`` for ``lang``
    (what the language changes); the caller adds its own arguments."""
    parser = group.add_parser(name, help=help)
    add_lang_argument(parser, lang)
    parser.set_defaults(func=func)
    return parser


def chosen_language(args: argparse.Namespace) -> str:
    """The language asked for with ``--lang`` (``UnknownLanguage``, exit 2, for any other),
    else the locale's."""
    from ..i18n import check_language, default_language

    given = getattr(args, "lang", None)
    return check_language(given) if given is not None else default_language()


def legacy_trust_notice(lang: str) -> None:
    """One line on stderr when this user's per-user trust folder of an earlier version is
    being ignored (``service.trust.legacy_notice``)."""
    import sys

    from ..i18n import tr
    from ..service import get_service

    notice = get_service().trust.legacy_notice()
    if notice:
        sys.stdout.flush()
        print(f"leptodesk: {tr(lang, 'msg:verify_note', value=notice)}", file=sys.stderr)
