"""The annotation list model stays in text order under any mix of inserts, updates and
removals (it finds rows by bisect, so its bookkeeping must never drift)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Annotation, AnnotationId, AnnotationRef, DocumentId, Tag
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
    shown = [model.annotation(row) for row in range(model.rowCount())]
    assert shown == [AnnotationRef.of(annotation) for annotation in ordered]
    for row, annotation in enumerate(ordered):
        assert model.row_of(annotation.id) == row
    assert model.row_of("missing") is None


def _ref(number: int, start: int, end: int, note: str = "") -> AnnotationRef:
    return AnnotationRef(AnnotationId(f"r{number}"), start, end, "claim", "alice", 1, note)


def test_lean_rows_show_the_text_they_cover(qapp) -> None:
    """Opening fills the list from lean rows in any order; quotes come from the text."""
    text = "Ilse Marrow said the plant was idle."
    model = AnnotationModel()
    model.reset(
        [_ref(2, 17, 26, "a note"), _ref(1, 0, 11), _ref(3, 0, 4)],
        [Tag(name="claim", color="#123456")],
        text,
    )
    assert [model.annotation(row).id for row in range(3)] == ["r1", "r3", "r2"]
    cells = [
        [model.data(model.index(row, column)) for column in range(4)] for row in range(3)
    ]
    assert cells == [
        ["claim", "Ilse Marrow", "", "alice"],
        ["claim", "Ilse", "", "alice"],
        ["claim", "the plant", "a note", "alice"],
    ]
    assert model.quote("r2") == "the plant" and model.quote("missing") is None
    assert model.row_of("r2") == 2 and model.find("r3") == _ref(3, 0, 4)
    model.upsert(_ref(3, 0, 36))  # an edit after the lazy index was built
    assert [model.annotation(row).id for row in range(3)] == ["r3", "r1", "r2"]
    model.remove("r1")
    assert model.row_of("r2") == 1 and model.find("r1") is None
