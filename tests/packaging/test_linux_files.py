"""Desktop integration files and icons: consistent with each other and with the project,
and valid for desktop-file-validate and appstreamcli when those are installed (Debian
packages desktop-file-utils and appstream)."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "packaging" / "icons"
APP_ID = "io.github.annotator.Annotator"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / "annotator-mime.xml"
MIME_TYPE = "application/x-annotator-bundle"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entry() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "annotator %F"
    assert entry["Icon"] == APP_ID
    assert entry["Categories"].startswith("Office;Education;")
    assert MIME_TYPE in entry["MimeType"].split(";")


def test_mime_type_definition() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    (mime,) = ET.parse(MIME).getroot().findall("m:mime-type", ns)
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall("m:glob", ns)] == ["*.annobundle"]


def test_metainfo_matches_the_project() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("releases/release").get("version") == VERSION  # type: ignore[union-attr]
    assert root.find("content_rating") is not None
    assert root.find("description/p") is not None
    (image,) = root.iter("image")
    assert (image.text or "").endswith("/docs/main-window.png")
    assert (REPO / "docs" / "main-window.png").is_file()
    assert MIME_TYPE in [m.text for m in root.iter("mediatype")]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_icons(size: int) -> None:
    assert png_size(ICONS / f"annotator-{size}.png") == (size, size)


def test_ico_and_icns() -> None:
    ico = (ICONS / "annotator.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 7
    assert (ICONS / "annotator.icns").read_bytes()[:4] == b"icns"


def validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def test_desktop_file_validate() -> None:
    done = subprocess.run(
        [validator("desktop-file-validate"), str(DESKTOP)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error:" not in done.stdout


def test_appstream_validate() -> None:
    done = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
