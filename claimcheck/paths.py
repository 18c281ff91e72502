"""Where claimcheck keeps user data: one home folder, overridable with CLAIMCHECK_HOME."""

from __future__ import annotations

import os
from pathlib import Path


def home_dir() -> Path:
    """`CLAIMCHECK_HOME`, else the platform's user data folder (never inside site-packages)."""
    env = os.environ.get("CLAIMCHECK_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "claimcheck"


def default_index_dir() -> Path:
    """`CLAIMCHECK_INDEX`, else `<home>/index`."""
    env = os.environ.get("CLAIMCHECK_INDEX")
    return Path(env).expanduser() if env else home_dir() / "index"


def cache_dir() -> Path:
    """`<CLAIMCHECK_HOME>/cache` when CLAIMCHECK_HOME is set, else the platform's user cache folder: files
    that only save time and are rebuilt when missing (compiled safety rules)."""
    if os.environ.get("CLAIMCHECK_HOME"):
        return home_dir() / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "claimcheck"
