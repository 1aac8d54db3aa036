"""Byte counts as people read them, for messages about size limits."""

from __future__ import annotations


def format_size(size: int) -> str:
    """``52428800`` -> ``"50 MB"``; one decimal below 10 units so small limits stay exact."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    if unit == "bytes":
        return f"{size} bytes"
    return f"{value:.1f} {unit}".replace(".0 ", " ") if value < 10 else f"{value:.0f} {unit}"
