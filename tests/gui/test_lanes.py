"""Lane stacking and the five underline patterns, drawn onto an image."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from annotator.gui.lanes import (
    LANE_COUNT,
    LaneMetrics,
    _pen,
    _wave_tile,
    assign_lanes,
    draw_underline,
)
from annotator.gui.span_index import UNDERLINE_STYLES, SpanStyle, ViewSpan


def span(span_id: str, start: int, end: int) -> ViewSpan:
    return ViewSpan(span_id, start, end, "claim", SpanStyle("#4C72B0", "solid"))


def test_enclosing_span_keeps_lane_zero_and_nested_ones_stack() -> None:
    lanes = assign_lanes([span("inner", 10, 20), span("outer", 0, 50), span("deeper", 12, 15)])
    assert lanes == {"outer": 0, "inner": 1, "deeper": 2}


def test_a_lane_is_reused_once_its_span_ends() -> None:
    lanes = assign_lanes([span("a", 0, 10), span("b", 5, 15), span("c", 10, 20)])
    assert lanes["a"] == 0 and lanes["b"] == 1 and lanes["c"] == 0


def test_lane_metrics_leave_room_for_all_lanes(qapp: object) -> None:
    for size in (8, 11.5, 16, 28):
        font = QFont("DejaVu Serif")
        font.setPointSizeF(size)
        metrics = LaneMetrics.for_font(QFontMetricsF(font))
        last = metrics.lane_y(0, LANE_COUNT - 1) + metrics.pen / 2
        assert last < metrics.gap
        assert metrics.lane_y(0, 99) == metrics.lane_y(0, LANE_COUNT - 1)


def row_coverage(style: str) -> tuple[int, int]:
    """(painted columns, longest unpainted run) along a 120 px underline of `style`."""
    image = QImage(140, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    draw_underline(painter, 10, 130, 10, SpanStyle("#C44E52", style), LaneMetrics(12, 2, 4, 2))
    painter.end()
    painted = [any(image.pixelColor(x, y).alpha() > 0 for y in range(20)) for x in range(10, 130)]
    longest_gap = run = 0
    for hit in painted:
        run = 0 if hit else run + 1
        longest_gap = max(longest_gap, run)
    return sum(painted), longest_gap


@pytest.mark.parametrize("style", UNDERLINE_STYLES)
def test_every_pattern_draws_along_the_whole_span(qapp: object, style: str) -> None:
    painted, _ = row_coverage(style)
    assert painted >= 55


def test_patterns_differ_so_colour_is_not_the_only_cue(qapp: object) -> None:
    gaps = {style: row_coverage(style)[1] for style in UNDERLINE_STYLES}
    assert gaps["solid"] == gaps["double"] == gaps["wave"] == 0
    assert gaps["dash"] > 0 and gaps["dot"] > 0


def painted_rows(style: str) -> list[int]:
    image = QImage(140, 20, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    draw_underline(painter, 10, 130, 10, SpanStyle("#55A868", style), LaneMetrics(12, 2, 4, 2))
    painter.end()
    return [y for y in range(20) if any(image.pixelColor(x, y).alpha() > 0 for x in range(140))]


def test_dashes_and_dots_cover_the_rows_of_a_solid_lane(qapp: object) -> None:
    solid = painted_rows("solid")
    assert painted_rows("dash") == solid and painted_rows("dot") == solid


def test_solid_double_and_wave_differ_in_shape(qapp: object) -> None:
    solid, double, wave = painted_rows("solid"), painted_rows("double"), painted_rows("wave")
    assert solid == list(range(solid[0], solid[-1] + 1)) and len(solid) <= 2
    assert double != list(range(double[0], double[-1] + 1))  # two lines with a gap between
    assert len(wave) > len(solid)


def reference_lane(
    painter: QPainter, x1: float, x2: float, y: float, style: SpanStyle, pen: float
) -> None:
    """A lane as QPainter draws it from float geometry: a QLineF, or a tile in a QRectF."""
    metrics = LaneMetrics(12, 2, 4, pen)
    if style.underline == "wave":
        tile = _wave_tile(style.color, metrics, 1.0)
        area = QRectF(x1, y - tile.height() / 2, x2 - x1, tile.height())
        painter.drawTiledPixmap(area, tile, QPointF(x1 % tile.width(), 0))
        return
    painter.setPen(_pen(style, pen))
    y = math.floor(y) + 0.5 if pen % 2 else round(y)
    offsets = (-pen / 2, pen / 2) if style.underline == "double" else (0.0,)
    for dy in offsets:
        painter.drawLine(QLineF(x1, y + dy, x2, y + dy))


def rendered(draw: Callable[[QPainter], object]) -> QImage:
    image = QImage(140, 40, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    draw(painter)
    painter.end()
    return image


GEOMETRIES = [(10.3, 60.6, 20.0), (11.0, 130.2, 20.3), (12.8, 19.4, 20.7)]


def inked(image: QImage) -> set[tuple[int, int]]:
    return {
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha()
    }


@pytest.mark.parametrize("style", ["dash", "dot"])
@pytest.mark.parametrize("pen", [2.0, 3.0, 4.0])
def test_dashes_and_dots_are_a_solid_lane_with_gaps(qapp: object, style: str, pen: float) -> None:
    """Drawn from tiles (a dashed pen costs five times a solid one): the pixels of the solid
    lane of the same geometry with gaps, starting with a dash so a short lane shows."""
    metrics = LaneMetrics(12, 2, 4, pen)
    for x1, x2, y in GEOMETRIES:
        ours, solid = (
            inked(rendered(partial(draw_underline, x1=x1, x2=x2, y=y, style=look, metrics=metrics)))
            for look in (SpanStyle("#8172B2", style), SpanStyle("#8172B2", "solid"))
        )
        assert ours <= solid and len(ours) >= len(solid) / 3, (x1, x2, y)
        assert ours != solid or x2 - x1 < 10, (x1, x2, y)  # a short lane can be one dash


@pytest.mark.parametrize("style", ["solid", "double", "wave"])
@pytest.mark.parametrize("pen", [2.0, 3.0, 4.0])
def test_lanes_are_drawn_as_qt_draws_their_float_geometry(
    qapp: object, style: str, pen: float
) -> None:
    """Whole-pixel drawing (no Qt object per segment) paints the same pixels. (An end lying
    exactly on a half pixel may still differ by a pixel under a wide pen, and a dash pattern
    whose period is not whole may start a pixel apart.)"""
    look, metrics = SpanStyle("#8172B2", style), LaneMetrics(12, 2, 4, pen)
    for x1, x2, y in GEOMETRIES:
        ours = rendered(partial(draw_underline, x1=x1, x2=x2, y=y, style=look, metrics=metrics))
        qts = rendered(partial(reference_lane, x1=x1, x2=x2, y=y, style=look, pen=pen))
        assert ours == qts, (x1, x2, y)
