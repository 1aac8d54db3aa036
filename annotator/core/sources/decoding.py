"""Turn the bytes of a text file into ``str``, or explain why that is impossible.

Analysts bring files from many places: UTF-8 from modern tools, UTF-16 from Windows
"Unicode" saves, and cp1252 from old Word/Outlook exports. Strict UTF-8 is tried first
because it almost never decodes anything else by accident; the statistical detector is
the last resort, and it is steered towards cp1252 because on short Western texts it
likes to guess exotic code pages.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from annotator.core.errors import SourceError
from annotator.core.sources.normalise import normalise_text

if TYPE_CHECKING:  # charset_normalizer is imported on use: it slows every start-up
    from charset_normalizer import CharsetMatch

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_WESTERN = frozenset(
    {
        "cp1252",
        "latin_1",
        "iso8859_1",
        "iso8859_15",
        "cp850",
        "cp858",
        "cp437",
        "mac_roman",
        "ascii",
    }
)
"""Detector guesses that mean "some Western European text": cp1252 covers them best."""

_CP1252_MARGIN = 0.1
"""How much more coherent another code page must look before it beats cp1252."""

_WEB_LATIN1 = frozenset({"iso8859_1", "ascii"})
"""Labels that browsers read as windows-1252 (WHATWG Encoding), so we do too."""

EMPTY = "the file is empty; nothing to import."
BINARY = "this looks like a binary file, not text; save it as .txt/.html first."
UNKNOWN = (
    "the text encoding could not be recognised (it may be a binary file); "
    "save it as UTF-8 text and import it again."
)


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Decode a whole file; ``declared`` is an encoding the file names itself (HTML meta).

    Raises ``SourceError`` for empty, binary and undecodable data, so that every reader
    reports these cases with the same words.
    """
    text = _decode(data, origin, declared)
    if "\x00" in text:
        raise SourceError(origin, BINARY)
    if not normalise_text(text):
        raise SourceError(origin, EMPTY)
    return text


def _decode(data: bytes, origin: str, declared: str | None) -> str:
    bom = bom_encoding(data)
    if bom is not None:
        return _decode_with_bom(data, origin, bom)
    if not data.strip():
        raise SourceError(origin, EMPTY)
    if b"\x00" in data:
        raise SourceError(origin, BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_declared(data, declared) or _detect(data, origin)


def _decode_with_bom(data: bytes, origin: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.removesuffix("-sig").upper()
        raise SourceError(
            origin,
            f"the file starts like {name} but byte {exc.start} is not valid {name}; "
            "it may be damaged. Open it in an editor and save it again as UTF-8.",
        ) from None


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name.replace("-", "_")
    except LookupError:
        return None
    if name.startswith(("utf_16", "utf_32")):
        return None  # without a BOM such a label is a lie (WHATWG treats it as UTF-8)
    if name in _WEB_LATIN1:
        name = "cp1252"
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    western = _cp1252_match(data)
    if western is not None and _prefer_cp1252(guess, western):
        return str(western)
    if guess is None:
        raise SourceError(origin, UNKNOWN)
    return str(guess)


def _cp1252_match(data: bytes) -> CharsetMatch | None:
    """cp1252 as charset-normalizer judges it; ``None`` when it reads as gibberish."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    from charset_normalizer import from_bytes

    return from_bytes(data, cp_isolation=["cp1252"]).best()


def _prefer_cp1252(guess: CharsetMatch | None, western: CharsetMatch) -> bool:
    if guess is None or guess.encoding in _WESTERN:
        return True
    return guess.coherence < western.coherence + _CP1252_MARGIN
