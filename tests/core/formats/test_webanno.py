"""WebAnno TSV 3: UTF-16 offsets, stacked and multi-token spans, escaping, round trips."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from annotator.core.formats.webanno_read import escape, read, unescape
from annotator.core.importing import Outcome
from annotator.core.model import ArticleDraft
from annotator.core.project import Project

from .conftest import fresh_project, load, rich_documents

TEXT = "A 😀 pad at Veskar.\nIt opened."


def test_layout_offsets_and_ids(project: Project, tmp_path: Path) -> None:
    veskar = TEXT.index("Veskar")
    spans = [(0, 5, "quote"), (4, 5, "a|b_c"), (veskar, veskar + 6, "facility")]
    load(project, tmp_path, [(TEXT, spans)])
    out = tmp_path / "out.tsv"
    project.export("webanno", out)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[:5] == [
        "#FORMAT=WebAnno TSV 3.3",
        "#T_SP=webanno.custom.Span|label",
        "",
        "",
        "#Text=A 😀 pad at Veskar.",
    ]
    assert lines[5:11] == [
        "1-1\t0-1\tA\tquote[1]\t",
        "1-2\t2-4\t😀\tquote[1]\t",
        "1-3\t5-8\tpad\tquote[1]|a\\|b\\_c[2]\t",
        "1-4\t9-11\tat\t_\t",
        "1-5\t12-18\tVeskar\tfacility\t",
        "1-6\t18-19\t.\t_\t",
    ]
    assert lines[11:13] == ["", "#Text=It opened."]
    assert lines[13] == "2-1\t20-22\tIt\t_\t"


def test_escaping_round_trips() -> None:
    for value in ("a|b", "x_y", "[1]", "a->b", "back\\slash", "*"):
        assert unescape(escape(value)) == value


def test_import_inception_named_entities(tmp_path: Path) -> None:
    path = tmp_path / "doc.tsv"
    path.write_text(
        "#FORMAT=WebAnno TSV 3.3\n"
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n\n"
        "#Text=New York is big.\n"
        "1-1\t0-3\tNew\t_\tLOC[1]\t\n"
        "1-2\t4-8\tYork\t_\tLOC[1]\t\n"
        "1-3\t9-11\tis\t_\t_\t\n"
        "1-4\t12-15\tbig\t_\t_\t\n"
        "1-5\t15-16\t.\t_\t_\t\n",
        encoding="utf-8",
    )
    (draft,) = read(path)
    assert isinstance(draft, ArticleDraft), draft
    assert draft.text == "New York is big."
    assert [(d.tag, d.start, d.end) for d in draft.annotations] == [("LOC", 0, 8)]


def test_offsets_that_do_not_fit_fail(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(
        "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|label\n\n\n"
        "#Text=Alpha beta\n1-1\t0-5\tAlpha\tclaim\t\n1-2\t6-99\tbeta\t_\t\n"
    )
    (item,) = project.import_paths([path]).items
    assert item.outcome is Outcome.FAILED and "bad.tsv, line 7" in item.message
    assert project.documents() == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("webanno", tmp / "one.tsv")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.tsv"])
            assert not report.failures, report.failures
            second.export("webanno", tmp / "two.tsv")
        assert (tmp / "one.tsv").read_text() == (tmp / "two.tsv").read_text()
