"""The run protocol's writer: one JSON object per line on standard output (resources/training/protocol.json).

Standard output belongs to the protocol alone. `open_channel` moves the process's file descriptor 1 onto standard
error before any library is imported, so a stray print, a progress bar or a C library writing to fd 1 lands in the
log and never between two events.
"""
from __future__ import annotations

import json
import math
import os
import sys
import threading
from typing import IO, Any, Callable

PROTOCOL_VERSION = 1


class Events:
    """Writes protocol events to a stream, or hands them to a function (the tests collect them in a list)."""

    def __init__(self, sink: IO[str] | Callable[[dict[str, Any]], None]):
        self._sink = sink
        self._lock = threading.Lock()

    def emit(self, event: str, **fields: Any) -> None:
        """Writes one event; fields that are None are left out."""
        self._write({"event": event, **{k: v for k, v in fields.items() if v is not None}})

    def _write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, allow_nan=False, ensure_ascii=False)
        with self._lock:
            if callable(self._sink):
                self._sink(json.loads(line))
            else:
                self._sink.write(line + "\n")
                self._sink.flush()

    def hello(self, trainer: str, versions: dict[str, str], device: dict[str, Any]) -> None:
        self.emit("hello", protocol=PROTOCOL_VERSION, trainer=trainer, versions=versions, device=device,
                  pid=os.getpid())

    def metric(self, step: int, name: str, value: float) -> None:
        """A metric value; one that is not finite is no JSON number and is left out (divergence is a status)."""
        if value is not None and math.isfinite(value):
            self.emit("metric", step=int(step), name=name, value=float(value))

    def progress(self, done: int, total: int, unit: str = "step") -> None:
        self.emit("progress", done=int(done), total=int(total), unit=unit)

    def sample(self, step: int, prompt: str, completion: str, reward: float | None, id: int | None = None) -> None:
        """A generated sample; its reward is null when there is none (a failed remote judgment)."""
        finite = reward is not None and math.isfinite(reward)
        record = {"event": "sample", "step": int(step), "prompt": prompt, "completion": completion,
                  "reward": float(reward) if finite else None}
        if id is not None:
            record["id"] = int(id)
        self._write(record)

    def artifact(self, kind: str, path: str, step: int | None = None, format: str | None = None) -> None:
        self.emit("artifact", kind=kind, path=str(path), step=step, format=format)

    def log(self, message: str, level: str = "info") -> None:
        self.emit("log", message=message, level=level)

    def status(self, state: str, message: str | None = None) -> None:
        self.emit("status", state=state, message=message)


_real_stdout: IO[str] | None = None


def real_stdout() -> IO[str]:
    """The process's standard output, taken for the protocol (or a command's report); fd 1 now goes to stderr.

    Taken once: the package's __init__ takes it while `python -m rlaif_trainers.<module>` is still being located,
    before any library is imported, so nothing a library prints can land between two events.
    """
    global _real_stdout
    if _real_stdout is None:
        sys.stdout.flush()
        fd = os.dup(1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr
        _real_stdout = os.fdopen(fd, "w", encoding="utf-8", buffering=1)
    return _real_stdout


def open_channel() -> Events:
    return Events(real_stdout())
