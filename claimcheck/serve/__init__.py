"""`claimcheck serve`: a local web page and HTTP API over one shared `Checker` and the batch code.

Nothing here is imported by `import claimcheck` or `claimcheck.cli` at start-up: the CLI's `serve` command
imports `claimcheck.serve.server` when it runs, so FastAPI and uvicorn load only for the server.
"""

from __future__ import annotations

from claimcheck.serve.settings import ServeSettings

__all__ = ["ServeSettings"]
