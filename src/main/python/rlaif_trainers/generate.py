"""Generate: a policy writes one response per prompt (seeded) -> outputs.jsonl, artifact "outputs".

    python -m rlaif_trainers.generate --spec SPEC.json
"""
from __future__ import annotations

import sys

import torch

from . import backbones, data, policy
from .runner import Outcome, Run, main


def prepare(run: Run):
    """What generate and best-of-n share: the prompts, the policy, its tokenizer and how it is asked."""
    rows = data.read(run.spec.data["prompts"], data.PROMPT)
    name = backbones.resolve(run, lambda: (r["prompt"] for r in rows))
    backbones.check_architecture(name, "causal-lm")
    tokenizer = backbones.load_tokenizer(name)
    model = policy.load(name, run)
    chat = policy.use_chat(run, tokenizer)
    originals = [r["prompt"] for r in rows]
    rows = policy.cut_prompts(run, tokenizer, [dict(r) for r in rows])
    torch.manual_seed(run.spec.seed)
    return rows, originals, model, tokenizer, chat


def batches(rows: list[dict], size: int):
    for start in range(0, len(rows), size):
        yield start, rows[start:start + size]


def train(run: Run) -> Outcome:
    rows, originals, model, tokenizer, chat = prepare(run)
    outputs = []
    run.events.progress(0, len(rows), "prompt")
    for start, chunk in batches(rows, run.spec.generation.batch_size):
        if run.stop.is_set():
            return Outcome("stopped", f"stopped after {start} of {len(rows)} prompts; nothing written")
        texts = [policy.prompt_text(tokenizer, r["prompt"], chat) for r in chunk]
        for offset, (row, (response,)) in enumerate(zip(chunk, policy.sample(model, tokenizer, texts,
                                                                             run.spec.generation))):
            outputs.append({"id": row["id"], "prompt": originals[start + offset], "response": response})
            run.events.sample(start + offset + 1, originals[start + offset], response, None, id=row["id"])
        run.events.progress(start + len(chunk), len(rows), "prompt")
    data.write(run.output / "outputs.jsonl", outputs)
    run.events.artifact("outputs", str(run.output / "outputs.jsonl"), format="jsonl")
    return Outcome("finished", f"{len(outputs)} responses written")


if __name__ == "__main__":
    sys.exit(main("generate", train))
