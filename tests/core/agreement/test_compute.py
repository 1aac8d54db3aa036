"""``compute_agreement`` on real project databases: the hand-checked example, the same
figures recomputed token by token with scikit-learn / krippendorff / NLTK, progress and
cancel, and the messages for wrong input."""

from __future__ import annotations

import random
import re
import warnings
from collections.abc import Callable, Sequence

import krippendorff
import numpy as np
import pytest
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from annotator.core.agreement import UNTAGGED, AgreementCancelled, compute_agreement
from annotator.core.errors import AnnotatorError, NotFoundError
from annotator.core.model import DocumentId
from annotator.core.project import Project

pytestmark = pytest.mark.both_backends

AddDoc = Callable[[str, Sequence[tuple[int, int, str, str]]], DocumentId]

TEXT = "Alice said the port will open next year ."
#       0     6    11  15   20   25   30   35   40


def test_hand_checked_example(project: Project, add_doc: AddDoc) -> None:
    add_doc(
        TEXT,
        [
            (11, 29, "claim", "alice"),
            (0, 5, "quote", "alice"),
            (11, 29, "claim", "bob"),
            (15, 19, "facility", "bob"),
            (15, 41, "claim", "carol"),
            (0, 10, "quote", "carol"),
        ],
    )
    add_doc("Only Dan tagged this one .", [(0, 4, "claim", "dan")])
    report = compute_agreement(project, annotators=["alice", "bob", "carol"])
    assert report.documents == 2
    assert report.tags == ("claim", "facility", "quote")
    ab = report.pair("alice", "bob")
    assert ab.documents == 1
    assert (ab.overall.exact.reference, ab.overall.exact.compared) == (2, 2)
    assert (ab.overall.exact.matched, ab.overall.overlap.matched) == (1, 1)
    assert ab.tag("claim").exact.f1 == 1.0
    assert ab.tag("quote").exact.recall == 0.0 and ab.tag("quote").exact.precision is None
    ac = report.pair("alice", "carol")
    assert (ac.overall.exact.matched, ac.overall.overlap.matched) == (0, 2)
    # token labels: "port" is claim for alice, facility (the shorter span) for bob
    confusion = ab.token_confusion
    assert confusion is not None
    assert confusion.count("claim", "facility") == 1
    assert confusion.count("claim", "claim") == 3
    assert confusion.count("quote", UNTAGGED) == 1
    assert confusion.count(UNTAGGED, UNTAGGED) == 4  # said next year .
    assert confusion.largest == 3
    spans = ab.span_confusion
    assert spans is not None
    assert spans.count("claim", "claim") == 1
    assert spans.count("quote", UNTAGGED) == 1
    assert spans.count(UNTAGGED, "facility") == 1
    assert ab.overall.tokens_all.tokens == 9
    assert ab.overall.tokens_tagged.tokens == 5
    group = report.group
    assert group is not None and group.documents == 1
    assert group.overall.tokens_all.tokens == 9
    assert group.token_confusion is None


def _naive_labels(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[set[str]], list[str]]:
    """The documented rule, written the slow obvious way."""
    tokens = [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]
    tags: list[set[str]] = []
    overall: list[str] = []
    for start, end in tokens:
        covering = [(e - s, tag) for s, e, tag in spans if s < end and e > start]
        tags.append({tag for _, tag in covering})
        overall.append(min(covering)[1] if covering else UNTAGGED)
    return tags, overall


def test_random_corpus_matches_token_by_token_references(project: Project, add_doc: AddDoc) -> None:
    rng = random.Random(11)
    words = ["port", "depot", "said", "the", "minister", "will", ",", "open", "2026", "."]
    names = ["ann", "ben", "cid"]
    tag_names = ["claim", "quote", "facility"]
    per_doc: list[tuple[str, dict[str, list[tuple[int, int, str]]]]] = []
    for _ in range(6):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(30, 80)))
        spans: dict[str, list[tuple[int, int, str]]] = {}
        for name in names:
            chosen = set()
            for _ in range(rng.randint(1, 6)):
                start = rng.randrange(len(text) - 1)
                end = min(len(text), start + rng.randint(1, 40))
                chosen.add((start, end, rng.choice(tag_names)))
            spans[name] = sorted(chosen)
        add_doc(text, [(s, e, t, who) for who in names for s, e, t in spans[who]])
        per_doc.append((text, spans))
    report = compute_agreement(project)
    assert report.annotators == tuple(names)

    labels = {name: ([], []) for name in names}  # type: dict[str, tuple[list[set[str]], list[str]]]
    for text, spans in per_doc:
        for name in names:
            tags, overall = _naive_labels(text, spans[name])
            labels[name][0].extend(tags)
            labels[name][1].extend(overall)

    def kappa(a: list[str], b: list[str]) -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(cohen_kappa_score(a, b))

    for pair in report.pairs:
        a, b = pair.annotators
        got = pair.overall.tokens_all.kappa
        assert got == pytest.approx(kappa(labels[a][1], labels[b][1]), abs=1e-9)
        for tag in report.tags:
            first = [tag if tag in s else "" for s in labels[a][0]]
            second = [tag if tag in s else "" for s in labels[b][0]]
            assert pair.tag(tag).tokens_all.kappa == pytest.approx(kappa(first, second), abs=1e-9)
            keep = [i for i in range(len(first)) if labels[a][0][i] or labels[b][0][i]]
            tagged = pair.tag(tag).tokens_tagged
            assert tagged.tokens == len(keep)
            expected = kappa([first[i] for i in keep], [second[i] for i in keep])
            if tagged.kappa is None:
                assert np.isnan(expected)
            else:
                assert tagged.kappa == pytest.approx(expected, abs=1e-9)

    group = report.group
    assert group is not None
    columns = [labels[name][1] for name in names]
    codes = {label: i for i, label in enumerate(sorted({x for c in columns for x in c}))}
    matrix = np.array([[codes[x] for x in column] for column in columns], dtype=float)
    expected_alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert group.overall.tokens_all.alpha == pytest.approx(expected_alpha, abs=1e-9)
    task = AnnotationTask(
        [
            (name, i, label)
            for name, column in zip(names, columns, strict=True)
            for i, label in enumerate(column)
        ]
    )
    assert group.overall.tokens_all.kappa == pytest.approx(task.pi(), abs=1e-9)
    assert group.overall.unitizing_alpha is not None


def test_progress_cancel_and_wrong_input(project: Project, add_doc: AddDoc) -> None:
    doc = add_doc(TEXT, [(0, 5, "quote", "alice"), (0, 5, "quote", "bob")])
    seen: list[tuple[int, int]] = []
    report = compute_agreement(project, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 1) and seen[-1] == (1, 1)
    assert report.pair("alice", "bob").overall.exact.f1 == 1.0
    with pytest.raises(AgreementCancelled):
        compute_agreement(project, cancelled=lambda: True)
    with pytest.raises(NotFoundError, match="zed"):
        compute_agreement(project, annotators=["alice", "zed"])
    with pytest.raises(AnnotatorError, match="two analysts"):
        compute_agreement(project, annotators=["alice"])
    with pytest.raises(NotFoundError, match="no-such-id"):
        compute_agreement(project, document_ids=[doc, "no-such-id"])
