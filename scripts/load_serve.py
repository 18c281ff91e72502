"""Load and fault figures for `claimcheck serve`, on loopback only, bounded in time: prints what it measured.

    python scripts/load_serve.py                      # 500 checks at concurrency 8, then the faults
    python scripts/load_serve.py --requests 100 --index PATH

It starts the real server (`python -m claimcheck serve`) on a free loopback port, warms it up, reads its RSS,
sends N `POST /v1/check` requests from C threads (a mix of advice, crisis texts and non-claims), reads its
RSS again, then sends an oversize body, a malformed multipart, a zip bomb and a slow client, each while a
check runs beside it, and checks that each gets its 4xx and the check still gets 200. Exit 1 if any figure
misses its bound (0 errors, memory within 10%, every fault a 4xx, every concurrent check served).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TEXTS = [
    "once you feel better on antidepressants just stop taking them",
    "exercise can help with mild depression",
    "St John's wort won't affect the pill",
    "you can drink alcohol while taking sertraline, it's fine",
    "CBT is a talking therapy that can help with anxiety",
    "cold turkey off venlafaxine is the quickest way",
    "lol same here",
    "i am going to kill myself tonight",
    "sleep hygiene helps insomnia, keep a regular bedtime",
    "panic attacks can't hurt you physically",
    "my friend said lithium levels need regular blood tests",
    "if you miss a dose of your antidepressant just double up next time",
]
PORT_WAIT_S = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def call(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 120
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def reply_status(s: socket.socket) -> int:
    """The status code of the server's reply on `s` (0: no HTTP answer, or the connection was reset)."""
    try:
        reply = s.recv(4096)
    except ConnectionResetError:
        return 0
    return int(reply.split()[1]) if reply.startswith(b"HTTP/") else 0


def raw_post(port: int, path: str, body: bytes, ctype: str) -> int:
    """POST with Content-Length, tolerating a server that answers and closes before the body is all sent (as
    it should for an oversize body): the status line it sent is read either way."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        try:
            s.sendall(head + body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return reply_status(s)


def chunked_oversize(port: int, limit: int) -> int:
    """A body with no declared length that grows past the limit: counted as it arrives, refused at the limit."""
    head = (
        b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        try:
            s.sendall(head + b'b\r\n{"text": "x\r\n')
            for _ in range(limit // len(chunk) + 8):
                s.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        return reply_status(s)


def check(port: int, text: str) -> tuple[int, float]:
    started = time.perf_counter()
    status, _ = call(
        port,
        "POST",
        "/v1/check",
        json.dumps({"text": text, "country": "GB"}).encode(),
        {"Content-Type": "application/json"},
    )
    return status, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def multipart(filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "load-serve-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("WhatsApp Chat with Group.txt", b"12/03/2024, 09:00 - A: " + b"a" * (200 * 1024 * 1024) + b"\n")
    return buf.getvalue()


def slow_client(port: int, pause: float) -> int:
    """Headers, then a body that never finishes in time: the server must answer 408 and close."""
    with socket.create_connection(("127.0.0.1", port), timeout=pause + 60) as s:
        s.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"text": "'
        )
        for _ in range(int(pause)):
            time.sleep(1)
            try:
                s.sendall(b"a")
            except OSError:
                break
        reply = s.recv(4096)
    return int(reply.split()[1]) if reply.startswith(b"HTTP/") else 0


def faults(port: int, max_body: int, body_timeout: float) -> list[tuple[str, int, int, str]]:
    """Each fault beside a normal check: (name, fault status, concurrent check status, bound)."""
    cases = {
        "oversize body (JSON, Content-Length)": lambda: raw_post(
            port, "/v1/check", json.dumps({"text": "x" * (max_body + 1)}).encode(), "application/json"
        ),
        "oversize body (chunked, no length)": lambda: chunked_oversize(port, max_body),
        "oversize upload (2 GiB declared)": lambda: _declared_upload(port),
        "malformed multipart": lambda: call(
            port,
            "POST",
            "/v1/batch",
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated',
            {"Content-Type": "multipart/form-data; boundary=b"},
        )[0],
        "zip bomb (200 MB in 200 KB)": lambda: call(port, "POST", "/v1/batch", *_bomb_request())[0],
        f"slow client (1 byte/s, {body_timeout:g} s bound)": lambda: slow_client(port, body_timeout + 5),
    }
    out = []
    for name, fault in cases.items():
        with ThreadPoolExecutor(max_workers=2) as pool:
            fault_future = pool.submit(fault)
            time.sleep(0.2)
            side = pool.submit(check, port, TEXTS[0])
            fault_status = fault_future.result()
            side_status = side.result()[0]
        out.append((name, fault_status, side_status, "4xx"))
    return out


def _bomb_request() -> tuple[bytes, dict[str, str]]:
    body, ctype = multipart("WhatsApp Chat with Group.zip", zip_bomb())
    return body, {"Content-Type": ctype}


def _declared_upload(port: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest("POST", "/v1/batch")
        conn.putheader("Content-Type", "multipart/form-data; boundary=b")
        conn.putheader("Content-Length", str(2 * 1024**3))
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--index", help="index folder (default: CLAIMCHECK_INDEX or the built one)")
    args = parser.parse_args()

    port = free_port()
    cmd = [sys.executable, "-m", "claimcheck", "serve", "--port", str(port), "--rate-limit", "0"]
    if args.index:
        cmd += ["--index", args.index]
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"load_serve-{port}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    failures = []
    try:
        started = time.monotonic()
        while True:
            try:
                if call(port, "GET", "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() - started > PORT_WAIT_S:
                print(log_path.read_text()[-3000:])
                return 1
            time.sleep(0.3)
        print(f"server up in {time.monotonic() - started:.1f} s (pid {proc.pid}, port {port}, {os.cpu_count()} CPUs)")
        for text in TEXTS * 2:  # warm every path and cache once
            check(port, text)
        before = rss_mb(proc.pid)

        texts = [TEXTS[i % len(TEXTS)] for i in range(args.requests)]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(pool.map(lambda t: check(port, t), texts))
        wall = time.perf_counter() - t0
        after = rss_mb(proc.pid)
        errors = sum(status != 200 for status, _ in results)
        latencies = [s for _, s in results]
        growth = (after - before) / before
        print(
            f"{args.requests} POST /v1/check at concurrency {args.concurrency}: {errors} errors, "
            f"{args.requests / wall:.1f} req/s, wall {wall:.1f} s"
        )
        print(
            f"latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f}"
            f" ms, max {max(latencies) * 1000:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms"
        )
        print(f"server RSS before {before:.0f} MB, after {after:.0f} MB ({growth:+.1%})")
        if errors:
            failures.append(f"{errors} errors")
        if abs(growth) > 0.10:
            failures.append(f"memory grew {growth:+.1%}")

        from claimcheck.serve.settings import ServeSettings

        defaults = ServeSettings()
        for name, status, side, _bound in faults(port, defaults.max_body, defaults.body_timeout):
            ok = 400 <= status < 500 and side == 200
            print(f"{name}: {status}; a check beside it: {side}{'' if ok else '  <-- FAIL'}")
            if not ok:
                failures.append(name)
        status, _ = check(port, TEXTS[1])
        print(f"after the faults: check {status}, server RSS {rss_mb(proc.pid):.0f} MB")
        if status != 200:
            failures.append("server not serving after the faults")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print("FAILED: " + "; ".join(failures) if failures else "all bounds held")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
