"""The agreement report: one frozen tree the CLI prints and the GUI's Agreement view shows.

``AgreementReport.pairs`` holds one ``Comparison`` per pair of analysts (the first of the
pair is the reference for precision/recall), ``AgreementReport.group`` one for all of them
together. Each comparison carries ``overall`` (all tags at once) and ``tags`` (one
``TagAgreement`` per tag), so the same code renders a pair or the group, a tag or overall.

How untagged text is counted (``UNTAGGED_RULE``) matters: most tokens of an article are
tagged by no one, and counting them as agreement inflates every token measure. Each token
measure is therefore reported twice: ``tokens_all`` counts every token of the compared
documents, ``tokens_tagged`` only tokens that at least one compared analyst tagged with any
tag. Span measures and unitizing alpha need no such choice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from annotator.core.agreement.confusion import ConfusionMatrix

UNTAGGED_RULE = (
    "Token measures are given twice: 'all tokens' counts every token of the compared "
    "documents, untagged ones included (agreeing on untagged text raises these figures); "
    "'tagged tokens' counts only tokens that at least one compared analyst tagged with any "
    "tag. Per tag, a token is in the tag if a span of that tag touches it; overall, a token "
    "takes the tag of the shortest span covering it. A document is compared only between "
    "analysts who each made at least one annotation in it."
)

SCHEMA_VERSION = 1
"""Bumped when a key of ``AgreementReport.to_dict()`` changes meaning or disappears."""


@dataclass(frozen=True)
class TokenMeasures:
    """Chance-corrected agreement over one set of tokens. None: undefined (e.g. no tokens,
    or every token has the same label, so chance agreement is 1)."""

    tokens: int
    observed: float | None
    """Raw agreement: the share of agreeing analyst pairs per token."""
    kappa: float | None
    """Cohen's kappa for a pair, Fleiss' kappa for the group."""
    alpha: float | None
    """Krippendorff's alpha, nominal."""
    ac1: float | None
    """Gwet's AC1."""


@dataclass(frozen=True)
class SpanScores:
    """Precision/recall/F1 of one matching rule; pooled over all pairs for the group."""

    reference: int
    compared: int
    matched: int
    precision: float | None
    recall: float | None
    f1: float | None


@dataclass(frozen=True)
class TagAgreement:
    """Every measure for one tag, or for all tags (``tag == ""``) in ``Comparison.overall``."""

    tag: str
    exact: SpanScores
    overlap: SpanScores
    tokens_all: TokenMeasures
    tokens_tagged: TokenMeasures
    unitizing_alpha: float | None
    """Krippendorff's alpha_u over character offsets (no tokenisation involved)."""


@dataclass(frozen=True)
class Comparison:
    kind: Literal["pair", "group"]
    annotators: tuple[str, ...]
    documents: int
    """Documents every one of ``annotators`` annotated (the only ones compared)."""
    overall: TagAgreement
    tags: tuple[TagAgreement, ...]
    token_confusion: ConfusionMatrix | None
    """Pairs only: overall token labels, first analyst's in rows."""
    span_confusion: ConfusionMatrix | None
    """Pairs only: spans matched by overlap regardless of tag."""

    @property
    def name(self) -> str:
        return " & ".join(self.annotators) if self.kind == "pair" else "group"

    def tag(self, name: str) -> TagAgreement:
        for found in self.tags:
            if found.tag == name:
                return found
        raise KeyError(name)


@dataclass(frozen=True)
class AgreementReport:
    annotators: tuple[str, ...]
    tags: tuple[str, ...]
    documents: int
    """Documents looked at (whether or not two analysts annotated them)."""
    pairs: tuple[Comparison, ...]
    group: Comparison | None
    """All analysts together; None when fewer than two were selected."""
    untagged_rule: str = UNTAGGED_RULE

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        return (*self.pairs, *((self.group,) if self.group else ()))

    def pair(self, first: str, second: str) -> Comparison:
        for found in self.pairs:
            if found.annotators == (first, second):
                return found
        raise KeyError((first, second))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data with stable keys (see README, "Agreement")."""
        data = asdict(self)
        data["schema"] = SCHEMA_VERSION
        return data
