"""Stop and divergence: what ends a run early, and the callback that makes a TRL trainer obey it.

Stop is the line `stop` on standard input or SIGTERM (decision 22): the current step finishes, the trainer saves,
the run ends `stopped`. A loss or gradient norm that is NaN or infinite ends it `diverged`: nothing after that step
is worth saving.
"""
from __future__ import annotations

import math
import signal
import sys
import threading
from typing import IO, Any

from transformers import TrainerCallback, TrainerControl, TrainerState, TrainingArguments


class StopSignal:
    """Set once, from the stdin reader, a signal handler, or a test."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    def listen(self, commands: IO[str] | None = None) -> "StopSignal":
        """Watches `commands` (standard input) for the line `stop`, and turns SIGTERM into a stop."""
        stream = commands if commands is not None else sys.stdin
        threading.Thread(target=self.read_commands, args=(stream,), name="stop-reader", daemon=True).start()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda signum, frame: self.set())
        return self

    def read_commands(self, commands: IO[str]) -> None:
        """Reads command lines until `stop` or the end of the stream."""
        # End of input is not a stop: a parent may close our stdin and still want the run to finish.
        for line in commands:
            if line.strip() == "stop":
                self.set()
                return


def is_finite(value: Any) -> bool:
    return not isinstance(value, (int, float)) or math.isfinite(value)


class RunControl(TrainerCallback):
    """Stops training after the step in which a stop arrived, or in which the loss stopped being a number."""

    WATCHED = ("loss", "grad_norm")

    def __init__(self, stop: StopSignal, save_on_stop: bool = True):
        self.stop = stop
        self.save_on_stop = save_on_stop
        self.stopped = False
        self.diverged_at: int | None = None
        self.diverged_what = ""

    def on_step_end(self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs):
        if self.stop.is_set() and not self.stopped:
            self.stopped = True
            control.should_training_stop = True
            control.should_save = self.save_on_stop
        return control

    def on_log(self, args: TrainingArguments, state: TrainerState, control: TrainerControl,
               logs: dict[str, Any] | None = None, **kwargs):
        for key in self.WATCHED:
            value = (logs or {}).get(key)
            if value is not None and not is_finite(value) and self.diverged_at is None:
                self.diverged_at = state.global_step
                self.diverged_what = f"{key} is {value} at step {state.global_step}"
                control.should_training_stop = True
                control.should_save = False
        return control

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None
