"""Reward-model throughput: the workbench's trainer against a plain PyTorch Bradley-Terry loop, same everything.

Both train the same randomly initialised model (saved once, loaded by each) on the same pairs of random token ids,
all `length` tokens long, `pairs` per step, with fused AdamW and gradient clipping at 1.0 (the Trainer's defaults).
Each runs `warmup` steps, then `steps` timed steps; the clocks (bench_clock) cover whole steps (data, forward,
backward, optimizer), from the end of the last warm-up step to the end of the last timed one.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, Qwen2Config, Qwen2ForCausalLM

from . import reward_model, tiny
from .backbones import load_tokenizer
from .bench_clock import Comparison, StepLaps, Stopwatch, alternate
from .control import StopSignal
from .device import Device
from .protocol import Events
from .runner import Run
from .spec import Hyper, Spec


@dataclass
class Setup:
    name: str
    config: Qwen2Config
    pairs: int
    length: int
    warmup: int
    steps: int
    device: Device


def cpu_setup() -> Setup:
    config = tiny.config(vocab_size=1024, eos_id=0, pad_id=1)
    return Setup("tiny Qwen2 (hidden 64, 2 layers), float32", config, pairs=16, length=128, warmup=2, steps=10,
                 device=Device("cpu", bf16=False))


def gpu_setup() -> Setup:
    """Qwen2.5-0.5B's shape (494 M parameters), random weights, bf16: ../shared/TRAINING.md's reference."""
    config = Qwen2Config(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                         num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=32768,
                         tie_word_embeddings=True, eos_token_id=0, pad_token_id=1, bos_token_id=None)
    return Setup("Qwen2.5-0.5B shape (494M), bf16, SDPA", config, pairs=16, length=512, warmup=5, steps=30,
                 device=Device("cuda", bf16=True))


def save_model(setup: Setup, folder: Path) -> Path:
    torch.manual_seed(0)
    Qwen2ForCausalLM(setup.config).to(setup.device.dtype).save_pretrained(folder)
    tiny.train_tokenizer(["a b c d e f g"], vocab_size=300).save_pretrained(folder)
    return folder


def random_pairs(setup: Setup, count: int) -> dict[str, list[list[int]]]:
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(2, setup.config.vocab_size, (2, count, setup.length), generator=generator)
    return {"chosen_ids": ids[0].tolist(), "rejected_ids": ids[1].tolist()}


def plain_loop(setup: Setup, folder: Path) -> Stopwatch:
    """nanoGPT-style: a model, an optimizer, a loop. Returns the timed steps' times."""
    device = setup.device.torch
    model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=1, dtype=setup.device.dtype)
    model.config.pad_token_id = setup.config.pad_token_id
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, fused=True)
    pairs = random_pairs(setup, setup.pairs * (setup.warmup + setup.steps))
    chosen = torch.tensor(pairs["chosen_ids"])
    rejected = torch.tensor(pairs["rejected_ids"])
    stopwatch = Stopwatch(setup.device)
    for step in range(setup.warmup + setup.steps):
        if step == setup.warmup:
            stopwatch.start()
        batch = slice(step * setup.pairs, (step + 1) * setup.pairs)
        input_ids = torch.cat([chosen[batch], rejected[batch]]).to(device, non_blocking=True)
        rewards = model(input_ids=input_ids, attention_mask=torch.ones_like(input_ids), use_cache=False).logits
        r_chosen, r_rejected = rewards[:, 0].float().chunk(2)
        loss = -torch.nn.functional.logsigmoid(r_chosen - r_rejected).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= setup.warmup:
            stopwatch.lap()
    return stopwatch


def trainer(setup: Setup, folder: Path, output: Path) -> Stopwatch:
    """The reward-model trainer as a run builds it (reward_model.build_trainer). Returns the timed steps' times."""
    hyper = Hyper(max_steps=setup.warmup + setup.steps, batch_size=setup.pairs, learning_rate=1e-5,
                  logging_steps=10, max_length=setup.length)
    spec = Spec(trainer="reward-model", output_dir=str(output), data={}, hyper=hyper, seed=0)
    run = Run(spec, setup.device, Events(lambda event: None), StopSignal())
    pairs = random_pairs(setup, setup.pairs * (setup.warmup + setup.steps))
    dataset = Dataset.from_dict({**pairs, "length": [setup.length] * len(pairs["chosen_ids"])})
    stopwatch = Stopwatch(setup.device)
    window = StepLaps(stopwatch, setup.warmup)
    reward_model.build_trainer(run, str(folder), load_tokenizer(str(folder)), dataset, [window]).train()
    return stopwatch


def measure(setup: Setup, rounds: int = 3) -> dict:
    plain, ours = alternate(rounds, lambda folder: save_model(setup, folder),
                            lambda folder: plain_loop(setup, folder),
                            lambda folder, output: trainer(setup, folder, output))
    comparison = Comparison("pairs", plain, ours, items=setup.pairs)
    result = {"setup": setup.name, "pairs_per_step": setup.pairs, "tokens_per_sequence": setup.length,
              "timed_steps": setup.steps, **comparison.to_json("cpu" if setup.device.type == "cpu" else "wall")}
    result["trainer_tokens_per_second"] = result["trainer_pairs_per_second"] * 2 * setup.length
    return result
