"""What the trainers' Python environment has, against requirements.txt: one JSON object on standard output.

    python -m rlaif_trainers.env_check

Works with nothing installed (it imports no third-party package unless it is there), so `train-env --check` can say
what is missing on a bare Python. Exit status 0 when everything required is there and new enough, else 1.
"""
from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from . import protocol

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
MIN_PYTHON = (3, 10)


def required(path: Path = REQUIREMENTS) -> dict[str, str]:
    """`name==version` lines of the requirements file (comments and other lines skipped)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def release(version: str) -> tuple[int, ...]:
    """The release numbers of a version: "2.13.0+cu130" -> (2, 13, 0); "1.0rc1" -> (1, 0)."""
    numbers = []
    for part in version.split("+")[0].split("."):
        digits = re.match(r"\d+", part)
        if not digits:
            break
        numbers.append(int(digits.group()))
        if digits.group() != part:
            break
    return tuple(numbers)


def packages(pins: dict[str, str]) -> dict[str, dict[str, Any]]:
    found = {}
    for name, wanted in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        state = ("missing" if installed is None else "too old" if release(installed) < release(wanted)
                 else "ok" if release(installed) == release(wanted) else "newer")
        found[name] = {"required": wanted, "installed": installed, "state": state}
    return found


def torch_device() -> dict[str, Any] | None:
    """CUDA name and memory, or CPU; None when torch cannot be imported."""
    try:
        import torch
    except Exception:  # noqa: BLE001 - a broken torch install is reported as no device
        return None
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        return {"type": "cuda", "name": props.name, "memory_bytes": int(props.total_memory),
                "count": torch.cuda.device_count(), "cuda": torch.version.cuda,
                "bf16": bool(torch.cuda.is_bf16_supported())}
    return {"type": "cpu", "name": "cpu", "threads": torch.get_num_threads(), "cuda_build": torch.version.cuda}


def check() -> dict[str, Any]:
    found = packages(required())
    python_ok = sys.version_info[:2] >= MIN_PYTHON
    missing = [n for n, p in found.items() if p["state"] == "missing"]
    too_old = [n for n, p in found.items() if p["state"] == "too old"]
    return {
        "ok": python_ok and not missing and not too_old,
        "python": {"version": sys.version.split()[0], "executable": sys.executable, "ok": python_ok,
                   "required": ".".join(map(str, MIN_PYTHON)) + " or newer"},
        "device": torch_device() if "torch" not in missing else None,
        "packages": found,
        "missing": missing,
        "too_old": too_old,
        "requirements": str(REQUIREMENTS),
    }


def main() -> int:
    report = check()
    out = protocol.real_stdout()
    out.write(json.dumps(report) + "\n")
    out.flush()
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
