"""The tag set a new project starts with, and colours for tags that arrive by import."""

from __future__ import annotations

from annotator.core.model import Tag

DEFAULT_TAGS: tuple[Tag, ...] = (
    Tag("claim", "#4C72B0", "1", "A statement presented as fact that can be checked.", 1),
    Tag("quote", "#DD8452", "2", "Words attributed to a speaker or document.", 2),
    Tag("facility", "#55A868", "3", "A named site, plant, base or installation.", 3),
    Tag("assessment", "#C44E52", "4", "An analytic judgement, estimate or likelihood.", 4),
)

# Okabe-Ito and Tableau-like colours that stay apart for the common colour-blindnesses.
EXTRA_COLORS: tuple[str, ...] = (
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
    "#0072B2",
    "#E69F00",
)


def color_for_new_tag(name: str) -> str:
    """A stable colour per name, so re-importing gives a tag the same colour."""
    index = sum(name.encode("utf-8")) % len(EXTRA_COLORS)
    return EXTRA_COLORS[index]
