"""Exceptions with one-line messages that name the fix; the CLI prints them without a traceback."""

from __future__ import annotations

import warnings
from typing import Any


class ClaimcheckError(Exception):
    """Base class: `str(exc)` is a complete one-line message for the user."""


class ModelError(ClaimcheckError):
    """A model is missing, damaged or cannot be loaded."""


class IndexNotReadyError(ClaimcheckError):
    """The index cannot be used: missing, damaged, incomplete, or built with another model or corpus.

    Every message names the fix (usually `claimcheck index build`).
    """


class InputError(ClaimcheckError):
    """The user's input cannot be read (bad encoding, missing file).

    `text` is what could still be read (undecodable bytes replaced), so the crisis check can run on it
    before the error is reported.
    """

    def __init__(self, message: str = "", text: str | None = None) -> None:
        super().__init__(message)
        self.text = text


def __getattr__(name: str) -> Any:
    """`IndexError_`, the old name of `IndexNotReadyError`: still works, with a DeprecationWarning."""
    if name == "IndexError_":
        warnings.warn(
            "claimcheck.errors.IndexError_ is deprecated: use IndexNotReadyError", DeprecationWarning, stacklevel=2
        )
        return IndexNotReadyError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
