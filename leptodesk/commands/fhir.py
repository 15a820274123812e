"""``leptodesk fhir PLAN.pdf -o BUNDLE.json --identity ID.p12`` and ``leptodesk fhir verify
BUNDLE.json``: the signed plan as a signed FHIR R4 bundle, and its one verdict. Both go through
the core service; light to import (the FHIR package is imported inside the handlers).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_lang_argument, chosen_language

USAGE = ("leptodesk fhir PLAN.pdf -o BUNDLE.json --identity ID.p12 [--force] | "
         "leptodesk fhir verify BUNDLE.json [--trust ROOT.pem]")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    f = sub.add_parser(
        "fhir", usage=USAGE,
        help="write a plan that verifies as a signed FHIR R4 bundle, or verify a bundle "
        "(exit 0 only on PASS)")
    f.add_argument("target", nargs="+", metavar="PLAN.pdf | verify BUNDLE.json")
    f.add_argument("-o", "--output", metavar="BUNDLE.json", help="the bundle to write")
    f.add_argument("--identity", metavar="ID.p12",
                   help="the identity that signed the plan (it signs the bundle too; "
                   "passphrase from LEPTODESK_PASSPHRASE or a prompt)")
    f.add_argument("--force", action="store_true", help="replace an existing file")
    f.add_argument("--trust", action="append", default=[], metavar="ROOT.pem",
                   help="verify only: also trust this site root certificate for this check "
                   "only, as 'leptodesk verify --trust' (repeatable)")
    add_lang_argument(f, "the messages and the verdict lines (the bundle's words are the "
                      "plan's)")
    f.set_defaults(func=cmd_fhir)


def cmd_fhir(args: argparse.Namespace) -> int:
    from . import UsageError

    lang = chosen_language(args)
    if args.target[0] == "verify" and len(args.target) == 2 and not args.output:
        return _verify(Path(args.target[1]), [Path(t) for t in args.trust], lang)
    if args.trust:  # trust for a check, never for signing
        raise UsageError(f"usage: {USAGE}")
    if len(args.target) == 1 and args.output and not args.identity:
        from ..i18n import tr

        raise UsageError(tr(lang, "msg:fhir_needs_identity", usage=USAGE))
    if len(args.target) != 1 or not args.output or not args.identity:
        raise UsageError(f"usage: {USAGE}")
    return _export(Path(args.target[0]), Path(args.output), Path(args.identity), args.force,
                   lang)


def _export(pdf: Path, output: Path, identity: Path, force: bool, lang: str) -> int:
    from ..errors import OutputRefused
    from ..i18n import tr
    from ..service import Refused, get_service
    from . import UsageError
    from .sign import read_passphrase

    if not identity.is_file():
        raise UsageError(tr(lang, "msg:export_no_identity", path=identity))
    service = get_service()
    try:
        service.check_fhir_output(pdf, output, identity=identity, force=force)
        passphrase = read_passphrase(tr(lang, "msg:passphrase_prompt", name=identity.name),
                                     lang=lang)
        written = service.fhir_export(pdf, identity=identity, passphrase=passphrase,
                                      output=output, force=force)
    except (OutputRefused, *service.trust.refusals) as exc:
        raise UsageError(exc.text_in(lang)) from None
    except Refused as exc:  # the plan does not verify: no file
        print("leptodesk: " + tr(lang, "msg:fhir_refused", headline=exc.text_in(lang)),
              file=sys.stderr)
        if exc.verdict is not None:
            for line in exc.verdict.lines(lang):
                print(f"  {line}", file=sys.stderr)
        return 1
    print(tr(lang, "msg:fhir_written", path=written.path, n=written.resources,
             signer=written.signer, alg=written.algorithm))
    if written.note:
        print(tr(lang, "msg:verify_note", value=written.note.in_lang(lang)), file=sys.stderr)
    return 0


def _verify(path: Path, trust: list[Path], lang: str) -> int:
    from ..i18n import tr
    from ..service import get_service
    from . import UsageError

    service = get_service()
    try:  # OSError: exit 1 with the file named
        result = service.fhir_verify(path, trust)
    except service.trust.refusals as exc:  # a --trust file that is no site root
        raise UsageError(exc.text_in(lang)) from None
    print(tr(lang, "msg:fhir_verify_file", path=path))
    for line in result.lines(lang):
        print(line)
    return 0 if result.ok else 1
