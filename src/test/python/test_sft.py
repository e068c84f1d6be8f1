"""The SFT trainer on the tiny backbone: events, the held-out loss, checkpoints, the saved policy."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import (artifacts, assert_protocol, metrics, run_in_process, toy_demonstrations, write_jsonl,
                      write_spec)
from transformers import AutoModelForCausalLM

from rlaif_trainers import sft


def test_sft_events_follow_the_protocol_and_the_policy_is_saved(sft_policy):
    code, events, out, _ = sft_policy
    assert_protocol(events)
    assert code == 0 and events[-1]["state"] == "finished", events[-1]
    found = artifacts(events)
    assert found["policy"] == str(out / "policy") and found["backbone"] == str(out / "backbone")
    checkpoints = [e for e in events if e["event"] == "artifact" and e["kind"] == "checkpoint"]
    assert [e["step"] for e in checkpoints] == [24, 48]
    assert all(Path(e["path"]).is_dir() for e in checkpoints)
    assert AutoModelForCausalLM.from_pretrained(out / "policy").config.architectures == ["Qwen2ForCausalLM"]
    names = {e["name"] for e in events if e["event"] == "metric"}
    assert {"train/loss", "train/mean_token_accuracy", "train/samples_per_second", "eval/loss"} <= names


def test_the_held_out_loss_falls(sft_policy):
    _, events, _, _ = sft_policy
    eval_loss = metrics(events, "eval/loss")
    assert [step for step, _ in eval_loss] == [16, 32, 48]
    assert eval_loss[-1][1] < 0.7 * eval_loss[0][1], eval_loss


def test_a_policy_folder_that_is_not_a_causal_lm_fails_before_training(tmp_path: Path, trained_rm):
    _, _, rm_out, _ = trained_rm
    data = toy_demonstrations(tmp_path, count=8)
    code, events = run_in_process("sft", sft.train, write_spec(tmp_path, "sft", {"train": data["train"]},
                                                               backbone=str(rm_out / "model")))
    assert code == 1
    assert events[-1]["message"].startswith(f"{rm_out / 'model'} is not a causal language model")
    assert not any(e["event"] == "progress" for e in events)


def test_a_long_sample_loses_the_start_of_its_prompt_and_is_counted(tmp_path: Path):
    data = toy_demonstrations(tmp_path, count=8)
    rows = [json.loads(line) for line in Path(data["train"]).read_text().splitlines()]
    rows[0]["prompt"] = "Background: " + "rain and snow and salt " * 40 + rows[0]["prompt"]
    write_jsonl(Path(data["train"]), rows)
    spec = write_spec(tmp_path, "sft", {"train": data["train"]}, hyper={"max_steps": 1, "max_length": 48})
    code, events = run_in_process("sft", sft.train, spec)
    assert code == 0, events[-1]
    assert metrics(events, "train/truncated_samples") == [(0, 1.0)]
    assert "1 of 8 samples were longer than max_length 48 tokens" in [
        e["message"] for e in events if e["event"] == "log"][-1]


def test_lora_trains_an_adapter_and_saves_a_merged_policy(tmp_path: Path):
    data = toy_demonstrations(tmp_path, count=8)
    spec = write_spec(tmp_path, "sft", {"train": data["train"]}, lora={"r": 4, "alpha": 8, "dropout": 0.0},
                      hyper={"max_steps": 2, "max_length": 48})
    code, events = run_in_process("sft", sft.train, spec)
    assert code == 0 and events[-1]["state"] == "finished", events[-1]
    saved = {p.name for p in (tmp_path / "out" / "policy").iterdir()}
    assert "config.json" in saved and "adapter_config.json" not in saved
