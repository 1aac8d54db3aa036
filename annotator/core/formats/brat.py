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
- ``R`` lines: a relation as ``R1<TAB>type Arg1:T3 Arg2:T5`` (Arg1 is the "from" end),
  when both of its annotations are exported (a filter may leave one out); in the order of
  their T numbers, so the same annotations always give the same lines.

``annotation.conf`` lists the tags under ``[entities]``, each relation type used under
``[relations]`` with the tags seen at each end (``attributed_to<TAB>Arg1:quote,
Arg2:claim|facility``), and an ``<OVERLAP>`` rule allowing any overlap, since our spans may
nest and cross and brat refuses that by default.

Names are the document ids (made file-safe). Import lives in ``brat_read``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from annotator.core.formats import Format
from annotator.core.formats.brat_read import one_line, read, sniff
from annotator.core.formats.names import StemMaker
from annotator.core.formats.output_tree import OutputTree
from annotator.core.formats.relation_batches import BatchedRelations, kept_relations
from annotator.core.formats.selection import Selection, iter_selected
from annotator.core.model import Annotation, DocumentId, Relation
from annotator.core.storage.store import Store

_SPACE = re.compile(r"\s+")
OVERLAP = "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>"
"""brat's rule allowing entities of any type to nest and cross (it refuses both by default)."""


def brat_name(value: str) -> str:
    """A tag or attribute name brat accepts: no whitespace."""
    return _SPACE.sub("_", value.strip()) or "_"


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
    links = BatchedRelations(store, selection)
    attributes: dict[str, set[str]] = {}
    relation_types: RelationTypes = {}
    used_tags: set[str] = set()
    written = 0
    with OutputTree(output) as tree:
        for document, annotations in iter_selected(
            store, selection, progress=progress, cancelled=cancelled
        ):
            stem = stems.stem(document.id)
            tree.add(f"{stem}.txt", document.text)
            kept = kept_relations(links.of(document.id), annotations)
            tree.add(f"{stem}.ann", ann_text(annotations, attributes, kept, relation_types))
            used_tags.update(brat_name(a.tag) for a in annotations)
            written += 1
        stopped = cancelled is not None and cancelled()
        if not stopped:
            names = [brat_name(tag.name) for tag in store.tags()]
            names += sorted(used_tags.difference(names))
            tree.add("annotation.conf", conf_text(names, attributes, relation_types))
        tree.close(keep=not stopped)
    return written


RelationTypes = dict[str, tuple[set[str], set[str]]]
"""Relation type -> (tags seen at Arg1, tags seen at Arg2), for ``[relations]``."""


def ann_text(
    annotations: Sequence[Annotation],
    attributes: dict[str, set[str]],
    links: Iterable[Relation] = (),
    relation_types: RelationTypes | None = None,
) -> str:
    """The ``.ann`` lines; ``attributes`` collects name -> values seen and
    ``relation_types`` the relation types with their ends' tags, for the conf file."""
    lines: list[str] = []
    a_number = 0
    t_ids: dict[str, str] = {
        annotation.id: f"T{number}" for number, annotation in enumerate(annotations, 1)
    }
    for number, annotation in enumerate(annotations, start=1):
        t_id = t_ids[annotation.id]
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
    tags: dict[str, str] = {annotation.id: brat_name(annotation.tag) for annotation in annotations}
    lines.extend(_r_lines(links, t_ids, tags, {} if relation_types is None else relation_types))
    return "".join(line + "\n" for line in lines)


def _r_lines(
    links: Iterable[Relation],
    t_ids: dict[str, str],
    tags: dict[str, str],
    relation_types: RelationTypes,
) -> list[str]:
    """R lines ordered by their ends' T numbers and type, not by relation ids or creation
    times, so two projects holding the same work write the same file."""

    def order(link: Relation) -> tuple[int, int, str]:
        ends = (t_ids[link.from_annotation], t_ids[link.to_annotation])
        return int(ends[0][1:]), int(ends[1][1:]), brat_name(link.type)

    lines = []
    for number, link in enumerate(sorted(links, key=order), start=1):
        kind = brat_name(link.type)
        first, second = relation_types.setdefault(kind, (set(), set()))
        first.add(tags[link.from_annotation])
        second.add(tags[link.to_annotation])
        arg1, arg2 = t_ids[link.from_annotation], t_ids[link.to_annotation]
        lines.append(f"R{number}\t{kind} Arg1:{arg1} Arg2:{arg2}")
    return lines


def conf_text(
    tags: Sequence[str],
    attributes: dict[str, set[str]],
    relation_types: RelationTypes | None = None,
) -> str:
    lines = ["[entities]", *dict.fromkeys(tags), "", "[relations]"]
    for kind, (first, second) in sorted((relation_types or {}).items()):
        lines.append(f"{kind}\tArg1:{'|'.join(sorted(first))}, Arg2:{'|'.join(sorted(second))}")
    lines += [OVERLAP, "", "[events]", ""]
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
