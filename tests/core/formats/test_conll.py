"""CoNLL IOB2 columns: one column per tag, validated by seqeval, fixed point on round trip."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

from annotator.core.formats.conll_read import read
from annotator.core.importing import Outcome
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.project import Project

from .conftest import fresh_project, load, rich_documents

TEXT = "The Veskar pad opened.\nOfficials said the pad works."


def _rows(path: Path) -> list[list[str]]:
    return [line.split(" ") for line in path.read_text(encoding="utf-8").split("\n")]


def test_columns_and_overlaps(project: Project, tmp_path: Path) -> None:
    pad = TEXT.index("Veskar")
    spans = [(pad, pad + 10, "facility"), (0, 22, "quote"), (pad + 2, pad + 5, "claim")]
    load(project, tmp_path, [(TEXT, spans)])
    out = tmp_path / "out.conll"
    project.export("conll", out)
    rows = _rows(out)
    assert rows[0] == ["#columns", "TOKEN", "claim", "quote", "facility", "assessment"]
    assert rows[1] == ["-DOCSTART-", "O", "O", "O", "O"] and rows[2] == [""]
    assert rows[3:9] == [
        ["The", "O", "B-quote", "O", "O"],
        ["Veskar", "B-claim", "I-quote", "B-facility", "O"],
        ["pad", "O", "I-quote", "I-facility", "O"],
        ["opened", "O", "I-quote", "O", "O"],
        [".", "O", "I-quote", "O", "O"],
        [""],
    ]


def test_seqeval_reads_the_same_chunks(project: Project, tmp_path: Path) -> None:
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    pad = TEXT.index("pad")
    spans = [(0, 3, "claim"), (pad, pad + 3, "claim"), (4, 14, "facility")]
    load(project, tmp_path, [(TEXT, spans)])
    out = tmp_path / "out.conll"
    project.export("conll", out)
    sentence = [row for row in _rows(out)[3:] if row != [""]][:5]
    for column in range(1, 5):
        labels = [row[column] for row in sentence]
        ours = {(d.tag, d.start, d.end) for d in _first_draft(out).annotations}
        for tag, first, _last in seqeval.get_entities(labels):
            assert labels[first] == f"B-{tag}", "strict IOB2: every chunk starts with B-"
            assert any(t == tag for t, _, _ in ours)
    assert {(d.tag, d.start, d.end) for d in _first_draft(out).annotations} == {
        ("claim", 0, 3),
        ("facility", 4, 14),
        ("claim", pad, pad + 3),
    }


def _first_draft(path: Path) -> ArticleDraft:
    result = next(iter(read(path)))
    assert isinstance(result, ArticleDraft)
    return result


def test_plain_conll2003_uses_the_last_column(tmp_path: Path) -> None:
    path = tmp_path / "eng.train"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n"
        "German JJ B-NP B-MISC\ncall NN I-NP O\n. . O O\n"
    )
    draft = _first_draft(path)
    assert draft.text == "EU rejects German call ."
    assert [(d.tag, draft.text[d.start : d.end]) for d in draft.annotations] == [
        ("ORG", "EU"),
        ("MISC", "German"),
    ]


def test_malformed_lines_fail_with_line(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("#columns TOKEN claim\n-DOCSTART- O\n\nA B-claim\nB X-claim\n")
    (item,) = project.import_paths([path]).items
    assert item.outcome is Outcome.FAILED and "bad.conll, line 5" in item.message
    path.write_text("#columns TOKEN claim\n-DOCSTART- O\n\nA B-claim O\n")
    (result,) = read(path)
    assert isinstance(result, ReadFailure) and "line 4" in result.message
    assert project.documents() == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    """CoNLL keeps tokens, not whitespace: a span over whitespace alone has no token (its
    tag column disappears), and texts such as "0" and "0\n" become one document. So the
    round trip is a fixed point from the second export on, for token-distinct documents."""
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("conll", tmp / "one.conll")
        assume(_token_texts_are_distinct(tmp / "one.conll"))
        for source, target, folder in (("one", "two", "b"), ("two", "three", "c")):
            with fresh_project(tmp / folder) as project:
                report = project.import_paths([tmp / f"{source}.conll"])
                assert not report.failures, report.failures
                project.export("conll", tmp / f"{target}.conll")
        assert (tmp / "two.conll").read_text() == (tmp / "three.conll").read_text()


def _token_texts_are_distinct(path: Path) -> bool:
    documents: list[tuple[str, ...]] = []
    for line in path.read_text(encoding="utf-8").split("\n")[1:]:
        if line.startswith("-DOCSTART-"):
            documents.append(())
        elif line and documents:
            documents[-1] += (line.split(" ")[0],)
    return len(set(documents)) == len(documents)
