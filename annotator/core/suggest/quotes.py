"""Quotations: text between straight "…" or curly “…” double quotes with a speech verb
(said, told, according to ...) at most ``WINDOW`` characters before or after the marks.

Why: in news reporting a quotation mark next to a speech verb is almost always a direct
quote, and the verb is what separates it from a title or a scare quote. A quotation later
in the same paragraph as an attributed one, with no verb of its own ("…," said X. "…"),
continues that speaker's quote and is suggested too. The span is the quoted words without
the marks. Quotes of one word are left out: those are scare quotes or terms, not speech.
Single quotes are left out too: they double as apostrophes.
"""

from __future__ import annotations

import re

from annotator.core.suggest.base import Suggestion, paragraphs, words_pattern

TAG = "quote"
RULE = "quotation"
WINDOW = 60
SPEECH_VERBS = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "according to",
    "warned",
    "warns",
    "noted",
    "notes",
    "wrote",
    "writes",
    "announced",
    "explained",
    "asked",
    "replied",
    "insisted",
    "argued",
)
VERB = words_pattern(SPEECH_VERBS)
QUOTED = re.compile(r"“([^“”\n]*)”|\"([^\"\n]*)\"")


def find(text: str) -> list[Suggestion]:
    found: list[Suggestion] = []
    for para_start, para_end in paragraphs(text):
        verb: str | None = None  # the verb of the paragraph's last attributed quotation
        for match in QUOTED.finditer(text, para_start, para_end):
            start, end = match.span(1 if match.group(1) is not None else 2)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if len(text[start:end].split()) < 2:
                continue
            near = _speech_verb(text, match.start(), match.end(), para_start, para_end)
            if near is not None:
                verb, side = near
                explanation = f"Quoted words with the speech verb “{verb}” just {side} them."
            elif verb is not None:
                explanation = (
                    f"Continues the quotation attributed with “{verb}” earlier in this paragraph."
                )
            else:
                continue
            found.append(Suggestion(start, end, TAG, RULE, explanation))
    return found


def _speech_verb(text: str, opening: int, closing: int, lo: int, hi: int) -> tuple[str, str] | None:
    """The speech verb within ``WINDOW`` characters of the quotation marks at
    ``opening:closing`` (after first: "…," she said), and on which side, or None."""
    after = VERB.search(text, closing, hi)
    if after is not None and after.start() - closing <= WINDOW:
        return after.group(), "after"
    before = None
    for candidate in VERB.finditer(text, max(lo, opening - WINDOW - 20), opening):
        if opening - candidate.end() <= WINDOW:
            before = candidate
    if before is not None:
        return before.group(), "before"
    return None
