"""Interpolate two stance checkpoints' weights (WiSE-FT): keep a fine-tune's gains without its forgetting.

    python scripts/mix_stance.py build/stance/model-shipped build/stance/model-stage5f --alpha 0.5 \
        --out build/stance/model-mix50

A fine-tune on the claim bank's informal posts raised the bank's tuned dev accuracy (a noisy figure: see
`tune_verdicts.py --cv`) but lowered HealthVer and SciFact dev (the 2026-12-06 stage 5e run). Averaging the
weights of the model it started from and the fine-tuned one (Wortsman et al. 2022, "Robust fine-tuning of
zero-shot models") often keeps most of the in-domain gain while recovering the out-of-domain accuracy;
`alpha` is the fine-tuned model's share. Tried on 2026-12-07 (README, "Four more tries"): no mix moved the
model's pair-level dev figures.
Both checkpoints must share an architecture (they do: one is fine-tuned from the other). The output folder
is the fine-tuned folder with its weights replaced, so `scripts/ship_stance.py export` reads it as usual.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

WEIGHTS = "model.safetensors"


def mix(start: Path, tuned: Path, alpha: float, out: Path) -> None:
    """Write `(1 - alpha) * start + alpha * tuned` as a checkpoint folder at `out`."""
    a, b = load_file(str(start / WEIGHTS)), load_file(str(tuned / WEIGHTS))
    if a.keys() != b.keys():
        missing = sorted(a.keys() ^ b.keys())[:5]
        raise SystemExit(f"the checkpoints differ in their weights: {missing}")
    mixed = {
        k: ((1 - alpha) * a[k].float() + alpha * b[k].float()).to(b[k].dtype) if b[k].is_floating_point() else b[k]
        for k in b
    }
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(tuned, tmp)
    save_file({k: v.contiguous() for k, v in mixed.items()}, str(tmp / WEIGHTS), metadata={"format": "pt"})
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("start", type=Path, help="the checkpoint the fine-tune started from")
    ap.add_argument("tuned", type=Path, help="the fine-tuned checkpoint")
    ap.add_argument("--alpha", type=float, default=0.5, help="the fine-tuned model's share (0..1)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    if not 0.0 <= args.alpha <= 1.0:
        raise SystemExit("--alpha must be between 0 and 1")
    torch.set_grad_enabled(False)
    mix(args.start, args.tuned, args.alpha, args.out)
    print(f"wrote {args.out} ({args.alpha:.2f} of {args.tuned.name}, {1 - args.alpha:.2f} of {args.start.name})")


if __name__ == "__main__":
    main()
