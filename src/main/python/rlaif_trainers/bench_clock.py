"""Timing for the benchmarks: wall-clock and CPU time of each timed step, on either side of a comparison.

On a shared machine the wall clock mostly measures who else is running; the process's CPU time is what the work
itself cost. Each side's figure comes from its median step, which a neighbour's burst moves less than a total. The
CPU benchmarks judge their ratio on CPU time and print both; on a GPU the wall clock is the figure.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import torch
from transformers import TrainerCallback

from .device import Device


def synchronize(device: Device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


@dataclass
class Stopwatch:
    """Laps: the wall-clock and CPU seconds of each timed step."""
    device: Device
    laps: list[tuple[float, float]] = field(default_factory=list)
    _mark: tuple[float, float] = (0.0, 0.0)

    def start(self) -> None:
        synchronize(self.device)
        self._mark = (time.perf_counter(), time.process_time())

    def lap(self) -> None:
        synchronize(self.device)
        now = (time.perf_counter(), time.process_time())
        self.laps.append((now[0] - self._mark[0], now[1] - self._mark[1]))
        self._mark = now


class StepLaps(TrainerCallback):
    """Times each Trainer step after the first `warmup` ones, end to end (data and generation included)."""

    def __init__(self, stopwatch: Stopwatch, warmup: int):
        self.stopwatch, self.warmup = stopwatch, warmup

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.warmup:
            self.stopwatch.start()
        elif state.global_step > self.warmup:
            self.stopwatch.lap()


@dataclass
class Comparison:
    """Both sides' rounds, as work items per second of wall clock and of CPU time, from the median step."""
    unit: str
    plain: list[Stopwatch]
    trainer: list[Stopwatch]
    items: float  # per step

    def rate(self, side: list[Stopwatch], clock: str) -> float:
        index = 0 if clock == "wall" else 1
        return self.items / statistics.median(lap[index] for s in side for lap in s.laps)

    def to_json(self, clock: str) -> dict:
        figures = {f"{who}_{self.unit}_per_second": self.rate(side, "wall")
                   for who, side in (("plain", self.plain), ("trainer", self.trainer))}
        figures.update({f"{who}_{self.unit}_per_cpu_second": self.rate(side, "cpu")
                        for who, side in (("plain", self.plain), ("trainer", self.trainer))})
        figures["ratio"] = self.rate(self.trainer, clock) / self.rate(self.plain, clock)
        figures["ratio_clock"] = clock
        figures["laps"] = {"plain": [s.laps for s in self.plain], "trainer": [s.laps for s in self.trainer]}
        return figures


def alternate(rounds: int, save: Callable[[Path], Path], plain: Callable[[Path], Stopwatch],
              ours: Callable[[Path, Path], Stopwatch]) -> tuple[list[Stopwatch], list[Stopwatch]]:
    """Saves the model once, then runs the plain loop and the trainer in turn `rounds` times (a busy machine slows
    whichever runs while it is busy; each side's figure is the median of its rounds)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = save(Path(tmp) / "model")
        plain_rounds, our_rounds = [], []
        for round_number in range(rounds):
            plain_rounds.append(plain(folder))
            our_rounds.append(ours(folder, Path(tmp) / f"run-{round_number}"))
    return plain_rounds, our_rounds
