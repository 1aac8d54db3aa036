"""Import spaCy DocBin (``.spacy``) files: ours (see ``spacy_docbin``) or any pipeline's.

Why this module is careful: a DocBin is zlib-compressed msgpack, and spaCy's
``DocBin.from_bytes`` inflates it with no limit, so a few kilobytes of an untrusted file can
unpack to gigabytes (a decompression bomb). Even a small payload can describe far more than
it holds: a token table whose every row names the same long string makes an enormous text,
and a msgpack list of tiny maps becomes a Python object per byte. So spaCy is handed the
bytes only after these checks, each refusing the whole file with a message that names it:

1. the file is no larger than an article file may be (``DEFAULT_MAX_BYTES``);
2. it inflates, by a bounded ``decompressobj``, to at most ``MAX_UNPACKED`` bytes
   (the per-file limit of ``safe_zip``) and is complete;
3. a msgpack parse of the payload and of every document's span groups and user data builds
   at most ``MAX_VALUES`` list/map entries, so spaCy's own parse of the same bytes stays
   bounded too (the user data is taken from this parse; spaCy does not read it again);
4. the token table is well formed and its documents, tokens and text lengths are bounded.

Then each document becomes a draft: its text, spans from ``doc.spans["sc"]`` (else
``doc.ents``) with their labels as tags. Where our export left ``doc.user_data["annotator"]``
(document id, title, language, and per span the annotation id, analyst, note, attributes and
the exact code-point offsets before widening to tokens), those are used, so export -> import
-> export gives the same file. Spans from other pipelines keep spaCy's character offsets
(code points, like ours) and belong to the analyst who imports them. Every span goes through
the checks of our JSONL (``read_annotations``), so a damaged one fails its document, naming
the file, the document and the span.
"""

from __future__ import annotations

import itertools
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats.safe_zip import MAX_MEMBER, MAX_MEMBERS
from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources.annotations import AnnotationProblem, read_annotations
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure
from annotator.core.sources.files import DEFAULT_MAX_BYTES
from annotator.core.sources.sizes import format_size

Result = ArticleDraft | ReadFailure
SUFFIX = ".spacy"
SPAN_KEY = "sc"
OURS = "annotator"
MAX_FILE = DEFAULT_MAX_BYTES
MAX_UNPACKED = MAX_MEMBER
MAX_VALUES = 1_000_000
"""List items plus map entries in the whole file (strings, per-document data, spans ...)."""
MAX_TOKENS = 1_000_000
MAX_DOCUMENTS = MAX_MEMBERS
MAX_TEXT = DEFAULT_MAX_BYTES
"""Characters of all documents' texts together."""
MISSING = (
    "importing a .spacy (DocBin) file needs spaCy, which is not installed: install "
    "annotator[spacy] (pip install 'annotator[spacy]')."
)


def sniff(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX and path.is_file()


def read(path: Path) -> Iterator[Result]:
    """One ``.spacy`` file, or (with ``--format spacy-docbin``) every one in a folder."""
    try:
        import spacy  # noqa: F401  (only to learn whether it is there)
    except ImportError:
        yield failure(SourceError(path, MISSING))
        return
    if path.is_dir():
        files = sorted(p for p in path.rglob(f"*{SUFFIX}") if not p.name.startswith("."))
        if not files:
            yield failure(SourceError(path, f"the folder holds no {SUFFIX} files."))
        for file in files:
            yield from _read_one(file)
    else:
        yield from _read_one(path)


def _read_one(path: Path) -> Iterator[Result]:
    from spacy.vocab import Vocab

    try:
        docbin, user_data = _load(path, _read_file(path))
    except SourceError as exc:
        yield failure(exc)
        return
    yield from _drafts(path, docbin.get_docs(Vocab()), user_data)


def _read_file(path: Path) -> bytes:
    if not path.is_file():
        what = "is not a file" if path.exists() else "does not exist"
        raise SourceError(path, f"{what}; a spaCy DocBin (.spacy) file was expected.")
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise SourceError(
                path, f"larger than the {format_size(MAX_FILE)} limit for one file; split it."
            )
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot be read ({exc.strerror or exc}).") from None


def inflate(path: Path, data: bytes, limit: int | None = None) -> bytes:
    """The zlib payload, never more than ``limit`` (``MAX_UNPACKED``) bytes of it."""
    limit = MAX_UNPACKED if limit is None else limit
    unpacker = zlib.decompressobj()
    try:
        payload = unpacker.decompress(data, limit)
        # input left over, or output still pending inside zlib: more than ``limit``
        too_big = bool(unpacker.unconsumed_tail) or (
            not unpacker.eof and bool(unpacker.decompress(b"", 1))
        )
    except zlib.error as exc:
        raise SourceError(path, _damaged(f"not zlib data: {exc}")) from None
    if too_big:
        raise SourceError(
            path,
            f"decompresses to more than {format_size(limit)} (a decompression bomb?); not "
            "imported. Split it into smaller DocBin files with spaCy.",
        )
    if not unpacker.eof:
        raise SourceError(path, _damaged("the compressed data ends early"))
    return payload


def _load(path: Path, data: bytes) -> tuple[Any, list[Any]]:
    """A ``DocBin`` made from bytes that passed every check, and each document's user data
    (parsed once, by the check, instead of again by spaCy)."""
    from spacy.tokens import DocBin

    payload = inflate(path, data)
    user_data = _check(path, payload)
    try:
        docbin = DocBin(store_user_data=True).from_bytes(data)
        docbin.user_data = []
        return docbin, user_data
    except Exception as exc:  # spaCy reports damage as KeyError, ValueError, assert ...
        raise SourceError(path, _damaged(_reason(exc))) from None


class _TooMany(Exception):
    pass


class _Budget:
    """Counts the list items and map entries a msgpack parse builds, stopping at a limit."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _TooMany

    def list_hook(self, items: Any) -> Any:
        self.spend(len(items))
        return items

    def pairs_hook(self, pairs: Any) -> dict[Any, Any]:
        self.spend(len(pairs))
        return dict(pairs)

    def loads(self, data: bytes) -> Any:
        from srsly import msgpack

        return msgpack.unpackb(
            data,
            raw=False,
            use_list=False,
            list_hook=self.list_hook,
            object_pairs_hook=self.pairs_hook,
            max_array_len=MAX_VALUES,
            max_map_len=MAX_VALUES,
        )


def _check(path: Path, payload: bytes) -> list[Any]:
    budget = _Budget(MAX_VALUES)
    try:
        message = budget.loads(payload)
        if not isinstance(message, dict):
            raise SourceError(path, _damaged("no DocBin header"))
        for item in _items(message, "span_groups"):
            _dry_run(budget, item)
        user_data = [_user_data(budget, item) for item in _items(message, "user_data")]
        _check_tokens(path, message)
        return user_data
    except SourceError:
        raise
    except _TooMany:
        raise SourceError(path, _too_many()) from None
    except Exception as exc:  # msgpack: ExtraData, FormatError, StackError, ValueError ...
        too_long = "exceeds max_" in str(exc)  # one list or map longer than MAX_VALUES
        raise SourceError(path, _too_many() if too_long else _damaged(_reason(exc))) from None


def _too_many() -> str:
    return (
        f"holds more than {MAX_VALUES:,} values (strings, spans, data); not imported. "
        "Split it into smaller DocBin files with spaCy."
    )


def _items(message: dict[Any, Any], name: str) -> tuple[Any, ...]:
    found = message.get(name, ())
    return found if isinstance(found, tuple) else ()


def _user_data(budget: _Budget, item: Any) -> Any:
    """A document's user data, parsed here (within the budget) rather than by spaCy."""
    return budget.loads(item) if isinstance(item, bytes) and item else None


def _dry_run(budget: _Budget, item: Any) -> None:
    """Parse a document's span groups as spaCy will (a list or map of packed groups, each
    holding packed spans), counting what it builds."""
    inner = _user_data(budget, item)
    groups = inner.keys() if isinstance(inner, dict) else inner if isinstance(inner, tuple) else ()
    for group in groups:
        if isinstance(group, bytes):
            budget.loads(group)


def _check_tokens(path: Path, message: dict[Any, Any]) -> None:
    import numpy
    from spacy.attrs import ORTH
    from spacy.strings import StringStore

    attrs, strings = message.get("attrs"), message.get("strings")
    blobs = [message.get(name) for name in ("tokens", "spaces", "lengths")]
    if (
        not isinstance(attrs, tuple)
        or ORTH not in attrs
        or not isinstance(strings, tuple)
        or not all(isinstance(string, str) for string in strings)
        or not all(isinstance(blob, bytes) for blob in blobs)
    ):
        raise SourceError(path, _damaged("it lacks the DocBin token table"))
    tokens, spaces, lengths = blobs
    assert isinstance(tokens, bytes) and isinstance(spaces, bytes) and isinstance(lengths, bytes)
    counts = numpy.frombuffer(lengths, dtype="int32") if len(lengths) % 4 == 0 else None
    rows = len(tokens) // (8 * len(attrs))
    if (
        counts is None
        or len(tokens) % (8 * len(attrs))
        or (counts < 0).any()
        or int(counts.sum()) != rows
        or len(spaces) != rows
    ):
        raise SourceError(path, _damaged("its token table does not add up"))
    if len(counts) > MAX_DOCUMENTS or rows > MAX_TOKENS:
        raise SourceError(
            path,
            f"holds {len(counts):,} documents with {rows:,} tokens, more than the limits "
            f"({MAX_DOCUMENTS:,} documents, {MAX_TOKENS:,} tokens); split it with spaCy.",
        )
    orths = numpy.frombuffer(tokens, dtype="uint64").reshape(rows, len(attrs))
    unique, repeats = numpy.unique(orths[:, attrs.index(ORTH)], return_counts=True)
    store = StringStore(strings)
    length = rows  # at most one space after each token
    for orth, times in zip(unique.tolist(), repeats.tolist(), strict=True):
        if orth not in store:
            raise SourceError(path, _damaged("a token names a string the file does not hold"))
        length += len(store[orth]) * times
    if length > MAX_TEXT:
        raise SourceError(
            path,
            f"its texts come to about {length:,} characters, more than the limit of "
            f"{MAX_TEXT:,}; split it with spaCy.",
        )


def _drafts(path: Path, docs: Iterator[Any], user_data: list[Any]) -> Iterator[Result]:
    for number in itertools.count(1):
        origin = f"{path}, document {number}"
        with warnings.catch_warnings(record=True) as noted:
            warnings.simplefilter("always")
            try:
                doc = next(docs, None)
            except Exception as exc:  # spaCy cannot rebuild it: nor, then, what follows
                yield failure(SourceError(origin, _damaged(_reason(exc))))
                return
            if doc is None:
                return
            try:
                found = user_data[number - 1] if number <= len(user_data) else None
                draft = _draft(doc, found if isinstance(found, dict) else {}, origin)
            except SourceError as exc:
                yield failure(exc)
                continue
            except Exception as exc:  # span data pointing outside the document ...
                yield failure(SourceError(origin, f"damaged span data ({_reason(exc)})."))
                continue
        extra = tuple(f"{origin}: {warning.message}" for warning in noted)
        yield _warn(draft, extra) if extra else draft


def _warn(draft: ArticleDraft, messages: tuple[str, ...]) -> ArticleDraft:
    return replace(draft, warnings=draft.warnings + messages)


def _draft(doc: Any, user_data: dict[Any, Any], origin: str) -> ArticleDraft:
    text = doc.text
    if not text.strip():
        raise SourceError(origin, "the document holds no text; there is nothing to import.")
    notes: list[str] = []
    spans = _spans(doc, origin, notes)
    found = user_data.get(OURS)
    ours: dict[Any, Any] = found if isinstance(found, dict) else {}
    extras = ours.get("spans")
    if not isinstance(extras, tuple) or len(extras) != len(spans):
        if extras is not None:
            notes.append(
                f"{origin}: annotator's span data does not match the spans (edited after "
                "export?); ids, analysts, notes and attributes were not imported"
            )
        extras = ()
    native = []
    for number, (start, end, tag) in enumerate(spans):
        record: dict[str, Any] = {"start": start, "end": end, "tag": tag}
        extra = extras[number] if extras and isinstance(extras[number], dict) else {}
        for key in ("start", "end", "id", "annotator", "note", "attributes"):
            if key in extra and extra[key] is not None:
                record[key] = _plain(extra[key])
        native.append(record)
    try:
        annotations = read_annotations({"annotations": native}, text)
    except AnnotationProblem as exc:
        raise SourceError(origin, f"{str(exc).replace('annotation', 'span', 1)}.") from None
    fields = {key: _text(ours.get(key)) for key in ("title", "language")}
    draft = build_draft(
        text, origin, fields, id=_text(ours.get("document_id")), annotations=annotations
    )
    return _warn(draft, tuple(notes)) if notes else draft


def _spans(doc: Any, origin: str, notes: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of ``doc.spans["sc"]``, else of ``doc.ents``. Only the offsets
    and the label are read: a span's text could point outside a hostile document."""
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    if SPAN_KEY not in doc.spans:
        chosen = ents
    else:
        chosen = [(s.start_char, s.end_char, s.label_) for s in doc.spans[SPAN_KEY]]
        missing = len(set(ents) - set(chosen))
        if missing:
            notes.append(
                f"{origin}: {missing} entities (doc.ents) not also in doc.spans"
                f"[{SPAN_KEY!r}] were not imported"
            )
    others = sorted(name for name, group in doc.spans.items() if name != SPAN_KEY and len(group))
    if others:
        notes.append(f"{origin}: span groups {', '.join(map(repr, others))} were not imported")
    return chosen


def _plain(value: Any) -> Any:
    """User data is parsed with tuples for lists; our checks expect JSON lists."""
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _damaged(reason: str) -> str:
    return (
        f"not a readable spaCy DocBin (.spacy) file ({reason}); it is truncated, damaged or "
        "not a DocBin. Copy or export it again."
    )
