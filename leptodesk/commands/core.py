"""``leptodesk plan`` and ``leptodesk schema``."""

from __future__ import annotations

import argparse
import json

from . import add_lang_argument, chosen_language


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="print the guideline's plan for a case file")
    p.add_argument("case", metavar="CASE.json")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_lang_argument(p, "the plan's texts")
    p.set_defaults(func=cmd_plan)

    s = sub.add_parser("schema", help="print the case JSON Schema")
    add_lang_argument(s, "the messages (the schema itself is machine-readable JSON, the same in "
                      "every language)")
    s.set_defaults(func=cmd_schema)


def cmd_plan(args: argparse.Namespace) -> int:
    from ..report_text import render_text
    from ..service import get_service

    lang = chosen_language(args)  # an unknown language: exit 2 before the file is read
    case = get_service().cases.load_file(args.case)
    plan = get_service().plan(case, lang=lang)
    if args.format == "json":
        print(plan.model_dump_json(indent=2))
    else:
        print(render_text(plan, case), end="")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..models import Case

    chosen_language(args)  # an unknown language: exit 2, as every command with --lang

    print(json.dumps(Case.model_json_schema(), indent=2))
    return 0
