"""What the policy trainers share: how a prompt is shown to a policy, cutting long prompts, sampling, saving.

A prompt is shown either through the tokenizer's chat template (one user turn, then the assistant's turn opened) or
as the plain text "{prompt}\n\n" (decision 22, `chat`). SFT, RL, best-of-n and generate all format prompts here, so
a policy is always asked the way it was trained.
"""
from __future__ import annotations

from typing import Any

import torch
from transformers import AutoModelForCausalLM, PreTrainedModel, PreTrainedTokenizerBase

from .runner import Run, RunFailed
from .spec import Generation

PLAIN_SUFFIX = "\n\n"


def use_chat(run: Run, tokenizer: PreTrainedTokenizerBase) -> bool:
    if run.spec.chat == "auto":
        return tokenizer.chat_template is not None
    if run.spec.chat and tokenizer.chat_template is None:
        raise RunFailed("chat is true, but the policy's tokenizer has no chat template")
    return bool(run.spec.chat)


def trl_prompt(prompt: str, chat: bool) -> str | list[dict[str, str]]:
    """The prompt as a TRL dataset row holds it: conversational (TRL applies the template) or plain text."""
    return [{"role": "user", "content": prompt}] if chat else prompt + PLAIN_SUFFIX


def prompt_text(tokenizer: PreTrainedTokenizerBase, prompt: str, chat: bool) -> str:
    """The exact text the policy continues."""
    if chat:
        return tokenizer.apply_chat_template([{"role": "user", "content": prompt}], tokenize=False,
                                             add_generation_prompt=True)
    return prompt + PLAIN_SUFFIX


def completion_text(completion: str | list[dict[str, str]]) -> str:
    """TRL hands conversational completions over as messages; the text is the assistant's content."""
    return completion if isinstance(completion, str) else "".join(m["content"] for m in completion)


def cut_prompts(run: Run, tokenizer: PreTrainedTokenizerBase, rows: list[dict]) -> list[dict]:
    """Prompts longer than hyper.max_length tokens keep their last max_length tokens; the count is logged."""
    budget, cut = run.spec.hyper.max_length, 0
    for row in rows:
        ids = tokenizer(row["prompt"], add_special_tokens=False)["input_ids"]
        if len(ids) > budget:
            row["prompt"] = tokenizer.decode(ids[-budget:])
            cut += 1
    if cut:
        run.events.log(f"{cut} of {len(rows)} prompts were longer than max_length {budget} tokens and were cut "
                       "from the left", "warning")
    return rows


def check_context(model_config: Any, run: Run) -> None:
    """Prompt budget plus new tokens must fit the model's context, or generation fails half-way through a run."""
    context = getattr(model_config, "max_position_embeddings", None)
    wanted = run.spec.hyper.max_length + run.spec.generation.max_new_tokens
    if context is not None and wanted > context:
        raise RunFailed(f"hyper.max_length {run.spec.hyper.max_length} + generation.max_new_tokens "
                        f"{run.spec.generation.max_new_tokens} = {wanted} tokens, more than the model's context of "
                        f"{context}; lower one of them")


def load(name: str, run: Run) -> PreTrainedModel:
    try:
        model = AutoModelForCausalLM.from_pretrained(name, dtype=run.device.dtype)
    except (OSError, ValueError) as e:
        raise RunFailed(f"cannot load the policy {name}: {e}") from e
    check_context(model.config, run)
    return model.to(run.device.torch).eval()


@torch.no_grad()
def sample(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, texts: list[str], generation: Generation,
           n: int = 1) -> list[list[str]]:
    """n completions for each prompt text (left-padded batch; greedy when temperature is 0)."""
    tokenizer.padding_side = "left"
    batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(model.device)
    greedy = generation.temperature == 0
    output = model.generate(**batch, max_new_tokens=generation.max_new_tokens, do_sample=not greedy,
                            temperature=None if greedy else generation.temperature,
                            top_p=None if greedy else generation.top_p, num_return_sequences=n,
                            pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
    completions = tokenizer.batch_decode(output[:, batch["input_ids"].shape[1]:], skip_special_tokens=True)
    return [completions[i * n:(i + 1) * n] for i in range(len(texts))]


def save(run: Run, model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, step: int) -> None:
    """The policy at the end of a run (LoRA merged), as a plain causal LM folder: artifact `policy`."""
    if hasattr(model, "merge_and_unload"):
        model = model.merge_and_unload()
    folder = run.output / "policy"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    run.events.artifact("policy", str(folder), step=step, format="huggingface")

