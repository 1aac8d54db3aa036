"""The project's facility gazetteer: names analysts want suggested as facilities.

Kept as one JSON list under a ``project_info`` key rather than a table: it is a short,
user-edited list read whole by the suggestion rules, and this needs no migration.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.storage.orm import ProjectInfoRow
from annotator.core.storage.store import Store

KEY = "facility_gazetteer"


def load(store: Store) -> tuple[str, ...]:
    raw = store.info(KEY)
    if not raw:
        return ()
    try:
        value = json.loads(raw)
    except ValueError:
        return ()  # a hand-edited, broken value must not stop suggestions
    return tuple(name for name in value if isinstance(name, str)) if isinstance(value, list) else ()


def save(store: Store, names: Iterable[str]) -> tuple[str, ...]:
    """Store the names stripped, without blanks or repeats, in the order given."""
    cleaned = tuple(dict.fromkeys(name.strip() for name in names if name.strip()))
    with store._writing() as session:
        session.merge(ProjectInfoRow(key=KEY, value=json.dumps(list(cleaned))))
    return cleaned
