"""ONNX Runtime's reward for a pair equals the trainer's own, following scoring.json as the app's DJL scorer does.

The recipe is implemented here a second time from scoring.json alone (the `tokenizers` library on tokenizer.json,
no transformers), so a trainer that tokenized differently from what it wrote down would fail this test.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from tokenizers import Tokenizer
from transformers import AutoModelForSequenceClassification


def encode(scoring: dict, tokenizer: Tokenizer, prompt: str, response: str) -> list[int]:
    text = scoring["template"].replace("{prompt}", prompt).replace("{response}", response)
    ids = tokenizer.encode(text, add_special_tokens=scoring["add_special_tokens"]).ids
    if scoring["append_eos"]:
        ids = ids + [scoring["eos_token_id"]]
    assert scoring["truncation"] == "left"
    return ids[-scoring["max_length"]:]


def onnx_rewards(folder: Path, held_out: list[dict]) -> tuple[list[float], list[float], dict]:
    scoring = json.loads((folder / "scoring.json").read_text())
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    session = onnxruntime.InferenceSession(str(folder / "model.onnx"))
    rewards = {"a": [], "b": []}
    for row in held_out:
        for side in ("a", "b"):
            ids = np.array([encode(scoring, tokenizer, row["prompt"], row[f"response_{side}"])], dtype=np.int64)
            (logits,) = session.run([scoring["output"]], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            rewards[side].append(float(logits[0, 0]))
    return rewards["a"], rewards["b"], scoring


def test_onnx_runtime_scores_every_held_out_pair_as_the_trainer_did_within_1e_4(trained_rm):
    _, _, out, data = trained_rm
    held_out = [json.loads(line) for line in Path(data["eval"]).read_text().splitlines()]
    a, b, scoring = onnx_rewards(out / "onnx", held_out)
    trainer = {s["id"]: s for s in map(json.loads, (out / "scores.jsonl").read_text().splitlines())}
    assert scoring["max_length"] == 32 and scoring["inputs"] == ["input_ids", "attention_mask"]
    for row, reward_a, reward_b in zip(held_out, a, b):
        assert abs(reward_a - trainer[row["id"]]["reward_a"]) < 1e-4, row["id"]
        assert abs(reward_b - trainer[row["id"]]["reward_b"]) < 1e-4, row["id"]
    assert len(set(np.round(a + b, 3))) > 2, "rewards must differ between responses for the test to mean anything"


def test_a_padded_batch_scores_like_single_pairs_and_the_saved_model_agrees(trained_rm):
    """The app may score in padded batches; the saved Hugging Face model must give the same rewards as ONNX."""
    _, _, out, data = trained_rm
    held_out = [json.loads(line) for line in Path(data["eval"]).read_text().splitlines()][:6]
    single_a, _, scoring = onnx_rewards(out / "onnx", held_out)
    tokenizer = Tokenizer.from_file(str(out / "onnx" / "tokenizer.json"))
    rows = [encode(scoring, tokenizer, r["prompt"], r["response_a"]) for r in held_out]
    width = max(map(len, rows))
    ids = np.full((len(rows), width), scoring["pad_token_id"], dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, :len(r)], mask[i, :len(r)] = r, 1
    session = onnxruntime.InferenceSession(str(out / "onnx" / "model.onnx"))
    (batched,) = session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
    np.testing.assert_allclose(batched[:, 0], single_a, atol=1e-4)
    model = AutoModelForSequenceClassification.from_pretrained(out / "model").eval()
    with torch.no_grad():
        saved = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits[:, 0].numpy()
    np.testing.assert_allclose(saved, single_a, atol=1e-4)
