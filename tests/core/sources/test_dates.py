from __future__ import annotations

import pytest

from annotator.core.sources.dates import looks_like_date, parse_date, published_value


@pytest.mark.parametrize(
    "value",
    [
        "2020-10-02",
        "2020-10-02T08:30:00Z",
        "2020-10-02 08:30",
        "2020/10/2",
        "02.10.2020",
        "2 October 2020",
        "2nd Oct 2020",
        "October 2, 2020",
        "Oct. 2, 2020",
        "Friday, 2 October 2020",
        "Fri, 02 Oct 2020 08:30:00 +0000",
    ],
)
def test_unambiguous_dates_become_iso(value: str) -> None:
    assert parse_date(value) == "2020-10-02"


@pytest.mark.parametrize("value", ["02/10/2020", "2020-13-01", "Reuters", "2020", "May 2020"])
def test_ambiguous_or_invalid_dates_are_not_converted(value: str) -> None:
    assert parse_date(value) is None


def test_ambiguous_numeric_date_still_looks_like_a_date() -> None:
    assert looks_like_date("02/10/2020")
    assert not looks_like_date("tomorrow we go")


def test_published_value_keeps_what_it_cannot_convert() -> None:
    assert published_value(" 2 Oct 2020 ") == "2020-10-02"
    assert published_value("autumn 2020") == "autumn 2020"
    assert published_value("  ") is None
