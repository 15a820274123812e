"""The main window's menu bar (File, Tools, View) and what the File and Tools actions do:
new, open and save a case, open a signed plan, verify a PDF, the Plans window.

A mixin of :class:`ui.main_window.MainWindow`, which owns the case state, the wizard and the
panel these actions act on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from . import i18n, settings
from .i18n import translate

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


def case_filter() -> str:
    return translate("MainWindow", "LeptoDesk case (*.json);;All files (*)")


class WindowMenus:
    """The menus of the main window; their words are set (and set again) in the wizard's
    language by :meth:`retranslate_menus`."""

    # -- menus ----------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        # menu.addAction(text) and setShortcuts(): unlike QAction(text, parent) and
        # setShortcut() they do not build the Qt namespace enums (see ui.main_window). The
        # text is set again in the wizard's language by retranslate_menus (may be empty).
        action = menu.addAction(text)
        if isinstance(shortcut, str):
            action.setShortcuts([QKeySequence(shortcut)])
        elif shortcut is not None:
            action.setShortcuts(shortcut)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        """The menus; their words are set (and set again) by :meth:`retranslate_menus`."""
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu("")
        file_menu.setObjectName("menu_file")
        self.action_new = self._action(file_menu, "", self.new_case,
                                       QKeySequence.StandardKey.New, "action_new")
        self.action_open = self._action(file_menu, "", self.open_case_dialog,
                                        QKeySequence.StandardKey.Open, "action_open")
        self.action_open_pdf = self._action(file_menu, "", self.open_plan_pdf, None,
                                            "action_open_pdf")
        self.recent_menu = file_menu.addMenu("")
        self.recent_menu.setObjectName("menu_recent")
        self.unfinished_menu = file_menu.addMenu("")
        self.unfinished_menu.setObjectName("menu_unfinished")
        self.unfinished_menu.aboutToShow.connect(self._fill_unfinished)
        file_menu.addSeparator()
        self.action_save = self._action(file_menu, "", self.save, QKeySequence.StandardKey.Save,
                                        "action_save")
        self.action_save_as = self._action(file_menu, "", self.save_as,
                                           QKeySequence.StandardKey.SaveAs, "action_save_as")
        file_menu.addSeparator()
        self.action_quit = self._action(file_menu, "", self.close,
                                        QKeySequence.StandardKey.Quit, "action_quit")
        self.tools_menu = tools = bar.addMenu("")
        tools.setObjectName("menu_tools")
        self.action_verify = self._action(tools, "", self.verify_pdf, None, "action_verify")
        self.action_plans = self._action(tools, "", self.show_plans, None, "action_plans")
        self.view_menu = view = bar.addMenu("")
        view.setObjectName("menu_view")
        self.larger_font = self._action(view, "", self.set_larger_font, "Ctrl++",
                                        "action_larger_font")
        self.larger_font.setCheckable(True)
        self.language_menu = view.addMenu("")
        self.language_menu.setObjectName("menu_language")
        # One checked at a time, kept by retranslate_menus (a QActionGroup, and a changeEvent
        # override here, would each build Qt enums before the first page: some 6 ms).
        self.language_actions: dict[str, QAction] = {}
        for lang in i18n.LANGUAGES:
            # Each language named in itself, never translated: someone who reads only one of
            # them finds it whatever the wizard shows now.
            action = self.language_menu.addAction(i18n.LANGUAGE_NAMES[lang])
            action.setObjectName(f"action_language_{lang}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, lang=lang: self.set_language(lang))
            self.language_actions[lang] = action
        self._fill_recent()

    def retranslate_menus(self) -> None:
        from .mnemonics import window_texts

        texts = window_texts()
        self.file_menu.setTitle(texts["file"])
        self.tools_menu.setTitle(texts["tools"])
        self.view_menu.setTitle(texts["view"])
        for action, text in (
                (self.action_new, translate("MainWindow", "&New case")),
                (self.action_open, translate("MainWindow", "&Open case...")),
                (self.action_open_pdf, translate("MainWindow", "Open &plan (PDF)...")),
                (self.action_save, translate("MainWindow", "&Save")),
                (self.action_save_as, translate("MainWindow", "Save &as...")),
                (self.action_quit, translate("MainWindow", "&Quit")),
                (self.action_verify, translate("MainWindow", "&Verify PDF...")),
                (self.action_plans, translate("MainWindow", "&Plans...")),
                (self.larger_font, translate("MainWindow", "&Larger font"))):
            action.setText(text)
        self.recent_menu.setTitle(translate("MainWindow", "&Recent files"))
        self.unfinished_menu.setTitle(translate("MainWindow", "&Unfinished cases"))
        self.language_menu.setTitle(translate("MainWindow", "Lan&guage"))
        for lang, action in self.language_actions.items():
            action.setChecked(lang == i18n.current())

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = settings.get(settings.RECENT_FILES)
        for i, path in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {path}")
            action.triggered.connect(lambda _=False, p=path: self.open_case(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    def new_case(self) -> None:
        self.ensure_core_loaded()  # so that what was typed meanwhile counts as a change
        if self.maybe_keep_changes():
            from leptodesk.models import Case

            self.load_case(Case(schema_version=2), None)

    def open_case_dialog(self) -> None:
        self.ensure_core_loaded()
        if not self.maybe_keep_changes():
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, translate("MainWindow", "Open case"),
                                              settings.get(settings.LAST_FOLDER), case_filter())
        if path:
            self.open_case(Path(path), ask=False)

    def open_case(self, path: Path, ask: bool = True) -> bool:
        self.ensure_core_loaded()
        if ask and not self.maybe_keep_changes():
            return False
        from leptodesk.errors import InvalidInput
        from leptodesk.service import get_service

        try:
            case = get_service().cases.load_file(path)
        except InvalidInput as exc:
            self.inform(translate("MainWindow", "Not a valid case file"),
                        exc.describe_in(i18n.current()))
            return False
        except (OSError, UnicodeDecodeError) as exc:
            from leptodesk.i18n import colon

            self.inform(translate("MainWindow", "Cannot open the case file"),
                        f"{path}{colon(i18n.current())} {i18n.os_message(exc)}")
            return False
        self.load_case(case, path)
        self._remember(path)
        return True

    def open_plan_pdf(self) -> None:
        """Open a signed plan: it is verified first, and the case comes only from its signed
        revision; a PDF that fails is refused with the verdict and nothing of it is loaded."""
        self.ensure_core_loaded()
        if not self.maybe_keep_changes():
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, translate("MainWindow", "Open plan (PDF)"), settings.get(settings.LAST_FOLDER),
            translate("MainWindow", "Signed plan (*.pdf)"))
        if path:
            self.open_plan(Path(path))

    def open_plan(self, path: Path) -> bool:
        from leptodesk.i18n import colon, semicolons
        from leptodesk.service import Refused, get_service

        try:
            opened = get_service().open_signed(path)
        except Refused as exc:  # a nurse summary is told apart (ui.verdict_view)
            from .verdict_view import refused_plan

            refused_plan(self, path, exc)
            return False
        except OSError as exc:
            self.inform(translate("MainWindow", "Cannot open the plan"),
                        f"{path}{colon(i18n.current())} {i18n.os_message(exc)}")
            return False
        self.load_case(opened.case, None)  # a case from a signed PDF is saved as a new file
        self.state.mark_signed(opened.export_result(path))  # not signed twice
        # The verdict as every window shows it: the sentence, the site root that vouches (short
        # fingerprint) and the notes (e.g. that its signer was revoked since it was signed).
        lang = i18n.current()
        self.statusBar().showMessage(
            translate("MainWindow", "Opened the signed case of export {export_id}: {verdict}")
            .format(export_id=opened.verdict.export_id,
                    verdict=semicolons(lang, opened.verdict.screen_lines_in(lang))))
        return True

    def save(self) -> bool:
        self.ensure_core_loaded()
        if self.state.path is None:
            return self.save_as()
        return self._write(self.state.path)

    def save_as(self) -> bool:
        self.ensure_core_loaded()
        start = str(self.state.path or Path(settings.get(settings.LAST_FOLDER) or ".")
                    / "case.json")
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, translate("MainWindow", "Save case"), start,
                                              case_filter())
        if not path:
            return False
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        from leptodesk.service import get_service

        try:
            get_service().cases.save_file(self.state.case, path)
        except OSError as exc:
            self.inform(translate("MainWindow", "Not saved"), f"{path}: {i18n.os_message(exc)}")
            return False
        self.state.path = path
        self.state.dirty = False
        self._remember(path)
        self._update_title()
        return True

    def _remember(self, path: Path) -> None:
        settings.add_recent_file(str(path))
        settings.put(settings.LAST_FOLDER, str(path.parent))
        self._fill_recent()

    # -- tools (windows of their own, imported on first use: not on the way to the first page)
    def verify_pdf(self) -> None:
        from ui.verify_dialog import VerifyDialog

        VerifyDialog(self).exec()

    def show_plans(self) -> None:
        from ui.plans_window import PlansWindow

        self._plans = PlansWindow(self)
        self._plans.show()
