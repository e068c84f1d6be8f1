"""The spec file a run starts from (docs/decisions/0022): dataclasses, read and checked before anything starts.

Every problem is a `SpecError` naming the spec file, the field and what is wrong with it. Keys this version does not
know are reported back (the Java side may store more about a run than a trainer needs) and otherwise ignored.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

PROTOCOL_VERSION = 1
TRAINERS = ("reward-model", "sft", "rl", "best-of-n", "generate")
DEVICES = ("auto", "cpu", "cuda")


class SpecError(ValueError):
    """A spec that cannot run; the message says which file, which field, and what is wrong."""


@dataclass
class Lora:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05


@dataclass
class Hyper:
    epochs: float = 1.0
    max_steps: int = -1
    batch_size: int = 8
    gradient_accumulation_steps: int = 1
    learning_rate: float = 1e-4
    max_length: int = 512
    eval_steps: int = 20
    logging_steps: int = 1
    save_steps: int = 0
    warmup_ratio: float = 0.0
    bf16: str | bool = "auto"


@dataclass
class Generation:
    """How a policy writes: used by rl (rollouts), best-of-n and generate."""
    max_new_tokens: int = 64
    temperature: float = 1.0
    top_p: float = 1.0
    n: int = 4
    batch_size: int = 16


@dataclass
class Reward:
    """Where an rl or best-of-n run gets its rewards: a reward-model run's folder, or a remote reward URL."""
    model: str | None = None
    url: str | None = None
    timeout_s: float = 60.0


@dataclass
class RL:
    algorithm: str = "rloo"
    beta: float = 0.05
    num_generations: int = 4
    resume: bool = True


@dataclass
class Spec:
    trainer: str
    output_dir: str
    data: dict[str, str]
    protocol: int = PROTOCOL_VERSION
    run_id: int = 0
    seed: int = 0
    device: str = "auto"
    backbone: str = "tiny"
    lora: Lora | None = None
    hyper: Hyper = field(default_factory=Hyper)
    generation: Generation = field(default_factory=Generation)
    reward: Reward | None = None
    rl: RL = field(default_factory=RL)
    chat: str | bool = "auto"
    export_onnx: bool = True
    unknown_keys: list[str] = field(default_factory=list)
    path: str = "<spec>"


REQUIRED_DATA = {"reward-model": ("train", "eval"), "sft": ("train",), "rl": ("train",),
                 "best-of-n": ("prompts",), "generate": ("prompts",)}


def load(path: str | os.PathLike) -> Spec:
    """Reads and checks a spec file; raises SpecError with a message a user can act on."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as e:
        raise SpecError(f"spec {path}: cannot read it: {e.strerror or e}") from e
    except json.JSONDecodeError as e:
        raise SpecError(f"spec {path}:{e.lineno}: not valid JSON: {e.msg}") from e
    return parse(raw, str(path))


def parse(raw: Any, path: str = "<spec>") -> Spec:
    if not isinstance(raw, dict):
        raise SpecError(f"spec {path}: must be a JSON object, got {type(raw).__name__}")
    check = _Checker(path)
    spec = Spec(
        trainer=check.choice(raw, "trainer", TRAINERS, required=True),
        output_dir=check.text(raw, "output_dir", required=True),
        data=check.paths(raw, "data"),
        protocol=check.integer(raw, "protocol", PROTOCOL_VERSION),
        run_id=check.integer(raw, "run_id", 0),
        seed=check.integer(raw, "seed", 0),
        device=check.choice(raw, "device", DEVICES, default="auto"),
        backbone=check.text(raw, "backbone", default="tiny"),
        lora=check.section(raw, "lora", Lora, optional=True),
        hyper=check.section(raw, "hyper", Hyper),
        generation=check.section(raw, "generation", Generation),
        reward=check.section(raw, "reward", Reward, optional=True),
        rl=check.section(raw, "rl", RL),
        chat=check.flag_or_auto(raw, "chat"),
        export_onnx=check.boolean(raw, "export_onnx", True),
        path=path,
    )
    spec.unknown_keys = sorted(set(raw) - {f.name for f in fields(Spec)} - {"unknown_keys", "path"})
    _check_meaning(spec, check)
    return spec


def _check_meaning(spec: Spec, check: "_Checker") -> None:
    """Checks what the types alone do not: ranges, the data a trainer needs, the reward source."""
    if spec.protocol != PROTOCOL_VERSION:
        check.fail("protocol", f"this trainer speaks protocol {PROTOCOL_VERSION}, the spec asks for {spec.protocol}")
    h = spec.hyper
    check.positive("hyper.batch_size", h.batch_size)
    check.positive("hyper.gradient_accumulation_steps", h.gradient_accumulation_steps)
    check.positive("hyper.max_length", h.max_length)
    check.positive("hyper.eval_steps", h.eval_steps)
    check.positive("hyper.logging_steps", h.logging_steps)
    if not h.learning_rate > 0:  # infinity is allowed: the divergence test asks for it
        check.fail("hyper.learning_rate", f"must be a positive number, got {h.learning_rate}")
    if not (h.epochs > 0 and math.isfinite(h.epochs)) and h.max_steps <= 0:
        check.fail("hyper.epochs", f"must be a positive number when max_steps is not set, got {h.epochs}")
    if not 0 <= h.warmup_ratio < 1:
        check.fail("hyper.warmup_ratio", f"must be in [0, 1), got {h.warmup_ratio}")
    if h.save_steps < 0:
        check.fail("hyper.save_steps", f"must be 0 (only at the end) or positive, got {h.save_steps}")
    if h.bf16 not in ("auto", True, False):
        check.fail("hyper.bf16", f"must be \"auto\", true or false, got {json.dumps(h.bf16)}")
    g = spec.generation
    check.positive("generation.max_new_tokens", g.max_new_tokens)
    check.positive("generation.n", g.n)
    check.positive("generation.batch_size", g.batch_size)
    if not (g.temperature >= 0 and math.isfinite(g.temperature)):
        check.fail("generation.temperature", f"must be 0 (greedy) or positive, got {g.temperature}")
    if not 0 < g.top_p <= 1:
        check.fail("generation.top_p", f"must be in (0, 1], got {g.top_p}")
    if spec.lora is not None:
        check.positive("lora.r", spec.lora.r)
        check.positive("lora.alpha", spec.lora.alpha)
    for name in REQUIRED_DATA[spec.trainer]:
        if name not in spec.data:
            check.fail("data", f"a {spec.trainer} run needs data.{name}")
    for name, file in spec.data.items():
        if not Path(file).is_file():
            check.fail(f"data.{name}", f"no such file: {file}")
    _check_reward_and_rl(spec, check)


def _check_reward_and_rl(spec: Spec, check: "_Checker") -> None:
    if spec.trainer in ("rl", "best-of-n"):
        r = spec.reward
        if r is None or (r.model is None) == (r.url is None):
            check.fail("reward", "an rl or best-of-n run needs exactly one of reward.model (a reward-model run's "
                                 "folder) and reward.url (a remote reward endpoint)")
        if r.model is not None and not (Path(r.model) / "config.json").is_file():
            check.fail("reward.model", f"{r.model} is not a reward model folder (no config.json)")
        if r.url is not None and not r.url.startswith(("http://", "https://")):
            check.fail("reward.url", f"must be an http:// or https:// URL, got {r.url}")
        check.positive("reward.timeout_s", r.timeout_s)
    if spec.rl.algorithm not in ("rloo", "grpo"):
        check.fail("rl.algorithm", f"must be \"rloo\" or \"grpo\", got {json.dumps(spec.rl.algorithm)}")
    if not (spec.rl.beta >= 0 and math.isfinite(spec.rl.beta)):
        check.fail("rl.beta", f"must be a finite number >= 0, got {spec.rl.beta}")
    if spec.rl.num_generations < 2:
        check.fail("rl.num_generations",
                   f"must be at least 2 (a group needs a baseline), got {spec.rl.num_generations}")
    if spec.trainer == "rl" and spec.hyper.batch_size % spec.rl.num_generations:
        check.fail("hyper.batch_size", f"an rl run's batch counts completions and must be a multiple of "
                                       f"rl.num_generations ({spec.rl.num_generations}), got {spec.hyper.batch_size}")


class _Checker:
    """Reads typed fields out of the raw JSON and says exactly which one is wrong."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, key: str, message: str) -> None:
        raise SpecError(f"spec {self.path}: {key}: {message}")

    def _get(self, raw: dict, key: str, required: bool) -> Any:
        if key not in raw or raw[key] is None:
            if required:
                self.fail(key, "missing")
            return None
        return raw[key]

    def text(self, raw: dict, key: str, default: str | None = None, required: bool = False) -> str:
        value = self._get(raw, key, required)
        if value is None:
            return default
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, got {json.dumps(value)}")
        return value

    def choice(self, raw: dict, key: str, allowed: tuple[str, ...], default: str | None = None,
               required: bool = False) -> str:
        value = self.text(raw, key, default, required)
        if value not in allowed:
            self.fail(key, f"must be one of {', '.join(allowed)}, got {json.dumps(value)}")
        return value

    def integer(self, raw: dict, key: str, default: int) -> int:
        value = self._get(raw, key, False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be an integer, got {json.dumps(value)}")
        return value

    def boolean(self, raw: dict, key: str, default: bool) -> bool:
        value = self._get(raw, key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, got {json.dumps(value)}")
        return value

    def flag_or_auto(self, raw: dict, key: str) -> str | bool:
        value = self._get(raw, key, False)
        if value is None:
            return "auto"
        if value not in ("auto", True, False):
            self.fail(key, f"must be \"auto\", true or false, got {json.dumps(value)}")
        return value

    def positive(self, key: str, value: float) -> None:
        if not value > 0:
            self.fail(key, f"must be positive, got {value}")

    def paths(self, raw: dict, key: str) -> dict[str, str]:
        value = self._get(raw, key, True)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.fail(key, "must be an object of file paths, e.g. {\"train\": \"/abs/train.jsonl\"}")
        return dict(value)

    def section(self, raw: dict, key: str, cls: type, optional: bool = False) -> Any:
        value = self._get(raw, key, False)
        if value is None:
            return None if optional else cls()
        if not isinstance(value, dict):
            self.fail(key, f"must be an object, got {json.dumps(value)}")
        known = {f.name: f for f in fields(cls)}
        for name in value:
            if name not in known:
                self.fail(f"{key}.{name}", f"unknown setting (known: {', '.join(known)})")
        kwargs = {name: self._typed(f"{key}.{name}", value[name], known[name].type) for name in value}
        return cls(**kwargs)

    def _typed(self, key: str, value: Any, type_name: str) -> Any:
        """Checks a section field against its annotation (a string under `from __future__ import annotations`)."""
        if value is None and "None" in type_name:
            return None
        if type_name == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.fail(key, f"must be an integer, got {json.dumps(value)}")
        elif type_name == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.fail(key, f"must be a number, got {json.dumps(value)}")
            return float(value)
        elif type_name == "bool":
            if not isinstance(value, bool):
                self.fail(key, f"must be true or false, got {json.dumps(value)}")
        elif type_name.startswith("str"):
            if not isinstance(value, str) and not (type_name == "str | bool" and isinstance(value, bool)):
                self.fail(key, f"must be a string, got {json.dumps(value)}")
        return value
