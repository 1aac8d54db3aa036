"""Render resources/icons/annotator.svg into the icon files the installers need.

Writes packaging/icons/annotator-<N>.png for N in SIZES, annotator.ico (Windows, every size up
to 256 as its own frame) and annotator.icns (macOS). The SVG is drawn with QtSvg (PySide6),
each size rendered separately so small sizes stay sharp; ICO/ICNS are written with Pillow
(the ``build`` extra). Run it again after the SVG changes and commit the outputs:

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SVG = REPO / "resources" / "icons" / "annotator.svg"
OUT = REPO / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # ICO frames stop at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # the sizes Pillow's ICNS writer uses


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size image, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PIL import Image
    except ImportError:
        raise SystemExit("Pillow is needed for .ico/.icns: pip install '.[build]'") from None

    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QtSvg needs one
    args.out.mkdir(parents=True, exist_ok=True)
    rendered = {size: render_png(args.svg, size) for size in sorted({*SIZES, *ICNS_SIZES})}
    for size in SIZES:
        (args.out / f"annotator-{size}.png").write_bytes(rendered[size])

    def image(size: int) -> Image.Image:
        return Image.open(io.BytesIO(rendered[size])).convert("RGBA")

    largest = image(ICO_SIZES[-1])
    largest.save(
        args.out / "annotator.ico",
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[image(size) for size in ICO_SIZES[:-1]],
    )
    image(ICNS_SIZES[-1]).save(
        args.out / "annotator.icns",
        format="ICNS",
        append_images=[image(size) for size in ICNS_SIZES[:-1]],
    )
    for path in sorted(args.out.iterdir()):
        print(f"{path.stat().st_size:>8}  {path}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
