"""OffsetMap against Python slicing and against a real QTextDocument."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from annotator.gui.offsets import OffsetMap, for_qt

# Characters analysts meet: astral emoji and math letters, combining marks, ZWJ sequences,
# RTL scripts, newlines. Lone surrogates cannot come out of a decoded file, so none here.
SAMPLES = [
    "a",
    " ",
    "\n",
    "é",
    "e\u0301",  # e + combining acute
    "😀",
    "𝒳",
    "👩\u200d🔬",  # woman scientist, a ZWJ sequence
    "🇫🇷",  # regional indicator pair
    "שלום",
    "مرحبا",
    "\u200f",  # RIGHT-TO-LEFT MARK
    "中文",
]
texts = st.lists(
    st.one_of(
        st.sampled_from(SAMPLES),
        st.characters(exclude_categories=["Cs"], exclude_characters="\r\u2028\u2029"),
    ),
    max_size=40,
).map("".join)


def qt_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def selected(doc: QTextDocument, start: int, end: int) -> str:
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


@given(texts)
def test_round_trip_and_monotonic(text: str) -> None:
    om = OffsetMap(text)
    qts = [om.to_qt(cp) for cp in range(len(text) + 1)]
    assert [om.to_cp(q) for q in qts] == list(range(len(text) + 1))
    assert all(a < b for a, b in pairwise(qts))
    assert qts[-1] == om.qt_length == qt_units(text)


@given(texts)
def test_to_qt_counts_utf16_units_before(text: str) -> None:
    om = OffsetMap(text)
    for cp in range(len(text) + 1):
        assert om.to_qt(cp) == qt_units(text[:cp])


@given(texts)
def test_positions_inside_surrogate_pairs_snap_to_the_character_start(text: str) -> None:
    om = OffsetMap(text)
    for cp, char in enumerate(text):
        if ord(char) > 0xFFFF:
            assert om.to_cp(om.to_qt(cp) + 1) == cp


@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"])))
def test_bmp_text_is_the_identity(text: str) -> None:
    text = text.replace("\r", "")
    om = OffsetMap(text)
    assert om.is_identity
    assert all(om.to_qt(i) == i == om.to_cp(i) for i in range(len(text) + 1))


def test_astral_text_is_not_the_identity() -> None:
    om = OffsetMap("a😀b")
    assert not om.is_identity
    assert (om.to_qt(0), om.to_qt(1), om.to_qt(2), om.to_qt(3)) == (0, 1, 3, 4)
    assert (om.to_cp(0), om.to_cp(1), om.to_cp(2), om.to_cp(3), om.to_cp(4)) == (0, 1, 1, 2, 3)


def test_out_of_range_offsets_clamp() -> None:
    om = OffsetMap("😀x")
    assert om.to_qt(-5) == 0 and om.to_qt(99) == 3
    assert om.to_cp(-5) == 0 and om.to_cp(99) == 2


@settings(max_examples=60)
@given(texts, st.data())
def test_qt_selection_matches_python_slice(qapp: object, text: str, data: st.DataObject) -> None:
    doc = QTextDocument()
    doc.setPlainText(for_qt(text))
    om = OffsetMap(text)
    assert doc.characterCount() - 1 == om.qt_length
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    expected = for_qt(text)[a:b].replace("\n", "\u2029")
    assert selected(doc, om.to_qt(a), om.to_qt(b)) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\ufeff", "\u2060"),
        ("\ufeffab", "\u2060ab"),
        ("\ufeff\ufeffx", "\u2060\ufeffx"),
        ("\ufeff😀\nb", "\u2060😀\u2029b"),
        ("\ufffeab", "\ufffdab"),
        ("\ufffe\nx", "\ufffd\u2029x"),
        ("a\ufeffb\ufffe", "a\ufeffb\ufffe"),
    ],
)
def test_an_opening_byte_order_mark_keeps_its_place(qapp: object, text: str, shown: str) -> None:
    """PySide reads a string opening with U+FEFF or U+FFFE as UTF-16 with a byte order
    mark: Qt would drop the first (every later offset off by one) and byte-swap the text
    after the second. A JSONL record's text can open with either."""
    if for_qt(text) != text:  # what goes wrong without it: the mark is gone
        raw = QTextDocument()
        raw.setPlainText(text)
        assert raw.characterCount() - 1 < qt_units(text)
    doc = QTextDocument()
    doc.setPlainText(for_qt(text))
    om = OffsetMap(text)
    assert doc.characterCount() - 1 == om.qt_length
    assert selected(doc, 0, om.qt_length) == shown
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            expected = for_qt(text)[a:b].replace("\n", "\u2029")
            assert selected(doc, om.to_qt(a), om.to_qt(b)) == expected, (a, b)


@pytest.mark.parametrize(
    "text",
    ["one\r\ntwo", "😀\r\n\r\n👩\u200d🔬 x\r\n", "a\rb\r\nc\nd", "\r\n"],
)
def test_crlf_input_folds_into_one_qt_separator(qapp: object, text: str) -> None:
    doc = QTextDocument()
    doc.setPlainText(text)
    om = OffsetMap(text)
    assert doc.characterCount() - 1 == om.qt_length
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            if text[a - 1 : a + 1] == "\r\n" or text[b - 1 : b + 1] == "\r\n":
                continue  # a "\n" of a CRLF has no Qt position of its own
            expected = text[a:b].replace("\r\n", "\u2029").replace("\r", "\u2029")
            assert selected(doc, om.to_qt(a), om.to_qt(b)) == expected.replace("\n", "\u2029")
    for cp in range(len(text) + 1):
        back = om.to_cp(om.to_qt(cp))
        assert back == cp or (text[cp - 1 : cp + 1] == "\r\n" and back == cp - 1)


@given(texts, st.data())
def test_shift_over_is_the_constant_offset_or_none(text: str, data: st.DataObject) -> None:
    om = OffsetMap(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    shifts = {om.to_qt(cp) - cp for cp in range(a, b + 1)}
    shift = om.shift_over(a, b)
    if shift is not None:
        assert shifts == {shift}
    else:
        assert len(shifts) > 1 or any(c == "\r" or ord(c) > 0xFFFF for c in text[a:b])
