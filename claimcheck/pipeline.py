"""Wire the stages together: claims -> retrieve -> stance -> verdict, for one text or many claims."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from claimcheck.claim_match import ClaimMatcher
from claimcheck.claims import ClaimSpan
from claimcheck.embed import OnnxEmbedder, load_embedder
from claimcheck.errors import ClaimcheckError
from claimcheck.index import Hit, Index, load_index
from claimcheck.lexical import content_stems
from claimcheck.models import CheckResult, ClaimVerdict, Evidence, InputSummary, Models, StanceScores
from claimcheck.paths import default_index_dir
from claimcheck.safety.messaging import NOTICE
from claimcheck.safety.models import Safety
from claimcheck.stance import StanceScorer, load_stance_scorer
from claimcheck.verdict import Thresholds, decide, reading

if TYPE_CHECKING:
    from claimcheck.safety.learned import SafetyModel

log = logging.getLogger(__name__)


MAX_CLAIMS = 100
# Spans the claim splitter's word lists call "not about health" or "personal story" get a second look: when
# the nearest indexed sentence is this close (cosine), the pages speak to the topic, so the span is checked.
# Chosen on dev bank posts against everyday chat ("lol same here" 0.17, "my cat knocked over my coffee"
# 0.34; "a couple of tinnies with your Percocet is grand" 0.44): posts in a voice the word lists never saw.
NEAR_CORPUS_MIN_COSINE = 0.42
SECOND_LOOK_MIN_WORDS = 7
RETRIEVE_K = 30
DEFAULT_CANDIDATES = 10  # what the baseline's thresholds were tuned with
# Retrieved sentences after the voting candidates that an unverified claim also has scored, to show (never to
# vote: the policy's precision was measured without them). On the claim bank's dev split 2 more put the
# deciding sentence among the shown quotes for 0.711 of posts instead of 0.678, verdicts unchanged
# (`claimcheck eval claims corpus/claims --split dev`); `scripts/bench.py` went from 77 to 65 claims/s.
CONTEXT_SENTENCES = 2
COVERAGE_WEIGHT = 0.01
VECTOR_CACHE = 4096  # texts whose vectors a Checker keeps (claims repeat across a batch's messages)
# A sentence found by reading a claim after the text before it (`span_leads`) may only support it, and only if
# the claim read alone leans to entailment at least this much and the text before it, read alone, does not lean
# that way this much (`Checker.alone_agrees`). Chosen on dev and on `scripts/eval_mixed_posts.py` (train
# split): with neither check, 93 of 300 myths written after a true post were called supported instead of 4;
# letting the joined reading contradict too called one more true dev post contradicted (precision 0.895).
LEAD_CLAIM_MIN = 0.2
LEAD_OWN_MAX = 0.3
WHOLE_TEXT_CHARS = 1_000  # a text this short is also read whole by the learned safety model


def crisis_pieces(text: str, parts: Sequence[str] | None) -> list[str]:
    """What the learned safety model reads of a text: its parts (sentences), and the whole when it is short."""
    pieces = list(dict.fromkeys(p for p in (parts or [text]) if p.strip()))
    if len(text) <= WHOLE_TEXT_CHARS and text not in pieces:
        pieces.append(text)
    return pieces


def span_leads(text: str, spans: Sequence[str]) -> list[str | None]:
    """For each span of a short `text`, the span before it, which `Checker.verdicts` also reads it after.

    A post's second sentence often leans on the first ("restless, can't concentrate and can't sleep from
    worrying? those can all be GAD symptoms"), and the stance model learned from whole posts. On the claim bank
    (policy unchanged, with the checks of `Checker.alone_agrees`): dev 0.577 -> 0.589, test 0.638 -> 0.641,
    train 0.655 -> 0.660, all from posts newly supported, with no more myths supported on those splits (one
    more on cold, 0.533 -> 0.542). Only for texts of up to `WHOLE_TEXT_CHARS`, where it was measured.
    """
    if len(text) > WHOLE_TEXT_CHARS:
        return [None] * len(spans)
    return [None, *spans[:-1]]


class Checker:
    """Holds the loaded index and models so many checks reuse them (the CLI's batch path, the library)."""

    def __init__(
        self,
        index_dir: Path | None = None,
        model: str | None = None,
        stance: str | None = None,
        thresholds: Thresholds | None = None,
        candidates: int | None = None,
        bank_splits: Sequence[str] | None = None,
    ) -> None:
        """`bank_splits` limits claim matching to those splits of the claim bank (evaluation loads only
        "train", so no evaluated claim is matched to itself); None uses every shipped claim."""
        self.index_dir = Path(index_dir) if index_dir else default_index_dir()
        self.bank_splits = tuple(bank_splits) if bank_splits is not None else None
        self.model_name = model
        self.stance_name = stance
        self._thresholds = thresholds
        self._candidates = candidates
        self._stems: dict[int, set[str]] = {}
        self._vectors: dict[str, np.ndarray] = {}

    @cached_property
    def embedder(self) -> OnnxEmbedder:
        return load_embedder(self.model_name)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """Sentence vectors, each text embedded once per Checker (the embedder runs one text per call, so a
        cached vector is exactly the one a fresh call would give)."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if todo:
            if len(self._vectors) + len(todo) > VECTOR_CACHE:
                self._vectors.clear()
            for t, v in zip(todo, self.embedder.embed_batch(todo), strict=True):
                self._vectors[t] = v
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    @cached_property
    def safety_model(self) -> SafetyModel | None:
        """The learned safety layer, if shipped; the rules alone when it cannot load."""
        from claimcheck.safety.learned import load_model

        try:
            return load_model()
        except Exception as exc:  # noqa: BLE001 - the rules still run; never lose the crisis check to this
            log.warning("learned safety layer not loaded: %s", exc)
            return None

    def assess(
        self, text: str, country: str | None = None, rules: Safety | None = None, parts: Sequence[str] | None = None
    ) -> Safety:
        """The crisis assessment: the rules' (given or computed), raised by the learned layer where it reads more.

        `parts` are the text's sentences (default: the text alone); a short text is also read whole.
        """
        from claimcheck.safety import assess
        from claimcheck.safety.learned import raise_with

        safety = rules if rules is not None else assess(text, country)
        if safety.tier == "urgent" or not text.strip():
            return safety
        try:
            model = self.safety_model
            if model is None:
                return safety
            return raise_with(safety, model.crisis(crisis_pieces(text, parts)), text)
        except Exception as exc:  # noqa: BLE001 - the rules' answer stands
            log.warning("learned safety layer failed: %s", exc)
            return safety

    def read_ahead(self, texts: Sequence[str], parts: Sequence[Sequence[str]]) -> None:
        """Let the learned safety model read these texts' pieces now, all in one call, so its parallel sessions
        share the work; `assess` then finds each reading remembered. A batch assesses its messages one at a
        time as they stream, which would keep one session busy and the other idle. Readings are unchanged
        (each piece is still read alone); a failure is left for `assess` to meet and report."""
        model = self.safety_model
        if model is None or not texts:
            return
        try:
            model.logits([p for t, ps in zip(texts, parts, strict=True) for p in crisis_pieces(t, ps)])
        except Exception:  # noqa: BLE001 - assess reads them again and reports
            return

    def harmful_families(self, claims: Sequence[str]) -> list[str | None]:
        """Each claim's harmful-advice family: the rules' when they see one, else the learned layer's."""
        from claimcheck.claims import plain_decoded
        from claimcheck.safety import harmful_family

        # the rules read plain typing, entities decoded; the learned layer reads it its own way (`SafetyModel._read`)
        found = [harmful_family(plain_decoded(c)) for c in claims]
        todo = [i for i, f in enumerate(found) if f is None]
        try:
            model = self.safety_model
            if model is not None and todo:
                for i, (family, _p) in zip(todo, model.families([claims[i] for i in todo]), strict=True):
                    found[i] = family
        except Exception as exc:  # noqa: BLE001
            log.warning("learned harmful-advice layer failed: %s", exc)
        return found

    def span_families(self, text: str, spans: Sequence[str]) -> list[str | None]:
        """Each span's harmful-advice family, reading the spans alone and then, if none shows one, the whole text.

        Advice by example often needs two sentences ("Stopped my sertraline last week. Best thing I ever did.")
        and a pronoun may stand for the medicine ("just stop them"), so a short text none of whose spans is
        flagged is read whole, by the rules (a medicine named anywhere counts) and the learned layer, which was
        trained and given its bar on whole texts. The family then goes to the span the learned layer reads as
        most of it (without that layer, the longest span), a question only if every span is one. On fresh sets
        3-6, harmful tips flagged in their family rose from 93 to 150 of 220, safe advice flagged from 12 to 19
        of 180 (`python scripts/eval_safety.py --probe ... --learned`).
        """
        from claimcheck.claims import plain_decoded
        from claimcheck.safety import harmful_family

        found = self.harmful_families(spans)
        if any(found) or not spans or len(text) > WHOLE_TEXT_CHARS or (len(spans) == 1 and spans[0] == text.strip()):
            return found
        family = harmful_family(plain_decoded(text))
        model = self.safety_model
        try:
            if family is None and model is not None:
                family = model.families([text])[0][0]
            if family is None:
                return found
            # a question asks rather than advises: it carries the family only when every span asks
            told = [i for i, span in enumerate(spans) if not span.rstrip().endswith("?")] or list(range(len(spans)))
            if model is not None:
                p = model.family_probability([spans[i] for i in told], family)
                k = told[int(np.argmax(p))]
            else:
                k = max(told, key=lambda i: len(spans[i]))
        except Exception as exc:  # noqa: BLE001 - the spans' own readings stand
            log.warning("learned harmful-advice layer failed: %s", exc)
            return found
        found[k] = family
        return found

    @cached_property
    def index(self) -> Index:
        return load_index(self.index_dir, self.embedder)

    @cached_property
    def stance(self) -> StanceScorer:
        try:
            idf = self.index.term_idf()
        except ClaimcheckError:  # `eval stance` needs no index; the check path fails on the index itself
            idf = None
        return load_stance_scorer(self.stance_name, idf=idf)

    @cached_property
    def policy(self) -> dict:
        """The scorer's verdict policy chosen on dev (`scripts/tune_verdicts.py`), {} if it has none."""
        return dict(getattr(self.stance, "policy", None) or {})

    @cached_property
    def thresholds(self) -> Thresholds:
        """Explicit thresholds, else the policy chosen on dev data for the stance model in use."""
        if self._thresholds is not None:
            return self._thresholds
        if self.policy:
            return Thresholds.from_card(self.policy)
        return Thresholds(**{k: v for k, v in self.stance.thresholds.items() if k in ("entail", "contradict")})

    @cached_property
    def candidates(self) -> int:
        """Sentences stance-scored per claim: explicit, else the count tuned with the scorer's thresholds."""
        return (
            self._candidates
            or self.policy.get("candidates")
            or getattr(self.stance, "candidates", None)
            or DEFAULT_CANDIDATES
        )

    @cached_property
    def dense_weight(self) -> float:
        """The dense ranking's weight in retrieval fusion, chosen on dev with the verdict policy (1: equal)."""
        return float(self.policy.get("dense_weight", 1.0))

    @cached_property
    def matcher(self) -> ClaimMatcher | None:
        """Bank claims whose deciding sentences join a close claim's candidates (None: policy says no)."""
        if not self.policy.get("match_top"):
            return None
        matcher = ClaimMatcher.load(weights_sha256=self.embedder.weights_sha256, splits=self.bank_splits)
        if matcher is None:
            return None
        matcher.bind(self.index.document_rows())  # lazy: a large index's sentences are not all read up front
        return matcher

    @cached_property
    def allowed_sources(self) -> frozenset[str]:
        from claimcheck.sources import load_sources

        return frozenset(s.id for s in load_sources())

    def evidence_for(self, claims: Sequence[str], families: Sequence[str | None] | None = None) -> list[list[Evidence]]:
        """Retrieve and stance-score the best candidate sentences for each claim.

        `families` (each claim's harmful-advice family, where known) spares the reversed reading of flagged
        claims' sentences: the verdict rule never asks for it there.
        """
        flagged = [bool(f) for f in (families or [None] * len(claims))]
        return self.score_hits(claims, self.voting_hits(self.ranked_candidates(claims)), flagged)

    def ranked_candidates(self, claims: Sequence[str]) -> list[tuple[list[Hit], int]]:
        """Per claim, every retrieved sentence in the order the stance step takes them, and how many lead
        because they decided a matching bank claim (`ranked_hits`)."""
        from claimcheck.retrieve import retrieve

        if not claims:
            return []
        vectors = self.vectors(list(claims))
        all_hits = retrieve(
            self.index,
            self.embedder,
            claims,
            k=max(RETRIEVE_K, self.candidates + CONTEXT_SENTENCES),
            query_vectors=vectors,
            dense_weight=self.dense_weight,
        )
        return [self.ranked_hits(c, hits, v) for c, hits, v in zip(claims, all_hits, vectors, strict=True)]

    def voting_hits(self, ranked: Sequence[tuple[list[Hit], int]]) -> list[list[Hit]]:
        """The sentences whose stance decides each claim: its bank-matched ones, then the policy's count."""
        return [hits[: matched + self.candidates] for hits, matched in ranked]

    def score_hits(
        self,
        claims: Sequence[str],
        hits: Sequence[Sequence[Hit]],
        one_way: Sequence[bool],
        with_previous: int | None = None,
    ) -> list[list[Evidence]]:
        """Stance-score each claim's given sentences and wrap them as quotable evidence.

        Every claim's pairs are scored in one call, so the stance model's parallel sessions stay busy; each
        pair is still scored alone, so the scores are those of claim-by-claim scoring. A claim marked `one_way`
        gets no reversed readings: the verdict rule never asks for them for flagged harmful advice, nor for
        sentences scored only to be shown. Claims from position `with_previous` on are readings of a claim
        together with the one before it, and their evidence says so.
        """
        index = self.index
        pairs, rel, meta, owner = [], [], [], []
        for qi, (claim, claim_hits) in enumerate(zip(claims, hits, strict=True)):
            for h in claim_hits:
                p = index.passages[h.row]
                doc = index.document(p)
                quote = index.quote(h.row)
                pairs.append((claim, f"{doc.title}. {quote}"))
                rel.append(h.dense)
                meta.append((h, p, doc, quote))
                owner.append(qi)
        scores = self.stance.score(pairs, rel) if pairs else []
        reverse = self.reverse_scores(pairs, scores, [one_way[qi] for qi in owner])
        out: list[list[Evidence]] = [[] for _ in claims]
        for i, ((h, p, doc, quote), s) in enumerate(zip(meta, scores, strict=True)):
            out[owner[i]].append(
                Evidence(
                    quote=quote,
                    url=doc.url,
                    title=doc.title,
                    publisher=doc.publisher,
                    source_id=doc.source_id,
                    licence=doc.licence,
                    heading=p.heading,
                    start=p.start,
                    end=p.end,
                    retrieval_score=round(h.score, 6),
                    relevance=round(h.dense, 4),
                    stance=s,
                    reverse=reverse.get(i),
                    with_previous=with_previous is not None and owner[i] >= with_previous,
                )
            )
        return out

    def reverse_scores(
        self, pairs: Sequence[tuple[str, str]], scores: Sequence[StanceScores], skip: Sequence[bool]
    ) -> dict[int, StanceScores]:
        """The model's reading of each would-be contradicting pair the other way round (policy permitting).

        Only where `claimcheck.verdict.decide` reads it: a sentence that leans to contradiction from the
        lowest contradiction bar up (a failed reversed reading also lowers an unverified claim's deciding
        score), of a claim not flagged as harmful advice (`skip`: flagged advice is judged one way only).
        """
        from claimcheck.stance_model import OnnxStanceScorer

        th = self.thresholds
        model = getattr(self.stance, "model", self.stance)
        if th.contradict_reverse <= 0 or not isinstance(model, OnnxStanceScorer):
            return {}
        bar = min(th.contradict, th.contradict_harmful)
        todo = [i for i, s in enumerate(scores) if s.contradict >= bar and s.contradict >= s.entail and not skip[i]]
        if not todo:
            return {}
        flipped = model.score([(pairs[i][1], pairs[i][0]) for i in todo])
        return dict(zip(todo, flipped, strict=True))

    def ranked_hits(self, claim: str, hits: Sequence[Hit], vector) -> tuple[list[Hit], int]:  # noqa: ANN001
        """Every candidate in order (deciding sentences of matching bank claims first), and how many matched."""
        ranked = self.rerank(claim, hits)
        matched: list[Hit] = []
        if self.matcher is not None:
            found = self.matcher.match(vector, float(self.policy.get("match_min", 1.0)), int(self.policy["match_top"]))
            for row, _cos, _bank_id in found:
                dense = self.cosine(row, vector)
                matched.append(Hit(row=row, score=0.0, dense=dense, lexical_rank=None, dense_rank=None))
        rows = {h.row for h in matched}
        return matched + [h for h in ranked if h.row not in rows], len(matched)

    def cosine(self, row: int, vector) -> float:  # noqa: ANN001 - a normalised numpy vector
        """The retrieval cosine of an indexed sentence with a text's vector (for sentences not found by search)."""
        return float(self.index.vectors.reconstruct(row) @ vector)

    def rerank(self, claim: str, hits: Sequence[Hit]) -> list[Hit]:
        """Order fused hits, nudged by how much of the claim's content the sentence in context covers.

        Only the first few sentences are stance-scored (a cross-encoder call each), so this order matters; on
        the first 226 labelled claims with gold evidence the lexical nudge lifted recall@1 from 0.68 to 0.75
        over fusion alone.
        """
        stems = content_stems(claim)
        if not stems:
            return sorted(hits, key=lambda h: -h.score)
        cache = self._stems

        def coverage(row: int) -> float:
            if row not in cache:
                cache[row] = content_stems(self.index.texts[row])
            return len(stems & cache[row]) / len(stems)

        return sorted(hits, key=lambda h: (-(h.score + COVERAGE_WEIGHT * coverage(h.row)), h.row))

    def verdicts(
        self,
        claims: Sequence[str],
        families: Sequence[str | None] | None = None,
        country: str | None = None,
        leads: Sequence[str | None] | None = None,
    ) -> list[ClaimVerdict]:
        """Verdicts for claims already known to be checkable, each with its own crisis assessment.

        Harmful-advice families are detected (rules, then the learned layer) unless given. `leads[i]`, where
        given, is the text before claim i in the same short text (`span_leads`): the claim is then also read
        after it, and the sentences retrieved for that reading may support it (`alone_agrees`; they are marked
        `Evidence.with_previous`).
        """
        from claimcheck.claims import plain_reading
        from claimcheck.safety import redact

        said, claims = claims, [plain_reading(c) for c in claims]  # read plain (`plain_reading`), shown as typed
        fams = list(families) if families is not None else self.harmful_families(said)
        lead_of = [plain_reading(lead) if lead else None for lead in leads or [None] * len(claims)]
        paired = [i for i, lead in enumerate(lead_of) if lead]
        texts = [*claims, *(reading(claims[i], lead_of[i]) for i in paired)]
        flagged = [bool(f) for f in fams]
        ranked = self.ranked_candidates(texts)
        voting = self.voting_hits(ranked)
        # a joined reading only ever supports (`alone_agrees`), so it needs no reversed readings
        scored = self.score_hits(texts, voting, [*flagged, *(True for _ in paired)], with_previous=len(claims))
        evidence = scored[: len(claims)]
        joined = self.alone_agrees(claims, lead_of, paired, voting, scored)
        for j, i in enumerate(paired):
            evidence[i] = [*evidence[i], *joined[j]]
        decided = [
            decide(claim, ev, self.thresholds, self.allowed_sources, harmful_family=fam, lead=lead)
            for claim, ev, fam, lead in zip(claims, evidence, fams, lead_of, strict=True)
        ]
        # An unverified claim still shows what the sources say: the next few retrieved sentences are scored
        # too, for display only (they never vote: the policy's precision was measured on the voting ones).
        unsettled = [i for i, v in enumerate(decided) if v.label == "unverified"] if CONTEXT_SENTENCES else []
        if unsettled:
            more = [ranked[i][0][len(voting[i]) : len(voting[i]) + CONTEXT_SENTENCES] for i in unsettled]
            extra = self.score_hits([claims[i] for i in unsettled], more, [True] * len(unsettled))
            for i, ctx in zip(unsettled, extra, strict=True):
                decided[i] = decide(
                    claims[i],
                    evidence[i],
                    self.thresholds,
                    self.allowed_sources,
                    harmful_family=fams[i],
                    context=ctx,
                    lead=lead_of[i],
                )
        return [
            verdict.model_copy(update={"text": redact(claim), "safety": self.assess(claim, country)})
            for claim, verdict in zip(said, decided, strict=True)
        ]

    def alone_agrees(
        self,
        claims: Sequence[str],
        leads: Sequence[str | None],
        paired: Sequence[int],
        voting: Sequence[Sequence[Hit]],
        scored: Sequence[Sequence[Evidence]],
    ) -> list[list[Evidence]]:
        """Of each joined reading's evidence (claim `paired[j]` read after its lead: `scored[len(claims) + j]`),
        the supporting sentences that speak to the claim rather than to its lead.

        Read after a true post, a myth takes the support of the sentence that settles the post: on 300 pairs of
        the claim bank's train posts (a true post, then a myth of its topic), 93 myths came out supported instead
        of 4 ("panic disorder isn't life-threatening" then "a bad enough attack will stop your heart"). So a
        sentence keeps its vote only if the claim read alone leans to entailment too (`LEAD_CLAIM_MIN`) and the
        lead read alone does not (`LEAD_OWN_MAX`). A joined reading never contradicts (see LEAD_CLAIM_MIN).
        """
        n = len(claims)
        alone: list[dict[int, StanceScores]] = []  # per joined reading: row -> the claim read alone
        lead_alone: list[dict[int, StanceScores]] = []  # row -> the lead read alone
        todo: list[tuple[str, list[Hit], dict[int, StanceScores]]] = []  # (text, sentences, where scores go)
        for j, i in enumerate(paired):
            alone.append({h.row: e.stance for h, e in zip(voting[i], scored[i], strict=True)})
            lead_alone.append({})
            joined = zip(voting[n + j], scored[n + j], strict=True)
            pro = [h for h, e in joined if e.stance.entail > e.stance.contradict]
            unscored = [h for h in pro if h.row not in alone[j]]
            for text, hits, into in ((claims[i], unscored, alone[j]), (leads[i] or "", pro, lead_alone[j])):
                if hits:
                    vector = self.vectors([text])[0]
                    hits = [
                        Hit(row=h.row, score=h.score, dense=self.cosine(h.row, vector),
                            lexical_rank=None, dense_rank=None)
                        for h in hits
                    ]
                    todo.append((text, hits, into))
        if todo:
            found = self.score_hits([t for t, _, _ in todo], [h for _, h, _ in todo], [True] * len(todo))
            for (_text, hits, into), evidence in zip(todo, found, strict=True):
                into.update({h.row: e.stance for h, e in zip(hits, evidence, strict=True)})

        def leans_to_entail(scores: StanceScores, floor: float) -> bool:
            return scores.entail > scores.contradict and scores.entail >= floor

        return [
            [
                e
                for h, e in zip(voting[n + j], scored[n + j], strict=True)
                if e.stance.entail > e.stance.contradict
                and leans_to_entail(alone[j][h.row], LEAD_CLAIM_MIN)
                and not leans_to_entail(lead_alone[j][h.row], LEAD_OWN_MAX)
            ]
            for j in range(len(paired))
        ]

    def claim_spans(self, text: str, max_claims: int) -> list[ClaimSpan]:
        """Split `text` into claims; spans the word lists set aside get a second look against the index."""
        from claimcheck.claims import REASON_FEELING, REASON_NEAR_CORPUS, REASON_OFF_TOPIC, plain_reading, split_claims

        spans = split_claims(text, max_claims=max_claims)
        maybe = [
            i
            for i, s in enumerate(spans)
            if not s.checkable
            and s.reason in (REASON_FEELING, REASON_OFF_TOPIC)
            and len(s.text.split()) >= SECOND_LOOK_MIN_WORDS
        ]
        if maybe:
            vectors = self.vectors([plain_reading(spans[i].text) for i in maybe])
            best, _ = self.index.vectors.search(np.ascontiguousarray(vectors, dtype=np.float32), 1)
            for i, cos in zip(maybe, best[:, 0], strict=True):
                if cos >= NEAR_CORPUS_MIN_COSINE:
                    spans[i] = spans[i].model_copy(update={"checkable": True, "reason": REASON_NEAR_CORPUS})
        return spans

    def models(self) -> Models:
        return Models(
            embedder=f"{self.embedder.model_id}@{self.embedder.weights_sha256[:12]}",
            stance=self.stance.model_id,
            corpus_hash=self.index.manifest.corpus_hash,
        )

    def check(
        self, text: str, max_claims: int = MAX_CLAIMS, country: str | None = None, safety: Safety | None = None
    ) -> CheckResult:
        """Assess crisis risk first, then split `text` into claims and give each checkable one a verdict.

        A caller that already assessed `text` (the CLI does, so its banner survives any failure) passes
        that `safety` in rather than paying for the crisis rules twice.
        """
        from claimcheck.claims import REASON_BY_EXAMPLE, bounded_input
        from claimcheck.safety import assess, redact

        chars = len(text)
        text, cut = bounded_input(text)  # the first MAX_INPUT_CHARS characters: a bound before any work
        rules = safety if safety is not None else assess(text, country)
        spans = self.claim_spans(text, max_claims + 1)
        truncated = cut or len(spans) > max_claims
        spans = spans[:max_claims]
        safety = self.assess(text, country, rules=rules, parts=[s.text for s in spans])
        # Personal stories and asides still meet the harmful-advice guard: "I just stopped my meds when I felt
        # better" is advice by example, checked like advice (so it can never come out supported).
        families = self.span_families(text, [s.text for s in spans])
        spans = [
            s.model_copy(update={"checkable": True, "reason": REASON_BY_EXAMPLE})
            if not s.checkable and families[i]
            else s
            for i, s in enumerate(spans)
        ]
        checkable = [i for i, s in enumerate(spans) if s.checkable]
        leads = span_leads(text, [s.text for s in spans])
        decided = (
            iter(
                self.verdicts(
                    [spans[i].text for i in checkable],
                    [families[i] for i in checkable],
                    country,
                    [leads[i] for i in checkable],
                )
            )
            if checkable
            else iter(())
        )
        claims = [
            next(decided)
            if s.checkable
            else ClaimVerdict(
                text=redact(s.text),
                checkable=False,
                label="not_checkable",
                confidence=0.0,
                reason=s.reason,
                safety=self.assess(s.text, country),
            )
            for s in spans
        ]
        return CheckResult(
            notice=NOTICE,
            safety=safety,
            input=InputSummary(chars=chars, claims=len(claims), checkable=len(checkable), truncated=truncated),
            claims=tuple(claims),
            models=self.models(),
        )


_default: Checker | None = None


def check(
    text: str, *, index_dir: Path | None = None, max_claims: int = MAX_CLAIMS, country: str | None = None
) -> CheckResult:
    """Check pasted advice against the trusted corpus; the first call loads the index and models."""
    global _default
    if index_dir is not None:
        return Checker(index_dir=index_dir).check(text, max_claims=max_claims, country=country)
    if _default is None:
        _default = Checker()
    return _default.check(text, max_claims=max_claims, country=country)
