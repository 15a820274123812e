"""Pages are built when first needed: the first plan waits for none of them.

The wizard knows every page once the core has loaded (``pageIds``), but builds one only when
Next is about to show it, when it is asked for by name (``page``, ``page_of``), or in idle time
after the first plan; what it shows is then the same as if it had been built at the start.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox, QWidget, QWizard

from ui.pages import PageId

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_first_plan_builds_no_other_page(window):
    wizard = window.wizard
    assert window.core_loaded and "(no name entered)" in window.panel.header_text()
    assert wizard.built_page_ids() == [PageId.PATIENT]
    assert wizard.pageIds() == list(PageId)  # every page is known
    # The Patient page is not the last: Next, not Finish, though its next page is not built.
    assert not wizard.button(QWizard.WizardButton.NextButton).isHidden()
    assert wizard.button(QWizard.WizardButton.FinishButton).isHidden()


def test_next_builds_the_page_it_shows_and_no_other(window):
    wizard = window.wizard
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 40)
    wizard.next()
    assert wizard.currentId() == PageId.PRESENTATION
    assert wizard.built_page_ids() == [PageId.PATIENT, PageId.PRESENTATION]
    wizard.next()
    assert wizard.currentId() == PageId.IMAGING_LP
    assert PageId.CSF not in wizard.built_page_ids()


def test_branching_builds_only_the_branch_taken(window):
    wizard = window.wizard
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 49)
    for _ in range(3):
        wizard.next()
    assert wizard.currentId() == PageId.CSF
    wizard.next()
    assert wizard.currentId() == PageId.ETIOLOGY
    wizard.currentPage().set_value("etiology.category", "malignant")
    wizard.next()
    assert wizard.currentId() == PageId.PRIMARY_CANCER
    assert PageId.FUNGAL_ORGANISM not in wizard.built_page_ids()
    wizard.back()
    assert wizard.currentId() == PageId.ETIOLOGY


def test_idle_time_builds_the_rest(window, qtbot):
    window.build_pages_when_idle()
    qtbot.waitUntil(lambda: window.wizard.built_page_ids() == list(PageId), timeout=10000)


def test_idle_time_works_in_steps_of_one_event_loop_turn(window, qtbot):
    """Each turn of idle time does one step (a page's module imported, the page built, or
    laid out), then yields to the event loop: a key typed meanwhile waits for one step."""
    from PySide6.QtCore import Qt

    wizard = window.wizard
    steps: list[str] = []
    real = wizard.idle_step

    def step() -> str | None:
        steps.append(real())
        return steps[-1]

    wizard.idle_step = step
    assert window.panel.settle()  # idle time's first step: the first plan's frames
    window.build_pages_when_idle()
    assert len(steps) == 1 and len(wizard.built_page_ids()) <= 2  # one step, then it yields
    qtbot.waitUntil(lambda: not window.idle_work_left(), timeout=10000)
    qtbot.wait(1)
    later = [p for p in PageId if p != PageId.PATIENT]
    assert steps.count("build") == len(later) == 10
    assert steps.count("lay_out") == 10
    assert steps[-1] is None  # nothing left: no more turns asked for
    assert wizard.built_page_ids() == list(PageId)
    for page_id in later:  # polished and laid out before they are ever shown
        page = wizard.page_of(page_id)
        assert not page.isVisible() and page.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)
        assert not page.size().isEmpty() and page.layout().geometry().size() == page.size()


def test_the_review_page_is_laid_out_wider_by_the_panel_it_hides(window, qtbot):
    wizard = _shown_with_every_page_built(window, qtbot)
    shown = wizard.currentPage().width()
    gain = window.panel.width() + window.splitter.handleWidth()
    assert gain > 100
    assert wizard.page_of(PageId.REVIEW).width() == shown + gain
    assert wizard.page_of(PageId.SIGN).width() == shown


def test_a_page_laid_out_ahead_is_not_laid_out_again_at_its_first_show(window, qtbot):
    """Built and laid out in idle time, and again as the page before it is read, a page is
    shown without being laid out again: its drop-down lists measured (Qt measures a list's
    choices again at its first show, by default), what its scroll area holds laid out, at
    the size the page is shown at. The review page is laid out ahead at its own size."""
    wizard = _shown_with_every_page_built(window, qtbot)
    checked = {PageId.CSF, PageId.ETIOLOGY, PageId.COMPLICATIONS_PLANNED}
    for page_id in checked:
        assert wizard.page_of(page_id).findChildren(QComboBox)  # the lists it is about
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 49)
    seen = {}
    while wizard.currentId() != PageId.REVIEW:
        qtbot.waitUntil(lambda: not wizard.preparing_next_page(), timeout=5000)
        page = wizard.page(wizard.currentPage().nextId())
        laid_out = _laid_out_at_next(wizard, page, qtbot)
        seen[wizard.currentId()] = laid_out
    assert checked <= seen.keys()
    assert {page_id: seen[page_id] for page_id in checked} == {p: [] for p in checked}
    # Laid out ahead at the first page's size, which is every page's size now that QWizard
    # has a child's margins from the start (CaseWizard.take_child_margins).
    assert seen[PageId.PRESENTATION] == []
    # The review page is laid out ahead too, as the page before it is read, with the plan as
    # it is then (in idle time it was laid out with the plan of then): its plan and its table
    # are not laid out again at its show.
    assert [name for name in seen[PageId.REVIEW] if name.startswith("Resize")] == []


def test_the_kps_list_is_fitted_ahead_so_its_first_show_changes_nothing(window, qtbot):
    """Laid out ahead while hidden, the Prognosis page's fields are laid out at the page's
    width too (its scroll area's pending resize sent), and the Karnofsky list is made tall
    enough for its wrapped rows then: showing the page leaves the list's height alone."""
    wizard = _shown_with_every_page_built(window, qtbot)
    page = wizard.page_of(PageId.PROGNOSIS)
    lst = page.kps.editor
    assert not page.isVisible() and lst.width() < page.width()  # laid out in the page
    ahead = lst.minimumHeight()
    assert page.fit_kps_list() is False  # fitted already, nothing to change
    rows = sum(lst.sizeHintForRow(i) for i in range(lst.count()))
    assert ahead == rows + 2 * lst.frameWidth() + 4
    page.kps_delegate.clear()  # a font, style or language change: measured again, the same
    assert sum(lst.sizeHintForRow(i) for i in range(lst.count())) == rows
    assert lst.minimumHeight() == ahead


def test_the_kps_rows_are_laid_out_ahead_so_their_first_paint_lays_out_none(
        window, qtbot, monkeypatch):
    """The Karnofsky list's rows are measured while the page is laid out ahead, and their
    texts laid out then, at the width they are drawn at: the page's first show paints them
    without laying any text out again."""
    import ui.kps_delegate

    wizard = _shown_with_every_page_built(window, qtbot)
    made = []

    class Counted(ui.kps_delegate.QStaticText):
        def __init__(self, *args) -> None:
            super().__init__(*args)
            made.append(args)

    monkeypatch.setattr(ui.kps_delegate, "QStaticText", Counted)
    painted = []
    real_paint = ui.kps_delegate.KpsDelegate.paint
    monkeypatch.setattr(ui.kps_delegate.KpsDelegate, "paint",
                        lambda self, *a: (painted.append(1), real_paint(self, *a))[1])
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 49)
    _walk_to(wizard, PageId.ETIOLOGY, qtbot)
    wizard.currentPage().set_value("etiology.category", "malignant")
    _walk_to(wizard, PageId.PRIMARY_CANCER, qtbot)
    wizard.currentPage().set_value("etiology.primary_cancer", "breast_her2_positive")
    qtbot.wait(60)  # read: the next page is laid out ahead (its rows' texts too)
    # Laid out at the width they are drawn at: in idle time already, at the size every page
    # has (CaseWizard.take_child_margins), else now, beside this page.
    assert wizard.page_of(PageId.PROGNOSIS).kps_delegate._texts
    made.clear()
    wizard.next()
    assert wizard.currentId() == PageId.PROGNOSIS
    qtbot.waitUntil(lambda: len(painted) >= 12, timeout=5000)  # every row painted
    assert made == []


def test_a_page_built_after_a_case_is_opened_shows_its_values(window, tmp_path):
    path = tmp_path / "case.json"
    path.write_text((EXAMPLES / "malignant-her2-good-prognosis.json").read_text())
    assert window.open_case(path)
    assert PageId.PRIMARY_CANCER not in window.wizard.built_page_ids()
    page = window.wizard.page_of(PageId.PRIMARY_CANCER)
    box = page.findChild(QComboBox, "etiology__primary_cancer")
    expected = json.loads(path.read_text())["etiology"]["primary_cancer"]
    assert box.currentData() == expected == "breast_her2_positive"


def test_a_page_built_after_a_change_of_language_is_in_that_language(window):
    window.language_actions["fr"].trigger()
    try:
        assert PageId.CSF not in window.wizard.built_page_ids()
        assert window.wizard.page_of(PageId.CSF).title() == "Résultats du LCR"
    finally:
        window.language_actions["en"].trigger()


def test_pages_built_late_are_wired_to_the_window(window):
    review = window.wizard.page_of(PageId.REVIEW)
    sign = window.wizard.page_of(PageId.SIGN)
    assert window.panel.receivers("2reader_changed()") >= 1
    assert sign.receivers("2completeChanged()") >= 2  # QWizard's own and the window's
    assert review.isVisible() is False


class _PanelAtShow(QObject):
    """Whether the live plan beside the pages was hidden when a page got its Show event, and
    the page's widths when shown."""

    def __init__(self, panel) -> None:
        super().__init__()
        self.panel = panel
        self.seen: list[bool] = []
        self.widths: set[int] = set()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show:
            self.seen.append(self.panel.isHidden())
            self.widths.add(obj.width())
        return False


def _shown_with_every_page_built(window, qtbot):
    """The window shown, and idle time's work done (every page built and laid out)."""
    window.show()
    qtbot.waitExposed(window)
    window.build_pages_when_idle()
    qtbot.waitUntil(lambda: not window.wizard.idle_work_left(), timeout=10000)
    return window.wizard


def _walk_to(wizard, page_id, qtbot=None) -> None:
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 49)
    while wizard.currentId() != page_id:
        wizard.next()
        if qtbot is not None:
            qtbot.wait(1)  # as between two presses of Next: the last page's layout done


def test_the_panel_goes_and_comes_before_the_page_is_shown(window, qtbot):
    """The Review page shows the whole plan, so the panel beside it goes: before the page is
    shown, so the page is laid out once at the width it keeps (not at the old width first);
    and it comes back before the Sign page (forward) or the page before Review (Back)."""
    window.show()
    qtbot.waitExposed(window)
    wizard = window.wizard
    review, sign = _PanelAtShow(window.panel), _PanelAtShow(window.panel)
    wizard.page_of(PageId.REVIEW).installEventFilter(review)
    wizard.page_of(PageId.SIGN).installEventFilter(sign)
    complications = _PanelAtShow(window.panel)
    wizard.page_of(PageId.COMPLICATIONS_PLANNED).installEventFilter(complications)
    # (QWizard shows a page more than once as it switches: every Show counts.)
    _walk_to(wizard, PageId.REVIEW, qtbot)
    assert review.seen and all(review.seen)  # hidden when the review page was shown
    qtbot.wait(10)  # every layout done
    # Shown at the width it keeps: the whole wizard's, without the panel beside it.
    assert review.widths == {wizard.page_of(PageId.REVIEW).width()}
    wizard.next()
    assert wizard.currentId() == PageId.SIGN and sign.seen and not any(sign.seen)
    qtbot.wait(10)
    assert sign.widths == {wizard.page_of(PageId.SIGN).width()}  # beside the panel again
    assert sign.widths != review.widths
    review.seen.clear()
    wizard.back()
    assert wizard.currentId() == PageId.REVIEW and review.seen and all(review.seen)
    wizard.back()
    assert wizard.currentId() == PageId.COMPLICATIONS_PLANNED
    assert complications.seen and not complications.seen[-1] and not window.panel.isHidden()


class _Resized(QObject):
    """The widgets of a page laid out again: each one that got a Resize, or a LayoutRequest
    (its layout asked to be done again, at the same size: a drop-down list measuring its
    choices again at its first show did that to the sign page's alerts)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.names.append(f"{event.type().name} {obj.objectName() or type(obj).__name__}")
        return False


def _next_watched(wizard, widgets, watch, qtbot):
    """Next pressed with ``watch`` filtering the events of ``widgets``; returns ``watch``."""
    for widget in widgets:
        widget.installEventFilter(watch)
    try:
        wizard.next()
        qtbot.wait(10)
    finally:
        for widget in widgets:
            widget.removeEventFilter(watch)
    return watch


def _laid_out_at_next(wizard, page, qtbot) -> list[str]:
    """Next pressed: what in ``page`` (its widgets, not the page, whose own resize is sent at
    its show) was laid out again (``_Resized``)."""
    return _next_watched(wizard, page.findChildren(QWidget), _Resized(), qtbot).names


def test_the_sign_page_is_prepared_while_the_review_page_is_read(window, qtbot):
    """The review page changes nothing: while it is read, the sign page makes the rows of the
    alerts to answer and is laid out at the width it is shown at, beside the panel (narrower
    than the review by the panel). Next then lays out none of its widgets again."""
    wizard = _shown_with_every_page_built(window, qtbot)
    page = wizard.page_of(PageId.SIGN)
    # A bacterial case with an LP STOP: the alerts to answer change after the page was
    # laid out in idle time (age, fever, then the etiology), so its rows are out of date.
    wizard.page_of(PageId.PATIENT).set_value("patient.age_years", 49)
    _walk_to(wizard, PageId.ETIOLOGY, qtbot)
    wizard.currentPage().set_value("etiology.category", "bacterial")
    _walk_to(wizard, PageId.REVIEW, qtbot)
    qtbot.waitUntil(lambda: not wizard.preparing_next_page(), timeout=5000)
    alerts = get_service_alerts(window)
    assert alerts and [row.alert.ack_id for row in page.acks.rows] == alerts
    review = wizard.page_of(PageId.REVIEW).width()
    assert not page.isVisible() and 0 < page.width() < review - 100  # beside the panel
    prepared = page.size()
    scroll = page.acks.scroll
    assert scroll.width() > page.width() // 2 and scroll.widget().width() > 0  # laid out
    laid_out = _laid_out_at_next(wizard, page, qtbot)
    assert wizard.currentId() == PageId.SIGN and page.size() == prepared
    assert len(page.acks.rows) == 4  # more than fit: the scroll bar was shown ahead too
    assert laid_out == []  # nothing in the page laid out again at its show


def test_the_sign_pages_show_lays_out_each_text_once_at_each_width(window, qtbot,
                                                                   monkeypatch):
    """QWizard works out its size at several widths when the sign page comes (and the panel
    with it): each wrapped text of the page and the panel is laid out once at each width
    asked, not again at each of the layouts' questions (19 layouts of three texts, a seventh
    of the show)."""
    from PySide6.QtWidgets import QLabel

    wizard = _shown_with_every_page_built(window, qtbot)
    _walk_to(wizard, PageId.ETIOLOGY, qtbot)
    wizard.currentPage().set_value("etiology.category", "bacterial")
    _walk_to(wizard, PageId.REVIEW, qtbot)
    qtbot.waitUntil(lambda: not wizard.preparing_next_page(), timeout=5000)
    real, laid_out = QLabel.heightForWidth, []

    def counted(label, width):
        laid_out.append((label.objectName(), label.text(), width))
        return real(label, width)

    with monkeypatch.context() as patched:
        patched.setattr(QLabel, "heightForWidth", counted)
        wizard.next()
        qtbot.wait(10)
    assert wizard.currentId() == PageId.SIGN
    names = {name for name, _text, _width in laid_out}
    assert {"ack_heading", "sign_status"} <= names  # the page was laid out at its show
    again = sorted({(n, w) for n, t, w in laid_out if laid_out.count((n, t, w)) > 1})
    assert again == []


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.times: dict[str, int] = {}

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            name = obj.objectName() or type(obj).__name__
            self.times[name] = self.times.get(name, 0) + 1
        return False


def test_next_paints_each_field_of_the_page_once(window, qtbot):
    """A page's fields are painted once when Next shows the page. Its scroll area filled its
    own background: Qt paints such an opaque widget on its own and then again with the window
    when both were marked for painting, as at every page change (the CSF page's eight frames
    of entry fields, the costliest thing Fusion draws there, twice)."""
    from PySide6.QtWidgets import QLineEdit

    wizard = _shown_with_every_page_built(window, qtbot)
    _walk_to(wizard, PageId.IMAGING_LP, qtbot)
    qtbot.waitUntil(lambda: not wizard.preparing_next_page(), timeout=5000)
    page = wizard.page_of(PageId.CSF)
    fields = [e for e in page.findChildren(QLineEdit) if e.objectName()]
    assert len(fields) >= 6
    painted = _next_watched(wizard, fields, _Painted(), qtbot)
    assert wizard.currentId() == PageId.CSF
    assert painted.times == {field.objectName(): 1 for field in fields if field.isVisible()}


def test_a_scrolled_page_shows_what_a_fresh_paint_shows(window, qtbot):
    """The page's scroll area paints no background of its own (the page's shows through):
    scrolled, what is on screen is what painting the window afresh gives, with nothing left
    behind from before the scroll."""
    from PySide6.QtGui import QGuiApplication

    window.resize(1024, 420)  # short enough for the pages to scroll
    window.show()
    qtbot.waitExposed(window)
    wizard = window.wizard
    _walk_to(wizard, PageId.COMPLICATIONS_PLANNED, qtbot)
    bar = wizard.currentPage().scroller.verticalScrollBar()
    assert bar.maximum() > 100
    for value in (bar.maximum() // 3, bar.maximum(), 7, 0):
        bar.setValue(value)
        qtbot.wait(10)
        on_screen = QGuiApplication.primaryScreen().grabWindow(window.winId()).toImage()
        fresh = window.grab().toImage().convertToFormat(on_screen.format())
        assert on_screen == fresh, value


def get_service_alerts(window) -> list[str]:
    """The ids of the plan's alerts to answer, as the core lists them."""
    from leptodesk.service import get_service

    return [a.ack_id for a in get_service().acks.to_answer(window.state.plan)]


def test_the_review_page_is_laid_out_again_only_when_the_plan_changed(window, qtbot):
    """Built in idle time, the review page already holds the plan: showing it does not set
    the whole plan's HTML again; a change made while it was hidden is shown when it is."""
    wizard = window.wizard
    review = wizard.page_of(PageId.REVIEW)  # built now, with the plan as it is
    refreshed = []
    real = review.refresh
    review.refresh = lambda: (refreshed.append(True), real())[1]
    _walk_to(wizard, PageId.REVIEW)
    # Age 49 was entered after the page was built: shown once, with the case as it is.
    assert refreshed == [True] and ("age (years)", "49") in review.input_rows()
    wizard.back()
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW and refreshed == [True]  # unchanged: not again
    wizard.back()
    wizard.page_of(PageId.PATIENT).set_value("patient.display_name", "Bed 12")
    wizard.next()
    assert refreshed == [True, True]
    assert ("patient name or bed/MRN", "Bed 12") in review.input_rows()


def test_a_restart_from_the_sign_page_does_not_hide_the_panel_on_the_way(window, qtbot):
    """restart() (a case finished or opened) cleans up every visited page: the panel stays
    (it was shown beside the Sign page and is shown beside the first page)."""
    wizard = window.wizard
    _walk_to(wizard, PageId.SIGN, qtbot)
    said: list[bool] = []
    wizard.review_shown.connect(said.append)
    wizard.restart()
    assert wizard.currentId() == PageId.PATIENT
    assert said and not any(said) and not window.panel.isHidden()


def test_the_review_page_takes_in_the_plan_while_the_page_before_it_is_read(window, qtbot):
    """Once the page before the review is shown (and painted), the review page takes in the
    plan as it is then: Next shows it without making the whole plan's HTML again."""
    wizard = window.wizard
    review = wizard.page_of(PageId.REVIEW)  # built now, before age 49 is entered
    refreshed: list[int] = []
    real = review.refresh
    review.refresh = lambda: (refreshed.append(wizard.currentId()), real())[1]
    _walk_to(wizard, PageId.COMPLICATIONS_PLANNED)
    assert refreshed == []  # not while the pages go by
    qtbot.waitUntil(lambda: not wizard.preparing_next_page(), timeout=5000)
    assert refreshed == [PageId.COMPLICATIONS_PLANNED]
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    assert refreshed == [PageId.COMPLICATIONS_PLANNED]  # not again at its show
    assert ("age (years)", "49") in review.input_rows()


class _Resizes(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[tuple[int, int]] = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.sizes.append(event.size().toTuple())
        return False


def test_the_panel_comes_back_at_its_width_not_at_nothing(window, qtbot):
    """Hidden beside the review page, the panel is shrunk to nothing by the splitter; shown
    again beside the Sign page (or the page before the review, with Back) it comes back at
    the width it had, so its plan is not laid out again at width 0 and then at its width."""
    window.show()
    qtbot.waitExposed(window)
    wizard = window.wizard
    viewport = window.panel.browser.viewport()
    _walk_to(wizard, PageId.COMPLICATIONS_PLANNED, qtbot)
    qtbot.wait(10)
    width = viewport.width()  # as the review page hides it
    assert width > 100
    resizes = _Resizes()
    viewport.installEventFilter(resizes)
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW and window.panel.isHidden()
    wizard.next()
    qtbot.wait(10)
    assert wizard.currentId() == PageId.SIGN and not window.panel.isHidden()
    assert all(w == width for w, _ in resizes.sizes), resizes.sizes
    assert viewport.width() == width
    wizard.back()
    wizard.back()
    qtbot.wait(10)
    assert wizard.currentId() == PageId.COMPLICATIONS_PLANNED and not window.panel.isHidden()
    assert all(w == width for w, _ in resizes.sizes), resizes.sizes


def test_the_first_page_has_the_place_every_page_has(window, qtbot):
    """QWizard chose a window's margins for the first page (the wizard is made before it is
    placed in the window) and a child's at the first page change: the first page was 8 px
    smaller and moved at the first Next, and again at Back. Now it has every page's place."""
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(1)  # the splitter shares the width out in the turn after the show
    wizard = window.wizard

    def place():
        page = wizard.currentPage()
        return page.mapTo(window, page.rect().topLeft()), page.size()

    first = place()
    wizard.next()
    qtbot.wait(1)
    assert wizard.currentId() == PageId.PRESENTATION and place() == first
    wizard.back()
    qtbot.wait(1)
    assert wizard.currentId() == PageId.PATIENT and place() == first
