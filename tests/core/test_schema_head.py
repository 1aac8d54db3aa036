"""The schema check without Alembic: the head known from the migration files' names must be
Alembic's head, and opening a current project must not import Alembic at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from annotator.core.project import Project
from annotator.core.storage import schema


def test_head_from_file_names_is_alembics_head() -> None:
    assert schema.head_revision() == schema.alembic_head_revision()


def test_known_revisions_from_file_names_are_alembics() -> None:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", schema.SCRIPT_LOCATION)
    walked = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    assert schema.known_revisions() == walked


def test_every_migration_file_is_named_after_its_revision() -> None:
    folder = Path(schema.__file__).parent / "migrations" / "versions"
    for path in folder.glob("*.py"):
        if path.name == "__init__.py":
            continue
        prefix = path.name.split("_", 1)[0]
        source = path.read_text(encoding="utf-8")
        assert f'revision = "{prefix}"' in source or f"revision = '{prefix}'" in source, path


def test_opening_a_current_project_does_not_import_alembic(db_path: Path) -> None:
    Project.open(db_path).close()  # created and stamped (this does need Alembic)
    code = (
        "import sys\n"
        "from annotator.core.project import Project\n"
        f"Project.open({str(db_path)!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
