"""The evaluation comparison chart drawn natively: the same laid-out scene the CLI writes as
SVG and PNG (``medlocal.eval.chart``), painted with QPainter and scaled to the widget."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from medlocal.eval.chart import Dot, Line, Scene

_ALIGN = {
    "start": Qt.AlignmentFlag.AlignLeft,
    "middle": Qt.AlignmentFlag.AlignHCenter,
    "end": Qt.AlignmentFlag.AlignRight,
}


class ChartView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene: Scene | None = None
        self.setAccessibleName("Comparison chart: accuracy against seconds per question")
        self.setMinimumSize(380, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_scene(self, scene: Scene | None) -> None:
        self.scene = scene
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self.scene
        if scene is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(self.width() / scene.width, self.height() / scene.height)
        painter.scale(scale, scale)
        painter.fillRect(QRectF(0, 0, scene.width, scene.height), QColor("#ffffff"))
        font = QFont(painter.font())
        for item in scene.items:
            if isinstance(item, Line):
                painter.setPen(QPen(QColor(item.colour), item.width))
                painter.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
            elif isinstance(item, Dot):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(item.colour))
                painter.drawEllipse(QPointF(item.x, item.y), item.r, item.r)
            else:
                font.setPixelSize(max(1, round(item.size)))
                painter.setFont(font)
                painter.setPen(QColor(item.colour))
                width = 400.0
                left = {"start": item.x, "middle": item.x - width / 2, "end": item.x - width}
                box = QRectF(left[item.anchor], item.y - item.size, width, 2 * item.size)
                painter.drawText(
                    box, _ALIGN[item.anchor] | Qt.AlignmentFlag.AlignVCenter, item.text
                )
        painter.end()
