"""Annotator: a desktop tool for tagging spans of articles."""

from functools import cache


@cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("annotator")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    """``__version__`` is read from the installed metadata on first use: importing
    ``importlib.metadata`` costs tens of milliseconds the window's start need not pay."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
