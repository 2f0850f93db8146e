"""A misbehaving web server on 127.0.0.1: slow, endless, huge, flaky, looping, resetting.

Each path is one scenario from the issue; the server records every request so tests can check
retries and politeness. Pages are tiny synthetic HTML written here.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hattip.fetch import FetchOptions

PAGE = (
    b"<!doctype html><html><head><title>Post %d</title></head><body><p>Hello %d</p></body></html>"
)


@dataclass
class Log:
    """What the server saw: (path, arrival time, user agent), and requests in flight."""

    requests: list[tuple[str, float, str]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _, _ in self.requests if p == path)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        log = self.server.log
        path = self.path
        with log.lock:
            log.requests.append((path, time.monotonic(), self.headers.get("User-Agent", "")))
            log.in_flight += 1
            log.max_in_flight = max(log.max_in_flight, log.in_flight)
            seen = sum(1 for p, _, _ in log.requests if p == path)
        try:
            self._route(path, seen)
        except OSError:  # the client hung up on an endless or huge body: that is the test
            pass
        finally:
            with log.lock:
                log.in_flight -= 1

    def _route(self, path: str, seen: int) -> None:
        port = self.server.server_address[1]
        if path.startswith("/page/"):
            n = int(path.rsplit("/", 1)[1])
            time.sleep(self.server.delay)
            self._send(200, PAGE % (n, n))
        elif path == "/slow":
            time.sleep(3)
            self._send(200, PAGE % (0, 0))
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            for _ in range(600):  # 30 s of trickle at most, far beyond any test limit
                self.wfile.write(b"<p>more</p>")
                self.wfile.flush()
                time.sleep(0.05)
        elif path in {"/big", "/big-undeclared"}:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if path == "/big":
                self.send_header("Content-Length", str(20 * 2**20))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65529 + b"</p>"
            for _ in range(20 * 16):
                self.wfile.write(chunk)
        elif path == "/flaky":
            if seen == 1:
                self._send(500, b"oops")
            else:
                self._send(200, PAGE % (500, 500))
        elif path.startswith("/ratelimited"):
            if seen == 1:
                self.send_response(429)
                self.send_header("Retry-After", path.rsplit("/", 1)[1])
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._send(200, PAGE % (429, 429))
        elif path == "/always500":
            self._send(503, b"down")
        elif path == "/loop":
            self._redirect("/loop2")
        elif path == "/loop2":
            self._redirect("/loop")
        elif path == "/cross":
            self._redirect(f"http://localhost:{port}/page/7")
        elif path == "/wrong-charset":
            self._send(200, "<p>café</p>".encode(), "text/html; charset=iso-8859-1")
        elif path == "/octet-html":  # a static blog on object storage, uploaded without a type
            self._send(200, b"\xef\xbb\xbf\n<!DOCTYPE html>" + PAGE % (8, 8), "binary/octet-stream")
        elif path == "/octet-binary":
            self._send(200, b"\x00\x01PK\x03\x04" * 50, "application/octet-stream")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/missing":
            self._send(404, b"no")
        elif path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        elif path == "/bad-location":
            self._redirect("http://[unclosed/")
        elif path in {"/not-http", "/bad-length", "/cut-body"}:
            raw = {
                "/not-http": b"NOT HTTP AT ALL\r\n\r\n",
                "/bad-length": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                b"Content-Length: many\r\n\r\n<p>x</p>",
                "/cut-body": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                b"Content-Length: 1000\r\n\r\n<p>the first half",
            }[path]
            self.wfile.write(raw)
            self.close_connection = True
        elif path == "/robots.txt" and self.server.robots_loop:
            self._redirect("/robots.txt")
        elif path == "/robots.txt":
            self._send(200, b"User-agent: hattip\nDisallow: /private\n", "text/plain")
        elif path == "/private":
            self._send(200, PAGE % (9, 9))
        else:
            self._send(404, b"unknown")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    log: Log
    delay: float
    robots_loop: bool = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Client hang-ups are expected here; keep them out of the test output."""


@dataclass
class Site:
    """The running server: its base URLs by 127.0.0.1 and by localhost, and its log."""

    base: str
    other_host_base: str
    log: Log
    server: _Server


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh misbehaving server per test (fresh counters for 500-then-200 and 429)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.log = Log()
    server.delay = 0.0
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    port = server.server_address[1]
    try:
        yield Site(
            base=f"http://127.0.0.1:{port}",
            other_host_base=f"http://localhost:{port}",
            log=server.log,
            server=server,
        )
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def quick() -> FetchOptions:
    """Short limits so every bad scenario ends in about a second."""
    return FetchOptions(
        concurrency=8,
        per_host=8,
        host_delay=0.0,
        connect_timeout=1.0,
        read_timeout=0.5,
        total_timeout=1.5,
        retries=2,
        backoff=0.05,
        max_retry_after=2.0,
        max_bytes=1_000_000,
        trust_env=False,
    )
