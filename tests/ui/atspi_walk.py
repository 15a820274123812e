"""Drive the wizard as a screen reader does, through AT-SPI (run with the SYSTEM python, which
has Debian's python3-pyatspi / gir1.2-atspi-2.0, inside ``dbus-run-session``).

    dbus-run-session -- /usr/bin/python3 tests/ui/atspi_walk.py VENV_PYTHON REPO OUT.json

Starts Xvfb and the app (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1), then, only through the
accessibility API: reads what is focused, lists every focusable control of each page with its
accessible name, types into text fields (EditableText), chooses list entries (Selection),
presses Next (Action), and opens Tools > Verify PDF to read the dialog. Writes what it saw as
JSON; tests/ui/test_accessibility.py judges it. No assertions here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

S = Atspi.StateType
warnings.simplefilter("ignore", DeprecationWarning)  # the *_iface getters work on bookworm
TIMEOUT = 60.0


def pump() -> None:
    """Deliver the AT-SPI events that have arrived (announcements)."""
    from gi.repository import GLib

    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def wait_for(what, timeout=TIMEOUT, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pump()
        value = what()
        if value:
            return value
        time.sleep(step)
    return None


def children(obj):
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            yield child


def walk(obj, skip_popups=True):
    """``obj`` and what is under it; with ``skip_popups``, only what is showing (pages the
    wizard is not on are hidden) and not the items of combo boxes' drop-down lists."""
    yield obj
    if skip_popups and obj.get_role() == Atspi.Role.COMBO_BOX:
        return  # the drop-down list's items: not stops for Tab, named by their text
    for child in children(obj):
        if skip_popups and not state(child, S.SHOWING):
            continue
        yield from walk(child, skip_popups)


def state(obj, which) -> bool:
    return obj.get_state_set().contains(which)


def labelled(obj) -> list[str]:
    names = []
    for rel in obj.get_relation_set() or []:
        if rel.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(rel.get_n_targets()):
                names.append(rel.get_target(i).get_name())
    return names


def describe(obj) -> dict:
    return {"role": obj.get_role_name(), "name": obj.get_name() or "",
            "description": obj.get_description() or "", "labelled_by": labelled(obj),
            "focused": state(obj, S.FOCUSED)}


def focusables(root) -> list[dict]:
    return [describe(o) for o in walk(root)
            if state(o, S.FOCUSABLE) and state(o, S.SHOWING) and state(o, S.ENABLED)]


def find(root, role, name=None, skip_popups=True):
    for o in walk(root, skip_popups):
        if o.get_role() == role and (name is None or o.get_name() == name):
            return o
    return None


def find_labelled(root, label):
    label = label.lower()
    for o in walk(root):
        names = [n.lower() for n in labelled(o)] + [(o.get_name() or "").lower()]
        if label in names and state(o, S.FOCUSABLE):
            return o
    return None


def press(obj) -> bool:
    action = obj.get_action_iface()
    if action is None:
        return False
    for i in range(action.get_n_actions()):
        if action.get_action_name(i) in ("Press", "press", "click", "Toggle"):
            return action.do_action(i)
    return action.do_action(0) if action.get_n_actions() else False


def item_names(widget) -> list[str]:
    """The entries of a combo box (its drop-down list) or of a list, in order."""
    items = list(children(widget))
    if widget.get_role() == Atspi.Role.COMBO_BOX:
        lists = [c for c in items if c.get_role() == Atspi.Role.LIST]
        items = list(children(lists[0])) if lists else []
    return [(c.get_name() or "").strip() for c in items]


def choose(widget, item_text, env) -> bool:
    """Choose an entry as a screen-reader user does: focus the control through AT-SPI, then
    the arrow keys (Qt commits a combo box or list entry on the current-item change, which
    AT-SPI's Selection does not make)."""
    names = item_names(widget)
    index = next((i for i, n in enumerate(names) if n.startswith(item_text)), None)
    if index is None:
        return False
    if not state(widget, S.FOCUSED):
        component = widget.get_component_iface()
        if not (component is not None and component.grab_focus()):
            action = widget.get_action_iface()
            for i in range(action.get_n_actions() if action else 0):
                if "focus" in action.get_action_name(i).lower():
                    action.do_action(i)
    if not wait_for(lambda: state(widget, S.FOCUSED), timeout=3):
        for _ in range(25):  # as a keyboard user gets there: Tab, field by field
            subprocess.run(["xdotool", "key", "Tab"], env=env, timeout=30,
                           capture_output=True)
            if wait_for(lambda: state(widget, S.FOCUSED), timeout=1):
                break
        else:
            return False
    subprocess.run(["xdotool", "key", "--delay", "30", "Home", *(["Down"] * index)], env=env,
                   timeout=60, capture_output=True)
    if widget.get_role() == Atspi.Role.COMBO_BOX:
        return bool(wait_for(lambda: (widget.get_name() or "").strip() == names[index],
                             timeout=5))
    return bool(wait_for(lambda: any(state(c, S.SELECTED) and (c.get_name() or "").strip()
                                     == names[index] for c in children(widget)), timeout=5))


def current_page_fields(wizard) -> list[dict]:
    return [f for f in focusables(wizard) if f["role"] != "push button"]


def signature(fields) -> list:
    return [(f["role"], f["name"], f["labelled_by"]) for f in fields]


def main() -> int:
    venv_python, repo, out_path = sys.argv[1:4]
    sys.path.insert(0, os.path.join(repo, "tools"))
    from xvfb_session import start_xvfb, stop

    xvfb, display = start_xvfb("1366x768")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
    app = subprocess.Popen([venv_python, "-m", "leptodesk"], env=env, cwd=repo)
    seen: dict = {"pages": [], "errors": []}
    try:
        def application():
            desktop = Atspi.get_desktop(0)
            for a in children(desktop):
                if a.get_process_id() == app.pid and a.get_child_count():
                    return a
            return None

        acc_app = wait_for(application)
        if acc_app is None:
            seen["errors"].append("the app never appeared on the accessibility bus")
            return 0
        announced: list[str] = []

        def heard(event) -> None:
            text = event.any_data if isinstance(event.any_data, str) else ""
            announced.append(text or str(event.any_data))

        listener = Atspi.EventListener.new(heard)
        listener.register("object:announcement")
        seen["announcements"] = announced
        frame = wait_for(lambda: find(acc_app, Atspi.Role.FRAME))
        wizard = wait_for(lambda: find(frame, Atspi.Role.DIALOG))
        # The core loads in the turn after the first page: wait for the live plan.
        wait_for(lambda: find(frame, Atspi.Role.PUSH_BUTTON, "Next >"))
        time.sleep(1.0)
        # No window manager under Xvfb: give the window the X input focus as one would.
        subprocess.run(["xdotool", "search", "--sync", "--pid", str(app.pid), "--name",
                        "LeptoDesk", "windowfocus", "--sync"], env=env, timeout=30,
                       capture_output=True)
        seen["window"] = describe(frame)
        seen["window_controls"] = focusables(frame)
        seen["wizard"] = describe(wizard) if wizard else None
        focused = wait_for(lambda: next((o for o in walk(frame) if state(o, S.FOCUSED)
                                         and state(o, S.FOCUSABLE)), None), timeout=15)
        seen["start_focus"] = describe(focused) if focused else None
        plan = {"patient name or bed/MRN": ("text", "Bed 7 (AT-SPI)"),
                "etiology": ("choose", "Malignant"),
                "primary cancer": ("choose", "Breast, HER2-positive"),
                "Karnofsky score (KPS)": ("choose", "80"),
                "CSF flow obstruction": ("choose", "Yes")}  # a new STOP: announced
        for _ in range(15):
            fields = current_page_fields(wizard)
            page = {"fields": fields, "controls": focusables(wizard), "entered": []}
            for label, (how, value) in list(plan.items()):
                target = find_labelled(wizard, label)
                if target is not None and target.get_role() not in (
                        Atspi.Role.TEXT, Atspi.Role.COMBO_BOX, Atspi.Role.LIST):
                    continue  # e.g. the review's table of what was entered
                if target is None:
                    continue
                if how == "text":
                    text = target.get_editable_text_iface()
                    ok = bool(text and text.set_text_contents(value))
                else:
                    ok = choose(target, value, env)
                page["entered"].append({"field": label, "value": value, "ok": ok})
                if ok:
                    del plan[label]  # entered once
            live = next((o for o in walk(frame) if o.get_name() == "live plan"
                         and o.get_text_iface() is not None), None)
            if live is not None:  # the live panel as a screen reader reads it
                live_text = live.get_text_iface()
                page["live_text"] = live_text.get_text(0, live_text.get_character_count())
            plan_view = next((o for o in walk(wizard) if o.get_name() == "the whole plan"),
                             None)
            if plan_view is not None and plan_view.get_text_iface() is not None:
                text_iface = plan_view.get_text_iface()
                page["plan_text"] = text_iface.get_text(0, text_iface.get_character_count())
            nxt = find(wizard, Atspi.Role.PUSH_BUTTON, "Next >")
            page["next_enabled"] = bool(nxt and state(nxt, S.ENABLED) and state(nxt, S.SHOWING))
            seen["pages"].append(page)
            if not page["next_enabled"]:
                break
            before = signature(fields)
            page["next_pressed"] = press(nxt)
            changed = wait_for(lambda b=before: signature(current_page_fields(wizard)) != b,
                               timeout=15)
            page["page_changed"] = bool(changed)
            if not changed:
                break
            time.sleep(0.3)  # focus moves to the first field in the next event-loop turn
            focused = next((o for o in walk(wizard) if state(o, S.FOCUSED)), None)
            page["focus_after_next"] = describe(focused) if focused else None
        wait_for(lambda: any("CSF flow obstruction" in a for a in announced), timeout=10)
        seen["announcements"] = list(announced)
        seen["reached_review"] = any(f["name"] == "the whole plan" for p in seen["pages"]
                                     for f in p["fields"])
        seen["reached_sign"] = any(f["name"] == "passphrase of the signing identity"
                                   for p in seen["pages"] for f in p["fields"])
        # A dialog: Tools > Verify PDF... (opened with the keyboard: pressing a menu item
        # through AT-SPI would wait for the modal dialog to close before it answers).
        subprocess.run(["xdotool", "key", "--clearmodifiers", "alt+t", "v"], env=env,
                       timeout=30, capture_output=True)
        dialog = wait_for(lambda: next((o for o in children(acc_app)
                                        if o.get_role() == Atspi.Role.DIALOG), None),
                          timeout=15)
        if dialog is not None:
            time.sleep(0.5)
            seen["verify_dialog"] = {"window": describe(dialog), "fields": focusables(dialog)}
            close = find(dialog, Atspi.Role.PUSH_BUTTON, "Close")
            if close is not None:
                press(close)
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        seen["errors"].append(f"{type(exc).__name__}: {exc}")
    finally:
        with open(out_path, "w", encoding="utf-8") as fh:
            json.dump(seen, fh, indent=1)
        stop(app, xvfb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
