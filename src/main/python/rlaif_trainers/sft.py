"""SFT trainer: TRL's SFTTrainer on {"id", "prompt", "response"}, the loss on the response only.

    python -m rlaif_trainers.sft --spec SPEC.json

The result is `policy/`, a plain causal LM folder the rl, best-of-n and generate runs start from (decision 22).
"""
from __future__ import annotations

import sys

from datasets import Dataset
from trl import SFTConfig, SFTTrainer

from . import backbones, data, policy, trl_args
from .control import RunControl
from .reporting import Reporter
from .runner import Outcome, Run, main, train_until_stopped


def dataset(rows: list[dict], chat: bool) -> Dataset:
    """Prompt-completion rows; TRL appends EOS to plain completions, the chat template closes chat turns."""
    completions = [[{"role": "assistant", "content": r["response"]}] if chat else r["response"] for r in rows]
    return Dataset.from_dict({"prompt": [policy.trl_prompt(r["prompt"], chat) for r in rows],
                              "completion": completions})


def fit_prompts(run: Run, tokenizer, rows: list[dict], chat: bool) -> int:
    """Samples over max_length tokens lose the start of their prompt, so the response, which the loss is on, stays
    whole (TRL would cut the end); returns how many were cut."""
    limit, long = run.spec.hyper.max_length, 0
    for row in rows:
        text = policy.prompt_text(tokenizer, row["prompt"], chat) + row["response"]
        excess = len(tokenizer(text, add_special_tokens=False)["input_ids"]) + 1 - limit  # + 1: the EOS
        if excess > 0:
            prompt_ids = tokenizer(row["prompt"], add_special_tokens=False)["input_ids"]
            row["prompt"] = tokenizer.decode(prompt_ids[excess:])
            long += 1
    run.events.metric(0, "train/truncated_samples", long)
    if long:
        run.events.log(f"{long} of {len(rows)} samples were longer than max_length {limit} tokens; their prompts "
                       "were cut from the left", "warning")
    return long


def train(run: Run) -> Outcome:
    spec = run.spec
    rows = data.read(spec.data["train"], data.DEMONSTRATION)
    eval_rows = data.read(spec.data["eval"], data.DEMONSTRATION) if "eval" in spec.data else None
    model_name = backbones.resolve(run, lambda: (r[k] for r in rows for k in ("prompt", "response")))
    backbones.check_architecture(model_name, "causal-lm")
    tokenizer = backbones.load_tokenizer(model_name)
    chat = policy.use_chat(run, tokenizer)
    long = fit_prompts(run, tokenizer, rows, chat)

    control = RunControl(run.stop)
    h = spec.hyper
    common = trl_args.common(run, run.output / "checkpoints")
    if eval_rows:
        common.update(eval_strategy="steps", eval_steps=h.eval_steps, per_device_eval_batch_size=h.batch_size)
    args = SFTConfig(**common, max_length=h.max_length, packing=False,
                     model_init_kwargs={"dtype": run.device.dtype})
    trainer = SFTTrainer(model=model_name, args=args, train_dataset=dataset(rows, chat),
                         eval_dataset=dataset(eval_rows, chat) if eval_rows else None, processing_class=tokenizer,
                         peft_config=trl_args.lora_config(spec.lora, "CAUSAL_LM"),
                         callbacks=[Reporter(run.events, "samples", h.batch_size * h.gradient_accumulation_steps),
                                    control])
    ended = train_until_stopped(trainer, control, run.stop)
    if ended:
        return ended
    step = trainer.state.global_step
    if eval_rows and not control.stopped and step % h.eval_steps:
        trainer.evaluate()  # the last step's held-out loss, unless the schedule just measured it
    policy.save(run, trainer.model, tokenizer, step)
    if control.stopped:
        return Outcome("stopped", f"stopped at step {step} of {trainer.state.max_steps}; policy saved")
    return Outcome("finished", f"{step} steps on {len(rows)} samples ({long} longer than {h.max_length} tokens, "
                               "prompts cut from the left)")


if __name__ == "__main__":
    sys.exit(main("sft", train))
