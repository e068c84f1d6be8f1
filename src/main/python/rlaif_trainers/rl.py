"""RL trainer: TRL's RLOOTrainer (or GRPOTrainer) from a policy, KL to that policy, rewards from a reward model or
a remote endpoint (decision 22, decision 29).

    python -m rlaif_trainers.rl --spec SPEC.json

Every completion is a `sample` event with its reward; a sample without a reward is dropped from the update and
counted, never given a made-up one. Checkpoints every `save_steps` and on stop; a new run on the same output_dir
resumes from the last checkpoint.
"""
from __future__ import annotations

import sys
from pathlib import Path

from datasets import Dataset
from transformers.trainer_utils import get_last_checkpoint
from trl import GRPOConfig, GRPOTrainer, RLOOConfig, RLOOTrainer

from . import backbones, data, policy, rewards, trl_args
from .control import RunControl
from .reporting import Reporter
from .runner import Outcome, Run, RunFailed, main, train_until_stopped

FAILED_STEPS_IN_A_ROW = 3


class RewardFunction:
    """TRL calls this with each step's completions; it asks the reward source, reports every sample, counts drops."""

    __name__ = "reward"  # TRL names a reward function's metrics after it

    def __init__(self, run: Run, source, tokenizer, chat: bool):
        self.run, self.source, self.tokenizer, self.chat = run, source, tokenizer, chat
        self.dropped = 0
        self.failed_in_a_row = 0

    def __call__(self, prompts, completions, id, raw_prompt, trainer_state, log_metric, **kwargs) -> list:
        texts = [policy.completion_text(c) for c in completions]
        batch = rewards.Batch(list(id), list(raw_prompt),
                              [policy.prompt_text(self.tokenizer, p, self.chat) for p in raw_prompt], texts)
        found = self.source(batch)
        for message in self.source.failures:
            self.run.events.log(message, "warning")
        step = trainer_state.global_step + 1
        for sample_id, prompt, text, reward in zip(batch.ids, batch.raw_prompts, texts, found):
            self.run.events.sample(step, prompt, text, reward, id=sample_id)
        missing = sum(r is None for r in found)
        self.dropped += missing
        log_metric("dropped_samples", float(missing))
        self._give_up_after_failed_steps(missing == len(found))
        self.source.failures.clear()
        return found

    def _give_up_after_failed_steps(self, all_dropped: bool) -> None:
        self.failed_in_a_row = self.failed_in_a_row + 1 if all_dropped else 0
        if self.failed_in_a_row >= FAILED_STEPS_IN_A_ROW:
            last = self.source.failures[-1] if self.source.failures else "every reward was null"
            raise RunFailed(f"the reward endpoint failed for {FAILED_STEPS_IN_A_ROW} steps in a row ({last}); "
                            "the run's checkpoints are kept, so it can resume")


def build_trainer(run: Run, model_name: str, tokenizer, dataset: Dataset, reward_function, callbacks: list):
    spec, g = run.spec, run.spec.generation
    config_class, trainer_class = (GRPOConfig, GRPOTrainer) if spec.rl.algorithm == "grpo" else (RLOOConfig,
                                                                                                  RLOOTrainer)
    args = config_class(**trl_args.common(run, run.output / "checkpoints"),
                        num_generations=spec.rl.num_generations, beta=spec.rl.beta,
                        max_completion_length=g.max_new_tokens, temperature=g.temperature, top_p=g.top_p,
                        remove_unused_columns=False,  # the reward function reads the id and raw_prompt columns
                        model_init_kwargs={"dtype": run.device.dtype}, log_completions=False)
    return trainer_class(model=model_name, reward_funcs=[reward_function], args=args, train_dataset=dataset,
                         processing_class=tokenizer, peft_config=trl_args.lora_config(spec.lora, "CAUSAL_LM"),
                         callbacks=callbacks)


def resume_point(run: Run) -> str | None:
    folder = run.output / "checkpoints"
    last = get_last_checkpoint(str(folder)) if run.spec.rl.resume and folder.is_dir() else None
    if last:
        run.events.log(f"resuming from {last} (step {Path(last).name.split('-')[-1]})")
    return last


def train(run: Run) -> Outcome:
    spec = run.spec
    if spec.generation.temperature == 0:
        raise RunFailed("spec: generation.temperature: an rl run samples its rollouts; 0 (greedy) is not allowed")
    rows = data.read(spec.data["train"], data.PROMPT)
    model_name = backbones.resolve(run, lambda: (r["prompt"] for r in rows))
    backbones.check_architecture(model_name, "causal-lm")
    tokenizer = backbones.load_tokenizer(model_name)
    chat = policy.use_chat(run, tokenizer)
    rows = policy.cut_prompts(run, tokenizer, rows)
    dataset = Dataset.from_dict({"prompt": [policy.trl_prompt(r["prompt"], chat) for r in rows],
                                 "id": [r["id"] for r in rows], "raw_prompt": [r["prompt"] for r in rows]})
    reward_function = RewardFunction(run, rewards.source(run), tokenizer, chat)
    control = RunControl(run.stop)
    trainer = build_trainer(run, model_name, tokenizer, dataset, reward_function,
                            [Reporter(run.events, "completions", spec.hyper.batch_size), control])
    policy.check_context(trainer.model.config, run)
    ended = train_until_stopped(trainer, control, run.stop, resume_point(run))
    if ended:
        return ended
    step = trainer.state.global_step
    policy.save(run, trainer.model, tokenizer, step)
    dropped = f"; {reward_function.dropped} samples dropped for want of a reward" if reward_function.dropped else ""
    if control.stopped:
        return Outcome("stopped", f"stopped at step {step} of {trainer.state.max_steps}; checkpoint and policy "
                                  f"saved{dropped}")
    return Outcome("finished", f"{step} steps of {spec.rl.algorithm.upper()} (beta {spec.rl.beta}){dropped}")


if __name__ == "__main__":
    sys.exit(main("rl", train))
