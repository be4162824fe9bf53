"""The comparison chart (accuracy with its 95% CI against seconds per question), laid out once
as a few primitives and drawn three ways: SVG text written here, PNG through Pillow, and natively
in the window with QPainter (``medlocal.ui.dialogs.eval_chart``).

Why not matplotlib: one scatter plot does not justify ~40 MB of installed dependencies in a
USB-delivered installer, a font cache written to the user's home folder, and a second of import
time. Pillow (MIT-CMU licence) is already installed with reportlab and has a bundled scalable
font; SVG is plain text. The layout lives here so the three drawings cannot disagree.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Anchor = Literal["start", "middle", "end"]
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
INK, GRID = "#222222", "#DDDDDD"


@dataclass(frozen=True)
class ChartPoint:
    label: str
    seconds_per_question: float
    accuracy: float
    ci_low: float
    ci_high: float
    # A second legend line naming the run (id, n): two runs of one model in one mode had
    # identical entries (walk 38).
    detail: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = INK
    width: float = 1.0


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    colour: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the text's vertical middle
    text: str
    size: float = 12.0
    anchor: Anchor = "start"
    colour: str = INK


@dataclass
class Scene:
    width: int
    height: int
    items: list[Line | Dot | Text] = field(default_factory=list)


def nice_ceiling(value: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at or above ``value`` (axis ends people can read)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return 10.0 * power


def comparison_scene(
    points: Sequence[ChartPoint], title: str = "", width: int = 760, height: int = 440
) -> Scene:
    left, right, top, bottom = 64.0, 240.0, 44.0, 56.0
    step = 50 if any(p.detail for p in points) else 36  # legend lines per run: 3 or 2
    # Every legend entry stays inside the picture, however many runs are compared.
    height = max(height, round(top + 10 + step * len(points) + bottom))
    scene = Scene(width, height)
    add = scene.items.append
    plot_w, plot_h = width - left - right, height - top - bottom
    x_max = nice_ceiling(max((p.seconds_per_question for p in points), default=1.0) * 1.1)

    def px(seconds: float) -> float:
        return left + plot_w * seconds / x_max

    def py(accuracy: float) -> float:
        return top + plot_h * (1.0 - accuracy)

    add(Text(left, 20, title or "Accuracy (95% CI) against speed", 14))
    for tick in range(0, 11, 2):
        y = py(tick / 10)
        add(Line(left, y, left + plot_w, y, GRID))
        add(Text(left - 8, y, f"{tick * 10}%", 11, "end"))
    decimals = max(0, -math.floor(math.log10(x_max / 5)))  # enough to tell ticks apart
    for i in range(6):
        seconds = x_max * i / 5
        x = px(seconds)
        add(Line(x, top + plot_h, x, top + plot_h + 4))
        add(Text(x, top + plot_h + 14, f"{seconds:.{decimals}f}", 11, "middle"))
    add(Line(left, top, left, top + plot_h))
    add(Line(left, top + plot_h, left + plot_w, top + plot_h))
    add(Text(left + plot_w / 2, height - 16, "seconds per question", 12, "middle"))
    for index, p in enumerate(points):
        colour = PALETTE[index % len(PALETTE)]
        x = px(p.seconds_per_question)
        low, high = py(p.ci_low), py(p.ci_high)
        add(Line(x, low, x, high, colour, 2.0))
        add(Line(x - 5, low, x + 5, low, colour, 2.0))
        add(Line(x - 5, high, x + 5, high, colour, 2.0))
        add(Dot(x, py(p.accuracy), 5.0, colour))
        legend_y = top + 10 + step * index
        add(Dot(width - right + 20, legend_y, 5.0, colour))
        add(Text(width - right + 32, legend_y, _shorten(p.label, 30), 12))
        lines = [p.detail] if p.detail else []
        lines.append(f"{100 * p.accuracy:.1f}% · {p.seconds_per_question:.2f} s/q")
        for offset, line in enumerate(lines, start=1):
            y = legend_y + 15 * offset
            add(Text(width - right + 32, y, _shorten(line, 34), 11, colour="#555555"))
    return scene


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_svg(scene: Scene) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{scene.width}" height="{scene.height}" '
        f'viewBox="0 0 {scene.width} {scene.height}" font-family="sans-serif">',
        f'<rect width="{scene.width}" height="{scene.height}" fill="#ffffff"/>',
    ]
    for item in scene.items:
        if isinstance(item, Line):
            parts.append(
                f'<line x1="{item.x1:.1f}" y1="{item.y1:.1f}" x2="{item.x2:.1f}" '
                f'y2="{item.y2:.1f}" stroke="{item.colour}" stroke-width="{item.width:g}"/>'
            )
        elif isinstance(item, Dot):
            parts.append(
                f'<circle cx="{item.x:.1f}" cy="{item.y:.1f}" r="{item.r:g}" fill="{item.colour}"/>'
            )
        else:
            parts.append(
                f'<text x="{item.x:.1f}" y="{item.y:.1f}" font-size="{item.size:g}" '
                f'text-anchor="{item.anchor}" dominant-baseline="middle" '
                f'fill="{item.colour}">{html.escape(item.text)}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_PIL_ANCHOR = {"start": "lm", "middle": "mm", "end": "rm"}


def to_png(scene: Scene, path: Path, scale: int = 2) -> None:
    """Render with Pillow at ``scale`` times the scene's size (sharp on high-DPI screens)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (scene.width * scale, scene.height * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    fonts: dict[float, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}
    for item in scene.items:
        if isinstance(item, Line):
            draw.line(
                [(item.x1 * scale, item.y1 * scale), (item.x2 * scale, item.y2 * scale)],
                fill=item.colour,
                width=max(1, round(item.width * scale)),
            )
        elif isinstance(item, Dot):
            r = item.r * scale
            x, y = item.x * scale, item.y * scale
            draw.ellipse([x - r, y - r, x + r, y + r], fill=item.colour)
        else:
            font = fonts.get(item.size)
            if font is None:
                font = fonts[item.size] = ImageFont.load_default(item.size * scale)
            draw.text(
                (item.x * scale, item.y * scale),
                item.text,
                fill=item.colour,
                font=font,
                anchor=_PIL_ANCHOR[item.anchor],
            )
    image.save(path, format="PNG", optimize=True)
