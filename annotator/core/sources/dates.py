"""Publication dates as the ISO ``yyyy-mm-dd`` the corpus list sorts and filters by.

Headers, HTML metadata and corpora spell dates in many ways; only unambiguous spellings are
converted. ``02/10/2020`` could be either of two days, so it is kept as written rather than
silently turned into the wrong one.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_tz

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_WEEKDAY = r"(?:[a-z]{3,9}\.?,?\s+)?"
_YMD = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:[t\s].*)?")
_DMY_DOTS = re.compile(r"(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})")
_DAY_MONTH = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(?P<year>\d{4})"
)
_MONTH_DAY = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
)
_NUMERIC = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
"""Day-month order unknown: recognisably a date, but not convertible."""


def parse_date(value: str) -> str | None:
    """The ISO date ``value`` names, or ``None`` when it is not an unambiguous date."""
    value = value.strip().lower()
    for pattern in (_YMD, _DMY_DOTS, _DAY_MONTH, _MONTH_DAY):
        match = pattern.fullmatch(value)
        if match is not None:
            return _iso(match["year"], match["month"], match["day"])
    return _rfc2822(value)


def looks_like_date(value: str) -> bool:
    """Whether ``value`` is a date, even one whose day and month cannot be told apart."""
    return parse_date(value) is not None or _NUMERIC.fullmatch(value.strip()) is not None


def published_value(value: str) -> str | None:
    """What to store as ``published``: ISO when possible, else the text as written."""
    value = value.strip()
    return (parse_date(value) or value) or None


def _iso(year: str, month: str, day: str) -> str | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month)
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def _rfc2822(value: str) -> str | None:
    parts = parsedate_tz(value)
    if parts is None:
        return None
    return _iso(str(parts[0]), str(parts[1]), str(parts[2]))
