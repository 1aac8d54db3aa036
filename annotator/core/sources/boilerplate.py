"""Cut navigation, cookie banners, related links and footers from saved news pages.

trafilatura does this well on real pages. It is imported lazily (it takes ~0.3 s) and only
ever receives a string, so it has nothing to fetch. It is third-party code running on
hostile input, so any failure in it means "no help here", not a failed import.
"""

from __future__ import annotations

import logging

_log = logging.getLogger(__name__)
_QUIET = logging.CRITICAL
"""trafilatura logs "nothing found" on short pages as ERROR; that is an expected outcome
here (the reader falls back to the whole page), not something for the analyst's log."""


def main_content(markup: str) -> str | None:
    """The article part of ``markup`` as simple HTML with metadata ``<meta>`` tags, or None."""
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(_QUIET)
        return trafilatura.extract(
            markup,
            output_format="html",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    except Exception:  # anything trafilatura raises only means it could not help
        _log.debug("trafilatura failed; using the whole page", exc_info=True)
        return None
