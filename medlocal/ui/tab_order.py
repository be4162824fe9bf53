"""Tab in the order a window shows its controls: the order of its layouts (a form's rows top to
bottom, a row left to right, a grid row by row, a splitter's panes, a tab widget's bar before
its pages), not the order the widgets were created in (walk 55a L2: Evaluate's "Start over",
below the Models list, came before Questions above it, because it was created first)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFormLayout,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QWidget,
)


def _items(layout: QLayout) -> list[QLayoutItem]:
    if isinstance(layout, QFormLayout):
        found: list[QLayoutItem] = []
        for row in range(layout.rowCount()):
            for role in (
                QFormLayout.ItemRole.LabelRole,
                QFormLayout.ItemRole.FieldRole,
                QFormLayout.ItemRole.SpanningRole,
            ):
                item = layout.itemAt(row, role)
                if item is not None:
                    found.append(item)
        return found
    items = [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]
    if isinstance(layout, QGridLayout):
        place: dict[int, tuple[int, int]] = {}
        for index in range(layout.count()):
            position: tuple[int, int, int, int] = layout.getItemPosition(index)  # type: ignore[assignment]
            place[id(layout.itemAt(index))] = (position[0], position[1])
        items.sort(key=lambda item: place[id(item)])
    return items


def in_layout_order(layout: QLayout) -> list[QWidget]:
    """The controls ``layout`` holds that Tab can reach, in the order it shows them."""
    found: list[QWidget] = []
    for item in _items(layout):
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            found += _in_widget(widget)
        elif inner is not None:
            found += in_layout_order(inner)
    return found


def _in_widget(widget: QWidget) -> list[QWidget]:
    if isinstance(widget, QTabWidget):
        pages = [widget.widget(i) for i in range(widget.count())]
        return [widget.tabBar(), *(w for page in pages if page for w in _in_widget(page))]
    if isinstance(widget, QSplitter):
        panes = [widget.widget(i) for i in range(widget.count())]
        return [w for pane in panes if pane for w in _in_widget(pane)]
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        inner = widget.widget()
        return _in_widget(inner) if inner is not None else []
    layout = widget.layout()
    # A control with a layout of its own inside (a spin box, an editable combo box) is one stop;
    # a container (a group box, a page, a plain widget) is the controls it lays out.
    if layout is not None and not isinstance(widget, QAbstractScrollArea):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not widget.focusProxy():
            return [widget, *in_layout_order(layout)]  # a check-able group box
        return in_layout_order(layout)
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
        return [widget]
    return []


def tab_in_layout_order(window: QWidget) -> None:
    """Set ``window``'s Tab order to the order of its layout. Call once it is laid out (its
    widgets in their layouts); widgets outside any layout keep their place."""
    layout = window.layout()
    if layout is None:
        return
    chain = list(dict.fromkeys(in_layout_order(layout)))
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
