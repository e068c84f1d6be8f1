"""Which device a run trains on, and in which precision (docs/decisions/0027)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import torch


class DeviceError(RuntimeError):
    """The spec asks for a device this machine does not have."""


@dataclass(frozen=True)
class Device:
    type: str  # "cpu" or "cuda"
    bf16: bool

    @property
    def torch(self) -> torch.device:
        return torch.device("cuda:0" if self.type == "cuda" else "cpu")

    @property
    def dtype(self) -> torch.dtype:
        return torch.bfloat16 if self.bf16 else torch.float32

    def describe(self) -> dict[str, Any]:
        """The device as the hello event and the run's record show it."""
        info: dict[str, Any] = {"type": self.type, "bf16": self.bf16}
        if self.type == "cuda":
            props = torch.cuda.get_device_properties(0)
            info.update(name=props.name, memory_bytes=int(props.total_memory), cuda=torch.version.cuda)
        else:
            info.update(name="cpu", threads=torch.get_num_threads(), cpus=os.cpu_count())
        return info


def resolve(asked: str, bf16: str | bool = "auto") -> Device:
    """auto: CUDA when there is one, else CPU. cuda asked for but absent is an error before anything starts."""
    has_cuda = torch.cuda.is_available()
    if asked == "cuda" and not has_cuda:
        built = torch.version.cuda
        why = (f"this torch ({torch.__version__}) is a CPU-only build" if built is None
               else f"torch {torch.__version__} (CUDA {built}) finds no GPU")
        raise DeviceError(f"device \"cuda\" was asked for, but {why}; choose device \"cpu\" or \"auto\", "
                          "or install a CUDA build of torch (train-env)")
    kind = "cuda" if asked == "cuda" or (asked == "auto" and has_cuda) else "cpu"
    supports_bf16 = kind == "cuda" and torch.cuda.is_bf16_supported()
    if bf16 is True and not supports_bf16:
        raise DeviceError(f"hyper.bf16 is true, but {kind} here has no bf16 training; use \"auto\" or false")
    return Device(kind, supports_bf16 if bf16 == "auto" else bool(bf16))


def machine() -> Device:
    """What `auto` would pick, for describing the machine when the spec itself cannot be read."""
    return resolve("auto")
