"""What only the real child process shows: standard output carries nothing but the protocol, and a stop on
standard input (or SIGTERM) ends the run after the current step with its model saved."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import assert_protocol, start_trainer, toy_preferences, write_spec


def read_until(process, predicate) -> list[dict]:
    """Reads events from the child's stdout until one satisfies `predicate` (or the stream ends)."""
    events = []
    for line in process.stdout:
        events.append(json.loads(line))  # a line that is not JSON fails the test here
        if predicate(events[-1]):
            break
    return events


def test_a_stop_on_stdin_ends_the_run_after_the_current_step_with_the_model_saved(tmp_path: Path):
    data = toy_preferences(tmp_path, train=32, held_out=4)
    spec = write_spec(tmp_path, "reward-model", data, hyper={"epochs": 1000.0, "batch_size": 4})
    process = start_trainer("reward_model", spec)
    try:
        events = read_until(process, lambda e: e["event"] == "progress" and e["done"] >= 2)
        process.stdin.write("stop\n")
        process.stdin.flush()
        events += read_until(process, lambda e: False)
        assert process.wait(timeout=120) == 0, process.stderr.read()[-2000:]
    finally:
        process.kill()
    assert_protocol(events)
    assert events[-1]["state"] == "stopped", events[-1]
    last = [e for e in events if e["event"] == "progress"][-1]
    assert events[-1]["message"] == f"stopped at step {last['done']} of {last['total']}; model saved"
    assert 2 <= last["done"] < last["total"] == 8000
    assert (tmp_path / "out" / "model" / "config.json").is_file()
    assert [e["kind"] for e in events if e["event"] == "artifact"] == ["backbone", "reward-model"]
