"""``compute_agreement``: read a project's annotations in batches and build the report.

It is long work in the sense of the design (``progress(done, total)`` per batch of
documents, ``cancelled()`` asked between batches), so the GUI runs it on its thread pool.
Everything is tallied in one pass: token labels collapse into a counter of label tuples,
span matches and unitizing sums into per-comparison integers, so the memory used does not
grow with the corpus beyond the unit lengths alpha_u needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from annotator.core.agreement.alpha import UnitizingTally, nominal_alpha
from annotator.core.agreement.confusion import confusion_matrix, span_confusion
from annotator.core.agreement.gwet import gwet_ac1
from annotator.core.agreement.kappa import (
    Ratings,
    cohen_kappa,
    fleiss_kappa,
    observed_agreement,
)
from annotator.core.agreement.report import (
    AgreementReport,
    Comparison,
    SpanScores,
    TagAgreement,
    TokenMeasures,
)
from annotator.core.agreement.spans import SpanCounts, precision_recall_f1, span_counts
from annotator.core.agreement.units import NO_TAGS, UNTAGGED, Span, token_labels, tokenize
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import Annotation

if TYPE_CHECKING:
    from annotator.core.project import Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

BATCH = 100
"""Documents read per query: few round trips, bounded memory."""

_TokenKey = tuple[tuple[frozenset[str], str] | None, ...]


class AgreementCancelled(AnnotatorError):
    """The user pressed Cancel; there is no partial report (a partial corpus misleads)."""

    def __init__(self) -> None:
        super().__init__("Agreement computation cancelled.")


def compute_agreement(
    project: Project,
    annotators: Sequence[str] | None = None,
    document_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> AgreementReport:
    """Agreement between ``annotators`` (default: every analyst of the project) over
    ``document_ids`` (default: every document). Raises ``AnnotatorError`` for fewer than two
    analysts or an unknown name or id, ``AgreementCancelled`` when ``cancelled()`` says so.
    """
    known = project.annotators()
    names = tuple(dict.fromkeys(annotators)) if annotators is not None else tuple(known)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise NotFoundError(
            f"No annotations by {', '.join(repr(n) for n in unknown)} in this project "
            f"(analysts: {', '.join(known) or 'none'})."
        )
    if len(names) < 2:
        raise AnnotatorError(
            "Agreement needs at least two analysts"
            + (f"; this project has {len(known)}." if annotators is None else ".")
        )
    store = project.store
    ids = list(dict.fromkeys(document_ids)) if document_ids is not None else store.document_ids()
    tally = _Tally(names)
    total = len(ids)
    if progress is not None:
        progress(0, total)
    for first in range(0, total, BATCH):
        if cancelled is not None and cancelled():
            raise AgreementCancelled()
        batch = ids[first : first + BATCH]
        documents = store.documents(batch)
        if len(documents) != len(batch):
            found = {doc.id for doc in documents}
            missing = next(doc_id for doc_id in batch if doc_id not in found)
            raise NotFoundError(f"There is no document with id {missing}.")
        annotations = store.annotations_for(batch)
        for document in documents:
            tally.add_document(document.text, annotations[document.id])
        if progress is not None:
            progress(first + len(batch), total)
    return tally.report()


class _Tally:
    """Running sums for every comparison (each pair, then the group)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.index = {name: i for i, name in enumerate(names)}
        everyone = tuple(range(len(names)))
        self.members: list[tuple[int, ...]] = [*combinations(everyone, 2), everyone]
        self.documents = 0
        self.compared = [0] * len(self.members)
        self.token_keys: Counter[_TokenKey] = Counter()
        self.spans: list[dict[str, SpanCounts]] = [{} for _ in self.members]
        self.confusion: list[Counter[tuple[str, str]]] = [Counter() for _ in self.members]
        self.unitizing = [UnitizingTally(len(m)) for m in self.members]
        self.tags: set[str] = set()

    def add_document(self, text: str, annotations: Iterable[Annotation]) -> None:
        self.documents += 1
        spans: list[list[Span]] = [[] for _ in self.names]
        for annotation in annotations:
            who = self.index.get(annotation.annotator)
            if who is not None:
                spans[who].append(Span(annotation.start, annotation.end, annotation.tag))
        present = [i for i, mine in enumerate(spans) if mine]
        if len(present) < 2:
            return
        for mine in spans:
            self.tags.update(span.tag for span in mine)
        self._add_tokens(text, spans, present)
        here = set(present)
        pair_counts: dict[tuple[int, int], dict[str, SpanCounts]] = {}
        for c, members in enumerate(self.members):
            if not here.issuperset(members):
                continue
            self.compared[c] += 1
            self.unitizing[c].add_section(len(text), [spans[i] for i in members])
            pairs = [members] if len(members) == 2 else list(combinations(members, 2))
            for i, j in pairs:
                if (i, j) not in pair_counts:
                    pair_counts[i, j] = span_counts(spans[i], spans[j])
                _add_counts(self.spans[c], pair_counts[i, j])
            if len(members) == 2 and c < len(self.members) - 1:
                self.confusion[c].update(span_confusion(spans[members[0]], spans[members[1]]))

    def _add_tokens(self, text: str, spans: list[list[Span]], present: list[int]) -> None:
        tokens = tokenize(text)
        labels = {i: token_labels(tokens, spans[i]) for i in present}
        touched: set[int] = set()
        for found in labels.values():
            touched.update(found.tags)
        keys = self.token_keys
        for token in touched:
            key = tuple(
                (mine.tags.get(token, NO_TAGS), mine.label.get(token, UNTAGGED))
                if (mine := labels.get(i)) is not None
                else None
                for i in range(len(self.names))
            )
            keys[key] += 1
        untouched = len(tokens) - len(touched)
        if untouched:
            empty = (NO_TAGS, UNTAGGED)
            keys[tuple(empty if i in labels else None for i in range(len(self.names)))] += untouched

    def report(self) -> AgreementReport:
        tags = tuple(sorted(self.tags))
        comparisons = [self._comparison(c, tags) for c in range(len(self.members))]
        return AgreementReport(
            annotators=self.names,
            tags=tags,
            documents=self.documents,
            pairs=tuple(comparisons[:-1]),
            group=comparisons[-1],
        )

    def _comparison(self, c: int, tags: tuple[str, ...]) -> Comparison:
        members = self.members[c]
        is_pair = c < len(self.members) - 1
        overall_all: Counter[tuple[str, ...]] = Counter()
        overall_tagged: Counter[tuple[str, ...]] = Counter()
        per_tag_all: dict[str, Counter[tuple[str, ...]]] = {tag: Counter() for tag in tags}
        per_tag_tagged: dict[str, Counter[tuple[str, ...]]] = {tag: Counter() for tag in tags}
        for key, count in self.token_keys.items():
            sub = [key[i] for i in members]
            if None in sub:
                continue
            sets = [entry[0] for entry in sub if entry is not None]
            labels = tuple(entry[1] for entry in sub if entry is not None)
            tagged = any(sets)
            overall_all[labels] += count
            if tagged:
                overall_tagged[labels] += count
            for tag in tags:
                binary = tuple(tag if tag in found else UNTAGGED for found in sets)
                per_tag_all[tag][binary] += count
                if tagged:
                    per_tag_tagged[tag][binary] += count
        kappa = cohen_kappa if is_pair else fleiss_kappa
        unitizing = self.unitizing[c]
        spans = self.spans[c]

        def tag_agreement(
            tag: str, counts: SpanCounts, every: Ratings, tagged: Ratings, alpha_u: float | None
        ) -> TagAgreement:
            binary = (tag, UNTAGGED) if tag else None
            return TagAgreement(
                tag=tag,
                exact=_scores(counts.exact, counts),
                overlap=_scores(counts.overlap, counts),
                tokens_all=_token_measures(every, kappa, binary),
                tokens_tagged=_token_measures(tagged, kappa, binary),
                unitizing_alpha=alpha_u,
            )

        overall_counts = sum(spans.values(), SpanCounts())
        return Comparison(
            kind="pair" if is_pair else "group",
            annotators=tuple(self.names[i] for i in members),
            documents=self.compared[c],
            overall=tag_agreement(
                "", overall_counts, overall_all, overall_tagged, unitizing.overall()
            ),
            tags=tuple(
                tag_agreement(
                    tag,
                    spans.get(tag, SpanCounts()),
                    per_tag_all[tag],
                    per_tag_tagged[tag],
                    unitizing.alpha(tag),
                )
                for tag in tags
            ),
            token_confusion=confusion_matrix(
                {(labels[0], labels[1]): n for labels, n in overall_all.items()}, tags
            )
            if is_pair
            else None,
            span_confusion=confusion_matrix(self.confusion[c], tags) if is_pair else None,
        )


def _add_counts(into: dict[str, SpanCounts], counts: dict[str, SpanCounts]) -> None:
    for tag, found in counts.items():
        into[tag] = into.get(tag, SpanCounts()) + found


def _scores(matched: int, counts: SpanCounts) -> SpanScores:
    precision, recall, f1 = precision_recall_f1(matched, counts.reference, counts.compared)
    return SpanScores(counts.reference, counts.compared, matched, precision, recall, f1)


def _token_measures(
    ratings: Ratings,
    kappa: Callable[[Ratings], float | None],
    categories: tuple[str, str] | None,
) -> TokenMeasures:
    return TokenMeasures(
        tokens=sum(ratings.values()),
        observed=observed_agreement(ratings),
        kappa=kappa(ratings),
        alpha=nominal_alpha(ratings),
        ac1=gwet_ac1(ratings, categories),
    )
