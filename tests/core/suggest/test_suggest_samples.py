"""The rules on the shipped sample articles, and the project side: the gazetteer, tags
already annotated, retired tags, nothing stored, accepting a suggestion.

What the rules find in the samples (imported, so the title lines are metadata):

- 01 Northern Test Range: 8 quotations (Marrow's two, the institute's two, Anskar's two,
  Ferreira's two; Anskar's partial quote "a long-planned upgrade ..." is 63 characters
  from "told" and is missed); 9 assessment sentences (likely, moderate confidence, we
  assess, almost certainly, according to, probably, unlikely, almost certain); facilities
  Veskar Northern Test Range and Orlan Fuel Enrichment Plant (twice).
- 02 Port of Calder: 8 quotations (Vallis, Halloway, Lund, Marsh, Calloway; the curly and
  the straight ones); 5 assessment sentences; facilities Port of Calder, Calder Bay
  Desalination Plant, Saltmarsh Fuel Storage Terminal.
- 03 Orbital sensing: 6 quotations (Quill's, Arvesen's two, Venn's, Obi's two); 3
  assessment sentences; facilities Brannock Ground Station (twice), Gannet Head Ground
  Station.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from annotator.core.model import Document
from annotator.core.project import Project
from annotator.core.samples import sample_paths
from annotator.core.suggest import Suggestion


@pytest.fixture
def samples(project: Project) -> dict[str, Document]:
    project.import_paths(sample_paths())
    documents = [project.document(summary.id) for summary in project.documents()]
    return {doc.title.split()[0]: doc for doc in documents}


def spans(project: Project, doc: Document, tag: str) -> list[str]:
    return [doc.text[s.start : s.end] for s in project.suggestions(doc.id) if s.tag == tag]


def test_the_rules_find_the_obvious_cases_in_the_samples(
    project: Project, samples: dict[str, Document]
) -> None:
    veskar, calder, orbital = samples["Satellite"], samples["Port"], samples["Startup's"]
    counts = {
        name: Counter(s.tag for s in project.suggestions(doc.id)) for name, doc in samples.items()
    }
    assert counts["Satellite"] == {"quote": 8, "assessment": 9, "facility": 3}
    assert counts["Port"] == {"quote": 8, "assessment": 5, "facility": 3}
    assert counts["Startup's"] == {"quote": 6, "assessment": 3, "facility": 3}

    quotes = spans(project, veskar, "quote")
    assert "What we are seeing is not routine maintenance," in quotes
    assert any(q.startswith("The pads are sized for a larger airframe") for q in quotes)
    assert "Our enrichment activities remain fully declared and fully peaceful," in quotes
    assert spans(project, veskar, "facility") == [
        "Veskar Northern Test Range",
        "Orlan Fuel Enrichment Plant",
        "Orlan Fuel Enrichment Plant",
    ]
    assessments = spans(project, veskar, "assessment")
    assert any("likely intended for a longer-range missile" in a for a in assessments)
    assert any(a.startswith('"We assess with moderate confidence') for a in assessments)
    assert any(a.startswith("Both said it was unlikely") for a in assessments)

    assert "We have nothing to hide," in spans(project, calder, "quote")  # curly quotes
    assert spans(project, calder, "facility") == [
        "Port of Calder",
        "Calder Bay Desalination Plant",
        "Saltmarsh Fuel Storage Terminal",
    ]
    assert any(a.startswith("Dr. Esben Lund") for a in spans(project, calder, "assessment"))

    assert spans(project, orbital, "facility") == [
        "Brannock Ground Station",
        "Brannock Ground Station",
        "Gannet Head Ground Station",
    ]
    assert any(q.startswith("Our eyes are up") for q in spans(project, orbital, "quote"))


def test_every_suggestion_explains_itself(project: Project, samples: dict[str, Document]) -> None:
    for doc in samples.values():
        for s in project.suggestions(doc.id):
            assert s.explanation and s.rule
            assert 0 <= s.start < s.end <= len(doc.text)


def test_gazetteer_is_stored_cleaned_and_suggests_names(
    project: Project, samples: dict[str, Document]
) -> None:
    assert project.gazetteer() == ()
    stored = project.set_gazetteer(["  Orlan ", "", "Tesmir", "Orlan"])
    assert stored == ("Orlan", "Tesmir") == project.gazetteer()
    veskar = samples["Satellite"]
    found = [s for s in project.suggestions(veskar.id) if s.rule == "facility gazetteer"]
    # "Orlan" inside "Orlan Fuel Enrichment Plant" is left to the longer pattern match.
    assert [veskar.text[s.start : s.end] for s in found] == ["Orlan", "Tesmir", "Orlan", "Orlan"]
    assert "facility gazetteer" in found[0].explanation


def test_tagged_spans_are_not_suggested_again_and_nothing_is_stored(
    project: Project, samples: dict[str, Document], db_path: Path
) -> None:
    doc = samples["Port"]
    first: Suggestion = next(s for s in project.suggestions(doc.id) if s.tag == "facility")
    with sqlite3.connect(db_path) as connection:
        before = connection.execute("SELECT count(*) FROM annotations").fetchone()
    assert before == (0,)
    # Accepting: an ordinary annotation by the analyst.
    project.apply(project.new_annotation(doc, first.start, first.end, first.tag))
    (made,) = project.annotations(doc.id)
    assert (made.start, made.end, made.tag, made.annotator) == (
        first.start,
        first.end,
        "facility",
        "alice",
    )
    assert first not in project.suggestions(doc.id)
    # Another tag at the same span does not hide it; the same tag overlapping does.
    quote = next(s for s in project.suggestions(doc.id) if s.tag == "quote")
    project.tag_span(doc.id, quote.start, quote.start + 4, "claim")
    assert quote in project.suggestions(doc.id)
    project.tag_span(doc.id, quote.start, quote.start + 4, "quote")
    assert quote not in project.suggestions(doc.id)


def test_only_live_requested_tags_are_suggested(
    project: Project, samples: dict[str, Document]
) -> None:
    doc = samples["Satellite"]
    assert {s.tag for s in project.suggestions(doc.id, tags=["quote"])} == {"quote"}
    project.apply(project.retire_tag("assessment"))
    assert "assessment" not in {s.tag for s in project.suggestions(doc.id)}
    assert project.suggestions(doc.id, tags=["claim"]) == []
