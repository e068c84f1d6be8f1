"""Trainer benchmarks, each side by side with a plain PyTorch reference in the same run.

    python -m rlaif_trainers.bench [--part reward|rl|all] [--gpu] [--json]

CPU (default): the tiny model. `--gpu`: the 0.5B-shaped Qwen2 of ../shared/TRAINING.md in bf16 (for a machine with
a GPU; never in tests). Prints the machine, the figures and the ratios; `--json` prints one JSON object instead
(what the app's `bench train` reads).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from typing import Any

import torch

from . import protocol
from .runner import versions


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"platform": platform.platform(), "cpu": cpu_name(), "cpus": os.cpu_count(),
                            "torch_threads": torch.get_num_threads(), "load_average": os.getloadavg()[0],
                            "versions": versions()}
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        info["gpu"] = {"name": props.name, "memory_bytes": int(props.total_memory)}
    return info


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def reward_part(gpu: bool) -> dict[str, Any]:
    from . import bench_reward
    return bench_reward.measure(bench_reward.gpu_setup() if gpu else bench_reward.cpu_setup())


def rl_part(gpu: bool) -> dict[str, Any]:
    from . import bench_rl
    return bench_rl.measure_rollouts() if gpu else bench_rl.measure()


def report(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"machine: {m['cpu']} ({m['cpus']} cpus, {m['torch_threads']} torch threads, load average "
             f"{m['load_average']:.1f} before the run)" + (f", {m['gpu']['name']}" if "gpu" in m else "")]
    if "reward" in result:
        r = result["reward"]
        lines += [f"reward model: {r['setup']}, {r['pairs_per_step']} pairs x {r['tokens_per_sequence']} tokens, "
                  f"{r['timed_steps']} timed steps, median step of {len(r['laps']['plain'])} alternating rounds",
                  f"  plain PyTorch Bradley-Terry loop {r['plain_pairs_per_second']:8.1f} pairs/s "
                  f"{r['plain_pairs_per_cpu_second']:8.1f} per CPU-second",
                  f"  workbench trainer (TRL)          {r['trainer_pairs_per_second']:8.1f} pairs/s "
                  f"{r['trainer_pairs_per_cpu_second']:8.1f} per CPU-second "
                  f"({r['trainer_tokens_per_second']:,.0f} tokens/s)",
                  f"  ratio ({r['ratio_clock']} time)               {r['ratio']:8.2f}x  (goal: at least 0.90x)"]
    if "rl" in result:
        lines += result["rl"]["report"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rlaif_trainers.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("reward", "rl", "all"), default="all")
    parser.add_argument("--gpu", action="store_true", help="the 0.5B-shaped model on the GPU, bf16")
    parser.add_argument("--json", action="store_true", help="one JSON object on standard output")
    parser.add_argument("--threads", type=int, help="torch threads (default: torch's own choice)")
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.gpu and not torch.cuda.is_available():
        print("--gpu: torch finds no GPU here", file=sys.stderr)
        return 1
    out = protocol.real_stdout()  # libraries' prints go to stderr; the report alone goes to stdout
    result: dict[str, Any] = {"machine": machine(), "gpu": args.gpu}
    if args.part in ("reward", "all"):
        result["reward"] = reward_part(args.gpu)
    if args.part in ("rl", "all"):
        result["rl"] = rl_part(args.gpu)
    out.write((json.dumps(result) if args.json else report(result)) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
