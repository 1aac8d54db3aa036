"""The corpus list's sort and filters (``CorpusOrder``) against the plain definition: the
documents whose title, date or source holds the filter text (any case) and whose status or
review state is the one asked, sorted by the column's value with ties in corpus order,
however documents change between questions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import DocumentId, DocumentSummary, Tag
from annotator.gui.corpus_order import UNSORTED, CorpusOrder

TAGS = [Tag(name="claim", color="#4C72B0"), Tag(name="quote", color="#DD8452")]
COLUMNS = [UNSORTED, 0, 1, 2, 3, 4, 5]  # title, date, source, claim, quote, total
STATUSES = [None, "new", "in progress", "done", "in review", "reviewed"]
WORDS = ["Orlan", "orlan", "ORLAN", "Veskar", "Straße", "STRASSE", "port", "", "a\nb", "ſ"]

words = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)
summaries = st.tuples(
    words,
    st.sampled_from([None, "2026-03-01", "2026-03-02", "2025-12-31"]),
    st.one_of(st.none(), words),
    st.integers(0, 3),
    st.integers(0, 3),
    st.sampled_from(["new", "in progress", "done"]),
)


def make(number: int, values: tuple) -> DocumentSummary:
    title, date, source, claims, quotes, status = values
    counts = {name: n for name, n in (("claim", claims), ("quote", quotes)) if n}
    return DocumentSummary(DocumentId(f"d{number}"), title, source, date, 10, counts, status)


def expected(order: CorpusOrder, documents: list[DocumentSummary]) -> list[int]:
    """The definition, written out with nothing kept between questions."""

    def value(summary: DocumentSummary) -> str | int:
        column = order.sort_column
        if column == 0:
            return summary.title.casefold()
        if column == 1:
            return summary.published or ""
        if column == 2:
            return (summary.source or "").casefold()
        if column == 5:
            return sum(summary.counts.values())
        return summary.counts.get(TAGS[column - 3].name, 0)

    def matches(summary: DocumentSummary) -> bool:
        fields = (summary.title, summary.published or "", summary.source or "")
        return any(order.needle in field.casefold() for field in fields)

    def state(summary: DocumentSummary) -> str:
        if order.status in ("in review", "reviewed"):
            return order.review.get(summary.id, "")
        return summary.status

    positions = list(range(len(documents)))
    if order.sort_column != UNSORTED:
        ranked = sorted(positions, key=lambda i: (value(documents[i]), i))
        if order.descending:  # ties still in corpus order
            groups: dict[str | int, list[int]] = {}
            for i in ranked:
                groups.setdefault(value(documents[i]), []).append(i)
            ranked = [i for key in sorted(groups, reverse=True) for i in groups[key]]
        positions = ranked
    return [
        i
        for i in positions
        if matches(documents[i]) and (order.status is None or state(documents[i]) == order.status)
    ]


@settings(max_examples=300)
@given(
    st.lists(summaries, max_size=8),
    st.dictionaries(st.integers(0, 7), st.sampled_from(["in review", "reviewed"])),
    st.lists(
        st.tuples(
            st.sampled_from(COLUMNS),
            st.booleans(),
            st.sampled_from([*WORDS, "o", "ss", "s", "2026-03", "\n", "b\n"]),
            st.sampled_from(STATUSES),
            st.integers(0, 7),
            summaries,
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_shown_documents_follow_the_definition(initial, review, steps) -> None:
    documents = [make(n, values) for n, values in enumerate(initial)]
    order = CorpusOrder()
    order.reset(documents, TAGS, {f"d{n}": state for n, state in review.items()})
    for column, descending, needle, status, changed, values in steps:
        order.sort_by(column, descending)
        order.needle, order.status = needle.casefold(), status
        assert order.shown() == expected(order, documents)
        if changed < len(documents):  # an edit changes one document afterwards
            documents[changed] = make(changed, values)
            order.replace(changed, documents[changed])
            assert order.shown() == expected(order, documents)


def test_positions_and_columns() -> None:
    order = CorpusOrder()
    order.reset([make(0, ("A", None, None, 1, 0, "new"))], TAGS, {})
    assert order.position("d0") == 0 and order.position("nope") is None
    assert order.column_count() == 6
    assert order.column_of("quote") == 4 and order.column_of("nope") is None
    assert order.tag_at(3) == TAGS[0] and order.tag_at(5) is None
    order.sort_by(3, False)
    assert order.sorted_by("claim") and not order.sorted_by("quote")
    order.sort_by(5, False)
    assert order.sorted_by("quote")  # the total moves with every tag


def test_arranged_when_sorted_or_filtered() -> None:
    order = CorpusOrder()
    order.reset([make(0, ("A", None, None, 1, 0, "new"))], TAGS, {})
    assert not order.arranged
    order.sort_by(0, False)
    assert order.arranged
    order.sort_by(UNSORTED, False)
    order.needle = "a"
    assert order.arranged
    order.needle, order.status = "", "done"
    assert order.arranged
