"""The tiny offline backbone: deterministic, and loaded back by path like any saved model."""
from __future__ import annotations

import hashlib
from pathlib import Path

from tokenizers import Tokenizer
from transformers import AutoModelForCausalLM, AutoTokenizer

from rlaif_trainers import tiny

TEXT = [f"the quick brown fox {i} jumps over the lazy dog, héllo wörld!" for i in range(50)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_same_text_and_seed_build_the_same_tokenizer_and_weights(tmp_path: Path):
    one, two = tiny.build(TEXT, tmp_path / "one", seed=3), tiny.build(TEXT, tmp_path / "two", seed=3)
    for name in ("tokenizer.json", "model.safetensors"):
        assert digest(one / name) == digest(two / name), name
    three = tiny.build(TEXT, tmp_path / "three", seed=4)
    assert digest(one / "model.safetensors") != digest(three / "model.safetensors")


def test_it_loads_by_path_with_pad_eos_and_a_chat_template_and_tokenizes_as_its_file_says(tmp_path: Path):
    folder = tiny.build(TEXT, tmp_path / "tiny", seed=3)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder)
    assert tokenizer.eos_token == tiny.EOS and tokenizer.pad_token == tiny.PAD
    assert tokenizer.pad_token_id != tokenizer.eos_token_id
    assert model.config.hidden_size == 64 and model.config.num_hidden_layers == 2
    text = "the  quick 123 fox\n\nhéllo <|endoftext|>"
    assert tokenizer(text, add_special_tokens=False)["input_ids"] == \
        Tokenizer.from_file(str(folder / "tokenizer.json")).encode(text, add_special_tokens=False).ids
    prompt = tokenizer.apply_chat_template([{"role": "user", "content": "hi"}], tokenize=False,
                                           add_generation_prompt=True)
    assert prompt == "<|user|>\nhi<|endoftext|><|assistant|>\n"
