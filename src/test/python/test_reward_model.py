"""The reward-model trainer end to end on the tiny offline backbone: events, learning, artifacts, LoRA."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import artifacts, assert_protocol, metrics, run_in_process, toy_preferences, write_jsonl, write_spec

from rlaif_trainers import reward_model


def test_every_event_follows_the_protocol_and_the_run_finishes(trained_rm):
    code, events, _, _ = trained_rm
    assert_protocol(events)
    assert code == 0 and events[-1]["state"] == "finished", events[-1]
    progress = [e for e in events if e["event"] == "progress"]
    assert progress[-1]["done"] == progress[-1]["total"] == 16
    names = {e["name"] for e in events if e["event"] == "metric"}
    for name in ("train/loss", "train/accuracy", "train/margin", "train/learning_rate", "train/pairs_per_second",
                 "train/tokens_per_second", "eval/human_agreement", "eval/loss"):
        assert name in names, name
    assert events[0]["device"]["type"] == "cpu" and events[0]["versions"]["trl"] == "1.13.0"


def test_held_out_agreement_rises_from_the_untrained_model_to_clearly_above_chance(trained_rm):
    _, events, _, _ = trained_rm
    agreement = metrics(events, "eval/human_agreement")
    loss = metrics(events, "eval/loss")
    assert agreement[0][0] == 0 and agreement[-1][0] == 16, agreement
    assert agreement[-1][1] >= 0.9, agreement
    # A random model may order a systematic cue either way; the held-out loss shows it was learned.
    assert loss[-1][1] < 0.5 * loss[0][1], loss


def test_long_pairs_are_cut_from_the_left_and_counted_never_dropped(trained_rm):
    _, events, _, _ = trained_rm
    assert metrics(events, "train/truncated_pairs") == [(0, 16.0)]  # every fourth of 64 pairs has a long prompt
    assert "16 cut from the left" in events[-1]["message"]
    assert "16 steps on 64 pairs" in events[-1]["message"]  # 64 pairs, 2 epochs of batch 8: none dropped


def test_scores_file_has_both_rewards_of_every_held_out_pair_and_the_final_agreement(trained_rm):
    _, events, out, data = trained_rm
    held_out = [json.loads(line) for line in Path(data["eval"]).read_text().splitlines()]
    scores = {s["id"]: s for s in map(json.loads, (out / "scores.jsonl").read_text().splitlines())}
    assert set(scores) == {row["id"] for row in held_out}
    agree = sum((scores[r["id"]]["reward_a"] > scores[r["id"]]["reward_b"]) == (r["human"] == "A") for r in held_out)
    assert metrics(events, "eval/human_agreement")[-1][1] == pytest.approx(agree / len(held_out))


def test_artifacts_are_the_saved_model_the_onnx_folder_and_the_scores(trained_rm):
    _, events, out, _ = trained_rm
    found = artifacts(events)
    assert found == {"backbone": str(out / "backbone"), "reward-model": str(out / "model"),
                     "onnx": str(out / "onnx"), "scores": str(out / "scores.jsonl")}
    assert (out / "model" / "config.json").is_file() and (out / "model" / "scoring.json").is_file()
    assert {"model.onnx", "tokenizer.json", "scoring.json"} <= {p.name for p in (out / "onnx").iterdir()}


def test_lora_trains_an_adapter_and_saves_a_merged_model(tmp_path: Path):
    data = toy_preferences(tmp_path, train=16, held_out=4)
    spec = write_spec(tmp_path, "reward-model", data, lora={"r": 4, "alpha": 8, "dropout": 0.0},
                      hyper={"max_steps": 2, "batch_size": 4})
    code, events = run_in_process("reward-model", reward_model.train, spec)
    assert_protocol(events)
    assert code == 0 and events[-1]["state"] == "finished", events[-1]
    saved = {p.name for p in (tmp_path / "out" / "model").iterdir()}
    assert "config.json" in saved and "adapter_config.json" not in saved


def test_an_infinite_learning_rate_ends_the_run_diverged_with_nothing_saved(tmp_path: Path):
    data = toy_preferences(tmp_path, train=32, held_out=4)
    spec = write_spec(tmp_path, "reward-model", data, hyper={"max_steps": 6, "batch_size": 4,
                                                              "learning_rate": float("inf"), "logging_steps": 1})
    code, events = run_in_process("reward-model", reward_model.train, spec)
    assert_protocol(events)
    assert code == 1 and events[-1]["state"] == "diverged", events[-1]
    assert "loss is nan" in events[-1]["message"] or "grad_norm" in events[-1]["message"]
    assert not (tmp_path / "out" / "model").exists()


def test_a_bad_line_in_the_training_data_fails_naming_file_and_line(tmp_path: Path):
    data = toy_preferences(tmp_path, train=4, held_out=2)
    lines = Path(data["train"]).read_text().splitlines()
    lines[2] = '{"id": 3, "prompt": "p", "chosen": 5, "rejected": "r"}'
    Path(data["train"]).write_text("\n".join(lines) + "\n")
    code, events = run_in_process("reward-model", reward_model.train, write_spec(tmp_path, "reward-model", data))
    assert_protocol(events)
    assert code == 1 and events[-1]["state"] == "failed"
    assert events[-1]["message"] == f'{data["train"]}:3: "chosen" must be a str, got 5'
    assert not any(e["event"] == "progress" for e in events)


def test_a_held_out_pair_without_a_human_verdict_fails_before_training(tmp_path: Path):
    data = toy_preferences(tmp_path, train=4, held_out=2)
    write_jsonl(Path(data["eval"]), [{"id": 1, "prompt": "p", "response_a": "a", "response_b": "b", "human": "tie"}])
    code, events = run_in_process("reward-model", reward_model.train, write_spec(tmp_path, "reward-model", data))
    assert code == 1 and 'eval.jsonl:1: "human" must be "A" or "B", got "tie"' in events[-1]["message"]
