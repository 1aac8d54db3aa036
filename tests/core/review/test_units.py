"""Review units: kinds on hand-made cases, and (hypothesis) every annotation in exactly one
unit, units never overlapping, disagreements listed first."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import Annotation, AnnotationId, DocumentId
from annotator.core.review.units import UnitKind, review_order, review_units

DOC = DocumentId("doc")
_ids = itertools.count()


def ann(analyst: str, start: int, end: int, tag: str = "claim") -> Annotation:
    return Annotation(
        id=AnnotationId(f"a{next(_ids)}"),
        document_id=DOC,
        tag=tag,
        start=start,
        end=end,
        quote="x" * (end - start),
        annotator=analyst,
    )


def test_kinds() -> None:
    units = review_units(
        {
            "alice": [
                ann("alice", 0, 5),
                ann("alice", 10, 15),
                ann("alice", 20, 25),
                ann("alice", 40, 45),
            ],
            "bob": [
                ann("bob", 0, 5),
                ann("bob", 10, 15, "quote"),
                ann("bob", 22, 27),
                ann("bob", 60, 61),
            ],
        }
    )
    kinds = {(unit.start, unit.end): unit.kind for unit in units}
    assert kinds == {
        (0, 5): UnitKind.AGREE,
        (10, 15): UnitKind.TAG,
        (20, 27): UnitKind.BOUNDARY,
        (40, 45): UnitKind.PARTIAL,
        (60, 61): UnitKind.PARTIAL,
    }
    # disagreements first, in reading order; the agreement last
    assert [(u.start, u.kind) for u in units][-1] == (0, UnitKind.AGREE)
    assert [u.start for u in units[:-1]] == [10, 20, 40, 60]
    partial = next(u for u in units if u.start == 40)
    assert partial.missing == ("bob",)
    assert {v.analyst for v in next(u for u in units if u.start == 20).versions} == {"alice", "bob"}


def test_analyst_without_annotations_makes_everything_partial() -> None:
    units = review_units({"alice": [ann("alice", 0, 5)], "bob": []})
    assert [u.kind for u in units] == [UnitKind.PARTIAL]


def test_touching_spans_are_separate_units() -> None:
    units = review_units({"alice": [ann("alice", 0, 5)], "bob": [ann("bob", 5, 9)]})
    assert [(u.start, u.end) for u in units] == [(0, 5), (5, 9)]


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 12), st.sampled_from(["claim", "quote"])),
    max_size=12,
)


@given(st.dictionaries(st.sampled_from(["alice", "bob", "carol"]), spans, min_size=1))
def test_every_annotation_in_exactly_one_unit_and_units_disjoint(
    drawn: dict[str, list[tuple[int, int, str]]],
) -> None:
    given_annotations = {
        analyst: [ann(analyst, start, start + length, tag) for start, length, tag in items]
        for analyst, items in drawn.items()
    }
    units = review_units(given_annotations)
    placed = [version.annotation_id for unit in units for version in unit.versions]
    every = [a.id for items in given_annotations.values() for a in items]
    assert sorted(placed) == sorted(every)
    ordered = sorted(units, key=lambda u: u.start)
    for before, after in itertools.pairwise(ordered):
        assert before.end <= after.start
    for unit in units:
        for version in unit.versions:
            assert unit.start <= version.start < version.end <= unit.end
    assert units == sorted(units, key=review_order)
    assert all(u.kind.disagreement for u in units[: sum(u.kind.disagreement for u in units)])
