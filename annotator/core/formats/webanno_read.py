"""Import WebAnno TSV 3 files (ours, see ``webanno``, or exported by WebAnno/INCEpTION).

The tag column is ``webanno.custom.Span|label`` when declared, else the ``value`` (or
first) feature of the first span layer (named entities' ``value`` in INCEpTION). The text
is rebuilt from the ``#Text=`` lines placed at their tokens' offsets (gaps between
sentences become newlines), and every token is checked against it: a file whose offsets
do not fit fails with its line.
Several documents in one file (each with its own ``#FORMAT`` header) are all read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import SourceError
from annotator.core.formats.jsonfile import peek
from annotator.core.formats.tokens import utf16_offsets
from annotator.core.model import AnnotationDraft, ArticleDraft, ReadFailure
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure
from annotator.core.sources.files import DEFAULT_MAX_BYTES
from annotator.core.sources.lines import iter_lines

LAYER = "webanno.custom.Span"
FORMAT_LINE = "#FORMAT=WebAnno TSV 3"
_SPECIAL = ("\\", "[", "]", "|", "_", "->", ";", "\t", "\n", "*")
_PART = re.compile(r"^(?P<label>.*?)(?:\[(?P<id>\d+)\])?$", re.DOTALL)
Result = ArticleDraft | ReadFailure


def escape(value: str) -> str:
    for special in _SPECIAL:
        value = value.replace(special, "\\" + special)
    return value


def unescape(value: str) -> str:
    return re.sub(r"\\(->|.)", r"\1", value, flags=re.DOTALL)


def _split_unescaped(cell: str, separator: str = "|") -> list[str]:
    parts, current, escaped = [], "", False
    for char in cell:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def sniff(path: Path) -> bool:
    return path.is_file() and peek(path, 64).lstrip("\ufeff").startswith(FORMAT_LINE)


@dataclass
class _Doc:
    origin: str
    first_line: int
    column: int | None = None
    span_columns: int = 0
    sentences: list[tuple[str, list[tuple[int, int, int, str, str]]]] = field(default_factory=list)
    error: SourceError | None = None


def read(path: Path) -> Iterator[Result]:
    origin = str(path)
    doc: _Doc | None = None
    try:
        for number, line in iter_lines(path, DEFAULT_MAX_BYTES):
            if isinstance(line, SourceError):
                raise line
            if line.startswith(FORMAT_LINE):
                if doc is not None:
                    yield _finish(doc)
                doc = _Doc(origin, number)
            elif doc is None:
                raise SourceError(path, f"expected '{FORMAT_LINE}...' first.", number)
            elif doc.error is None:
                _line(doc, line, number)
    except SourceError as exc:
        yield failure(exc)
        return
    except OSError as exc:
        yield failure(SourceError(path, f"cannot be read ({exc.strerror or exc})."))
        return
    if doc is None:
        yield failure(SourceError(path, "the file is empty."))
    else:
        yield _finish(doc)


def _line(doc: _Doc, line: str, number: int) -> None:
    if line.startswith("#T_SP="):
        layer, *features = line[len("#T_SP=") :].split("|")
        if layer == LAYER and "label" in features:
            doc.column = doc.span_columns + features.index("label")
        elif doc.column is None and doc.span_columns == 0 and features:
            doc.column = features.index("value") if "value" in features else 0
        doc.span_columns += len(features)
    elif line.startswith("#Text="):
        if doc.sentences and not doc.sentences[-1][1]:
            text, tokens = doc.sentences[-1]
            doc.sentences[-1] = (text + "\n" + line[6:], tokens)
        else:
            doc.sentences.append((line[6:], []))
    elif line.startswith("#") or not line.strip():
        return
    else:
        fields = line.split("\t")
        try:
            begin, end = (int(x) for x in fields[1].split("-"))
        except (IndexError, ValueError):
            doc.error = SourceError(
                doc.origin, "expected 'N-M<TAB>begin-end<TAB>token...'.", number
            )
            return
        if not doc.sentences:
            doc.error = SourceError(doc.origin, "a token before any '#Text=' line.", number)
            return
        column = 3 + (doc.column or 0)
        cell = fields[column] if doc.column is not None and column < len(fields) else "_"
        doc.sentences[-1][1].append((number, begin, end, fields[2], cell))


def _finish(doc: _Doc) -> Result:
    if doc.error is not None:
        return failure(doc.error)
    try:
        text = _text(doc)
        drafts = _spans(doc, text)
    except SourceError as exc:
        return failure(exc)
    if not text.strip():
        return failure(SourceError(doc.origin, "a document without text.", doc.first_line))
    return build_draft(text, f"{doc.origin}, line {doc.first_line}", {}, annotations=drafts)


def _text(doc: _Doc) -> str:
    text = ""
    units = 0
    for sentence, tokens in doc.sentences:
        if not tokens:
            continue
        number, begin, _, token, _ = tokens[0]
        inside = sentence.find(token)
        start = begin - len(sentence[:inside].encode("utf-16-le")) // 2
        if inside < 0 or start < units:
            raise SourceError(doc.origin, "the offsets do not fit the '#Text=' lines.", number)
        text += "\n" * (start - units) + sentence
        units = start + len(sentence.encode("utf-16-le")) // 2
    return text


def _spans(doc: _Doc, text: str) -> tuple[AnnotationDraft, ...]:
    units = utf16_offsets(text)
    points = {unit: index for index, unit in enumerate(units)}
    chunks: dict[str, list[int]] = {}
    drafts: list[AnnotationDraft] = []
    for _, tokens in doc.sentences:
        for number, begin, end, token, cell in tokens:
            start, stop = points.get(begin), points.get(end)
            if start is None or stop is None or text[start:stop] != token:
                raise SourceError(
                    doc.origin, f"token {token!r} does not fit the text at {begin}-{end}.", number
                )
            if cell in ("_", ""):
                continue
            for part in _split_unescaped(cell):
                match = _PART.match(part)
                assert match is not None
                label = unescape(match["label"]) if match["label"] not in ("", "*") else "Span"
                if match["id"] is None:
                    drafts.append(AnnotationDraft(start=start, end=stop, tag=label))
                    continue
                key = f"{match['id']}\x00{label}"
                found = chunks.setdefault(key, [start, stop])
                found[0], found[1] = min(found[0], start), max(found[1], stop)
    for key, (start, stop) in chunks.items():
        drafts.append(AnnotationDraft(start=start, end=stop, tag=key.split("\x00", 1)[1]))
    return tuple(sorted(drafts, key=lambda d: (d.start, -d.end, d.tag)))
