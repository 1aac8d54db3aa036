"""How fast the article view shows a long article with many spans (DESIGN 4b).

Builds a seeded ~1.1 MB article of plain paragraphs and 10,000 overlapping and nested spans,
then times `set_article` + the first paint (`grab()`), against a bare `QPlainTextEdit` and the
view without spans. Also times one span edit, a bulk `set_spans` and a scroll + repaint.

    QT_QPA_PLATFORM=offscreen python bench/article_view.py [--runs 5] [--spans 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import SpanStyle, ViewSpan

STYLES = [
    ("claim", SpanStyle("#4C72B0", "solid")),
    ("quote", SpanStyle("#DD8452", "dash")),
    ("facility", SpanStyle("#55A868", "dot")),
    ("assessment", SpanStyle("#C44E52", "wave")),
]
SUBJECTS = [
    "The ministry",
    "A spokesperson",
    "Local residents",
    "Independent engineers",
    "The regional governor",
    "Satellite imagery",
    "The operator",
    "Two officials",
]
VERBS = ["said", "reported", "denied", "confirmed", "suggested", "claimed", "warned", "noted"]
OBJECTS = [
    "that the plant had resumed work",
    "that the pipeline was repaired last week",
    "a sharp rise in deliveries",
    "that the harbour remained closed",
    "new construction near the northern gate",
    "delays at the border crossing",
    "that the reactor building was intact",
    "a shortage of spare parts",
]
TAILS = [
    "according to documents seen by reporters",
    "despite earlier denials",
    "in a statement on Friday",
    "although no evidence was offered",
    "while the opposition disputed the figures",
    "citing unnamed sources",
]
EMOJI = ["😀", "🚀", "🛰️", "👩\u200d🔬", "📡", "𝒳"]


def article(rng: random.Random, target: int, emoji: bool) -> str:
    """Newspaper-like paragraphs of 3-8 sentences until `target` characters."""
    paragraphs: list[str] = []
    size = 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 8)):
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
            if rng.random() < 0.5:
                sentence += f", {rng.choice(TAILS)}"
            if emoji and rng.random() < 0.15:
                sentence += f" {rng.choice(EMOJI)}"
            sentences.append(sentence + ".")
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 1
    return "\n".join(paragraphs)


def spans(rng: random.Random, text: str, count: int) -> list[ViewSpan]:
    """Random spans of 20-400 characters; a third nest inside an earlier one."""
    out: list[ViewSpan] = []
    for i in range(count):
        if out and rng.random() < 0.33:
            parent = rng.choice(out)
            start = rng.randint(parent.start, max(parent.start, parent.end - 10))
            end = rng.randint(start + 1, parent.end)
        else:
            start = rng.randrange(0, len(text) - 401)
            end = start + rng.randint(20, 400)
        tag, style = STYLES[i % len(STYLES)]
        out.append(ViewSpan(f"s{i}", start, end, tag, style, f"{tag} #{i}"))
    return out


def then_paint(widget: QWidget, step: Callable[[], object]) -> Callable[[], None]:
    """`step`, then the first paint it causes (grab() runs paintEvent like the screen would)."""

    def run() -> None:
        step()
        widget.grab()

    return run


def timed(
    runs: int, setup: Callable[[], None], action: Callable[[], object]
) -> tuple[float, float]:
    """(median, best) milliseconds of `action` over `runs`, each after `setup`.

    The best run shows the cost without noise from other processes; the median the usual.
    """
    samples = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--spans", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=1_160_000, help="article size in characters")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])

    rng = random.Random(20240611)
    text = article(rng, args.size, emoji=False)
    emoji_text = article(rng, args.size, emoji=True)
    many = spans(rng, text, args.spans)
    others = spans(rng, text, args.spans)
    few_changed = [
        ViewSpan(s.id, s.start, s.end, "quote", STYLES[1][1]) if i % 500 == 0 else s
        for i, s in enumerate(many)
    ]
    many_emoji = spans(rng, emoji_text, args.spans)

    plain = QPlainTextEdit()
    view = ArticleView()
    for widget in (plain, view):
        widget.resize(1000, 800)
        widget.show()
    app.processEvents()

    def reset() -> None:
        view.clear_article()
        plain.clear()
        app.processEvents()

    rows: list[tuple[str, tuple[float, float]]] = [
        (
            "QPlainTextEdit setPlainText + first paint",
            timed(args.runs, reset, then_paint(plain, partial(plain.setPlainText, text))),
        ),
        (
            "ArticleView, 0 spans: set_article + first paint",
            timed(args.runs, reset, then_paint(view, partial(view.set_article, text, []))),
        ),
        (
            f"ArticleView, {len(many):,} spans: set_article only",
            timed(args.runs, reset, partial(view.set_article, text, many)),
        ),
        (
            f"ArticleView, {len(many):,} spans: set_article + first paint",
            timed(args.runs, reset, then_paint(view, partial(view.set_article, text, many))),
        ),
        (
            "  same, text with emoji (non-identity offsets)",
            timed(
                args.runs,
                reset,
                then_paint(view, partial(view.set_article, emoji_text, many_emoji)),
            ),
        ),
    ]

    view.set_article(text, many)
    view.grab()
    middle = view.verticalScrollBar().maximum() // 2
    edit = ViewSpan("bench-edit", many[0].start, many[0].start + 50, "claim", STYLES[0][1])
    rows += [
        (
            "scroll to the middle + paint",
            timed(
                args.runs,
                partial(view.verticalScrollBar().setValue, 0),
                then_paint(view, partial(view.verticalScrollBar().setValue, middle)),
            ),
        ),
        (
            "add_span + paint",
            timed(
                args.runs,
                partial(view.remove_span, "bench-edit"),
                then_paint(view, partial(view.add_span, edit)),
            ),
        ),
        (
            f"set_spans: {len(many) // 500} of {len(many):,} changed + paint",
            timed(
                args.runs,
                partial(view.set_spans, many),
                then_paint(view, partial(view.set_spans, few_changed)),
            ),
        ),
        (
            f"set_spans: all {len(many):,} replaced + paint",
            timed(
                args.runs,
                partial(view.set_spans, many),
                then_paint(view, partial(view.set_spans, others)),
            ),
        ),
    ]

    print(
        f"text {len(text):,} chars, {text.count(chr(10)) + 1:,} paragraphs; "
        f"{args.runs} runs; Qt platform {os.environ['QT_QPA_PLATFORM']}"
    )
    width = max(len(name) for name, _ in rows)
    print(f"{'case':<{width}}  {'median ms':>9}  {'best ms':>7}")
    for name, (median, best) in rows:
        print(f"{name:<{width}}  {median:9.1f}  {best:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
