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
    from claimcheck.batch.records import ExportError
    from claimcheck.errors import ClaimcheckError, IndexNotReadyError, InputError, ModelError
    from claimcheck.pipeline import Checker, check
    from claimcheck.privacy import PrivacyReport, check_privacy

__version__ = "0.1.0"
__all__ = [
    "SCHEMA_VERSION",
    "AbuseFlag",
    "CheckResult",
    "Checker",
    "ClaimVerdict",
    "ClaimcheckError",
    "Document",
    "Evidence",
    "ExportError",
    "IndexNotReadyError",
    "InputError",
    "ModelError",
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


_ERRORS = ("ClaimcheckError", "ModelError", "IndexNotReadyError", "InputError")


def __getattr__(name: str) -> Any:
    """Load the pipeline (numpy, onnxruntime, faiss) only when it is first used; the exceptions likewise.

    Every exception claimcheck raises on purpose is a `ClaimcheckError` whose `str()` is a one-line message
    naming the fix: `ModelError` (a model is missing or damaged), `IndexNotReadyError` (the index is missing,
    damaged or was built with another model or corpus; `IndexError_` is its deprecated old name),
    `InputError` (the input cannot be read) and its subclass `ExportError` (a chat export cannot be read).
    """
    if name in ("check", "Checker"):
        from claimcheck import pipeline

        return getattr(pipeline, name)
    if name in ("check_privacy", "PrivacyReport"):  # the names list loads on the first check, not here
        from claimcheck import privacy

        return getattr(privacy, name)
    if name in ("detect_abuse", "AbuseFlag"):
        from claimcheck import abuse

        return getattr(abuse, name)
    if name in _ERRORS:
        from claimcheck import errors

        return getattr(errors, name)
    if name == "IndexError_":
        import warnings

        warnings.warn("claimcheck.IndexError_ is deprecated: use IndexNotReadyError", DeprecationWarning, stacklevel=2)
        from claimcheck.errors import IndexNotReadyError

        return IndexNotReadyError
    if name == "ExportError":
        from claimcheck.batch.records import ExportError

        return ExportError
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
