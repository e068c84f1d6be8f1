"""The benchmark's two sides run and measure the same work (a few steps at toy size; the figures are bench's job)."""
from __future__ import annotations

from rlaif_trainers import bench_reward, bench_rl, tiny
from rlaif_trainers.device import Device


def test_the_reward_benchmark_times_the_plain_loop_and_the_trainer():
    setup = bench_reward.Setup("toy", tiny.config(vocab_size=300, eos_id=0, pad_id=1), pairs=2, length=16,
                               warmup=1, steps=2, device=Device("cpu", bf16=False))
    result = bench_reward.measure(setup, rounds=1)
    assert result["plain_pairs_per_second"] > 0 and result["trainer_pairs_per_second"] > 0
    assert result["ratio_clock"] == "cpu"  # on a shared CPU the wall clock measures the neighbours
    assert result["ratio"] == result["trainer_pairs_per_cpu_second"] / result["plain_pairs_per_cpu_second"]


def test_the_rl_benchmark_times_the_plain_loop_and_the_trainer():
    result = bench_rl.measure(bench_rl.Setup(prompts=2, generations=2, prompt_words=4, new_tokens=4, warmup=1,
                                             steps=2), rounds=1)
    assert result["plain_steps_per_second"] > 0 and result["trainer_steps_per_cpu_second"] > 0
    assert len(result["report"]) == 4
