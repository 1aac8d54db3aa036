"""Synthetic, seeded articles and spans that look like what analysts tag.

Benchmarks must not depend on files nobody can share, and timing a random mush of letters
would not exercise line breaking or word-boundary layout the way real prose does. So this
module writes newspaper-style paragraphs from small word lists (no copied text): reported
claims, quoted statements, named facilities and hedged assessments. It remembers where each
of those parts landed, so the spans it hands out sit on the words an analyst would tag, with
facilities nested in claims, quotes inside claims and random spans crossing them (overlap).

Everything is driven by one ``random.Random(seed)``: the same arguments give the same bytes.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

TAGS = ("claim", "quote", "facility", "assessment")
SPANS_PER_MB = 10_000
MB = 1_000_000  # characters; the text is ASCII, so also bytes


def megabytes(chars: float) -> str:
    """A text size as the growth lines print it: "0.5 MB"."""
    return f"{chars / MB:g} MB"


def _choices(joined: str) -> tuple[str, ...]:
    """Word lists are written as "a|b|c" so they stay compact and easy to extend."""
    return tuple(joined.split("|"))


PLACES = _choices(
    "Veskar|Orlan|Calder|Tessarin|Brannock|Marhold|Ostrava Bay|Kelmir|Durran|Silvane|"
    "Harrowgate|Norvik|Pellan|Zarech|Corvane|Lindqvist"
)
SITES = _choices(
    "enrichment plant|missile test range|naval base|fuel storage terminal|"
    "desalination plant|ground station|airfield|shipyard|ammunition depot|"
    "research reactor|rail yard|radar site|chemical works|dry dock"
)
SPEAKERS = _choices(
    "the defence ministry|a senior official|the port authority|independent analysts|"
    "a spokesperson for the operator|the regional governor|two former engineers|"
    "the environmental coalition|the foreign ministry|a local council member|the company|"
    "satellite imagery providers|the state news agency"
)
VERBS = _choices(
    "said|reported|denied|confirmed|told reporters|claimed|insisted|stated|acknowledged|"
    "wrote in a statement"
)
EVENTS = _choices(
    "construction had resumed at|new equipment was delivered to|no work was under way at|"
    "power lines were extended to|trucks were seen leaving|security was tightened around|"
    "an explosion damaged part of|inspectors were refused access to|"
    "a second building was added at|production doubled at|fuel shipments were halted to"
)
TIMES = _choices(
    "last week|on Tuesday|in early March|over the past six weeks|since January|"
    "during the night|earlier this year|two days later|within the past month"
)
HEDGES = _choices("likely|probably|almost certainly|possibly|very likely|unlikely to be")
CONFIDENCE = _choices("low|moderate|high")
JUDGEMENTS = _choices(
    "intended for a longer-range system|operating below its stated capacity|"
    "preparing for a test within the year|storing more fuel than it declares|"
    "expanding faster than public records suggest|a cover for military work|"
    "dependent on imported parts|back in service after the repairs"
)
QUOTE_OPENERS = _choices(
    "What we are seeing is not routine maintenance|"
    "We have followed every rule that applies to us|The numbers simply do not add up|"
    "Nobody has been allowed near the site for months|"
    "This is the most important investment in the region for a generation|"
    "We were told the work had stopped, and it has not|"
    "There is no evidence of any military purpose|"
    "The images leave very little room for doubt"
)
CONNECTIVES = _choices(
    "However,|Meanwhile,|By contrast,|In a separate statement,|According to records,|"
    "Earlier,|Even so,|At the same time,"
)
FILLER = _choices(
    "The ministry did not respond to a request for comment.|"
    "Details could not be independently verified.|"
    "The figures were published in an annual report.|"
    "Residents described long queues of vehicles at the gate.|"
    "The company declined to give a timeline.|"
    "Observers noted the absence of any official announcement."
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    tag: str


@dataclass(frozen=True)
class Article:
    """Text plus where the taggable parts are; ``spans`` holds exactly what was asked for."""

    id: str
    title: str
    text: str
    spans: tuple[Span, ...]


class _Writer:
    """Appends prose and records the offsets of the parts an analyst would tag."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.size = 0
        self.candidates: list[Span] = []

    def put(self, text: str, tag: str | None = None) -> None:
        if tag is not None:
            self.candidates.append(Span(self.size, self.size + len(text), tag))
        self.parts.append(text)
        self.size += len(text)

    def facility(self) -> None:
        self.put(f"the {self.rng.choice(PLACES)} {self.rng.choice(SITES)}", "facility")

    def claim(self) -> None:
        """'X said that <event> <facility> <time>.' — a claim with a nested facility."""
        start = self.size
        lead = self.rng.choice(CONNECTIVES) + " " if self.rng.random() < 0.3 else ""
        speaker = self.rng.choice(SPEAKERS)
        speaker = (speaker[0].lower() if lead else speaker[0].upper()) + speaker[1:]
        self.put(f"{lead}{speaker} {self.rng.choice(VERBS)} that {self.rng.choice(EVENTS)} ")
        self.facility()
        self.put(f" {self.rng.choice(TIMES)}.")
        self.candidates.append(Span(start + len(lead), self.size, "claim"))

    def quote(self) -> None:
        """A quoted statement with attribution; the quote may name a facility."""
        start = self.size
        self.put('"' + self.rng.choice(QUOTE_OPENERS))
        if self.rng.random() < 0.5:
            self.put(" at ")
            self.facility()
        self.put(',"')
        self.candidates.append(Span(start, self.size, "quote"))
        self.put(f" {self.rng.choice(SPEAKERS)} said.")

    def assessment(self) -> None:
        """A hedged analytic judgement, the facility nested inside it."""
        start = self.size
        confidence = self.rng.choice(CONFIDENCE)
        self.put(f"Analysts assess with {confidence} confidence that ")
        self.facility()
        self.put(f" is {self.rng.choice(HEDGES)} {self.rng.choice(JUDGEMENTS)}.")
        self.candidates.append(Span(start, self.size, "assessment"))

    def sentence(self) -> None:
        kind = self.rng.random()
        if kind < 0.4:
            self.claim()
        elif kind < 0.6:
            self.quote()
        elif kind < 0.85:
            self.assessment()
        else:
            self.put(self.rng.choice(FILLER))


def article(seed: int, size: int, span_count: int | None = None) -> Article:
    """An article of about ``size`` characters with ``span_count`` spans (default 10,000/MB).

    Paragraphs of 3-7 sentences separated by blank lines, like a saved news story. Spans are
    the recorded claims/quotes/facilities/assessments; when more are asked for than the prose
    offers, the rest are random 20-400 character spans that cut across sentences.
    """
    rng = random.Random(seed)
    writer = _Writer(rng)
    while writer.size < size:
        if writer.parts:
            writer.put("\n\n")
        for i in range(rng.randint(3, 7)):
            if i:
                writer.put(" ")
            writer.sentence()
    text = "".join(writer.parts)
    wanted = span_count if span_count is not None else max(1, size * SPANS_PER_MB // MB)
    spans = _choose_spans(rng, writer.candidates, text, wanted)
    title = f"{rng.choice(PLACES)} {rng.choice(SITES)}: {rng.choice(JUDGEMENTS)}"
    return Article(str(uuid.UUID(int=rng.getrandbits(128))), title, text, spans)


def _choose_spans(
    rng: random.Random, candidates: list[Span], text: str, wanted: int
) -> tuple[Span, ...]:
    chosen = rng.sample(candidates, min(wanted, len(candidates)))
    limit = max(1, len(text) - 1)
    while len(chosen) < wanted:
        start = rng.randrange(0, limit)
        end = min(len(text), start + rng.randint(20, 400))
        if end > start:
            chosen.append(Span(start, end, rng.choice(TAGS)))
    chosen.sort(key=lambda s: (s.start, -s.end))
    return tuple(chosen)


def corpus(seed: int, documents: int, spans_per_document: int, size: int) -> list[Article]:
    """``documents`` articles of about ``size`` characters each, all with distinct texts."""
    return [article(seed * 1_000_003 + n, size, spans_per_document) for n in range(documents)]
