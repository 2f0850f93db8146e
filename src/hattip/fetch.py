"""Fetching pages over HTTP with httpx: bounded, polite, and typed on failure.

Users start from URLs, so hattip fetches; but a batch of thousands of URLs must neither hammer a
blog nor stop at the first dead server. The core is async (:func:`afetch_all`) with:

* one global bound on requests in flight (``concurrency``) and, per host, a bound on
  connections (``per_host``, default 1) and a delay between request starts (``host_delay``);
* connect, read and total time limits, so a slow or never-ending server costs bounded time;
* retries with exponential backoff on 429 and 5xx and on dropped connections, honouring
  ``Retry-After`` (seconds or an HTTP date) up to ``max_retry_after``;
* redirects followed by hand, so each hop is recorded (``Document.redirects``) and loops are
  caught; the final URL is the page's URL;
* a cap on the (decoded) body size, HTML-only content types, the charset of ``Content-Type``
  handed on to the parser, an identifying ``User-Agent`` and, when asked, robots.txt.

Every failure is a :class:`~hattip.inputs.Document` with ``error``, ``failure`` and ``status``
set, never an exception, so the rest of the batch goes on. :func:`fetch_all` is the same in a
plain iterator (the event loop runs in a background thread), and :func:`fetch_document` fetches
one page and raises :class:`~hattip.errors.FetchError` instead.

A URL the caller gives is fetched wherever it points, loopback included (local servers and tests
rely on it); this module never follows links found *inside* pages. That is the resolver's
guarded online mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import queue
import random
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import AsyncGenerator, Generator, Iterable
from dataclasses import dataclass
from datetime import UTC
from importlib import metadata
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from hattip.errors import FetchError
from hattip.model import Document, Failure

__all__ = [
    "FEED_ACCEPT",
    "HTML_TYPES",
    "USER_AGENT",
    "FetchOptions",
    "afetch_all",
    "fetch_all",
    "fetch_document",
]


def _version() -> str:
    try:
        return metadata.version("hattip")
    except metadata.PackageNotFoundError:  # running from a checkout that is not installed
        return "0"


USER_AGENT = f"hattip/{_version()} (credit-graph reader; +https://pypi.org/project/hattip/)"
"""Who is asking: servers and their owners can tell hattip apart and write robots rules for it."""

HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
"""Content types hattip parses as pages; anything else is a ``not_html`` failure."""

FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
"""The ``Accept`` header for fetching a feed itself."""

_HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ROBOTS_TOKEN = "hattip"
_MAX_IDLE_HOSTS = 512
_DISALLOW_ALL = ("User-agent: *", "Disallow: /")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How hard and how long to try. The defaults are polite to one blog at a time.

    >>> FetchOptions(concurrency=4).per_host
    1
    """

    concurrency: int = 16
    """Requests in flight at once, over all hosts."""
    per_host: int = 1
    """Connections at once to one host (``host:port``)."""
    host_delay: float = 1.0
    """Seconds between the starts of two requests to one host (raised by robots ``Crawl-delay``
    when robots are respected)."""
    connect_timeout: float = 10.0
    """Seconds to open a connection."""
    read_timeout: float = 20.0
    """Seconds of silence allowed while reading."""
    total_timeout: float = 60.0
    """Seconds of request time for one URL, redirects and retries included; waiting for a
    free slot, for the host's turn or between retries is not counted, so a long queue never
    times out a page that has not been asked for yet."""
    retries: int = 2
    """Extra attempts after a 429, a 5xx or a dropped connection."""
    backoff: float = 1.0
    """Base of the exponential backoff between attempts, in seconds."""
    max_retry_after: float = 30.0
    """The longest ``Retry-After`` hattip waits for; a longer one fails the URL at once."""
    max_redirects: int = 10
    """Redirect hops followed before giving up."""
    max_bytes: int = 10_000_000
    """Body size cap (after content decoding): a bigger page is a ``too_large`` failure."""
    content_types: frozenset[str] | None = HTML_TYPES
    """Content types accepted (a response without one is accepted); ``None`` accepts all."""
    accept: str = _HTML_ACCEPT
    """The ``Accept`` request header."""
    user_agent: str = USER_AGENT
    """The ``User-Agent`` request header."""
    respect_robots: bool = False
    """Read each host's robots.txt first and skip what it disallows for ``hattip``."""
    trust_env: bool = True
    """Use proxy and certificate settings from the environment (httpx's ``trust_env``)."""


def _window(options: FetchOptions) -> int:
    """How many URLs may be in flight or done-but-not-consumed: bounds memory on any batch."""
    return max(64, 4 * options.concurrency)


def _failed(
    origin: str,
    failure: Failure,
    message: str,
    *,
    url: str | None = None,
    status: int | None = None,
    redirects: tuple[str, ...] = (),
) -> Document:
    return Document(
        origin=origin,
        url=url,
        error=message,
        failure=failure,
        status=status,
        redirects=redirects,
    )


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), if readable.

    >>> _retry_after("3")
    3.0
    >>> _retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - time.time())


_GENERIC_TYPES = frozenset(
    {"application/octet-stream", "binary/octet-stream", "application/unknown", "unknown/unknown"}
)
"""Types that say nothing of the content (object storage without metadata sends them): the
body is read and taken as a page if its first bytes are HTML."""

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<!--")


def _looks_like_html(head: bytes) -> bool:
    """True when a body starts like an HTML page (after a BOM and white space).

    >>> _looks_like_html(b"\\xef\\xbb\\xbf <!DOCTYPE html><p>"), _looks_like_html(b"PK\\x03\\x04")
    (True, False)
    """
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").lower()
    return start.startswith(_HTML_STARTS)


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str
    status: int


@dataclass(frozen=True, slots=True)
class _Retry:
    failed: Document
    wait: float | None
    """Seconds the server asked for, or ``None`` to use the backoff."""


class _Host:
    """Per-host state: its own client, a connection bound, the next allowed start, robots rules.

    One small client per host rather than one shared pool: httpcore's pool scans every
    connection for every queued request, which made a shared pool the bottleneck when many
    hosts are fetched at once (measured with ``bench/fetch.py``).
    """

    __slots__ = ("active", "client", "delay", "ready_at", "robots", "robots_lock", "slot")

    def __init__(self, client: httpx.AsyncClient, per_host: int, delay: float) -> None:
        self.client = client
        self.active = 0
        self.slot = asyncio.Semaphore(per_host)
        self.delay = delay
        self.ready_at = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_lock = asyncio.Lock()


class _Fetcher:
    """Fetches single URLs for a batch, sharing one client, one global bound and host states."""

    def __init__(self, options: FetchOptions) -> None:
        self._o = options
        self._ssl = httpx.create_ssl_context(trust_env=options.trust_env)
        self._global = asyncio.Semaphore(options.concurrency)
        self._hosts: dict[str, _Host] = {}
        self._closing: set[asyncio.Task[None]] = set()

    def _host(self, key: str) -> _Host:
        host = self._hosts.get(key)
        if host is None:
            if len(self._hosts) >= _MAX_IDLE_HOSTS:
                self._forget_idle_hosts()
            client = _client(self._o, self._ssl)
            host = self._hosts[key] = _Host(client, self._o.per_host, self._o.host_delay)
        return host

    def _forget_idle_hosts(self) -> None:
        """Close the clients of hosts with nothing in flight, so a long crawl stays bounded."""
        for key, host in list(self._hosts.items()):
            if host.active == 0:
                del self._hosts[key]
                task = asyncio.create_task(host.client.aclose())
                self._closing.add(task)
                task.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        """Close every client (and wait for those being closed)."""
        await asyncio.gather(
            *(h.client.aclose() for h in self._hosts.values()),
            *self._closing,
            return_exceptions=True,
        )
        self._hosts.clear()

    async def fetch(self, url: str) -> Document:
        """One URL to one Document; never raises for network or HTTP trouble."""
        try:
            parts = urlsplit(url.strip())
            hostname = parts.hostname
        except ValueError as exc:  # "http://[::1": urlsplit and .hostname raise
            msg = f"{url!r} is not a well-formed URL ({exc}); check the brackets and the port"
            return _failed(url, Failure.INVALID_URL, msg)
        if parts.scheme.lower() not in {"http", "https"} or not hostname:
            msg = f"{url!r} is not an http(s) URL; give a full URL such as https://example.com/post"
            return _failed(url, Failure.INVALID_URL, msg)
        key = parts.netloc.lower()
        host = self._host(key)
        host.active += 1
        try:
            return await self._fetch_on(host, key, url)
        finally:
            host.active -= 1

    async def _fetch_on(self, host: _Host, key: str, url: str) -> Document:
        async with host.slot:
            if self._o.respect_robots and not await self._allowed(host, url):
                msg = f"{url}: robots.txt of {key} disallows it for {_ROBOTS_TOKEN}"
                return _failed(
                    url, Failure.ROBOTS, msg + " (drop --respect-robots to fetch anyway)"
                )
            return await self._attempts(url, host)

    async def _polite(self, host: _Host) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        start = max(now, host.ready_at)
        host.ready_at = start + host.delay
        if start > now:
            await asyncio.sleep(start - now)

    async def _attempts(self, url: str, host: _Host) -> Document:
        chain: list[str] = []
        current = url
        attempt = 0
        await self._polite(host)
        spent = 0.0
        loop = asyncio.get_running_loop()
        while True:
            async with self._global:
                started = loop.time()
                try:
                    async with asyncio.timeout(self._o.total_timeout - spent):
                        outcome = await self._request(host.client, url, current, tuple(chain))
                except TimeoutError:
                    msg = (
                        f"{url}: no complete answer within {self._o.total_timeout:g} s "
                        "(total time limit); the server is too slow or never ends the body"
                    )
                    return _failed(url, Failure.TIMEOUT, msg, url=current, redirects=tuple(chain))
                spent += loop.time() - started
            if isinstance(outcome, Document):
                return outcome
            if isinstance(outcome, _Redirect):
                location = outcome.location
                if location == current or location in chain:
                    msg = f"{url}: redirect loop ({current} -> {location}); open it in a browser"
                    return _failed(
                        url,
                        Failure.REDIRECT_LOOP,
                        msg,
                        url=current,
                        status=outcome.status,
                        redirects=(*chain, current),
                    )
                chain.append(current)
                if len(chain) > self._o.max_redirects:
                    msg = f"{url}: more than {self._o.max_redirects} redirects (last to {location})"
                    return _failed(
                        url,
                        Failure.REDIRECT_LOOP,
                        msg,
                        url=location,
                        status=outcome.status,
                        redirects=tuple(chain),
                    )
                current = location
                continue
            if attempt >= self._o.retries:
                return outcome.failed
            if outcome.wait is not None and outcome.wait > self._o.max_retry_after:
                return outcome.failed
            attempt += 1
            wait = outcome.wait
            if wait is None:
                wait = self._o.backoff * 2 ** (attempt - 1) * random.uniform(1.0, 1.5)
            await asyncio.sleep(wait)
            await self._polite(host)

    async def _request(
        self, client: httpx.AsyncClient, origin: str, url: str, chain: tuple[str, ...]
    ) -> Document | _Redirect | _Retry:
        o = self._o
        try:
            async with client.stream("GET", url) as resp:
                status = resp.status_code
                location = resp.headers.get("location")
                if status in _REDIRECT_STATUSES and location:
                    try:
                        target = urljoin(str(resp.url), location.strip())
                        scheme = urlsplit(target).scheme.lower()
                    except ValueError as exc:
                        msg = f"{url}: redirects to {location!r}, which is no URL ({exc})"
                        return _failed(origin, Failure.INVALID_URL, msg, url=url, status=status)
                    if scheme not in {"http", "https"}:
                        msg = f"{url}: redirects to {target!r}, which is not an http(s) URL"
                        return _failed(origin, Failure.INVALID_URL, msg, url=url, status=status)
                    return _Redirect(target, status)
                if not 200 <= status < 300:
                    failed = _failed(
                        origin,
                        Failure.HTTP_STATUS,
                        f"{url}: HTTP {status} {resp.reason_phrase}".rstrip(),
                        url=url,
                        status=status,
                        redirects=chain,
                    )
                    if status not in _RETRY_STATUSES:
                        return failed
                    wait = _retry_after(resp.headers.get("retry-after"))
                    if wait is not None and wait > o.max_retry_after:
                        msg = (
                            f"{url}: HTTP {status}, asked to retry after {wait:.0f} s, longer "
                            f"than the {o.max_retry_after:g} s hattip waits; try again later"
                        )
                        failed = _failed(
                            origin,
                            Failure.HTTP_STATUS,
                            msg,
                            url=url,
                            status=status,
                            redirects=chain,
                        )
                    return _Retry(failed, wait)
                media = _media_type(resp.headers.get("content-type"))
                msg = f"{url}: content type {media} is not HTML; give the URL of a web page"
                not_html = _failed(
                    origin, Failure.NOT_HTML, msg, url=url, status=status, redirects=chain
                )
                sniff = o.content_types is not None and media in _GENERIC_TYPES
                wrong = o.content_types is not None and media and media not in o.content_types
                if wrong and not sniff:
                    return not_html
                too_big = _failed(
                    origin,
                    Failure.TOO_LARGE,
                    f"{url}: body over the {o.max_bytes:,} byte cap (raise max_bytes to read it)",
                    url=url,
                    status=status,
                    redirects=chain,
                )
                declared = resp.headers.get("content-length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > o.max_bytes:
                    return too_big
                body = bytearray()
                async for chunk in resp.aiter_bytes():
                    body += chunk
                    if len(body) > o.max_bytes:
                        return too_big
                if sniff and not _looks_like_html(bytes(body[:1024])):
                    return not_html
                return Document(
                    origin=origin,
                    url=str(resp.url),
                    body=bytes(body),
                    charset=resp.charset_encoding,
                    headers=dict(resp.headers.items()),
                    status=status,
                    redirects=chain,
                )
        except httpx.TimeoutException as exc:
            kind = type(exc).__name__.removesuffix("Timeout").lower() or "network"
            msg = f"{url}: {kind} timed out ({_timeout_limit(o, exc):g} s); the server is too slow"
            return _failed(origin, Failure.TIMEOUT, msg, url=url, redirects=chain)
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            msg = f"{url}: not a URL hattip can fetch ({exc})"
            return _failed(origin, Failure.INVALID_URL, msg, url=url, redirects=chain)
        except httpx.DecodingError as exc:
            msg = f"{url}: the body could not be decoded ({exc})"
            return _failed(origin, Failure.UNREADABLE, msg, url=url, redirects=chain)
        except httpx.TransportError as exc:
            detail = str(exc) or type(exc).__name__
            if isinstance(exc, httpx.RemoteProtocolError) and "disconnected without" not in detail:
                # garbage for a status line, a bad Content-Length, a body cut short
                why = "the server's answer is not valid HTTP or broke off"
                msg = f"{url}: connection failed ({detail}): {why}; try again later"
            else:
                msg = f"{url}: connection failed ({detail}); check the address and that it is up"
            return _Retry(_failed(origin, Failure.CONNECTION, msg, url=url, redirects=chain), None)

    async def _allowed(self, host: _Host, url: str) -> bool:
        async with host.robots_lock:
            if host.robots is None:
                host.robots = await self._load_robots(host.client, url)
                delay = host.robots.crawl_delay(_ROBOTS_TOKEN)
                if delay is not None:
                    host.delay = max(host.delay, min(float(delay), 60.0))
        return host.robots.can_fetch(_ROBOTS_TOKEN, url)

    async def _load_robots(
        self, client: httpx.AsyncClient, url: str
    ) -> urllib.robotparser.RobotFileParser:
        """RFC 9309: a 4xx robots.txt allows everything; 5xx or no answer disallows everything;
        one behind more redirects than a client follows is unavailable, which allows all."""
        parser = urllib.robotparser.RobotFileParser()
        robots_url = urljoin(url, "/robots.txt")
        body = bytearray()
        try:
            async with (
                self._global,
                asyncio.timeout(self._o.total_timeout),  # a trickling robots.txt must not stall
                client.stream("GET", robots_url, follow_redirects=True) as resp,
            ):
                status = resp.status_code
                async for chunk in resp.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > _ROBOTS_MAX:  # Google reads the first 500 KiB; so do we
                        break
        except httpx.TooManyRedirects:
            parser.parse([])
            return parser
        except (httpx.HTTPError, TimeoutError):
            parser.parse(_DISALLOW_ALL)
            return parser
        if 400 <= status < 500:
            parser.parse([])
        elif status >= 500:
            parser.parse(_DISALLOW_ALL)
        else:
            text = bytes(body[:_ROBOTS_MAX]).decode("utf-8", "replace")
            parser.parse(text.splitlines())
        return parser


_ROBOTS_MAX = 500 * 1024


def _timeout_limit(options: FetchOptions, exc: httpx.TimeoutException) -> float:
    if isinstance(exc, httpx.ConnectTimeout):
        return options.connect_timeout
    return options.read_timeout


def _client(options: FetchOptions, ssl_context: ssl.SSLContext) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        verify=ssl_context,
        headers={"User-Agent": options.user_agent, "Accept": options.accept},
        timeout=httpx.Timeout(
            connect=options.connect_timeout,
            read=options.read_timeout,
            write=options.read_timeout,
            pool=None,
        ),
        # Requests in flight are bounded by the host slot and the global semaphore; the pool
        # only keeps the host's connections (and a redirect target's) alive between requests.
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=options.per_host + 1),
        follow_redirects=False,
        trust_env=options.trust_env,
    )


async def afetch_all(
    urls: Iterable[str], options: FetchOptions | None = None
) -> AsyncGenerator[Document, None]:
    """Fetch every URL, yielding one Document each in the order they finish.

    ``urls`` is read lazily, at most a few times ``concurrency`` ahead of what the caller has
    consumed, so memory stays bounded on any batch; it is read inside the event loop, so it
    must not block (a list, a generator over a list, a file already in memory).
    """
    opts = options or FetchOptions()
    window = asyncio.Semaphore(_window(opts))
    done: asyncio.Queue[Document | None] = asyncio.Queue()
    tasks: set[asyncio.Task[None]] = set()
    fetcher = _Fetcher(opts)

    async def one(url: str) -> None:
        try:
            doc = await fetcher.fetch(url)
        except Exception as exc:  # a bug in one fetch must not stop the batch
            doc = _failed(url, Failure.CONNECTION, f"{url}: fetch failed ({exc!r})")
        done.put_nowait(doc)

    async def produce() -> None:
        try:
            for url in urls:
                await window.acquire()
                task = asyncio.create_task(one(url))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            await asyncio.gather(*tasks)
        finally:
            done.put_nowait(None)

    producer = asyncio.create_task(produce())
    try:
        while (doc := await done.get()) is not None:
            yield doc
            window.release()
        await producer
    finally:
        producer.cancel()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(producer, *tasks, return_exceptions=True)
        await fetcher.aclose()


def fetch_all(
    urls: Iterable[str], options: FetchOptions | None = None
) -> Generator[Document, None, None]:
    """:func:`afetch_all` as a plain iterator, for callers without an event loop.

    The loop runs in a background thread and at most a window of finished pages waits for the
    caller. Closing the iterator (or Ctrl-C) cancels what is still in flight.
    """
    opts = options or FetchOptions()
    out: queue.SimpleQueue[Document | BaseException | None] = queue.SimpleQueue()
    started = threading.Event()
    handles: dict[str, Any] = {}

    async def pump() -> None:
        credits = asyncio.Semaphore(_window(opts))
        handles.update(
            loop=asyncio.get_running_loop(), task=asyncio.current_task(), credits=credits
        )
        started.set()
        async with contextlib.aclosing(afetch_all(urls, opts)) as docs:
            async for doc in docs:
                out.put(doc)
                await credits.acquire()

    def run() -> None:
        try:
            asyncio.run(pump())
        except asyncio.CancelledError:
            pass
        except BaseException as exc:  # handed to the caller's thread and raised there
            out.put(exc)
        finally:
            started.set()
            out.put(None)

    thread = threading.Thread(target=run, name="hattip-fetch", daemon=True)
    thread.start()
    started.wait()
    try:
        while (item := out.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
            with contextlib.suppress(RuntimeError, KeyError):  # the loop may have ended
                handles["loop"].call_soon_threadsafe(handles["credits"].release)
    finally:
        if thread.is_alive():
            with contextlib.suppress(RuntimeError, KeyError):
                handles["loop"].call_soon_threadsafe(handles["task"].cancel)
            thread.join(timeout=10)


def fetch_document(url: str, **options: Any) -> Document:
    """Fetch one page; raise :class:`~hattip.errors.FetchError` if it cannot be had.

    ``options`` are :class:`FetchOptions` fields (``total_timeout=10``, ``respect_robots=True``).
    The error message names the URL, what went wrong (status, timeout, size, type) and what
    to try.
    """
    opts = FetchOptions(**options)
    (doc,) = tuple(fetch_all([url], opts))
    if doc.error is not None:
        raise FetchError(doc.error)
    return doc
