"""The analyst name "gold" is reserved for the gold set curated in review: nobody can take
it (project, settings, CLI), and annotation files naming an annotator "gold" import under
"gold (imported)" with a warning instead of joining the gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.core import paths
from annotator.core.analysts import ReservedNameError, checked_analyst, outside_name
from annotator.core.errors import AnnotatorError
from annotator.core.project import Project
from annotator.core.review.units import GOLD
from annotator.core.settings import SETTINGS_FILE, load_settings

TEXT = "The pads at Halvern are new, said Ilse Marrow of the institute."


@pytest.mark.parametrize("name", ["gold", " gold ", "Gold", "GOLD"])
def test_an_analyst_cannot_take_the_gold_name(project: Project, name: str) -> None:
    with pytest.raises(ReservedNameError, match="reserved") as raised:
        project.set_analyst(name)
    assert "Choose another name" in str(raised.value)
    assert isinstance(raised.value, AnnotatorError)  # the GUI shows its message as it is
    assert project.analyst == "alice"
    project.set_analyst("  golda ")  # only the name itself is reserved
    assert project.analyst == "golda"


def test_opening_a_project_as_gold_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    target = tmp_path / "p.sqlite"
    with pytest.raises(ReservedNameError):
        Project.open(target, analyst="gold")
    assert not target.exists()


def test_settings_naming_gold_fall_back_to_the_default_name(tmp_path: Path) -> None:
    (paths.config_dir() / SETTINGS_FILE).write_text(json.dumps({"analyst": "gold"}))
    settings = load_settings()
    assert settings.analyst != GOLD and checked_analyst(settings.analyst) == settings.analyst
    with Project.open(tmp_path / "p.sqlite") as project:
        assert project.analyst == settings.analyst


def test_cli_analyst_command_refuses_gold_and_keeps_the_name(capsys) -> None:
    assert main(["analyst", "rita"]) == 0
    assert capsys.readouterr().out.strip() == "rita"
    assert main(["analyst", "gold"]) == 1
    err = capsys.readouterr().err
    assert "reserved" in err and "gold" in err
    assert load_settings().analyst == "rita"
    assert main(["analyst"]) == 0
    assert capsys.readouterr().out.strip() == "rita"


def test_gold_from_an_annotation_file_imports_as_gold_imported(
    project: Project, tmp_path: Path
) -> None:
    start = TEXT.index("Halvern")
    record = {
        "text": TEXT,
        "annotations": [
            {"id": "a1", "start": start, "end": start + 7, "tag": "facility", "annotator": "gold"},
            {"id": "a2", "start": 0, "end": 27, "tag": "claim", "annotator": "bob"},
        ],
    }
    source = tmp_path / "outside.jsonl"
    source.write_text(json.dumps(record) + "\n")
    report = project.import_paths([source])
    (item,) = report.items
    (doc_id,) = report.document_ids
    assert any("imported as 'gold (imported)'" in w and "outside.jsonl" in w for w in item.warnings)
    assert project.gold_annotations(doc_id) == []
    by_name = {a.annotator: a for a in project.annotations(doc_id)}
    assert set(by_name) == {outside_name("gold"), "bob"} == {"gold (imported)", "bob"}
    assert GOLD not in project.annotators()
    again = project.import_paths([source])  # the same file twice changes nothing
    assert again.annotations_added == 0
    assert len(project.annotations(doc_id)) == 2
