"""Ship the claim bank as package data for claim matching: texts, quotes and embeddings.

  python scripts/ship_bank.py        # after the bank or the embedder changed
Writes claimcheck/data/claim_bank/{claims.jsonl,vectors.npy,info.json} (fp16 vectors of the shipped embedder).
All splits are shipped; evaluation loads only the train split (`Checker(bank_splits=...)`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from claimcheck.bank import bank_files, read_bank
from claimcheck.claim_match import BANK_DIR, CLAIMS_FILE, INFO_FILE, VECTORS_FILE
from claimcheck.embed import load_embedder

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    claims = [c for c in read_bank(bank_files(ROOT / "corpus" / "claims")) if c.quotes]
    embedder = load_embedder(None)
    vectors = embedder.embed_batch([c.text for c in claims]).astype(np.float16)
    BANK_DIR.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {
                "id": c.id,
                "text": c.text,
                "split": c.split,
                "doc_id": c.doc_id,
                "quotes": list(c.quotes),
                "source": c.source,
            },
            ensure_ascii=False,
        )
        for c in claims
    ]
    body = "\n".join(lines) + "\n"
    (BANK_DIR / CLAIMS_FILE).write_text(body, encoding="utf-8")
    np.save(BANK_DIR / VECTORS_FILE, vectors, allow_pickle=False)
    info = {
        "embedder": embedder.model_id,
        "embedder_sha256": embedder.weights_sha256,
        "claims": len(claims),
        "claims_sha256": hashlib.sha256(body.encode()).hexdigest(),
        "licence": "CC0 1.0 (claims); quotes: NHS OGL v3.0, US federal public domain",
    }
    (BANK_DIR / INFO_FILE).write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"shipped {len(claims)} bank claims to {BANK_DIR}")


if __name__ == "__main__":
    main()
