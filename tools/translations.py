"""Keep the wizard's translations current: .ts sources from ui/ with pyside6-lupdate, .qm with
pyside6-lrelease (both ship with PySide6-Essentials, in the venv's bin folder).

    .venv/bin/python tools/translations.py update    # after changing a string in ui/
    .venv/bin/python tools/translations.py release   # after translating (Qt Linguist or an editor)

``update`` scans ui/ and merges new and changed strings into resources/i18n/leptodesk_fr.ts
and leptodesk_pt.ts (marked unfinished until translated; tests/ui/test_translations.py fails
while any is) and leptodesk_en.ts (plural forms only: "%n warning(s)" -> "1 warning",
"2 warnings"). ``release`` compiles each .ts to the .qm that the wizard loads at start-up, and the
hand-written qtbase_extra_LANG.ts (Qt's own dialogs' words missing from Qt's qtbase_LANG.qm).
docs/localization.md, "Wizard (Qt)", has the conventions.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("fr", "pt")
BIN = Path(sys.executable).parent


def ts_path(lang: str) -> Path:
    return I18N / f"leptodesk_{lang}.ts"


def lupdate(targets: dict[str, Path]) -> str:
    """Run lupdate over ui/ into the given .ts files ({"fr": path, ...}; "en" is plurals only)."""
    out = []
    for lang, ts in targets.items():
        args = [str(BIN / "pyside6-lupdate"), "-extensions", "py", "-locations", "none",
                "-no-obsolete", "-target-language", {"fr": "fr_FR", "pt": "pt_MZ"}.get(
                    lang, "en_GB")]
        if lang == "en":
            args.append("-pluralonly")
        args += [str(ROOT / "ui"), "-ts", str(ts)]
        proc = subprocess.run(args, capture_output=True, text=True, check=True)
        out.append(proc.stdout + proc.stderr)
    return "".join(out)


def lrelease(ts: Path, qm: Path) -> str:
    proc = subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)],
                          capture_output=True, text=True, check=True)
    return proc.stdout + proc.stderr


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        print(lupdate({lang: ts_path(lang) for lang in ("en", *LANGUAGES)}))
        return 0
    if command == "release":
        for lang in ("en", *LANGUAGES):
            print(lrelease(ts_path(lang), ts_path(lang).with_suffix(".qm")))
        for lang in LANGUAGES:  # Qt's own dialogs' words that qtbase_LANG.qm lacks (by hand)
            extra = I18N / f"qtbase_extra_{lang}.ts"
            print(lrelease(extra, extra.with_suffix(".qm")))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
