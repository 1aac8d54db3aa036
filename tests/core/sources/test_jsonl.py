"""``.jsonl`` corpora: plain records, doccano spans and our own export."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import AnnotationDraft, ArticleDraft, ReadFailure
from annotator.core.sources import read_file

Write = Callable[[str, bytes | str], Path]


def corpus(*records: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def drafts(path: Path, **kwargs: int) -> list[ArticleDraft | ReadFailure]:
    return read_file(path, **kwargs)


def test_plain_records_and_origins(write: Write) -> None:
    path = write(
        "c.jsonl",
        corpus(
            {"text": "First article.\r\nSecond line.\r\n", "title": "One", "source": "Reuters"},
            "",
            {
                "text": "Body two",
                "url": "https://example.org/2",
                "date": "2 October 2020",
                "author": "Jane",
                "language": "en",
                "meta": {"desk": "world"},
                "id": "doc-2",
            },
        ),
    )
    first, second = drafts(path)
    assert isinstance(first, ArticleDraft) and isinstance(second, ArticleDraft)
    assert first.origin == f"{path}, line 1"
    assert first.text == "First article.\nSecond line."
    assert (first.title, first.source) == ("One", "Reuters")
    assert second.origin == f"{path}, line 3"
    assert (second.url, second.published, second.author) == (
        "https://example.org/2",
        "2020-10-02",
        "Jane",
    )
    assert (second.language, second.meta, second.id, second.title) == (
        "en",
        {"desk": "world"},
        "doc-2",
        "Body two",
    )


def test_doccano_spans(write: Write) -> None:
    text = "Kovalenko said the port at Odesa is closed."
    record = {
        "id": 17,
        "text": text,
        "label": [[0, 9, "quote"], [27, 32, "facility"]],
        "Comments": [],
    }
    (draft,) = drafts(write("d.jsonl", corpus(record)))
    assert isinstance(draft, ArticleDraft)
    assert draft.annotations == (
        AnnotationDraft(start=0, end=9, tag="quote"),
        AnnotationDraft(start=27, end=32, tag="facility"),
    )
    assert draft.id == "17"
    assert draft.meta == {"Comments": []}


def test_doccano_classification_labels_are_metadata(write: Write) -> None:
    (draft,) = drafts(write("d.jsonl", corpus({"text": "Text", "label": ["politics", "ports"]})))
    assert isinstance(draft, ArticleDraft)
    assert draft.annotations == ()
    assert draft.meta == {"label": ["politics", "ports"]}


NATIVE = {
    "id": "6f1c1d2e-0000-4000-8000-000000000001",
    "text": "A 😀 new pad at Veskar.\n\tIndented",
    "meta": {
        "title": "Launch pads",
        "source": "Courier",
        "url": "https://example.org/p",
        "author": "Jane",
        "published": "2026-03-01",
        "language": "en",
        "desk": "space",
        "sha256": "abc",
    },
    "label": [[15, 21, "facility"], [0, 1, "ignored"]],
    "annotations": [
        {
            "id": "a-1",
            "start": 15,
            "end": 21,
            "tag": "facility",
            "quote": "Veskar",
            "annotator": "alice",
            "note": "check",
            "attributes": {"confidence": "high"},
            "created": "2026-03-01T10:00:00+00:00",
            "updated": "2026-03-02T11:30:00Z",
        }
    ],
}


def test_native_export_record(write: Write) -> None:
    (draft,) = drafts(write("n.jsonl", corpus(NATIVE)))
    assert isinstance(draft, ArticleDraft)
    assert draft.id == NATIVE["id"]
    assert draft.text == NATIVE["text"]
    assert (draft.title, draft.source, draft.url) == (
        "Launch pads",
        "Courier",
        "https://example.org/p",
    )
    assert (draft.author, draft.published, draft.language) == ("Jane", "2026-03-01", "en")
    assert draft.meta == {"desk": "space", "sha256": "abc"}
    (annotation,) = draft.annotations
    assert annotation == AnnotationDraft(
        start=15,
        end=21,
        tag="facility",
        id="a-1",
        annotator="alice",
        note="check",
        attributes={"confidence": "high"},
        quote="Veskar",
        created=datetime(2026, 3, 1, 10, tzinfo=UTC),
        updated=datetime(2026, 3, 2, 11, 30, tzinfo=UTC),
    )
    assert draft.text[annotation.start : annotation.end] == "Veskar"


def test_annotated_text_is_not_normalised(write: Write) -> None:
    text = "\n\n  Lead  \n"
    record = {"text": text, "label": [[4, 8, "claim"]]}
    (draft,) = drafts(write("k.jsonl", corpus(record)))
    assert isinstance(draft, ArticleDraft)
    assert draft.text == text
    assert draft.text[4:8] == "Lead"


def test_line_separators_inside_strings_do_not_split_records(write: Write) -> None:
    text = "one\u2028two\u0085three\x0cfour"
    path = write("u.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n")
    (draft,) = drafts(path)
    assert isinstance(draft, ArticleDraft)
    assert draft.text == text


def failure_message(write: Write, line: Any, **kwargs: int) -> str:
    path = write("bad.jsonl", corpus({"text": "good before"}, line, {"text": "good after"}))
    before, bad, after = drafts(path, **kwargs)
    assert isinstance(before, ArticleDraft) and isinstance(after, ArticleDraft)
    assert isinstance(bad, ReadFailure), bad
    assert bad.origin == f"{path}, line 2"
    assert bad.message.startswith(f"{path}, line 2: ")
    return bad.message.partition(": ")[2]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "this line is not valid JSON (Expecting property name"),
        ('{"text": "x", "n": NaN}', "NaN is not a JSON number"),
        ("[1, 2]", 'expected a JSON object with a "text" field, found a list.'),
        ('"just a string"', "found a string"),
        ({"title": "no text"}, 'the record has no "text" field'),
        ({"text": ""}, '"text" is empty'),
        ({"text": "  \n"}, '"text" is empty'),
        ({"text": 12}, '"text" must be a string, not a number (12).'),
        ({"text": "x", "meta": ["a"]}, '"meta" must be an object, not a list.'),
        ({"text": "x", "title": 3}, '"title" must be a string'),
        ({"text": "x", "id": 1.5}, '"id" must be a string'),
        ({"text": "a\u0000b"}, "NUL character"),
    ],
)
def test_bad_records_fail_alone(write: Write, line: Any, expected: str) -> None:
    assert expected in failure_message(write, line)


TEXT_98 = "x" * 98


@pytest.mark.parametrize(
    ("annotations", "expected"),
    [
        (
            [{"start": 0, "end": 1, "tag": "a"}] * 2 + [{"start": 10, "end": 120, "tag": "t"}],
            "annotation 3: end 120 is past the end of the text (98 characters).",
        ),
        ([{"start": -1, "end": 2, "tag": "t"}], "annotation 1: start -1 is negative"),
        ([{"start": 5, "end": 5, "tag": "t"}], "annotation 1: start 5 is not before end 5"),
        ([{"start": True, "end": 2, "tag": "t"}], "annotation 1: start must be a whole number"),
        ([{"start": 0, "end": 2.0, "tag": "t"}], "annotation 1: end must be a whole number"),
        ([{"start": 0, "end": "2", "tag": "t"}], "annotation 1: end must be a whole number"),
        ([{"start": 0, "end": 2, "tag": ""}], "annotation 1: the tag must be a non-empty string"),
        ([{"start": 0, "end": 2, "tag": 5}], "annotation 1: the tag must be a non-empty string"),
        ([{"start": 0, "end": 2, "tag": "t", "quote": "xy"}], 'quote "xy" does not match'),
        ([{"start": 0, "end": 2, "tag": "t", "attributes": []}], '"attributes" must be an object'),
        ([{"start": 0, "end": 2, "tag": "t", "created": "yesterday"}], "not an ISO-8601 time"),
        ([{"start": 0, "end": 2, "tag": "t", "note": 1}], '"note" must be a string'),
        (["oops"], "annotation 1: expected an object, found a string"),
        ({"start": 0}, '"annotations" must be a list, not an object'),
    ],
)
def test_bad_native_annotations(write: Write, annotations: Any, expected: str) -> None:
    assert expected in failure_message(write, {"text": TEXT_98, "annotations": annotations})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ([[0, 120, "t"]], 'annotation 1 in "label": end 120 is past the end of the text (98'),
        ([[0, 2]], 'annotation 1 in "label": expected [start, end, "tag"], found a list'),
        ([[0, 2, ""]], "the tag must be a non-empty string"),
        ([[2, 1, "t"]], "start 2 is not before end 1"),
        ("spans", '"label" must be a list'),
    ],
)
def test_bad_doccano_labels(write: Write, label: Any, expected: str) -> None:
    assert expected in failure_message(write, {"text": TEXT_98, "label": label})


def test_annotated_text_with_carriage_returns_is_refused(write: Write) -> None:
    message = failure_message(write, {"text": "a\r\nbc", "label": [[3, 5, "t"]]})
    assert "carriage returns" in message
    assert "convert the line endings" in message


def test_deep_nesting_is_refused(write: Write) -> None:
    nested = '{"text": "x", "meta": {"a": ' + "[" * 100 + "]" * 100 + "}}"
    assert "nested more than 50 levels" in failure_message(write, nested)
    very_deep = '{"text": "x", "meta": {"a": ' + "[" * 200_000 + "]" * 200_000 + "}}"
    assert "nested more than 50 levels" in failure_message(write, very_deep)


def test_overlong_line_is_refused_and_the_rest_is_read(write: Write) -> None:
    line = {"text": "y" * 5000}
    assert "longer than the 1 KB limit for one record" in failure_message(
        write, line, max_bytes=1024
    )


def test_invalid_utf8_line(write: Write) -> None:
    path = write("b.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "ok too"}\n')
    first, bad, last = drafts(path)
    assert isinstance(bad, ReadFailure)
    expected = "this line is not valid UTF-8; save the file as UTF-8 and import it again."
    assert bad.message == f"{path}, line 2: {expected}"
    assert isinstance(first, ArticleDraft) and isinstance(last, ArticleDraft)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_encoded_corpora(write: Write, encoding: str) -> None:
    data = corpus({"text": "één"}, {"text": "two"}).encode(encoding)
    result = drafts(write("w.jsonl", data))
    assert [d.text for d in result if isinstance(d, ArticleDraft)] == ["één", "two"]


def test_empty_corpus(write: Write) -> None:
    path = write("e.jsonl", "\n  \n")
    (result,) = drafts(path)
    assert isinstance(result, ReadFailure)
    assert result.message == f"{path}: the file is empty; nothing to import."


def test_corpus_is_not_limited_as_a_whole(write: Write) -> None:
    path = write("big.jsonl", corpus(*({"text": f"article {n}"} for n in range(100))))
    result = drafts(path, max_bytes=1024)
    assert all(isinstance(d, ArticleDraft) for d in result) and len(result) == 100


SPAN_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip() != "")


@st.composite
def doccano_records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(SPAN_TEXT)
    spans = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(text) - 1),
                st.integers(1, len(text)),
                st.text(min_size=1, max_size=8).filter(lambda t: t.strip() == t != ""),
            ).filter(lambda s: s[0] < s[1]),
            max_size=6,
        )
    )
    return {"text": text, "label": [list(span) for span in spans]}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(doccano_records())
def test_doccano_offsets_round_trip(write: Write, record: dict[str, Any]) -> None:
    path = write("p.jsonl", json.dumps(record) + "\n")
    (draft,) = drafts(path)
    assert isinstance(draft, ArticleDraft), draft
    label = record["label"]
    if label:
        assert draft.text == record["text"]
    assert [(a.start, a.end, a.tag) for a in draft.annotations] == [tuple(s) for s in label]
    for annotation in draft.annotations:
        expected = record["text"][annotation.start : annotation.end]
        assert draft.text[annotation.start : annotation.end] == expected
