"""The JSON-lines files a run reads (docs/decisions/0022), checked line by line.

A bad line fails the run before training with `file:line: what is wrong`, like the app's importers do.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .runner import RunFailed

PAIR = {"id": int, "prompt": str, "chosen": str, "rejected": str}
HELD_OUT_PAIR = {"id": int, "prompt": str, "response_a": str, "response_b": str, "human": str}
PROMPT = {"id": int, "prompt": str}
DEMONSTRATION = {"id": int, "prompt": str, "response": str}


def read(path: str | Path, fields: dict[str, type], min_rows: int = 1) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            rows.append(_row(path, number, line, fields))
    if len(rows) < min_rows:
        raise RunFailed(f"{path}: {len(rows)} rows; at least {min_rows} needed")
    return rows


def _row(path: str | Path, number: int, line: str, fields: dict[str, type]) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise RunFailed(f"{path}:{number}: not valid JSON: {e.msg}") from e
    if not isinstance(row, dict):
        raise RunFailed(f"{path}:{number}: must be a JSON object")
    for name, kind in fields.items():
        value = row.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            got = "missing" if value is None else json.dumps(value)[:40]
            raise RunFailed(f"{path}:{number}: \"{name}\" must be a {kind.__name__}, got {got}")
    if "human" in fields and row["human"] not in ("A", "B"):
        raise RunFailed(f"{path}:{number}: \"human\" must be \"A\" or \"B\", got {json.dumps(row['human'])}")
    return row


def write(path: Path, rows: list[dict[str, Any]]) -> None:
    """Writes a whole file under a temporary name first, so a killed run never leaves half of one."""
    partial = path.with_suffix(path.suffix + ".partial")
    with open(partial, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    partial.replace(path)
