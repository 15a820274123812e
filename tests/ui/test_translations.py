"""Every word the wizard shows goes through Qt's translation tools, and French and Portuguese
are complete: a string that pyside6-lupdate cannot see (an f-string, a variable in
translate(), a literal handed straight to a widget) fails here, and so does an unfinished or
empty fr or pt entry, a .ts file that lupdate would change, or a .qm out of step with its .ts.

The conventions (docs/localization.md, "Wizard (Qt)"): ``translate("Context", "literal")`` with
literal arguments only, named ``{placeholders}`` filled with ``str.format`` after translation,
``%n`` plural forms with the count as the fourth argument.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"
I18N = ROOT / "resources" / "i18n"
BIN = Path(sys.executable).parent
LANGS = ("fr", "pt")

# Calls whose string arguments reach the screen (or a screen reader).
SINK_METHODS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "setTitle",
    "setSubTitle", "addAction", "addMenu", "setButtonText", "showMessage",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "addItem", "addItems", "setItemText",
    "setHtml", "setPlainText", "information", "question", "warning", "critical",
    "getOpenFileName", "getSaveFileName", "getExistingDirectory", "addButton", "inform",
    "_show_failure", "_show_fail", "setLabelText",
}
SINK_CLASSES = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
                "QListWidgetItem", "QTableWidgetItem", "QMenu", "QToolButton"}
# Calls whose string arguments are not shown (names for code and tests, styles, logs).
NOT_SHOWN = {"setObjectName", "setProperty", "setStyleSheet", "debug", "info", "exception",
             "error", "getLogger", "startswith", "endswith", "replace", "split", "rsplit",
             "join", "strip", "rstrip", "lstrip", "partition", "strftime", "strptime",
             "fromisoformat", "fromString", "toString", "setDisplayFormat", "findData",
             "Setting", "QKeySequence", "audit_or_note", "_record", "compile", "match",
             "environ", "setenv", "get", "getenv", "setdefault", "with_name", "with_suffix",
             "horizontalAdvance", "import_module", "getattr", "hasattr", "isinstance"}
# Not words to translate: units and symbols, file patterns, product and format names.
KEEP = re.compile(r"<[^>]+>|<\w+[^>]*$|\*\.\w+|"
                  r"\b(?:kg|lb|mg/dL|mmol/L|g/L|mL|µL|PDF|LeptoDesk|SHA-256|"
                  r"PLAN\.pdf|NURSE\.pdf|ROOT\.pem|PKCS#12|Ctrl|Cryptococcus|Histoplasma|"
                  r"Coccidioides|Aspergillus|English|Français|Português|nbsp)\b")
# Literals that are shown but are not words in any language (checked by hand; keep short).
ALLOWED_PROSE: dict[str, str] = {
    # printing.py: the command line's printer messages (leptodesk print), in the core's
    # language of the command line, never shown by the wizard.
    "none is set up on this computer": "command line",
    "no printer named '": "command line",
    "' (printers: ": "command line",
    "no default printer": "command line",
    " (printers: ": "command line",
    # i18n.py: the review banner's second line, English on purpose (the way back to the
    # English original must be readable by someone who reads only English).
    "Translation pending clinical review — English original: View > Language > English":
        "English on purpose",
    # plans_window.py: the file name suggested for a saved copy (a name, not words).
    "leptodesk-plan-": "file name",
    # plans_window.py: the check code's shape as the field's placeholder (printed so on
    # every page, in every language).
    "XXXX-XXXX": "the check code's shape",
}


def _wordy(text: str) -> bool:
    bare = KEEP.sub(" ", text)
    return re.search(r"[A-Za-z]{2,}", bare) is not None


def _call_name(node: ast.Call) -> str:
    f = node.func
    if isinstance(f, ast.Attribute):
        return f.attr
    if isinstance(f, ast.Name):
        return f.id
    return ""


def _strings(node: ast.AST) -> list[tuple[str, int]]:
    """String literals inside an expression (f-string parts too), not inside translate()."""
    out: list[tuple[str, int]] = []

    def walk(n: ast.AST) -> None:
        if isinstance(n, ast.Call) and _call_name(n) in ("translate", "tr", "QT_TRANSLATE_NOOP",
                                                         *NOT_SHOWN):
            return
        if isinstance(n, ast.Subscript):  # texts["file"]: a key, not a word shown
            walk(n.value)
            return
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.append((n.value, n.lineno))
            return
        for child in ast.iter_child_nodes(n):
            walk(child)

    walk(node)
    return out


def _ui_files() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = getattr(n, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def test_translate_calls_have_literal_context_and_source():
    """lupdate reads only literals: translate(ctx, variable) or an f-string is invisible to it
    (and an f-string's words would be translated with their values spliced in)."""
    bad = []
    for path in _ui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in ("translate", "tr"):
                if _call_name(node) == "tr":
                    on_self = isinstance(node.func, ast.Attribute) and isinstance(
                        node.func.value, ast.Name) and node.func.value.id == "self"
                    if not on_self:
                        continue  # leptodesk.i18n.tr(lang, key): the core's catalogue
                    args = node.args  # self.tr(text, "", n): the text is first
                    if not args or not (isinstance(args[0], ast.Constant)
                                        and isinstance(args[0].value, str)):
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                    elif len(args) >= 3 and "%n" not in args[0].value:
                        bad.append(f"{path.relative_to(ROOT)}:{node.lineno} (count without %n)")
                    continue
                args = node.args
                literal = [isinstance(a, ast.Constant) and isinstance(a.value, str)
                           for a in args[:2]]
                if len(args) < 2 or not all(literal):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                    continue
                if len(args) >= 4 or any(k.arg == "n" for k in node.keywords):
                    # lupdate 6.11 reads translate(ctx, text, "", n) as a plain string (and
                    # drops it when n is an attribute): counts go through ui.i18n.Plurals.
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno} (a count: use Plurals)")
    assert not bad, "translate() needs a literal context and text:\n" + "\n".join(bad)


def test_no_user_visible_literal_bypasses_translate():
    """A literal with words handed to a widget, a message box or a menu, or kept in a
    constant that is shown later, is English in every language."""
    bad = []
    for path in _ui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        skip: set[int] = set(docstrings)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _call_name(node)
                logger = isinstance(node.func, ast.Attribute) and isinstance(
                    node.func.value, ast.Name) and node.func.value.id in ("log", "logging")
                if logger or name in NOT_SHOWN or name in ("translate", "tr",
                                                           "QT_TRANSLATE_NOOP"):
                    for n in ast.walk(node):
                        skip.add(id(n))
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id.endswith(("STYLE", "FORMAT")) for t in
                    node.targets):
                for n in ast.walk(node):
                    skip.add(id(n))
            if isinstance(node, ast.Compare | ast.Subscript):  # comparisons, keys: not shown
                for n in ast.walk(node):
                    if isinstance(n, ast.Constant):
                        skip.add(id(n))
            if isinstance(node, ast.Dict):
                for k in node.keys:
                    if k is not None:
                        skip.add(id(k))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and id(node) not in skip and (
                    _call_name(node) in SINK_METHODS or _call_name(node) in SINK_CLASSES):
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    for text, line in _strings(arg):
                        if _wordy(text) and text not in ALLOWED_PROSE:
                            bad.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    id(node) not in skip:
                text = node.value
                # Prose: two words or more, or a capitalised word (a label, a title).
                prose = re.search(r"[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}", KEEP.sub(" ", text)) \
                    or re.fullmatch(r"&?[A-Z][a-z]+", text.strip())
                if prose and _wordy(text) and text not in ALLOWED_PROSE \
                        and not re.fullmatch(r"[\w.]+", text):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    assert not bad, "words not seen by the translation tools:\n" + "\n".join(sorted(set(bad)))


def _messages(ts: Path) -> list[dict]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.findall("message"):
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.findall("numerusform")]
            out.append({"context": name, "source": m.find("source").text,
                        "numerus": m.get("numerus") == "yes", "type": tr.get("type"),
                        "text": tr.text or "", "forms": forms})
    return out


def _key(m: dict) -> tuple[str, str, bool]:
    return m["context"], m["source"], m["numerus"]


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> dict[str, Path]:
    """lupdate over ui/ now, into copies of the committed .ts files."""
    folder = tmp_path_factory.mktemp("ts")
    out = {}
    for lang in ("en", *LANGS):
        ts = folder / f"leptodesk_{lang}.ts"
        shutil.copy(I18N / f"leptodesk_{lang}.ts", ts)
        args = [str(BIN / "pyside6-lupdate"), "-extensions", "py", "-locations", "none",
                "-no-obsolete", *(["-pluralonly"] if lang == "en" else []), str(UI),
                "-ts", str(ts)]
        subprocess.run(args, check=True, capture_output=True, text=True, timeout=300)
        out[lang] = ts
    return out


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_ts_files_are_what_lupdate_makes_of_ui_now(fresh_ts, lang):
    """A string added or changed in ui/ without `tools/translations.py update` fails here."""
    committed = {_key(m) for m in _messages(I18N / f"leptodesk_{lang}.ts")}
    fresh = {_key(m) for m in _messages(fresh_ts[lang])}
    assert fresh == committed, (f"run tools/translations.py update: new {fresh - committed}, "
                                f"gone {committed - fresh}")


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_every_entry_is_translated(fresh_ts, lang):
    """No unfinished, vanished or empty entry (English: its plural forms)."""
    bad = []
    for m in _messages(fresh_ts[lang]):
        if m["type"] is not None:
            bad.append((m["type"], m["context"], m["source"]))
        elif m["numerus"] and (len(m["forms"]) < 2 or not all(f.strip() for f in m["forms"])):
            bad.append(("plural forms", m["context"], m["source"]))
        elif not m["numerus"] and not m["text"].strip():
            bad.append(("empty", m["context"], m["source"]))
    assert not bad, bad


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text)) | ({"%n"} if "%n" in text else set())


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_placeholders_mnemonics_and_line_breaks(lang):
    bad = []
    for m in _messages(I18N / f"leptodesk_{lang}.ts"):
        src = m["source"]
        for text in (m["forms"] if m["numerus"] else [m["text"]]):
            if _placeholders(text) != _placeholders(src):
                bad.append(("placeholders", src, text))
            has_mnemonic = re.search(r"&(?!&)\w", src) is not None
            if has_mnemonic != (re.search(r"&(?!&)\w", text) is not None):
                bad.append(("Alt+letter", src, text))
            if src.count("\n") != text.count("\n"):
                bad.append(("line breaks", src, text))
            if src.startswith(" ") != text.startswith(" "):
                bad.append(("leading space", src, text))
    assert not bad, bad


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_qm_is_lrelease_of_the_ts(tmp_path, lang):
    """The .qm the wizard loads is the compiled .ts (tools/translations.py release)."""
    qm = tmp_path / "out.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(I18N / f"leptodesk_{lang}.ts"), "-qm",
                    str(qm)], check=True, capture_output=True, timeout=120)
    assert qm.read_bytes() == (I18N / f"leptodesk_{lang}.qm").read_bytes(), \
        "run tools/translations.py release"


@pytest.mark.parametrize(("lang", "source", "expected"), [
    ("fr", "Cancel", "Annuler"), ("fr", "Save", "Enregistrer"),
    ("pt", "Cancel", "Cancelar"), ("pt", "Discard", "Descartar"),
])
def test_qt_own_dialogs_are_translated_too(qapp, lang, source, expected):
    """Standard buttons (QMessageBox, QDialogButtonBox) come from Qt's qtbase catalogue."""
    from PySide6.QtCore import QCoreApplication

    from ui import i18n

    try:
        loaded = i18n.install(lang)
        assert any(name.startswith("qtbase_") for name in loaded), loaded
        assert QCoreApplication.translate("QPlatformTheme", source) == expected
    finally:
        i18n.install("en")


N = "\u00a0"
FILE_DIALOG = {  # Qt's own file dialog (the one the wizard opens where there is no native one)
    "fr": ["&Regarder dans" + N + ":", "&Nom de fichier" + N + ":",
           "Fichiers de &type" + N + ":"],
    "pt": ["&Procurar em:", "&Nome do ficheiro:", "Ficheiros do &tipo:"],
}


@pytest.mark.parametrize("lang", ["fr", "pt"])
def test_qt_file_and_print_dialogs_have_no_english_left(qapp, lang):
    """Issue 22: "Look in:" and "Files of type:" in English inside the French wizard. Qt 6's
    qtbase catalogues (from the PySide6 wheel, which ships qtbase_fr and qtbase_pt_BR) lack the
    words Qt 6 gave an Alt+letter; resources/i18n/qtbase_extra_LANG.ts has them."""
    from pathlib import Path

    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog, QLabel

    from ui import i18n

    try:
        loaded = i18n.install(lang)
        shipped = Path(i18n.qt_translations_dir())
        assert (shipped / {"fr": "qtbase_fr.qm", "pt": "qtbase_pt_BR.qm"}[lang]).is_file()
        assert f"qtbase_extra_{lang}" in loaded, loaded
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        assert [label.text() for label in dialog.findChildren(QLabel)] == FILE_DIALOG[lang]
        printing = QPrintDialog(QPrinter())
        labels = [label.text() for label in printing.findChildren(QLabel)]
        assert "Page &Set:" not in labels
        assert {"fr": "&Ensemble de pages" + N + ":", "pt": "&Conjunto de páginas:"}[lang] \
            in labels
        dialog.deleteLater()
        printing.deleteLater()
    finally:
        i18n.install("en")
