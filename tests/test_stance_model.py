"""The shipped stance cross-encoder: loading, its card, real pairs, and a small benchmark slice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.embed import MODEL_CARD, sha256_file
from claimcheck.errors import ModelError
from claimcheck.stance import EnsembleScorer, PolarityBaseline, load_stance_scorer
from claimcheck.stance_model import DEFAULT_STANCE_MODEL, OnnxStanceScorer, resolve_stance_dir

NHS_STOP = "It's important that you do not stop taking antidepressants suddenly."
SLICE = Path(__file__).parent / "data" / "stance_slice.jsonl"


@pytest.fixture(scope="session")
def stance_model() -> OnnxStanceScorer:
    return OnnxStanceScorer(resolve_stance_dir())


def top(s) -> str:  # noqa: ANN001 - StanceScores
    return max((s.entail, "entail"), (s.contradict, "contradict"), (s.neutral, "neutral"))[1]


def test_default_scorer_is_the_shipped_model_with_the_baseline(monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_STANCE", raising=False)
    scorer = load_stance_scorer()
    assert isinstance(scorer, EnsembleScorer)
    assert scorer.model.model_id == DEFAULT_STANCE_MODEL
    assert scorer.model_id == f"{DEFAULT_STANCE_MODEL}+{PolarityBaseline.model_id}"
    alone = load_stance_scorer("model")
    assert isinstance(alone, OnnxStanceScorer) and alone.model_id == DEFAULT_STANCE_MODEL


def test_ensemble_is_the_mean_of_its_parts(stance_model):
    baseline = PolarityBaseline()
    pair, rel = [("just stop taking your antidepressants suddenly", NHS_STOP)], [0.8]
    (m,), (b,) = stance_model.score(pair), baseline.score(pair, rel)
    (e,) = EnsembleScorer(stance_model, baseline, weight=0.5).score(pair, rel)
    assert e.contradict == pytest.approx((m.contradict + b.contradict) / 2, abs=1e-3)
    assert e.entail == pytest.approx((m.entail + b.entail) / 2, abs=1e-3)


def test_baseline_is_still_selectable(monkeypatch):
    assert isinstance(load_stance_scorer("baseline"), PolarityBaseline)
    monkeypatch.setenv("CLAIMCHECK_STANCE", "baseline")
    assert isinstance(load_stance_scorer(), PolarityBaseline)


def test_unknown_model_is_a_one_line_model_error():
    with pytest.raises(ModelError, match="export-stance") as info:
        load_stance_scorer("no-such-stance-model")
    assert "\n" not in str(info.value)


def test_damaged_card_is_refused(tmp_path):
    (tmp_path / "model.onnx").write_bytes(b"")
    (tmp_path / MODEL_CARD).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="re-export"):
        OnnxStanceScorer(tmp_path)


def test_card_describes_the_weights_it_ships_with(stance_model):
    card = stance_model.card
    assert sorted(card["labels"]) == ["contradicted", "supported", "unverified"]
    assert card["weights_sha256"] == sha256_file(stance_model.model_dir / "model.onnx")
    inputs = card["training_data"]["inputs"]
    assert inputs and all(len(v["sha256"]) == 64 for v in inputs.values())
    assert not any(name.startswith(("sick/", "anli/", "healthfc/")) for name in inputs)
    assert not any("test" in name.split("/")[-1] for name in inputs if not name.startswith("snli_esnli/"))


def test_negated_advice_is_contradicted_and_its_twin_supported(stance_model):
    bad, good = stance_model.score(
        [
            ("once you feel better just stop taking your antidepressants suddenly", NHS_STOP),
            ("don't stop your antidepressants suddenly", NHS_STOP),
        ]
    )
    assert top(bad) == "contradict"
    assert top(good) == "entail"


def test_off_topic_evidence_is_neutral(stance_model):
    (s,) = stance_model.score([("cats are mammals that purr", NHS_STOP)])
    assert top(s) == "neutral"


def test_scores_are_probabilities_and_do_not_depend_on_neighbours(stance_model):
    pairs = [("stop antidepressants", NHS_STOP), ("exercise helps sleep", NHS_STOP), ("x", "y")]
    forward = stance_model.score(pairs)
    backward = stance_model.score(pairs[::-1])[::-1]
    assert forward == backward
    for s in forward:
        assert abs(s.entail + s.contradict + s.neutral - 1) < 1e-3


def test_checker_takes_the_policy_chosen_on_dev(small_index, stance_model):
    from claimcheck.pipeline import Checker
    from claimcheck.verdict import Thresholds

    policy = stance_model.policies["ensemble"]
    checker = Checker(index_dir=small_index)
    assert (checker.thresholds.entail, checker.thresholds.contradict) == (policy["entail"], policy["contradict"])
    assert checker.thresholds.conflict == policy["conflict"]
    assert checker.candidates == policy["candidates"]
    assert checker.stance.weight == policy["weight"]
    assert Checker(index_dir=small_index, candidates=7).candidates == 7
    explicit = Thresholds(entail=0.99, contradict=0.98)
    assert Checker(index_dir=small_index, thresholds=explicit).thresholds == explicit
    assert Checker(index_dir=small_index, stance="baseline").candidates == 10


def test_calibration_is_monotonic_and_fitted_on_dev(stance_model):
    """P(label right) never falls as the score rises (supported, contradicted) nor rises (unverified)."""
    policy = stance_model.policies["ensemble"]
    assert "dev" in policy["chosen_on"]
    cal = policy["calibration"]
    assert {"supported", "contradicted"} <= set(cal)
    for label, table in cal.items():
        cuts, probs = table["cuts"], table["probability"]
        assert cuts == sorted(cuts) and len(cuts) == len(probs)
        assert all(0 < p < 1 for p in probs)
        pairs = list(zip(probs, probs[1:], strict=False))
        if label == "unverified":
            assert all(a >= b for a, b in pairs)
        else:
            assert all(a <= b for a, b in pairs)


def test_eval_stance_on_a_benchmark_slice():
    """40 SciFact and Check-COVID dev pairs through the CLI, model alone. It scored macro-F1 0.43 here when
    shipped (chance is 0.33); a broken export or a swapped label order falls below the floor."""
    result = CliRunner().invoke(app, ["eval", "stance", str(SLICE), "--format", "json", "--stance", "model"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 40
    assert set(report["per_label"]) == {"supported", "contradicted", "unverified"}
    assert report["macro_f1"] >= 0.38


def test_export_stance_refuses_a_missing_folder_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["model", "export-stance", str(tmp_path / "nope"), "--name", "x"])
    assert result.exit_code == 2
    assert "no model folder" in result.output and "Traceback" not in result.output


def test_parallel_sessions_give_exactly_the_one_at_a_time_scores():
    """Pairs spread over side-by-side sessions score exactly as one session scoring them in turn."""
    pairs = [
        (f"claim {i}: stop antidepressants once you feel better", f"Evidence {i}: do not stop antidepressants.")
        for i in range(9)
    ] + [("exercise helps mild depression", "Exercise can help with mild depression.")]
    folder = resolve_stance_dir()
    parallel = OnnxStanceScorer(folder)
    alone = OnnxStanceScorer(folder, threads=1)
    assert len(parallel._workers) == 2 and len(alone._workers) == 1
    assert parallel.score(pairs) == alone.score(pairs) == [alone.score([p])[0] for p in pairs]


@pytest.mark.parametrize("name", ["claimcheck-retrieval-minilm-int8", "claimcheck-stance-minilm-int8",
                                  "claimcheck-safety-minilm-int8"])
def test_shipped_graphs_are_optimised_at_export_and_load_as_they_are(name):
    """Graphs are optimised once at export (`claimcheck.export.optimise_graph`); loading one with
    onnxruntime's own optimisation switched off must compute exactly what loading it with optimisation does."""
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from claimcheck.embed import graph_preoptimised, onnx_session, packaged_models_dir

    folder = packaged_models_dir() / name
    card = json.loads((folder / MODEL_CARD).read_text(encoding="utf-8"))
    assert card["graph_optimisation"]["level"] == "extended"
    assert graph_preoptimised(folder / "model.onnx")
    assert card["weights_sha256"] == sha256_file(folder / "model.onnx")
    enc = Tokenizer.from_file(str(folder / "tokenizer.json")).encode(NHS_STOP, "just stop them when you feel ok")
    feed = {
        "input_ids": np.array([enc.ids], dtype=np.int64),
        "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
        "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
    }
    opts = ort.SessionOptions()  # onnxruntime's defaults: every graph optimisation again at load
    opts.intra_op_num_threads = 1
    reoptimised = ort.InferenceSession(str(folder / "model.onnx"), opts, providers=["CPUExecutionProvider"])
    outputs = []
    for session in (onnx_session(folder / "model.onnx", 1), reoptimised):
        names = {i.name for i in session.get_inputs()}
        outputs.append(session.run(None, {k: v for k, v in feed.items() if k in names})[0])
    assert np.array_equal(outputs[0], outputs[1])


def test_every_weight_can_be_read_back_from_the_shipped_graph():
    """scripts/recover_stance.py rebuilds a torch checkpoint from the int8 graph so training can resume; the
    graph optimised at export fuses and renames the quantised MatMuls, which once left it unable to run."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "recover_stance.py"
    spec = importlib.util.spec_from_file_location("recover_stance", path)
    recover = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recover)
    weights = recover.dequantised(resolve_stance_dir() / "model.onnx")
    linear = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
              "intermediate.dense", "output.dense"]
    expected = {f"bert.encoder.layer.{i}.{name}.weight" for i in range(6) for name in linear}
    expected |= {"bert.pooler.dense.weight", "classifier.weight"}
    assert expected <= set(weights)
    assert weights["bert.encoder.layer.0.intermediate.dense.weight"].shape == (1536, 384)
    assert weights["classifier.weight"].shape == (3, 384)
