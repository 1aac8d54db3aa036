"""Import CoNLL IOB2 column files (ours, see ``conll``, or plain CoNLL-2003).

A malformed line (wrong number of columns, a label that is not ``O``/``B-x``/``I-x``) fails
its document with the file and line. An ``I-x`` without a ``B-x`` before it starts a chunk,
as seqeval and the CoNLL evaluation script read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import SourceError
from annotator.core.formats.jsonfile import peek
from annotator.core.model import AnnotationDraft, ArticleDraft, ReadFailure
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure
from annotator.core.sources.files import DEFAULT_MAX_BYTES
from annotator.core.sources.lines import iter_lines

HEADER = "#columns TOKEN"
DOCSTART = "-DOCSTART-"
_LABEL = re.compile(r"^(?:O|[BI]-\S+)$")
Result = ArticleDraft | ReadFailure


def sniff(path: Path) -> bool:
    if not path.is_file():
        return False
    if path.suffix.lower() in (".conll", ".iob", ".bio"):
        return True
    return peek(path, 64).startswith((HEADER, DOCSTART))


@dataclass
class _Doc:
    origin: str
    first_line: int
    sentences: list[list[tuple[str, list[str]]]] = field(default_factory=lambda: [[]])
    error: SourceError | None = None


def read(path: Path) -> Iterator[Result]:
    origin = str(path)
    columns: list[str] | None = None
    doc: _Doc | None = None
    try:
        for number, line in iter_lines(path, DEFAULT_MAX_BYTES):
            if isinstance(line, SourceError):
                raise line
            if number == 1 and line.startswith(HEADER):
                columns = line.split(" ")[2:]
                continue
            fields = line.split(" ")
            if fields[0] == DOCSTART:
                if doc is not None:
                    yield _finish(doc)
                doc = _Doc(origin, number)
                continue
            if doc is None:
                doc = _Doc(origin, number)
            if not line.strip():
                if doc.sentences[-1]:
                    doc.sentences.append([])
                continue
            if doc.error is None:
                doc.error = _add(doc, fields, columns, origin, number)
    except SourceError as exc:
        yield failure(exc)
        return
    except OSError as exc:
        yield failure(SourceError(path, f"cannot be read ({exc.strerror or exc})."))
        return
    if doc is not None:
        yield _finish(doc)
    else:
        yield failure(SourceError(path, "the file holds no tokens; nothing to import."))


def _add(
    doc: _Doc, fields: list[str], columns: list[str] | None, origin: str, number: int
) -> SourceError | None:
    expected = None if columns is None else len(columns) + 1
    if expected is not None and len(fields) != expected:
        return SourceError(origin, f"expected {expected} columns, found {len(fields)}.", number)
    labels = fields[1:] if columns is not None else fields[-1:]
    if len(fields) < 2:
        return SourceError(origin, "expected a token and at least one label.", number)
    bad = next((label for label in labels if not _LABEL.match(label)), None)
    if bad is not None:
        return SourceError(origin, f"{bad!r} is not an IOB2 label (O, B-tag, I-tag).", number)
    doc.sentences[-1].append((fields[0], labels))
    return None


def _finish(doc: _Doc) -> Result:
    if doc.error is not None:
        return failure(doc.error)
    sentences = [s for s in doc.sentences if s]
    if not sentences:
        return failure(SourceError(doc.origin, "a document without tokens.", doc.first_line))
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    labels: list[list[str]] = []
    position = 0
    for number, sentence in enumerate(sentences):
        if number:
            pieces.append("\n")
            position += 1
        for index, (token, token_labels) in enumerate(sentence):
            if index:
                pieces.append(" ")
                position += 1
            pieces.append(token)
            spans.append((position, position + len(token)))
            position += len(token)
            labels.append(token_labels)
    text = "".join(pieces)
    drafts = _chunks(spans, labels)
    return build_draft(text, f"{doc.origin}, line {doc.first_line}", {}, annotations=drafts)


def _chunks(spans: list[tuple[int, int]], labels: list[list[str]]) -> tuple[AnnotationDraft, ...]:
    drafts: list[AnnotationDraft] = []
    width = len(labels[0]) if labels else 0
    for column in range(width):
        open_tag: str | None = None
        start = end = 0
        for (token_start, token_end), token_labels in zip(spans, labels, strict=True):
            label = token_labels[column]
            kind, _, tag = label.partition("-")
            if open_tag is not None and (kind != "I" or tag != open_tag):
                drafts.append(AnnotationDraft(start=start, end=end, tag=open_tag))
                open_tag = None
            if kind == "B" or (kind == "I" and open_tag is None):
                open_tag, start = tag, token_start
            end = token_end
        if open_tag is not None:
            drafts.append(AnnotationDraft(start=start, end=end, tag=open_tag))
    return tuple(sorted(drafts, key=lambda d: (d.start, -d.end, d.tag)))
