"""Opt-in online resolution: follow short links to where they lead, safely.

Everything else in :mod:`hattip.resolve` is offline. This module is the one place that talks to
the network, and only when a caller asks (``resolve_online``, ``hattip resolve --online``).

Following a stranger's link from a server is a classic SSRF hole, so every hop is vetted before
any connection is opened: the host is normalised (every IPv4 spelling, decimal ``2130706433``,
octal ``0177.0.0.1``, hex ``0x7f.1``, short ``127.1``, becomes a dotted quad; IPv6-mapped,
NAT64, 6to4 and Teredo addresses are unwrapped to the IPv4 they carry), names are resolved once,
and a target that is private, loopback, link-local, multicast, reserved or unspecified is refused
with :class:`~hattip.errors.BlockedTarget` unless the caller passed ``allow_private=True``. The
connection then goes to the very address that was vetted (a pinned httpcore backend), so a DNS
answer that changes between the check and the connect (rebinding) cannot redirect it.

Results are cached in SQLite (:class:`ResultCache`) so no URL is fetched twice, and
``offline=True`` reads only that cache.

>>> vet_host("127.1", 80, allow_private=False)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
hattip.errors.BlockedTarget: refused 127.1: 127.0.0.1 is a loopback address ...
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

from hattip.errors import BlockedTarget, FetchError
from hattip.resolve import Resolution, resolve
from hattip.resolve.urls import clean, normalize_host

__all__ = [
    "USER_AGENT",
    "OnlineResult",
    "PinnedTransport",
    "ResultCache",
    "blocked_reason",
    "check_url",
    "resolve_online",
    "resolve_texts_online",
    "vet_host",
]

USER_AGENT = "hattip-resolver/0.1 (+https://pypi.org/project/hattip/; follows credited short links)"
"""Who we are, on every request, so site owners can tell what is knocking."""

Resolver = Callable[[str, int], list[str]]
"""A name resolver: ``(host, port) -> [ip, ...]``. Tests pass their own; none touches DNS."""

_LOCAL_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "broadcasthost"}
)
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain")
_META_REFRESH = re.compile(
    rb"""<meta\b[^>]*?http-equiv\s*=\s*["']?refresh["']?[^>]*>""", re.IGNORECASE | re.DOTALL
)
_CONTENT_ATTR = re.compile(rb"""content\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_REFRESH_URL = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?["']?([^"']+)""", re.I)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def blocked_reason(address: str) -> str | None:
    """Why an IP address may not be fetched (``"a loopback address"``...), or None if public.

    >>> blocked_reason("10.0.0.1"), blocked_reason("::ffff:169.254.169.254")
    ('a private address', 'a link-local address')
    >>> blocked_reason("93.184.216.34") is None
    True
    """
    ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and ip.teredo is not None:
            embedded = ip.teredo[1]
        if embedded is not None:
            return blocked_reason(str(embedded))
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    for hit, reason in checks:
        if hit:
            return reason
    return None


def vet_host(
    host: str, port: int, *, allow_private: bool = False, resolver: Resolver | None = None
) -> str:
    """The address to connect to for ``host``, after the SSRF guard; raises if refused.

    IP literals in any spelling are checked as written; names are resolved and refused when
    *any* of their addresses is private (a name that resolves to both is a rebinding trick).

    Raises:
        BlockedTarget: the target is private/loopback/link-local/multicast/reserved.
        FetchError: the host is malformed or does not resolve.
    """
    bracketed = f"[{host}]" if ":" in host and not host.startswith("[") else host
    normal = normalize_host(bracketed)
    if normal is None:
        msg = f"cannot fetch host {host!r}: it is not a valid host name"
        raise FetchError(msg)
    hint = "(allow private targets to reach it)"
    if (normal in _LOCAL_NAMES or normal.endswith(_LOCAL_SUFFIXES)) and not allow_private:
        msg = f"refused {host}: {normal} names this machine or its local network {hint}"
        raise BlockedTarget(msg)
    literal = normal.strip("[]")
    try:
        ipaddress.ip_address(literal)
        addresses = [literal]
    except ValueError:
        try:
            addresses = (resolver or _system_resolver)(normal, port)
        except OSError as exc:
            msg = f"cannot resolve {host}: {exc}"
            raise FetchError(msg) from exc
    if not addresses:
        msg = f"cannot resolve {host}: no address"
        raise FetchError(msg)
    if not allow_private:
        for address in addresses:
            reason = blocked_reason(address)
            if reason is not None:
                msg = f"refused {host}: {address} is {reason} {hint}"
                raise BlockedTarget(msg)
    return addresses[0]


# ---------------------------------------------------------------------------------------------
# The pinned transport: connect to the vetted address, keep Host and SNI of the name.
# ---------------------------------------------------------------------------------------------


class _PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses the guard vetted, never to a name."""

    def __init__(self, pins: dict[str, str]) -> None:
        self._pins = pins
        self._backend = httpcore.SyncBackend()
        self.connects: list[tuple[str, str, int]] = []

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self._pins.get(host.strip("[]"))
        if address is None:
            msg = f"refusing to connect to {host}: it was not vetted"
            raise httpcore.ConnectError(msg)
        self.connects.append((host, address, port))
        return self._backend.connect_tcp(
            address,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        msg = "unix sockets are never a resolver target"
        raise httpcore.ConnectError(msg)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _Stream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._stream
        except httpcore.TimeoutException as exc:
            raise httpx.ReadTimeout(str(exc), request=self._request) from exc
        except httpcore.NetworkError as exc:
            raise httpx.ReadError(str(exc), request=self._request) from exc

    def close(self) -> None:
        closer = getattr(self._stream, "close", None)
        if closer is not None:
            closer()


class PinnedTransport(httpx.BaseTransport):
    """An httpx transport whose connections go to the pinned address of each host."""

    def __init__(self, pins: dict[str, str], *, max_connections: int = 20) -> None:
        self.backend = _PinnedBackend(pins)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            network_backend=self.backend,
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            resp = self._pool.handle_request(core)
        except httpcore.TimeoutException as exc:
            raise httpx.TimeoutException(str(exc), request=request) from exc
        except httpcore.ConnectError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise httpx.TransportError(str(exc), request=request) from exc
        assert isinstance(resp.stream, Iterable)
        return httpx.Response(
            status_code=resp.status,
            headers=resp.headers,
            stream=_Stream(resp.stream, request),
            extensions=resp.extensions,
        )

    def close(self) -> None:
        self._pool.close()


# ---------------------------------------------------------------------------------------------
# Results and their SQLite cache.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class OnlineResult:
    """Where one URL led when followed online."""

    url: str
    """The URL asked about."""
    final_url: str | None = None
    """Where the redirects ended, or None when following failed."""
    hops: tuple[str, ...] = ()
    """Every URL reached after ``url``, in order (the last is ``final_url``)."""
    status: int | None = None
    """The HTTP status of the last response."""
    error: str | None = None
    """Why following failed (refused target, timeout, too many hops...)."""
    cached: bool = False
    """True when the answer came from the cache, not the network."""


class ResultCache:
    """Online results in SQLite, keyed by URL, so no URL is fetched twice.

    >>> with ResultCache(":memory:") as cache:
    ...     cache.put(OnlineResult(url="https://t.co/x", final_url="https://example.com/"))
    ...     cache.get("https://t.co/x").final_url
    'https://example.com/'
    """

    def __init__(self, path: str | Path = ":memory:") -> None:
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS resolved (url TEXT PRIMARY KEY, final_url TEXT,"
                " hops TEXT NOT NULL, status INTEGER, error TEXT, fetched_at REAL NOT NULL)"
            )
            self._db.commit()
        except sqlite3.Error as exc:
            msg = f"cannot open the resolver cache {str(path)!r}: {exc}; pass another --cache path"
            raise FetchError(msg) from exc

    def get(self, url: str) -> OnlineResult | None:
        """The cached result for ``url``, or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT final_url, hops, status, error FROM resolved WHERE url = ?", (url,)
            ).fetchone()
        if row is None:
            return None
        return OnlineResult(
            url=url,
            final_url=row[0],
            hops=tuple(json.loads(row[1])),
            status=row[2],
            error=row[3],
            cached=True,
        )

    def put(self, result: OnlineResult) -> None:
        """Remember ``result`` (replacing an older answer for the same URL)."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO resolved VALUES (?, ?, ?, ?, ?, ?)",
                (
                    result.url,
                    result.final_url,
                    json.dumps(list(result.hops)),
                    result.status,
                    result.error,
                    time.time(),
                ),
            )
            self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# The hop loop.
# ---------------------------------------------------------------------------------------------


class _Politeness:
    """At most one request per host every ``delay`` seconds."""

    def __init__(
        self,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._delay = delay
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str) -> None:
        if self._delay <= 0:
            return
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self._delay
        if start > now:
            self._sleep(start - now)


@dataclass(frozen=True, slots=True)
class _Settings:
    allow_private: bool
    max_hops: int
    timeout: float
    deadline: float
    max_body: int
    resolver: Resolver | None


class _Follower:
    def __init__(
        self,
        client: httpx.Client,
        pins: dict[str, str],
        settings: _Settings,
        politeness: _Politeness,
    ) -> None:
        self._client = client
        self._pins = pins
        self._s = settings
        self._politeness = politeness

    def follow(self, url: str) -> OnlineResult:
        start = time.monotonic()
        hops: list[str] = []
        current = url
        status: int | None = None
        try:
            for _ in range(self._s.max_hops + 1):
                left = self._s.deadline - (time.monotonic() - start)
                if left <= 0:
                    return OnlineResult(url=url, hops=tuple(hops), error="deadline exceeded")
                status, nxt = self._hop(current, min(left, self._s.timeout))
                if nxt is None or nxt == current:
                    return OnlineResult(url=url, final_url=current, hops=tuple(hops), status=status)
                if len(hops) >= self._s.max_hops:
                    break
                hops.append(nxt)
                current = nxt
        except BlockedTarget as exc:
            return OnlineResult(url=url, hops=tuple(hops), status=status, error=str(exc))
        except FetchError as exc:
            return OnlineResult(url=url, hops=tuple(hops), status=status, error=str(exc))
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__} fetching {current}: {exc}"
            return OnlineResult(url=url, hops=tuple(hops), status=status, error=error)
        error = f"more than {self._s.max_hops} redirects"
        return OnlineResult(url=url, hops=tuple(hops), status=status, error=error)

    def _vet(self, url: str) -> httpx.URL:
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as exc:
            msg = f"cannot fetch {url!r}: {exc}"
            raise FetchError(msg) from exc
        if parsed.scheme not in ("http", "https"):
            msg = f"cannot fetch {url!r}: only http and https are followed"
            raise FetchError(msg)
        host = parsed.raw_host.decode("ascii")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        address = vet_host(
            host, port, allow_private=self._s.allow_private, resolver=self._s.resolver
        )
        self._pins[host.strip("[]")] = address
        return parsed

    def _hop(self, url: str, timeout: float) -> tuple[int, str | None]:
        parsed = self._vet(url)
        self._politeness.wait(parsed.raw_host.decode("ascii"))
        resp = self._client.head(parsed, timeout=timeout)
        target = self._redirect_target(url, resp, b"")
        if target is not None or (resp.status_code < 400 and not _is_html(resp)):
            return resp.status_code, target
        with self._client.stream("GET", parsed, timeout=timeout) as got:
            body = b""
            if _is_html(got) and not got.is_redirect:
                for chunk in got.iter_bytes():
                    body += chunk
                    if len(body) >= self._s.max_body:
                        break
            return got.status_code, self._redirect_target(url, got, body[: self._s.max_body])

    @staticmethod
    def _redirect_target(url: str, resp: httpx.Response, body: bytes) -> str | None:
        location = resp.headers.get("location") if resp.is_redirect else None
        if location:
            return str(urljoin(url, str(location).strip()))
        refresh = str(resp.headers.get("refresh", ""))
        if refresh:
            m = _REFRESH_URL.match(refresh)
            if m and m.group(1).strip():
                return str(urljoin(url, m.group(1).strip()))
        if body:
            for tag in _META_REFRESH.finditer(body):
                content = _CONTENT_ATTR.search(tag.group(0))
                if content is None:
                    continue
                raw = next(g for g in content.groups() if g is not None)
                m = _REFRESH_URL.match(raw.decode("latin-1"))
                if m and m.group(1).strip() and "url" in raw.decode("latin-1").lower():
                    return str(urljoin(url, m.group(1).strip()))
        return None


def _is_html(resp: httpx.Response) -> bool:
    return "html" in resp.headers.get("content-type", "").lower()


def resolve_online(
    urls: Iterable[str],
    *,
    allow_private: bool = False,
    cache: ResultCache | str | Path | None = None,
    offline: bool = False,
    max_hops: int = 10,
    timeout: float = 10.0,
    deadline: float = 30.0,
    max_body: int = 256_000,
    concurrency: int = 8,
    per_host_delay: float = 1.0,
    user_agent: str = USER_AGENT,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver | None = None,
) -> list[OnlineResult]:
    """Follow each URL's redirects (Location, Refresh, meta refresh), in input order.

    Every hop passes :func:`vet_host` before a connection is opened; ``allow_private=True`` lets
    private and loopback targets through (for an intranet, or a test server on 127.0.0.1).
    ``cache`` (a :class:`ResultCache` or a path) answers URLs seen before; ``offline=True``
    answers from the cache alone. ``transport`` replaces the pinned transport (tests pass an
    ``httpx.MockTransport``), ``resolver`` replaces DNS.
    """
    todo = list(urls)
    store = cache if isinstance(cache, ResultCache) else ResultCache(cache or ":memory:")
    try:
        results: dict[int, OnlineResult] = {}
        missing: dict[str, list[int]] = {}  # each URL is fetched once, however often it is asked
        for i, url in enumerate(todo):
            hit = store.get(url)
            if hit is not None:
                results[i] = hit
            elif offline:
                results[i] = OnlineResult(url=url, error="not in the cache (offline mode)")
            else:
                missing.setdefault(url, []).append(i)
        if missing:
            settings = _Settings(allow_private, max_hops, timeout, deadline, max_body, resolver)
            pins: dict[str, str] = {}
            with httpx.Client(
                transport=transport or PinnedTransport(pins),
                follow_redirects=False,
                trust_env=False,  # an environment proxy would bypass the pinned addresses
                headers={"User-Agent": user_agent},
            ) as client:
                follower = _Follower(client, pins, settings, _Politeness(per_host_delay))
                with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
                    done = pool.map(follower.follow, list(missing))
                    for url, result in zip(missing, done, strict=True):
                        for i in missing[url]:
                            results[i] = result
                        if result.error is None or result.error.startswith("more than"):
                            store.put(result)
        return [results[i] for i in range(len(todo))]
    finally:
        if store is not cache:
            store.close()


def resolve_texts_online(
    texts: Iterable[str], *, base: str | None = None, platform: str | None = None, **options: Any
) -> list[Resolution]:
    """:func:`~hattip.resolve.resolve` each text, then follow its URL online (``--online``).

    The record keeps the input, shows the URL and site where the redirects ended, the hops in
    ``hops``, and a refused or failed fetch in ``error``. Options go to :func:`resolve_online`.
    """
    offline = [resolve(text, base=base, platform=platform) for text in texts]
    urls = [r.url for r in offline if r.url is not None]
    followed = iter(resolve_online(urls, **options))
    out: list[Resolution] = []
    for record in offline:
        if record.url is None:
            out.append(record)
            continue
        result = next(followed)
        if result.error is not None or result.final_url is None:
            out.append(replace(record, hops=result.hops, error=result.error))
            continue
        final = resolve(result.final_url) if result.hops else record
        out.append(
            replace(
                final,
                input=record.input,
                unwrapped=record.unwrapped + final.unwrapped if result.hops else record.unwrapped,
                hops=result.hops,
                needs_network=record.needs_network,
                is_shortener=record.is_shortener,
                redirector=record.redirector,
            )
        )
    return out


def check_url(url: str, *, allow_private: bool = False, resolver: Resolver | None = None) -> str:
    """Vet the host of ``url`` and return the address to connect to (raises if refused)."""
    cleaned = clean(url)
    if cleaned.url is None or cleaned.host is None:
        msg = f"cannot fetch {url!r}: it is not a web URL"
        raise FetchError(msg)
    port = httpx.URL(cleaned.url).port or (443 if cleaned.url.startswith("https:") else 80)
    return vet_host(cleaned.host, port, allow_private=allow_private, resolver=resolver)
