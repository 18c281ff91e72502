"""`claimcheck serve` on a real server at a free loopback port: the API, its limits and errors, the batch jobs.

The server runs in a thread with the session's real Checker (small real index, real models); one test starts
the real `python -m claimcheck serve` process to prove the command, the log and that no temporary file is left.
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app as cli_app

FLAGSHIP = "once you feel better on antidepressants just stop taking them"
CRISIS = "i am going to kill myself tonight"
EXPORTS = Path(__file__).parent / "data" / "exports"
WHATSAPP = EXPORTS / "android_24h_dayfirst.txt"
runner = CliRunner()


# ---- helpers shared with test_serve_browser.py -------------------------------------------------------------


class Server:
    """A real uvicorn server in a thread, on a socket bound to a free loopback port."""

    def __init__(self, checker: Any, **settings: Any) -> None:
        import uvicorn

        from claimcheck.serve.app import create_app
        from claimcheck.serve.server import uvicorn_config
        from claimcheck.serve.settings import ServeSettings

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.settings = ServeSettings(host="127.0.0.1", port=self.port, **settings)
        self.app = create_app(self.settings, checker=checker)
        self.server = uvicorn.Server(uvicorn_config(self.app, replace(self.settings), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 120,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def post_json(port: int, path: str, data: Any) -> tuple[int, dict[str, str], bytes]:
    return request(port, "POST", path, json.dumps(data).encode(), {"Content-Type": "application/json"})


def multipart(files: list[tuple[str, bytes]], fields: dict[str, str] | None = None) -> tuple[bytes, str]:
    boundary = "claimcheck-test-boundary-7d1"
    out = io.BytesIO()
    for name, value in (fields or {}).items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for filename, data in files:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def upload(port: int, files: list[tuple[str, bytes]], fields: dict[str, str] | None = None):
    body, ctype = multipart(files, fields)
    return request(port, "POST", "/v1/batch", body, {"Content-Type": ctype})


def wait_job(port: int, job_id: str, timeout: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status, _, body = request(port, "GET", f"/v1/batch/{job_id}")
        assert status == 200, body
        job = json.loads(body)
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.2)


def zip_bomb(mb: int = 20) -> bytes:
    """A WhatsApp-looking zip whose one text entry compresses about 1000:1 (the batch code refuses over 100:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        line = b"12/03/2024, 09:00 - A: " + b"a" * 1000 + b"\n"
        z.writestr("WhatsApp Chat with Group.txt", line * (mb * 1024))
    return buf.getvalue()


# ---- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uploads_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve-uploads")


@pytest.fixture(scope="module")
def server(checker, uploads_dir):
    srv = Server(checker, tmp_dir=uploads_dir, rate=6000, burst=1000)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def strict_server(checker, tmp_path_factory):
    """Tight limits, so each one can be met cheaply."""
    srv = Server(
        checker,
        tmp_dir=tmp_path_factory.mktemp("strict-uploads"),
        rate=6000,
        burst=1000,
        max_body=2048,
        max_upload=64 * 1024,
        body_timeout=1.5,
    )
    yield srv
    srv.stop()


# ---- the check API -------------------------------------------------------------------------------------------


def test_check_returns_exactly_the_cli_json(server, small_index):
    status, headers, body = post_json(server.port, "/v1/check", {"text": FLAGSHIP})
    assert status == 200 and headers["content-type"] == "application/json"
    cli = runner.invoke(cli_app, ["check", FLAGSHIP, "--format", "json", "--index", str(small_index)])
    assert cli.exit_code == 0, cli.stderr
    assert body.decode() == cli.stdout  # byte for byte, as the CLI prints it
    data = json.loads(body)
    assert data["claims"][0]["label"] == "contradicted"


def test_check_with_country_matches_cli_and_leads_with_its_helplines(server, small_index):
    status, _, body = post_json(server.port, "/v1/check", {"text": CRISIS, "country": "US"})
    assert status == 200
    cli = runner.invoke(cli_app, ["check", CRISIS, "--format", "json", "--country", "US", "--index", str(small_index)])
    assert body.decode() == cli.stdout
    safety = json.loads(body)["safety"]
    assert safety["tier"] == "urgent" and safety["country"] == "US"
    assert [r["phone"] for r in safety["resources"][:2]] == ["911", "988"]


@pytest.mark.parametrize(
    ("payload", "status", "title"),
    [
        ({"text": "   "}, 400, "Nothing to check"),
        ({"txt": FLAGSHIP}, 422, "Invalid request"),
        ({"text": FLAGSHIP, "extra": 1}, 422, "Invalid request"),
    ],
)
def test_bad_check_requests_are_problem_details(server, payload, status, title):
    got, headers, body = post_json(server.port, "/v1/check", payload)
    assert got == status
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status and problem["title"] == title and problem["type"] == "about:blank"
    assert problem["instance"] == "/v1/check" and problem["detail"]


def test_malformed_json_and_unknown_path_are_problem_details(server):
    got, headers, body = request(server.port, "POST", "/v1/check", b"{not json", {"Content-Type": "application/json"})
    assert got == 422 and headers["content-type"] == "application/problem+json"
    got, headers, body = request(server.port, "GET", "/v2/nothing")
    assert got == 404 and json.loads(body)["title"] == "Not found"


def test_sources_healthz_and_docs(server):
    status, _, body = request(server.port, "GET", "/v1/sources")
    assert status == 200
    cli = runner.invoke(cli_app, ["sources", "--format", "json"])
    assert json.loads(body) == json.loads(cli.stdout)
    status, _, body = request(server.port, "GET", "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, body = request(server.port, "GET", "/docs")
    page = body.decode()
    assert status == 200 and "POST /v1/check" in page and "/openapi.json" in page
    assert "cdn" not in page.lower() and "<script src='/static/app.js'" in page  # no assets from elsewhere
    spec = json.loads(request(server.port, "GET", "/openapi.json")[2])
    assert {"/v1/check", "/v1/batch", "/v1/batch/{job_id}", "/v1/sources", "/healthz"} <= set(spec["paths"])


def test_page_has_a_strict_csp_and_no_external_assets(server):
    status, headers, body = request(server.port, "GET", "/")
    page = body.decode()
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and headers["x-content-type-options"] == "nosniff"
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page
    assert "<style" not in page and "<script>" not in page and " style=" not in page


def test_page_check_has_banner_first_and_cards(server):
    from urllib.parse import urlencode

    form = urlencode({"text": f"{CRISIS}. {FLAGSHIP}", "country": "GB"}).encode()
    status, _, body = request(server.port, "POST", "/", form, {"Content-Type": "application/x-www-form-urlencoded"})
    page = body.decode()
    assert status == 200
    main = page[page.index("<main") :]
    assert main.index("id='safety-banner'") < main.index("<h1>") < main.index("class='card contradicted'")
    assert "116 123" in main[: main.index("<h1>")]  # Samaritans, GB's helpline, in the banner
    assert "nhs.uk" in main and "captured <time" in main


def test_a_host_name_other_than_loopback_is_refused(server):
    status, _, _ = request(server.port, "GET", "/healthz", headers={"Host": "evil.example:80"})
    assert status == 400


# ---- limits ----------------------------------------------------------------------------------------------------


def test_oversize_body_is_413_before_it_is_read(strict_server):
    big = json.dumps({"text": "x" * 10_000}).encode()
    status, headers, body = request(strict_server.port, "POST", "/v1/check", big, {"Content-Type": "application/json"})
    assert status == 413 and headers["content-type"] == "application/problem+json"
    assert "limit" in json.loads(body)["detail"]


def test_oversize_chunked_body_is_413(strict_server):
    conn = http.client.HTTPConnection("127.0.0.1", strict_server.port, timeout=30)
    conn.putrequest("POST", "/v1/check")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    try:
        for _ in range(8):
            chunk = b'{"text": "' + b"y" * 1000
            conn.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
    except OSError:
        pass  # the server may close once it has answered
    resp = conn.getresponse()
    assert resp.status == 413
    conn.close()


def test_slow_client_gets_408(strict_server):
    with socket.create_connection(("127.0.0.1", strict_server.port), timeout=30) as s:
        s.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 200\r\n\r\n{"text": '
        )
        time.sleep(2.5)  # the body is not finished within body_timeout (1.5 s)
        reply = s.recv(4096).decode()
    assert reply.startswith("HTTP/1.1 408"), reply[:200]
    assert "application/problem+json" in reply


def test_rate_limit_answers_429_with_retry_after(checker, tmp_path):
    srv = Server(checker, tmp_dir=tmp_path, rate=60, burst=3)
    try:
        statuses = [post_json(srv.port, "/v1/check", {"text": " "})[0] for _ in range(3)]
        assert statuses == [400, 400, 400]  # the burst is served (empty text: a quick 400)
        status, headers, body = post_json(srv.port, "/v1/check", {"text": " "})
        assert status == 429 and headers["content-type"] == "application/problem+json", body
        assert int(headers["retry-after"]) >= 1
        assert request(srv.port, "GET", "/healthz")[0] == 200  # reading is not limited
    finally:
        srv.stop()


def test_claims_per_request_are_bounded(checker, tmp_path):
    srv = Server(checker, tmp_dir=tmp_path, max_claims=2)
    try:
        text = " ".join(f"claim number {i}: exercise can help with mild depression." for i in range(5))
        data = json.loads(post_json(srv.port, "/v1/check", {"text": text})[2])
        assert data["input"]["claims"] == 2 and data["input"]["truncated"] is True
    finally:
        srv.stop()


def test_no_input_text_in_the_log_unless_asked(server, caplog):
    secret = "my secret advice: stop lithium when the moon is full"
    with caplog.at_level(logging.INFO, logger="claimcheck.serve"):
        assert post_json(server.port, "/v1/check", {"text": secret})[0] == 200
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "check:" in logged and "lithium" not in logged


# ---- batch -----------------------------------------------------------------------------------------------------


def test_batch_report_is_the_cli_report_and_no_temp_file_is_left(server, uploads_dir, small_index, tmp_path):
    status, headers, body = upload(server.port, [(WHATSAPP.name, WHATSAPP.read_bytes())], {"country": "GB"})
    assert status == 202, body
    job_id = json.loads(body)["id"]
    assert headers["location"] == f"/v1/batch/{job_id}"
    job = wait_job(server.port, job_id)
    assert job["status"] == "done" and job["progress"]["fraction"] == 1.0
    assert job["summary"]["messages_read"] > 0
    status, headers, report = request(server.port, "GET", job["report_url"])
    assert status == 200 and "sandbox" in headers["content-security-policy"]
    out = tmp_path / "report.html"
    cli = runner.invoke(
        cli_app, ["batch", str(WHATSAPP), "--country", "GB", "--out", str(out), "-q", "--index", str(small_index)]
    )
    assert cli.exit_code == 0, cli.stderr
    assert report == out.read_bytes()  # the same page `claimcheck batch` writes
    status, headers, _ = request(server.port, "GET", job["download_url"])
    assert "attachment" in headers["content-disposition"]
    assert list(uploads_dir.iterdir()) == []  # the upload's folder is gone
    assert request(server.port, "DELETE", f"/v1/batch/{job_id}")[0] == 204
    assert request(server.port, "GET", f"/v1/batch/{job_id}")[0] == 404


def test_every_export_format_is_accepted(server, uploads_dir):
    files = sorted(p for p in EXPORTS.iterdir() if p.is_file())
    status, _, body = upload(server.port, [(p.name, p.read_bytes()) for p in files[:8]])
    assert status == 202, body
    assert wait_job(server.port, json.loads(body)["id"])["status"] == "done"
    status, _, body = upload(server.port, [(p.name, p.read_bytes()) for p in files[8:]])
    assert status == 202, body
    assert wait_job(server.port, json.loads(body)["id"])["status"] == "done"
    assert list(uploads_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("body", "ctype", "status"),
    [
        (
            b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello',
            "multipart/form-data; boundary=xyz",
            400,
        ),  # never closed
        (b"garbage", "multipart/form-data", 400),  # no boundary
        (b"file=a.txt", "application/x-www-form-urlencoded", 400),
    ],
)
def test_malformed_uploads_are_400(server, uploads_dir, body, ctype, status):
    got, headers, reply = request(server.port, "POST", "/v1/batch", body, {"Content-Type": ctype})
    assert got == status, reply
    assert headers["content-type"] == "application/problem+json"
    assert list(uploads_dir.iterdir()) == []


def test_zip_bomb_and_unknown_format_are_422(server, uploads_dir):
    status, _, body = upload(server.port, [("WhatsApp Chat with Group.zip", zip_bomb())])
    assert status == 422, body
    assert "unsafe" in json.loads(body)["detail"] or "compress" in json.loads(body)["detail"]
    status, _, body = upload(server.port, [("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)])
    assert status == 422, body
    assert list(uploads_dir.iterdir()) == []


def test_oversize_upload_is_413(strict_server):
    status, _, body = upload(strict_server.port, [("big.txt", b"x" * (128 * 1024))])
    assert status == 413, body


def test_job_slots_are_bounded(checker, tmp_path):
    from claimcheck.serve.jobs import Jobs

    jobs = Jobs(checker, threading.Lock(), max_jobs=1, ttl=60, tmp_dir=tmp_path)
    gate = threading.Event()
    jobs._run = lambda *args: gate.wait(10)  # a job that holds its slot until released
    from claimcheck.batch.parsers import read_export

    export = read_export([WHATSAPP])
    jobs.start(jobs.workspace(), export, None, None)
    from claimcheck.serve.jobs import JobFull

    with pytest.raises(JobFull):
        jobs.start(tmp_path, export, None, None)
    gate.set()
    jobs.shutdown()


# ---- the command -------------------------------------------------------------------------------------------------


def test_serve_refuses_a_remote_host_without_allow_remote():
    res = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert res.exit_code == 2
    assert "--allow-remote" in res.stderr


def test_importing_claimcheck_and_its_cli_loads_no_server():
    code = (
        "import sys, claimcheck, claimcheck.cli; "
        "print([m for m in ('fastapi', 'uvicorn', 'starlette', 'claimcheck.serve') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_the_real_command_serves_and_leaves_no_temp_files(small_index, tmp_path):
    """`python -m claimcheck serve` as a user runs it, TMPDIR pointed at an empty folder we then inspect."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "TMPDIR": str(tmp), "HF_HUB_OFFLINE": "1", "CLAIMCHECK_COUNTRY": "GB"}
    log = tmp_path / "server.log"
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "claimcheck", "serve", "--port", str(port), "--index", str(small_index)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if request(port, "GET", "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        # ONNX Runtime writes a session-id file (`.ses`: a timestamp and a UUID) when the models load; what is
        # there once the server is up is the baseline, and no request may add to it.
        baseline = sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*"))
        assert all(name == ".ses" for name in baseline), baseline
        page = request(port, "GET", "/")[2].decode()
        assert "United Kingdom (default)" in page  # CLAIMCHECK_COUNTRY=GB, as the CLI reads it
        assert post_json(port, "/v1/check", {"text": FLAGSHIP})[0] == 200
        # a 1.5 MB part: Starlette spools parts over 1 MB to a temporary file, which must go too
        record = {"id": 1, "author": "Jade Brown", "text": FLAGSHIP, "attachment": "x" * 1_500_000}
        big = (json.dumps(record) + "\n").encode()
        status, _, body = upload(
            port, [(WHATSAPP.name, WHATSAPP.read_bytes()), ("posts.jsonl", big)], {"country": "GB"}
        )
        assert status == 202, body
        assert wait_job(port, json.loads(body)["id"], timeout=300)["status"] == "done"
        assert upload(port, [("b.zip", zip_bomb())])[0] == 422
        assert sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*")) == baseline
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    text = log.read_text()
    assert "Uvicorn running" in text and "check:" in text
    assert FLAGSHIP not in text and "antidepressants" not in text


def test_serve_has_help_and_is_documented_in_the_readme():
    res = runner.invoke(cli_app, ["serve", "--help"])
    assert res.exit_code == 0 and "--allow-remote" in res.stdout
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "claimcheck serve" in readme and "POST /v1/check" in readme
