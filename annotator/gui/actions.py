"""Every user command and its shortcut, in one table (picard's ``actions.py`` idea).

The main window builds menus and QActions from these rows and connects each to the handler
of the same id; a test checks that no two shortcuts collide. Tag hotkeys are not here: they
come from the project's tag set (see ``tag_bar``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QKeySequence

Key = QKeySequence.StandardKey


class ActionId(Enum):
    OPEN_PROJECT = auto()
    IMPORT = auto()
    IMPORT_FOLDER = auto()
    IMPORT_BUNDLE = auto()
    IMPORT_REVISION = auto()
    IMPORT_SAMPLES = auto()
    EXPORT = auto()
    PREFERENCES = auto()
    QUIT = auto()
    UNDO = auto()
    REDO = auto()
    DELETE_ANNOTATION = auto()
    NEXT_DOCUMENT = auto()
    PREVIOUS_DOCUMENT = auto()
    FOCUS_CORPUS = auto()
    FOCUS_ARTICLE = auto()
    FOCUS_ANNOTATIONS = auto()
    FOCUS_FILTER = auto()
    EDIT_NOTE = auto()
    TAGS = auto()
    FIND = auto()
    FIND_NEXT = auto()
    FIND_PREVIOUS = auto()
    SEARCH_CORPUS = auto()
    LINK = auto()
    STATUS_IN_PROGRESS = auto()
    STATUS_DONE = auto()
    STATUS_NEW = auto()
    SUGGEST = auto()
    GAZETTEER = auto()
    ACCEPT_SUGGESTION = auto()
    REJECT_SUGGESTION = auto()
    ACCEPT_ALL_SUGGESTIONS = auto()
    END_SUGGESTIONS = auto()
    NEXT_UNTAGGED = auto()
    NEXT_ANNOTATION = auto()
    PREVIOUS_ANNOTATION = auto()
    GROW_END = auto()
    SHRINK_END = auto()
    GROW_START = auto()
    SHRINK_START = auto()
    ZOOM_IN = auto()
    ZOOM_OUT = auto()
    ZOOM_RESET = auto()
    SNAP_TO_WORDS = auto()
    THEME_SYSTEM = auto()
    THEME_LIGHT = auto()
    THEME_DARK = auto()
    REVIEW = auto()
    AGREEMENT = auto()
    SHORTCUTS = auto()
    ABOUT = auto()


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    menu: str
    text: str
    shortcuts: tuple[QKeySequence | Key | str, ...] = ()
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        ActionId.OPEN_PROJECT,
        "&File",
        "Open or create &project…",
        ("Ctrl+Shift+O",),
        "Open another project database (or create a new one)",
    ),
    ActionSpec(
        ActionId.IMPORT,
        "&File",
        "&Import files…",
        (Key.Open,),
        "Import articles (.txt .md .html .jsonl) or annotation files (brat, W3C, Label Studio…)",
    ),
    ActionSpec(
        ActionId.IMPORT_BUNDLE,
        "&File",
        "Import &colleague's work…",
        ("Ctrl+Shift+B",),
        "Merge a colleague's .annobundle after a preview of what it adds, updates and conflicts",
    ),
    ActionSpec(
        ActionId.IMPORT_REVISION,
        "&File",
        "Import new &revision of this article…",
        ("Ctrl+Shift+R",),
        "A revised text of the open article: annotations are carried over",
    ),
    ActionSpec(
        ActionId.IMPORT_FOLDER,
        "&File",
        "Import &folder…",
        ("Ctrl+Shift+I",),
        "Import every article in a folder and its sub-folders, or a brat folder",
    ),
    ActionSpec(
        ActionId.IMPORT_SAMPLES,
        "&File",
        "Import &sample articles",
        (),
        "Import the sample articles shipped with Annotator",
    ),
    ActionSpec(
        ActionId.EXPORT,
        "&File",
        "&Export dataset…",
        ("Ctrl+E",),
        "Write the annotations as JSONL, CSV, brat, W3C, Label Studio, spaCy, CoNLL or WebAnno",
    ),
    ActionSpec(
        ActionId.PREFERENCES, "&File", "&Preferences…", ("Ctrl+,",), "Change the analyst name"
    ),
    ActionSpec(ActionId.QUIT, "&File", "&Quit", (Key.Quit, "Ctrl+Q")),
    ActionSpec(ActionId.UNDO, "&Edit", "&Undo", (Key.Undo,)),
    ActionSpec(ActionId.REDO, "&Edit", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec(
        ActionId.DELETE_ANNOTATION,
        "&Edit",
        "&Delete annotation",
        ("Delete",),
        "Delete the selected annotation",
    ),
    ActionSpec(
        ActionId.EDIT_NOTE,
        "&Edit",
        "Edit &note",
        ("Ctrl+Shift+N",),
        "Write a note on the selected annotation",
    ),
    ActionSpec(ActionId.NEXT_DOCUMENT, "&Go", "&Next document", ("Ctrl+PgDown",)),
    ActionSpec(ActionId.PREVIOUS_DOCUMENT, "&Go", "&Previous document", ("Ctrl+PgUp",)),
    ActionSpec(ActionId.FOCUS_CORPUS, "&Go", "&Corpus list", ("Ctrl+1",)),
    ActionSpec(ActionId.FOCUS_ARTICLE, "&Go", "&Article", ("Ctrl+2",)),
    ActionSpec(ActionId.FOCUS_ANNOTATIONS, "&Go", "A&nnotation list", ("Ctrl+3",)),
    ActionSpec(ActionId.TAGS, "&Edit", "&Tags…", ("Ctrl+T",), "Edit the project's tag schema"),
    ActionSpec(
        ActionId.LINK,
        "&Edit",
        "&Link to another annotation",
        ("Ctrl+L",),
        "Start a relation from the current annotation; Ctrl+L again on the target",
    ),
    ActionSpec(
        ActionId.SUGGEST,
        "&Suggest",
        "&Suggest tags",
        ("Ctrl+J",),  # Ctrl+G is find-next on Linux
        "Show rule-based suggestions (quotes, assessment cues, facilities) as dashed boxes",
    ),
    ActionSpec(
        ActionId.GAZETTEER,
        "&Suggest",
        "Facility &gazetteer…",
        (),
        "Names of sites, plants and bases that suggestions should always find",
    ),
    ActionSpec(ActionId.ACCEPT_SUGGESTION, "&Suggest", "&Accept suggestion", ("Return",)),
    ActionSpec(ActionId.REJECT_SUGGESTION, "&Suggest", "&Reject suggestion", ("Backspace",)),
    ActionSpec(
        ActionId.ACCEPT_ALL_SUGGESTIONS,
        "&Suggest",
        "Accept a&ll suggestions",
        ("Ctrl+Shift+Return",),
    ),
    ActionSpec(ActionId.END_SUGGESTIONS, "&Suggest", "&End suggestions", ("Esc",)),
    ActionSpec(ActionId.STATUS_DONE, "&Edit", "Mark document &done", ("Ctrl+D",)),
    ActionSpec(
        ActionId.STATUS_IN_PROGRESS, "&Edit", "Mark document in &progress", ("Ctrl+Shift+D",)
    ),
    ActionSpec(ActionId.STATUS_NEW, "&Edit", "Mark document &new"),
    ActionSpec(ActionId.NEXT_ANNOTATION, "&Go", "Ne&xt annotation", ("Alt+Down",)),
    ActionSpec(ActionId.NEXT_UNTAGGED, "&Go", "Next &untagged paragraph", ("Alt+PgDown",)),
    ActionSpec(ActionId.PREVIOUS_ANNOTATION, "&Go", "Pre&vious annotation", ("Alt+Up",)),
    ActionSpec(ActionId.GROW_END, "&Edit", "Extend annotation end", ("Alt+Shift+Right",)),
    ActionSpec(ActionId.SHRINK_END, "&Edit", "Shrink annotation end", ("Alt+Shift+Left",)),
    ActionSpec(ActionId.GROW_START, "&Edit", "Extend annotation start", ("Alt+Ctrl+Shift+Left",)),
    ActionSpec(
        ActionId.SHRINK_START, "&Edit", "Shrink annotation start", ("Alt+Ctrl+Shift+Right",)
    ),
    ActionSpec(ActionId.ZOOM_IN, "&View", "Zoom &in", (Key.ZoomIn, "Ctrl+=")),
    ActionSpec(ActionId.ZOOM_OUT, "&View", "Zoom &out", (Key.ZoomOut,)),
    ActionSpec(ActionId.ZOOM_RESET, "&View", "&Reset zoom", ("Ctrl+0",)),
    ActionSpec(
        ActionId.SNAP_TO_WORDS,
        "&View",
        "&Snap selections to words",
        ("Ctrl+Shift+W",),
        "Widen new annotations and dragged edges to whole words",
    ),
    ActionSpec(ActionId.THEME_SYSTEM, "&View", "System theme"),
    ActionSpec(ActionId.THEME_LIGHT, "&View", "Light theme"),
    ActionSpec(ActionId.THEME_DARK, "&View", "Dark theme"),
    ActionSpec(ActionId.FOCUS_FILTER, "&Go", "&Filter documents", ("Ctrl+K",)),
    ActionSpec(ActionId.FIND, "&Search", "&Find in article…", (Key.Find,)),
    ActionSpec(ActionId.FIND_NEXT, "&Search", "Find &next", (Key.FindNext,)),
    ActionSpec(ActionId.FIND_PREVIOUS, "&Search", "Find &previous", (Key.FindPrevious,)),
    ActionSpec(
        ActionId.SEARCH_CORPUS,
        "&Search",
        "&Search the corpus…",
        ("Ctrl+Shift+F",),
        "Full-text search over every document",
    ),
    ActionSpec(
        ActionId.REVIEW,
        "&Review",
        "&Review this document…",
        ("Ctrl+Shift+V",),
        "Compare analysts unit by unit and decide the gold version",
    ),
    ActionSpec(
        ActionId.AGREEMENT,
        "&Review",
        "&Agreement…",
        ("Ctrl+Shift+A",),
        "Inter-annotator agreement: F1, kappa, alpha, AC1, confusion",
    ),
    ActionSpec(ActionId.SHORTCUTS, "&Help", "&Keyboard shortcuts", ("F1",)),
    ActionSpec(ActionId.ABOUT, "&Help", "&About Annotator"),
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The concrete key sequences of a row (standard keys resolved for this platform)."""
    sequences: list[QKeySequence] = []
    for shortcut in spec.shortcuts:
        if isinstance(shortcut, Key):
            sequences.extend(QKeySequence.keyBindings(shortcut))
        else:
            sequences.append(QKeySequence(shortcut))
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in unique:
            unique.append(sequence)
    return unique
