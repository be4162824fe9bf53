"""A dialog kept within its screen each time it is shown, and sized afresh after a font change
(walk 55a M5, review59b, ui60)."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDialog, QLabel, QWidget, QWizard

from medlocal.ui.default_button import no_default_by_chance
from medlocal.ui.fitting_scroll import FittingScrollArea
from medlocal.ui.screen_room import (
    BOUNDED_LEAST,
    fit_to_new_screen,
    keep_on_screen,
    size_on_screen,
)


class ScreenKeeper(QObject):
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
        # A dialog no one placed, which Qt centres over its parent in its own Show handler,
        # after this filter's: kept on the screen once Qt has placed it.
        self._placed_by_qt = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if not self._shown:
                self._shown = True
                # Qt clears this after sizing a window no one resized (QWidget::setVisible).
                self.sized_by_qt = not watched.testAttribute(Qt.WidgetAttribute.WA_Resized)
            if self.grow_at_first_show:
                self.grow_at_first_show = False
                watched.resize(watched.size().expandedTo(watched.sizeHint()))
            # Moved here, before QDialog::showEvent, a dialog no one placed lay at (0, 0) (its
            # frame, or the title bar ui61 guesses, above the screen's edge), which also told
            # Qt not to centre it: every message opened in the screen's corner, on the first
            # screen where the window was on the second (review61u). Sized now, placed after.
            self._placed_by_qt = isinstance(watched, QDialog) and not watched.testAttribute(
                Qt.WidgetAttribute.WA_Moved
            )
            keep_on_screen(watched, move=not self._placed_by_qt)
            if isinstance(watched, QDialog) and not isinstance(watched, QWizard):
                no_default_by_chance(watched)
        elif event.type() == QEvent.Type.ShowToParent and isinstance(watched, QWidget):
            if self._placed_by_qt:
                self._placed_by_qt = False
                keep_on_screen(watched)
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
        elif (
            event.type() == QEvent.Type.ScreenChangeInternal
            and isinstance(watched, QWidget)
            and watched.isVisible()
        ):
            # Moved to another screen (ui62): measured for that one, within its free area.
            QTimer.singleShot(0, watched, lambda: self._fit_to_screen(watched))
        elif event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            if not event.spontaneous():
                self._set_sizes = [*self._set_sizes[-7:], event.size()]
            elif event.size() not in self._set_sizes:
                self.before_growth = None  # resized by the person: their size is kept
                self.sized_by_person = True
        return False

    def _fit_to_screen(self, window: QWidget) -> None:
        if not shiboken6.isValid(window) or not window.isVisible():
            return
        fit_to_new_screen(window, None if self.sized_by_person else self.measure)

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
        if isinstance(window, QWizard):
            _wizard_header_again(window)


def _wizard_header_again(wizard: QWizard) -> None:
    """The wizard's header laid out again at the font it has now (ui60: opened at 18 pt, it
    stayed 576 px wide at 9 pt). Qt's header sets its subtitle's least size, a width at which
    the subtitle takes two lines, only when it lays itself out (a page change, a format set),
    and measures that width against the label's least size of the time: the 18 pt one, 512 x
    56, which the label's every measure then respected. So that least size goes first, and
    setting the subtitle's format (the same) makes Qt measure it afresh."""
    for header in wizard.findChildren(QWidget):
        if header.metaObject().className() != "QWizardHeader":
            continue
        for label in header.findChildren(QLabel):
            label.setMinimumSize(0, 0)
    wizard.setSubTitleFormat(wizard.subTitleFormat())


def width_in_characters(dialog: QWidget, characters: int) -> None:
    """``dialog`` (already given to :func:`fit_dialog`) at least ``characters`` average
    characters of its font wide, at every font: a least width measured once, at the font it
    opened with, kept it 840 px wide at 9 pt after it opened at 18 pt."""
    dialog.setMinimumWidth(dialog.fontMetrics().averageCharWidth() * characters)
    keeper = dialog.findChild(ScreenKeeper)
    if keeper is not None:
        keeper.characters = characters


def measure_at_font_change(dialog: QWidget, measure: Callable[[], None]) -> None:
    """After a font change, size ``dialog`` (already given to :func:`fit_dialog`) with its own
    ``measure`` rather than growing it from its earlier size, unless the person resized it."""
    keeper = dialog.findChild(ScreenKeeper)
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
