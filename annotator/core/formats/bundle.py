"""The ``bundle`` entry of the format registry: a colleague bundle (``.annobundle``).

Export writes the project (see ``core.bundle``). Import is a merge, not a list of article
drafts: ``import_paths`` sends ``.annobundle`` files (or every path, with ``--format
bundle``) to ``core.bundle.merge_bundle`` itself. ``read`` exists so the format is listed
as importable; reached directly, it says where bundles go.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.bundle import SUFFIX, export_bundle
from annotator.core.formats import Format
from annotator.core.formats.safe_zip import is_zip
from annotator.core.model import ArticleDraft, ReadFailure


def read(path: Path) -> Iterator[ArticleDraft | ReadFailure]:
    yield ReadFailure(str(path), f"{path}: a bundle is merged by Project.import_paths.")


def sniff(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX and is_zip(path)


FORMAT = Format(
    name="bundle",
    description="Colleague bundle (everything, for merging into another project)",
    kinds=("file",),
    suffixes=(SUFFIX,),
    export=export_bundle,
    read=read,
    sniff=sniff,
)
