"""Driving the wizard like a clinician: fill each page from a case file, press Next."""

from __future__ import annotations

from typing import Any

from ui.pages import PageId


def flatten(data: dict, known: set[str], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path == "schema_version":
            continue
        if path in known or not isinstance(value, dict):
            out[path] = value
        else:
            out.update(flatten(value, known, path + "."))
    return out


def all_paths(wizard) -> set[str]:
    return {p for pid in wizard.pageIds() for p in getattr(wizard.page(pid), "bindings", {})}


def drive_to_review(wizard, data: dict) -> list[int]:
    """Fill every page from ``data`` and press Next until the review page; returns page ids."""
    values = flatten(data, all_paths(wizard))
    unknown = set(values) - all_paths(wizard)
    assert not unknown, f"no widget for {unknown}"
    visited = [wizard.currentId()]
    for _ in range(20):
        page = wizard.currentPage()
        for path in getattr(page, "bindings", {}):
            if path in values:
                page.set_value(path, values[path])
        if wizard.currentId() == PageId.REVIEW:
            return visited
        assert page.isComplete(), page.errors()
        wizard.next()
        assert wizard.currentId() != visited[-1], f"stuck on {PageId(visited[-1]).name}"
        visited.append(wizard.currentId())
    raise AssertionError("never reached the review page")


def answer_alerts(page) -> None:
    """Accept every STOP and WARNING on the Sign page (ui.ack_panel), as a clinician who will
    follow them would, for tests about something else."""
    for row in page.acks.rows:
        row.accept.setChecked(True)
