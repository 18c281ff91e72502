"""Exceptions with one-line messages that name the fix; the CLI prints them without a traceback."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: `str(exc)` is a complete one-line message for the user."""


class ModelError(ClaimcheckError):
    """A model is missing, damaged or cannot be loaded."""


class IndexError_(ClaimcheckError):
    """The index is missing, damaged, or was built with another model or corpus."""


class InputError(ClaimcheckError):
    """The user's input cannot be read (bad encoding, missing file)."""
