"""Screenshots of the real window: the app under Xvfb with a window manager (openbox: a title
bar, and a panel's 32 px kept free at the bottom), driven with the keyboard only through
xdotool, as a clinician at a 1366x768 (or 1024x768) ward screen has it.

    .venv/bin/python tools/screenshots_xvfb.py [--size 1366x768] [--prefix real] [--lang fr]

Needs Xvfb, openbox and xdotool (tools/bootstrap.sh --gui). Opens the HER2 example with Ctrl+O
(typing its path into Qt's file dialog), then presses Return (Next) page by page, grabbing the whole
screen after each; on the Complications page it answers "CSF flow obstruction" Yes with the
keyboard, so the STOP strip shows what a new STOP looks like. Writes
docs/screenshots/<prefix>-<size>-NN-<page>.png.

``--lang fr`` (or pt) starts the app with that locale (LANG=fr_FR.UTF-8, pt_MZ.UTF-8), as a
ward computer set up in French or Portuguese: the wizard starts in its language; the prefix
defaults to the language ("fr-1366x768-01-patient.png").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xvfb_session import start_openbox, start_xvfb, stop  # tools/, beside this script

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CASE = ROOT / "examples" / "malignant-her2-good-prognosis.json"
PAGES = ["patient", "presentation", "imaging-lp", "csf", "etiology", "primary-cancer",
         "prognosis", "complications-planned"]
LOCALES = {"en": "en_GB.UTF-8", "fr": "fr_FR.UTF-8", "pt": "pt_MZ.UTF-8"}
YES_KEY = {"en": "Y", "fr": "O", "pt": "S"}  # Yes, Oui, Sim: the combo box jumps to it


def signed_plan(env: dict[str, str], home: Path) -> Path:
    """The HER2 example signed by a clinician of a site root trusted in ``home`` (its
    warnings accepted), for the Verify dialog's shots."""
    keys = dict(env, LEPTODESK_PASSPHRASE="screenshots passphrase 7",
                LEPTODESK_CA_PASSPHRASE="screenshots passphrase 7",
                LEPTODESK_TRUST_DIR=str(home / "trust"), QT_QPA_PLATFORM="offscreen")
    (home / "trust").mkdir(mode=0o755)
    env["LEPTODESK_TRUST_DIR"] = keys["LEPTODESK_TRUST_DIR"]

    def leptodesk(*argv: str) -> str:
        return subprocess.run([sys.executable, "-m", "leptodesk", *argv], env=keys, check=True,
                              cwd=home, capture_output=True, text=True, timeout=300).stdout

    import re

    made = leptodesk("identity", "create-site-root", "--name", "St Example Hospital root",
                     "-o", "root.p12")
    fingerprint = re.search(r"\b[0-9a-f]{64}\b", made).group(0)
    leptodesk("trust", "add", "root.pem", "--fingerprint", fingerprint)  # the administrator
    leptodesk("identity", "create", "--name", "Dr A. Clinician", "--role",
              "Consultant neurologist", "--registration", "GMC 1234567", "--ca", "root.p12",
              "-o", "dr.p12")
    leptodesk("export", str(CASE), "-o", "plan.pdf", "--identity", "dr.p12")
    return home / "plan.pdf"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--prefix", default=None)
    parser.add_argument("--lang", default="en", choices=sorted(LOCALES))
    args = parser.parse_args()
    if args.prefix is None:
        args.prefix = "real" if args.lang == "en" else args.lang
    from PIL import ImageGrab

    xvfb, display = start_xvfb(args.size)
    wm = start_openbox(display)
    home = tempfile.mkdtemp(prefix="leptodesk-shots-")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", LEPTODESK_HOME=home,
               LANG=LOCALES[args.lang])
    for name in ("QT_SCALE_FACTOR", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    plan = signed_plan(env, Path(home)) if args.lang == "en" else None
    app = subprocess.Popen([sys.executable, "-m", "leptodesk"], env=env, cwd=ROOT)
    shots: list[Path] = []

    def xdo(*argv: str) -> None:
        subprocess.run(["xdotool", *argv], env=env, check=True, timeout=60,
                       capture_output=True)

    def key(*keys: str, pause: float = 0.6) -> None:
        xdo("key", "--clearmodifiers", "--delay", "60", *keys)
        time.sleep(pause)

    def grab(name: str) -> None:
        time.sleep(0.5)
        path = OUT / f"{args.prefix}-{args.size}-{len(shots) + 1:02d}-{name}.png"
        ImageGrab.grab(xdisplay=display).save(path)
        shots.append(path)

    try:
        xdo("search", "--sync", "--onlyvisible", "--name", "^LeptoDesk", "windowactivate",
            "--sync")
        time.sleep(2.0)  # the guideline loads in the turn after the first page
        key("ctrl+o", pause=1.5)
        xdo("type", "--delay", "15", str(CASE))
        key("Return", pause=1.5)
        for index, name in enumerate(PAGES):
            if name == "complications-planned":
                grab(name)
                key("Tab", "Tab", YES_KEY[args.lang])  # CSF flow obstruction: Yes, a new STOP
                grab(name + "-new-stop")
            else:
                grab(name)
            if index < len(PAGES) - 1:
                key("Return")  # Next
        key("Return", pause=1.5)  # Next: the review
        grab("review")
        if plan is not None:  # Tools > Verify PDF: the verdict's sentence, then Details
            key("alt+t", pause=1.0)
            key("v", pause=3.0)
            xdo("type", "--delay", "15", str(plan))
            key("Return", pause=10.0)  # Verify (the default button); the verdict has focus
            grab("verify")
            key("alt+d", pause=1.0)  # Details
            grab("verify-details")
            key("Escape")
    finally:
        stop(app, xvfb, wm)
    for path in shots:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
