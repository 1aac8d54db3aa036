"""Import brat standoff collections: a folder, a ``.zip`` of one, or a single ``.ann``.

Each ``NAME.ann`` pairs with ``NAME.txt`` beside it. The text is kept byte-for-byte (the
offsets count its exact characters, ``\\r`` included). What is read:

- ``T`` lines, including discontinuous ones (``T1<TAB>claim 0 5;10 15<TAB>...``): our model
  has contiguous spans only, so each fragment becomes its own span and the import warns.
- ``A`` / ``M`` lines become attributes: a flag is ``True``, a value is a string.
- ``#`` ``AnnotatorNotes`` lines become the note of the span they point at.
- ``R`` lines (``R1<TAB>type Arg1:T1 Arg2:T2``) become relations from Arg1 to Arg2, in any
  order in the file; an end that is a discontinuous span links its first fragment (with a
  warning), an end that is not a ``T`` (an event) skips the relation with a warning.
- ``E``, ``N`` and ``*`` lines are skipped with a warning (no events, normalisations or
  equivalence sets in our model).

A bad line (offsets outside the text, a reference to an unknown ``T``) fails the whole
document with its file and line, so nothing half-right is stored.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats.opening_mark import text_as_offsets_count_it
from annotator.core.formats.safe_zip import SafeZip, is_zip
from annotator.core.model import AnnotationDraft, ArticleDraft, ReadFailure, RelationDraft
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure

Result = ArticleDraft | ReadFailure
MAX_TEXT = 50 * 1024 * 1024
_OFFSETS = re.compile(r"^\d+ \d+(?:;\d+ \d+)*$")


def sniff(path: Path) -> bool:
    if path.is_dir():
        return next(path.rglob("*.ann"), None) is not None
    if path.suffix.lower() == ".ann":
        return True
    if path.suffix.lower() == ".zip" and is_zip(path):
        try:
            archive = SafeZip(path)
        except SourceError:
            return True  # ours to report: a damaged zip named for import
        try:
            return any(name.endswith(".ann") for name in archive.names())
        finally:
            archive.close()
    return False


def read(path: Path) -> Iterator[Result]:
    if path.is_dir():
        yield from _read_folder(path)
    elif path.suffix.lower() == ".zip":
        yield from _read_zip(path)
    elif path.suffix.lower() == ".ann":
        yield _read_pair(path, lambda: path.with_suffix(".txt").read_bytes(), path.read_bytes)
    else:
        yield failure(SourceError(path, "not a brat .ann file, folder or .zip archive."))


def _read_folder(folder: Path) -> Iterator[Result]:
    anns = sorted(p for p in folder.rglob("*.ann") if not p.name.startswith("."))
    if not anns:
        yield failure(SourceError(folder, "the folder holds no brat .ann files."))
    for ann in anns:
        txt = ann.with_suffix(".txt")
        yield _read_pair(ann, txt.read_bytes, ann.read_bytes)


def _read_zip(path: Path) -> Iterator[Result]:
    try:
        archive = SafeZip(path)
    except SourceError as exc:
        yield failure(exc)
        return
    try:
        names = archive.names()
        anns = [n for n in names if n.endswith(".ann") and not n.rsplit("/", 1)[-1].startswith(".")]
        if not anns:
            yield failure(SourceError(path, "the archive holds no brat .ann files."))
        for ann in anns:
            txt = ann[: -len(".ann")] + ".txt"
            origin = Path(f"{path}!{ann}")
            if txt not in archive.infos:
                yield failure(SourceError(origin, f"{txt} is missing from the archive."))
                continue
            yield _read_pair(origin, lambda t=txt: archive.read(t), lambda a=ann: archive.read(a))
    finally:
        archive.close()


def _read_pair(origin: Path, txt: Any, ann: Any) -> Result:
    try:
        try:
            text_bytes, ann_bytes = txt(), ann()
        except OSError as exc:
            reason = exc.strerror or exc
            raise SourceError(origin, f"cannot be read with its .txt ({reason}).") from None
        if len(text_bytes) > MAX_TEXT:
            raise SourceError(origin, "the .txt file is larger than the 50 MB limit.")
        content = _decode(ann_bytes, origin, ".ann")
        text = _decode(text_bytes, origin, ".txt")
        text = text_as_offsets_count_it(text, _recorded_quotes(content), one_line)
        parsed = parse_ann(content, text, origin)
    except SourceError as exc:
        return failure(exc)
    if not text.strip():
        return failure(SourceError(origin, "the .txt file is empty; there is nothing to import."))
    draft = build_draft(text, str(origin), {}, annotations=parsed.drafts())
    return _with_extras(draft, parsed.warnings, parsed.relation_drafts())


def _with_extras(
    draft: ArticleDraft, warnings: list[str], links: tuple[RelationDraft, ...]
) -> ArticleDraft:
    from dataclasses import replace

    return replace(draft, warnings=tuple(warnings) or draft.warnings, relations=links)


def one_line(value: str) -> str:
    """A quote as a ``T`` line records it: newlines become spaces (a line is a record)."""
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _recorded_quotes(content: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each well-formed one-fragment span line; others are skipped
    here (``parse_ann`` reports them)."""
    for line in content.split("\n"):
        fields = line.rstrip("\r").split("\t", 2)  # a quote may hold a tab
        if line.startswith("T") and len(fields) >= 3:
            place = fields[1].split(" ")
            if len(place) == 3 and place[1].isdigit() and place[2].isdigit():
                yield int(place[1]), int(place[2]), fields[2]


def _decode(data: bytes, origin: Path, kind: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(origin, f"the {kind} file is not UTF-8; brat files are UTF-8.") from None


@dataclass
class _Span:
    tag: str
    fragments: list[tuple[int, int]]
    attributes: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    """One fresh annotation id per fragment, so relations can name their ends; the store
    maps an end whose span was already present onto the stored annotation."""


@dataclass(frozen=True)
class _Link:
    type: str
    arg1: str
    arg2: str
    line: int


@dataclass
class ParsedAnn:
    spans: dict[str, _Span] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    """Resolved relations: (type, from annotation id, to annotation id)."""

    def drafts(self) -> tuple[AnnotationDraft, ...]:
        return tuple(
            AnnotationDraft(
                start=start,
                end=end,
                tag=span.tag,
                id=span.ids[index] if span.ids else None,
                attributes=dict(span.attributes),
                note="\n".join(span.notes),
            )
            for span in self.spans.values()
            for index, (start, end) in enumerate(span.fragments)
        )

    def relation_drafts(self) -> tuple[RelationDraft, ...]:
        return tuple(RelationDraft(source, target, kind) for kind, source, target in self.links)


def parse_ann(content: str, text: str, origin: Path) -> ParsedAnn:
    """Raises ``SourceError`` naming ``origin`` and the line for anything unusable."""
    parsed = ParsedAnn()
    skipped: dict[str, int] = {}
    links: list[_Link] = []
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        kind = line[0]
        try:
            if kind == "T":
                _text_bound(line, text, parsed, origin, number)
            elif kind in "AM":
                _attribute(line, parsed)
            elif kind == "#":
                _note(line, parsed)
            elif kind == "R":
                links.append(_relation(line, number))
            else:
                skipped[kind] = skipped.get(kind, 0) + 1
        except (ValueError, KeyError, IndexError) as exc:
            raise SourceError(origin, f"{exc}: {line[:80]!r}", number) from None
    for link in links:
        _resolve(link, parsed, origin)
    for kind, count in skipped.items():
        parsed.warnings.append(f"{origin}: {count} '{kind}' line(s) skipped (not supported yet)")
    return parsed


def _relation(line: str, number: int) -> _Link:
    fields = line.split("\t")
    parts = fields[1].split() if len(fields) > 1 else []
    roles = dict(part.split(":", 1) for part in parts[1:] if ":" in part)
    if len(parts) != 3 or len(roles) != 2 or not {"Arg1", "Arg2"} <= roles.keys():
        raise ValueError("expected 'R1<TAB>type Arg1:T1 Arg2:T2'")
    return _Link(parts[0], roles["Arg1"], roles["Arg2"], number)


def _resolve(link: _Link, parsed: ParsedAnn, origin: Path) -> None:
    """Point the relation at annotation ids; an unknown T fails the document."""
    where = f"{origin}, line {link.line}"
    ends = []
    for name in (link.arg1, link.arg2):
        span = parsed.spans.get(name)
        if span is None and name.startswith("T"):
            raise SourceError(origin, f"relation to unknown annotation {name}", link.line)
        if span is None:
            parsed.warnings.append(f"{where}: relation {link.type} to {name} skipped (not a span)")
            return
        if not span.ids:
            span.ids = [str(uuid.uuid4()) for _ in span.fragments]
        if len(span.fragments) > 1:
            parsed.warnings.append(
                f"{where}: relation {link.type} linked to the first fragment of {name}"
            )
        ends.append(span.ids[0])
    parsed.links.append((link.type, ends[0], ends[1]))


def _text_bound(line: str, text: str, parsed: ParsedAnn, origin: Path, number: int) -> None:
    fields = line.split("\t")
    if len(fields) < 2 or " " not in fields[1]:
        raise ValueError("expected 'T1<TAB>tag start end<TAB>text'")
    tag, offsets = fields[1].split(" ", 1)
    if not _OFFSETS.match(offsets):
        raise ValueError(f"offsets {offsets!r} are not 'start end' pairs")
    fragments = []
    for pair in offsets.split(";"):
        start, end = (int(x) for x in pair.split(" "))
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}-{end} is outside the text ({len(text)} characters)")
        fragments.append((start, end))
    if len(fragments) > 1:
        parsed.warnings.append(
            f"{origin}, line {number}: discontinuous span {fields[0]} imported as "
            f"{len(fragments)} separate spans"
        )
    parsed.spans[fields[0]] = _Span(tag, fragments)


def _attribute(line: str, parsed: ParsedAnn) -> None:
    fields = line.split("\t")
    parts = fields[1].split(" ") if len(fields) > 1 else []
    if len(parts) < 2:
        raise ValueError("expected 'A1<TAB>name T1 [value]'")
    target = parts[1]
    if target not in parsed.spans:
        raise KeyError(f"attribute of unknown annotation {target}")
    value: Any = " ".join(parts[2:]) if len(parts) > 2 else True
    parsed.spans[target].attributes[parts[0]] = value


def _note(line: str, parsed: ParsedAnn) -> None:
    fields = line.split("\t")
    parts = fields[1].split(" ") if len(fields) > 1 else []
    if len(parts) < 2 or parts[0] != "AnnotatorNotes":
        return  # other comment kinds carry nothing we store
    span = parsed.spans.get(parts[1])
    if span is None:
        parsed.warnings.append(f"note for {parts[1]} skipped (not a text span)")
        return
    span.notes.append("\t".join(fields[2:]))
