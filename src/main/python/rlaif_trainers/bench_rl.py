"""RL throughput: the workbench's RL trainer against a plain PyTorch REINFORCE-with-KL loop; GPU rollouts.

CPU (`measure`): the tiny policy, `prompts` x `generations` completions per step of `new_tokens` sampled tokens,
the same reward (share of even token ids: cheap and the same for both), KL to a frozen copy with the same beta,
fused AdamW, clipping at 1.0. TRL's RLOO does one forward pass more per step than the plain loop (the old policy's
log-probabilities, which its clipped ratio needs): that is its price.

GPU (`measure_rollouts`): rollout generation of the 0.5B-shaped policy of ../shared/TRAINING.md, batch 256, 256
prompt + 128 new tokens, sampling, bf16: plain `generate`, `generate` with a static cache (transformers compiles
the decode step), and the RL trainer's own rollout path, each warmed up first.
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, Qwen2ForCausalLM

from . import tiny
from .bench_clock import Comparison, StepLaps, Stopwatch, alternate
from .bench_reward import gpu_setup
from .control import StopSignal
from .device import Device
from .protocol import Events
from .runner import Run
from .spec import RL, Generation, Hyper, Spec

BETA = 0.05


@dataclass
class Setup:
    prompts: int = 4
    generations: int = 4
    prompt_words: int = 24
    new_tokens: int = 32
    warmup: int = 2
    steps: int = 8
    device: Device = Device("cpu", bf16=False)

    @property
    def completions(self) -> int:
        return self.prompts * self.generations


def even_share(completion_ids: list[list[int]], **kwargs) -> list[float]:
    """The benchmark's reward: the share of even token ids in a completion."""
    return [sum(t % 2 == 0 for t in ids) / max(1, len(ids)) for ids in completion_ids]


def prompt_texts(setup: Setup, count: int) -> list[str]:
    words = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"]
    return [" ".join(words[(i * 7 + j * 3) % len(words)] for j in range(setup.prompt_words)) for i in range(count)]


def save_policy(setup: Setup, folder: Path) -> Path:
    tokenizer = tiny.train_tokenizer(prompt_texts(setup, 64), vocab_size=1024)
    torch.manual_seed(0)
    config = tiny.config(len(tokenizer), tokenizer.eos_token_id, tokenizer.pad_token_id)
    Qwen2ForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def plain_loop(setup: Setup, folder: Path) -> Stopwatch:
    """nanoGPT-style REINFORCE with a leave-one-out baseline and a KL penalty in the reward. Returns the timed
    steps' times."""
    from .backbones import load_tokenizer
    device = setup.device.torch
    tokenizer = load_tokenizer(str(folder))
    tokenizer.padding_side = "left"
    policy = AutoModelForCausalLM.from_pretrained(folder, dtype=setup.device.dtype).to(device)
    reference = AutoModelForCausalLM.from_pretrained(folder, dtype=setup.device.dtype).to(device).eval()
    optimizer = torch.optim.AdamW(policy.parameters(), lr=1e-5, fused=True)
    prompts = prompt_texts(setup, setup.prompts * (setup.warmup + setup.steps))
    stopwatch = Stopwatch(setup.device)
    for step in range(setup.warmup + setup.steps):
        if step == setup.warmup:
            stopwatch.start()
        batch = [p for p in prompts[step * setup.prompts:(step + 1) * setup.prompts] for _ in range(setup.generations)]
        inputs = tokenizer(batch, return_tensors="pt", padding=True, add_special_tokens=False).to(device)
        policy.eval()
        with torch.no_grad():
            sequences = policy.generate(**inputs, do_sample=True, max_new_tokens=setup.new_tokens, top_k=0,
                                        pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
        policy.train()
        prompt_length = inputs["input_ids"].shape[1]
        completion = sequences[:, prompt_length:]
        mask = completion_mask(completion, tokenizer.eos_token_id)
        attention = torch.cat([inputs["attention_mask"], mask], dim=1)
        logps = token_logps(policy, sequences, attention, prompt_length)
        with torch.no_grad():
            ref_logps = token_logps(reference, sequences, attention, prompt_length)
        kl = ((logps.detach() - ref_logps) * mask).sum(1)
        reward = torch.tensor(even_share([c[m.bool()].tolist() for c, m in zip(completion, mask)]), device=device)
        reward = (reward - BETA * kl).view(setup.prompts, setup.generations)
        baseline = (reward.sum(1, keepdim=True) - reward) / (setup.generations - 1)
        advantage = (reward - baseline).view(-1)
        loss = -(advantage * (logps * mask).sum(1)).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= setup.warmup:
            stopwatch.lap()
    return stopwatch


def completion_mask(completion: torch.Tensor, eos_id: int) -> torch.Tensor:
    """1 up to and including the first EOS, 0 after it."""
    is_eos = completion == eos_id
    first = torch.where(is_eos.any(1), is_eos.int().argmax(1), torch.full_like(is_eos[:, 0], completion.shape[1],
                                                                              dtype=torch.long))
    return (torch.arange(completion.shape[1], device=completion.device)[None, :] <= first[:, None]).long()


def token_logps(model, sequences: torch.Tensor, attention: torch.Tensor, prompt_length: int) -> torch.Tensor:
    logits = model(input_ids=sequences, attention_mask=attention, use_cache=False).logits[:, prompt_length - 1:-1]
    return torch.log_softmax(logits.float(), dim=-1).gather(-1, sequences[:, prompt_length:, None]).squeeze(-1)


def trainer(setup: Setup, folder: Path, output: Path) -> Stopwatch:
    """The RL trainer as a run builds it (rl.build_trainer, RLOO). Returns the timed steps' times."""
    from datasets import Dataset

    from . import rl
    from .backbones import load_tokenizer

    hyper = Hyper(max_steps=setup.warmup + setup.steps, batch_size=setup.completions, learning_rate=1e-5,
                  logging_steps=10, max_length=512)
    spec = Spec(trainer="rl", output_dir=str(output), data={}, hyper=hyper, seed=0,
                generation=Generation(max_new_tokens=setup.new_tokens), rl=RL(beta=BETA,
                                                                              num_generations=setup.generations))
    run = Run(spec, setup.device, Events(lambda event: None), StopSignal())
    prompts = prompt_texts(setup, setup.prompts * (setup.warmup + setup.steps))
    dataset = Dataset.from_dict({"prompt": prompts})
    stopwatch = Stopwatch(setup.device)
    window = StepLaps(stopwatch, setup.warmup)
    rl.build_trainer(run, str(folder), load_tokenizer(str(folder)), dataset, even_share, [window]).train()
    return stopwatch


def measure(setup: Setup | None = None, rounds: int = 3) -> dict:
    setup = setup or Setup()
    plain, ours = alternate(rounds, lambda folder: save_policy(setup, folder),
                            lambda folder: plain_loop(setup, folder),
                            lambda folder, output: trainer(setup, folder, output))
    result = {"setup": "tiny Qwen2 policy, float32", "completions_per_step": setup.completions,
              "new_tokens": setup.new_tokens, "timed_steps": setup.steps,
              **Comparison("steps", plain, ours, items=1).to_json("cpu")}
    result["report"] = [
        f"RL: {result['setup']}, {setup.prompts} prompts x {setup.generations} completions of {setup.new_tokens} "
        f"tokens per step, {setup.steps} timed steps, median step of {rounds} alternating rounds",
        f"  plain PyTorch REINFORCE with KL  {result['plain_steps_per_second']:8.2f} steps/s "
        f"{result['plain_steps_per_cpu_second']:8.2f} per CPU-second",
        f"  workbench trainer (TRL RLOO)     {result['trainer_steps_per_second']:8.2f} steps/s "
        f"{result['trainer_steps_per_cpu_second']:8.2f} per CPU-second",
        f"  ratio ({result['ratio_clock']} time)                {result['ratio']:8.2f}x  (goal: at least 0.80x)"]
    return result


ROLLOUT_BATCH, ROLLOUT_PROMPT, ROLLOUT_NEW = 256, 256, 128


def measure_rollouts() -> dict:
    """GPU only: new tokens per second of three ways to sample rollouts, each warmed up, then timed once."""
    setup = gpu_setup()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "policy"
        torch.manual_seed(0)
        Qwen2ForCausalLM(setup.config).to(torch.bfloat16).save_pretrained(folder)
        tiny.train_tokenizer(["a b c d e f g"], vocab_size=300).save_pretrained(folder)
        model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.bfloat16).to("cuda").eval()
        prompt_ids = torch.randint(2, setup.config.vocab_size, (ROLLOUT_BATCH, ROLLOUT_PROMPT),
                                   generator=torch.Generator().manual_seed(1)).to("cuda")
        results = {"plain generate": timed_generate(model, prompt_ids, {}),
                   "static cache (compiled decode)": timed_generate(model, prompt_ids,
                                                                    {"cache_implementation": "static"})}
        del model
        torch.cuda.empty_cache()
        results["RL trainer's rollout path"] = trainer_rollouts(folder, prompt_ids.cpu(), Path(tmp) / "run")
    plain = results["plain generate"]
    report = [f"rollouts: {setup.name}, batch {ROLLOUT_BATCH}, {ROLLOUT_PROMPT} prompt + {ROLLOUT_NEW} new tokens, "
              "sampling, after a warm-up call"]
    report += [f"  {name:34s} {speed:10,.0f} new tokens/s  ({speed / plain:.2f}x plain)"
               for name, speed in results.items()]
    return {"setup": setup.name, "batch": ROLLOUT_BATCH, "prompt_tokens": ROLLOUT_PROMPT,
            "new_tokens": ROLLOUT_NEW, "new_tokens_per_second": results, "report": report}


def timed_generate(model, prompt_ids: torch.Tensor, options: dict) -> float:
    def call():
        return model.generate(input_ids=prompt_ids, attention_mask=torch.ones_like(prompt_ids), do_sample=True,
                              max_new_tokens=ROLLOUT_NEW, min_new_tokens=ROLLOUT_NEW, top_k=0, pad_token_id=1,
                              eos_token_id=0, **options)
    call()  # warm-up: compiling, allocator, kernels
    torch.cuda.synchronize()
    started = time.perf_counter()
    call()
    torch.cuda.synchronize()
    return ROLLOUT_BATCH * ROLLOUT_NEW / (time.perf_counter() - started)


def trainer_rollouts(folder: Path, prompt_ids: torch.Tensor, output: Path) -> float:
    """The rollout call RLOOTrainer makes inside a step (its `_generate_single_turn`), on the trainer as rl.py
    builds it."""
    from datasets import Dataset

    from . import rl
    from .backbones import load_tokenizer

    hyper = Hyper(max_steps=1, batch_size=ROLLOUT_BATCH, learning_rate=1e-5, max_length=ROLLOUT_PROMPT)
    spec = Spec(trainer="rl", output_dir=str(output), data={}, hyper=hyper, seed=0,
                generation=Generation(max_new_tokens=ROLLOUT_NEW), rl=RL(beta=BETA, num_generations=4))
    run = Run(spec, Device("cuda", bf16=True), Events(lambda event: None), StopSignal())
    built = rl.build_trainer(run, str(folder), load_tokenizer(str(folder)), Dataset.from_dict({"prompt": ["x"]}),
                             even_share, [])
    built.generation_config.min_new_tokens = ROLLOUT_NEW  # time full-length rollouts, like the other two
    rows = prompt_ids.tolist()
    built._generate_single_turn(rows, None, {})  # warm-up
    torch.cuda.synchronize()
    started = time.perf_counter()
    completions = built._generate_single_turn(rows, None, {})
    torch.cuda.synchronize()
    return sum(len(c) for c in completions) / (time.perf_counter() - started)
