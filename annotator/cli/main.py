"""The ``annotator`` command: argparse over the core, nothing else.

``annotator [--db URL] [FILE...]`` opens the window; the sub-commands never do. Exit codes
scripts can rely on: 0 ok, 1 a user error (with a message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.logs import configure_logging

if TYPE_CHECKING:
    from annotator.cli.commands import Runner

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Annotator: tag claims, quotes, facilities and assessments in articles.

Without a command, opens the main window (importing any FILEs given).
Commands:
  import PATH...        import articles (.txt .md .html .docx .pdf .jsonl, folders),
                        annotation files (jsonl, brat, w3c, label-studio, spacy, conll,
                        webanno, xmi, refi-qda) and colleagues' .annobundle files
                        (--revision-of DOC_ID: a revised text of a document)
  export                write a dataset (--format NAME --output P; see 'export --help')
  list                  list the project's documents
  stats                 count annotations per tag
  search WORD...        find documents containing every WORD, with snippets
  agreement             agreement between analysts: span F1, kappa, alpha, AC1, alpha_u
                        (--annotators A B ..., --document ID, --json, --csv F, --html F)
  analyst [NAME]        show or set your analyst name ("gold" is reserved for review)
  team init             set up a shared PostgreSQL project (roles, rights, live updates)
  team add-analyst NAME add a colleague's login (--reviewer, --admin, --password)
  backup                back up the project file now (prints the copy's path)
  restore [BACKUP]      list the project's backups; with BACKUP ('latest', a number,
                        a file), put it back (the current file is kept beside it)
Run 'annotator COMMAND --help' for a command's options.
"""


def _global_options(parser: argparse.ArgumentParser, *, in_command: bool = False) -> None:
    """``--db`` before or after the command name; after it, it must not reset the value
    given before it (argparse's sub-parser defaults would), hence SUPPRESS there."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS if in_command else None,
        help="project database: a file path or URL (default: $ANNOTATOR_DB, "
        "else a file in the user data folder)",
    )


class _VersionAction(argparse.Action):
    """``--version``, reading the installed version only when asked (argparse's own
    action needs the string when the parser is built, i.e. at every start)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show the version and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from annotator import __version__

        print(f"annotator {__version__}")
        parser.exit()


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    _global_options(parser)
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles to import and open")
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotator")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    from annotator.cli import commands  # the sub-commands and what they import, on use

    commands.register(sub, lambda p: _global_options(p, in_command=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    configure_logging()
    if _command_name(args) is None:
        options = build_gui_parser().parse_args(args)
        return _guarded(lambda: _launch_gui(options))
    options = build_command_parser().parse_args(args)
    return _guarded(lambda: int(options.run(options)))


def _command_name(args: list[str]) -> str | None:
    """The sub-command, if any: the first word that is not an option or its value."""
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
            continue
        if arg == "--db":
            skip_value = True
            continue
        if arg.startswith("-"):
            continue
        from annotator.cli import commands  # only when a word could name one

        return arg if arg in commands.NAMES else None
    return None


def _guarded(run: Runner) -> int:
    try:
        return run()
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception:
        log.exception("unexpected error")
        from annotator.core import paths

        print(
            f"annotator: an unexpected error occurred; details are in {paths.log_file()}",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR


def _launch_gui(options: argparse.Namespace) -> int:
    from annotator.core.bulk import pause_collector_for_startup

    pause_collector_for_startup()  # run_app turns it back on once the project is listed
    from annotator.gui.app import run_app  # PySide6 is imported only when a window is wanted

    return run_app(db=options.db, files=options.files)


if __name__ == "__main__":
    sys.exit(main())
