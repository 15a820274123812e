"""``leptodesk --self-test``: every step passes here, a broken install fails, the real data
folder is never touched."""

import os
import subprocess
import sys
from pathlib import Path

from leptodesk import resources, selftest
from leptodesk.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_in_process(_isolated_home, capsys):
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    for step in ("resources", "identity create", "export and sign", "verify signed PDF",
                 "verify detects a flipped byte", "store round trip", "wizard start"):
        assert f"PASS {step}" in out
    for example in sorted((ROOT / "examples").glob("*.json")):
        assert f"PASS plan {example.stem}" in out
    assert "SELF-TEST PASSED: all" in out
    # the throwaway folder was used and given back: the test's data folder is untouched
    assert os.environ["LEPTODESK_HOME"] == str(_isolated_home)
    assert list(_isolated_home.iterdir()) == []


def test_self_test_fails_without_examples(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(resources, "examples_dir", lambda: tmp_path / "nowhere")
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL examples: no example case files" in out
    assert "FAIL export and sign: no example case to export" in out
    assert "SELF-TEST FAILED" in out


def test_self_test_fails_on_missing_resources(tmp_path, monkeypatch, capsys):
    (tmp_path / "examples").mkdir()
    monkeypatch.setenv("LEPTODESK_RESOURCES", str(tmp_path))
    assert selftest.run_self_test() == 1
    assert "FAIL resources: missing" in capsys.readouterr().out


def test_flip_signed_byte_changes_one_byte_inside_the_signed_range():
    pdf = b"%PDF-1.7\n1 0 obj <</Length 40>> stream\n" + b"x" * 40 + b"\nendstream\n" \
        + b"/ByteRange [0 90 120 10] /Contents <00>" + b" " * 60
    tampered = selftest.flip_signed_byte(pdf)
    diff = [i for i, (a, b) in enumerate(zip(pdf, tampered, strict=True)) if a != b]
    assert len(diff) == 1 and diff[0] < 90


def test_resource_paths_follow_the_bundle(tmp_path, monkeypatch):
    monkeypatch.delenv("LEPTODESK_RESOURCES", raising=False)
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resources.examples_dir() == ROOT / "examples"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("fonts") == tmp_path / "resources" / "fonts"
    assert resources.examples_dir() == tmp_path / "examples"


def test_self_test_command_line(tmp_path):
    env = {**os.environ, "LEPTODESK_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-m", "leptodesk", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SELF-TEST PASSED" in proc.stdout
    assert not (tmp_path / "home").exists()  # never created: the run used a throwaway folder
