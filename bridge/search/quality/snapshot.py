"""The committed top-ten snapshot: what the engine returns for every query of the set.

Generated on SQLite (`manage.py search_quality --write-snapshot`) and asserted on whatever
database the test suite runs on, so SQLite and PostgreSQL are held to the same ranking.
One line per query, so a change of ranking reads as a one-line diff.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from .evaluate import SNAPSHOT_FILE


def write_snapshot(tops: Mapping[str, list[str]], path: Path = SNAPSHOT_FILE) -> None:
    lines = [
        f"  {json.dumps(query, ensure_ascii=False)}: {json.dumps(top, ensure_ascii=False)}"
        for query, top in tops.items()
    ]
    text = '{"generated_on": "sqlite", "top10": {\n' + ",\n".join(lines) + "\n}}\n"
    path.write_text(text, encoding="utf-8")


def read_snapshot(path: Path = SNAPSHOT_FILE) -> dict[str, list[str]]:
    return json.loads(path.read_text(encoding="utf-8"))["top10"]


def differences(tops: Mapping[str, list[str]], snapshot: Mapping[str, list[str]]) -> list[str]:
    """One line per query whose top ten differs from the snapshot (or is missing there)."""
    lines = []
    for query, top in tops.items():
        expected = snapshot.get(query)
        if expected != top:
            lines.append(f"{query!r}: snapshot {expected} ≠ now {top}")
    return lines
