"""Previously checked claims: match a new claim to the bank's claims and point at the sentences that decided them.

People repeat the same advice in many wordings; the claim bank (`corpus/claims/`) holds such wordings with the
verbatim sentences that settle each one. A new claim close to a bank claim (cosine of the shipped embedder)
gets those sentences added to its candidates. Only the *evidence* is borrowed, never the bank's label: a
negation twin ("do stop" / "don't stop") sits as close as a paraphrase, so the stance model still reads the
new claim against each sentence. Shipped as package data by `scripts/ship_bank.py`; evaluation loads only
the train split so no evaluated claim is matched to itself.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimcheck.errors import ModelError

BANK_DIR = Path(__file__).parent / "data" / "claim_bank"
CLAIMS_FILE = "claims.jsonl"
VECTORS_FILE = "vectors.npy"
INFO_FILE = "info.json"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class BankEntry:
    """A bank claim as shipped: its text, split and where its deciding quotes sit."""

    id: str
    text: str
    split: str
    doc_id: str
    quotes: tuple[str, ...]
    source: str = ""


class ClaimMatcher:
    """Nearest bank claims by cosine; returns index rows of their deciding sentences."""

    def __init__(self, entries: Sequence[BankEntry], vectors: np.ndarray) -> None:
        if len(entries) != len(vectors):
            raise ModelError("claim bank is damaged: claims and vectors differ in number")
        self.entries = list(entries)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    @classmethod
    def load(
        cls, folder: Path = BANK_DIR, weights_sha256: str | None = None, splits: Collection[str] | None = None
    ) -> ClaimMatcher | None:
        """The shipped bank (None when there is none); `splits` keeps only those splits' claims."""
        if not (folder / CLAIMS_FILE).is_file():
            return None
        try:
            info = json.loads((folder / INFO_FILE).read_text(encoding="utf-8"))
            rows = [json.loads(x) for x in (folder / CLAIMS_FILE).read_text(encoding="utf-8").splitlines() if x]
            vectors = np.load(folder / VECTORS_FILE, allow_pickle=False).astype(np.float32)
        except (OSError, ValueError) as exc:
            raise ModelError(f"claim bank at {folder} is damaged ({exc}): reinstall claimcheck") from None
        if weights_sha256 is not None and info.get("embedder_sha256") != weights_sha256:
            return None  # embedded with another model: unusable, so the checker runs without it
        entries = [
            BankEntry(r["id"], r["text"], r["split"], r["doc_id"], tuple(r["quotes"]), r.get("source", ""))
            for r in rows
        ]
        if splits is not None:
            keep = [i for i, e in enumerate(entries) if e.split in splits]
            entries, vectors = [entries[i] for i in keep], vectors[keep]
        return cls(entries, vectors)

    def subset(self, keep: Collection[int]) -> ClaimMatcher:
        """A matcher over some of this one's entries (by position), e.g. another writer's claims only."""
        idx = sorted(keep)
        return ClaimMatcher([self.entries[i] for i in idx], self.vectors[idx])

    def bind(self, doc_rows: Mapping[str, list[tuple[int, str]]]) -> None:
        """Where each entry's quotes sit: `doc_rows` maps doc id -> [(row, sentence)].

        Resolved lazily, entry by entry as matches reach it: a cold `check` meets a handful of entries, and
        normalising every document's sentences up front cost it 0.13 s.
        """
        self._doc_rows = doc_rows
        self._normed: dict[str, list[tuple[int, str]]] = {}
        self._rows: dict[int, tuple[int, ...]] = {}

    def rows_of(self, i: int) -> tuple[int, ...]:
        """Index rows of entry `i`'s deciding sentences (empty when none of its quotes is indexed)."""
        if i not in self._rows:
            e = self.entries[i]
            if e.doc_id not in self._normed:
                self._normed[e.doc_id] = [
                    (row, ns) for row, s in self._doc_rows.get(e.doc_id, ()) if (ns := _norm(s))
                ]
            found: list[int] = []
            for q in e.quotes:
                nq = _norm(q)
                for row, ns in self._normed[e.doc_id]:
                    if ns == nq or (len(ns) >= 20 and ns in nq) or (len(nq) >= 20 and nq in ns):
                        if row not in found:
                            found.append(row)
            self._rows[i] = tuple(found)
        return self._rows[i]

    def match(self, query: np.ndarray, min_cosine: float, top: int) -> list[tuple[int, float, str]]:
        """(row, cosine, bank id) of the deciding sentences of the `top` closest bank claims above `min_cosine`;
        bank claims none of whose quotes is indexed are passed over."""
        if not self.entries or top <= 0:
            return []
        sims = self.vectors @ np.asarray(query, dtype=np.float32)
        out: list[tuple[int, float, str]] = []
        seen: set[int] = set()
        taken = 0
        for i in np.argsort(-sims, kind="stable"):
            if sims[i] < min_cosine or taken >= top:
                break
            rows = self.rows_of(int(i))
            if not rows:
                continue
            taken += 1
            for row in rows:
                if row not in seen:
                    seen.add(row)
                    out.append((row, float(sims[i]), self.entries[i].id))
        return out
