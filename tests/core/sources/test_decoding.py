from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.errors import SourceError
from annotator.core.sources import decode_bytes, normalise_text

SAMPLE = "Le café “Odesa” — 5 € … naïve Straße\nsecond line"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-8-sig"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_unicode_encodings(data: bytes) -> None:
    assert normalise_text(decode_bytes(data, "a.txt")) == SAMPLE


@pytest.mark.parametrize(
    "text",
    [
        "He said \u201chello\u201d \u2014 then left.",
        "caf\u00e9",
        "Le caf\u00e9 est bon.",
        "Na\u00efve r\u00e9sum\u00e9 \u2013 \u20ac5",
        "\u201cQuote\u201d",
        "It\u2019s fine",
        "Gr\u00fc\u00dfe aus M\u00fcnchen",
        "se\u00f1or ni\u00f1o a\u00f1o",
        "\u00a9 2020 \u2022 all rights reserved",
        "Stra\u00dfe",
        "Le pr\u00e9sident a d\u00e9clar\u00e9 vendredi que le gouvernement "
        "n\u2019interviendrait pas dans la gr\u00e8ve. \u00ab Nous ne reviendrons pas \u00bb.",
    ],
)
def test_short_cp1252_snippets(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "old.txt") == text


def test_cp1252_bytes_named_in_the_brief() -> None:
    data = b"\x93Quoted\x94 \x97 caf\xe9"
    assert decode_bytes(data, "old.txt") == "\u201cQuoted\u201d \u2014 caf\u00e9"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń", "cp1250"),
        (
            "Prezydent oświadczył w piątek, że rząd nie będzie ingerował w strajk. "
            "Związek zażądał podwyżki płac.",
            "cp1250",
        ),
        ("Президент заявил в пятницу, что правительство не будет вмешиваться.", "cp1251"),
    ],
)
def test_other_code_pages_are_not_forced_into_cp1252(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "a.txt") == text


def test_declared_encoding_is_used_when_not_utf8() -> None:
    assert decode_bytes(b"caf\xe9", "a.html", declared="iso-8859-1") == "café"
    assert decode_bytes("café".encode(), "a.html", declared="iso-8859-1") == "café"


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n "])
def test_empty(data: bytes) -> None:
    with pytest.raises(SourceError, match=r"^a\.txt: the file is empty; nothing to import\.$"):
        decode_bytes(data, "a.txt")


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text\x00with nul", "a\x00b".encode("utf-16")],
)
def test_binary(data: bytes) -> None:
    with pytest.raises(SourceError, match="looks like a binary file, not text; save it as"):
        decode_bytes(data, "pic.txt")


def test_undecodable() -> None:
    with pytest.raises(SourceError, match=r"encoding could not be recognised.*save it as UTF-8"):
        decode_bytes(bytes([0x80, 0x81, 0x82, 0x8D, 0x90]) * 20, "x.txt")


def test_broken_utf16_names_the_encoding() -> None:
    with pytest.raises(SourceError, match=r"starts like UTF-16 but byte \d+ is not valid"):
        decode_bytes(codecs.BOM_UTF16_LE + b"A", "x.txt")


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@example("\ufeff\ufeff \n", "utf-8")
@example("\r\n\ufeffx\r", "utf-16")
@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]))
def test_decode_then_normalise_round_trips(text: str, encoding: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    data = bom + text.encode(encoding)
    expected = normalise_text(text)
    if not expected.strip():
        with pytest.raises(SourceError):
            decode_bytes(data, "a.txt")
    else:
        assert normalise_text(decode_bytes(data, "a.txt")) == expected
