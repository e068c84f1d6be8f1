"""Shared helpers for the trainers' tests: paths, the protocol checker, toy data, running a trainer.

Trainers run in this process where a test only needs their events (one import of torch and TRL for the whole
suite); the tests of what only a child process shows (stdout kept clean, stop on stdin) start the real command.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

REPO = Path(__file__).resolve().parents[3]
SOURCES = REPO / "src" / "main" / "python"
sys.path.insert(0, str(SOURCES))

import torch  # noqa: E402

# The models here are tiny, and CI machines are shared: one thread each avoids threads waiting on each other
# (measured on two busy cores: a run took 45 s with one thread against 68 s with two).
torch.set_num_threads(1)

from rlaif_trainers import runner  # noqa: E402
from rlaif_trainers.control import StopSignal  # noqa: E402
from rlaif_trainers.protocol import Events  # noqa: E402

PROTOCOL = json.loads((REPO / "resources" / "training" / "protocol.json").read_text(encoding="utf-8"))

TYPES: dict[str, Callable[[Any], bool]] = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
}


def protocol_problems(event: dict[str, Any]) -> list[str]:
    """What is wrong with one event against resources/training/protocol.json (empty when nothing is)."""
    kind = event.get("event")
    if kind not in PROTOCOL["events"]:
        return [f"unknown event {kind!r}"]
    shape = PROTOCOL["events"][kind]
    allowed = {**shape["required"], **shape["optional"]}
    problems = [f"{kind}: missing {name}" for name in shape["required"] if name not in event]
    for name, value in event.items():
        if name == "event":
            continue
        if name not in allowed:
            problems.append(f"{kind}: field {name} is not in the protocol")
        elif not any((t == "null" and value is None) or (t in TYPES and TYPES[t](value))
                     for t in allowed[name].split("|")):
            problems.append(f"{kind}.{name}: {value!r} is not {allowed[name]}")
    if kind == "status" and event.get("state") not in PROTOCOL["states"]:
        problems.append(f"status: unknown state {event.get('state')!r}")
    if kind == "artifact" and event.get("kind") not in PROTOCOL["artifact_kinds"]:
        problems.append(f"artifact: unknown kind {event.get('kind')!r}")
    return problems


def assert_protocol(events: list[dict[str, Any]]) -> None:
    """Every event valid, hello first, exactly one final status that is not 'running'."""
    problems = [p for e in events for p in protocol_problems(e)]
    assert not problems, problems
    assert events and events[0]["event"] == "hello", events[:1]
    assert events[-1]["event"] == "status" and events[-1]["state"] != "running", events[-1]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


TOPICS = ["rain", "cats", "tea", "maps", "bikes", "jazz", "salt", "snow", "code", "bread", "ships", "clocks"]


def toy_preferences(folder: Path, train: int = 64, held_out: int = 32, seed: int = 1) -> dict[str, str]:
    """A separable preference set: the preferred answer is warm and thanks the asker, the other is curt. Every
    fourth prompt is long, so that with max_length 32 some pairs must be cut. Held-out pairs carry a human verdict
    with A/B order shuffled."""
    rng = random.Random(seed)

    def pair(i: int) -> tuple[str, str, str]:
        t, u = rng.choice(TOPICS), rng.choice(TOPICS)
        preamble = ""
        if i % 4 == 0:
            preamble = "Some background first: " + " ".join(rng.choice(TOPICS) for _ in range(30)) + ". "
        return (f"{preamble}Tell me about {t} and {u}, item {i}.",
                f"{t.capitalize()} and {u} are both lovely, thank you for asking!", f"no idea about {t}.")

    rows = []
    for i in range(train):
        p, good, bad = pair(i)
        rows.append({"id": i, "prompt": p, "chosen": good, "rejected": bad})
    evals = []
    for i in range(1000, 1000 + held_out):
        p, good, bad = pair(i)
        a_first = rng.random() < 0.5
        evals.append({"id": i, "prompt": p, "response_a": good if a_first else bad,
                      "response_b": bad if a_first else good, "human": "A" if a_first else "B"})
    return {"train": str(write_jsonl(folder / "train.jsonl", rows)),
            "eval": str(write_jsonl(folder / "eval.jsonl", evals))}


def write_spec(folder: Path, trainer: str, data: dict[str, str], **overrides: Any) -> Path:
    hyper = {"epochs": 1.0, "batch_size": 8, "learning_rate": 1e-3, "max_length": 32, "eval_steps": 4,
             "logging_steps": 2, **overrides.pop("hyper", {})}
    spec = {"protocol": 1, "trainer": trainer, "run_id": 1, "seed": 7, "device": "cpu", "backbone": "tiny",
            "data": data, "output_dir": str(folder / "out"), "hyper": hyper, "export_onnx": False, **overrides}
    path = folder / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def run_in_process(trainer: str, train: Callable, spec_path: Path,
                   stop: StopSignal | None = None) -> tuple[int, list[dict[str, Any]]]:
    events: list[dict[str, Any]] = []
    code = runner.execute(trainer, train, str(spec_path), Events(events.append), stop or StopSignal())
    return code, events


def start_trainer(module: str, spec_path: Path) -> subprocess.Popen:
    """The real command the app runs: `python -m rlaif_trainers.<module> --spec SPEC`, stdout as the protocol."""
    env = {**os.environ, "PYTHONPATH": str(SOURCES), "OMP_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-m", f"rlaif_trainers.{module}", "--spec", str(spec_path)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)


def final(events: list[dict[str, Any]]) -> dict[str, Any]:
    return events[-1]


def metrics(events: list[dict[str, Any]], name: str) -> list[tuple[int, float]]:
    return [(e["step"], e["value"]) for e in events if e["event"] == "metric" and e["name"] == name]


def artifacts(events: list[dict[str, Any]]) -> dict[str, str]:
    return {e["kind"]: e["path"] for e in events if e["event"] == "artifact"}


@pytest.fixture(scope="session")
def trained_rm(session_dir: Path):
    """One real run shared by the tests that read its events and artifacts (training twice would only cost time)."""
    from rlaif_trainers import reward_model

    folder = session_dir / "rm"
    folder.mkdir()
    data = toy_preferences(folder)
    spec = write_spec(folder, "reward-model", data, export_onnx=True,
                      hyper={"epochs": 2.0, "batch_size": 8, "learning_rate": 1e-3, "max_length": 32})
    code, events = run_in_process("reward-model", reward_model.train, spec)
    return code, events, folder / "out", data


def toy_demonstrations(folder: Path, count: int = 64, seed: int = 3) -> dict[str, str]:
    """SFT data whose responses either thank the asker or send them away, half and half; and the prompts alone."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        t = rng.choice(TOPICS[:8])
        response = f"{t.capitalize()} is lovely, thank you!" if i % 2 else f"{t.capitalize()}? Go away."
        rows.append({"id": i, "prompt": f"Tell me about {t}.", "response": response})
    prompts = [{"id": r["id"], "prompt": r["prompt"]} for r in rows[:16]]
    return {"train": str(write_jsonl(folder / "demonstrations.jsonl", rows)),
            "eval": str(write_jsonl(folder / "demonstrations-eval.jsonl", rows[:8])),
            "prompts": str(write_jsonl(folder / "prompts.jsonl", prompts))}


@pytest.fixture(scope="session")
def sft_policy(session_dir: Path):
    """One real SFT run on the tiny backbone; its policy starts the rl, best-of-n and generate tests."""
    from rlaif_trainers import sft

    folder = session_dir / "sft"
    folder.mkdir()
    data = toy_demonstrations(folder)
    spec = write_spec(folder, "sft", {"train": data["train"], "eval": data["eval"]}, seed=3,
                      hyper={"epochs": 6.0, "batch_size": 8, "learning_rate": 5e-3, "max_length": 64,
                             "eval_steps": 16, "logging_steps": 4, "save_steps": 24})
    code, events = run_in_process("sft", sft.train, spec)
    return code, events, folder / "out", data


@pytest.fixture(scope="session")
def reward_server():
    from reward_server import RewardServer

    server = RewardServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("trainers")
