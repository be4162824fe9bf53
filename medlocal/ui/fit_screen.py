"""Windows that fit the screen they open on, at any scale and any font (walk 55a: at 200 % on
a 1366 x 768 laptop the screen is 683 x 384 logical pixels; with an 18 pt font the main window
could not be smaller than 1050 x 559, the first-run wizard's Next and the backup dialog's
Restore and Close lay below or right of the screen's edge, and nothing scrolled).

One rule for every window: what cannot shrink scrolls, and the row of buttons that ends a
dialog (OK, Cancel, Next, Close) stays outside the scrolling part, always in view.

* :func:`scrolling_pane` puts a pane of the main window in a scroll area, so the pane's
  minimum no longer sets the window's.
* :func:`fit_dialog` moves a dialog's content (all of its layout but the button row that ends
  it) into a scroll area, and when it is shown keeps it, and its minimum, within the screen's
  free area.
* :func:`keep_rows` gives a table or list a minimum height of a few rows, so a squeezed dialog
  scrolls rather than showing a table of no rows (the model catalog at 18 pt was 18 px high).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
)

# A dialog no smaller than this, unless the screen is (a few lines of text and its buttons).
SMALLEST_DIALOG = QSize(240, 160)
# Set on a window whose least size keep_on_screen bounded to the screen: a font change measures
# its least size afresh.
BOUNDED_LEAST = "leastBoundedToScreen"


def free_area(widget: QWidget) -> QRect:
    """The free area (without task bars and docks) of the screen ``widget`` is on, in logical
    pixels: at 200 % a 1366 x 768 panel is 683 x 384."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def size_on_screen(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` x ``height``, or the screen's free area where that is smaller."""
    return QSize(width, height).boundedTo(free_area(widget).size())


class FittingScrollArea(QScrollArea):
    """A scroll area that asks for the whole of its content (a wrapped label's every line at
    the width it has), not Qt's default of at most 36 x 24 lines of text; the window around it
    caps that at the screen. Its minimum is small: what does not fit scrolls."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Asks for its content's own width, as before it was first shown, not its viewport's:
        # set while a window is measured afresh after a font change.
        self.measuring_afresh = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes to the controls inside, never to the area; the area scrolls the focused one
        # into view by itself (QScrollArea.focusNextPrevChild).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        # Focus put anywhere inside by a shortcut (F6 to the question box) or a click scrolls it
        # into view too, not only a Tab.
        self._focused: QWidget | None = None
        self._scroll_later = QTimer(self)
        self._scroll_later.setSingleShot(True)
        self._scroll_later.setInterval(0)
        self._scroll_later.timeout.connect(self._scroll_to_focused)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focused)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The widget being typed in stays in view as the window shrinks.
        self._show_focused(None, QApplication.focusWidget())

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self._focused = new
            self._scroll_later.start()  # once the layout has settled at the new size

    def _scroll_to_focused(self) -> None:
        focused = self._focused
        content = self.widget()
        if focused is None or content is None or not shiboken6.isValid(focused):
            return
        if not content.isAncestorOf(focused):
            return
        # With a little around it: the question box's Send below it, a field's label.
        # The whole widget, not only its text cursor (what ensureWidgetVisible shows of a text
        # box).
        margin = min(2 * self.fontMetrics().height(), self.viewport().height() // 4)
        where = QRect(focused.mapTo(content, QPoint(0, 0)), focused.size())
        # Its left edge (where text starts), and its whole height.
        self.ensureVisible(where.left(), where.center().y(), 0, where.height() // 2 + margin)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint().expandedTo(content.minimumSizeHint())
        width = hint.width()
        if self.isVisible() and self.viewport().width() > 0 and not self.measuring_afresh:
            width = self.viewport().width()  # the lines a wrapped label takes at this width
        height = hint.height()
        if content.hasHeightForWidth():
            height = max(height, content.heightForWidth(width))
        frame = 2 * self.frameWidth()
        return QSize(width + frame, height + frame)

    def minimumSizeHint(self) -> QSize:
        # Room for the scroll bars and a line of content, no more; as wide as the content's
        # minimum where it never scrolls sideways.
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        line = self.fontMetrics().lineSpacing()
        least = QSize(3 * bar + 2 * line, 2 * bar + line)
        content = self.widget()
        if content is not None and (
            self.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        ):
            width = content.minimumSizeHint().width() + bar + 2 * self.frameWidth()
            least.setWidth(max(least.width(), width))
        return least


class _AtLeastItsMinimum(QWidget):
    """Holds a pane in a scroll area at no less than the pane's *minimum* height for the width
    it is given, a row of buttons that wrapped to three lines counting three lines.

    Why: a box layout squeezed below that height lays a wrapped row of buttons over the widgets
    after it (walk 55a H6: Delete under "Export redacted copy…"): a window's minimum counts
    each row at one line. And a scroll area left to itself holds a pane that has a
    height-for-width at its *preferred* height, so its lists would scroll away instead of
    shrinking, even where the window has room for them at their minimum."""

    def __init__(self, pane: QWidget) -> None:
        super().__init__()
        self.pane = pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(pane)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        inner = self.pane.layout()
        least = self.pane.minimumSizeHint().height()
        if inner is not None and inner.hasHeightForWidth():
            return max(least, inner.minimumHeightForWidth(width))
        return least


class _DialogContent(QWidget):
    """A dialog's content in its scroll area, laid out at no more than its *minimum* height for
    the width it has where the area is shorter than its preferred height: a scroll area asks a
    content with a wrapped label for its preferred height (its lists at full size), so a dialog
    of usual size at 1x, taller than its minimum, scrolled (review55c: Backup at 640 x 528
    hid its restore part under a scroll bar; its layout's minimum, all of it shown, is 528)."""

    def hasHeightForWidth(self) -> bool:
        layout = self.layout()
        return layout is not None and layout.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        least = self.minimumSizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            return max(least, layout.minimumHeightForWidth(width))
        return least


def scrolling_pane(pane: QWidget) -> FittingScrollArea:
    """``pane`` inside a scroll area, for a splitter: the pane is laid out at no less than its
    minimum height (wrapped rows of buttons counted whole) and scrolls where the window is
    shorter or narrower."""
    area = FittingScrollArea(_AtLeastItsMinimum(pane))
    area.setObjectName(f"{pane.objectName() or type(pane).__name__}Scroll")
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def _holds_buttons(item: QLayoutItem) -> bool:
    """Whether a layout item is (or holds) a dialog's button box."""
    widget = item.widget()
    if isinstance(widget, QDialogButtonBox):
        return True
    layout = item.layout()
    if layout is None:
        return False
    return any(
        (inner := layout.itemAt(i)) is not None and _holds_buttons(inner)
        for i in range(layout.count())
    )


def _widgets_in(item: QLayoutItem) -> list[QWidget]:
    widget = item.widget()
    if widget is not None:
        return [widget]
    layout = item.layout()
    if layout is None:
        return []
    found: list[QWidget] = []
    for index in range(layout.count()):
        inner = layout.itemAt(index)
        if inner is not None:
            found += _widgets_in(inner)
    return found


class _KeepOnScreen(QObject):
    """At each show: the dialog no larger than the screen's free area, and inside it, and no
    default button picked by chance (:func:`no_default_by_chance`); after a font change, the
    size its content asks for at the new font, where the screen has room.

    How a font change sizes it: a dialog that measures itself (:func:`measure_at_font_change`)
    measures again; one that opened at the size Qt gave it (its size hint) takes the size Qt
    would give it now, as if opened at the new font (review59b L2: Add patient opened at 18 pt
    stayed 840 x 184 at 9 pt). One whose size the program set, or the person gave, grows from
    its size before the first font change and goes back to it once the font is smaller again."""

    grow_at_first_show = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The size the window had before a font change first grew it. Each font change starts
        # again from it: a dialog grown for 18 pt stayed that large, half of it empty, once the
        # font was 9 pt again. A size the person gives it (a spontaneous resize) is the one to
        # start from after that.
        self.before_growth: QSize | None = None
        # Sizes set by the program (this filter, Qt's layouts): a window manager confirms each
        # with a spontaneous resize of the same size, which is not the person's.
        self._set_sizes: list[QSize] = []
        # Whether it opened at the size Qt gives a window no one resized, and whether the person
        # has resized it since: their size is kept.
        self._shown = False
        self.sized_by_qt = False
        self.sized_by_person = False
        self.measure: Callable[[], None] | None = None
        # A least width in average characters of its font (:func:`width_in_characters`).
        self.characters = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if not self._shown:
                self._shown = True
                # Qt clears this after sizing a window no one resized (QWidget::setVisible).
                self.sized_by_qt = not watched.testAttribute(Qt.WidgetAttribute.WA_Resized)
            if self.grow_at_first_show:
                self.grow_at_first_show = False
                watched.resize(watched.size().expandedTo(watched.sizeHint()))
            keep_on_screen(watched)
            if isinstance(watched, QDialog) and not isinstance(watched, QWizard):
                no_default_by_chance(watched)
        elif (
            event.type() == QEvent.Type.FontChange
            and isinstance(watched, QWidget)
            and watched.isVisible()
        ):
            # A font grown while it shows (walk 55a M5: the wizard kept its size, its page's
            # fields squeezed under the advice): as large as its content asks, where the
            # screen has room. Once its children have the new font too. Its size now, before
            # its layout's new minimum moves it: where it starts from at a later change.
            if self.before_growth is None:
                self.before_growth = watched.size()
            QTimer.singleShot(0, watched, lambda: self._fit_to_font(watched))
        elif event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            if not event.spontaneous():
                self._set_sizes = [*self._set_sizes[-7:], event.size()]
            elif event.size() not in self._set_sizes:
                self.before_growth = None  # resized by the person: their size is kept
                self.sized_by_person = True
        return False

    def _fit_to_font(self, window: QWidget) -> None:
        if not shiboken6.isValid(window) or not window.isVisible():
            return
        self._least_again(window)
        grows_from_before = self.sized_by_person or not (self.measure or self.sized_by_qt)
        before = self.before_growth
        if grows_from_before and before is not None and window.size() != before:
            window.resize(before)
        # Measured once the layout has settled at that size: a scroll area asks for the width
        # its viewport has.
        QTimer.singleShot(0, window, lambda: self._grow(window))

    def _grow(self, window: QWidget) -> None:
        if not shiboken6.isValid(window) or not window.isVisible():
            return
        _forget_measures(window)
        if not self.sized_by_person and self.measure is not None:
            self.measure()
            keep_on_screen(window)
            return
        if not self.sized_by_person and self.sized_by_qt:
            _size_as_at_first_show(window)
        _grow_to_content(window)

    def _least_again(self, window: QWidget) -> None:
        """Its least size for the font it has now: the one its layout sets, not one
        :func:`keep_on_screen` bounded to the screen at an earlier, larger font (a least size
        set stays, and held the dialog at its 18 pt size), and its least width in characters
        of this font."""
        if window.property(BOUNDED_LEAST):
            window.setProperty(BOUNDED_LEAST, False)
            window.setMinimumSize(0, 0)  # no least size of its own: its layout's again
        if self.characters:
            window.setMinimumWidth(window.fontMetrics().averageCharWidth() * self.characters)


def width_in_characters(dialog: QWidget, characters: int) -> None:
    """``dialog`` (already given to :func:`fit_dialog`) at least ``characters`` average
    characters of its font wide, at every font: a least width measured once, at the font it
    opened with, kept it 840 px wide at 9 pt after it opened at 18 pt."""
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * characters)
    keeper = dialog.findChild(_KeepOnScreen)
    if keeper is not None:
        keeper.characters = characters


def measure_at_font_change(dialog: QWidget, measure: Callable[[], None]) -> None:
    """After a font change, size ``dialog`` (already given to :func:`fit_dialog`) with its own
    ``measure`` rather than growing it from its earlier size, unless the person resized it."""
    keeper = dialog.findChild(_KeepOnScreen)
    if keeper is not None:
        keeper.measure = measure


def _size_as_at_first_show(window: QWidget) -> None:
    """``window`` at the size Qt gives a window no one resized when it is first shown, at the
    font it has now: its scroll areas ask for their content's width, not the width they had."""
    areas = window.findChildren(FittingScrollArea)
    for area in areas:
        area.measuring_afresh = True
    try:
        _forget_measures(window)
        window.adjustSize()
    finally:
        for area in areas:
            area.measuring_afresh = False
    _forget_measures(window)


def _forget_measures(window: QWidget) -> None:
    """Layouts keep the size a scroll area asked for when they last measured it, and a
    :class:`FittingScrollArea` asks for the width its viewport has: measured while the window
    was wide, it held the window at that width after the font was smaller again (the wizard's
    page frame asked for 826 px at 9 pt). Each layout from the areas up to the window measures
    again."""
    for area in window.findChildren(FittingScrollArea):
        widget: QWidget | None = area
        while widget is not None:
            widget.updateGeometry()  # the size its parent's layout holds for it is stale too
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
            if widget is window:
                break
            widget = widget.parentWidget()


def _grow_to_content(window: QWidget) -> None:
    """``window`` as wide as its scrolling parts' content needs (a radio button's text at
    18 pt), then as tall as its content asks at that width, within the screen."""
    if not shiboken6.isValid(window) or not window.isVisible():
        return
    wider = 0
    for area in window.findChildren(FittingScrollArea):
        content = area.widget()
        if content is not None and area.isVisible():
            wider = max(wider, content.minimumSizeHint().width() - area.viewport().width())
    if wider > 0:
        window.resize(size_on_screen(window, window.width() + wider, window.height()))
        layout = window.layout()
        if layout is not None:
            layout.activate()  # the scroll areas at the new width, for their height below
    window.resize(window.size().expandedTo(window.sizeHint()))
    keep_on_screen(window)


def no_default_by_chance(dialog: QDialog) -> None:
    """Call at the dialog's Show event: where the dialog chose no default button (none of its
    own, no OK in its button box), Enter in a field presses nothing; Enter on a focused button
    still presses that button.

    Why: a dialog shown without a default makes the first auto-default button after the focused
    field in the Tab order its default for good (QDialog::setVisible, after the Show event).
    Which button that is depends on the Tab order, not on what Enter should do: once
    fit_dialog put the closing row last, Enter in Backup's empty Folder field opened the folder
    chooser and Enter on a model catalog row started its download (review55c). Before, by
    chance, it was a task's disabled Cancel. So the buttons are not auto-default while Qt
    picks, and are again from the next turn of the event loop."""
    buttons = [b for b in dialog.findChildren(QPushButton) if b.window() is dialog]
    if any(button.isDefault() for button in buttons):
        return  # chosen by the dialog (or its button box's OK, set at the box's own Show)
    held = [button for button in buttons if button.autoDefault()]
    for button in held:
        button.setAutoDefault(False)

    def again() -> None:
        for button in held:
            if shiboken6.isValid(button):
                button.setAutoDefault(True)

    QTimer.singleShot(0, dialog, again)


def keep_on_screen(window: QWidget) -> None:
    """``window``'s minimum, size and place within the free area of its screen."""
    free = free_area(window)
    least = window.minimumSize()
    if least.boundedTo(free.size()) != least:
        # Only where it is larger: a minimum set at all is one the window's layout no longer
        # sets (the summary dialog's splitter then gave its picker the larger part).
        window.setMinimumSize(least.boundedTo(free.size()))
        window.setProperty(BOUNDED_LEAST, True)
    size = window.size().boundedTo(free.size())
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    # Moved only when it does not lie inside the free area already: a window manager's own
    # placement is kept otherwise.
    if not free.contains(QRect(frame.topLeft(), window.size())):
        x = min(max(frame.x(), free.x()), free.right() + 1 - frame.width())
        y = min(max(frame.y(), free.y()), free.bottom() + 1 - frame.height())
        window.move(max(x, free.x()), max(y, free.y()))


def fit_dialog(dialog: QWidget, scroll: bool = True) -> FittingScrollArea | None:
    """Put ``dialog``'s content in a scroll area, its closing button row (a
    :class:`QDialogButtonBox`, or a row holding one, at the end of its layout) below it and
    outside it, and keep the dialog within the screen whenever it is shown.

    Call it once the dialog's layout is built. A dialog whose content scrolls already
    (``scroll=False``) or without a layout is only kept on the screen. Returns the scroll
    area, or None."""
    if dialog.property("fitsScreen"):
        return None
    dialog.setProperty("fitsScreen", True)
    keeper = _KeepOnScreen(dialog)
    dialog.installEventFilter(keeper)
    if isinstance(dialog, QWizard):
        # Its own layout holds the header, the page and Back / Next / Finish / Cancel: the
        # pages scroll inside it instead (walk 55a H2: Next was off a 683 px screen).
        fit_pages([dialog.page(page_id) for page_id in dialog.pageIds()])
        # At the size its pages ask for when first shown, where the screen has room: left to
        # Qt, it opened at 576 px, cutting the header's subtitle to a third line.
        keeper.grow_at_first_show = True
        return None
    layout = dialog.layout()
    if layout is None or not scroll:
        return None
    buttons: QLayoutItem | None = None
    last = layout.itemAt(layout.count() - 1) if layout.count() else None
    if last is not None and _holds_buttons(last):
        buttons = layout.takeAt(layout.count() - 1)
    margins = layout.contentsMargins()
    content = _DialogContent()
    content.setObjectName("fittingContent")
    content.setLayout(layout)  # moves the layout and its widgets from the dialog
    area = FittingScrollArea(content)
    outer = QVBoxLayout(dialog)
    # The margins move out to the dialog; the content keeps none of its own at the sides.
    outer.setContentsMargins(margins)
    layout.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area, 1)
    if buttons is not None:
        # Last in the Tab order again, as on screen: the content's widgets moved, and moving
        # puts a widget at the end of the dialog's focus chain, so the first field no longer
        # had the focus on opening (the buttons did). Taken off and put back, they follow.
        for moved in _widgets_in(buttons):
            moved.setParent(None)
        if isinstance(inner := buttons.layout(), QLayout):
            outer.addLayout(inner)
        elif (widget := buttons.widget()) is not None:
            outer.addWidget(widget)
    return area


def fit_pages(pages: Sequence[QWidget]) -> None:
    """A wizard's pages: each page's content scrolls inside the page (the wizard's own Back,
    Next, Finish and Cancel are outside the pages, so they stay in view)."""
    for page in pages:
        layout = page.layout()
        if layout is None or page.property("fitsScreen"):
            continue
        page.setProperty("fitsScreen", True)
        content = QWidget()
        content.setObjectName("fittingContent")
        content.setLayout(layout)
        layout.setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(FittingScrollArea(content))


def keep_rows(view: QAbstractItemView, rows: int) -> None:
    """``view`` at least ``rows`` rows high (and its header), at the font it has now: a dialog
    too large for the screen then scrolls instead of squeezing the table to nothing."""
    row = view.sizeHintForRow(0) if view.model() is not None and view.model().rowCount() else -1
    if row <= 0:
        row = view.fontMetrics().height() + 8
    header = 0
    if isinstance(view, QTableView):
        horizontal = view.horizontalHeader()
        if horizontal is not None and not horizontal.isHidden():
            header = horizontal.sizeHint().height()
    bar = view.style().pixelMetric(view.style().PixelMetric.PM_ScrollBarExtent)
    view.setMinimumHeight(header + rows * row + bar + 2 * view.frameWidth())
