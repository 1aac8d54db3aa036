"""Tokens and per-token labels: the items that token-level agreement measures count.

Span annotations do not come with items to compare, so token measures (kappa, alpha, AC1)
need a rule that turns each analyst's spans into one value per token. The rule, stated once
here and in the report:

- **Tokens** are runs of word characters (``\\w+``) or single other non-space characters
  (punctuation), over the stored text in code points. Whitespace is never a token, so the
  blank between two words cannot inflate agreement.
- **Per tag** a token is *in* the tag for an analyst if any span of that tag by that analyst
  covers at least one of its characters. Each tag is thus a yes/no decision per token, and
  overlapping or nested spans of different tags never hide one another.
- **Overall** (all tags at once) each token gets one label: the tag of the *most specific*
  span covering it, i.e. the shortest one (innermost when spans nest); equal lengths resolve
  to the alphabetically first tag. A token no span covers is labelled ``UNTAGGED``.

Only tokens that some span touches are stored (as sparse dictionaries): most of a text is
untagged, and the untagged remainder is counted, not enumerated.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

UNTAGGED: Final = ""
"""The label of a token no span covers (no tag can have an empty name)."""

NO_TAGS: Final[frozenset[str]] = frozenset()

TOKEN_PATTERN: Final = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, order=True)
class Span:
    """One analyst's tagged stretch of one text, end exclusive (code points)."""

    start: int
    end: int
    tag: str

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Tokens:
    """The token boundaries of one text, as two parallel sorted lists (for bisect)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.starts)

    def covered(self, start: int, end: int) -> range:
        """Indexes of the tokens sharing at least one character with ``[start, end)``."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))


def tokenize(text: str) -> Tokens:
    starts: list[int] = []
    ends: list[int] = []
    for match in TOKEN_PATTERN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(starts), tuple(ends))


@dataclass(frozen=True)
class TokenLabels:
    """One analyst's labels for the tokens of one text; tokens absent are untagged."""

    tags: dict[int, frozenset[str]]
    """Token index -> every tag covering it (the per-tag rule)."""
    label: dict[int, str]
    """Token index -> the most specific tag covering it (the overall rule)."""


def token_labels(tokens: Tokens, spans: Iterable[Span]) -> TokenLabels:
    """Apply the module's rule to one analyst's spans over one text."""
    tags: dict[int, set[str]] = {}
    best: dict[int, tuple[int, str]] = {}
    for span in spans:
        key = (span.length, span.tag)
        for index in tokens.covered(span.start, span.end):
            found = tags.get(index)
            if found is None:
                tags[index] = {span.tag}
                best[index] = key
            else:
                found.add(span.tag)
                if key < best[index]:
                    best[index] = key
    return TokenLabels(
        tags={index: frozenset(found) for index, found in tags.items()},
        label={index: key[1] for index, key in best.items()},
    )


def merge_overlapping(spans: Sequence[Span]) -> list[Span]:
    """One tag's spans by one analyst with overlaps joined (touching spans stay apart).

    Unitizing alpha assumes an analyst's units of one category never overlap; two
    overlapping spans of the same tag say no more than their union does.
    """
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start < merged[-1].end and span.tag == merged[-1].tag:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.tag)
        else:
            merged.append(span)
    return merged
