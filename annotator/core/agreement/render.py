"""The report as a text table (terminal), CSV rows (spreadsheets) and one HTML page.

Headless like the rest of the core, so the CLI and the GUI's "Export report" share them.
The HTML page is self-contained (inline CSS, bars and heat maps drawn with plain elements,
no scripts, no external resources) and every user-supplied string in it goes through
``html.escape``: tag and analyst names are user text. CSV cells that a spreadsheet would
run as a formula (starting with = + - @, a tab or a carriage return) get a leading
apostrophe.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Iterator

from annotator.core.agreement.confusion import ConfusionMatrix
from annotator.core.agreement.report import AgreementReport, Comparison, TagAgreement
from annotator.core.agreement.units import UNTAGGED

Measure = tuple[str, str, Callable[[TagAgreement], float | int | None]]

MEASURES: tuple[Measure, ...] = (
    ("exact_precision", "exact P", lambda t: t.exact.precision),
    ("exact_recall", "exact R", lambda t: t.exact.recall),
    ("exact_f1", "exact F1", lambda t: t.exact.f1),
    ("overlap_precision", "overlap P", lambda t: t.overlap.precision),
    ("overlap_recall", "overlap R", lambda t: t.overlap.recall),
    ("overlap_f1", "overlap F1", lambda t: t.overlap.f1),
    ("kappa_tagged", "kappa tagged", lambda t: t.tokens_tagged.kappa),
    ("kappa_all", "kappa all", lambda t: t.tokens_all.kappa),
    ("alpha_tagged", "alpha tagged", lambda t: t.tokens_tagged.alpha),
    ("alpha_all", "alpha all", lambda t: t.tokens_all.alpha),
    ("ac1_tagged", "AC1 tagged", lambda t: t.tokens_tagged.ac1),
    ("ac1_all", "AC1 all", lambda t: t.tokens_all.ac1),
    ("observed_tagged", "agree tagged", lambda t: t.tokens_tagged.observed),
    ("observed_all", "agree all", lambda t: t.tokens_all.observed),
    ("unitizing_alpha", "alpha_u", lambda t: t.unitizing_alpha),
    ("spans_reference", "spans 1st", lambda t: t.exact.reference),
    ("spans_compared", "spans 2nd", lambda t: t.exact.compared),
    ("tokens_tagged", "tokens tagged", lambda t: t.tokens_tagged.tokens),
    ("tokens_all", "tokens all", lambda t: t.tokens_all.tokens),
)
"""Every figure of a ``TagAgreement``: stable key (CSV, tests), short heading, getter."""

TABLE_MEASURES = ("exact_f1", "overlap_f1", "kappa_tagged", "kappa_all", "alpha_tagged",
                  "alpha_all", "ac1_tagged", "ac1_all", "unitizing_alpha")  # fmt: skip
"""The columns the terminal table shows (the CSV and the JSON carry all)."""

BAR_MEASURES = ("overlap_f1", "exact_f1", "kappa_tagged", "alpha_tagged", "unitizing_alpha")


def label_text(label: str) -> str:
    return "(none)" if label == UNTAGGED else label


def tag_text(tag: str) -> str:
    return "(overall)" if tag == "" else tag


def number(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _measure(key: str) -> Measure:
    return next(m for m in MEASURES if m[0] == key)


def _rows(comparison: Comparison) -> Iterator[TagAgreement]:
    yield from comparison.tags
    yield comparison.overall


def text_table(report: AgreementReport) -> str:
    """Per comparison: one row per tag and overall, one column per main measure."""
    out = [
        f"Agreement between {', '.join(report.annotators)} over {report.documents} documents.",
        report.untagged_rule,
        "",
    ]
    headings = [_measure(key)[1] for key in TABLE_MEASURES]
    for comparison in report.comparisons:
        title = (
            comparison.name
            if comparison.kind == "pair"
            else "group: " + ", ".join(comparison.annotators)
        )
        out.append(f"{title} ({comparison.documents} documents in common)")
        rows = [
            [tag_text(t.tag), *(number(_measure(key)[2](t)) for key in TABLE_MEASURES)]
            for t in _rows(comparison)
        ]
        widths = [
            max(len(str(cell)) for cell in column)
            for column in zip(["tag", *headings], *rows, strict=True)
        ]
        for row in (["tag", *headings], *rows):
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            out.append("  ".join(cells).rstrip())
        out.append("")
    return "\n".join(out)


def _plain(value: float | int | None) -> str:
    """Full precision for scripts; empty where a measure is undefined."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else repr(value)


def safe_cell(value: str) -> str:
    """Neutralise a CSV cell a spreadsheet would evaluate (formula injection)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def csv_text(report: AgreementReport) -> str:
    """Long format: one figure per line (comparison, analysts, tag, measure, value)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["comparison", "annotators", "documents", "tag", "measure", "value"])
    for comparison in report.comparisons:
        for t in _rows(comparison):
            for key, _, get in MEASURES:
                value = get(t)
                row = [
                    comparison.kind,
                    " & ".join(comparison.annotators),
                    str(comparison.documents),
                    tag_text(t.tag),
                    key,
                    _plain(value),
                ]
                writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:72em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0}
td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #eee}
td:first-child,th:first-child{text-align:left}
.bars{display:grid;grid-template-columns:10em 8em 1fr 4em;gap:2px 8px;align-items:center}
.bar{height:12px;background:#e8e8e8;position:relative}
.bar span{position:absolute;left:0;top:0;bottom:0;background:#3b6ea5}
.bar span.neg{background:#b5443b}
.heat td{width:3.2em;text-align:center;border:1px solid #fff}
.heat th{font-weight:normal;font-size:.9em}
.note{color:#555;font-size:.92em}
"""


def html_page(report: AgreementReport, title: str = "Agreement report") -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>Analysts: {esc(', '.join(report.annotators))}; "
        f"documents looked at: {report.documents}.</p>",
        f'<p class="note">{esc(report.untagged_rule)}</p>',
    ]
    for comparison in report.comparisons:
        name = (
            comparison.name
            if comparison.kind == "pair"
            else "Group: " + ", ".join(comparison.annotators)
        )
        parts.append(f"<h2>{esc(name)} ({comparison.documents} documents in common)</h2>")
        parts.append(_html_table(comparison))
        parts.append(_html_bars(comparison))
        for caption, matrix in (
            ("Token confusion (overall labels)", comparison.token_confusion),
            ("Span confusion (spans matched by overlap)", comparison.span_confusion),
        ):
            if matrix is not None:
                parts.append(_html_heat(caption, comparison.annotators, matrix))
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_table(comparison: Comparison) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(_measure(key)[1])}</th>" for key in TABLE_MEASURES)
    rows = [f"<table><tr><th>tag</th>{head}</tr>"]
    for t in _rows(comparison):
        cells = "".join(f"<td>{number(_measure(key)[2](t))}</td>" for key in TABLE_MEASURES)
        rows.append(f"<tr><td>{esc(tag_text(t.tag))}</td>{cells}</tr>")
    rows.append("</table>")
    return "".join(rows)


def _html_bars(comparison: Comparison) -> str:
    esc = html.escape
    parts = ['<div class="bars">']
    for t in _rows(comparison):
        for key in BAR_MEASURES:
            value = _measure(key)[2](t)
            width = 0.0 if value is None else min(abs(float(value)), 1.0) * 100
            kind = ' class="neg"' if value is not None and value < 0 else ""
            parts.append(
                f"<div>{esc(tag_text(t.tag))}</div><div>{esc(_measure(key)[1])}</div>"
                f'<div class="bar"><span{kind} style="width:{width:.1f}%"></span></div>'
                f"<div>{number(value)}</div>"
            )
    parts.append("</div>")
    return "".join(parts)


def _html_heat(caption: str, annotators: tuple[str, ...], matrix: ConfusionMatrix) -> str:
    esc = html.escape
    largest = matrix.largest or 1
    first, second = annotators[0], annotators[-1]
    head = "".join(f"<th>{esc(label_text(label))}</th>" for label in matrix.labels)
    rows = [
        f'<table class="heat"><caption>{esc(caption)}: rows {esc(first)}, '
        f"columns {esc(second)}</caption><tr><th></th>{head}</tr>"
    ]
    for label, counts in zip(matrix.labels, matrix.counts, strict=True):
        cells = []
        for count in counts:
            strength = min(count / largest, 1.0)
            ink = "#fff" if strength > 0.55 else "#222"
            cells.append(
                f'<td style="background:rgba(59,110,165,{strength:.2f});color:{ink}">{count}</td>'
            )
        rows.append(f"<tr><th>{esc(label_text(label))}</th>{''.join(cells)}</tr>")
    rows.append("</table>")
    return "".join(rows)
