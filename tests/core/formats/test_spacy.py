"""spaCy / Prodigy JSONL: tokens, token-aligned spans, unaligned spans, round trips."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.formats.tokens import TokenBounds, covering, tokenize
from annotator.core.importing import Outcome
from annotator.core.project import Project

from .conftest import UNICODE_TEXT, fresh_project, load, rich_documents

TEXT = "Dr. Ávila's pad—at Veskar😀 opened."


def _export(project: Project, tmp_path: Path) -> list[dict[str, Any]]:
    out = tmp_path / "spacy.jsonl"
    project.export("spacy", out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_tokenizer_rule() -> None:
    assert [t.text for t in tokenize(TEXT)] == [
        "Dr",
        ".",
        "Ávila",
        "'",
        "s",
        "pad",
        "—",
        "at",
        "Veskar",
        "😀",
        "opened",
        ".",
    ]
    assert [t.text for t in tokenize("cafe\u0301 x_1")] == ["cafe\u0301", "x_1"]


@given(UNICODE_TEXT)
def test_tokens_are_exact_slices_without_spaces(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert not any(char.isspace() for char in token.text)


def test_record_shape_and_unaligned_span(project: Project, tmp_path: Path) -> None:
    veskar = TEXT.index("Veskar")
    spans = [(veskar, veskar + 6, "facility"), (5, 9, "claim", "bob")]  # "vila" is unaligned
    load(project, tmp_path, [(TEXT, spans)])
    (record,) = _export(project, tmp_path)
    assert record["text"] == TEXT
    tokens = record["tokens"]
    assert tokens[8] == {"text": "Veskar", "start": veskar, "end": veskar + 6, "id": 8, "ws": False}
    unaligned, aligned = record["spans"]
    assert (unaligned["start"], unaligned["end"]) == (5, 9)
    assert (unaligned["token_start"], unaligned["token_end"]) == (2, 2)
    assert aligned["label"] == "facility"
    assert (aligned["token_start"], aligned["token_end"]) == (8, 8)


def test_covering_whitespace_only_span() -> None:
    tokens = tokenize("ab  cd")
    assert covering(tokens, 2, 4) is None
    assert covering(tokens, 1, 5) == (0, 1)


def test_bad_lines_fail_alone(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        {"text": "Alpha beta.", "spans": [{"start": 0, "end": 5, "label": "x"}]},
        {"text": "Short.", "spans": [{"start": 2, "end": 50, "label": "x"}]},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n{bad\n")
    report = project.import_paths([path])
    assert [i.outcome for i in report.items] == [Outcome.IMPORTED, Outcome.FAILED, Outcome.FAILED]
    assert "in.jsonl, line 2" in report.items[1].message
    assert "past the end" in report.items[1].message
    assert "in.jsonl, line 3" in report.items[2].message
    assert len(project.documents()) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("spacy", tmp / "one.jsonl")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.jsonl"])
            assert not report.failures, report.failures
            second.export("spacy", tmp / "two.jsonl")
        assert (tmp / "one.jsonl").read_text() == (tmp / "two.jsonl").read_text()


@given(st.text(alphabet="ab ,\n", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_token_bounds_cover_exactly_the_overlapping_tokens(text: str, a: int, b: int) -> None:
    """``TokenBounds`` (made once per text) finds the tokens a span overlaps, as checking
    every token would."""
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    tokens = tokenize(text)
    overlapping = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
    expected = (overlapping[0], overlapping[-1]) if overlapping else None
    assert TokenBounds(tokens).covering(start, end) == expected
