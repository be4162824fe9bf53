"""Windows that fit the screen they open on, at any scale and any font (walk 55a: at 200 % on
a 1366 x 768 laptop the screen is 683 x 384 logical pixels; with an 18 pt font the main window
could not be smaller than 1050 x 559, the first-run wizard's Next and the backup dialog's
Restore and Close lay below or right of the screen's edge, and nothing scrolled).

One rule for every window: what cannot shrink scrolls, and the row of buttons that ends a
dialog (OK, Cancel, Next, Close) stays outside the scrolling part, always in view. The parts
live beside this module: the screen's free area (screen_room), the scroll area that asks for
its whole content and the main window's scrolling panes (fitting_scroll), a dialog kept on the
screen at each show and font change (screen_keeper), no default button by chance
(default_button).

* :func:`fit_dialog` moves a dialog's content (all of its layout but the button row that ends
  it) into a scroll area, and when it is shown keeps it, and its minimum, within the screen's
  free area (:class:`~medlocal.ui.screen_keeper.ScreenKeeper`).
* :func:`fit_pages` does the same for a wizard's pages.
* :func:`keep_rows` gives a table or list a minimum height of a few rows, so a squeezed dialog
  scrolls rather than showing a table of no rows (the model catalog at 18 pt was 18 px high).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QLayout,
    QLayoutItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from medlocal.ui.fitting_scroll import FittingScrollArea
from medlocal.ui.screen_keeper import ScreenKeeper


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
    keeper = ScreenKeeper(dialog)
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
