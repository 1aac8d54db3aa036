"""Lift a metadata header off the top of a plain-text or Markdown article.

Analysts and news exports often start a file with ``Title: ...`` / ``Date: ...`` lines or a
``---`` front-matter block. Those lines describe the article rather than belong to it, so
they become document fields and are not part of the text that gets annotated.

Only known keys form a plain header: an article that opens with ``Note: prices fell`` must
keep that sentence. A ``---`` block is explicit, so its unknown keys are kept as metadata.
PyYAML is deliberately not used: front matter in news exports is flat ``key: value`` pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from annotator.core.model import JsonValue
from annotator.core.sources.dates import looks_like_date, published_value
from annotator.core.sources.normalise import normalise_text

FIELDS = {
    "title": "title",
    "source": "source",
    "author": "author",
    "url": "url",
    "date": "published",
    "published": "published",
    "language": "language",
}
"""Header key (lower case) -> ``ArticleDraft`` field."""

_KEY_VALUE = re.compile(r"(?P<key>[A-Za-z][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")
_DATE_NO_COLON = re.compile(r"date[ \t]+(?P<value>\S.*?)[ \t]*", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[ \t]*-[ \t]+(?P<item>.*?)[ \t]*")
_FENCES = ("---", "...")


@dataclass(frozen=True)
class Header:
    """What the top of a file said about the article, and the article text below it."""

    body: str
    fields: dict[str, str] = field(default_factory=dict)
    meta: dict[str, JsonValue] = field(default_factory=dict)


def split_header(text: str, *, front_matter: bool = False) -> Header:
    """Split normalised ``text`` into its header and body (``front_matter`` for Markdown)."""
    lines = text.split("\n")
    if front_matter:
        end = _front_matter_end(lines)
        if end is not None:
            fields, meta = _parse_front_matter(lines[1:end])
            return Header(_rest(lines, end + 1), fields, meta)
    fields = {}
    count = 0
    for line in lines:
        item = _header_line(line)
        if item is None:
            break
        fields.setdefault(*item)
        count += 1
    return Header(_rest(lines, count), fields) if count else Header(text)


def field_value(name: str, value: str) -> str | None:
    """The value stored for field ``name``: dates become ISO where possible."""
    return published_value(value) if name == "published" else (value.strip() or None)


def _rest(lines: list[str], start: int) -> str:
    return normalise_text("\n".join(lines[start:]))


def _header_line(line: str) -> tuple[str, str] | None:
    match = _KEY_VALUE.fullmatch(line)
    if match is not None and match["value"]:
        name = FIELDS.get(match["key"].lower())
        value = field_value(name, match["value"]) if name else None
        return (name, value) if name and value else None
    match = _DATE_NO_COLON.fullmatch(line)
    if match is not None and looks_like_date(match["value"]):
        value = published_value(match["value"])
        return ("published", value) if value else None
    return None


def _front_matter_end(lines: list[str]) -> int | None:
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _FENCES:
            return index
    return None


def _parse_front_matter(lines: list[str]) -> tuple[dict[str, str], dict[str, JsonValue]]:
    values = _front_matter_values(lines)
    fields: dict[str, str] = {}
    meta: dict[str, JsonValue] = {}
    for key, value in values.items():
        name = FIELDS.get(key.lower())
        text = ", ".join(value) if isinstance(value, list) else value
        stored = field_value(name, text) if name else None
        if name and stored:
            fields.setdefault(name, stored)
        elif not name:
            meta[key] = value
    return fields, meta


def _front_matter_values(lines: list[str]) -> dict[str, str | list[str]]:
    """Flat ``key: value`` pairs, plus ``key:`` followed by ``- item`` lines as lists."""
    values: dict[str, str | list[str]] = {}
    list_key: str | None = None
    for line in lines:
        pair = _KEY_VALUE.fullmatch(line)
        item = _LIST_ITEM.fullmatch(line)
        if pair is not None:
            list_key = None if pair["value"] else pair["key"]
            values[pair["key"]] = _unquote(pair["value"]) if pair["value"] else []
        elif item is not None and list_key is not None:
            entries = values[list_key]
            assert isinstance(entries, list)
            entries.append(_unquote(item["item"]))
    return {key: value for key, value in values.items() if value}


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
