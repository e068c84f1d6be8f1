"""The offline backbone "tiny": a small Qwen2 and a byte-level BPE tokenizer trained on the run's own text.

Nothing is downloaded. Both are saved with `save_pretrained` and then loaded back by path through the same code
that loads a user's Hugging Face model id or folder, so tests exercise the real loading path. Seeded: the same
text and seed give the same tokenizer and the same weights.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import torch
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM
from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

EOS, PAD = "<|endoftext|>", "<|pad|>"
ROLES = ["<|system|>", "<|user|>", "<|assistant|>"]
# One turn per message, each closed by EOS, so a policy trained on it stops where a turn ends.
CHAT_TEMPLATE = ("{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}<|endoftext|>{% endfor %}"
                 "{% if add_generation_prompt %}<|assistant|>\n{% endif %}")


def train_tokenizer(texts: Iterable[str], vocab_size: int = 1024) -> PreTrainedTokenizerFast:
    """Byte-level BPE with Qwen2's normalizer and pre-tokenizer, so the saved tokenizer.json is what loads back."""
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[EOS, PAD, *ROLES], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts, trainer)
    wrapped = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token=EOS, pad_token=PAD, unk_token=EOS,
                                      extra_special_tokens=ROLES)
    wrapped.chat_template = CHAT_TEMPLATE
    return wrapped


def config(vocab_size: int, eos_id: int, pad_id: int) -> Qwen2Config:
    return Qwen2Config(vocab_size=vocab_size, hidden_size=64, intermediate_size=256, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
                       tie_word_embeddings=True, eos_token_id=eos_id, pad_token_id=pad_id, bos_token_id=None)


def build(texts: Iterable[str], folder: Path, seed: int) -> Path:
    """Trains the tokenizer on `texts`, initialises the model from `seed`, saves both to `folder`."""
    tokenizer = train_tokenizer(texts)
    generator_state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config(len(tokenizer), tokenizer.eos_token_id, tokenizer.pad_token_id))
    torch.random.set_rng_state(generator_state)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
