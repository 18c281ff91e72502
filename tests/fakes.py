"""Stand-ins shared by tests that are about something other than the models."""

from __future__ import annotations

import hashlib

import numpy as np


class HashEmbedder:
    """Fast, deterministic, batch-independent vectors: for tests about folders and index updates, not
    embeddings (the ONNX embedder's vectors depend slightly on a batch's padding)."""

    model_id, weights_sha256, dimension = "hash-test", "1" * 64, 384

    def embed_batch(self, texts):  # noqa: ANN001, ANN201
        rows = [np.frombuffer(hashlib.sha512(t.encode()).digest() * 24, dtype=np.uint8)[:384] for t in texts]
        vec = np.array(rows, dtype=np.float32).reshape(len(texts), 384) - 127.5
        return vec / np.linalg.norm(vec, axis=1, keepdims=True)
