"""Hostile input (issue 10): malformed files end in a clear failure naming the file (and the
line, for JSONL) with every table of the database unchanged; HTML never runs or fetches
anything; random bytes fed to every importer never raise and never store a bad document.
"""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.importing import Outcome
from annotator.core.model import ReadFailure
from annotator.core.project import Project
from annotator.core.sources import DEFAULT_MAX_BYTES, iter_drafts

Checksum = Callable[[Path], str]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing never fetches anything: any connection attempt fails the test."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("an importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def seeded(db_path: Path, tmp_path: Path) -> Iterator[Project]:
    """A project that already holds one tagged document, so "unchanged" means something."""
    article = tmp_path / "seed.txt"
    article.write_text("title: Seed\n\nThe Orlan 😀 site is active.\n", encoding="utf-8")
    with Project.open(db_path, analyst="alice") as project:
        (document_id,) = project.import_paths([article]).document_ids
        project.tag_span(document_id, 4, 9, "facility")
        yield project


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def jsonl(*records: object) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


HOSTILE: dict[str, tuple[bytes, int | None]] = {
    # name: (content, the line the failure must name, or None for a whole-file failure)
    "invalid-utf8.jsonl": (b'{"text": "caf\xc3 ok"}\n', 1),
    "truncated-utf8.jsonl": (jsonl({"text": "fine"}).replace(b"fine", b"fin\xe2\x82"), 1),
    "truncated-line.jsonl": (b'{"text": "no closing brace"', 1),
    "utf16-odd-bytes.txt": (b"\xff\xfeA\x00B\x00C", None),
    "binary.txt": (bytes(range(256)) * 4, None),
    "empty.txt": (b"", None),
    "only-bom.txt": (b"\xef\xbb\xbf\r\n\r\n", None),
    "nested-meta.jsonl": (('{"text": "x", "meta": {"a": ' + nested(100_000) + "}}\n").encode(), 1),
    "nested-line.jsonl": (nested(1_000_000).encode() + b"\n", 1),
    "nan.jsonl": (b'{"text": "x", "meta": {"v": NaN}}\n', 1),
    "not-object.jsonl": (b'["text", "x"]\n', 1),
    "text-not-string.jsonl": (jsonl({"text": ["a"]}), 1),
    "nul-in-text.jsonl": (jsonl({"text": "a\u0000b"}), 1),
    "end-past-text.jsonl": (jsonl({"text": "short", "label": [[0, 99, "claim"]]}), 1),
    "reversed.jsonl": (jsonl({"text": "short", "label": [[4, 1, "claim"]]}), 1),
    "empty-span.jsonl": (jsonl({"text": "short", "label": [[2, 2, "claim"]]}), 1),
    "negative.jsonl": (jsonl({"text": "short", "label": [[-1, 3, "claim"]]}), 1),
    "float-offset.jsonl": (jsonl({"text": "short", "label": [[0.5, 3, "claim"]]}), 1),
    "bool-offset.jsonl": (jsonl({"text": "short", "label": [[False, True, "claim"]]}), 1),
    "huge-offset.jsonl": (jsonl({"text": "short", "label": [[0, 10**30, "claim"]]}), 1),
    "quote-mismatch.jsonl": (
        jsonl(
            {"text": "short", "annotations": [{"start": 0, "end": 2, "tag": "c", "quote": "xx"}]}
        ),
        1,
    ),
    "empty-tag.jsonl": (jsonl({"text": "short", "label": [[0, 2, " "]]}), 1),
    "cr-with-spans.jsonl": (jsonl({"text": "a\r\nb", "label": [[0, 1, "claim"]]}), 1),
    "scripts-only.html": (
        b"<html><head><script>fetch('http://198.51.100.1/x')</script></head>"
        b"<body><iframe src='http://198.51.100.1/'></iframe>"
        b"<script>document.write('pwned')</script></body></html>",
        None,
    ),
    "traversal.zip": (zipped({"../../evil.ann": b"T1\tclaim 0 1\tx\n"}), None),
    "damaged.zip": (zipped({"a.ann": b"T1\tclaim 0 1\tx\n"})[:-30], None),
    "bomb.zip": (zipped({"a.txt": b"a" * 30_000_000, "a.ann": b"T1\tclaim 0 1\ta\n"}), None),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_malformed_file_fails_clearly_and_changes_nothing(
    name: str, seeded: Project, db_path: Path, tmp_path: Path, db_checksum: Checksum
) -> None:
    content, line = HOSTILE[name]
    path = tmp_path / "hostile" / name
    path.parent.mkdir()
    path.write_bytes(content)
    before = db_checksum(db_path)
    report = seeded.import_paths([path])
    assert db_checksum(db_path) == before
    assert report.failures, report.items
    assert all(item.outcome is Outcome.FAILED for item in report.items), report.items
    for item in report.failures:
        assert str(path) in item.message, item.message
        assert len(item.message) < 600, "a message for people, not a dump"
        if line is not None:
            assert f"line {line}" in item.message, item.message
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_bad_line_fails_alone_and_the_good_lines_import(seeded: Project, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = {"text": "A good record about Veskar.", "label": [[20, 26, "facility"]]}
    path.write_bytes(
        jsonl(good) + b'{"text": \xff}\n' + jsonl({"text": "x", "label": [[3, 1, "a"]]})
    )
    report = seeded.import_paths([path])
    assert report.count(Outcome.IMPORTED) == 1
    assert [f.message.split(": ")[0] for f in report.failures] == [
        f"{path}, line 2",
        f"{path}, line 3",
    ]


def test_lines_over_the_size_limit_are_refused_by_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    path.write_bytes(jsonl({"text": "small"}) + jsonl({"text": "x" * 5000}) + jsonl({"text": "ok"}))
    results = list(iter_drafts([path], max_bytes=1000))
    assert [type(r).__name__ for r in results] == ["ArticleDraft", "ReadFailure", "ArticleDraft"]
    failed = results[1]
    assert isinstance(failed, ReadFailure)
    assert f"{path}, line 2" in failed.message and "limit" in failed.message
    big = tmp_path / "huge.txt"
    big.write_bytes(b"word " * 1000)
    (refused,) = iter_drafts([big], max_bytes=1000)
    assert isinstance(refused, ReadFailure) and "limit" in refused.message


@pytest.mark.slow
def test_project_import_applies_the_default_size_limit(
    seeded: Project, db_path: Path, tmp_path: Path, db_checksum: Checksum
) -> None:
    """Project.import_paths has no size knob; the readers' 50 MB default still holds."""
    line = tmp_path / "one-huge-line.jsonl"
    with line.open("wb") as out:
        out.write(b'{"text": "')
        out.write(b"x" * (DEFAULT_MAX_BYTES + 10))
        out.write(b'"}\n')
    before = db_checksum(db_path)
    report = seeded.import_paths([line])
    assert db_checksum(db_path) == before
    (failed,) = report.failures
    assert f"{line}, line 1" in failed.message and "limit" in failed.message


def test_html_scripts_frames_and_javascript_links_are_never_run_or_kept(
    seeded: Project, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Site report</title>"
        "<meta http-equiv='refresh' content='0; url=http://198.51.100.1/'>"
        "<link rel='stylesheet' href='http://198.51.100.1/s.css'>"
        "<link rel='canonical' href='javascript:alert(1)'>"
        "<script>alert('script body')</script>"
        "<script src='http://198.51.100.1/x.js'></script></head><body>"
        "<p>The Orlan plant reopened on Monday, officials said.</p>"
        "<iframe src='http://198.51.100.1/frame'>iframe fallback</iframe>"
        "<p><a href='javascript:alert(2)'>a link</a> and <img src='http://198.51.100.1/i.png'"
        " onerror='alert(3)'> more text.</p>"
        "<style>body { background: url(http://198.51.100.1/bg.png) }</style>"
        "<noscript>enable scripts</noscript></body></html>",
        encoding="utf-8",
    )
    report = seeded.import_paths([page])
    assert not report.failures, report.failures
    (document_id,) = report.document_ids
    document = seeded.document(document_id)
    assert "Orlan plant reopened" in document.text
    for leaked in ("alert", "script body", "iframe fallback", "background", "javascript"):
        assert leaked not in document.text
    assert document.url is None or document.url.startswith(("http://", "https://"))
    assert "javascript" not in json.dumps(dict(document.meta))


SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".json", ".csv", ".ann", ".conll", ".zip"]


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    suffix=st.sampled_from(SUFFIXES),
    content=st.binary(max_size=400)
    | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))
    | st.sampled_from([b'{"text": "', b"PK\x03\x04", b"<html><script>", b"\xef\xbb\xbf{"]).flatmap(
        lambda head: st.binary(max_size=200).map(lambda tail: head + tail)
    ),
)
def test_random_bytes_never_crash_an_importer(
    seeded: Project,
    db_path: Path,
    tmp_path_factory: Any,
    db_checksum: Checksum,
    suffix: str,
    content: bytes,
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"random{suffix}"
    path.write_bytes(content)
    before = db_checksum(db_path)
    report = seeded.import_paths([path])  # must not raise
    stored = [i for i in report.items if i.outcome in (Outcome.IMPORTED, Outcome.MERGED)]
    if not stored:
        assert db_checksum(db_path) == before, report.items
    for item in report.failures:
        assert str(path) in item.message or path.name in item.message, item.message
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        texts = dict(connection.execute("SELECT id, text FROM documents"))
        assert all(text.strip() and "\x00" not in text for text in texts.values())
        for document_id, start, end, quote in connection.execute(
            "SELECT document_id, start_offset, end_offset, quote FROM annotations"
        ):
            assert texts[document_id][start:end] == quote
