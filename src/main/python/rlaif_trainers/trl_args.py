"""The TrainingArguments every trainer shares, from the spec and the device.

TRL's configs default to bf16 and gradient checkpointing; both are set here from the device on purpose: bf16 only on
a GPU that has it (decision 27), and no checkpointing of activations (about 20% slower) for the small models these
runs train.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .runner import Run
from .spec import Lora


def common(run: Run, checkpoints: Path) -> dict[str, Any]:
    h = run.spec.hyper
    return dict(
        output_dir=str(checkpoints),
        per_device_train_batch_size=h.batch_size,
        gradient_accumulation_steps=h.gradient_accumulation_steps,
        num_train_epochs=h.epochs,
        max_steps=h.max_steps,
        learning_rate=h.learning_rate,
        warmup_steps=h.warmup_ratio,  # transformers 5: a value below 1 is a ratio of the total steps
        logging_steps=h.logging_steps,
        logging_nan_inf_filter=False,  # a NaN loss must reach the logs: it is how divergence is seen
        eval_strategy="no",
        save_strategy="steps" if h.save_steps > 0 else "no",
        save_steps=h.save_steps if h.save_steps > 0 else 500,
        save_total_limit=2,  # checkpoints carry the optimizer's state: the last two are enough to resume
        seed=run.spec.seed,
        data_seed=run.spec.seed,
        bf16=run.device.bf16,
        use_cpu=run.device.type == "cpu",
        gradient_checkpointing=False,
        dataloader_pin_memory=run.device.type == "cuda",
        report_to="none",
        disable_tqdm=True,
    )


def lora_config(lora: Lora | None, task_type: str) -> Any:
    """A peft LoRA config on every linear layer, or None for full fine-tuning. A reward model's new score head is
    trained in full (`modules_to_save`): it starts random."""
    if lora is None:
        return None
    from peft import LoraConfig
    return LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout, task_type=task_type,
                      target_modules="all-linear", modules_to_save=["score"] if task_type == "SEQ_CLS" else None)
