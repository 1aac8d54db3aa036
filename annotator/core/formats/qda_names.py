"""Names and GUIDs of REFI-QDA (QDA-XML) project files, shared by export and import.

The standard's GUIDType is a UUID. Our ids usually are UUIDs and are then used as they are,
so a round trip keeps annotation and document ids; an id imported from another tool
(``doc-7``) is mapped to a stable UUID derived from it. Users and codes have no ids of
their own in our model: their GUIDs derive from the analyst's and the tag's name, so the
same project always exports the same file.
"""

from __future__ import annotations

import re
import uuid

NS = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES = "sources"
INTERNAL = "internal://"
ATTRIBUTES_NOTE = "Annotator attributes"
"""Name of the Note (JSON text) holding one annotation's attributes, referenced by its
Coding's NoteRef: QDA-XML has no attribute values on codings, but every tool keeps notes."""

_NAMESPACE = uuid.UUID("5d0c7c1e-3f0e-4b8a-9a63-6a4e0f1f2b7d")
_GUID = re.compile(
    r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
)


def q(tag: str) -> str:
    """``Project`` -> ``{urn:QDA-XML:project:1.0}Project``."""
    return f"{{{NS}}}{tag}"


def is_guid(value: str) -> bool:
    return bool(_GUID.match(value))


def guid(kind: str, value: str) -> str:
    """``value`` itself when it is a UUID, else a UUID derived from ``kind`` and it."""
    if is_guid(value):
        return value.strip("{}").lower()
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{value}"))


def derived(kind: str, value: str) -> str:
    """Always a derived UUID (users, codes, codings, notes: things without our ids)."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{value}"))
