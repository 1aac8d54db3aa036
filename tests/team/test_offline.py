"""Network loss (issue #8 point 4): with the server gone an edit is refused with a clear
message and nothing already saved is lost; when the server is back, editing goes on in the
same session. A server of its own, since this test stops it."""

from __future__ import annotations

import pytest

from annotator.core.errors import OfflineError
from annotator.core.model import ArticleDraft
from annotator.core.project import Project
from annotator.core.tags import color_for_new_tag
from bench.pg_cluster import Cluster


def test_edits_are_refused_while_offline_and_work_again_after(own_cluster: Cluster) -> None:
    with Project.open(own_cluster.url(), analyst="alice") as project:
        draft = ArticleDraft(text="The plant reopened in May.", origin="t", title="Plant")
        doc_id = project.store.store_article(
            draft, annotator="alice", new_tag_color=color_for_new_tag
        ).document_id
        saved = project.tag_span(doc_id, 4, 9, "claim")
        own_cluster.stop("fast")
        with pytest.raises(OfflineError, match=r"cannot be reached.*Nothing is lost"):
            project.tag_span(doc_id, 14, 22, "quote")
        with pytest.raises(OfflineError):
            project.annotations(doc_id)
        own_cluster.start()
        own_cluster.wait_ready()
        project.apply(project.relabel(saved.id, "facility"))
        assert [(a.tag, a.quote) for a in project.annotations(doc_id)] == [("facility", "plant")]
