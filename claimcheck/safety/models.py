"""Typed results of the safety layer: a help resource and a crisis assessment (pydantic v2, frozen)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Tier = Literal["urgent", "concern", "none"]
TIERS: tuple[Tier, ...] = ("urgent", "concern", "none")
CATEGORIES: tuple[str, ...] = ("suicide", "self_harm", "abuse", "eating_disorder", "overdose_drugs")


class Resource(BaseModel):
    """One helpline or emergency number, hand-maintained, with when and where it was last checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="the service's name")
    phone: str | None = Field(None, description="number to call, as written locally, or null")
    text: str | None = Field(None, description='how to reach it by text message (e.g. "SHOUT to 85258"), or null')
    url: str | None = Field(None, description="web page of the service, or null")
    hours: str = Field(description="when it answers, in words")
    country: str = Field(description="helpline table key: ISO 3166 alpha-2 code, or INTL for international")
    last_verified: date = Field(description="the day a person last confirmed the details against `source`")
    source: str = Field(description="URL of the organisation's own page the details were checked against")


class Safety(BaseModel):
    """The crisis assessment shown before any verdict: how urgent, about what, and where to get help."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: Tier = Field(
        description="urgent: someone may be in danger now (show emergency numbers first); concern: signs of "
        "risk (show helplines); none: nothing found"
    )
    categories: tuple[str, ...] = Field(
        (),
        description="what raised the tier: any of suicide, self_harm, abuse, eating_disorder, overdose_drugs",
    )
    resources: tuple[Resource, ...] = Field(
        (),
        description="the country's helplines and emergency numbers, then services for the categories found; "
        "empty when tier is none",
    )
    country: str = Field(
        "INTL",
        description="helpline table key the resources come from (GB, US, IE, CA, AU, NZ or INTL); chosen by "
        "--country / CLAIMCHECK_COUNTRY, else the locale's territory, else INTL",
    )
    language: str = Field("en", description="language the banner is written in: en, es, fr, de, pt or it")
    sources: tuple[str, ...] = Field(
        (), description="what raised the tier: 'rules' (hand-written patterns), 'model' (the learned layer) or both"
    )
