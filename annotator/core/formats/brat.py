"""brat standoff: a folder (or ``.zip``) of ``NAME.txt`` + ``NAME.ann`` pairs, plus
``annotation.conf`` declaring the tags and attributes so brat opens the collection as is.

Offsets in ``.ann`` files are character offsets into the ``.txt`` decoded as UTF-8; brat
slices Python strings with them, so they are code points like ours and a ``😀`` counts one.
Our texts are written byte-for-byte (``\\n`` newlines), so the offsets need no conversion.

What is written per annotation:

- ``T`` line: ``T1<TAB>tag start end<TAB>quote``. brat type names cannot hold spaces, so
  whitespace in a tag becomes ``_``; newlines in the quote become spaces (a line is a record).
- ``A`` lines: a ``True`` attribute is a brat flag (``A1<TAB>name T1``); ``False`` is the
  absence of the flag; any other value is written as ``A1<TAB>name T1 value`` (whitespace in
  it becomes ``_``), and it comes back as a string.
- ``#`` lines: the note as ``AnnotatorNotes`` (newlines become spaces).
- ``R`` lines: none; the model has no relations yet.

Names are the document ids (made file-safe). Import lives in ``brat_read``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from annotator.core.formats import Format
from annotator.core.formats.brat_read import read, sniff
from annotator.core.formats.names import StemMaker
from annotator.core.formats.output_tree import OutputTree
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.model import Annotation, DocumentId
from annotator.core.storage.store import Store

_SPACE = re.compile(r"\s+")


def brat_name(value: str) -> str:
    """A tag or attribute name brat accepts: no whitespace."""
    return _SPACE.sub("_", value.strip()) or "_"


def one_line(value: str) -> str:
    return value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


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
    stems = StemMaker()
    attributes: dict[str, set[str]] = {}
    used_tags: set[str] = set()
    written = 0
    with OutputTree(output) as tree:
        for document, annotations in iter_selected(
            store, selection, progress=progress, cancelled=cancelled
        ):
            stem = stems.stem(document.id)
            tree.add(f"{stem}.txt", document.text)
            tree.add(f"{stem}.ann", ann_text(annotations, attributes))
            used_tags.update(brat_name(a.tag) for a in annotations)
            written += 1
        stopped = cancelled is not None and cancelled()
        if not stopped:
            names = [brat_name(tag.name) for tag in store.tags()]
            names += sorted(used_tags.difference(names))
            tree.add("annotation.conf", conf_text(names, attributes))
        tree.close(keep=not stopped)
    return written


def ann_text(annotations: Iterable[Annotation], attributes: dict[str, set[str]]) -> str:
    """The ``.ann`` lines; ``attributes`` collects name -> values seen, for the conf file."""
    lines: list[str] = []
    a_number = 0
    for number, annotation in enumerate(annotations, start=1):
        t_id = f"T{number}"
        tag = brat_name(annotation.tag)
        span = f"{annotation.start} {annotation.end}"
        lines.append(f"{t_id}\t{tag} {span}\t{one_line(annotation.quote)}")
        for name, value in annotation.attributes.items():
            if value is False or value is None:
                continue
            a_number += 1
            key = brat_name(name)
            values = attributes.setdefault(key, set())
            if value is True:
                lines.append(f"A{a_number}\t{key} {t_id}")
            else:
                shown = brat_name(value if isinstance(value, str) else _json(value))
                values.add(shown)
                lines.append(f"A{a_number}\t{key} {t_id} {shown}")
        if annotation.note:
            lines.append(f"#{number}\tAnnotatorNotes {t_id}\t{one_line(annotation.note)}")
    return "".join(line + "\n" for line in lines)


def conf_text(tags: Sequence[str], attributes: dict[str, set[str]]) -> str:
    lines = ["[entities]", *dict.fromkeys(tags), "", "[relations]", "", "[events]", ""]
    lines.append("[attributes]")
    for name in sorted(attributes):
        values = sorted(attributes[name])
        suffix = f", Value:{'|'.join(values)}" if values else ""
        lines.append(f"{name}\tArg:<ENTITY>{suffix}")
    return "\n".join(lines) + "\n"


def _json(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


FORMAT = Format(
    name="brat",
    description="brat standoff (.txt + .ann) folder or zip",
    kinds=("folder", "zip"),
    suffixes=(".zip",),
    export=export,
    read=read,
    sniff=sniff,
)
