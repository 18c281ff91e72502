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

    name: str
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    hours: str
    country: str
    last_verified: date
    source: str


class Safety(BaseModel):
    """The crisis assessment shown before any verdict: how urgent, about what, and where to get help."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: Tier
    categories: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    country: str = Field(
        "INTL",
        description="helpline table key the resources come from (GB, US, IE, CA, AU, NZ or INTL); chosen by "
        "--country / CLAIMCHECK_COUNTRY, else the locale's territory, else INTL",
    )
    language: str = Field("en", description="language the banner is written in: en, es, fr, de, pt or it")
    sources: tuple[str, ...] = Field(
        (), description="what raised the tier: 'rules' (hand-written patterns), 'model' (the learned layer) or both"
    )
