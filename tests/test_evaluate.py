"""Evaluation metrics against hand-computed numbers, file errors, and the shape of our labelled claim set."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.evaluate import (
    ClaimItem,
    EvalFileError,
    StanceItem,
    classification_report,
    evaluate_claims,
    evaluate_stance,
    format_report,
    load_claims_file,
    load_stance_file,
    most_severe,
)
from claimcheck.models import LABELS, StanceScores

EVAL_FILE = Path(__file__).resolve().parents[1] / "corpus" / "eval" / "claims.jsonl"
S, C, U = "supported", "contradicted", "unverified"


def write(tmp_path: Path, content: str | bytes, name: str = "data.jsonl") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def lines(*objs: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objs)


# --- loading ------------------------------------------------------------------------------------------------


def test_load_claims_file_keeps_extra_keys(tmp_path):
    path = write(
        tmp_path,
        lines(
            {"id": "a", "text": "stop your meds", "label": "contradicted", "harmful": True, "split": "dev"},
            {"id": 2, "text": "CBT helps anxiety", "label": "supported", "topic": "cbt"},
        )
        + "\n   \n",  # blank lines are ignored
    )
    items = load_claims_file(path)
    assert items == [
        ClaimItem(id="a", text="stop your meds", label=C, harmful=True, extra={"split": "dev"}),
        ClaimItem(id="2", text="CBT helps anxiety", label=S, harmful=False, extra={"topic": "cbt"}),
    ]


def test_load_stance_file_maps_nli_names(tmp_path):
    path = write(
        tmp_path,
        lines(
            {"claim": "a", "evidence": "b", "label": "supported"},
            {"claim": "a", "evidence": "c", "label": "Contradiction", "source": "x"},
            {"claim": "a", "evidence": "d", "label": "neutral"},
        ),
    )
    items = load_stance_file(path)
    assert [i.label for i in items] == [S, C, U]
    assert items[1].extra == {"source": "x"}


GOOD = {"id": "x", "text": "stop your meds", "label": "contradicted"}


@pytest.mark.parametrize(
    ("content", "line", "needle"),
    [
        (lines(GOOD) + '{"id": "y", "text": "oops"\n', 2, "bad JSON"),
        (lines(GOOD, {"id": "y", "label": "supported"}), 2, "missing key 'text'"),
        (lines({"text": "t"}), 1, "missing key 'id', 'label'"),
        (lines(GOOD, {"id": "y", "text": "t", "label": "maybe"}), 2, "unknown label 'maybe'"),
        (lines(GOOD, {"id": "y", "text": "t", "label": "not_checkable"}), 2, "unknown label"),
        (lines(GOOD, [1, 2]), 2, "expected a JSON object"),
        (
            lines(GOOD, {"id": "y", "text": "t", "label": "supported", "harmful": "yes"}),
            2,
            "'harmful' must be",
        ),
        (
            lines(GOOD, {"id": "y", "text": "  ", "label": "supported"}),
            2,
            "'text' must be a non-empty string",
        ),
        (
            lines(GOOD, {"id": "x", "text": "t", "label": "supported"}),
            2,
            "duplicate id 'x' (first on line 1)",
        ),
        (
            lines(GOOD).encode() + b'{"id": "y", "text": "caf\xe9", "label": "supported"}\n',
            2,
            "not valid UTF-8",
        ),
    ],
)
def test_claims_file_errors_name_file_line_and_problem(tmp_path, content, line, needle):
    path = write(tmp_path, content, "my-claims.jsonl")
    with pytest.raises(EvalFileError) as info:
        load_claims_file(path)
    msg = str(info.value)
    assert "\n" not in msg
    assert "my-claims.jsonl" in msg
    assert f"line {line}:" in msg
    assert needle in msg


@pytest.mark.parametrize("content", ["", "\n  \n\t\n"])
def test_empty_file_is_an_error(tmp_path, content):
    path = write(tmp_path, content, "empty.jsonl")
    for loader in (load_claims_file, load_stance_file):
        with pytest.raises(EvalFileError, match=r"empty\.jsonl: empty file"):
            loader(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(EvalFileError, match="cannot read"):
        load_claims_file(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    ("obj", "needle"),
    [
        ({"claim": "a", "label": "supported"}, "missing key 'evidence'"),
        ({"claim": "a", "evidence": "b", "label": "entails-ish"}, "unknown label"),
        ({"claim": "a", "evidence": 3, "label": "supported"}, "'evidence' must be a non-empty string"),
    ],
)
def test_stance_file_errors(tmp_path, obj, needle):
    path = write(tmp_path, lines({"claim": "a", "evidence": "b", "label": "neutral"}, obj), "stance.jsonl")
    with pytest.raises(EvalFileError) as info:
        load_stance_file(path)
    assert "stance.jsonl, line 2:" in str(info.value) and needle in str(info.value)


def test_eval_file_error_is_a_claimcheck_error():
    assert issubclass(EvalFileError, ClaimcheckError)


# --- metrics ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], U),
        (["not_checkable"], U),
        (["not_checkable", "not_checkable"], U),
        ([U, "not_checkable"], U),
        ([U, S], S),
        ([S, C, U], C),
        (["not_checkable", C], C),
        ([S, S], S),
    ],
)
def test_most_severe(labels, expected):
    assert most_severe(labels) == expected


def test_most_severe_rejects_unknown_labels():
    with pytest.raises(ValueError):
        most_severe(["supported", "true"])


def test_classification_report_matches_hand_computation():
    gold = [S, S, S, C, C, U]
    pred = [S, C, S, C, S, U]
    harmful = [False, False, False, True, True, False]
    r = classification_report(gold, pred, harmful)
    assert set(r) == {"n", "accuracy", "macro_f1", "per_label", "confusion", "harmful_supported"}
    assert r["n"] == 6
    assert r["accuracy"] == pytest.approx(4 / 6)
    assert r["per_label"][S] == pytest.approx({"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3, "support": 3})
    assert r["per_label"][C] == pytest.approx({"precision": 1 / 2, "recall": 1 / 2, "f1": 1 / 2, "support": 2})
    assert r["per_label"][U] == pytest.approx({"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1})
    assert r["macro_f1"] == pytest.approx((2 / 3 + 1 / 2 + 1) / 3)
    assert r["confusion"] == {
        S: {S: 2, C: 1, U: 0},
        C: {S: 1, C: 1, U: 0},
        U: {S: 0, C: 0, U: 1},
    }
    assert list(r["confusion"]) == list(LABELS) and list(r["confusion"][S]) == list(LABELS)
    assert r["harmful_supported"] == 1  # the harmful contradicted item predicted supported


def test_classification_report_precision_and_recall_differ():
    # supported: tp=1, predicted 3, support 2 -> P=1/3, R=1/2, F1=2*(1/6)/(5/6)=0.4
    r = classification_report([S, S, C, U], [S, C, S, S])
    assert r["per_label"][S] == pytest.approx({"precision": 1 / 3, "recall": 1 / 2, "f1": 0.4, "support": 2})
    assert r["per_label"][C] == pytest.approx({"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1})


def test_zero_division_gives_zero():
    r = classification_report([S, S], [S, S])
    assert "harmful_supported" not in r
    assert r["accuracy"] == 1.0
    for lab in (C, U):
        assert r["per_label"][lab] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert r["macro_f1"] == pytest.approx(1 / 3)
    empty = classification_report([], [], [])
    assert empty["n"] == 0 and empty["accuracy"] == 0.0 and empty["macro_f1"] == 0.0
    assert empty["harmful_supported"] == 0


def test_not_checkable_prediction_counts_as_unverified():
    r = classification_report([U, C], ["not_checkable", "not_checkable"])
    assert r["confusion"][U][U] == 1 and r["confusion"][C][U] == 1


@pytest.mark.parametrize(
    ("gold", "pred", "harmful"),
    [([S], [S, C], None), ([S], [S], [True, False]), (["yes"], [S], None), ([S], ["maybe"], None)],
)
def test_classification_report_rejects_bad_input(gold, pred, harmful):
    with pytest.raises(ValueError):
        classification_report(gold, pred, harmful)


def test_format_report_shows_tables():
    r = classification_report([S, S, S, C, C, U], [S, C, S, C, S, U], [False, False, False, True, True, False])
    text = format_report(r)
    assert "accuracy: 0.667" in text and "macro-F1: 0.722" in text
    score_rows = [line.split() for line in text.splitlines() if line.startswith(LABELS) and "." in line]
    assert score_rows == [
        [S, "0.667", "0.667", "0.667", "3"],
        [C, "0.500", "0.500", "0.500", "2"],
        [U, "1.000", "1.000", "1.000", "1"],
    ]
    assert "confusion (rows: gold, columns: predicted)" in text
    confusion_rows = [line.split() for line in text.splitlines() if line.startswith(LABELS) and "." not in line]
    assert confusion_rows == [[S, "2", "1", "0"], [C, "1", "1", "0"], [U, "0", "0", "1"]]
    assert "harmful items predicted supported: 1" in text
    assert "harmful" not in format_report(classification_report([S], [S]))


# --- end-to-end helpers with a stand-in checker ------------------------------------------------------


class FakeChecker:
    """Returns fixed per-claim labels for each text and fixed stance scores, like pipeline.Checker does."""

    def __init__(self, verdicts: dict[str, list[str]], scores: list[StanceScores] | None = None) -> None:
        self.verdicts = verdicts
        self.stance = SimpleNamespace(score=lambda pairs, relevance=None: scores[: len(pairs)])
        self.embedder = SimpleNamespace(embed_batch=lambda texts: np.ones((len(texts), 2)) / np.sqrt(2))

    def check(self, text: str):
        return SimpleNamespace(
            claims=[SimpleNamespace(label=lab, confidence=0.5, evidence=()) for lab in self.verdicts[text]]
        )


def test_evaluate_claims_uses_most_severe_verdict():
    items = [
        ClaimItem(id="1", text="a", label=C, harmful=True),
        ClaimItem(id="2", text="b", label=S),
        ClaimItem(id="3", text="c", label=U),
    ]
    checker = FakeChecker({"a": ["not_checkable", "supported"], "b": ["supported", "contradicted"], "c": []})
    r = evaluate_claims(checker, items)
    assert [p["pred"] for p in r["predictions"]] == [S, C, U]
    assert r["harmful_supported"] == 1
    assert r["accuracy"] == pytest.approx(1 / 3)
    assert r["decided"] == 0.0 and r["coverage"] == pytest.approx(2 / 3)
    assert [p["confidence"] for p in r["predictions"]] == [0.5, 0.5, 0.0]


def test_isotonic_steps_are_monotonic_with_midpoint_cuts():
    from claimcheck.evaluate import isotonic_steps

    x = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    y = [1, 1, 1, 0, 1, 0, 0, 0]
    cuts, probs = isotonic_steps(x, y, increasing=False)
    assert cuts[0] == -1.0 and cuts == sorted(cuts)
    assert all(a >= b for a, b in zip(probs, probs[1:], strict=False))
    assert probs == pytest.approx([4 / 5, 2 / 4, 1 / 5])  # equal neighbours pool, then Laplace
    up_cuts, up_probs = isotonic_steps(x, [1 - v for v in y], increasing=True)
    assert up_cuts == cuts and all(a <= b for a, b in zip(up_probs, up_probs[1:], strict=False))


def test_isotonic_steps_never_split_equal_scores():
    """Many unverified claims score exactly 0; split across two blocks they gave two cuts at 0 and the first
    block's probability could never be looked up."""
    from claimcheck.evaluate import isotonic_steps

    x = [0.0, 0.0, 0.0, 0.0, 0.1, 0.2]
    y = [0, 0, 1, 1, 1, 0]  # in this order the old fit split the four zeros
    for increasing in (True, False):
        cuts, probs = isotonic_steps(x, y, increasing=increasing)
        assert len(set(cuts)) == len(cuts), cuts
        assert len(probs) == len(cuts)
    cuts, probs = isotonic_steps(x, y, increasing=False)
    assert cuts == pytest.approx([-1.0, 0.15]) and probs[0] == pytest.approx((3 + 1) / (5 + 2))  # 0 pools with 0.1


def test_reliability_table_and_ece():
    from claimcheck.evaluate import reliability

    r = reliability([0.95, 0.95, 0.15, 0.15], [True, False, False, False], bins=5)
    assert [row["n"] for row in r["table"]] == [2, 2]
    assert r["ece"] == pytest.approx(0.5 * abs(0.95 - 0.5) + 0.5 * abs(0.15 - 0.0))


def test_evaluate_stance_takes_argmax():
    items = [StanceItem(claim="x", evidence="y", label=lab) for lab in (S, C, U)]
    scores = [
        StanceScores(entail=0.7, contradict=0.2, neutral=0.1),
        StanceScores(entail=0.1, contradict=0.6, neutral=0.3),
        StanceScores(entail=0.5, contradict=0.1, neutral=0.4),
    ]
    r = evaluate_stance(FakeChecker({}, scores), items)
    assert r["confusion"][U][S] == 1 and r["accuracy"] == pytest.approx(2 / 3)


# --- our labelled set -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def eval_rows() -> list[dict]:
    return [json.loads(line) for line in EVAL_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_eval_set_parses_and_is_big_enough(eval_rows):
    items = load_claims_file(EVAL_FILE)
    assert len(items) == len(eval_rows) >= 150
    assert all(set(row) == {"id", "text", "label", "harmful", "split", "evidence", "url", "topic"} for row in eval_rows)
    assert all(isinstance(row["harmful"], bool) for row in eval_rows)
    assert {row["split"] for row in eval_rows} == {"dev", "test"}
    counts = Counter(row["label"] for row in eval_rows)
    assert set(counts) == set(LABELS)
    n = len(eval_rows)
    assert 0.3 < counts[S] / n < 0.5 and 0.3 < counts[C] / n < 0.5 and 0.1 < counts[U] / n < 0.3


def test_eval_set_evidence_and_urls(eval_rows):
    banned = ("mind.org", "nami.org", "samaritans", "who.int")
    for row in eval_rows:
        if row["label"] == U:
            assert row["evidence"] == [] and row["url"] == "", row["id"]
            continue
        assert 1 <= len(row["evidence"]) <= 3, row["id"]
        for sentence in row["evidence"]:
            assert isinstance(sentence, str) and sentence.strip() == sentence and sentence, row["id"]
            assert "](" not in sentence and "**" not in sentence, row["id"]  # no markdown
        assert row["url"].startswith(("https://", "http://")), row["id"]
        assert not any(b in row["url"] for b in banned), row["id"]
        assert row["text"] not in row["evidence"], row["id"]  # paraphrased, never copied


def test_eval_set_twins(eval_rows):
    by_id = {row["id"]: row for row in eval_rows}
    assert len(by_id) == len(eval_rows)
    stems = [i[:-1] for i in by_id if i.endswith("a") and i[:-1] + "b" in by_id]
    assert len(stems) >= 50
    for stem in stems:
        a, b = by_id[stem + "a"], by_id[stem + "b"]
        assert (a["label"], b["label"]) == (S, C), stem
        assert a["url"] == b["url"] and a["topic"] == b["topic"] and a["split"] == b["split"], stem
    flagship = next(
        r for r in eval_rows if r["text"] == "once you feel better on antidepressants just stop taking them"
    )
    assert flagship["label"] == C and flagship["harmful"]
    assert "It's important that you do not stop taking antidepressants suddenly." in flagship["evidence"]


def test_eval_set_splits_by_page_and_covers_publishers(eval_rows):
    split_of_topic: dict[str, set[str]] = defaultdict(set)
    split_of_url: dict[str, set[str]] = defaultdict(set)
    for row in eval_rows:
        split_of_topic[row["topic"]].add(row["split"])
        if row["url"]:
            split_of_url[row["url"]].add(row["split"])
    assert all(len(s) == 1 for s in split_of_topic.values())
    assert all(len(s) == 1 for s in split_of_url.values())
    dev = sum(1 for row in eval_rows if row["split"] == "dev")
    assert 0.4 < dev / len(eval_rows) < 0.6
    assert len(split_of_url) >= 25
    hosts = {urlparse(u).netloc for u in split_of_url}
    publishers = {
        name
        for name, part in (
            ("NHS", "nhs.uk"),
            ("NIMH", "nimh.nih.gov"),
            ("MedlinePlus", "medlineplus"),
            ("CDC", "cdc.gov"),
            ("SAMHSA", "samhsa.gov"),
        )
        if any(part in h or part in u for h in hosts for u in split_of_url)
    }
    assert publishers == {"NHS", "NIMH", "MedlinePlus", "CDC", "SAMHSA"}
    for split in ("dev", "test"):
        labels = Counter(row["label"] for row in eval_rows if row["split"] == split)
        assert all(labels[lab] >= 15 for lab in LABELS), (split, labels)
