"""Alt+letter mnemonics that never clash within a window.

Qt gives a label or button the letter after its '&'; two of them with the same letter in one
window make Alt+letter cycle between them instead of acting (on Imaging, Alt+N toggled between
Next and "Nodular disease"). Each page and dialog calls :func:`assign` once it is built: a
mnemonic already chosen by hand is kept if its letter is free, otherwise the first free letter
of a word's start, then any free letter, is used (as KDE's accelerator manager does).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from .i18n import translate


def window_texts() -> dict[str, str]:
    """What the main window shows while any page shows, in the wizard's language: the menu
    bar and the wizard's buttons. Their letters are taken before any page's (each language
    chooses them in its .ts file; tests/ui/test_keyboard.py checks every language)."""
    return {
        "file": translate("MainWindow", "&File"),
        "tools": translate("MainWindow", "&Tools"),
        "view": translate("MainWindow", "&View"),
        # F&inish: Alt+F is the File menu.
        "back": translate("CaseWizard", "< &Back"),
        "next": translate("CaseWizard", "&Next >"),
        "finish": translate("CaseWizard", "F&inish"),
    }


def window_letters() -> frozenset[str]:
    """The Alt+letters the menu bar and the wizard's buttons use in the current language."""
    return frozenset(x for x in (letter(t) for t in window_texts().values()) if x)


def letter(text: str) -> str | None:
    """The mnemonic letter of ``text`` (upper case), or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].upper()
            i += 1  # "&&" is a literal ampersand
        i += 1
    return None


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&&")


def _candidates(text: str, reserved: set[str]) -> list[str]:
    """Letters for ``text`` in order of preference: its own, word starts, then the rest."""
    bare = plain(text)
    own = [letter(text)] if letter(text) else []
    starts = [c for i, c in enumerate(bare) if c.isalpha() and (i == 0 or not bare[i - 1]
                                                                .isalnum())]
    out: list[str] = []
    for c in own + starts + [c for c in bare if c.isalpha()]:
        c = c.upper()
        if c.isascii() and c not in reserved and c not in out:
            out.append(c)
    return out


def _place(text: str, chosen: str) -> str:
    bare = plain(text)
    own = letter(text)
    if own == chosen:
        return text
    starts = [i for i, c in enumerate(bare) if c.upper() == chosen and (i == 0 or not bare[
        i - 1].isalnum())]
    i = starts[0] if starts else next(i for i, c in enumerate(bare) if c.upper() == chosen)
    return bare[:i] + "&" + bare[i:]


def targets(root: QWidget) -> list[QWidget]:
    """The labels with a buddy and the buttons under ``root``, in creation order."""
    out: list[QWidget] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel) and w.buddy() is not None or isinstance(w, QAbstractButton):
            out.append(w)
    return out


def assign(widgets: Iterable[QWidget], reserved: Iterable[str] = ()) -> None:
    """Give each label or button a mnemonic that no other one here (nor ``reserved``) has.

    Each takes its most preferred free letter in turn; one left without is then given one by
    moving others along (Kuhn's augmenting paths, a maximum matching), so that a label lacks a
    mnemonic only when no assignment could give every label one.
    """
    blocked = {c.upper() for c in reserved}
    widgets = list(widgets)
    options = [_candidates(w.text(), blocked) for w in widgets]
    holder: dict[str, int] = {}

    def claim(i: int, seen: set[str]) -> bool:
        for c in options[i]:
            if c in seen:
                continue
            seen.add(c)
            if c not in holder or claim(holder[c], seen):
                holder[c] = i
                return True
        return False

    for i, opts in enumerate(options):  # first, each its most preferred free letter
        free = next((c for c in opts if c not in holder), None)
        if free is not None:
            holder[free] = i
    placed = set(holder.values())
    for i in range(len(widgets)):  # then make room for any left without one
        if i not in placed:
            claim(i, set())
    chosen = {i: c for c, i in holder.items()}
    for i, w in enumerate(widgets):
        w.setText(_place(w.text(), chosen[i]) if i in chosen else plain(w.text()))
