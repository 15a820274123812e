"""Sub-commands filled in by their issue (see leptodesk/commands/__init__.py)."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:
    return None
