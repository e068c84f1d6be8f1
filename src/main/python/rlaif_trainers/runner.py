"""What every trainer's `main` does around its training: read the spec, say hello, run, end with one status.

A trainer module supplies `train(run: Run) -> Outcome`; `main` turns everything else into protocol events: a bad
spec or a missing device fails before anything starts, out of memory fails naming it, any other exception fails
with its message (the traceback goes to standard error, which the app keeps as the run's log tail).
"""
from __future__ import annotations

import argparse
import sys
import traceback
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

from . import device as devices
from . import protocol
from . import spec as specs
from .control import StopSignal
from .device import Device
from .protocol import Events
from .spec import Spec

LIBRARIES = ("torch", "transformers", "trl", "peft", "datasets", "accelerate", "tokenizers", "safetensors",
             "onnx", "onnxruntime", "onnxscript")


@dataclass
class Outcome:
    state: str  # finished | stopped | diverged
    message: str | None = None


@dataclass
class Run:
    """Everything a trainer gets: the checked spec, the device, the event writer and the stop signal."""
    spec: Spec
    device: Device
    events: Events
    stop: StopSignal

    @property
    def output(self) -> Path:
        return Path(self.spec.output_dir)


class RunFailed(RuntimeError):
    """A failure with a message meant for the user (no traceback needed)."""


def train_until_stopped(trainer, control, stop: StopSignal, resume_from: str | None = None) -> Outcome | None:
    """Runs a TRL trainer with a `control.RunControl` among its callbacks. Returns the outcome when the run ends
    without a model worth saving (a stop before the first step, a divergence), else None."""
    if stop.is_set():
        return Outcome("stopped", "stopped before the first step; nothing trained")
    trainer.train(resume_from_checkpoint=resume_from)
    if control.diverged:
        return Outcome("diverged", f"training diverged: {control.diverged_what}; nothing saved")
    return None


def versions() -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def main(trainer: str, train: Callable[[Run], Outcome], argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m rlaif_trainers.{trainer.replace('-', '_')}")
    parser.add_argument("--spec", required=True, help="the run's spec file (docs/decisions/0022)")
    args = parser.parse_args(argv)
    events = protocol.open_channel()
    return execute(trainer, train, args.spec, events, StopSignal().listen())


def execute(trainer: str, train: Callable[[Run], Outcome], spec_path: str, events: Events, stop: StopSignal) -> int:
    """Runs one trainer on one spec; returns the process's exit status (0 finished or stopped, 1 otherwise)."""
    try:
        spec = specs.load(spec_path)
        if spec.trainer != trainer:
            raise specs.SpecError(f"spec {spec_path}: trainer: this is the {trainer} trainer, the spec is for "
                                  f"{spec.trainer}")
        device = devices.resolve(spec.device, spec.hyper.bf16)
        _check_writable(Path(spec.output_dir))
    except (specs.SpecError, devices.DeviceError, RunFailed) as e:
        events.hello(trainer, versions(), devices.machine().describe())
        events.status("failed", str(e))
        return 1
    events.hello(trainer, versions(), device.describe())
    if spec.unknown_keys:
        events.log(f"spec keys this trainer does not use: {', '.join(spec.unknown_keys)}", "warning")
    events.status("running")
    try:
        outcome = train(Run(spec, device, events, stop))
    except RunFailed as e:
        events.status("failed", str(e))
        return 1
    except BaseException as e:  # noqa: BLE001 - every failure must end in a status line
        traceback.print_exc(file=sys.stderr)
        events.status("failed", describe_failure(e))
        return 1
    events.status(outcome.state, outcome.message)
    return 0 if outcome.state in ("finished", "stopped") else 1


def describe_failure(e: BaseException) -> str:
    text = f"{type(e).__name__}: {e}".strip()
    if type(e).__name__ == "OutOfMemoryError":
        return f"out of memory on the GPU: {text}"
    if isinstance(e, MemoryError) or "can't allocate memory" in str(e) or "out of memory" in str(e).lower():
        return f"out of memory: {text}"
    return text


def _check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-check"
        probe.write_text("ok")
        probe.unlink()
    except OSError as e:
        raise RunFailed(f"output_dir {folder} is not writable: {e.strerror or e}") from e
