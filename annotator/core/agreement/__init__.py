"""Agreement between analysts: span F1, kappa, alpha, AC1, alpha_u, tag confusion.

Headless (no Qt): ``compute_agreement(project, ...)`` returns one frozen
``AgreementReport``; ``render`` turns it into a text table, CSV rows or an HTML page.
"""

from annotator.core.agreement.compute import AgreementCancelled, compute_agreement
from annotator.core.agreement.confusion import ConfusionMatrix
from annotator.core.agreement.report import (
    UNTAGGED_RULE,
    AgreementReport,
    Comparison,
    SpanScores,
    TagAgreement,
    TokenMeasures,
)
from annotator.core.agreement.units import UNTAGGED

__all__ = [
    "UNTAGGED",
    "UNTAGGED_RULE",
    "AgreementCancelled",
    "AgreementReport",
    "Comparison",
    "ConfusionMatrix",
    "SpanScores",
    "TagAgreement",
    "TokenMeasures",
    "compute_agreement",
]
