"""A spec that cannot run fails before anything starts, with a message naming the file, the field and the fix."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from conftest import assert_protocol, run_in_process, toy_preferences, write_spec

from rlaif_trainers import spec as specs


def never_called(run):
    raise AssertionError("training must not start")


def failure(tmp_path: Path, **overrides) -> str:
    """Runs the reward-model trainer on a spec with `overrides`; returns the failure's message."""
    data = overrides.pop("data", None) or toy_preferences(tmp_path, train=4, held_out=2)
    spec = write_spec(tmp_path, overrides.pop("trainer", "reward-model"), data, **overrides)
    code, events = run_in_process("reward-model", never_called, spec)
    assert_protocol(events)
    assert code == 1 and [e["event"] for e in events] == ["hello", "status"], events
    assert events[-1]["state"] == "failed"
    return events[-1]["message"]


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_cuda_asked_for_on_a_machine_without_it_fails_before_training(tmp_path: Path):
    message = failure(tmp_path, device="cuda")
    assert message.startswith('device "cuda" was asked for, but this torch (')
    assert 'choose device "cpu" or "auto"' in message
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("overrides, expected", [
    ({"device": "tpu"}, "device: must be one of auto, cpu, cuda, got \"tpu\""),
    ({"hyper": {"batch_size": 0}}, "hyper.batch_size: must be positive, got 0"),
    ({"hyper": {"batch_size": "8"}}, "hyper.batch_size: must be an integer, got \"8\""),
    ({"hyper": {"learning_rate": -1}}, "hyper.learning_rate: must be a positive number, got -1.0"),
    ({"hyper": {"lr": 1}}, "hyper.lr: unknown setting"),
    ({"protocol": 2}, "protocol: this trainer speaks protocol 1, the spec asks for 2"),
    ({"data": {"train": "/nonexistent/train.jsonl", "eval": "/nonexistent/eval.jsonl"}},
     "data.train: no such file: /nonexistent/train.jsonl"),
    ({"lora": {"r": 0}}, "lora.r: must be positive, got 0"),
    ({"trainer": "sft"}, "trainer: this is the reward-model trainer, the spec is for sft"),
])
def test_a_bad_setting_is_named_with_what_is_wrong(tmp_path: Path, overrides, expected):
    message = failure(tmp_path, **overrides)
    assert message.startswith(f"spec {tmp_path / 'spec.json'}: "), message
    assert expected in message, message


def test_a_spec_that_is_not_json_names_the_line(tmp_path: Path):
    path = tmp_path / "spec.json"
    path.write_text('{"trainer": "reward-model",\n "seed": 1,,\n}')
    with pytest.raises(specs.SpecError, match=r"spec .*spec.json:2: not valid JSON"):
        specs.load(path)


def test_an_rl_run_needs_exactly_one_reward_source(tmp_path: Path):
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text(json.dumps({"id": 1, "prompt": "p"}) + "\n")
    raw = {"trainer": "rl", "output_dir": str(tmp_path / "out"), "data": {"train": str(prompts)}}
    with pytest.raises(specs.SpecError, match="needs exactly one of reward.model"):
        specs.parse(raw)
    with pytest.raises(specs.SpecError, match="reward.url: must be an http:// or https:// URL"):
        specs.parse({**raw, "reward": {"url": "ftp://x"}})
    with pytest.raises(specs.SpecError, match="is not a reward model folder"):
        specs.parse({**raw, "reward": {"model": str(tmp_path)}})
    assert specs.parse({**raw, "reward": {"url": "http://127.0.0.1:1/reward"}}).reward.timeout_s == 60.0


def test_a_backbone_folder_that_is_not_a_model_fails_before_training(tmp_path: Path):
    from rlaif_trainers import reward_model

    not_a_model = tmp_path / "weights"
    not_a_model.mkdir()
    data = toy_preferences(tmp_path, train=4, held_out=2)
    code, events = run_in_process("reward-model", reward_model.train,
                                  write_spec(tmp_path, "reward-model", data, backbone=str(not_a_model)))
    assert code == 1 and events[-1]["message"] == (
        f"backbone {not_a_model} is not a model folder: it has no config.json (pass a folder written by "
        "save_pretrained, a Hugging Face model id, or tiny)")
    assert not any(e["event"] == "progress" for e in events)


def test_unknown_top_level_keys_are_reported_not_fatal(tmp_path: Path):
    data = toy_preferences(tmp_path, train=4, held_out=2)
    spec = specs.load(write_spec(tmp_path, "reward-model", data, labels="humans"))
    assert spec.unknown_keys == ["labels"]
