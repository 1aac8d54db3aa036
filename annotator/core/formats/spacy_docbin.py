"""spaCy's binary training format: a ``.spacy`` file holding a ``DocBin``.

spaCy is optional (``pip install 'annotator[spacy]'``); without it this export says so and
writes nothing. Each document becomes a ``Doc`` tokenised by ``spacy.blank(lang)`` (the
document's language when spaCy has it, else English), with:

- ``doc.spans["sc"]``: every kept annotation, overlaps allowed, labelled with its tag. A
  span whose edges fall inside spaCy tokens is widened to the tokens it touches
  (``char_span(..., alignment_mode="expand")``) and counted; a whitespace-only span has no
  token to cover and is dropped and counted. The counts are logged (the CLI prints them).
- ``doc.ents``: the non-overlapping subset spaCy's ``filter_spans`` picks (the longest
  span wins, then the earliest), for pipelines that train an NER component; overlapping
  spans are only in ``doc.spans["sc"]``.
- ``doc.user_data["annotator"]``: our document id, title and language, and per span of
  ``doc.spans["sc"]`` (same order) the annotation id, analyst, note, attributes and the
  exact character offsets before any widening.

``--format spacy`` with an output ending in ``.spacy`` writes this too; ``--format spacy``
otherwise stays the JSONL of ``spacy_json``. Import (with its limits against decompression
bombs) lives in ``spacy_docbin_read``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.formats import Format
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.formats.spacy_docbin_read import read, sniff
from annotator.core.model import Annotation, Document, DocumentId
from annotator.core.storage.store import Store

log = logging.getLogger(__name__)
SPAN_KEY = "sc"
FALLBACK_LANGUAGE = "en"
MISSING = (
    "The .spacy (DocBin) export needs spaCy, which is not installed: install "
    "annotator[spacy] (pip install 'annotator[spacy]'), or export --format spacy to a "
    ".jsonl file instead."
)


@dataclass(frozen=True)
class DocBinReport:
    documents: int = 0
    spans: int = 0
    expanded: int = 0
    """Spans widened to whole spaCy tokens."""
    dropped: int = 0
    """Spans covering no token at all (only whitespace)."""


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
    report = write_docbin(
        store,
        output,
        Selection(document_ids, annotators, tags),
        progress=progress,
        cancelled=cancelled,
    )
    if report.expanded or report.dropped:
        log.warning(
            "%s: %d of %d spans did not fall on spaCy token boundaries and were widened to "
            "whole tokens; %d whitespace-only spans were left out",
            output,
            report.expanded,
            report.spans,
            report.dropped,
        )
    return report.documents


def write_docbin(
    store: Store,
    output: Path,
    selection: Selection,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DocBinReport:
    try:
        import spacy
        from spacy.tokens import DocBin
    except ImportError:
        raise AnnotatorError(MISSING) from None
    pipelines: dict[str, Any] = {}
    docbin = DocBin(store_user_data=True)
    counts = [0, 0, 0, 0]
    for document, kept in iter_selected(store, selection, progress=progress, cancelled=cancelled):
        nlp = _pipeline(spacy, pipelines, document.language)
        docbin.add(_doc(nlp, document, kept, counts, spacy.util.filter_spans))
        counts[0] += 1
    if cancelled is not None and cancelled():
        return DocBinReport()
    _write_atomically(output.expanduser(), docbin.to_bytes())
    return DocBinReport(*counts)


def _pipeline(spacy: Any, pipelines: dict[str, Any], language: str | None) -> Any:
    """A blank pipeline per language code ("en-GB" -> "en"), English for unknown codes."""
    code = (language or FALLBACK_LANGUAGE).split("-")[0].split("_")[0].lower()
    if code not in pipelines:
        try:
            pipelines[code] = spacy.blank(code)
        except (ImportError, KeyError, ValueError):
            pipelines[code] = pipelines.get(FALLBACK_LANGUAGE) or spacy.blank(FALLBACK_LANGUAGE)
    return pipelines[code]


def _doc(
    nlp: Any,
    document: Document,
    annotations: Sequence[Annotation],
    counts: list[int],
    filter_spans: Callable[[list[Any]], list[Any]],
) -> Any:
    # spaCy refuses texts over ``max_length`` (1,000,000) to spare its parser and NER the
    # memory; a blank pipeline only tokenizes, so a long report is fine.
    nlp.max_length = max(nlp.max_length, len(document.text) + 1)
    doc = nlp.make_doc(document.text)
    spans = []
    extras = []
    for annotation in annotations:
        counts[1] += 1
        span = doc.char_span(annotation.start, annotation.end, label=annotation.tag)
        if span is None:
            span = doc.char_span(
                annotation.start, annotation.end, label=annotation.tag, alignment_mode="expand"
            )
            if span is None or len(span) == 0:
                counts[3] += 1
                continue
            counts[2] += 1
        spans.append(span)
        extras.append(
            {
                "id": annotation.id,
                "annotator": annotation.annotator,
                "note": annotation.note,
                "attributes": dict(annotation.attributes),
                "start": annotation.start,
                "end": annotation.end,
            }
        )
    doc.spans[SPAN_KEY] = spans
    doc.ents = filter_spans(spans)
    doc.user_data["annotator"] = {
        "document_id": document.id,
        "title": document.title,
        "language": document.language,
        "spans": extras,
    }
    return doc


def _write_atomically(target: Path, data: bytes) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise AnnotatorError(f"Cannot write {target}: the folder {folder} does not exist.")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise AnnotatorError(f"Cannot write {target}: {exc.strerror or exc}.") from exc


FORMAT = Format(
    name="spacy-docbin",
    description="spaCy DocBin (.spacy, needs spaCy)",
    kinds=("file",),
    suffixes=(".spacy",),
    export=export,
    read=read,
    sniff=sniff,
)
