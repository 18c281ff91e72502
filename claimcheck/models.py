"""Typed contracts passed between pipeline stages (pydantic v2, frozen)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claimcheck.safety.models import Safety

SCHEMA_VERSION = "1.1"

Label = Literal["supported", "contradicted", "unverified"]
ClaimLabel = Literal["supported", "contradicted", "unverified", "not_checkable"]
LABELS: tuple[Label, ...] = ("supported", "contradicted", "unverified")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Frozen):
    """One publisher in the registry (`corpus/sources.toml`)."""

    id: str
    name: str
    publisher: str
    country: str
    kind: Literal["gov", "charity", "intergov"]
    licence: str
    redistributable: bool
    allowed_hosts: tuple[str, ...]
    seeds: tuple[str, ...] = ()
    path_prefixes: tuple[str, ...] = ()
    homepage: str = ""
    adapter: str = Field("", description="how responses are read: '' (HTML), 'nhs-api' or 'medlineplus-xml'")
    sitemaps: tuple[str, ...] = Field((), description="sitemap URLs whose <loc> entries seed a crawl")


class Section(_Frozen):
    """A heading and the span of document text it governs."""

    heading: str
    start: int
    end: int


class Document(_Frozen):
    """A cleaned page from a trusted publisher; `text` is what citations quote from."""

    id: str
    url: str
    title: str
    publisher: str
    source_id: str
    licence: str
    redistributable: bool
    retrieved: str = Field(description="ISO date the text was captured")
    content_hash: str = Field(description="sha256 of `text`")
    text: str
    sections: tuple[Section, ...] = ()


class Passage(_Frozen):
    """One sentence of a document, addressed by character offsets, with its context."""

    doc_id: str
    start: int
    end: int
    heading: str = ""


class StanceScores(_Frozen):
    """Probabilities that the evidence entails, contradicts or is neutral to the claim."""

    entail: float
    contradict: float
    neutral: float


class Evidence(_Frozen):
    """A quoted sentence: exactly `document.text[start:end]`."""

    quote: str
    url: str
    title: str
    publisher: str
    source_id: str
    licence: str
    heading: str = ""
    start: int
    end: int
    retrieval_score: float
    relevance: float
    stance: StanceScores
    reverse: StanceScores | None = Field(
        None,
        description="the stance model reading the pair the other way round (sentence as claim); computed only "
        "for a sentence that would decide a contradiction, which the policy may require to hold both ways",
    )


class ClaimVerdict(_Frozen):
    """The verdict on one claim, with the evidence that decided it."""

    text: str = Field(description="The claim as written, with any method detail replaced by a placeholder")
    checkable: bool
    label: ClaimLabel
    confidence: float = Field(
        description="probability that `label` is right, from a calibration table fitted on dev data; for "
        "unverified, the probability that the trusted sources really settle nothing"
    )
    reason: str
    harmful: bool = False
    harmful_family: str | None = None
    evidence: tuple[Evidence, ...] = ()
    safety: Safety | None = Field(
        None,
        description="the crisis assessment of this claim's own text (set by every Checker entry point, so a "
        "caller of `verdicts` alone still learns that someone may be at risk)",
    )


class InputSummary(_Frozen):
    chars: int
    claims: int
    checkable: int
    truncated: bool = Field(
        False,
        description="True when only part of the text was checked: more claims than were checked, or more than "
        "claimcheck.claims.MAX_INPUT_CHARS characters (only the first ones are read)",
    )


class Models(_Frozen):
    """Identifiers of what produced a result, so results can be reproduced."""

    embedder: str
    stance: str
    corpus_hash: str


class CheckResult(_Frozen):
    """Everything `claimcheck.check()` returns; `model_dump_json()` is the CLI's JSON."""

    schema_version: str = SCHEMA_VERSION
    notice: str
    safety: Safety
    input: InputSummary
    claims: tuple[ClaimVerdict, ...]
    models: Models
