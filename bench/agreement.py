"""Agreement at corpus scale (#7 item 5): 1,000 documents, 3 analysts, ~50,000 annotations.

Builds a seeded project in a temporary ``ANNOTATOR_HOME`` (removed afterwards), then times
``compute_agreement`` over all of it and prints the figure. Run from the repository root:
``python -m bench.agreement`` (``--documents N`` for another size). Target: "in seconds".
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

_SENTENCE = "the port of calder opened a new depot on monday , said the minister ;"
WORDS = tuple(_SENTENCE.split())
TAGS = ("claim", "quote", "facility", "assessment")
ANALYSTS = ("ana", "ben", "cy")


def build(db: Path, documents: int, per_analyst: int, seed: int) -> int:
    from annotator.core.model import AnnotationDraft, ArticleDraft
    from annotator.core.project import Project
    from annotator.core.tags import color_for_new_tag

    rng = random.Random(seed)
    total = 0
    with Project.open(db, analyst=ANALYSTS[0]) as project:
        for number in range(documents):
            text = f"Report {number}. " + " ".join(rng.choice(WORDS) for _ in range(500))
            # a shared "truth" each analyst follows with jittered boundaries, misses, extras
            truth = []
            for _ in range(per_analyst):
                start = rng.randrange(len(text) - 60)
                truth.append((start, start + rng.randint(5, 60), rng.choice(TAGS)))
            drafts = []
            for who in ANALYSTS:
                for start, end, tag in truth:
                    if rng.random() < 0.15:
                        continue
                    s = max(0, start + rng.choice((0, 0, 0, -2, 3)))
                    e = min(len(text), max(s + 1, end + rng.choice((0, 0, -3, 4))))
                    t = tag if rng.random() < 0.9 else rng.choice(TAGS)
                    drafts.append(AnnotationDraft(s, e, t, annotator=who))
                for _ in range(2):
                    s = rng.randrange(len(text) - 30)
                    drafts.append(AnnotationDraft(s, s + 20, rng.choice(TAGS), annotator=who))
            draft = ArticleDraft(text=text, origin=f"bench {number}", annotations=tuple(drafts))
            project.store.store_article(draft, annotator=who, new_tag_color=color_for_new_tag)
            total += len(drafts)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--per-analyst", type=int, default=17, help="spans per analyst and doc")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as folder:
        os.environ["ANNOTATOR_HOME"] = folder
        from annotator.core.agreement import compute_agreement
        from annotator.core.project import Project

        db = Path(folder) / "agreement.sqlite"
        started = time.perf_counter()
        annotations = build(db, options.documents, options.per_analyst, options.seed)
        built = time.perf_counter() - started
        with Project.open(db, analyst=ANALYSTS[0]) as project:
            calls: list[int] = []
            started = time.perf_counter()
            report = compute_agreement(project, progress=lambda done, total: calls.append(done))
            took = time.perf_counter() - started
        group = report.group
        assert group is not None
        print(
            f"agreement: {options.documents} documents, {len(ANALYSTS)} analysts, "
            f"{annotations} annotations (built in {built:.1f} s)"
        )
        print(f"compute_agreement: {took:.2f} s ({len(calls)} progress calls)")
        print(
            f"group: overlap F1 {group.overall.overlap.f1:.3f}, "
            f"Fleiss kappa (tagged tokens) {group.overall.tokens_tagged.kappa:.3f}, "
            f"alpha_u {group.overall.unitizing_alpha:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
