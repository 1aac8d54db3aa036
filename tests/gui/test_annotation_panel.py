"""The annotation list model stays in text order under any mix of inserts, updates and
removals (it finds rows by bisect, so its bookkeeping must never drift)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Annotation, AnnotationId, DocumentId
from annotator.gui.annotation_panel import AnnotationModel

OPERATIONS = st.lists(
    st.tuples(st.booleans(), st.integers(0, 7), st.integers(0, 20), st.integers(1, 5)),
    max_size=40,
)


def _annotation(number: int, start: int, length: int) -> Annotation:
    return Annotation(
        id=AnnotationId(f"a{number}"),
        document_id=DocumentId("d"),
        tag="claim",
        start=start,
        end=start + length,
        quote="x" * length,
        annotator="alice",
    )


@settings(max_examples=60, deadline=None)
@given(operations=OPERATIONS)
def test_rows_follow_text_order(qapp, operations) -> None:
    model = AnnotationModel()
    model.reset([], [])
    expected: dict[str, Annotation] = {}
    for insert, number, start, length in operations:
        annotation = _annotation(number, start, length)
        if insert:
            model.upsert(annotation)
            expected[annotation.id] = annotation
        else:
            model.remove(annotation.id)
            expected.pop(annotation.id, None)
    ordered = sorted(expected.values(), key=lambda a: (a.start, -a.end, a.id))
    assert [model.annotation(row) for row in range(model.rowCount())] == ordered
    for row, annotation in enumerate(ordered):
        assert model.row_of(annotation.id) == row
    assert model.row_of("missing") is None
