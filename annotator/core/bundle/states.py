"""Annotation states as exchanged in bundles: a stable hash and time parsing.

A state's hash names one version of one annotation across projects, so "have I seen this
version?" can be answered without shared clocks or ids for documents.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

State = dict[str, Any]


def state_hash(state: State) -> str:
    """sha256 of the state's canonical JSON, without bookkeeping keys."""
    core = {k: v for k, v in state.items() if k not in ("hash", "lineage")}
    data = json.dumps(core, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def parse_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def order_key(state: State) -> tuple[int, str, str]:
    """Which of two versions wins: higher revision, then later update, then the hash (so
    both sides of an exchange pick the same winner even for identical times)."""
    return (int(state["revision"]), str(state["updated"] or ""), state_hash(state))
