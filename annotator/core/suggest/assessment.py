"""Assessment cues: a sentence with attribution of judgement ("officials said", "analysts
believe", "we assess", "according to") or a word of estimative probability (likely,
probably, almost certainly, remote chance, moderate confidence ...).

Why: intelligence and news writing signal a judgement, as opposed to an observed fact,
with exactly these phrases (the ICD 203 estimative scale and confidence levels), so a
sentence carrying one is where an analyst looks for an assessment. The whole sentence is
suggested because the judgement's subject and object sit around the cue; the analyst
trims it when accepting if a clause is enough.
"""

from __future__ import annotations

from annotator.core.suggest.base import Suggestion, sentences, words_pattern
from annotator.core.tags import ESTIMATIVE_SCALE

TAG = "assessment"
RULE = "assessment cue"
CUES = (
    *ESTIMATIVE_SCALE,
    "officials said",
    "officials say",
    "analysts believe",
    "analysts say",
    "according to",
    "we assess",
    "we judge",
    "assessed that",
    "judged that",
    "probably",
    "probable",
    "improbable",
    "almost certainly",
    "highly likely",
    "highly unlikely",
    "remote chance",
    "low confidence",
    "moderate confidence",
    "high confidence",
)
CUE = words_pattern(CUES)


def find(text: str) -> list[Suggestion]:
    found: list[Suggestion] = []
    for start, end in sentences(text):
        cues = list(dict.fromkeys(m.group().lower() for m in CUE.finditer(text, start, end)))
        if cues:
            listed = ", ".join(f"“{cue}”" for cue in cues)
            word = "cue" if len(cues) == 1 else "cues"
            explanation = f"This sentence has the assessment {word} {listed}."
            found.append(Suggestion(start, end, TAG, RULE, explanation))
    return found
