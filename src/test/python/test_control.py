"""The stop signal and the protocol writer, without training anything."""
from __future__ import annotations

import io
import json
import os
import signal
import threading

import pytest
from conftest import protocol_problems

from rlaif_trainers.control import StopSignal
from rlaif_trainers.protocol import Events
from rlaif_trainers.runner import describe_failure


def test_only_the_line_stop_on_the_command_stream_sets_the_signal():
    ignored = StopSignal()
    ignored.read_commands(io.StringIO("status\n\nstopping\n"))
    assert not ignored.is_set()
    stopped = StopSignal()
    stopped.read_commands(io.StringIO("hello\n  stop  \n"))
    assert stopped.is_set()


def test_sigterm_sets_the_signal():
    previous = signal.getsignal(signal.SIGTERM)
    try:
        stop = StopSignal().listen(io.StringIO(""))
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(400):  # the handler runs between two bytecodes of this thread: soon, but not at once
            if stop.is_set():
                break
            threading.Event().wait(0.01)
        assert stop.is_set()
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_events_are_one_json_object_per_line_and_follow_the_protocol():
    out = io.StringIO()
    events = Events(out)
    events.hello("reward-model", {"torch": "2.13.0"}, {"type": "cpu"})
    events.metric(3, "train/loss", 0.5)
    events.metric(3, "train/loss", float("nan"))  # not a JSON number: left out
    events.sample(3, "p", "c", None, id=9)
    events.artifact("onnx", "/x/onnx", step=3, format="onnx")
    events.status("finished", "done")
    parsed = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(parsed) == 5
    assert [p for e in parsed for p in protocol_problems(e)] == []
    assert parsed[2] == {"event": "sample", "step": 3, "prompt": "p", "completion": "c", "reward": None, "id": 9}


@pytest.mark.parametrize("event, problem", [
    ({"event": "metric", "step": 1, "name": "x"}, "metric: missing value"),
    ({"event": "metric", "step": 1.5, "name": "x", "value": 1}, "metric.step: 1.5 is not integer"),
    ({"event": "status", "state": "done"}, "status: unknown state 'done'"),
    ({"event": "artifact", "kind": "weights", "path": "/x"}, "artifact: unknown kind 'weights'"),
    ({"event": "log", "message": "m", "colour": "red"}, "log: field colour is not in the protocol"),
])
def test_the_protocol_checker_catches_what_is_wrong(event, problem):
    assert problem in protocol_problems(event)


def test_out_of_memory_is_named_as_such():
    class OutOfMemoryError(RuntimeError):  # torch.cuda.OutOfMemoryError's name, without needing a GPU
        pass

    assert describe_failure(OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")).startswith(
        "out of memory on the GPU: OutOfMemoryError: CUDA out of memory.")
    assert describe_failure(MemoryError()) == "out of memory: MemoryError:"
    assert describe_failure(RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 8 GB")
                            ).startswith("out of memory: RuntimeError: DefaultCPUAllocator")
    assert describe_failure(ValueError("bad")) == "ValueError: bad"


def test_standard_output_carries_only_events_whatever_a_library_prints(tmp_path):
    """As under `python -m rlaif_trainers.<module>`: a print and a raw write to fd 1 both land on stderr."""
    import subprocess
    import sys

    from conftest import SOURCES

    code = (f"import sys, os; sys.path.insert(0, {str(SOURCES)!r}); sys.argv = ['-m']; import rlaif_trainers; "
            "print('a library talking'); os.write(1, b'a C library writing to fd 1\\n'); "
            "from rlaif_trainers.protocol import open_channel; open_channel().log('an event')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == '{"event": "log", "message": "an event", "level": "info"}\n'
    assert "a library talking" in done.stderr and "a C library writing to fd 1" in done.stderr
