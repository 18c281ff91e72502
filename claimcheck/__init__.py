"""claimcheck: check mental-health advice against what trusted public-health sources say."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from claimcheck.models import (
    SCHEMA_VERSION,
    CheckResult,
    ClaimVerdict,
    Document,
    Evidence,
    Passage,
    Source,
    StanceScores,
)

if TYPE_CHECKING:
    from claimcheck.abuse import AbuseFlag, detect_abuse
    from claimcheck.pipeline import Checker, check
    from claimcheck.privacy import PrivacyReport, check_privacy

__version__ = "0.1.0"
__all__ = [
    "SCHEMA_VERSION",
    "AbuseFlag",
    "CheckResult",
    "Checker",
    "ClaimVerdict",
    "Document",
    "Evidence",
    "Passage",
    "PrivacyReport",
    "Source",
    "StanceScores",
    "__version__",
    "check",
    "check_privacy",
    "detect_abuse",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    """Load the pipeline (numpy, onnxruntime, faiss) only when it is first used."""
    if name in ("check", "Checker"):
        from claimcheck import pipeline

        return getattr(pipeline, name)
    if name in ("check_privacy", "PrivacyReport"):  # the names list loads on the first check, not here
        from claimcheck import privacy

        return getattr(privacy, name)
    if name in ("detect_abuse", "AbuseFlag"):
        from claimcheck import abuse

        return getattr(abuse, name)
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
