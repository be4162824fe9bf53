"""Render icons/medlocal.svg to the PNG sizes the freedesktop icon theme spec lists for apps
(16, 22, 24, 32, 48, 64, 128, 256). Uses Qt's SVG renderer offscreen, so it runs headless.
Usage: python installers/linux/make-icons.py   (writes installers/linux/icons/hicolor/...)"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "icons" / "medlocal.svg"))
    if not renderer.isValid():
        print("invalid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = (
            HERE / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "org.medlocal.MedLocal.png"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        # The stubs want bytes for the format; PySide6 6.11 accepts only str at run time.
        if not image.save(str(target), "PNG"):  # type: ignore[call-overload]
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(HERE), target.stat().st_size, "bytes")
    write_ico(HERE.parent / "windows" / "medlocal.ico", (16, 24, 32, 48, 64, 256))
    return 0


def write_ico(target: Path, sizes: tuple[int, ...]) -> None:
    """A Windows .ico holding the PNGs above (PNG entries are valid since Windows Vista)."""
    import struct

    pngs = [
        (
            size,
            (HERE / "icons/hicolor" / f"{size}x{size}/apps/org.medlocal.MedLocal.png").read_bytes(),
        )
        for size in sizes
    ]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    target.write_bytes(header + entries + blobs)
    print(target.name, target.stat().st_size, "bytes")


if __name__ == "__main__":
    raise SystemExit(main())
