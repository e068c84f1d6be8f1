#!/usr/bin/env python3
"""The reference side of `rlaif-workbench bench score`: the same reward-model scoring as the app's DJL scorer, done
the way a Python user would with onnxruntime and `tokenizers`, on the same ONNX folder, pairs, batch size, chunking
and thread count. Not used by the application.

    python score_bench.py ONNX_DIR PAIRS.jsonl SCORES_OUT --batch 16 --threads 0 --warm-up-batches 2000

Loads the model, scores every pair once and then that many batches of empty texts (the warm-up) and prints {"ready": ...}. Then each line "round" on standard
input scores every pair again and prints {"seconds": ..., "cpu_seconds": ...} (wall clock; CPU time of the
process, every thread); "tokenize" times the tokenizing of every text alone
(one batch); "quit" writes the last scores (reward_a, reward_b per
pair, in order) to SCORES_OUT as JSON lines and exits. A round is timed from the texts to the rewards, tokenizing
included, as the Java side is.
"""
import argparse
import json
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

BATCHES_PER_CHUNK = 32  # as RewardModelScorer: sort by length within this many batches


class Scorer:
    def __init__(self, onnx_dir: str, batch: int, threads: int):
        with open(f"{onnx_dir}/scoring.json", encoding="utf-8") as f:
            self.spec = json.load(f)
        self.tokenizer = Tokenizer.from_file(f"{onnx_dir}/tokenizer.json")
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(f"{onnx_dir}/model.onnx", options, providers=["CPUExecutionProvider"])
        self.batch = batch

    def ids(self, texts: list[str]) -> list[list[int]]:
        s = self.spec
        out = []
        for enc in self.tokenizer.encode_batch(texts, add_special_tokens=s["add_special_tokens"]):
            ids = enc.ids
            if s["append_eos"]:
                ids.append(s["eos_token_id"])
            out.append(ids[-s["max_length"]:] if s["truncation"] == "left" else ids[:s["max_length"]])
        return out

    def score(self, prompts_responses: list[tuple[str, str]]) -> np.ndarray:
        s = self.spec
        rewards = np.empty(len(prompts_responses), dtype=np.float32)
        chunk = self.batch * BATCHES_PER_CHUNK
        for start in range(0, len(prompts_responses), chunk):
            part = prompts_responses[start:start + chunk]
            seqs = self.ids([s["template"].format(prompt=p, response=r) for p, r in part])
            order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))
            for b in range(0, len(order), self.batch):
                rows = order[b:b + self.batch]
                width = max(1, max(len(seqs[i]) for i in rows))
                ids = np.full((len(rows), width), s["pad_token_id"], dtype=np.int64)
                mask = np.zeros((len(rows), width), dtype=np.int64)
                for r, i in enumerate(rows):
                    ids[r, :len(seqs[i])] = seqs[i]
                    mask[r, :len(seqs[i])] = 1
                out = self.session.run([s["output"]], {s["inputs"][0]: ids, s["inputs"][1]: mask})[0]
                rewards[[start + i for i in rows]] = out.reshape(len(rows))
        return rewards


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("onnx_dir")
    p.add_argument("pairs")
    p.add_argument("scores_out")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--warm-up-batches", type=int, default=2000)
    a = p.parse_args()
    with open(a.pairs, encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    texts = [(row["prompt"], row[key]) for row in pairs for key in ("response_a", "response_b")]
    scorer = Scorer(a.onnx_dir, a.batch, a.threads)
    rewards = scorer.score(texts)  # warm-up, the same as the Java side's: a full pass, then many tiny batches
    scorer.score([("", "")] * (a.batch * a.warm_up_batches))
    print(json.dumps({"ready": True, "onnxruntime": ort.__version__, "pairs": len(pairs)}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        t0, c0 = time.perf_counter(), time.process_time()
        if command == "round":
            rewards = scorer.score(texts)
        elif command == "tokenize":
            scorer.ids([scorer.spec["template"].format(prompt=p, response=r) for p, r in texts])
        elif command == "quit":
            break
        else:
            continue
        print(json.dumps({"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0}), flush=True)
    with open(a.scores_out, "w", encoding="utf-8") as f:
        for i in range(len(pairs)):
            f.write(json.dumps({"reward_a": float(rewards[2 * i]), "reward_b": float(rewards[2 * i + 1])}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
