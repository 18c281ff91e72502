"""Typed contracts passed between pipeline stages (pydantic v2, frozen)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claimcheck.safety.models import Safety

SCHEMA_VERSION = "1.2"

Label = Literal["supported", "contradicted", "unverified"]
ClaimLabel = Literal["supported", "contradicted", "unverified", "not_checkable"]
LABELS: tuple[Label, ...] = ("supported", "contradicted", "unverified")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextSpan(_Frozen):
    """Where something is in a text the user gave: character offsets, as Python slices them, and the text there
    (the privacy check's items and the abuse detector's flags)."""

    start: int = Field(description="offset of the first character")
    end: int = Field(description="offset just past the last character")
    text: str = Field(description="the text between start and end")


class Source(_Frozen):
    """One publisher in the registry (`corpus/sources.toml`)."""

    id: str = Field(description="short stable id of the publisher; documents and evidence carry it as source_id")
    name: str = Field(description="the site's name")
    publisher: str = Field(description="the organisation behind the site")
    country: str = Field(description='ISO 3166 alpha-2 country code, or "INT" for international bodies')
    kind: Literal["gov", "charity", "intergov"] = Field(
        description="government body, charity or intergovernmental organisation"
    )
    licence: str = Field(description="the terms the publisher's text is published under")
    redistributable: bool = Field(
        description="True only where the licence lets claimcheck ship the text in its snapshot; other sources "
        "may be crawled by a user for their own use"
    )
    allowed_hosts: tuple[str, ...] = Field(description="hosts the crawler may fetch from for this source")
    seeds: tuple[str, ...] = Field((), description="URLs where a crawl starts")
    path_prefixes: tuple[str, ...] = Field(
        (), description="a crawl follows links only under these URL paths (empty: the whole host)"
    )
    homepage: str = Field("", description="the publisher's home page URL")
    adapter: str = Field("", description="how responses are read: '' (HTML), 'nhs-api' or 'medlineplus-xml'")
    sitemaps: tuple[str, ...] = Field((), description="sitemap URLs whose <loc> entries seed a crawl")


class Section(_Frozen):
    """A heading and the span of document text it governs."""

    heading: str = Field(description="the heading's text")
    start: int = Field(description="character offset in `Document.text` where the section starts (inclusive)")
    end: int = Field(description="character offset in `Document.text` where the section ends (exclusive)")


class Document(_Frozen):
    """A cleaned page from a trusted publisher; `text` is what citations quote from."""

    id: str = Field(description="stable id: the first 16 hex digits of the sha256 of the page's canonical URL")
    url: str = Field(description="the page's canonical URL")
    title: str = Field(description="the page title")
    publisher: str = Field(description="the organisation that published the page")
    source_id: str = Field(description="id of the `Source` the page came from")
    licence: str = Field(description="the terms the text is published under")
    redistributable: bool = Field(description="True where the licence lets claimcheck ship the text")
    retrieved: str = Field(description="ISO date the text was captured")
    content_hash: str = Field(description="sha256 of `text`")
    text: str = Field(description="the cleaned page text (boilerplate removed) that quotes are cut from")
    sections: tuple[Section, ...] = Field(
        (), description="headings with the character spans of `text` they govern; nested sections overlap"
    )


class Passage(_Frozen):
    """One sentence of a document, addressed by character offsets, with its context."""

    doc_id: str = Field(description="id of the `Document` the sentence is in")
    start: int = Field(description="character offset of the sentence in `Document.text` (inclusive)")
    end: int = Field(description="character offset of the end of the sentence in `Document.text` (exclusive)")
    heading: str = Field("", description="the innermost heading the sentence sits under ('' if none)")


class StanceScores(_Frozen):
    """Probabilities that the evidence entails, contradicts or is neutral to the claim."""

    entail: float = Field(description="probability, 0 to 1, that the sentence supports the claim")
    contradict: float = Field(description="probability, 0 to 1, that the sentence says the opposite of the claim")
    neutral: float = Field(
        description="probability, 0 to 1, that the sentence neither supports nor contradicts the claim; the three "
        "add up to 1 (to 4 decimal places)"
    )


class Evidence(_Frozen):
    """A quoted sentence: exactly `document.text[start:end]`."""

    quote: str = Field(description="the trusted sentence, verbatim: `text[start:end]` of the document at `url`")
    url: str = Field(description="canonical URL of the page the sentence is on")
    title: str = Field(description="title of that page")
    publisher: str = Field(description="the organisation that published the page")
    source_id: str = Field(description="id of the publisher in the source registry (`claimcheck sources`)")
    licence: str = Field(description="the terms the quoted text is published under")
    heading: str = Field("", description="the innermost heading the sentence sits under ('' if none)")
    start: int = Field(description="character offset of the quote in the document's cleaned text (inclusive)")
    end: int = Field(description="character offset of the end of the quote in that text (exclusive)")
    retrieval_score: float = Field(
        description="reciprocal-rank fusion of the BM25 and dense rankings (sum of 1/(60+rank) over both; at "
        "most about 0.033, higher ranks first); 0 for a sentence added because it decided a matching "
        "claim in the claim bank"
    )
    relevance: float = Field(
        description="cosine similarity, -1 to 1, of the claim's and the sentence's embeddings (4 decimals)"
    )
    stance: StanceScores = Field(description="the stance model reading the sentence as evidence for the claim")
    reverse: StanceScores | None = Field(
        None,
        description="the stance model reading the pair the other way round (sentence as claim); computed only "
        "for a sentence that would decide a contradiction, which the policy may require to hold both ways",
    )
    with_previous: bool = Field(
        False,
        description="true when `stance` read the claim together with the sentence before it in the same short "
        "text (a second sentence often leans on the first: \"those can all be GAD symptoms\" after \"restless, "
        "can't concentrate and can't sleep from worrying?\"); such a sentence can only support; false for the "
        "claim read alone",
    )


class ClaimVerdict(_Frozen):
    """The verdict on one claim, with the evidence that decided it."""

    text: str = Field(description="The claim as written, with any method detail replaced by a placeholder")
    checkable: bool = Field(
        description="False for text that is not a health claim (a question, a personal story, a link); such a "
        "claim is labelled not_checkable and carries no evidence"
    )
    label: ClaimLabel = Field(
        description="supported or contradicted by the quoted trusted sentences; unverified when they do not "
        "settle it; not_checkable when the text is not a checkable claim"
    )
    confidence: float = Field(
        description="probability that `label` is right, from a calibration table fitted on dev data; for "
        "unverified, the probability that the trusted sources really settle nothing"
    )
    reason: str = Field(description="one line saying why the label was given")
    harmful: bool = Field(
        False, description="True when the claim matches a family of advice that can do harm if followed"
    )
    harmful_family: str | None = Field(
        None,
        description="which harmful-advice family (e.g. stop_medication, skip_emergency), or null; a harmful "
        "claim is never labelled supported",
    )
    evidence: tuple[Evidence, ...] = Field(
        (),
        description="the trusted sentences behind the label, strongest first: those that contradict (or "
        "support) the claim above the threshold, or for unverified the closest ones; empty for not_checkable",
    )
    safety: Safety | None = Field(
        None,
        description="the crisis assessment of this claim's own text (set by every Checker entry point, so a "
        "caller of `verdicts` alone still learns that someone may be at risk)",
    )


class InputSummary(_Frozen):
    """How much of the input was read and checked."""

    chars: int = Field(description="length of the input in characters, before any cut")
    claims: int = Field(description="how many claims the result holds (checkable or not)")
    checkable: int = Field(description="how many of those were checkable and got a verdict")
    truncated: bool = Field(
        False,
        description="True when only part of the text was checked: more claims than were checked, or more than "
        "claimcheck.claims.MAX_INPUT_CHARS characters (only the first ones are read)",
    )


class Models(_Frozen):
    """Identifiers of what produced a result, so results can be reproduced."""

    embedder: str = Field(description="model id of the sentence embedder used for retrieval")
    stance: str = Field(description="model id of the stance scorer ('+' joins the parts of an ensemble)")
    corpus_hash: str = Field(
        description="sha256 over the indexed documents' ids and content hashes: changes when any text changes"
    )


class CheckResult(_Frozen):
    """Everything `claimcheck.check()` returns; `model_dump_json()` is the CLI's JSON."""

    schema_version: str = Field(SCHEMA_VERSION, description="version of this JSON layout (major.minor)")
    notice: str = Field(description="the disclaimer to show with the result (not medical advice)")
    safety: Safety = Field(description="the crisis assessment of the whole text; show it before any verdict")
    input: InputSummary = Field(description="how much of the input was read and checked")
    claims: tuple[ClaimVerdict, ...] = Field(description="one verdict per claim, in the order of the text")
    models: Models = Field(description="what produced the result, so it can be reproduced")
