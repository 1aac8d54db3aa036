"""spaCy / Prodigy JSONL: one document per line with ``text``, ``tokens`` and ``spans``.

``tokens`` follow Prodigy: ``{"text", "start", "end", "id", "ws"}`` from the tokenizer in
``tokens``. ``spans`` are ``{"start", "end", "label", "token_start", "token_end"}`` with
``token_end`` inclusive as in Prodigy; a span that does not fall on token boundaries keeps
its character offsets and gets the tokens that cover it (a whitespace-only span gets none:
no ``token_start``/``token_end``). Our own fields ride along in each span (``id``,
``annotator``, ``note``, ``attributes``) and in ``meta`` (``document_id``, ``title``), which
spaCy and Prodigy ignore, so a round trip keeps them.

An output named ``*.spacy`` gets spaCy's binary DocBin instead (``spacy_docbin``, which
needs the optional spaCy).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from annotator.core.errors import SourceError
from annotator.core.formats import Format
from annotator.core.formats.selection import Selection, write_documents
from annotator.core.formats.tokens import TokenBounds, tokenize
from annotator.core.model import (
    Annotation,
    AnnotationDraft,
    ArticleDraft,
    Document,
    DocumentId,
    ReadFailure,
)
from annotator.core.sources.annotations import AnnotationProblem, read_annotations
from annotator.core.sources.drafts import build_draft
from annotator.core.sources.failures import failure
from annotator.core.sources.files import DEFAULT_MAX_BYTES
from annotator.core.sources.jsonvalues import load_object
from annotator.core.sources.lines import iter_lines
from annotator.core.storage.store import Store

SNIFF_BYTES = 8 * 1024 * 1024


def export(
    store: Store,
    output: Path,
    *,
    document_ids: Sequence[DocumentId] | None = None,
    annotators: Collection[str] | None = None,
    tags: Collection[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    if output.suffix.lower() == ".spacy":
        from annotator.core.formats import spacy_docbin

        return spacy_docbin.export(
            store,
            output,
            document_ids=document_ids,
            annotators=annotators,
            tags=tags,
            progress=progress,
            cancelled=cancelled,
        )
    selection = Selection(document_ids, annotators, tags)
    return write_documents(
        store,
        output,
        selection,
        lambda document, kept: json.dumps(record(document, kept), ensure_ascii=False) + "\n",
        progress=progress,
        cancelled=cancelled,
    )


def record(document: Document, annotations: Sequence[Annotation]) -> dict[str, Any]:
    tokens = tokenize(document.text)
    token_list = [
        {
            "text": t.text,
            "start": t.start,
            "end": t.end,
            "id": number,
            "ws": t.end < len(document.text) and document.text[t.end].isspace(),
        }
        for number, t in enumerate(tokens)
    ]
    spans = []
    bounds = TokenBounds(tokens)
    for a in annotations:
        span: dict[str, Any] = {"start": a.start, "end": a.end, "label": a.tag}
        cover = bounds.covering(a.start, a.end)
        if cover is not None:
            span["token_start"], span["token_end"] = cover
        span.update({"id": a.id, "annotator": a.annotator})
        if a.note:
            span["note"] = a.note
        if a.attributes:
            span["attributes"] = dict(a.attributes)
        spans.append(span)
    return {
        "text": document.text,
        "meta": {"document_id": document.id, "title": document.title},
        "tokens": token_list,
        "spans": spans,
    }


def sniff(path: Path) -> bool:
    """A ``.jsonl`` whose first record has ``spans`` (and not our ``annotations``)."""
    if not path.is_file() or path.suffix.lower() != ".jsonl":
        return False
    try:
        with path.open("rb") as stream:
            first = json.loads(stream.readline(SNIFF_BYTES).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(first, dict) and "spans" in first and "annotations" not in first


def read(path: Path) -> Iterator[ArticleDraft | ReadFailure]:
    origin = str(path)
    try:
        for number, line in iter_lines(path, DEFAULT_MAX_BYTES):
            if isinstance(line, SourceError):
                yield failure(line)
            elif line.strip():
                yield _line(line, origin, number)
    except OSError as exc:
        yield failure(SourceError(path, f"cannot be read ({exc.strerror or exc})."))


def _line(line: str, origin: str, number: int) -> ArticleDraft | ReadFailure:
    try:
        item = load_object(line, origin, number)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            raise SourceError(origin, '"text" must be a non-empty string.', number)
        spans = item.get("spans") or []
        if not isinstance(spans, list):
            raise SourceError(origin, '"spans" must be a list.', number)
        native = [_native(span) for span in spans]
        drafts: tuple[AnnotationDraft, ...] = read_annotations({"annotations": native}, text)
    except AnnotationProblem as exc:
        return failure(SourceError(origin, f"{str(exc).replace('annotation', 'span', 1)}.", number))
    except SourceError as exc:
        return failure(exc)
    found = item.get("meta")
    meta: dict[str, Any] = found if isinstance(found, dict) else {}
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    doc_id = meta.get("document_id") if isinstance(meta.get("document_id"), str) else None
    return build_draft(
        text, f"{origin}, line {number}", {"title": title}, id=doc_id, annotations=drafts
    )


def _native(span: Any) -> Any:
    """A spaCy span as our native annotation record, so one checker validates both."""
    if not isinstance(span, dict):
        return span
    native = {
        key: span[key]
        for key in ("start", "end", "id", "annotator", "note", "attributes")
        if key in span
    }
    native["tag"] = span.get("label")
    return native


FORMAT = Format(
    name="spacy",
    description="spaCy / Prodigy JSONL (text, tokens, spans)",
    kinds=("file",),
    suffixes=(".jsonl",),
    export=export,
    read=read,
    sniff=sniff,
)
