"""Start the server: check the address is allowed, load everything, then serve with uvicorn."""

from __future__ import annotations

import logging
import sys

from claimcheck.serve.settings import ServeSettings

MAX_CONNECTIONS = 64  # open connections and requests at once; more get 503 from uvicorn
KEEP_ALIVE_S = 5
MAX_HEADER_BYTES = 64 * 1024


class RemoteNotAllowed(ValueError):
    """A non-loopback address without --allow-remote."""


def check_address(settings: ServeSettings) -> str | None:
    """None for a loopback address; the warning to print for an allowed remote one; raises otherwise."""
    if settings.loopback:
        return None
    if not settings.allow_remote:
        raise RemoteNotAllowed(
            f"{settings.host} is reachable from other machines: add --allow-remote if you mean it "
            "(anyone who can reach it can use it; there is no login)"
        )
    return (
        f"warning: serving on {settings.host}, reachable from other machines. There is no login and no TLS: "
        "anyone who can reach this address can use it. Use 127.0.0.1 unless you need it."
    )


def uvicorn_config(app, settings: ServeSettings, log_level: str = "info"):  # noqa: ANN001, ANN201 - uvicorn types
    import uvicorn

    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        access_log=True,  # method, path and status only: the text is in the body, never in the URL
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=KEEP_ALIVE_S,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        server_header=False,
        proxy_headers=False,
    )


def serve(settings: ServeSettings, log_level: str = "info") -> None:
    """Load the Checker, then serve until interrupted (Ctrl-C)."""
    import uvicorn

    from claimcheck.serve.app import create_app

    warning = check_address(settings)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:     %(message)s", stream=sys.stderr)
    logging.getLogger("claimcheck.serve").setLevel(logging.INFO)
    print("loading the index and models...", file=sys.stderr, flush=True)
    app = create_app(settings)
    app.state.service.warm_up()  # before listening: a missing index is a one-line error, not a dead server
    uvicorn.Server(uvicorn_config(app, settings, log_level)).run()
