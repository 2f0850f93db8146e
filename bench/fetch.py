"""Fetching throughput: 2,000 pages from a local server with a known delay, at concurrency 1 and 32.

The server (a separate process, asyncio) answers every request after ``--delay`` seconds and
listens on ``--hosts`` loopback addresses (127.0.0.1, 127.0.0.2, ...), so the default per-host
politeness (one connection per host) stays on while 32 requests run at once. Prints pages per
second at each concurrency, their ratio (the issue asks for at least 10x) and the peak RSS of
this (client) process.

    python bench/fetch.py [--pages 2000] [--delay 0.03] [--hosts 32]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import socket
import time
from multiprocessing.synchronize import Event

from hattip.fetch import FetchOptions, fetch_all

BODY = (
    b"<!doctype html><html><head><title>Bench</title></head><body><article>"
    + b"<p>Some post text with <a href='https://example.com/'>a link</a>.</p>" * 40
    + b"</article></body></html>"
)
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    b"Content-Length: %d\r\n\r\n" % len(BODY)
) + BODY


def _serve(hosts: list[str], port: int, delay: float, ready: Event) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                if not head:
                    break
                await asyncio.sleep(delay)
                writer.write(RESPONSE)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, host=hosts, port=port, backlog=1024)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _run(urls: list[str], concurrency: int) -> float:
    options = FetchOptions(
        concurrency=concurrency,
        per_host=1,
        host_delay=0.0,
        retries=0,
        trust_env=False,
    )
    start = time.perf_counter()
    errors = sum(doc.error is not None for doc in fetch_all(urls, options))
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{errors} of {len(urls)} fetches failed at concurrency {concurrency}")
    return len(urls) / elapsed


def main() -> None:
    """Start the server, fetch at concurrency 1 then 32, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.03, help="server delay per request (s)")
    parser.add_argument("--hosts", type=int, default=32, help="loopback addresses to spread over")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()

    hosts = [f"127.0.0.{n}" for n in range(1, args.hosts + 1)]
    port = _free_port(hosts[0])
    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=_serve, args=(hosts, port, args.delay, ready), daemon=True
    )
    server.start()
    ready.wait(10)
    urls = [f"http://{hosts[n % len(hosts)]}:{port}/post/{n}" for n in range(args.pages)]
    try:
        ideal_1 = 1 / args.delay
        print(f"server: {args.delay * 1000:g} ms per request on {len(hosts)} loopback hosts")
        print(f"pages:  {args.pages} ({len(BODY):,} bytes each)")
        rate_1 = _run(urls, 1)
        print(f"concurrency  1: {rate_1:8.1f} pages/s  (server-bound ceiling {ideal_1:.0f})")
        rate_n = _run(urls, args.concurrency)
        print(f"concurrency {args.concurrency:2d}: {rate_n:8.1f} pages/s")
        print(f"ratio: {rate_n / rate_1:.1f}x  (issue asks >= 10x)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS (client): {peak:.0f} MB  (issue asks < 300 MB)")
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
