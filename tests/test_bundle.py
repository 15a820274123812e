"""The offline bundle: build it from build.spec and run its own self-test, offscreen.

Slow (about a minute here), so it runs only with ``LEPTODESK_TEST_BUNDLE=1``.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(os.environ.get("LEPTODESK_TEST_BUNDLE") != "1",
                       reason="builds the PyInstaller bundle: set LEPTODESK_TEST_BUNDLE=1"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.fail(f"{pyinstaller} is missing: pip install -e '.[bundle]'")
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    proc = subprocess.run(
        [str(pyinstaller), "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
         str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-4000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    return out / "dist" / "leptodesk"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEPTODESK_")}
    env.update(QT_QPA_PLATFORM="offscreen", LEPTODESK_HOME=str(tmp_path / "home"))
    return env


def test_bundle_has_both_executables_and_only_the_qt_it_uses(bundle):
    assert (bundle / "leptodesk").is_file() and (bundle / "leptodesk-cli").is_file()
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert sorted(p.name for p in (internal / "examples").glob("*.json")) == \
        sorted(p.name for p in (ROOT / "examples").glob("*.json"))
    qt_libs = {p.name.split(".")[0] for p in (internal / "PySide6" / "Qt" / "lib").iterdir()}
    assert "libQt6Network" not in qt_libs and "libQt6Quick" not in qt_libs
    # Qt's own dialogs in French and Portuguese, nothing more; the wizard's own .qm files.
    assert {p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()} == \
        {"qtbase_fr.qm", "qtbase_pt_BR.qm"}
    assert {p.name for p in (internal / "resources" / "i18n").glob("*.qm")} == \
        {"leptodesk_en.qm", "leptodesk_fr.qm", "leptodesk_pt.qm",
         "qtbase_extra_fr.qm", "qtbase_extra_pt.qm"}  # what qtbase's catalogues lack
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert {p.name for p in plugins.iterdir()} <= {"platforms", "printsupport",
                                                   "platforminputcontexts", "styles"}


def test_bundle_carries_the_cups_print_plugin_and_lists_printers(bundle, tmp_path):
    printsupport = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "printsupport"
    assert list(printsupport.glob("libcupsprintersupport*"))
    proc = subprocess.run([str(bundle / "leptodesk-cli"), "print", "--list-printers"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_bundle_self_test_passes(bundle, tmp_path):
    proc = subprocess.run([str(bundle / "leptodesk-cli"), "--self-test"], env=_env(tmp_path),
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "SELF-TEST PASSED" in proc.stdout and "FAIL" not in proc.stdout


def test_bundle_plans_an_example(bundle, tmp_path):
    example = ROOT / "examples" / "tuberculous-adult.json"
    proc = subprocess.run([str(bundle / "leptodesk-cli"), "plan", str(example), "--format",
                           "json"], env=_env(tmp_path), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert '"pathway": "tuberculous"' in proc.stdout


def test_bundled_wizard_starts_and_quits(bundle, tmp_path):
    proc = subprocess.run([str(bundle / "leptodesk"), "--quit-after-start"], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
