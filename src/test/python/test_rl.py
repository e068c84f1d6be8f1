"""The RL trainer from the SFT policy: reward rises, KL starts at 0 and is held by its coefficient, stop and resume,
remote rewards that fail are dropped and counted, a reward model as the reward."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import assert_protocol, metrics, run_in_process, write_spec

from rlaif_trainers import rl
from rlaif_trainers.control import StopSignal


def rl_spec(folder: Path, sft_policy, reward: dict, steps: int, **overrides) -> Path:
    _, _, sft_out, data = sft_policy
    rl_settings = {"beta": 0.05, "num_generations": 4, **overrides.pop("rl", {})}
    hyper = {"max_steps": steps, "batch_size": 16, "learning_rate": 3e-3, "max_length": 32, "logging_steps": 1,
             **overrides.pop("hyper", {})}
    return write_spec(folder, "rl", {"train": data["prompts"]}, backbone=str(sft_out / "policy"), seed=3,
                      reward=reward, rl=rl_settings, hyper=hyper, generation={"max_new_tokens": 12}, **overrides)


def mean(values) -> float:
    return float(np.mean([v for _, v in values]))


@pytest.fixture(scope="module")
def low_beta(sft_policy, reward_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rl-low-beta")
    spec = rl_spec(folder, sft_policy, {"url": reward_server.url("/thanks")}, 20, hyper={"save_steps": 10})
    return run_in_process("rl", rl.train, spec) + (folder / "out",)


def test_mean_reward_rises_on_a_reward_the_policy_can_learn(low_beta):
    code, events, _ = low_beta
    assert_protocol(events)
    assert code == 0 and events[-1]["state"] == "finished", events[-1]
    reward = metrics(events, "train/reward")
    assert len(reward) == 20
    assert mean(reward[-5:]) > mean(reward[:5]) + 0.15, reward


def test_kl_starts_at_zero(low_beta):
    _, events, _ = low_beta
    kl = metrics(events, "train/kl")
    assert kl[0] == (1, 0.0) and max(v for _, v in kl) > 0.05, kl  # zero at the start, not zero throughout


def test_every_completion_is_a_sample_event_with_its_reward(low_beta, reward_server):
    _, events, _ = low_beta
    samples = [e for e in events if e["event"] == "sample"]
    assert len(samples) == 20 * 16
    assert {e["step"] for e in samples} == set(range(1, 21))
    assert all(e["reward"] == (1.0 if "thank" in e["completion"] else 0.0) for e in samples)
    assert all(e["prompt"].startswith("Tell me about ") and isinstance(e["id"], int) for e in samples)


def test_checkpoints_and_the_policy_are_artifacts(low_beta):
    _, events, out = low_beta
    kinds = [(e["kind"], e.get("step")) for e in events if e["event"] == "artifact"]
    assert kinds == [("checkpoint", 10), ("checkpoint", 20), ("policy", 20)]
    assert (out / "policy" / "config.json").is_file()


def test_a_larger_kl_coefficient_keeps_the_policy_closer_to_the_reference(low_beta, sft_policy, reward_server,
                                                                         tmp_path: Path):
    spec = rl_spec(tmp_path, sft_policy, {"url": reward_server.url("/thanks")}, 20, rl={"beta": 1.0})
    code, events = run_in_process("rl", rl.train, spec)
    assert code == 0, events[-1]
    high, low = metrics(events, "train/kl"), metrics(low_beta[1], "train/kl")
    assert high[0] == (1, 0.0)
    # Rewards lie in [0, 1]: the KL-regularised optimum is within (max - min reward) / beta = 1 nat of the reference.
    assert max(v for _, v in high) < 1.0, high
    assert mean(high[-5:]) < mean(low[-5:]) / 3, (high, low)


def test_a_stopped_run_resumes_from_its_checkpoint_and_continues_its_step(sft_policy, reward_server, tmp_path: Path):
    stop = StopSignal()
    reward_server.on_request = lambda path, count: stop.set() if path == "/stop-at-3" and count == 3 else None
    try:
        spec = rl_spec(tmp_path, sft_policy, {"url": reward_server.url("/stop-at-3")}, 6)
        code, events = run_in_process("rl", rl.train, spec, stop)
    finally:
        reward_server.on_request = None
    assert_protocol(events)
    assert code == 0 and events[-1]["state"] == "stopped", events[-1]
    assert events[-1]["message"].startswith("stopped at step 3 of 6; checkpoint and policy saved")
    assert [(e["kind"], e["step"]) for e in events if e["event"] == "artifact"] == [("checkpoint", 3), ("policy", 3)]

    code, resumed = run_in_process("rl", rl.train, spec)
    assert_protocol(resumed)
    assert code == 0 and resumed[-1]["state"] == "finished", resumed[-1]
    assert any(e["event"] == "log" and e["message"].endswith("checkpoint-3 (step 3)") for e in resumed)
    assert [step for step, _ in metrics(resumed, "train/reward")] == [4, 5, 6]
    assert {e["step"] for e in resumed if e["event"] == "sample"} == {4, 5, 6}


def test_samples_without_a_remote_reward_are_dropped_and_counted(sft_policy, reward_server, tmp_path: Path):
    spec = rl_spec(tmp_path, sft_policy, {"url": reward_server.url("/flaky")}, 6, hyper={"batch_size": 8})
    code, events = run_in_process("rl", rl.train, spec)
    assert_protocol(events)
    assert code == 0 and events[-1]["state"] == "finished", events[-1]
    unrewarded = reward_server.unrewarded["/flaky"]
    assert unrewarded == 8 + 2  # the whole second request, and one sample of the third and the sixth
    assert sum(v for _, v in metrics(events, "train/dropped_samples")) == unrewarded
    assert sum(e["reward"] is None for e in events if e["event"] == "sample") == unrewarded
    assert events[-1]["message"].endswith(f"; {unrewarded} samples dropped for want of a reward")
    failures = [e for e in events if e["event"] == "log" and e["level"] == "warning"]
    assert [e["message"] for e in failures] == [
        f"reward request to {reward_server.url('/flaky')} failed: HTTP 500 Internal Server Error"]
    assert all(np.isfinite(v) for _, v in metrics(events, "train/reward"))


def test_a_reward_endpoint_that_keeps_failing_fails_the_run_after_three_steps(sft_policy, reward_server,
                                                                             tmp_path: Path):
    spec = rl_spec(tmp_path, sft_policy, {"url": reward_server.url("/down")}, 10, hyper={"batch_size": 8})
    code, events = run_in_process("rl", rl.train, spec)
    assert_protocol(events)
    assert code == 1 and events[-1]["state"] == "failed"
    assert events[-1]["message"].startswith("the reward endpoint failed for 3 steps in a row (reward request to ")
    assert {e["step"] for e in events if e["event"] == "sample"} == {1, 2, 3}


def test_grpo_with_a_reward_model_scores_samples_as_the_app_would(sft_policy, trained_rm, tmp_path: Path):
    from test_onnx_parity import encode
    from tokenizers import Tokenizer
    import onnxruntime

    _, _, rm_out, _ = trained_rm
    spec = rl_spec(tmp_path, sft_policy, {"model": str(rm_out / "model")}, 2, rl={"algorithm": "grpo", "beta": 0.1},
                   hyper={"batch_size": 8})
    code, events = run_in_process("rl", rl.train, spec)
    assert_protocol(events)
    assert code == 0 and events[-1]["message"].startswith("2 steps of GRPO (beta 0.1)"), events[-1]
    scoring = json.loads((rm_out / "onnx" / "scoring.json").read_text())
    tokenizer = Tokenizer.from_file(str(rm_out / "onnx" / "tokenizer.json"))
    session = onnxruntime.InferenceSession(str(rm_out / "onnx" / "model.onnx"))
    for sample in [e for e in events if e["event"] == "sample"][:4]:
        ids = np.array([encode(scoring, tokenizer, sample["prompt"], sample["completion"])], dtype=np.int64)
        (logits,) = session.run(["logits"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        assert abs(float(logits[0, 0]) - sample["reward"]) < 1e-4
    assert metrics(events, "train/kl")[0] == (1, 0.0)
