"""Tagging inside one long paragraph: how a key press grows with the paragraph.

Texts from JSONL datasets often arrive as one line. The tag row's article has newspaper
paragraphs; this series puts the same density of spans (10 per 1,000 characters, nested and
overlapping) into one paragraph of growing length and times what a tag costs the article
view: the new span added as the current one, then the viewport repainted. The commit is the
tag row's business, and it does not grow with the paragraph.
"""

from __future__ import annotations

import random
import statistics

from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import ViewSpan
from bench import qt
from bench.article_view import STYLES, article, spans
from bench.context import SEED, Context
from bench.measure import samples_ms
from bench.table import Growth

SPANS_PER_CHAR = 1 / 100
WINDOW = (1000, 700)  # about the article pane of a maximised main window


def growth(ctx: Context) -> Growth:
    return Growth.measured(
        "tag a span in one long paragraph (10 spans per 1,000 characters; the view's part)",
        ctx.sizes.paragraph_growth,
        lambda s: f"{s / 1000:g} KB",
        lambda chars: f"tag a span in one paragraph of {chars:,} characters",
        lambda chars: _tag_ms(chars, ctx.sizes.presses),
        ctx.say,
    )


def _tag_ms(chars: int, presses: int) -> float:
    """Median ms of adding a current span on screen and repainting, `presses` times."""
    rng = random.Random(SEED + chars)
    text = article(rng, chars, emoji=True).replace("\n", " ")[:chars]
    view = ArticleView()
    view.resize(*WINDOW)
    try:
        qt.show_active(view)
        view.set_article(text, spans(rng, text, round(chars * SPANS_PER_CHAR)))
        view.viewport().repaint()
        shown = min(len(text), 3_000) - 40  # the first lines, on screen
        starts = iter([rng.randrange(0, shown) for _ in range(presses)])
        count = iter(range(presses))

        def tag() -> None:
            start, number = next(starts), next(count)
            tag, style = STYLES[number % len(STYLES)]
            view.add_span(ViewSpan(f"new{number}", start, start + 20, tag, style), current=True)
            view.viewport().repaint()

        return statistics.median(samples_ms(tag, presses))
    finally:
        qt.close(view)
