"""A learned second opinion beside the crisis rules and the harmful-advice guard.

The rules are precise but know only the phrasings they were written for: on text written apart from them
they found about a quarter of crisis disclosures. This layer is all-MiniLM-L6-v2 fine-tuned here
(`scripts/train_safety_model.py`) to read one sentence's crisis tier, crisis categories and harmful-advice
family, shipped as int8 ONNX and run through onnxruntime like the other models (no new dependency). It may
only *raise* what the rules found: a tier they missed, a family they did not see. Its thresholds were chosen
on dev data so that look-alikes and safe advice are rarely flagged on top of the rules; the figures are in
the model's card.

A head on the retrieval embedder's vectors (what the issue first suggested) was tried and measured worse on
dev: the retrieval space puts "this exam is killing me" next to a disclosure, so it flagged 13% of
look-alikes for 64% recall.
"""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from claimcheck.embed import SAFETY_MODEL as MODEL_NAME
from claimcheck.safety.models import CATEGORIES, Safety, Tier

log = logging.getLogger(__name__)

TIERS_ORDER: tuple[Tier, ...] = ("none", "concern", "urgent")
FAMILIES_ORDER: tuple[str, ...] = (
    "none",
    "stop_medication",
    "skip_emergency",
    "mix_substances",
    "miracle_cure",
    "self_harm_encouragement",
    "pro_eating_disorder",
)
_RANK = {"none": 0, "concern": 1, "urgent": 2}
CACHE_TEXTS = 4096
PARALLEL_MIN_TEXTS = 6  # fewer texts than this are read on the one session


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def read_logits(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split the model's 15 logits per row into tier, category and family probabilities."""
    logits = np.asarray(logits, dtype=np.float64)
    n_cat = len(CATEGORIES)
    tier = _softmax(logits[:, :3])
    cats = 1.0 / (1.0 + np.exp(-logits[:, 3 : 3 + n_cat]))
    fams = _softmax(logits[:, 3 + n_cat :])
    return tier, cats, fams


def decide_tier(rules: str, p_concern: float, p_urgent: float, concern_at: float, urgent_at: float) -> str:
    """The tier after the model's reading: the rules' tier, raised (never lowered) where the model is sure."""
    tier = rules
    if p_urgent >= urgent_at:
        tier = "urgent"
    elif p_concern >= concern_at and tier == "none":
        tier = "concern"
    return tier


@dataclass(frozen=True)
class CrisisReading:
    """The model's view of one text: the tier it would raise to, with the categories it reads."""

    tier: Tier
    categories: tuple[str, ...]
    p_concern: float  # probability of concern or urgent, highest over the parts read
    p_urgent: float


class SafetyModel:
    """The exported classifier with its dev-chosen thresholds; one text per call (batch-invariant int8)."""

    def __init__(self, folder: Path, threads: int | None = 1) -> None:
        from claimcheck.embed import MODEL_CARD

        self.folder = Path(folder)
        self.card: dict = json.loads((self.folder / MODEL_CARD).read_text(encoding="utf-8"))
        th = self.card["thresholds"]
        self.concern_at = float(th["concern"])
        self.urgent_at = float(th["urgent"])
        self.harmful_at = float(th["harmful"])
        self.max_len = int(self.card.get("max_seq_length", 96))
        self.threads = threads
        self._seen: dict[str, np.ndarray] = {}  # a claim is read for its tier and its family: run it once

    @cached_property
    def _session(self):  # noqa: ANN202 - onnxruntime type
        from claimcheck.embed import onnx_session

        return onnx_session(self.folder / "model.onnx", self.threads)

    @cached_property
    def _tokenizer(self):  # noqa: ANN202 - tokenizers type
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tok.enable_truncation(max_length=self.max_len)
        tok.no_padding()
        return tok

    def forget(self) -> None:
        """Drop the readings remembered so far (the model is shared by every Checker of a process; a
        benchmark run measures the work, not the memory of an earlier run)."""
        self._seen.clear()

    @cached_property
    def _workers(self) -> list:
        """Single-thread sessions side by side for long lists (`Checker.verdicts` reads every claim): each
        text is still read alone, so its logits are exactly those of one session."""
        from claimcheck.embed import parallel_sessions, side_sessions

        return side_sessions(self._session, self.folder / "model.onnx", parallel_sessions() if self.threads == 1 else 1)

    @cached_property
    def _pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=len(self._workers), thread_name_prefix="claimcheck-safety")

    def _read(self, text: str, session) -> np.ndarray:  # noqa: ANN001 - onnxruntime session
        from claimcheck.claims import plain_typed

        enc = self._tokenizer.encode(plain_typed(text, emphasis=True))  # as trained: straight quotes, bold kept
        feed = {
            "input_ids": np.array([enc.ids], dtype=np.int64),
            "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
        }
        (z,) = session.run(None, {k: v for k, v in feed.items() if k in self._input_names})
        return z[0]

    @cached_property
    def _input_names(self) -> frozenset[str]:
        return frozenset(i.name for i in self._session.get_inputs())

    def logits(self, texts: list[str]) -> np.ndarray:
        fresh = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if len(fresh) < PARALLEL_MIN_TEXTS or len(self._workers) < 2:
            read = [self._read(t, self._session) for t in fresh]
        else:
            from claimcheck.embed import spread

            read = spread(fresh, self._workers, self._read, self._pool)
        got = dict(zip(fresh, read, strict=True))
        out = [got[t] if t in got else self._seen[t] for t in texts]
        if len(self._seen) + len(got) > CACHE_TEXTS:
            self._seen.clear()
        self._seen.update(got)
        return np.stack(out) if out else np.zeros((0, 3 + len(CATEGORIES) + len(FAMILIES_ORDER)))

    def crisis(self, texts: list[str]) -> CrisisReading:
        """One reading for a text given its parts (sentences, and the whole when short)."""
        if not texts:
            return CrisisReading("none", (), 0.0, 0.0)
        tier_p, cat_p, _ = read_logits(self.logits(texts))
        p_urgent = tier_p[:, 2]
        p_concern = tier_p[:, 1] + tier_p[:, 2]
        tier: Tier = decide_tier("none", float(p_concern.max()), float(p_urgent.max()), self.concern_at,
                                 self.urgent_at)  # type: ignore[assignment]
        best = int(np.argmax(p_urgent if tier == "urgent" else p_concern))
        categories: tuple[str, ...] = ()
        if tier != "none":
            cats = cat_p[best]
            chosen = [c for c, p in zip(CATEGORIES, cats, strict=True) if p >= 0.5]
            categories = tuple(chosen) if chosen else (CATEGORIES[int(np.argmax(cats))],)
        return CrisisReading(tier, categories, float(p_concern.max()), float(p_urgent.max()))

    def family_probability(self, texts: list[str], family: str) -> np.ndarray:
        """Per text: the probability the model gives `family` (whether or not it clears the bar)."""
        if not texts:
            return np.zeros(0)
        _, _, fam_p = read_logits(self.logits(texts))
        return fam_p[:, FAMILIES_ORDER.index(family)]

    def families(self, texts: list[str]) -> list[tuple[str | None, float]]:
        """Per text: the most likely harmful family when its probability clears the dev-chosen bar."""
        if not texts:
            return []
        _, _, fam_p = read_logits(self.logits(texts))
        out: list[tuple[str | None, float]] = []
        for row in fam_p:
            k = int(np.argmax(row[1:])) + 1
            p = float(row[k])
            out.append((FAMILIES_ORDER[k] if p >= self.harmful_at else None, p))
        return out


def model_dir() -> Path:
    from claimcheck.embed import packaged_models_dir

    return packaged_models_dir() / MODEL_NAME


@cache
def _load(folder: str) -> SafetyModel | None:
    path = Path(folder)
    if not (path / "model.onnx").is_file() or not (path / "tokenizer.json").is_file():
        return None
    return SafetyModel(path)


def load_model(folder: Path | None = None) -> SafetyModel | None:
    """The shipped safety model, or None when it is not there (the rules then work alone)."""
    return _load(str(folder or model_dir()))


def raise_with(safety: Safety, reading: CrisisReading, text: str) -> Safety:
    """`safety` (the rules' assessment) raised to the model's tier when the model reads more; never lowered."""
    if _RANK[reading.tier] <= _RANK[safety.tier]:
        return safety
    from claimcheck.safety.crisis import normalize
    from claimcheck.safety.helplines import resources_for
    from claimcheck.safety.language import guess_language

    categories = tuple(c for c in CATEGORIES if c in safety.categories or c in reading.categories)
    return safety.model_copy(
        update={
            "tier": reading.tier,
            "categories": categories,
            "resources": resources_for(safety.country, categories),
            "language": safety.language if safety.tier != "none" else guess_language(normalize(text)),
            "sources": (*safety.sources, "model"),
        }
    )
