"""Reward-model trainer: TRL's RewardTrainer (Bradley-Terry) on preference pairs, judged on held-out human pairs.

    python -m rlaif_trainers.reward_model --spec SPEC.json

Pairs are tokenized here with the scoring recipe (scoring.py) and cut from the left to max_length, because
RewardTrainer would silently drop every pair longer than that. At the end: `model/`, `onnx/`, `scores.jsonl`
(decision 22).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

import torch
from datasets import Dataset
from transformers import TrainerCallback
from trl import RewardConfig, RewardTrainer

from . import backbones, data, onnx_export, trl_args
from .control import RunControl
from .protocol import Events
from .reporting import Reporter
from .runner import Outcome, Run, main, train_until_stopped
from .scoring import Recipe, score_ids


@dataclass
class HeldOut:
    """The held-out human pairs, tokenized: each pair is scored as (prompt, A) and (prompt, B)."""
    rows: list[dict]
    ids_a: list[list[int]]
    ids_b: list[list[int]]

    def evaluate(self, model: torch.nn.Module, pad_id: int, batch_size: int) -> tuple[list[float], list[float]]:
        rewards = score_ids(model, self.ids_a + self.ids_b, pad_id, batch_size)
        return rewards[:len(self.rows)], rewards[len(self.rows):]

    def report(self, events: Events, step: int, rewards_a: list[float], rewards_b: list[float]) -> float:
        """Agreement with the human verdicts (a tie counts half), the Bradley-Terry loss on them, the margin."""
        agree, loss, margin = 0.0, 0.0, 0.0
        for row, a, b in zip(self.rows, rewards_a, rewards_b):
            diff = a - b if row["human"] == "A" else b - a
            agree += 1.0 if diff > 0 else 0.5 if diff == 0 else 0.0
            loss += torch.nn.functional.softplus(torch.tensor(-diff)).item()
            margin += diff
        n = len(self.rows)
        events.metric(step, "eval/human_agreement", agree / n)
        events.metric(step, "eval/loss", loss / n)
        events.metric(step, "eval/margin", margin / n)
        events.metric(step, "eval/mean_reward", (sum(rewards_a) + sum(rewards_b)) / (2 * n))
        return agree / n


class HumanAgreement(TrainerCallback):
    """Scores the held-out pairs before the first step (the untrained baseline) and every eval_steps; the end of
    training is scored by the trainer itself, with the model it saves."""

    def __init__(self, held_out: HeldOut, events: Events, pad_id: int, every: int, batch_size: int):
        self.held_out, self.events, self.pad_id = held_out, events, pad_id
        self.every, self.batch_size = every, batch_size

    def on_train_begin(self, args, state, control, model=None, **kwargs):
        self._evaluate(model, state.global_step)

    def on_step_end(self, args, state, control, model=None, **kwargs):
        if state.global_step % self.every == 0 and state.global_step < state.max_steps:
            self._evaluate(model, state.global_step)

    def _evaluate(self, model, step: int) -> None:
        a, b = self.held_out.evaluate(model, self.pad_id, self.batch_size)
        self.held_out.report(self.events, step, a, b)


def tokenize_pairs(run: Run, tokenizer, recipe: Recipe, train_rows: list[dict], eval_rows: list[dict]):
    truncated = 0
    columns: dict[str, list] = {"chosen_ids": [], "rejected_ids": [], "length": []}
    for row in train_rows:
        chosen, cut_c = recipe.encode(tokenizer, row["prompt"], row["chosen"])
        rejected, cut_r = recipe.encode(tokenizer, row["prompt"], row["rejected"])
        truncated += cut_c or cut_r
        columns["chosen_ids"].append(chosen)
        columns["rejected_ids"].append(rejected)
        columns["length"].append(max(len(chosen), len(rejected)))
    encoded_a = [recipe.encode(tokenizer, r["prompt"], r["response_a"]) for r in eval_rows]
    encoded_b = [recipe.encode(tokenizer, r["prompt"], r["response_b"]) for r in eval_rows]
    eval_truncated = sum(a[1] or b[1] for a, b in zip(encoded_a, encoded_b))
    if truncated or eval_truncated:
        run.events.log(f"{truncated} of {len(train_rows)} training pairs and {eval_truncated} of {len(eval_rows)} "
                       f"held-out pairs were longer than max_length {recipe.max_length} and were cut from the left "
                       "(none dropped)", "warning")
    run.events.metric(0, "train/truncated_pairs", truncated)
    held_out = HeldOut(eval_rows, [a[0] for a in encoded_a], [b[0] for b in encoded_b])
    return Dataset.from_dict(columns), held_out, truncated


def build_trainer(run: Run, model_name: str, tokenizer, dataset: Dataset, callbacks: list) -> RewardTrainer:
    args = RewardConfig(**trl_args.common(run, run.output / "checkpoints"),
                        max_length=None,  # pairs are already cut to max_length; None keeps TRL from dropping any
                        remove_unused_columns=False,  # keeps "length" for the length-grouped sampler
                        train_sampling_strategy="group_by_length",
                        model_init_kwargs={"dtype": run.device.dtype})
    return RewardTrainer(model=model_name, args=args, train_dataset=dataset, processing_class=tokenizer,
                         callbacks=callbacks, peft_config=trl_args.lora_config(run.spec.lora, "SEQ_CLS"))


def train(run: Run) -> Outcome:
    spec = run.spec
    train_rows = data.read(spec.data["train"], data.PAIR, min_rows=2)
    eval_rows = data.read(spec.data["eval"], data.HELD_OUT_PAIR, min_rows=1)
    model_name = backbones.resolve(run, lambda: (r[k] for r in train_rows for k in ("prompt", "chosen", "rejected")))
    tokenizer = backbones.load_tokenizer(model_name)
    recipe = Recipe.for_tokenizer(tokenizer, spec.hyper.max_length)
    dataset, held_out, truncated = tokenize_pairs(run, tokenizer, recipe, train_rows, eval_rows)

    control = RunControl(run.stop, save_on_stop=False)
    batch = spec.hyper.batch_size
    callbacks = [Reporter(run.events, "pairs", batch * spec.hyper.gradient_accumulation_steps), control,
                 HumanAgreement(held_out, run.events, recipe.pad_token_id, spec.hyper.eval_steps, batch * 2)]
    trainer = build_trainer(run, model_name, tokenizer, dataset, callbacks)
    ended = train_until_stopped(trainer, control, run.stop)
    if ended:
        return ended
    step = trainer.state.global_step

    model = trainer.model.merge_and_unload() if spec.lora is not None else trainer.model
    model = model.float()
    save_model(run, model, tokenizer, recipe, step)
    if control.stopped:
        return Outcome("stopped", f"stopped at step {step} of {trainer.state.max_steps}; model saved")

    rewards_a, rewards_b = held_out.evaluate(model, recipe.pad_token_id, batch * 2)
    agreement = held_out.report(run.events, step, rewards_a, rewards_b)
    scores = [{"id": r["id"], "reward_a": a, "reward_b": b} for r, a, b in zip(eval_rows, rewards_a, rewards_b)]
    data.write(run.output / "scores.jsonl", scores)
    run.events.artifact("scores", str(run.output / "scores.jsonl"), step=step, format="jsonl")
    if spec.export_onnx:
        folder = onnx_export.export(model, tokenizer, recipe, run.output / "onnx")
        run.events.artifact("onnx", str(folder), step=step, format="onnx")
    return Outcome("finished", f"{step} steps on {len(train_rows)} pairs ({truncated} cut from the left to "
                               f"{recipe.max_length} tokens, none dropped); held-out agreement with humans "
                               f"{agreement:.3f} on {len(eval_rows)} pairs")


def save_model(run: Run, model, tokenizer, recipe: Recipe, step: int) -> None:
    folder = run.output / "model"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    recipe.save(folder)
    run.events.artifact("reward-model", str(folder), step=step, format="huggingface")


if __name__ == "__main__":
    sys.exit(main("reward-model", train))
