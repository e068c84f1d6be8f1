"""generate and best-of-n from the SFT policy: outputs.jsonl, seeded, and the reward's pick."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import artifacts, assert_protocol, run_in_process, write_spec

from rlaif_trainers import best_of_n, generate


def outputs(events) -> list[dict]:
    return [json.loads(line) for line in Path(artifacts(events)["outputs"]).read_text().splitlines()]


def generate_spec(folder: Path, sft_policy, trainer: str, **overrides) -> Path:
    _, _, sft_out, data = sft_policy
    generation = {"max_new_tokens": 12, "batch_size": 6, **overrides.pop("generation", {})}
    return write_spec(folder, trainer, {"prompts": data["prompts"]}, backbone=str(sft_out / "policy"),
                      generation=generation, **overrides)


def test_generate_writes_one_response_per_prompt_the_same_for_the_same_seed(sft_policy, tmp_path: Path):
    runs = []
    for name, seed in (("one", 5), ("two", 5), ("three", 6)):
        (tmp_path / name).mkdir()
        code, events = run_in_process("generate", generate.train,
                                      generate_spec(tmp_path / name, sft_policy, "generate", seed=seed))
        assert_protocol(events)
        assert code == 0 and events[-1]["message"] == "16 responses written", events[-1]
        runs.append(outputs(events))
    prompts = [json.loads(line) for line in Path(sft_policy[3]["prompts"]).read_text().splitlines()]
    assert [(o["id"], o["prompt"]) for o in runs[0]] == [(p["id"], p["prompt"]) for p in prompts]
    assert runs[0] == runs[1] and runs[0] != runs[2]
    progress = [(e["done"], e["total"]) for e in events if e["event"] == "progress"]
    assert progress == [(0, 16), (6, 16), (12, 16), (16, 16)]


def test_greedy_generation_has_no_randomness(sft_policy, tmp_path: Path):
    found = []
    for seed in (1, 2):
        (tmp_path / str(seed)).mkdir()
        spec = generate_spec(tmp_path / str(seed), sft_policy, "generate", seed=seed, generation={"temperature": 0})
        found.append(outputs(run_in_process("generate", generate.train, spec)[1]))
    assert found[0] == found[1]


def test_best_of_n_keeps_the_highest_rewarded_candidate(sft_policy, reward_server, tmp_path: Path):
    spec = generate_spec(tmp_path, sft_policy, "best-of-n", reward={"url": reward_server.url("/thanks")},
                         generation={"n": 4})
    code, events = run_in_process("best-of-n", best_of_n.train, spec)
    assert_protocol(events)
    assert code == 0 and events[-1]["message"] == "best of 4 for 16 prompts", events[-1]
    rows = outputs(events)
    assert len(rows) == 16
    for row in rows:
        assert len(row["candidates"]) == 4
        assert row["reward"] == max(c["reward"] for c in row["candidates"])
        assert row["response"] in [c["response"] for c in row["candidates"]]
    assert sum(row["reward"] for row in rows) > sum(row["candidates"][0]["reward"] for row in rows)
