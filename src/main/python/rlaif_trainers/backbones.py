"""Where a run's model comes from: "tiny" (built offline), a Hugging Face model id, or a local folder.

Every backbone ends up as a name `from_pretrained` takes; "tiny" is built into the run's `backbone/` folder first
and then loaded by path like any other folder. A folder that is not a model fails here, before training starts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from transformers import AutoConfig, AutoTokenizer, PreTrainedTokenizerBase

from . import tiny
from .runner import Run, RunFailed


def resolve(run: Run, texts: Callable[[], Iterable[str]], name: str | None = None) -> str:
    """The path or id to load. `texts` is only read for "tiny", whose tokenizer is trained on it."""
    name = name or run.spec.backbone
    if name == "tiny":
        folder = tiny.build(texts(), run.output / "backbone", run.spec.seed)
        run.events.artifact("backbone", str(folder), format="huggingface")
        run.events.log(f"built the tiny offline backbone in {folder}")
        return str(folder)
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise RunFailed(f"backbone {path} is not a model folder: it has no config.json "
                            "(pass a folder written by save_pretrained, a Hugging Face model id, or tiny)")
        return str(path)
    if name.startswith(("/", ".", "~")) or name.count("/") > 1:
        raise RunFailed(f"backbone folder {name} does not exist")
    return name


def check_architecture(name: str, wanted: str) -> None:
    """Fails early when a folder's model cannot serve as `wanted` ("causal-lm" for policies)."""
    try:
        config = AutoConfig.from_pretrained(name)
    except (OSError, ValueError) as e:
        raise RunFailed(f"cannot load the model config of {name}: {e}") from e
    archs = config.architectures or []
    if wanted == "causal-lm" and archs and not any(a.endswith("ForCausalLM") for a in archs):
        raise RunFailed(f"{name} is not a causal language model (its architectures: {', '.join(archs)}); "
                        "a policy needs one, e.g. the folder of an sft run or a *ForCausalLM model")


def load_tokenizer(name: str) -> PreTrainedTokenizerBase:
    try:
        tokenizer = AutoTokenizer.from_pretrained(name)
    except (OSError, ValueError) as e:
        raise RunFailed(f"cannot load the tokenizer of {name}: {e}") from e
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer
