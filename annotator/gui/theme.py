"""Light and dark themes. "System" keeps the platform's palette (Qt follows it); "light"
and "dark" use the Fusion style with a fixed palette, so the choice looks the same on every
desktop. Highlights are translucent fills over the palette, so both stay legible."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark")
Role = QPalette.ColorRole

DARK = {
    Role.Window: "#2b2d31",
    Role.WindowText: "#e6e6e6",
    Role.Base: "#1f2023",
    Role.AlternateBase: "#2b2d31",
    Role.ToolTipBase: "#3a3d42",
    Role.ToolTipText: "#f0f0f0",
    Role.Text: "#e8e8e8",
    Role.Button: "#34373c",
    Role.ButtonText: "#e6e6e6",
    Role.BrightText: "#ff6b6b",
    Role.Highlight: "#3d6fb6",
    Role.HighlightedText: "#ffffff",
    Role.PlaceholderText: "#8a8f98",
    Role.Link: "#7fb0ff",
}


def apply_theme(app: QApplication, name: str) -> None:
    if name not in THEMES:
        name = "system"
    if not hasattr(app, "_annotator_system_palette"):
        app._annotator_system_palette = QPalette(app.palette())  # type: ignore[attr-defined]
        app._annotator_system_style = app.style().name()  # type: ignore[attr-defined]
    if name == "system":
        app.setStyle(QStyleFactory.create(app._annotator_system_style))  # type: ignore[attr-defined]
        app.setPalette(app._annotator_system_palette)  # type: ignore[attr-defined]
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    palette = QStyleFactory.create("Fusion").standardPalette()
    if name == "dark":
        for role, color in DARK.items():
            palette.setColor(role, QColor(color))
        palette.setColor(QPalette.ColorGroup.Disabled, Role.Text, QColor("#7a7f87"))
        palette.setColor(QPalette.ColorGroup.Disabled, Role.ButtonText, QColor("#7a7f87"))
    app.setPalette(palette)
