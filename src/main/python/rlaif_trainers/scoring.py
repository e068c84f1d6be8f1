"""How a (prompt, response) becomes token ids for a reward model, and scoring many of them with torch.

The recipe is written next to the ONNX export as `scoring.json` (decision 22) and the app's DJL scorer follows it,
so a reward read in the app equals the trainer's own reward for the same pair. Training, evaluation, scores.jsonl,
best-of-n and RL rewards all go through this one recipe.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

TEMPLATE = "{prompt}\n\n{response}"


@dataclass(frozen=True)
class Recipe:
    eos_token_id: int | None
    pad_token_id: int
    max_length: int
    template: str = TEMPLATE

    @staticmethod
    def for_tokenizer(tokenizer: PreTrainedTokenizerBase, max_length: int) -> "Recipe":
        return Recipe(tokenizer.eos_token_id, tokenizer.pad_token_id, max_length)

    def encode(self, tokenizer: PreTrainedTokenizerBase, prompt: str, response: str) -> tuple[list[int], bool]:
        """Token ids, cut from the left to max_length (the response's end, where the reward is read, stays);
        and whether anything was cut."""
        text = self.template.format(prompt=prompt, response=response)
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        if self.eos_token_id is not None:
            ids.append(self.eos_token_id)
        return ids[-self.max_length:], len(ids) > self.max_length

    def to_json(self) -> dict[str, Any]:
        return {"format": 1, "template": self.template, "add_special_tokens": False,
                "append_eos": self.eos_token_id is not None, "eos_token_id": self.eos_token_id,
                "pad_token_id": self.pad_token_id, "max_length": self.max_length, "truncation": "left",
                "inputs": ["input_ids", "attention_mask"], "output": "logits"}

    def save(self, folder: Path) -> None:
        (folder / "scoring.json").write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")

    @staticmethod
    def read(folder: Path) -> "Recipe":
        raw = json.loads((folder / "scoring.json").read_text(encoding="utf-8"))
        return Recipe(raw["eos_token_id"], raw["pad_token_id"], raw["max_length"], raw["template"])


def pad_batch(sequences: list[list[int]], pad_id: int, device: torch.device) -> dict[str, torch.Tensor]:
    """Right-pads to the longest sequence; the model reads each reward at the last token that is not padding."""
    width = max(len(s) for s in sequences)
    ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(sequences), width), dtype=torch.long)
    for row, seq in enumerate(sequences):
        ids[row, :len(seq)] = torch.tensor(seq, dtype=torch.long)
        mask[row, :len(seq)] = 1
    return {"input_ids": ids.to(device), "attention_mask": mask.to(device)}


@torch.no_grad()
def score_ids(model: PreTrainedModel, sequences: list[list[int]], pad_id: int, batch_size: int = 32) -> list[float]:
    """Rewards for token sequences, batched by length so little is spent on padding; in the input's order."""
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
    rewards = [0.0] * len(sequences)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        batch = pad_batch([sequences[i] for i in chunk], pad_id, device)
        logits = model(**batch, use_cache=False).logits[:, 0].float().cpu().tolist()
        for i, value in zip(chunk, logits):
            rewards[i] = value
    model.train(was_training)
    return rewards


class RewardScorer:
    """A trained reward model (a reward-model run's `model/` folder) scoring (prompt, response) pairs."""

    def __init__(self, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, recipe: Recipe):
        self.model, self.tokenizer, self.recipe = model, tokenizer, recipe

    def score(self, prompts: list[str], responses: list[str], batch_size: int = 32) -> list[float]:
        ids = [self.recipe.encode(self.tokenizer, p, r)[0] for p, r in zip(prompts, responses, strict=True)]
        return score_ids(self.model, ids, self.recipe.pad_token_id, batch_size)
