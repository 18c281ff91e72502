"""Safety layer: crisis signposting, the harmful-advice guard and safe messaging, run before any verdict.

Names load on first use: the crisis rules take a few hundred milliseconds to compile, and
`import claimcheck` must stay light for library users who never call `check()`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimcheck.safety.crisis import assess, normalize
    from claimcheck.safety.harmful import FAMILY_IDS, harmful_families, harmful_family
    from claimcheck.safety.helplines import (
        OBSOLETE_NUMBERS,
        all_resources,
        default_country,
        emergency_number,
        find_obsolete,
        resources_for,
    )
    from claimcheck.safety.messaging import (
        METHOD_TERMS,
        NOTICE,
        PLACEHOLDER,
        UNVERIFIED_NOTE,
        banner_text,
        find_method_terms,
        format_resource,
        redact,
    )
    from claimcheck.safety.models import CATEGORIES, TIERS, Resource, Safety, Tier

_WHERE = {
    "crisis": ("assess", "normalize"),
    "harmful": ("FAMILY_IDS", "harmful_families", "harmful_family"),
    "helplines": (
        "OBSOLETE_NUMBERS",
        "all_resources",
        "default_country",
        "emergency_number",
        "find_obsolete",
        "resources_for",
    ),
    "messaging": (
        "METHOD_TERMS",
        "NOTICE",
        "PLACEHOLDER",
        "UNVERIFIED_NOTE",
        "banner_text",
        "find_method_terms",
        "format_resource",
        "redact",
    ),
    "models": ("CATEGORIES", "TIERS", "Resource", "Safety", "Tier"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "CATEGORIES",
    "FAMILY_IDS",
    "METHOD_TERMS",
    "NOTICE",
    "OBSOLETE_NUMBERS",
    "PLACEHOLDER",
    "TIERS",
    "UNVERIFIED_NOTE",
    "Resource",
    "Safety",
    "Tier",
    "all_resources",
    "assess",
    "banner_text",
    "default_country",
    "emergency_number",
    "find_method_terms",
    "find_obsolete",
    "format_resource",
    "harmful_families",
    "harmful_family",
    "normalize",
    "redact",
    "resources_for",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck.safety' has no attribute {name!r}")
    value = getattr(import_module(f"claimcheck.safety.{module}"), name)
    globals()[name] = value
    return value
