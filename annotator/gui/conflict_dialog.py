"""The dialog shown when an edit meets a colleague's newer change (issue #8 point 4).

Nothing was written when it appears; the analyst chooses keep mine / take theirs / keep
both (``core.conflicts``), or Escape, which is "take theirs": the safe default never
overwrites anyone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from annotator.core.conflicts import Conflict, Resolution
from annotator.core.model import Annotation
from annotator.gui.dialogs import run_modal

LABELS = {
    Resolution.KEEP_MINE: "Keep &mine",
    Resolution.TAKE_THEIRS: "Take &theirs",
    Resolution.KEEP_BOTH: "Keep &both",
}
HELP = {
    Resolution.KEEP_MINE: "make my change on top of theirs",
    Resolution.TAKE_THEIRS: "drop my change and show theirs",
    Resolution.KEEP_BOTH: "leave theirs and make my change on a copy of it",
}


class ConflictDialog(QMessageBox):
    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle("Changed by someone else")
        self.setIcon(QMessageBox.Icon.Question)
        self.setText(_headline(conflict))
        self.setInformativeText(
            "\n".join(f"{LABELS[c].replace('&', '')}: {HELP[c]}." for c in conflict.choices)
        )
        self.choice_buttons: dict[Resolution, QPushButton] = {}
        for choice in conflict.choices:
            role = (
                QMessageBox.ButtonRole.RejectRole
                if choice is Resolution.TAKE_THEIRS
                else QMessageBox.ButtonRole.AcceptRole
            )
            self.choice_buttons[choice] = self.addButton(LABELS[choice], role)
        self.setDefaultButton(self.choice_buttons[Resolution.TAKE_THEIRS])
        self.setEscapeButton(self.choice_buttons[Resolution.TAKE_THEIRS])

    def choice(self) -> Resolution:
        clicked = self.clickedButton()
        for choice, button in self.choice_buttons.items():
            if button is clicked:
                return choice
        return Resolution.TAKE_THEIRS


def ask(conflict: Conflict, parent: QWidget | None) -> Resolution:
    dialog = ConflictDialog(conflict, parent)
    run_modal(dialog)
    return dialog.choice()


def _headline(conflict: Conflict) -> str:
    mine = conflict.edit.label
    theirs = conflict.theirs
    if theirs is None:
        return f"“{mine}” was not made: someone deleted this annotation in the meantime."
    return (
        f"“{mine}” was not made: {theirs.annotator}'s annotation was changed in the "
        f"meantime. It is now {_describe(theirs)}."
    )


def _describe(annotation: Annotation) -> str:
    quote = " ".join(annotation.quote.split())
    quote = quote if len(quote) <= 40 else quote[:39] + "…"
    note = f", note “{annotation.note}”" if annotation.note else ""
    return f"{annotation.tag} “{quote}” ({annotation.start}–{annotation.end}){note}"
