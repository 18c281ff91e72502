"""Prints the safety layer's figures on tests/data/safety_probe.jsonl; --format json for machines.

    python scripts/eval_safety.py                       # the probe (regression set), rules alone
    python scripts/eval_safety.py --heldout             # the held-out batch (never tuned on), rules alone
    python scripts/eval_safety.py --heldout --learned   # ... rules raised by the learned layer, as Checker runs
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.safety import (  # noqa: E402 - the checkout must be importable without installing it
    METHOD_TERMS,
    all_resources,
    assess,
    banner_text,
    find_method_terms,
    find_obsolete,
    harmful_families,
    harmful_family,
    redact,
    resources_for,
)
from claimcheck.safety.crisis import RULES  # noqa: E402
from claimcheck.safety.helplines import HELPLINES  # noqa: E402

PROBE = ROOT / "tests" / "data" / "safety_probe.jsonl"
HELDOUT = ROOT / "tests" / "data" / "safety_heldout.jsonl"
CLAIMS = ROOT / "corpus" / "eval" / "claims.jsonl"


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def _timing(items: list[dict]) -> dict[str, float]:
    """Seconds to assess 1 MB: repeated support-group chatter, and unique sentences (each numbered)."""
    chatter = [i["text"] for i in items if i["kind"] in ("lookalike", "safe_advice") and i["lang"] == "en"]
    repeated = (" ".join(chatter) * 400)[:1_000_000]
    unique_parts, n, size = [], 0, 0
    while size < 1_000_000:
        part = f"Reply {n}: {chatter[n % len(chatter)]} "
        unique_parts.append(part)
        size, n = size + len(part), n + 1
    unique = "".join(unique_parts)[:1_000_000]
    out = {}
    assess("warm up")
    for name, text in (("repeated_chatter_1mb_s", repeated), ("unique_lookalikes_1mb_s", unique)):
        start = time.perf_counter()
        assess(text[:500_000] + " I'm going to kill myself tonight. " + text[500_000:])
        out[name] = round(time.perf_counter() - start, 3)
    return out


class Learned:
    """The product's path: the rules raised by the learned layer (`Checker.assess`, `Checker.harmful_families`)."""

    def __init__(self, index: Path | None) -> None:
        from claimcheck.pipeline import Checker

        self.checker = Checker(index_dir=index)
        if self.checker.safety_model is None:
            raise SystemExit("no learned safety layer is shipped (scripts/train_safety_model.py)")

    def assess(self, text: str):  # noqa: ANN201 - claimcheck.safety.Safety
        from claimcheck.claims import split_claims

        return self.checker.assess(text, parts=[s.text for s in split_claims(text, max_claims=100)])

    def families(self, text: str) -> tuple[str, ...]:
        """The families `Checker.check` gives the text's claims (spans read alone, then the whole text)."""
        from claimcheck.claims import split_claims

        spans = [s.text for s in split_claims(text, max_claims=100)]
        return tuple(dict.fromkeys(f for f in self.checker.span_families(text, spans) if f))


def evaluate(items: list[dict], timing: bool = True, learned: Learned | None = None) -> dict:
    """All figures, computed from scratch on every run."""
    tier_of = learned.assess if learned else assess
    families_of = learned.families if learned else harmful_families

    def family_of(text: str) -> str | None:
        return next(iter(families_of(text)), None)

    results = {i["id"]: tier_of(i["text"]) for i in items}
    urgent = [i for i in items if i["tier"] == "urgent"]
    concern = [i for i in items if i["tier"] == "concern"]
    at_risk = urgent + concern
    lookalikes = [i for i in items if i["kind"] == "lookalike"]
    advice = [i for i in items if i["kind"] in ("harmful_advice", "safe_advice")]
    harmful = [i for i in items if i["kind"] == "harmful_advice"]
    safe = [i for i in items if i["kind"] == "safe_advice"]
    method = [i for i in items if i["kind"] == "method"]

    figures: dict = {
        "probe_items": len(items),
        "urgent_recall": _rate(sum(results[i["id"]].tier == "urgent" for i in urgent), len(urgent)),
        "urgent_items": len(urgent),
        "concern_recall": _rate(sum(results[i["id"]].tier != "none" for i in concern), len(concern)),
        "concern_exact_tier": _rate(sum(results[i["id"]].tier == "concern" for i in concern), len(concern)),
        "concern_items": len(concern),
        "category_recall": _rate(
            sum(set(i["categories"]) <= set(results[i["id"]].categories) for i in at_risk), len(at_risk)
        ),
        "lookalike_false_positive_rate": _rate(
            sum(results[i["id"]].tier != "none" for i in lookalikes), len(lookalikes)
        ),
        "lookalike_items": len(lookalikes),
        "advice_items_assessed_as_crisis": sum(results[i["id"]].tier != "none" for i in advice),
        "harmful_family_recall": _rate(
            sum(i["harmful_family"] in families_of(i["text"]) for i in harmful), len(harmful)
        ),
        "harmful_primary_family_accuracy": _rate(
            sum(family_of(i["text"]) == i["harmful_family"] for i in harmful), len(harmful)
        ),
        "harmful_items": len(harmful),
        "safe_twin_false_flags": sum(bool(families_of(i["text"])) for i in safe),
        "safe_twin_items": len(safe),
        "disclosures_flagged_as_advice": sum(bool(family_of(i["text"])) for i in at_risk + lookalikes),
        "method_items": len(method),
        "method_items_with_terms_before_redaction": sum(bool(find_method_terms(i["text"])) for i in method),
        "method_terms_left_after_redaction": sum(len(find_method_terms(redact(i["text"]))) for i in items),
        "method_terms_in_banners": 0,
        "obsolete_numbers_in_outputs": 0,
        "oldest_helpline_check_days": max((date.today() - r.last_verified).days for r in all_resources()),
        "helpline_entries": len(all_resources()),
        "rules": len(RULES),
        "method_terms_listed": len(METHOD_TERMS),
    }
    for country in HELPLINES:
        for text in ("I'm going to kill myself tonight", "I want to die", "my husband hits me"):
            result = assess(text, country)
            shown = (
                banner_text(result)
                + result.model_dump_json()
                + "".join(r.model_dump_json() for r in resources_for(country))
            )
            figures["method_terms_in_banners"] += len(find_method_terms(banner_text(result)))
            figures["obsolete_numbers_in_outputs"] += len(find_obsolete(shown))

    per_kind: dict[str, dict[str, int]] = {}
    for item in items:
        row = per_kind.setdefault(item["kind"], {"items": 0, "tier_correct": 0})
        row["items"] += 1
        row["tier_correct"] += results[item["id"]].tier == item["tier"]
    figures["per_kind"] = per_kind
    figures["counts"] = {
        "kind": dict(Counter(i["kind"] for i in items)),
        "tier": dict(Counter(i["tier"] for i in items)),
        "category": dict(Counter(c for i in items for c in i["categories"])),
        "harmful_family": dict(Counter(i["harmful_family"] for i in harmful)),
        "lang": dict(Counter(i["lang"] for i in items)),
    }
    figures["misses"] = {
        "urgent": [i["id"] for i in urgent if results[i["id"]].tier != "urgent"],
        "concern": [i["id"] for i in concern if results[i["id"]].tier == "none"],
        "lookalike_fired": [i["id"] for i in lookalikes if results[i["id"]].tier != "none"],
        "harmful": [i["id"] for i in harmful if i["harmful_family"] not in families_of(i["text"])],
        "safe_flagged": [i["id"] for i in safe if families_of(i["text"])],
    }
    if timing:
        figures["timing"] = _timing(items)
    return figures


def claims_guard(path: Path = CLAIMS) -> dict[str, dict[str, float | int]]:
    """harmful_family on the labelled claims, per split: recall on `harmful: true`, flags on the rest."""
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict[str, dict[str, float | int]] = {}
    for split in sorted({r.get("split", "") for r in rows}):
        harmful = [r for r in rows if r.get("split", "") == split and r.get("harmful")]
        other = [r for r in rows if r.get("split", "") == split and not r.get("harmful")]
        caught = sum(bool(harmful_family(r["text"])) for r in harmful)
        out[split] = {
            "harmful_items": len(harmful),
            "harmful_caught": caught,
            "harmful_recall": _rate(caught, len(harmful)),
            "non_harmful_items": len(other),
            "non_harmful_flagged": sum(bool(harmful_family(r["text"])) for r in other),
        }
    return out


def _print_text(f: dict) -> None:
    pct = lambda x: f"{100 * x:.1f}%"  # noqa: E731
    print(f"Safety set: {f['probe_items']} items ({f['set']}), {f['rules']} crisis rules"
          + (", raised by the learned layer" if f.get("learned") else ", rules alone"))
    print(f"  urgent recall (tier urgent)           {pct(f['urgent_recall'])}  of {f['urgent_items']}")
    print(
        f"  concern recall (concern or higher)    {pct(f['concern_recall'])}  of {f['concern_items']}"
        f"  (exact tier {pct(f['concern_exact_tier'])})"
    )
    print(f"  category recall on at-risk items      {pct(f['category_recall'])}")
    print(
        f"  look-alike false-positive rate        {pct(f['lookalike_false_positive_rate'])}  of {f['lookalike_items']}"
    )
    print(f"  advice items assessed as crisis       {f['advice_items_assessed_as_crisis']}")
    print(
        f"  harmful-family recall                 {pct(f['harmful_family_recall'])}  of {f['harmful_items']}"
        f"  (primary family right {pct(f['harmful_primary_family_accuracy'])})"
    )
    print(f"  false flags on safe-advice twins      {f['safe_twin_false_flags']}  of {f['safe_twin_items']}")
    print(f"  disclosures/look-alikes flagged as advice {f['disclosures_flagged_as_advice']}")
    print(
        f"  method terms left after redaction     {f['method_terms_left_after_redaction']}"
        f"  (method items with terms before:"
        f" {f['method_items_with_terms_before_redaction']}/{f['method_items']})"
    )
    print(f"  method terms in banners               {f['method_terms_in_banners']}")
    print(f"  obsolete numbers in outputs           {f['obsolete_numbers_in_outputs']}")
    print(
        f"  oldest helpline check                 {f['oldest_helpline_check_days']} days"
        f" ({f['helpline_entries']} entries; the test fails past 365)"
    )
    if "timing" in f:
        t = f["timing"]
        print(
            f"  1 MB paste: repeated chatter {t['repeated_chatter_1mb_s']} s,"
            f" unique look-alike sentences {t['unique_lookalikes_1mb_s']} s"
        )
    print("  per kind (tier exactly right):")
    for kind, row in sorted(f["per_kind"].items()):
        print(f"    {kind:15} {row['tier_correct']:4}/{row['items']}")
    misses = {k: v for k, v in f["misses"].items() if v}
    print(f"  misses: {misses if misses else 'none'}")
    if f.get("claims_guard"):
        print(f"Harmful-advice guard on {CLAIMS.relative_to(ROOT)} (field harmful), per split:")
        for split, row in f["claims_guard"].items():
            print(
                f"  {split:5} recall {pct(row['harmful_recall'])}  ({row['harmful_caught']}/{row['harmful_items']}"
                f" harmful)   non-harmful flagged {row['non_harmful_flagged']}/{row['non_harmful_items']}"
            )
    if f.get("pipeline"):
        p = f["pipeline"]
        print(f"Through check() on all {p['items']} probe items:")
        print(f"  harmful-advice items labelled supported   {p['harmful_items_supported']}")
        print(f"  claim texts shown with a method term      {p['outputs_with_method_terms']}")
        print(f"  outputs with an obsolete helpline number  {p['outputs_with_obsolete_numbers']}")


def through_pipeline(items: list[dict], index: Path | None) -> dict[str, int]:
    """Every probe item through the real `check()`: harmful advice called supported, and method terms
    or obsolete numbers anywhere in the JSON or terminal output (all three must be 0)."""
    from rich.console import Console

    from claimcheck.pipeline import Checker
    from claimcheck.render import render_result
    from claimcheck.safety import find_method_terms, find_obsolete

    checker = Checker(index_dir=index)
    harmful_supported = method_outputs = obsolete_outputs = 0
    for item in items:
        result = checker.check(item["text"])
        console = Console(record=True, width=120, file=open(os.devnull, "w"))  # noqa: SIM115
        render_result(result, console)
        shown = result.model_dump_json() + console.export_text()
        stated = " ".join(c.text for c in result.claims)
        method_outputs += bool(find_method_terms(stated))
        obsolete_outputs += bool(find_obsolete(shown))
        if item.get("harmful_family") and any(c.label == "supported" for c in result.claims):
            harmful_supported += 1
    return {
        "items": len(items),
        "harmful_items_supported": harmful_supported,
        "outputs_with_method_terms": method_outputs,
        "outputs_with_obsolete_numbers": obsolete_outputs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--no-timing", action="store_true", help="skip the 1 MB timing runs")
    parser.add_argument("--pipeline", action="store_true", help="also run every probe item through check()")
    parser.add_argument("--index", type=Path, default=None, help="index for --pipeline (default: the user's)")
    parser.add_argument("--probe", type=Path, default=PROBE, help="the set to score (default: the probe)")
    parser.add_argument("--heldout", action="store_true", help=f"score {HELDOUT.relative_to(ROOT)} instead")
    parser.add_argument("--learned", action="store_true", help="rules raised by the learned layer, as Checker runs")
    args = parser.parse_args(argv)
    path = HELDOUT if args.heldout else args.probe
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    learned = Learned(args.index) if args.learned else None
    figures = evaluate(items, timing=not args.no_timing, learned=learned)
    figures["set"] = str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    figures["learned"] = bool(learned)
    figures["claims_guard"] = claims_guard()
    if args.pipeline:
        figures["pipeline"] = through_pipeline(items, args.index)
    if args.format == "json":
        print(json.dumps(figures, indent=2, sort_keys=True))
    else:
        _print_text(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
