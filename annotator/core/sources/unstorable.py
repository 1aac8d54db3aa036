"""Naming the field of an imported record that holds a character the database cannot store.

JSON's ``\\ud800`` escapes decode to a Python string with half a surrogate pair in it, which
is not a character: no database can store it (UTF-8 has no encoding for it) and Qt cannot
show it. PostgreSQL also refuses NUL (U+0000) in any text. Checking every string of every
record up front would cost each import of 50,000 annotations for a fault that almost never
happens, so the write is simply tried; when it fails, this finds the field to name in the
analyst's message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import fields, is_dataclass

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable_field(
    value: object, name: str = "", culprit: str | None = None
) -> tuple[str, str] | None:
    """(where, the character) of the first string in ``value`` (a dataclass such as an
    ``ArticleDraft``, a mapping, a sequence or a string) holding a lone surrogate or NUL;
    with ``culprit``, of the string equal to it (the one the database failed to encode: a
    key of "meta" holding a surrogate is stored escaped, as JSON, and is not the cause)."""
    if isinstance(value, str):
        found = _UNSTORABLE.search(value)
        if found is None or (culprit is not None and value != culprit):
            return None
        return name, found.group()
    for where, item in _parts(value, name):
        found_in = unstorable_field(item, where, culprit)
        if found_in is not None:
            return found_in
    return None


def _parts(value: object, name: str) -> Iterator[tuple[str, object]]:
    """(where, item) of what ``value`` holds, ``where`` spelled as a reader would."""
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield (f"{name}'s {f.name}" if name else f.name), getattr(value, f.name)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{name}.{key}" if name else str(key)
            yield f"{where} (its name)", key
            yield where, item
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value, start=1):
            yield f"{name} #{number}", item


def unstorable_message(value: object, culprit: str | None = None) -> str | None:
    """What the analyst reads when a record could not be stored for such a character (None:
    ``value`` holds none, so the failure had another cause)."""
    found = unstorable_field(value, culprit=culprit)
    if found is None and culprit is not None:
        found = unstorable_field(value)
    if found is None:
        return None
    where, character = found
    if character == "\x00":
        what = "a NUL character (U+0000), which the database cannot store"
    else:
        code = f"U+{ord(character):04X}"
        what = f"{code}, half of a UTF-16 surrogate pair and not a character (a broken \\u escape?)"
    # A field's name can hold the character itself (a key of "meta"): shown as its escape.
    shown = where.encode("utf-8", "backslashreplace").decode("utf-8")
    place = f'the field "{shown}"' if where else "a field"
    return f"{place} holds {what}; remove it from the file and import it again."
