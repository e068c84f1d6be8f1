"""Best-of-n: n samples per prompt from a policy, the reward picks one -> outputs.jsonl, artifact "outputs".

    python -m rlaif_trainers.best_of_n --spec SPEC.json

The cheap baseline against RL. A candidate without a reward (a remote failure) cannot be picked; a prompt none of
whose candidates got a reward is left out of outputs.jsonl and counted, never given an unjudged response.
"""
from __future__ import annotations

import sys

from . import data, policy, rewards
from .generate import batches, prepare
from .runner import Outcome, Run, main


def pick(candidates: list[str], found: list[float | None]) -> tuple[str, float] | None:
    scored = [(reward, i) for i, reward in enumerate(found) if reward is not None]
    if not scored:
        return None
    reward, index = max(scored, key=lambda pair: (pair[0], -pair[1]))  # ties go to the first candidate
    return candidates[index], reward


def train(run: Run) -> Outcome:
    rows, originals, model, tokenizer, chat = prepare(run)
    source = rewards.source(run)
    n, outputs, unjudged = run.spec.generation.n, [], 0
    run.events.progress(0, len(rows), "prompt")
    for start, chunk in batches(rows, run.spec.generation.batch_size):
        if run.stop.is_set():
            return Outcome("stopped", f"stopped after {start} of {len(rows)} prompts; nothing written")
        texts = [policy.prompt_text(tokenizer, r["prompt"], chat) for r in chunk]
        samples = policy.sample(model, tokenizer, texts, run.spec.generation, n=n)
        batch = rewards.Batch([r["id"] for r in chunk for _ in range(n)],
                              [originals[start + i] for i in range(len(chunk)) for _ in range(n)],
                              [t for t in texts for _ in range(n)], [c for group in samples for c in group])
        found = source(batch)
        for message in source.failures:
            run.events.log(message, "warning")
        source.failures.clear()
        for offset, (row, candidates) in enumerate(zip(chunk, samples)):
            scores = found[offset * n:(offset + 1) * n]
            best = pick(candidates, scores)
            prompt = originals[start + offset]
            if best is None:
                unjudged += 1
                continue
            outputs.append({"id": row["id"], "prompt": prompt, "response": best[0], "reward": best[1],
                            "candidates": [{"response": c, "reward": r} for c, r in zip(candidates, scores)]})
            run.events.sample(start + offset + 1, prompt, best[0], best[1], id=row["id"])
        run.events.progress(start + len(chunk), len(rows), "prompt")
    data.write(run.output / "outputs.jsonl", outputs)
    run.events.artifact("outputs", str(run.output / "outputs.jsonl"), format="jsonl")
    left_out = f"; {unjudged} prompts left out: none of their candidates got a reward" if unjudged else ""
    return Outcome("finished", f"best of {n} for {len(outputs)} prompts{left_out}")


if __name__ == "__main__":
    sys.exit(main("best-of-n", train))
