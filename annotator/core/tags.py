"""The tag set a new project starts with, and colours for tags that arrive by import."""

from __future__ import annotations

from annotator.core.model import UNDERLINES, AttributeDefinition, Tag, Underline

ESTIMATIVE_SCALE = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
"""The ICD 203 words of estimative probability, lowest first."""

DEFAULT_ATTRIBUTES: dict[str, tuple[AttributeDefinition, ...]] = {
    "claim": (AttributeDefinition("status", "choice", ("asserted", "disputed", "refuted")),),
    "quote": (AttributeDefinition("speaker", "text"),),
    "facility": (
        AttributeDefinition(
            "kind",
            "choice",
            ("missile base", "enrichment site", "test site", "factory", "other"),
        ),
        AttributeDefinition("location", "text"),
    ),
    "assessment": (
        AttributeDefinition("likelihood", "choice", ESTIMATIVE_SCALE),
        AttributeDefinition("confidence", "choice", ("low", "moderate", "high")),
        AttributeDefinition("source", "text"),
    ),
}
"""Also written into existing projects by migration 0003 (which keeps its own copy)."""

DEFAULT_TAGS: tuple[Tag, ...] = (
    Tag(
        "claim",
        "#4C72B0",
        "1",
        "A statement presented as fact that can be checked.",
        1,
        "solid",
        attributes=DEFAULT_ATTRIBUTES["claim"],
    ),
    Tag(
        "quote",
        "#DD8452",
        "2",
        "Words attributed to a speaker or document.",
        2,
        "dash",
        attributes=DEFAULT_ATTRIBUTES["quote"],
    ),
    Tag(
        "facility",
        "#55A868",
        "3",
        "A named site, plant, base or installation.",
        3,
        "dot",
        attributes=DEFAULT_ATTRIBUTES["facility"],
    ),
    Tag(
        "assessment",
        "#C44E52",
        "4",
        "An analytic judgement, estimate or likelihood.",
        4,
        "wave",
        attributes=DEFAULT_ATTRIBUTES["assessment"],
    ),
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


def underline_for_position(position: int) -> Underline:
    """The line a tag had when it was derived from its place in the tag bar (before 0003)."""
    return UNDERLINES[(max(position, 1) - 1) % len(UNDERLINES)]


def color_for_new_tag(name: str) -> str:
    """A stable colour per name, so re-importing gives a tag the same colour."""
    index = sum(name.encode("utf-8")) % len(EXTRA_COLORS)
    return EXTRA_COLORS[index]
