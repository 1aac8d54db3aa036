"""CoNLL-2003-style token columns with IOB2 labels, one label column per tag.

Layout (space-separated, UTF-8)::

    #columns TOKEN claim facility          <- first line: which tag each column holds
    -DOCSTART- O O                         <- document boundary, as in CoNLL-2003

    The O O
    Veskar O B-facility
    pad O I-facility

Tokens come from ``tokens.tokenize`` (never contain whitespace); each line of the text is a
sentence, separated by a blank line. Why one column per tag: a single NER column cannot
hold overlapping spans, and analysts overlap tags (a quote containing a facility). Rule
within one column: a token where a span of that tag starts is ``B-``, a token inside one
is ``I-``; so a span nested in a span of the same tag splits it into two chunks (the only
loss besides character offsets: spans snap to the tokens that cover them, and
whitespace-only spans vanish). Whitespace in tag names becomes ``_``.

Import rebuilds the text from the tokens (joined by spaces, sentences by newlines). Without
a ``#columns`` line (a plain CoNLL-2003 file: token POS chunk NER) only the last column is
read as labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from annotator.core.formats import Format
from annotator.core.formats.conll_read import read, sniff
from annotator.core.formats.selection import Selection, write_documents
from annotator.core.formats.tokens import TokenBounds, sentences, tokenize
from annotator.core.model import Annotation, DocumentId
from annotator.core.storage.store import Store

HEADER = "#columns TOKEN"
DOCSTART = "-DOCSTART-"
_SPACE = re.compile(r"\s+")


def column_name(tag: str) -> str:
    return _SPACE.sub("_", tag.strip()) or "_"


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
    selection = Selection(document_ids, annotators, tags)
    # Every annotation's tag is a project tag, so the header can be written up front.
    names = [column_name(t.name) for t in store.tags() if tags is None or t.name in tags]
    columns = list(dict.fromkeys(names))
    return write_documents(
        store,
        output,
        selection,
        lambda document, kept: document_block(document.text, kept, columns),
        head=" ".join([HEADER, *columns]) + "\n",
        progress=progress,
        cancelled=cancelled,
    )


def document_block(text: str, annotations: Sequence[Annotation], columns: list[str]) -> str:
    tokens = tokenize(text)
    labels = [["O"] * len(columns) for _ in tokens]
    index = {name: number for number, name in enumerate(columns)}
    bounds = TokenBounds(tokens)
    for annotation in annotations:
        cover = bounds.covering(annotation.start, annotation.end)
        column = index.get(column_name(annotation.tag))
        if cover is None or column is None:
            continue
        name = column_name(annotation.tag)
        first, last = cover
        labels[first][column] = f"B-{name}"
        for inner in range(first + 1, last + 1):
            if labels[inner][column] == "O":
                labels[inner][column] = f"I-{name}"
    lines = [" ".join([DOCSTART] + ["O"] * len(columns)), ""]
    for sentence in sentences(text, tokens):
        lines.extend(" ".join([tokens[i].text, *labels[i]]) for i in sentence)
        lines.append("")
    return "\n".join(lines) + "\n"


FORMAT = Format(
    name="conll",
    description="CoNLL-2003 IOB2 columns, one per tag",
    kinds=("file",),
    suffixes=(".conll",),
    export=export,
    read=read,
    sniff=sniff,
)
