"""The UIMA type system our XMI files declare (written beside them as ``TypeSystem.xml``).

The span layer is ``webanno.custom.Span``, the same custom layer as our WebAnno TSV export,
so one INCEpTION project set up with a span layer "Span" (string features ``label``,
``annotator``, ``note``, ``attributes``, ``identifier``) and a relation layer "SpanRelation"
over it (feature ``label``) accepts both files. ``attributes`` holds the attributes as a
JSON object (UIMA has no map type); ``identifier`` keeps our annotation id so a round trip
and a repeated import recognise the same annotation. Relations follow INCEpTION's relation
layers: ``Governor`` is our "from" end, ``Dependent`` the "to" end, and the relation covers
the dependent's offsets. ``DocumentMetaData`` (DKPro Core's, which INCEpTION reads) carries
the title and our document id.

dkpro-cassis is imported here only, when an XMI export or import runs, so that starting
the program does not pay for it.
"""

from __future__ import annotations

from typing import Any

SPAN = "webanno.custom.Span"
RELATION = "webanno.custom.SpanRelation"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
"""INCEpTION's built-in named-entity layer; imported with ``value`` as the tag."""

SPAN_FEATURES = ("label", "annotator", "note", "attributes", "identifier")
STRING = "uima.cas.String"


def build_typesystem() -> Any:
    """A fresh ``cassis.TypeSystem`` with our span and relation layers and the metadata."""
    from cassis import TypeSystem

    typesystem = TypeSystem()
    span = typesystem.create_type(
        name=SPAN,
        supertypeName="uima.tcas.Annotation",
        description="A tagged span made in Annotator",
    )
    for feature in SPAN_FEATURES:
        typesystem.create_feature(domainType=span, name=feature, rangeType=STRING)
    relation = typesystem.create_type(
        name=RELATION,
        supertypeName="uima.tcas.Annotation",
        description="A typed link between two spans (Governor = from, Dependent = to)",
    )
    typesystem.create_feature(domainType=relation, name="Governor", rangeType=SPAN)
    typesystem.create_feature(domainType=relation, name="Dependent", rangeType=SPAN)
    typesystem.create_feature(domainType=relation, name="label", rangeType=STRING)
    typesystem.create_feature(domainType=relation, name="annotator", rangeType=STRING)
    metadata = typesystem.create_type(name=METADATA, supertypeName="uima.tcas.DocumentAnnotation")
    for feature in ("documentTitle", "documentId", "documentUri", "collectionId"):
        typesystem.create_feature(domainType=metadata, name=feature, rangeType=STRING)
    return typesystem
