"""UIMA CAS XMI: cassis reads our files, INCEpTION-style files import, hostile XML is
refused with the database unchanged, and export -> import -> export is identical."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cassis import load_cas_from_xmi, load_typesystem
from hypothesis import HealthCheck, given, settings

from annotator.core.formats import xmi_read
from annotator.core.formats.reading import detect
from annotator.core.importing import Outcome
from annotator.core.project import Project

from .conftest import (
    fresh_project,
    load,
    load_with_relations,
    related_documents,
    rich_documents,
    tree_contents,
)

SPAN = "webanno.custom.Span"
TEXT = "“We are ready,” said Colonel Ávila 😀 of the Veskar base."


def _seed(project: Project, tmp_path: Path) -> str:
    colonel = TEXT.index("Colonel")
    veskar = TEXT.index("Veskar")
    spans = [
        (0, TEXT.index(" said"), "quote"),
        (colonel, TEXT.index(" of"), "claim"),
        (veskar, veskar + 6, "facility"),
    ]
    (doc_id,) = load_with_relations(project, tmp_path, [(TEXT, spans, [(0, 1, "attributed_to")])])
    return doc_id


def test_cassis_reads_our_export(project: Project, tmp_path: Path) -> None:
    doc_id = _seed(project, tmp_path)
    out = tmp_path / "xmi"
    assert project.export("xmi", out) == 1
    assert {p.name for p in out.iterdir()} == {"TypeSystem.xml", f"{doc_id}.xmi"}
    typesystem = load_typesystem(io.BytesIO((out / "TypeSystem.xml").read_bytes()))
    cas = load_cas_from_xmi(io.BytesIO((out / f"{doc_id}.xmi").read_bytes()), typesystem)
    assert cas.sofa_string == TEXT
    stored = {a.id: a for a in project.annotations(doc_id)}
    spans = list(cas.select(SPAN))
    assert len(spans) == 3
    for span in spans:
        annotation = stored[span.identifier]
        assert span.get_covered_text() == annotation.quote
        assert (span.begin, span.end, span.label) == (
            annotation.start,
            annotation.end,
            annotation.tag,
        )
        assert span.annotator == "alice"
    (relation,) = cas.select("webanno.custom.SpanRelation")
    assert relation.label == "attributed_to"
    assert relation.Governor.label == "quote" and relation.Dependent.label == "claim"
    (metadata,) = cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")
    assert metadata.documentId == doc_id and metadata.documentTitle == TEXT


def test_offsets_in_the_file_are_utf16(project: Project, tmp_path: Path) -> None:
    """Java counts "😀" as two units: the facility after it starts one later in the file."""
    doc_id = _seed(project, tmp_path)
    project.export("xmi", tmp_path / "xmi")
    raw = (tmp_path / "xmi" / f"{doc_id}.xmi").read_text(encoding="utf-8")
    veskar = TEXT.index("Veskar")
    assert f'begin="{veskar + 1}" end="{veskar + 7}" label="facility"' in raw


def test_zip_export_imports_with_relations_and_again_changes_nothing(
    project: Project, tmp_path: Path
) -> None:
    _seed(project, tmp_path)
    out = tmp_path / "out.zip"
    project.export("xmi", out)
    assert detect(out) is not None and detect(out).name == "xmi"
    with fresh_project(tmp_path / "b") as other:
        report = other.import_paths([out])
        (item,) = report.items
        assert item.outcome is Outcome.IMPORTED and item.annotations_added == 3
        (doc_id,) = report.document_ids
        (relation,) = other.relations(doc_id)
        assert relation.type == "attributed_to"
        again = other.import_paths([out])
        assert again.items[0].outcome is Outcome.DUPLICATE
        assert len(other.relations(doc_id)) == 1


INCEPTION_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier">
<types>
<typeDescription><name>de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity</name>
<supertypeName>uima.tcas.Annotation</supertypeName><features>
<featureDescription><name>value</name><rangeTypeName>uima.cas.String</rangeTypeName>
</featureDescription></features></typeDescription>
</types></typeSystemDescription>
"""

INCEPTION_XMI = """<?xml version="1.0" encoding="UTF-8"?>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore"
 xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmi:version="2.0">
<cas:NULL xmi:id="0"/>
<type:NamedEntity xmi:id="2" sofa="1" begin="0" end="6" value="PER"/>
<type:NamedEntity xmi:id="3" sofa="1" begin="12" end="17" value="LOC"/>
<type:NamedEntity xmi:id="4" sofa="1" begin="18" end="23"/>
<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text"
 sofaString="Ávila 😀 in Paris today"/>
<cas:View sofa="1" members="2 3 4"/>
</xmi:XMI>
"""


def test_import_inception_named_entities(project: Project, tmp_path: Path) -> None:
    """Offsets in the file are UTF-16: "Paris" starts at unit 12, code point 11."""
    folder = tmp_path / "inception"
    folder.mkdir()
    (folder / "typesystem.xml").write_text(INCEPTION_TYPES, encoding="utf-8")
    (folder / "doc.xmi").write_text(INCEPTION_XMI, encoding="utf-8")
    report = project.import_paths([folder], format_name="xmi")
    (item,) = report.items
    assert item.outcome is Outcome.IMPORTED, item.message
    assert any("1 span(s) without a tag skipped" in w for w in item.warnings)
    spans = project.annotations(report.document_ids[0])
    assert [(a.quote, a.tag) for a in spans] == [("Ávila ", "PER"), ("Paris", "LOC")]


def test_single_xmi_without_type_system_uses_ours(project: Project, tmp_path: Path) -> None:
    doc_id = _seed(project, tmp_path)
    project.export("xmi", tmp_path / "xmi")
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "d.xmi").write_bytes((tmp_path / "xmi" / f"{doc_id}.xmi").read_bytes())
    with fresh_project(tmp_path / "b") as other:
        report = other.import_paths([lone / "d.xmi"])
        assert report.annotations_added == 3 and report.items[0].warnings == ()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">
<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&lol3;"/>
</xmi:XMI>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">
<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&secret;"/>
</xmi:XMI>
"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["bomb", "external-entity"])
def test_dtd_and_entities_are_refused(
    project: Project,
    tmp_path: Path,
    db_path: Path,
    db_checksum: Callable[[Path], str],
    content: str,
) -> None:
    bad = tmp_path / "bad.xmi"
    bad.write_text(content, encoding="utf-8")
    before = db_checksum(db_path)
    (item,) = project.import_paths([bad]).items
    assert item.outcome is Outcome.FAILED
    assert "bad.xmi" in item.message and "DTD" in item.message
    assert db_checksum(db_path) == before


def test_bomb_in_the_type_system_is_refused(project: Project, tmp_path: Path) -> None:
    doc_id = _seed(project, tmp_path)
    project.export("xmi", tmp_path / "xmi")
    (tmp_path / "xmi" / "TypeSystem.xml").write_text(BOMB, encoding="utf-8")
    with fresh_project(tmp_path / "b") as other:
        (item,) = other.import_paths([tmp_path / "xmi"]).items
        assert item.outcome is Outcome.FAILED
        assert f"{doc_id}.xmi (TypeSystem.xml)" in item.message and "DTD" in item.message


def test_broken_xml_names_the_line(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xmi"
    bad.write_text('<?xml version="1.0"?>\n<xmi:XMI xmlns:xmi="http://www.omg.org/XMI">\n<a>')
    (item,) = project.import_paths([bad]).items
    assert item.outcome is Outcome.FAILED
    assert "bad.xmi, line 3" in item.message and "not well-formed" in item.message


def test_span_outside_the_text_fails_naming_the_file(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xmi"
    bad.write_text(INCEPTION_XMI.replace('begin="12" end="17"', 'begin="12" end="99"'))
    (tmp_path / "TypeSystem.xml").write_text(INCEPTION_TYPES)
    (item,) = project.import_paths([bad]).items
    assert item.outcome is Outcome.FAILED and "bad.xmi" in item.message
    assert project.documents() == []


def test_size_limit(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmi_read, "MAX_XMI", 100)
    bad = tmp_path / "big.xmi"
    bad.write_text(INCEPTION_XMI)
    (item,) = project.import_paths([bad]).items
    assert item.outcome is Outcome.FAILED and "limit" in item.message


def test_truncated_zip_names_the_file(project: Project, tmp_path: Path) -> None:
    _seed(project, tmp_path)
    good = tmp_path / "good.zip"
    project.export("xmi", good)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[:-40])
    with fresh_project(tmp_path / "b") as other:
        (item,) = other.import_paths([cut], format_name="xmi").items
        assert item.outcome is Outcome.FAILED
        assert "cut.zip" in item.message and "truncated" in item.message
        assert other.documents() == []


def _zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=rich_documents())
def test_round_trip_through_an_empty_project(documents: list) -> None:
    """Texts with astral characters and overlapping spans by two analysts, with notes and
    attributes: the second export is byte-identical (ids travel in ``identifier``)."""
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load(first, tmp, documents)
            first.export("xmi", tmp / "one.zip")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.zip"])
            assert not report.failures, report.failures
            second.export("xmi", tmp / "two")
        assert tree_contents(tmp / "one.zip") == tree_contents(tmp / "two")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents=related_documents())
def test_round_trip_with_relations(documents: list) -> None:
    with tempfile.TemporaryDirectory() as temp:
        tmp = Path(temp)
        with fresh_project(tmp / "a") as first:
            load_with_relations(first, tmp, documents)
            first.export("xmi", tmp / "one.zip")
        with fresh_project(tmp / "b") as second:
            report = second.import_paths([tmp / "one.zip"])
            assert not report.failures, report.failures
            stored = sum(len(second.relations(d)) for d in report.document_ids)
            second.export("xmi", tmp / "two.zip")
        assert stored == sum(len(links) for _, _, links in documents)
        assert _zip_members(tmp / "one.zip") == _zip_members(tmp / "two.zip")


def test_control_characters_become_replacement_characters(project: Project, tmp_path: Path) -> None:
    """XML 1.0 cannot hold a form feed (PDF extraction leaves them): U+FFFD, one for one."""
    text = "Page one.\x0cPage 😀 two."
    (doc_id,) = load(project, tmp_path, [(text, [(10, 18, "claim", "alice", {"note": "a\x02b"})])])
    project.export("xmi", tmp_path / "xmi")
    typesystem = load_typesystem(io.BytesIO((tmp_path / "xmi" / "TypeSystem.xml").read_bytes()))
    raw = (tmp_path / "xmi" / f"{doc_id}.xmi").read_bytes()
    cas = load_cas_from_xmi(io.BytesIO(raw), typesystem)
    assert cas.sofa_string == text.replace("\x0c", "\ufffd")
    (span,) = cas.select(SPAN)
    assert span.get_covered_text() == "Page 😀 t" and span.note == "a\ufffdb"
