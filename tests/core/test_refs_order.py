"""``annotation_refs`` returns a document's spans in text order (start, longest first, then
id): the annotation list takes them as they come (``in_order``) and finds rows by bisect, so
an order that drifted would misplace every later insert."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

pytestmark = pytest.mark.both_backends

TEXT = "Officials said the Veskar base expanded; analysts believe it is likely. " * 3
SPANS = st.lists(
    st.tuples(
        st.integers(0, len(TEXT) - 1), st.integers(1, 40), st.sampled_from(["claim", "quote"])
    ),
    max_size=25,
)
_documents = itertools.count()  # the project outlives an example: a new document each


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spans=SPANS)
def test_refs_come_in_text_order(project: Project, spans: list[tuple[int, int, str]]) -> None:
    text = f"{TEXT}({next(_documents)})"
    draft = ArticleDraft(text=text, origin="test", title="order")
    doc_id = project.store.store_article(
        draft, annotator="alice", new_tag_color=color_for_new_tag
    ).document_id
    for start, length, tag in spans:
        project.tag_span(doc_id, start, min(len(TEXT), start + length), tag)
    refs = project.annotation_refs(doc_id)
    assert refs == sorted(refs, key=lambda r: (r.start, -r.end, r.id))
    assert len(refs) == len(spans)
