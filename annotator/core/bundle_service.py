"""Colleague bundles, the part of the ``Project`` facade behind "Merge a bundle" (a mixin,
like ``tag_service``).

The bundle package (archive checks, the merge plan, the review layer) loads on first use,
not when a project opens: it cost ~50 ms of the imports between the window's first paint
and the corpus list showing, for a command an analyst runs now and then.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.storage.store import Store

if TYPE_CHECKING:
    from annotator.core.bundle import BundlePreview


class BundleService:
    store: Store

    def preview_bundle(self, path: Path) -> BundlePreview:
        """What merging the bundle at ``path`` would do, without writing."""
        from annotator.core.bundle import preview_bundle

        return preview_bundle(self.store, path)

    def merge_bundle(self, path: Path) -> BundlePreview:
        from annotator.core.bundle import merge_bundle

        return merge_bundle(self.store, path)
