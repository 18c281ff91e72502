"""Optimise the shipped models' ONNX graphs once, so no process start has to (`claimcheck.export.optimise_graph`).

  python scripts/optimise_graphs.py          # then: python scripts/ship_bank.py (the embedder's hash changed)

Each packaged model folder is copied, optimised and loaded beside the original; the copy replaces the
original only if its outputs are bit-identical on real text (claim-bank posts for the embedder and the safety
model, posts against snapshot sentences for the stance model). New exports are optimised as they are written.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.bank import bank_files, read_bank  # noqa: E402
from claimcheck.embed import OnnxEmbedder, packaged_models_dir  # noqa: E402
from claimcheck.export import MODEL_FOLDER, optimise_model_folder  # noqa: E402
from claimcheck.files import replace_dir  # noqa: E402
from claimcheck.safety.learned import SafetyModel  # noqa: E402
from claimcheck.stance_model import OnnxStanceScorer  # noqa: E402

N_TEXTS = 300


def outputs(folder: Path, texts: list[str], pairs: list[tuple[str, str]]) -> np.ndarray:
    """What the model in `folder` computes on real text, through the loader the product uses."""
    name = folder.name
    if "stance" in name:
        scorer = OnnxStanceScorer(folder, threads=1)
        return np.array([scorer.probabilities(claim, evidence) for claim, evidence in pairs])
    if "safety" in name:
        return SafetyModel(folder, threads=1).logits(texts)
    return OnnxEmbedder(folder, threads=1).embed_batch(texts)


def main() -> None:
    bank = [c for c in read_bank(bank_files(ROOT / "corpus" / "claims")) if c.quotes]
    texts = [c.text for c in bank[:: max(1, len(bank) // N_TEXTS)]][:N_TEXTS]
    pairs = [(c.text, c.quotes[0]) for c in bank[:: max(1, len(bank) // N_TEXTS)]][:N_TEXTS]
    failed = False
    for folder in sorted(p for p in packaged_models_dir().iterdir() if (p / "model.onnx").is_file()):
        tmp = Path(tempfile.mkdtemp(prefix=".optimise-check-", dir=folder.parent))
        try:
            copy = tmp / folder.name
            shutil.copytree(folder, copy)
            card = optimise_model_folder(copy)
            before, after = outputs(folder, texts, pairs), outputs(copy, texts, pairs)
            diff = float(np.abs(before - after).max())
            sha = card["weights_sha256"][:12]
            print(f"{folder.name}: {len(before)} outputs, max difference {diff:g}, new sha256 {sha}")
            if diff != 0.0:
                failed = True
                print("  not replaced: outputs differ", file=sys.stderr)
                continue
            replace_dir(copy, folder, MODEL_FOLDER)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
