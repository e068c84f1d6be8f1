#!/usr/bin/env python3
"""A real ONNX reward model, built offline in seconds, in the exact layout a reward-model run leaves behind
(docs/decisions/0022-training-runs.md): for the scorer's tests and the scoring benchmark, so neither waits for a
trained model. Not used by the application.

    python reward_model_fixture.py OUT [--hidden 64 --layers 2 --heads 4 --pairs 24 --min-tokens 8
                                        --max-tokens 120 --max-length 96 --seed 7 --no-scores]
    python reward_model_fixture.py --rename-input MODEL.onnx OLD NEW OUT.onnx

Writes OUT/onnx/{model.onnx, tokenizer.json, scoring.json}, OUT/eval.jsonl ({"id", "prompt", "response_a",
"response_b"}) and, unless --no-scores, OUT/scores.jsonl: the reward torch gives each response, following the
scoring.json recipe one sequence at a time (no padding), as a trainer's own score is computed.

The model is a randomly initialised (seeded) Qwen2ForSequenceClassification; its score head is scaled so rewards
spread over about +-1 rather than +-0.02, so a wrong token read shows as a large difference. The tokenizer is a
byte-level BPE trained with `tokenizers` on generated text that includes accents, CJK and emoji, with its own pad
token (the model reads the reward at the last token that is not pad, so pad must differ from the appended EOS).
The second form renames one input of an ONNX model: the scorer must refuse a model whose inputs do not match.
"""
import argparse
import json
import os
import random
import sys

WORDS = ("the a of to and in is that it for on with as was at by an be this from or have not are but had which "
         "they you were their one all we can her has there been if more when will would who so no model reward "
         "answer question summary post reader label human preference helpful harmless honest short long better "
         "worse clear vague because however therefore example evidence claim policy train test split pair chosen "
         "rejected prompt response assistant user dialogue context agree disagree judge score margin").split()
EXTRA = ["café", "naïve", "Zürich", "日本語", "数据", "🙂", "🚀", "—", "«quoted»", "x²", "{braces}", "tab\there",
         "line\nbreak", "  two  spaces", "{response}", "{prompt}"]
EOS, PAD = "<|endoftext|>", "<|pad|>"
TEMPLATE = "{prompt}\n\n{response}"


def sentence(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        out.append(rng.choice(EXTRA) if rng.random() < 0.06 else rng.choice(WORDS))
    text = " ".join(out)
    return text[0].upper() + text[1:] + rng.choice([".", "?", "!", "."])


def corpus(seed: int, lines: int = 4000) -> list[str]:
    rng = random.Random(seed)
    return [sentence(rng, rng.randint(4, 30)) for _ in range(lines)]


def train_tokenizer(seed: int, vocab: int):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab, special_tokens=[EOS, PAD],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(corpus(seed), trainer=trainer)
    return tok


def recipe(tok, max_length: int) -> dict:
    return {"format": 1, "template": TEMPLATE, "add_special_tokens": False, "append_eos": True,
            "eos_token_id": tok.token_to_id(EOS), "pad_token_id": tok.token_to_id(PAD), "max_length": max_length,
            "truncation": "left", "inputs": ["input_ids", "attention_mask"], "output": "logits"}


def token_ids(tok, spec: dict, prompt: str, response: str) -> list[int]:
    """The scoring.json recipe: template, encode without special tokens, append EOS, keep the last max_length."""
    text = spec["template"].format(prompt=prompt, response=response)
    ids = tok.encode(text, add_special_tokens=spec["add_special_tokens"]).ids
    if spec["append_eos"]:
        ids.append(spec["eos_token_id"])
    return ids[-spec["max_length"]:]


def text_of_tokens(tok, rng: random.Random, target: int) -> str:
    """Generated text of about `target` tokens (encoded alone)."""
    text = sentence(rng, max(1, target // 2))
    while len(tok.encode(text).ids) < target:
        text += " " + sentence(rng, rng.randint(3, 12))
    return text


def pairs(tok, n: int, min_tokens: int, max_tokens: int, seed: int) -> list[dict]:
    """n pairs whose prompt + response spans [min_tokens, max_tokens] tokens; with n >= 3, the second pair's
    response is twice max_tokens long (left truncation) and the third has an empty response."""
    rng = random.Random(seed + 1)
    out = []
    for i in range(n):
        prompt_tokens = rng.randint(max(1, min_tokens // 4), max(1, min_tokens // 2))
        prompt = text_of_tokens(tok, rng, prompt_tokens)
        responses = []
        for _ in range(2):
            length = rng.randint(max(1, min_tokens - prompt_tokens), max(1, max_tokens - prompt_tokens))
            responses.append(text_of_tokens(tok, rng, length))
        if n >= 3 and i == 1:
            responses[0] = text_of_tokens(tok, rng, 2 * max_tokens)
        if n >= 3 and i == 2:
            responses[1] = ""
        out.append({"id": i + 1, "prompt": prompt, "response_a": responses[0], "response_b": responses[1]})
    return out


def build_model(tok, spec: dict, hidden: int, layers: int, heads: int, seed: int):
    import torch
    from transformers import Qwen2Config, Qwen2ForSequenceClassification
    torch.manual_seed(seed)
    config = Qwen2Config(vocab_size=tok.get_vocab_size(), hidden_size=hidden, intermediate_size=hidden * 4,
                         num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=heads,
                         max_position_embeddings=max(512, spec["max_length"]), num_labels=1,
                         pad_token_id=spec["pad_token_id"], eos_token_id=spec["eos_token_id"], bos_token_id=None,
                         tie_word_embeddings=False)
    model = Qwen2ForSequenceClassification(config).eval()
    with torch.no_grad():
        # the final norm leaves unit-scale features: weights of std 1/sqrt(hidden) give rewards of std ~1
        model.score.weight.normal_(0.0, hidden ** -0.5)
    return model


class Logits:
    """The model as ONNX sees it: (input_ids, attention_mask) -> logits [batch, 1]."""

    @staticmethod
    def wrap(model):
        import torch

        class Wrapped(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask):
                return self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits

        return Wrapped().eval()


def export(model, path: str, pad_id: int):
    import torch
    wrapped = Logits.wrap(model)
    ids = torch.tensor([[5, 6, 7, 8], [9, 10, pad_id, pad_id]], dtype=torch.long)
    mask = (ids != pad_id).long()
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
    torch.onnx.export(wrapped, (ids, mask), path, input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=18, dynamo=True, external_data=False,
                      dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}})


def torch_scores(model, tok, spec: dict, rows: list[dict]) -> list[dict]:
    import torch
    out = []
    with torch.no_grad():
        for row in rows:
            rewards = []
            for key in ("response_a", "response_b"):
                ids = torch.tensor([token_ids(tok, spec, row["prompt"], row[key])], dtype=torch.long)
                logits = model(input_ids=ids, attention_mask=torch.ones_like(ids), use_cache=False).logits
                rewards.append(float(logits[0, 0]))
            out.append({"id": row["id"], "reward_a": rewards[0], "reward_b": rewards[1]})
    return out


def write_jsonl(path: str, rows: list[dict]):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def rename_input(model_path: str, old: str, new: str, out_path: str):
    import onnx
    m = onnx.load(model_path)
    for value in m.graph.input:
        if value.name == old:
            value.name = new
    for node in m.graph.node:
        node.input[:] = [new if name == old else name for name in node.input]
    onnx.save(m, out_path)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--rename-input":
        rename_input(*argv[1:5])
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--vocab", type=int, default=2048)
    p.add_argument("--pairs", type=int, default=24)
    p.add_argument("--min-tokens", type=int, default=8)
    p.add_argument("--max-tokens", type=int, default=120)
    p.add_argument("--max-length", type=int, default=96)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-scores", action="store_true", help="skip scores.jsonl (the benchmark needs none)")
    a = p.parse_args(argv)

    onnx_dir = os.path.join(a.out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    tok = train_tokenizer(a.seed, a.vocab)
    tok.save(os.path.join(onnx_dir, "tokenizer.json"))
    spec = recipe(tok, a.max_length)
    with open(os.path.join(onnx_dir, "scoring.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
    rows = pairs(tok, a.pairs, a.min_tokens, a.max_tokens, a.seed)
    write_jsonl(os.path.join(a.out, "eval.jsonl"), rows)
    model = build_model(tok, spec, a.hidden, a.layers, a.heads, a.seed)
    export(model, os.path.join(onnx_dir, "model.onnx"), spec["pad_token_id"])
    if not a.no_scores:
        write_jsonl(os.path.join(a.out, "scores.jsonl"), torch_scores(model, tok, spec, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
