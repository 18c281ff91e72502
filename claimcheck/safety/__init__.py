"""Safety layer: crisis signposting, the harmful-advice guard and safe messaging, run before any verdict."""

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
