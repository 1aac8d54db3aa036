"""The ``annotator`` command as scripts use it: sub-commands, messages and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli.main import main


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("title: Port expansion\n\nThe Port of Calder opened a depot.\n")
    return path


def run(*args: str) -> int:
    return main(list(args))


def test_import_list_stats_export(tmp_path: Path, article: Path, capsys) -> None:
    db = str(tmp_path / "p.sqlite")
    assert run("--db", db, "import", str(article)) == 0
    assert "1 imported" in capsys.readouterr().out
    assert run("import", "--db", db, str(article)) == 0  # --db after the command works too
    assert "duplicate" in capsys.readouterr().out
    assert run("--db", db, "list") == 0
    assert "Port expansion" in capsys.readouterr().out
    assert run("--db", db, "stats") == 0
    assert "documents\t1" in capsys.readouterr().out
    out = tmp_path / "out.jsonl"
    assert run("--db", db, "export", "--format", "jsonl", "--output", str(out)) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["meta"]["title"] == "Port expansion"


def test_annotator_db_environment_variable(tmp_path: Path, article: Path, monkeypatch) -> None:
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("ANNOTATOR_DB", str(db))
    assert run("import", str(article)) == 0
    assert db.exists()


def test_failed_file_gives_exit_1_and_a_message_but_the_batch_goes_on(
    tmp_path: Path, article: Path, capsys
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    db = str(tmp_path / "p.sqlite")
    assert run("--db", db, "import", str(empty), str(article)) == 1
    captured = capsys.readouterr()
    assert "empty.txt" in captured.err
    assert "1 imported" in captured.out


def test_bad_database_path_is_a_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert run("--db", str(tmp_path), "list") == 1
    err = capsys.readouterr().err
    assert "is a folder" in err
    assert "Traceback" not in err


def test_not_a_database_file(tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_bytes(b"this is not sqlite at all, just words" * 100)
    assert run("--db", str(bogus), "list") == 1
    assert "not a readable Annotator database" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as raised:
        run("export", "--format", "nope", "--output", "x")
    assert raised.value.code == 2


def test_version_and_help_from_a_real_process() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "annotator", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0
    assert __version__ in version.stdout
    helped = subprocess.run(
        [sys.executable, "-m", "annotator", "--help"], capture_output=True, text=True
    )
    assert helped.returncode == 0
    assert "import PATH" in helped.stdout


def test_unexpected_error_goes_to_the_log_not_the_terminal(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from annotator.cli import commands
    from annotator.core import paths

    def broken(options) -> int:
        raise RuntimeError("internal detail")

    monkeypatch.setattr(commands, "run_list", broken)
    assert run("--db", str(tmp_path / "p.sqlite"), "list") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(paths.log_file()) in err
    assert "RuntimeError: internal detail" in paths.log_file().read_text()


def test_backup_and_restore(tmp_path: Path, article: Path, capsys) -> None:
    db = tmp_path / "p.sqlite"
    assert run("--db", str(db), "import", str(article)) == 0
    capsys.readouterr()
    assert run("backup", "--db", str(db)) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.is_file() and made.name.startswith("p.") and made.name.endswith(".manual.sqlite")
    assert run("--db", str(db), "restore") == 0
    listing = capsys.readouterr().out
    assert made.name in listing and "1 documents" in listing
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])  # damage it
    assert run("--db", str(db), "list") == 1
    err = capsys.readouterr().err
    assert "damaged" in err and f"annotator restore --db {db} latest" in err
    assert run("--db", str(db), "restore", "latest") == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept as" in out
    assert list(tmp_path.glob("p.sqlite.damaged-*"))
    assert run("--db", str(db), "list") == 0
    assert "Port expansion" in capsys.readouterr().out
    assert run("--db", str(db), "restore", "no-such-backup") == 1
    assert "There is no backup 'no-such-backup'" in capsys.readouterr().err


def test_a_lone_surrogate_in_a_record_is_named_by_its_field(
    tmp_path: Path, article: Path, capsys
) -> None:
    """A key of "meta" holding a surrogate is stored (escaped, as JSON); the note is what
    fails to store, so the message names the note, not the first surrogate it meets."""
    note = '{"start": 0, "end": 4, "tag": "claim", "note": "x\\udc00"}'
    record = f'{{"text": "Fine text.", "meta": {{"b\\udc00": 1}}, "annotations": [{note}]}}\n'
    source = tmp_path / "odd.jsonl"
    source.write_text(record, encoding="utf-8")
    db = str(tmp_path / "p.sqlite")
    assert run("--db", db, "import", str(source), str(article)) == 1
    captured = capsys.readouterr()
    assert "odd.jsonl, line 1: the field \"annotations #1's note\" holds U+DC00" in captured.err
    assert "1 imported" in captured.out


def test_the_log_file_takes_a_message_holding_a_lone_surrogate(capsys) -> None:
    """A file name with a byte that is not UTF-8 reaches messages as a lone surrogate; the
    log wrote "--- Logging error ---" to stderr instead of the record."""
    import logging

    from annotator.core import paths
    from annotator.core.logs import configure_logging

    configure_logging()
    logging.getLogger("annotator.test").warning("import of %s failed", "odd_\udce9.jsonl")
    for handler in logging.getLogger("annotator").handlers:
        handler.flush()
    assert "Logging error" not in capsys.readouterr().err
    assert "import of odd_\\udce9.jsonl failed" in paths.log_file().read_text(encoding="utf-8")
