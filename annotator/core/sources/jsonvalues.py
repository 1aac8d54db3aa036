"""Parse one JSON line defensively and describe JSON values in messages.

``json.loads`` recurses once per nesting level, so a hostile line of brackets can exhaust
the stack; NaN and Infinity are accepted by Python but are not JSON and break databases
that store JSON, so they are refused here.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.core.errors import SourceError

MAX_DEPTH = 50


def load_object(line: str, origin: str, number: int) -> dict[str, Any]:
    """The JSON object on ``line``; ``SourceError`` for anything else."""
    try:
        value = json.loads(line, parse_constant=_refuse_constant)
    except RecursionError:
        raise SourceError(origin, _too_deep(), number) from None
    except json.JSONDecodeError as exc:
        where = f"{exc.msg} at column {exc.colno}"
        message = f"this line is not valid JSON ({where}); fix the line or remove it."
        raise SourceError(origin, message, number) from None
    except ValueError as exc:
        raise SourceError(origin, f"this line is not valid JSON: {exc}", number) from None
    if not isinstance(value, dict):
        message = f'expected a JSON object with a "text" field, found {describe(value)}.'
        raise SourceError(origin, message, number)
    if _deeper_than(value, MAX_DEPTH):
        raise SourceError(origin, _too_deep(), number)
    return value


def describe(value: object) -> str:
    """How a JSON value reads in a message: ``a number (12)``, ``a list`` ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"true/false ({json.dumps(value)})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({quoted(value)})"
    return "a list" if isinstance(value, list) else "an object"


def quoted(text: str, limit: int = 40) -> str:
    """``text`` in double quotes, shortened, for showing inside a message."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return json.dumps(shown, ensure_ascii=False)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number; write null or a number instead.")


def _too_deep() -> str:
    return f"the record is nested more than {MAX_DEPTH} levels deep; flatten it."


def _deeper_than(value: object, limit: int) -> bool:
    """Level by level, keeping only the containers of each level (``json.loads`` makes
    exactly ``dict`` and ``list``): a record of 50 annotations is ~150 containers, and one
    list comprehension per container checks them for ~1/4 of what a (value, depth) stack
    cost; this ran on every imported line."""
    level: list[Any] = [value] if type(value) in _CONTAINERS else []
    for _ in range(limit):
        if not level:
            return False
        below: list[Any] = []
        for item in level:
            children = item.values() if type(item) is dict else item
            below.extend([child for child in children if type(child) in _CONTAINERS])
        level = below
    return bool(level)


_CONTAINERS = frozenset({dict, list})
