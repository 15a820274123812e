"""A first run without a display (issue 22): `leptodesk` and `tools/run.sh` say in one line
that no display was found and how to run it, before any set-up or Qt, and exit 2 (Qt used to
abort with exit 134 blaming a missing xcb library, after minutes of set-up)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leptodesk.cli import main, no_display

ROOT = Path(__file__).resolve().parents[1]
N = "\u00a0"
EXPECTED = {
    "en": "leptodesk: no display found (DISPLAY is not set): open LeptoDesk on the "
          "workstation's desktop, or try it out without one with: xvfb-run tools/run.sh",
    "fr": f"leptodesk{N}: aucun écran trouvé (DISPLAY n'est pas défini){N}: ouvrez LeptoDesk "
          f"sur le bureau du poste de travail, ou essayez-le sans écran avec{N}: xvfb-run "
          "tools/run.sh",
    "pt": "leptodesk: nenhum ecrã encontrado (DISPLAY não está definido): abra o LeptoDesk no "
          "ambiente de trabalho do posto, ou experimente-o sem ecrã com: xvfb-run tools/run.sh",
}
LOCALES = {"en": "C.UTF-8", "fr": "fr_FR.UTF-8", "pt": "pt_MZ.UTF-8"}


def _headless(monkeypatch, lang: str = "en") -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", LOCALES[lang])


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_leptodesk_without_a_display_says_so_in_one_line_and_exits_2(monkeypatch, capsys,
                                                                      lang):
    _headless(monkeypatch, lang)
    loaded_before = "ui.app" in sys.modules
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == EXPECTED[lang] + "\n"
    assert ("ui.app" in sys.modules) == loaded_before  # Qt's front end never started


def test_a_display_that_is_not_there_is_named(monkeypatch, capsys):
    _headless(monkeypatch)
    number = next(n for n in range(90, 200) if not os.path.exists(f"/tmp/.X11-unix/X{n}"))
    monkeypatch.setenv("DISPLAY", f":{number}")
    assert main([]) == 2
    assert f"(the X display :{number} is not there)" in capsys.readouterr().err


@pytest.mark.parametrize(("env", "why"), [
    ({}, "gui_no_display_unset"),
    ({"DISPLAY": ""}, "gui_no_display_unset"),
    ({"QT_QPA_PLATFORM": "xcb"}, "gui_no_display_unset"),
    ({"QT_QPA_PLATFORM": "offscreen"}, None),  # chosen explicitly: taken as it is
    ({"WAYLAND_DISPLAY": "wayland-0"}, None),
    ({"DISPLAY": "wardserver:0"}, None),  # a remote display: Qt says what it finds there
])
def test_when_there_is_no_display(env, why):
    if not sys.platform.startswith("linux"):
        pytest.skip("the check is for Linux")
    assert no_display(env) == why


def test_a_local_display_is_there_when_its_socket_is(tmp_path):
    present = [p.name[1:] for p in Path("/tmp/.X11-unix").glob("X*")] \
        if Path("/tmp/.X11-unix").is_dir() else []
    if present:
        assert no_display({"DISPLAY": f":{present[0]}"}) is None
        assert no_display({"DISPLAY": f":{present[0]}.0"}) is None
    missing = next(n for n in range(90, 200) if not os.path.exists(f"/tmp/.X11-unix/X{n}"))
    assert no_display({"DISPLAY": f":{missing}"}) == "gui_no_display_gone"
    assert no_display({"DISPLAY": f"unix:{missing}.0"}) == "gui_no_display_gone"


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_run_sh_says_the_same_before_any_set_up(tmp_path, lang):
    """tools/run.sh checks before tools/bootstrap.sh (minutes on a first run): a copy whose
    bootstrap.sh only leaves a mark shows that it never ran."""
    tools = tmp_path / "tools"
    tools.mkdir()
    shutil.copy(ROOT / "tools" / "run.sh", tools / "run.sh")
    (tools / "bootstrap.sh").write_text("#!/bin/sh\ntouch \"$(dirname \"$0\")/../ran\"\n")
    (tools / "bootstrap.sh").chmod(0o755)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL",
                        "LC_MESSAGES")}
    env["LANG"] = LOCALES[lang]
    run = subprocess.run(["sh", str(tools / "run.sh")], env=env, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2
    assert run.stdout == "" and run.stderr == EXPECTED[lang] + "\n"
    assert not (tmp_path / "ran").exists()
    # With a command (no window needed), it goes on to the set-up as before
    run = subprocess.run(["sh", str(tools / "run.sh"), "--version"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert (tmp_path / "ran").exists()
