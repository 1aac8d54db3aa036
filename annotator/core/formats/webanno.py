"""WebAnno TSV 3 (read by WebAnno and INCEpTION): one custom span layer
``webanno.custom.Span`` with one feature, ``label``, holding the tag.

Layout: a ``#FORMAT=WebAnno TSV 3.3`` header and the layer declaration, then per sentence
(a line of our text) a ``#Text=`` line and one line per token::

    1-2<TAB>4-10<TAB>Veskar<TAB>facility[1]|claim[2]<TAB>

Offsets are UTF-16 units, as these Java tools count them (``😀`` counts 2). A span that
covers several tokens, or shares a token with another span, carries a ``[N]`` id; ``_``
means no span. Special characters in labels are backslash-escaped as TSV 3.3 specifies.
Spans snap to the tokens that cover them (sub-token spans are not written), and spans
that then coincide with the same tag (e.g. by two analysts: the format has no analyst)
are written once. Tokens come
from ``tokens.tokenize``. Import lives in ``webanno_read``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from annotator.core.formats import Format
from annotator.core.formats.selection import Selection, write_documents
from annotator.core.formats.tokens import TokenBounds, sentences, tokenize, utf16_offsets
from annotator.core.formats.webanno_read import LAYER, escape, read, sniff
from annotator.core.model import Annotation, DocumentId
from annotator.core.storage.store import Store


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
    """One file per export; several documents are written one after the other, each
    starting with its own header, so a tool that reads one document per file can split it
    at the ``#FORMAT`` lines."""
    selection = Selection(document_ids, annotators, tags)
    return write_documents(
        store,
        output,
        selection,
        lambda document, kept: document_tsv(document.text, kept),
        progress=progress,
        cancelled=cancelled,
    )


def document_tsv(text: str, annotations: Sequence[Annotation]) -> str:
    tokens = tokenize(text)
    units = utf16_offsets(text)
    # Spans that snap to the same tokens with the same tag are one span at token level.
    unique: dict[tuple[int, int, str], tuple[Annotation, tuple[int, int]]] = {}
    bounds = TokenBounds(tokens)
    for annotation in annotations:
        cover = bounds.covering(annotation.start, annotation.end)
        if cover is not None:
            unique.setdefault((*cover, annotation.tag), (annotation, cover))
    placed = [unique[key] for key in sorted(unique, key=lambda k: (k[0], -k[1], k[2]))]
    per_token = [0] * len(tokens)
    for _, (first, last) in placed:
        for index in range(first, last + 1):
            per_token[index] += 1
    cells: list[list[str]] = [[] for _ in tokens]
    next_id = 1
    for annotation, (first, last) in placed:
        label = escape(annotation.tag)
        if last > first or max(per_token[first : last + 1]) > 1:
            label += f"[{next_id}]"
            next_id += 1
        for index in range(first, last + 1):
            cells[index].append(label)
    lines = ["#FORMAT=WebAnno TSV 3.3", f"#T_SP={LAYER}|label", "", ""]
    for number, sentence in enumerate(sentences(text, tokens), start=1):
        line_start = text.rfind("\n", 0, tokens[sentence[0]].start) + 1
        line_end = text.find("\n", tokens[sentence[-1]].end)
        lines.append("#Text=" + text[line_start : line_end if line_end != -1 else len(text)])
        for position, index in enumerate(sentence, start=1):
            token = tokens[index]
            cell = "|".join(cells[index]) or "_"
            span = f"{units[token.start]}-{units[token.end]}"
            lines.append(f"{number}-{position}\t{span}\t{token.text}\t{cell}\t")
        lines.append("")
    return "\n".join(lines) + "\n"


FORMAT = Format(
    name="webanno",
    description="WebAnno TSV 3 (INCEpTION)",
    kinds=("file",),
    suffixes=(".tsv",),
    export=export,
    read=read,
    sniff=sniff,
)
