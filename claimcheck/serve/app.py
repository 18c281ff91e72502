"""The FastAPI application: the page, the batch pages and the /v1 API over one shared, pre-loaded `Checker`."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from claimcheck.serve import pages
from claimcheck.serve.jobs import JobFull, Jobs, safe_upload_name
from claimcheck.serve.limits import PROBLEM_JSON, REPORT_CSP, LimitsMiddleware, Problem, RateLimiter, problem_body
from claimcheck.serve.settings import ServeSettings

log = logging.getLogger("claimcheck.serve")

STATIC = Path(__file__).resolve().parent.parent / "data" / "serve"
UPLOAD_PATHS = ("/v1/batch", "/batch")
CHUNK = 1024 * 1024
WARM_UP = "exercise can help with mild depression"


class CheckRequest(BaseModel):
    """What to check, as `claimcheck check TEXT --country COUNTRY` takes it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the advice to check (the first 100,000 characters are read)")
    country: str | None = Field(
        None,
        description="country for helplines (GB, US, IE, CA, AU, NZ, INTL or a name such as 'UK'); null: the "
        "server's default, chosen as the CLI chooses it (CLAIMCHECK_COUNTRY, else the locale, else INTL)",
    )


class Service:
    """The loaded Checker, the lock that makes it one-at-a-time, the check pool and the batch jobs."""

    def __init__(self, settings: ServeSettings, checker: Any) -> None:
        self.settings = settings
        self.checker = checker
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="claimcheck-check")
        self.pending = 0
        self.jobs = Jobs(
            checker, self.lock, max_jobs=settings.max_jobs, ttl=settings.report_ttl, tmp_dir=settings.tmp_dir
        )
        self.captured: dict[str, str] = {}
        self.ready = False

    def warm_up(self) -> None:
        """Load the index and every model before the first request (and learn each page's capture date).

        Raises what the Checker raises (no index: `claimcheck index build`), so the command can say so."""
        if self.ready:
            return
        from claimcheck.safety import assess

        with self.lock:
            self.checker.check(WARM_UP, safety=assess(WARM_UP, "INTL"))
            self.captured = {d.url: d.retrieved for d in self.checker.index.documents.values()}
        self.ready = True

    def check_sync(self, text: str, country: str | None) -> Any:
        """Exactly what `claimcheck check --format json` computes: the crisis rules first, then the check."""
        from claimcheck.claims import MAX_INPUT_CHARS
        from claimcheck.safety import assess

        content = text.removeprefix("\ufeff")[: MAX_INPUT_CHARS + 1]  # the CLI reads one past the bound, too
        safety = assess(content, country)
        try:
            with self.lock:
                return self.checker.check(content, max_claims=self.settings.max_claims, country=country, safety=safety)
        except Exception as exc:
            raise _CheckFailed(safety) from exc

    async def check(self, text: str, country: str | None) -> Any:
        country = country or self.settings.country  # `serve --country` stands in for the CLI's `--country`
        if not text.strip():
            raise Problem(400, "Nothing to check", "nothing to check: the input is empty")
        if self.pending >= self.settings.queue:
            raise Problem(503, "Busy", "too many checks are waiting: try again shortly", retry_after=2)
        self.pending += 1
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.pool, self.check_sync, text, country)
        future.add_done_callback(self._finished)  # counted until the thread ends, even after a timeout
        started = time.monotonic()
        try:
            result = await asyncio.wait_for(asyncio.shield(future), timeout=self.settings.timeout)
        except TimeoutError:
            raise Problem(
                503, "Check timed out", f"the check took longer than {self.settings.timeout:g} s", retry_after=5
            ) from None
        except _CheckFailed as exc:
            raise exc.problem() from exc.__cause__
        self.log_check(text, result, time.monotonic() - started)
        return result

    def _finished(self, _future: Any) -> None:
        self.pending -= 1

    def log_check(self, text: str, result: Any, seconds: float) -> None:
        labels = Counter(c.label for c in result.claims)
        line = (
            f"check: {len(text)} chars, {len(result.claims)} claim(s) "
            f"({', '.join(f'{k} {v}' for k, v in sorted(labels.items())) or 'none'}), "
            f"safety {result.safety.tier}, {seconds:.2f} s"
        )
        if self.settings.log_text:
            line += f", text {text[:2000]!r}"
        log.info(line)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.jobs.shutdown()


class _CheckFailed(Exception):
    """The check broke after the crisis rules ran: the answer still carries the banner's data."""

    def __init__(self, safety: Any) -> None:
        super().__init__("check failed")
        self.safety = safety

    def problem(self) -> Problem:
        from claimcheck.errors import ClaimcheckError

        cause = self.__cause__
        extra = {"safety": self.safety.model_dump(mode="json"), "claims": []} if self.safety.tier != "none" else {}
        if isinstance(cause, ClaimcheckError):
            return Problem(503, "Check unavailable", str(cause), extra=extra)
        log.error("check failed: %s", type(cause).__name__, exc_info=cause)
        return Problem(500, "Internal error", f"unexpected {type(cause).__name__}", extra=extra)


def create_app(settings: ServeSettings | None = None, checker: Any = None) -> FastAPI:
    """The application; `checker` is a loaded `claimcheck.Checker` to share (default: one from `settings`)."""
    settings = settings or ServeSettings()
    if checker is None:
        from claimcheck.pipeline import Checker

        checker = Checker(index_dir=settings.index, model=settings.model, stance=settings.stance)
    service = Service(settings, checker)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        await asyncio.get_running_loop().run_in_executor(service.pool, service.warm_up)
        host = f"[{settings.host}]" if ":" in settings.host else settings.host
        log.info("ready: open http://%s:%d/ (API docs at /docs)", host, settings.port)
        yield
        service.shutdown()

    app = FastAPI(
        title="claimcheck",
        version=_version(),
        description="Check mental-health advice against trusted public-health sources. "
        "Information from public-health sources, not medical advice.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    if settings.loopback and not settings.allow_remote:
        # A page on another site cannot reach this server through a name it controls (DNS rebinding).
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "::1", "[::1]"])
    app.add_middleware(
        LimitsMiddleware,
        max_body=settings.max_body,
        max_upload=settings.max_upload,
        upload_paths=UPLOAD_PATHS,
        body_timeout=settings.body_timeout,
        limiter=RateLimiter(settings.rate, settings.burst),
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # ---- errors: RFC 9457 problem details everywhere -------------------------------------------------------

    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> Response:
        return _problem_response(request, exc.status_code, exc.title, str(exc.detail), exc.headers, exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Error")
        return _problem_response(request, exc.status_code, title, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(err.get("loc", ())), "msg": err.get("msg", "")} for err in exc.errors()]
        detail = "; ".join(f"{'.'.join(map(str, er['loc']))}: {er['msg']}" for er in errors) or "invalid request"
        return _problem_response(request, 422, "Invalid request", detail, extra={"errors": errors})

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled %s on %s", type(exc).__name__, request.url.path, exc_info=exc)
        return _problem_response(request, 500, "Internal error", f"unexpected {type(exc).__name__}")

    # ---- API -------------------------------------------------------------------------------------------------

    @app.post(
        "/v1/check",
        summary="Check advice",
        description="Returns exactly the document `claimcheck check --format json` prints (schema_version 1.2): "
        "the safety assessment, then a verdict per claim with the trusted quotes that decide it.",
        responses={
            200: {"description": "the check result", "content": {"application/json": {}}},
            400: {"description": "nothing to check"},
            413: {"description": "body too large"},
            429: {"description": "rate limited (Retry-After)"},
            503: {"description": "busy or unavailable"},
        },
    )
    async def api_check(body: CheckRequest) -> Response:
        result = await service.check(body.text, body.country)
        return Response(result.model_dump_json(indent=2) + "\n", media_type="application/json")

    @app.post(
        "/v1/batch",
        status_code=202,
        summary="Start a batch check of an export",
        description="Multipart form: one or more `file` parts (every format `claimcheck batch` reads), optional "
        "`country`, `input_format` and `text_column`. Answers 202 with the job's id; poll GET /v1/batch/{id}.",
        responses={
            202: {"description": "job accepted"},
            400: {"description": "malformed upload"},
            413: {"description": "upload too large"},
            422: {"description": "export refused or unreadable"},
            503: {"description": "every job slot is busy (Retry-After)"},
        },
    )
    async def api_batch(request: Request) -> JSONResponse:
        job = await _start_job(request, service)
        view = job.view()
        return JSONResponse(view, status_code=202, headers={"Location": f"/v1/batch/{job.id}"})

    @app.get(
        "/v1/batch/{job_id}",
        summary="A batch job's progress",
        description="Status (queued, running, done, failed), progress, and when done the summary and the report's URL.",
    )
    async def api_job(job_id: str) -> JSONResponse:
        return JSONResponse(_job(service, job_id).view())

    @app.get(
        "/v1/batch/{job_id}/report",
        summary="A finished batch job's HTML report",
        description="The same self-contained page `claimcheck batch --format html` writes; `?download=1` "
        "sends it as a file.",
        response_class=HTMLResponse,
    )
    async def api_report(job_id: str, download: bool = False) -> Response:
        job = _job(service, job_id)
        if job.status != "done" or job.report is None:
            raise Problem(409, "Report not ready", f"the job is {job.status}")
        headers = {"Content-Security-Policy": REPORT_CSP, "X-Frame-Options": "SAMEORIGIN"}
        if download:
            headers["Content-Disposition"] = 'attachment; filename="claimcheck-report.html"'
        return HTMLResponse(job.report, headers=headers)

    @app.delete("/v1/batch/{job_id}", status_code=204, summary="Forget a finished job and its report now")
    async def api_drop(job_id: str) -> Response:
        _job(service, job_id)
        if not service.jobs.drop(job_id):
            raise Problem(409, "Job still running", "a running job cannot be deleted")
        return Response(status_code=204)

    @app.get(
        "/v1/sources",
        summary="The trusted sources",
        description="The registry, as `claimcheck sources --format json` prints it.",
    )
    async def api_sources() -> JSONResponse:
        from claimcheck.sources import load_sources

        return JSONResponse([s.model_dump(mode="json") for s in load_sources()])

    @app.get("/healthz", summary="Liveness", description="ok once the index and models are loaded.")
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok", "checks_waiting": service.pending, "jobs_active": service.jobs.active()})

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    async def docs() -> HTMLResponse:
        return HTMLResponse(pages.docs_page(app.openapi()))

    # ---- pages -----------------------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        return HTMLResponse(pages.check_page(default=settings.country))

    @app.post("/", include_in_schema=False, response_class=HTMLResponse)
    async def page_check(request: Request) -> HTMLResponse:
        form = await _form(request, max_files=0)
        text, country = str(form.get("text") or ""), str(form.get("country") or "") or None
        try:
            result = await service.check(text, country)
        except Problem as exc:
            from claimcheck.safety import Safety

            safety = exc.extra.get("safety")
            page_html = pages.check_page(
                text,
                country,
                error=str(exc.detail),
                default=settings.country,
                safety=Safety.model_validate(safety) if safety else None,
            )
            return HTMLResponse(page_html, status_code=exc.status_code, headers=exc.headers)
        return HTMLResponse(pages.check_page(text, country, result, service.captured, default=settings.country))

    @app.get("/batch", include_in_schema=False, response_class=HTMLResponse)
    async def batch_page() -> HTMLResponse:
        return HTMLResponse(pages.batch_page(default=settings.country))

    @app.post("/batch", include_in_schema=False)
    async def batch_upload(request: Request) -> Response:
        try:
            job = await _start_job(request, service)
        except Problem as exc:
            if exc.status_code in (408, 413, 429):  # the browser may still be sending: answer plainly
                raise
            return HTMLResponse(
                pages.batch_page(str(exc.detail), default=settings.country),
                status_code=exc.status_code,
                headers=exc.headers,
            )
        return RedirectResponse(f"/batch/{job.id}", status_code=303)

    @app.get("/batch/{job_id}", include_in_schema=False, response_class=HTMLResponse)
    async def job_page(job_id: str) -> HTMLResponse:
        job = service.jobs.get(job_id)
        if job is None:
            return HTMLResponse(
                pages.batch_page(
                    "That job is finished and its report was deleted, or it never existed. Upload the export again."
                ),
                status_code=404,
            )
        return HTMLResponse(pages.job_page(job.view()))

    return app


def _version() -> str:
    from claimcheck import __version__

    return __version__


def _problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    extra: dict | None = None,
) -> JSONResponse:
    body = problem_body(status, title, detail, request.url.path, extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _job(service: Service, job_id: str) -> Any:
    job = service.jobs.get(job_id)
    if job is None:
        raise Problem(404, "No such job", "no job with that id (finished reports are deleted after a while)")
    return job


async def _form(request: Request, max_files: int) -> Any:
    from starlette.formparsers import MultiPartException

    try:
        return await request.form(max_files=max_files, max_fields=16)
    except MultiPartException as exc:
        raise Problem(400, "Malformed upload", f"the multipart body cannot be read: {exc.message}") from None
    except (KeyError, ValueError, AssertionError) as exc:
        raise Problem(400, "Malformed upload", f"the form cannot be read ({type(exc).__name__})") from None


async def _start_job(request: Request, service: Service) -> Any:
    """Write the uploaded files to a private folder, open them as `claimcheck batch` does (formats detected,
    zips checked against their limits) and queue the job; the folder is deleted on every path out."""
    from claimcheck.batch.parsers import read_export
    from claimcheck.errors import InputError

    settings = service.settings
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        raise Problem(400, "Malformed upload", "send the export as multipart/form-data with a `file` part")
    if service.jobs.active() >= service.jobs.max_jobs:
        raise Problem(503, "Busy", "every batch slot is busy: try again shortly", retry_after=10)
    form = await _form(request, max_files=settings.max_files)
    folder = service.jobs.workspace()
    started = False
    try:
        uploads = [f for f in form.getlist("file") if hasattr(f, "read")]
        if not uploads:
            raise Problem(400, "No file", "the upload has no `file` part")
        paths = []
        for i, upload in enumerate(uploads):
            target = folder / str(i)
            target.mkdir()
            path = target / safe_upload_name(upload.filename)
            with open(path, "wb") as out:
                while chunk := await upload.read(CHUNK):
                    out.write(chunk)
            paths.append(path)
        country = str(form.get("country") or "") or None
        input_format = str(form.get("input_format") or "") or None
        text_column = str(form.get("text_column") or "") or None
        loop = asyncio.get_running_loop()
        try:
            export = await loop.run_in_executor(None, read_export, paths, input_format)
        except InputError as exc:
            raise Problem(422, "Export refused", str(exc)) from None
        try:
            job = service.jobs.start(folder, export, country or settings.country, text_column)
        except JobFull:
            raise Problem(503, "Busy", "every batch slot is busy: try again shortly", retry_after=10) from None
        started = True
        return job
    finally:
        await form.close()
        if not started:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
