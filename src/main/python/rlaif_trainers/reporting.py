"""Turns what a TRL trainer logs into protocol events: `metric` per logged number, `progress` per step.

Names are `train/<key>` and `eval/<key>` (TRL's keys, `eval_` prefix dropped). Throughput is measured here, from
step begin to step end, so time spent in evaluation callbacks and saving never counts as training time.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from transformers import TrainerCallback, TrainerControl, TrainerState, TrainingArguments

from .protocol import Events

# How long an evaluation took, and a token count that is the training's: not figures about the model.
EVAL_NOISE = {"eval_runtime", "eval_samples_per_second", "eval_steps_per_second", "eval_num_tokens"}


class Reporter(TrainerCallback):
    def __init__(self, events: Events, items: str, items_per_step: int):
        """`items` names the throughput metric (`train/<items>_per_second`); `items_per_step` is the batch."""
        self.events = events
        self.items = items
        self.items_per_step = items_per_step
        self._step_started = 0.0
        self._busy_seconds = 0.0
        self._steps = 0
        self._tokens_seen = 0.0

    def on_train_begin(self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs):
        self.events.progress(state.global_step, state.max_steps)

    def on_step_begin(self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs):
        self._step_started = time.perf_counter()

    def on_step_end(self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs):
        self._busy_seconds += time.perf_counter() - self._step_started
        self._steps += 1
        self.events.progress(state.global_step, state.max_steps)

    def on_log(self, args: TrainingArguments, state: TrainerState, control: TrainerControl,
               logs: dict[str, Any] | None = None, **kwargs):
        logs = logs or {}
        if "train_runtime" in logs:  # the end-of-training summary: figures about the whole run, not curve points
            return
        evaluation = any(key.startswith("eval_") for key in logs)
        for key, value in logs.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or key in EVAL_NOISE:
                continue
            if evaluation and not key.startswith("eval_"):  # an evaluation's log repeats the epoch
                continue
            name = f"eval/{key[5:]}" if key.startswith("eval_") else f"train/{key}"
            self.events.metric(state.global_step, name, value)
        if "loss" in logs and self._busy_seconds > 0:
            self._throughput(state.global_step, logs.get("num_tokens"))

    def on_save(self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kwargs):
        folder = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        if folder.is_dir():
            self.events.artifact("checkpoint", str(folder), step=state.global_step, format="huggingface")

    def _throughput(self, step: int, tokens_seen: float | None) -> None:
        seconds = self._busy_seconds
        self.events.metric(step, f"train/{self.items}_per_second", self._steps * self.items_per_step / seconds)
        if tokens_seen is not None:
            if tokens_seen >= self._tokens_seen:
                self.events.metric(step, "train/tokens_per_second", (tokens_seen - self._tokens_seen) / seconds)
            self._tokens_seen = tokens_seen
        self._busy_seconds, self._steps = 0.0, 0
