"""The ``.annobundle`` file: a zip of ``manifest.json`` and ``payload.json``.

The manifest records the origin (analyst, project id, time, app and schema versions) and
the SHA-256 of the payload; reading checks the zip, the checksum and every record before
anything is merged, so a damaged or tampered bundle changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.bundle.checks import check_review_layer
from annotator.core.errors import AnnotatorError, SourceError
from annotator.core.formats.safe_zip import SafeZip

KIND = "annotator-bundle"
VERSION = 2
"""Format 2 adds the review layer (``core.bundle.review_layer``) as new payload sections;
everything format 1 had is unchanged, so a format-1 bundle reads as one with an empty
review layer."""
READABLE = (1, 2)
REFUSED = " The bundle was refused; nothing was merged. Ask for the file again."


@dataclass(frozen=True)
class Bundle:
    manifest: dict[str, Any]
    payload: dict[str, Any]


def write_bundle(output: Path, origin: dict[str, Any], payload: dict[str, Any]) -> None:
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    manifest = {
        "kind": KIND,
        "version": VERSION,
        "origin": origin,
        "payload_sha256": hashlib.sha256(data).hexdigest(),
        "counts": {key: len(value) for key, value in payload.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
        archive.writestr("payload.json", data)
    _write_atomically(Path(output).expanduser(), buffer.getvalue())


def _write_atomically(target: Path, data: bytes) -> None:
    """A temporary file beside the target, renamed over it: never a half-written bundle."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
    except OSError as exc:
        raise AnnotatorError(f"Cannot write {target}: {exc.strerror or exc}.") from exc


def read_bundle(path: Path) -> Bundle:
    """The checked contents of a bundle, or ``SourceError`` saying why it was refused."""
    archive = SafeZip(path)
    try:
        names = set(archive.names())
        if not {"manifest.json", "payload.json"} <= names:
            raise SourceError(path, "is not an Annotator bundle (no manifest)." + REFUSED)
        manifest = _json(path, archive.read("manifest.json"), "manifest")
        data = archive.read("payload.json")
    finally:
        archive.close()
    if manifest.get("kind") != KIND:
        raise SourceError(path, "is not an Annotator bundle." + REFUSED)
    if manifest.get("version") not in READABLE:
        raise SourceError(
            path,
            f"is a bundle of format {manifest.get('version')!r}; this version of Annotator "
            f"reads formats {', '.join(map(str, READABLE))}. Update Annotator to read it."
            + REFUSED,
        )
    if hashlib.sha256(data).hexdigest() != manifest.get("payload_sha256"):
        raise SourceError(path, "fails its checksum: the file is damaged or was altered." + REFUSED)
    payload = _json(path, data, "payload")
    _check_payload(path, payload)
    return Bundle(manifest, payload)


def _json(path: Path, data: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SourceError(path, f"has an unreadable {what} ({exc})." + REFUSED) from None
    if not isinstance(value, dict):
        raise SourceError(path, f"has an unreadable {what}." + REFUSED)
    return value


def _check_payload(path: Path, payload: dict[str, Any]) -> None:
    """Every record complete and consistent (quotes match texts), before any write."""
    try:
        texts = {}
        for doc in payload["documents"]:
            if hashlib.sha256(doc["text"].encode("utf-8")).hexdigest() != doc["sha256"]:
                raise ValueError(f"document {doc['id']} does not match its sha256")
            texts[doc["sha256"]] = doc["text"]
        for tag in payload["tags"]:
            _ = (tag["name"], tag["color"])
        for ann in payload["annotations"]:
            text = texts[ann["document"]]
            if text[ann["start"] : ann["end"]] != ann["quote"]:
                raise ValueError(f"annotation {ann['id']} does not cover its quote")
            _ = (ann["tag"], ann["annotator"], ann["revision"], ann["deleted"], ann["lineage"])
        for rel in payload.get("relations", []):
            _ = (texts[rel["document"]], rel["from"], rel["to"], rel["type"])
        check_review_layer(payload, texts)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SourceError(path, f"has an inconsistent record ({exc})." + REFUSED) from None
