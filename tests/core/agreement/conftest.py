"""Build projects in which several analysts annotated the same documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from annotator.core.model import AnnotationDraft, ArticleDraft, DocumentId
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag

SpanSpec = tuple[int, int, str, str]
"""(start, end, tag, analyst)"""


def add_document(project: Project, text: str, spans: Sequence[SpanSpec]) -> DocumentId:
    draft = ArticleDraft(
        text=text,
        origin="test",
        annotations=tuple(
            AnnotationDraft(start=s, end=e, tag=tag, annotator=who) for s, e, tag, who in spans
        ),
    )
    return project.store.store_article(
        draft, annotator=project.analyst, new_tag_color=color_for_new_tag
    ).document_id


@pytest.fixture
def add_doc(project: Project) -> Callable[[str, Sequence[SpanSpec]], DocumentId]:
    return lambda text, spans: add_document(project, text, spans)
