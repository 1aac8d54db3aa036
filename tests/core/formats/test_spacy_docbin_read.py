"""Importing .spacy DocBin files: ours round-trip exactly, plain spaCy's import with its
offsets, and hostile files (a zlib bomb, a token table describing a huge text, more values
than the limit, damaged span data, truncated or garbage bytes) are refused naming the file,
with the database unchanged."""

from __future__ import annotations

import struct
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import spacy
import srsly
from hypothesis import HealthCheck, given, settings
from spacy.attrs import ORTH
from spacy.tokens import Doc, DocBin, Span

from annotator.cli.main import main
from annotator.core.errors import SourceError
from annotator.core.formats import get_format, spacy_docbin_read
from annotator.core.formats.reading import detect
from annotator.core.importing import ImportItem, Outcome
from annotator.core.project import Project
from annotator.core.sources.sizes import format_size

from .conftest import fresh_project, load, rich_documents

TEXT = "Alice Ávila met Bob at Veskar 😀 base today."


def _only(project: Project, path: Path, **options: Any) -> ImportItem:
    (item,) = project.import_paths([path], **options).items
    return item


def _refused(project: Project, path: Path) -> str:
    item = _only(project, path)
    assert item.outcome is Outcome.FAILED
    assert path.name in item.message
    return item.message


def _spacy_file(tmp_path: Path, docs: list[Doc], name: str = "theirs.spacy") -> Path:
    bin_ = DocBin(docs=docs)
    path = tmp_path / name
    path.write_bytes(bin_.to_bytes())
    return path


def _payload(path: Path) -> dict[str, Any]:
    message: dict[str, Any] = srsly.msgpack_loads(zlib.decompress(path.read_bytes()))
    return message


def _repack(path: Path, message: dict[str, Any]) -> None:
    path.write_bytes(zlib.compress(srsly.msgpack_dumps(message)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    """Random Unicode (astral characters, combining marks, RTL), overlapping spans by two
    analysts with notes and attributes, spans inside tokens: the second export is the same
    file, since ids, analysts and exact offsets travel in user_data."""
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("spacy-docbin", tmp / "one.spacy")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.spacy"])
            assert not report.failures, report.failures
            assert not any(item.warnings for item in report.items)
            second.export("spacy-docbin", tmp / "two.spacy")
        assert (tmp / "one.spacy").read_bytes() == (tmp / "two.spacy").read_bytes()


def test_our_fields_and_exact_offsets_come_back(project: Project, tmp_path: Path) -> None:
    veskar = TEXT.index("Veskar")
    spans = [
        (7, 11, "claim", "bob", {"note": "inside 'Ávila'", "attributes": {"sure": True}}),
        (veskar, veskar + 6, "facility", "carol"),
        (0, veskar + 6, "quote", "alice"),
    ]
    (doc_id,) = load(project, tmp_path, [(TEXT, spans)])
    project.export("spacy-docbin", tmp_path / "out.spacy")
    with fresh_project(tmp_path / "other") as other:
        item = _only(other, tmp_path / "out.spacy")
        assert item.outcome is Outcome.IMPORTED and item.document_id == doc_id
        assert other.document(doc_id).title == "Doc 0"
        assert _fields(other, doc_id) == _fields(project, doc_id)
        assert _only(other, tmp_path / "out.spacy").outcome is Outcome.DUPLICATE


def _fields(project: Project, doc_id: str) -> list[tuple[Any, ...]]:
    found = [
        (a.id, a.start, a.end, a.tag, a.annotator, a.note, sorted(a.attributes.items()))
        for a in project.annotations(doc_id)
    ]
    return sorted(found)


def test_language_travels_so_the_tokenizer_is_the_same(project: Project, tmp_path: Path) -> None:
    seed = tmp_path / "de.jsonl"
    seed.write_text(
        '{"text": "Das ist z.B. ein Test.", "language": "de", "label": [[8, 12, "claim"]]}\n'
    )
    project.import_paths([seed])
    project.export("spacy-docbin", tmp_path / "one.spacy")
    with fresh_project(tmp_path / "other") as other:
        (item,) = other.import_paths([tmp_path / "one.spacy"]).items
        assert other.document(str(item.document_id)).language == "de"
        other.export("spacy-docbin", tmp_path / "two.spacy")
    assert (tmp_path / "one.spacy").read_bytes() == (tmp_path / "two.spacy").read_bytes()


def test_plain_spacy_entities_import(project: Project, tmp_path: Path) -> None:
    """A DocBin as an NER pipeline writes it: doc.ents only, no user_data."""
    nlp = spacy.blank("en")
    doc = nlp(TEXT)
    veskar = TEXT.index("Veskar")
    doc.ents = [doc.char_span(0, 11, "PERSON"), doc.char_span(veskar, veskar + 6, "FAC")]
    second = nlp("Nothing to see here.")
    path = _spacy_file(tmp_path, [doc, second])
    assert detect(path) is get_format("spacy-docbin")
    first_item, second_item = project.import_paths([path]).items
    assert first_item.outcome is Outcome.IMPORTED and second_item.outcome is Outcome.IMPORTED
    assert first_item.document_id is not None
    found = sorted(
        (a.start, a.end, a.tag, a.annotator, a.quote)
        for a in project.annotations(first_item.document_id)
    )
    assert found == [
        (0, 11, "PERSON", "alice", "Alice Ávila"),
        (veskar, veskar + 6, "FAC", "alice", "Veskar"),
    ]
    assert project.document(first_item.document_id).title == TEXT
    assert project.annotations(str(second_item.document_id)) == []


def test_plain_spacy_span_groups_import(project: Project, tmp_path: Path) -> None:
    """A spancat pipeline's DocBin: overlapping spans in doc.spans["sc"] (astral text, so
    offsets must be code points); other groups and entities outside "sc" are reported."""
    nlp = spacy.blank("en")
    doc = nlp(TEXT)
    veskar = TEXT.index("Veskar")
    base = doc.char_span(veskar, len(TEXT) - 7, "FAC")
    assert base is not None and base.text == "Veskar 😀 base"
    doc.spans["sc"] = [base, Span(doc, base.start, base.start + 1, "PLACE"), Span(doc, 0, 2, "P")]
    doc.spans["ruler"] = [Span(doc, 0, 1, "X")]
    doc.ents = [Span(doc, 3, 4, "PERSON")]
    path = _spacy_file(tmp_path, [doc])
    item = _only(project, path, format_name="spacy-docbin")
    assert item.outcome is Outcome.IMPORTED and item.document_id is not None
    found = sorted((a.start, a.end, a.tag, a.quote) for a in project.annotations(item.document_id))
    assert found == [
        (0, 11, "P", "Alice Ávila"),
        (veskar, veskar + 6, "PLACE", "Veskar"),
        (veskar, len(TEXT) - 7, "FAC", "Veskar 😀 base"),
    ]
    assert any("span groups 'ruler' were not imported" in w for w in item.warnings)
    assert any("1 entities (doc.ents) not also in doc.spans" in w for w in item.warnings)


def test_cli_imports_a_dot_spacy_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nlp = spacy.blank("en")
    doc = nlp(TEXT)
    doc.ents = [Span(doc, 0, 2, "PERSON")]
    path = _spacy_file(tmp_path, [doc])
    db = str(tmp_path / "cli.sqlite")
    assert main(["--db", db, "import", str(path)]) == 0
    assert "1 imported" in capsys.readouterr().out
    assert main(["--db", db, "import", "--format", "spacy-docbin", str(path)]) == 0
    assert "1 duplicate" in capsys.readouterr().out


def _bomb(path: Path, size: int) -> None:
    """``size`` zero bytes as one zlib stream, compressed in chunks (about size/1000)."""
    packer = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    path.write_bytes(b"".join(parts) + packer.flush())


def test_zlib_bomb_is_refused_and_the_database_is_unchanged(
    project: Project, tmp_path: Path, db_path: Path, db_checksum: Callable[[Path], str]
) -> None:
    load(project, tmp_path, [(TEXT, [(0, 5, "claim")])])
    bomb = tmp_path / "bomb.spacy"
    _bomb(bomb, spacy_docbin_read.MAX_UNPACKED + (1 << 20))
    assert bomb.stat().st_size < 200_000
    before = db_checksum(db_path)
    message = _refused(project, bomb)
    assert f"decompresses to more than {format_size(spacy_docbin_read.MAX_UNPACKED)}" in message
    assert format_size(spacy_docbin_read.MAX_UNPACKED) == "64 MB"
    assert db_checksum(db_path) == before


def test_a_small_file_describing_a_huge_text_is_refused(
    project: Project, tmp_path: Path, db_path: Path, db_checksum: Callable[[Path], str]
) -> None:
    """No bomb for zlib: 200,000 tokens that all name one 1 MB string (a 200 GB text)."""
    word = "w" * (1 << 20)
    rows = 200_000
    orth = spacy.strings.StringStore([word])[word]
    message = {
        "version": 3,
        "attrs": [ORTH],
        "tokens": struct.pack("<Q", orth) * rows,
        "spaces": bytes(rows),
        "lengths": struct.pack("<i", rows),
        "strings": [word],
        "cats": [{}],
        "flags": [{}],
        "span_groups": [b""],
    }
    path = tmp_path / "huge.spacy"
    _repack(path, message)
    before = db_checksum(db_path)
    assert "more than the limit" in _refused(project, path)
    assert db_checksum(db_path) == before


def test_more_values_than_the_limit_are_refused(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = spacy.blank("en")(TEXT)
    path = _spacy_file(tmp_path, [doc] * 3)
    monkeypatch.setattr(spacy_docbin_read, "MAX_VALUES", 10)
    assert "holds more than 10 values" in _refused(project, path)
    assert project.documents() == []


def test_file_size_limit(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _spacy_file(tmp_path, [spacy.blank("en")(TEXT)])
    monkeypatch.setattr(spacy_docbin_read, "MAX_FILE", 100)
    assert "limit for one file" in _refused(project, path)


def _garbage(path: Path, good: bytes) -> None:
    path.write_bytes(b"\x00\xffnot a docbin" * 50)


def _truncated(path: Path, good: bytes) -> None:
    path.write_bytes(good[: len(good) // 2])


def _not_msgpack(path: Path, good: bytes) -> None:
    path.write_bytes(zlib.compress(b"\xc1" * 100))


def _not_a_docbin(path: Path, good: bytes) -> None:
    path.write_bytes(zlib.compress(srsly.msgpack_dumps({"hello": "world"})))


def _token_table_does_not_add_up(path: Path, good: bytes) -> None:
    message = srsly.msgpack_loads(zlib.decompress(good))
    message["lengths"] = struct.pack("<i", 999)
    path.write_bytes(zlib.compress(srsly.msgpack_dumps(message)))


def _unknown_string(path: Path, good: bytes) -> None:
    message = srsly.msgpack_loads(zlib.decompress(good))
    message["strings"] = ["x"]
    path.write_bytes(zlib.compress(srsly.msgpack_dumps(message)))


@pytest.mark.parametrize(
    "damage",
    [
        _garbage,
        _truncated,
        _not_msgpack,
        _not_a_docbin,
        _token_table_does_not_add_up,
        _unknown_string,
    ],
)
def test_damaged_files_are_refused_with_a_clear_message(
    project: Project,
    tmp_path: Path,
    db_path: Path,
    db_checksum: Callable[[Path], str],
    damage: Callable[[Path, bytes], None],
) -> None:
    nlp = spacy.blank("en")
    good = DocBin(docs=[nlp(TEXT), nlp("Second text.")]).to_bytes()
    path = tmp_path / "bad.spacy"
    damage(path, good)
    before = db_checksum(db_path)
    message = _refused(project, path)
    assert "not a readable spaCy DocBin" in message
    assert "Traceback" not in message
    assert db_checksum(db_path) == before


def test_a_span_outside_its_document_fails_that_document(project: Project, tmp_path: Path) -> None:
    """Span groups carry raw token indices; one pointing past the end is caught, not read."""
    nlp = spacy.blank("en")
    doc = nlp(TEXT)
    doc.spans["sc"] = [Span(doc, 0, 1, "P")]
    path = _spacy_file(tmp_path, [doc, nlp("A good second one.")])
    message = _payload(path)
    (packed,) = srsly.msgpack_loads(message["span_groups"][0])  # {group bytes: [names]}
    group = srsly.msgpack_loads(packed)
    group["spans"] = [struct.pack(">QQQllll", 0, 0, _label(message, "P"), 0, 10**6, 0, 10**6)]
    message["span_groups"][0] = srsly.msgpack_dumps({srsly.msgpack_dumps(group): ["sc"]})
    _repack(path, message)
    items = project.import_paths([path]).items
    assert items[0].outcome is Outcome.FAILED
    assert "theirs.spacy, document 1" in items[0].message
    assert [i.outcome for i in items[1:]] == [Outcome.IMPORTED]


def _label(message: dict[str, Any], label: str) -> int:
    strings = spacy.strings.StringStore(message["strings"])
    return int(strings[label])


def test_offsets_from_user_data_are_checked(project: Project, tmp_path: Path) -> None:
    load(project, tmp_path, [(TEXT, [(0, 5, "claim")])])
    project.export("spacy-docbin", tmp_path / "out.spacy")
    nlp = spacy.blank("en")
    (doc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(nlp.vocab)
    doc.user_data["annotator"]["spans"][0]["end"] = 999
    path = tmp_path / "edited.spacy"
    path.write_bytes(DocBin(docs=[doc], store_user_data=True).to_bytes())
    with fresh_project(tmp_path / "other") as other:
        item = _only(other, path)
        assert item.outcome is Outcome.FAILED
        assert "edited.spacy, document 1" in item.message and "span 1" in item.message
        assert other.documents() == []


def test_missing_spacy_says_how_to_install(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _spacy_file(tmp_path, [spacy.blank("en")(TEXT)])
    monkeypatch.setitem(sys.modules, "spacy", None)
    assert "install annotator[spacy]" in _refused(project, path)
    assert project.documents() == []


def test_inflate_stops_at_the_limit() -> None:
    payload = bytes(range(256)) * 4000
    packed = zlib.compress(payload)
    where = Path("x.spacy")
    assert spacy_docbin_read.inflate(where, packed, len(payload)) == payload
    for limit in (len(payload) - 1, 1):
        with pytest.raises(SourceError, match=r"x\.spacy: decompresses to more than"):
            spacy_docbin_read.inflate(where, packed, limit)
    with pytest.raises(SourceError, match="not a readable spaCy DocBin"):
        spacy_docbin_read.inflate(where, packed[:-10], len(payload))


def test_a_folder_of_docbins_with_the_format_named(project: Project, tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    folder = tmp_path / "corpus"
    folder.mkdir()
    _spacy_file(folder, [nlp("First text.")], "train.spacy")
    _spacy_file(folder, [nlp("Second text."), nlp("Third text.")], "dev.spacy")
    report = project.import_paths([folder], format_name="spacy-docbin")
    assert [item.outcome for item in report.items] == [Outcome.IMPORTED] * 3
    assert "dev.spacy, document 2" in report.items[1].origin
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no .spacy files" in _only(project, empty, format_name="spacy-docbin").message
