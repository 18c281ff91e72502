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
    from claimcheck.pipeline import Checker, check

__version__ = "0.1.0"
__all__ = [
    "SCHEMA_VERSION",
    "CheckResult",
    "Checker",
    "ClaimVerdict",
    "Document",
    "Evidence",
    "Passage",
    "Source",
    "StanceScores",
    "__version__",
    "check",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    """Load the pipeline (numpy, onnxruntime, faiss) only when it is first used."""
    if name in ("check", "Checker"):
        from claimcheck import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
