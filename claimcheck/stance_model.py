"""claimcheck's trained stance cross-encoder on the query path: onnxruntime + tokenizers, no torch.

The model (scripts/train_stance.py, exported by `claimcheck model export-stance`) reads an
(evidence, claim) pair and gives probabilities for supported / contradicted / unverified. Its folder
holds model.onnx (int8), tokenizer.json and model_card.json; the card names the label order, the
training data and licences, the dev-chosen verdict thresholds and the measured metrics.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

import numpy as np

from claimcheck.embed import (
    DEFAULT_STANCE_MODEL,
    MODEL_CARD,
    default_threads,
    find_model_dir,
    onnx_session,
    parallel_sessions,
    side_sessions,
    spread,
)
from claimcheck.errors import ModelError
from claimcheck.models import StanceScores

POLICY_FILE = "verdict_policy.json"
_FIELDS = {"supported": "entail", "contradicted": "contradict", "unverified": "neutral"}
PARALLEL_MIN_PAIRS = 6  # fewer pairs than this are scored on the one session


def resolve_stance_dir(name: str | None = None) -> Path:
    """An explicit folder, a packaged model name, or one under `CLAIMCHECK_HOME/models`."""
    name = name or DEFAULT_STANCE_MODEL
    found = find_model_dir(name, ("model.onnx", MODEL_CARD))
    if found is None:
        raise ModelError(
            f"stance model {name!r} not found: export one with `claimcheck model export-stance PATH --name {name}`"
        )
    return found


class OnnxStanceScorer:
    """Three-way stance from an exported cross-encoder; the retrieval cosine is not needed."""

    uses_relevance = False

    def __init__(self, model_dir: Path, threads: int | None = None) -> None:
        self.model_dir = Path(model_dir)
        card_path = self.model_dir / MODEL_CARD
        try:
            self.card: dict = json.loads(card_path.read_text(encoding="utf-8"))
            self.model_id: str = self.card["model_id"]
            self.labels: list[str] = list(self.card["labels"])
            self.max_seq_length: int = int(self.card.get("max_seq_length", 256))
            self._columns = [self.labels.index(k) for k in _FIELDS]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"stance model card {card_path} is missing or damaged: re-export the model") from exc
        self.threads = threads

    @property
    def thresholds(self) -> dict[str, float]:
        """The verdict thresholds chosen on dev data for this model (empty if none were recorded)."""
        return dict(self.card.get("thresholds") or {})

    @cached_property
    def policies(self) -> dict[str, dict]:
        """Verdict policies chosen on dev for this model, by scorer ("model", "ensemble"): POLICY_FILE."""
        path = self.model_dir / POLICY_FILE
        if not path.is_file():
            return {}
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise ModelError(f"verdict policy {path} is damaged: re-run scripts/tune_verdicts.py") from exc

    @property
    def policy(self) -> dict:
        return dict(self.policies.get("model") or {})

    @cached_property
    def _session(self):  # noqa: ANN202 - onnxruntime type
        return onnx_session(self.model_dir / "model.onnx", self.threads or default_threads())

    @cached_property
    def _workers(self) -> list:
        """Single-thread sessions run side by side, one pair per call each.

        One short pair gains nothing from a second intra-op thread, but two single-thread sessions scoring
        different pairs at once gave 1.3-1.9x the pairs per second on 2 cores, with bit-identical
        probabilities (each pair is still scored alone; tests/test_stance_model.py checks it).
        """
        return side_sessions(self._session, self.model_dir / "model.onnx", 1 if self.threads else parallel_sessions())

    @cached_property
    def _pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=len(self._workers), thread_name_prefix="claimcheck-stance")

    @cached_property
    def _input_names(self) -> frozenset[str]:
        return frozenset(i.name for i in self._session.get_inputs())

    @cached_property
    def _tokenizer(self):  # noqa: ANN202 - tokenizers type
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tok.enable_truncation(max_length=self.max_seq_length, strategy="longest_first")
        tok.no_padding()
        return tok

    def probabilities(self, claim: str, evidence: str, session=None) -> np.ndarray:  # noqa: ANN001 - onnxruntime
        """Softmax over the model's labels for one pair.

        One pair per call: dynamic int8 quantisation scales activations per call, so batching would make
        a pair's scores depend on its neighbours (the same effect measured for the embedder).
        """
        enc = self._tokenizer.encode(evidence, claim)
        feed = {
            "input_ids": np.array([enc.ids], dtype=np.int64),
            "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
        }
        run = (session or self._session).run
        (logits,) = run(None, {k: v for k, v in feed.items() if k in self._input_names})
        z = logits[0].astype(np.float64)
        p = np.exp(z - z.max())
        return p / p.sum()

    def _all_probabilities(self, pairs: Sequence[tuple[str, str]]) -> list[np.ndarray]:
        """Every pair's probabilities, spread over the parallel sessions (order kept)."""
        if len(pairs) < PARALLEL_MIN_PAIRS:  # a single check's few pairs: no second session to load
            return [self.probabilities(c, e) for c, e in pairs]
        workers = self._workers
        if len(workers) < 2:
            return [self.probabilities(c, e) for c, e in pairs]
        return spread(pairs, workers, lambda pair, session: self.probabilities(*pair, session), self._pool)

    def score(self, pairs: Sequence[tuple[str, str]], relevance: Sequence[float] | None = None) -> list[StanceScores]:
        out = []
        for probs in self._all_probabilities(list(pairs)):
            p = probs[self._columns]
            out.append(
                StanceScores(
                    entail=round(float(p[0]), 4), contradict=round(float(p[1]), 4), neutral=round(float(p[2]), 4)
                )
            )
        return out
