"""A trained reward model as ONNX, with the tokenizer and the scoring recipe the app's DJL scorer follows.

Exported in float32 on the CPU with torch's dynamo exporter (decision 28), batch and sequence length dynamic.
Models whose weights pass 1.5 GB keep them in `model.onnx.data` beside the graph (protobuf's 2 GB limit).
"""
from __future__ import annotations

import copy
from pathlib import Path

import torch
from transformers import PreTrainedModel, PreTrainedTokenizerBase

from .scoring import Recipe

EXTERNAL_DATA_BYTES = 1_500_000_000


class _Logits(torch.nn.Module):
    """input_ids, attention_mask -> logits [batch, 1]: the two inputs and the output scoring.json names."""

    def __init__(self, model: PreTrainedModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits


def export(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, recipe: Recipe, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    cpu_model = copy.deepcopy(model).to("cpu", torch.float32).eval()
    example = torch.tensor([[recipe.pad_token_id + 1] * 8, [recipe.pad_token_id + 1] * 6 + [recipe.pad_token_id] * 2])
    mask = (example != recipe.pad_token_id).long()
    batch, sequence = torch.export.Dim("batch"), torch.export.Dim("sequence")
    weight_bytes = sum(p.numel() * p.element_size() for p in cpu_model.parameters())
    target = folder / "model.onnx"
    with torch.no_grad():
        torch.onnx.export(_Logits(cpu_model).eval(), (example, mask), str(target), dynamo=True,
                          input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_shapes={"input_ids": {0: batch, 1: sequence},
                                          "attention_mask": {0: batch, 1: sequence}},
                          external_data=weight_bytes > EXTERNAL_DATA_BYTES)
    # The tokenizer the trainer really used (transformers may replace parts of a tokenizer.json when it loads one).
    tokenizer.backend_tokenizer.save(str(folder / "tokenizer.json"))
    recipe.save(folder)
    return folder
