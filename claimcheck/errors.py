"""Exceptions with one-line messages that name the fix; the CLI prints them without a traceback."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: `str(exc)` is a complete one-line message for the user."""


class ModelError(ClaimcheckError):
    """A model is missing, damaged or cannot be loaded."""


class IndexError_(ClaimcheckError):
    """The index is missing, damaged, or was built with another model or corpus."""


class InputError(ClaimcheckError):
    """The user's input cannot be read (bad encoding, missing file).

    `text` is what could still be read (undecodable bytes replaced), so the crisis check can run on it
    before the error is reported.
    """

    def __init__(self, message: str = "", text: str | None = None) -> None:
        super().__init__(message)
        self.text = text
