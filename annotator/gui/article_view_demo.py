"""A small article with overlapping spans, to look at the article view by eye.

`python -m annotator.gui.article_view_demo` opens it; `--save FILE.png` renders it headless
(QT_QPA_PLATFORM=offscreen) the way docs/article-view.png was made.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from annotator.gui.article_view import ArticleView
from annotator.gui.span_index import SpanStyle, ViewSpan

STYLES = {
    "claim": SpanStyle("#4C72B0", "solid"),
    "quote": SpanStyle("#DD8452", "dash"),
    "facility": SpanStyle("#55A868", "dot"),
    "assessment": SpanStyle("#C44E52", "wave"),
}

DEMO_TEXT = (
    "Satellite images of the coast 🛰️ suggest work has resumed. The ministry said the "
    "Harbour Road desalination plant had been repaired within a week, a pace that would be "
    "unusual for a site of that size. “We restored water to every district by Friday,” the "
    "spokesperson told reporters. Independent engineers doubt the timeline, noting that spare "
    "pumps were still stuck at the border 🚚 in early May.\n"
    "Residents describe a different picture: taps run for two hours a day, and the queues at "
    "the tanker points 💧 are as long as ever. Assessment: the repair claim is plausible for "
    "the main pipeline but not for the plant itself.\n"
    "A second source, writing from abroad, repeated the ministry line almost word for word.\n"
    "The local paper quoted the mayor in Hebrew, “המים חזרו לכל השכונות” (water is back in "
    "every neighbourhood), and a shop owner near the North Gate pumping station 🏭 in Arabic, "
    "“الماء يأتي ساعتين فقط” (the water comes for two hours only). Both quotes were checked "
    "against the recordings published on Monday 📼.\n"
    "Analyst note: treat figures from the operator's website as unverified until the "
    "quarterly report is out; the last one was delayed by six weeks."
)


def demo_spans(text: str = DEMO_TEXT) -> list[ViewSpan]:
    """Spans placed by searching the text, so editing the prose cannot misplace them."""

    def at(phrase: str, tag: str, span_id: str, tooltip: str = "") -> ViewSpan:
        start = text.index(phrase)
        return ViewSpan(span_id, start, start + len(phrase), tag, STYLES[tag], tooltip)

    return [
        at(
            "the Harbour Road desalination plant had been repaired within a week",
            "claim",
            "claim-1",
            "claim — by alice",
        ),
        at("Harbour Road desalination plant", "facility", "facility-1", "facility — by alice"),
        at(
            "“We restored water to every district by Friday,”",
            "quote",
            "quote-1",
            "quote — by bob",
        ),
        at(
            "Independent engineers doubt the timeline, noting that spare pumps",
            "assessment",
            "assessment-1",
            "assessment — by carol",
        ),
        at(
            "spare pumps were still stuck at the border 🚚 in early May",
            "claim",
            "claim-2",
            "claim — by bob",
        ),
        at("the tanker points 💧", "facility", "facility-2"),
        at("the repair claim is plausible for the main pipeline", "assessment", "assessment-2"),
        at("“המים חזרו לכל השכונות”", "quote", "quote-2", "quote (Hebrew) — by dana"),
        at(
            "a shop owner near the North Gate pumping station 🏭 in Arabic, "
            "“الماء يأتي ساعتين فقط”",
            "quote",
            "quote-3",
            "quote (Arabic) — by dana",
        ),
        at("North Gate pumping station", "facility", "facility-3"),
        at(
            "treat figures from the operator's website as unverified",
            "assessment",
            "assessment-3",
        ),
        at("figures from the operator's website", "claim", "claim-3"),
    ]


def build_view() -> ArticleView:
    view = ArticleView()
    view.resize(900, 600)
    view.set_article(DEMO_TEXT, demo_spans())
    return view


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--save", metavar="PNG", help="render to this file and exit")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    view = build_view()
    view.show()
    view.select_span("facility-2")
    if args.save:
        app.processEvents()
        view.grab().save(args.save)
        return 0
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
