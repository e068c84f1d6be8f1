"""Where rl and best-of-n runs get rewards: a reward-model run's folder, or a remote endpoint (decision 22).

Both score (prompt as in the data, completion text) pairs and answer a list of floats, None where there is no
reward. A remote failure never becomes a number: the samples of a failed request get None, are counted, and the
trainer drops them.
"""
from __future__ import annotations

import json
import math
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from transformers import AutoModelForSequenceClassification

from .backbones import load_tokenizer
from .runner import Run, RunFailed
from .scoring import Recipe, RewardScorer


@dataclass
class Batch:
    """What a reward source is asked about: the prompts as in the data and as the policy saw them."""
    ids: list[int]
    raw_prompts: list[str]
    prompt_texts: list[str]
    completions: list[str]


class RewardModelSource:
    def __init__(self, folder: str, run: Run):
        try:
            model = AutoModelForSequenceClassification.from_pretrained(folder, dtype=run.device.dtype)
        except (OSError, ValueError) as e:
            raise RunFailed(f"cannot load the reward model {folder}: {e}") from e
        self.scorer = RewardScorer(model.to(run.device.torch).eval(), load_tokenizer(folder),
                                   Recipe.read(Path(folder)))
        self.failures: list[str] = []

    def __call__(self, batch: Batch) -> list[float | None]:
        return self.scorer.score(batch.raw_prompts, batch.completions)


@dataclass
class RemoteSource:
    """OpenRLHF's remote reward protocol: POST {"query", "prompts", "labels"} -> {"rewards"}, plus our fields."""
    url: str
    timeout_s: float
    failures: list[str] = field(default_factory=list)

    def __call__(self, batch: Batch) -> list[float | None]:
        body = {"query": [p + c for p, c in zip(batch.prompt_texts, batch.completions)],
                "prompts": batch.prompt_texts, "labels": [""] * len(batch.ids), "ids": batch.ids,
                "raw_prompts": batch.raw_prompts, "responses": batch.completions}
        try:
            rewards = self._post(body)
        except (OSError, ValueError) as e:  # URLError, timeouts and HTTPError are OSErrors; bad JSON a ValueError
            self.failures.append(f"reward request to {self.url} failed: {describe(e)}")
            return [None] * len(batch.ids)
        if not isinstance(rewards, list) or len(rewards) != len(batch.ids):
            got = f"{len(rewards)} rewards" if isinstance(rewards, list) else "no list of rewards"
            self.failures.append(f"reward endpoint {self.url} answered {got} for {len(batch.ids)} samples")
            return [None] * len(batch.ids)
        return [r if isinstance(r, (int, float)) and not isinstance(r, bool) and math.isfinite(r) else None
                for r in rewards]

    def _post(self, body: dict) -> object:
        request = urllib.request.Request(self.url, data=json.dumps(body).encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
            answer = json.loads(response.read().decode("utf-8"))
        if not isinstance(answer, dict) or "rewards" not in answer:
            raise ValueError('the answer has no "rewards"')
        return answer["rewards"]


def describe(e: Exception) -> str:
    if isinstance(e, urllib.error.HTTPError):
        return f"HTTP {e.code} {e.reason}"
    if isinstance(e, urllib.error.URLError):
        return str(e.reason)
    return f"{type(e).__name__}: {e}"


def source(run: Run) -> RewardModelSource | RemoteSource:
    reward = run.spec.reward
    if reward.model is not None:
        return RewardModelSource(reward.model, run)
    return RemoteSource(reward.url, reward.timeout_s)
