"""Parsing untrusted XML (XMI, REFI-QDA project files) without the classic XML attacks.

Exchange formats never need a DTD, so any ``<!DOCTYPE>`` is refused outright: that stops
entity expansion bombs ("billion laughs"), external entities reading local files and
network look-ups in one rule. defusedxml does the parsing (expat with those hooks
disabled); a file that passes can then be handed to another parser (cassis uses lxml)
knowing it holds no DTD. Sizes are limited by the callers before the bytes get here.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from annotator.core.errors import SourceError


def parse_xml(data: bytes, origin: str | Path) -> Element:
    """The root element; ``SourceError`` naming ``origin`` (and the line) otherwise."""
    try:
        root: Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise SourceError(
            origin,
            "the XML declares a DTD or entities (an XML bomb or an external reference?); "
            "exchange files never need one, so it was not imported.",
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        raise SourceError(
            origin, f"not well-formed XML (column {column}): {exc.msg}", line
        ) from None
    return root


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def xml_safe(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold (most C0 controls, such as the
    form feeds PDF extraction leaves) replaced by U+FFFD. One character for one, and both
    are one UTF-16 unit, so offsets into the text stay valid in any counting."""
    return _NOT_XML.sub(REPLACEMENT, value)
