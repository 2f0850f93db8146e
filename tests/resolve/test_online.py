"""resolve.online: the SSRF guard, the hop loop, the pinned transport and the cache.

Only httpx.MockTransport and a loopback server are ever reached; refusals of other private
ranges go through the guard or a MockTransport, so a broken guard cannot send traffic anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from hattip.errors import BlockedTarget, FetchError
from hattip.resolve import online
from hattip.resolve.online import (
    USER_AGENT,
    PinnedTransport,
    ResultCache,
    blocked_reason,
    check_url,
    resolve_online,
    resolve_texts_online,
    vet_host,
)

PUBLIC = "93.184.216.34"


def public_resolver(host: str, port: int) -> list[str]:
    """Every name is one public address (no DNS is asked)."""
    return [PUBLIC]


class Recorder:
    """A MockTransport handler from a {url: response} table that records every request."""

    def __init__(self, routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> None:
        self.routes = routes
        self.seen: list[tuple[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append((request.method, str(request.url)))
        route = self.routes.get(str(request.url))
        if route is None:
            return httpx.Response(404)
        return route(request)


def redirect(location: str, status: int = 301) -> Callable[[httpx.Request], httpx.Response]:
    """A route answering with a redirect."""
    return lambda _req: httpx.Response(status, headers={"Location": location})


def ok(
    content_type: str = "text/plain", body: bytes = b""
) -> Callable[[httpx.Request], httpx.Response]:
    """A route answering 200."""
    return lambda _req: httpx.Response(200, headers={"Content-Type": content_type}, content=body)


def follow(urls: list[str], recorder: Recorder, **options: Any) -> list[Any]:
    """resolve_online through a MockTransport, with no politeness delay and no DNS."""
    options.setdefault("resolver", public_resolver)
    return resolve_online(
        urls, transport=httpx.MockTransport(recorder), per_host_delay=0, concurrency=2, **options
    )


BLOCKED = [
    ("loopback", "127.0.0.1", "a loopback address"),
    ("loopback-high", "127.255.0.9", "a loopback address"),
    ("ipv6-loopback", "::1", "a loopback address"),
    ("unspecified", "0.0.0.0", "the unspecified address"),
    ("rfc1918-10", "10.1.2.3", "a private address"),
    ("rfc1918-172", "172.16.0.1", "a private address"),
    ("rfc1918-192", "192.168.1.1", "a private address"),
    ("link-local", "169.254.169.254", "a link-local address"),
    ("ipv6-link-local", "fe80::1", "a link-local address"),
    ("ipv6-unique-local", "fd00::1", "a private address"),
    ("multicast", "224.0.0.1", "a multicast address"),
    ("ipv6-multicast", "ff02::1", "a multicast address"),
    ("reserved", "240.0.0.1", "a private address"),
    ("broadcast", "255.255.255.255", "a private address"),
    ("cgnat", "100.64.0.1", "not a public address"),
    ("documentation", "192.0.2.1", "a private address"),
    ("mapped-loopback", "::ffff:127.0.0.1", "a loopback address"),
    ("mapped-private", "::ffff:10.0.0.1", "a private address"),
    ("nat64-loopback", "64:ff9b::7f00:1", "a loopback address"),
    ("6to4-private", "2002:c0a8:0101::1", "a private address"),
]


@pytest.mark.parametrize(
    ("address", "reason"), [c[1:] for c in BLOCKED], ids=[c[0] for c in BLOCKED]
)
def test_non_public_address_is_blocked(address: str, reason: str) -> None:
    """Every non-public range is refused, including IPv4 carried inside IPv6."""
    assert blocked_reason(address) == reason


@pytest.mark.parametrize("address", [PUBLIC, "8.8.8.8", "2606:4700:4700::1111"], ids=str)
def test_public_address_passes(address: str) -> None:
    """Public addresses are allowed."""
    assert blocked_reason(address) is None


LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "localhost",
    "LOCALHOST.",
    "app.localhost",
    "2130706433",
    "0x7f.1",
    "0x7f000001",
    "0177.0.0.1",
    "127.1",
    "[::1]",
    "::1",
    "[::ffff:127.0.0.1]",
    "[0:0:0:0:0:ffff:7f00:1]",
]


def _no_dns(host: str, port: int) -> list[str]:
    raise AssertionError(f"the guard asked DNS about {host}")


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS, ids=str)
def test_every_loopback_spelling_is_refused_without_dns(host: str) -> None:
    """Loopback in any spelling is refused from the host text alone, naming the fix."""
    with pytest.raises(BlockedTarget, match="allow private targets"):
        vet_host(host, 80, resolver=_no_dns)


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS, ids=str)
def test_allow_private_lets_loopback_through(host: str) -> None:
    """allow_private=True is the explicit way to reach a loopback or intranet target."""
    address = vet_host(host, 80, allow_private=True, resolver=lambda h, p: ["127.0.0.1"])
    assert blocked_reason(address) == "a loopback address"


def test_name_resolving_to_private_address_is_refused() -> None:
    """A public-looking name whose DNS answer is private is refused (rebinding)."""
    with pytest.raises(BlockedTarget, match=r"10\.0\.0\.7"):
        vet_host("intranet.example.com", 443, resolver=lambda h, p: ["10.0.0.7"])


def test_name_with_any_private_address_is_refused() -> None:
    """One private address among public ones is enough to refuse."""
    with pytest.raises(BlockedTarget):
        vet_host("mixed.example.com", 443, resolver=lambda h, p: [PUBLIC, "127.0.0.1"])


def test_unresolvable_name_is_a_fetch_error() -> None:
    """A name without an address is a FetchError, not a crash."""

    def fail(host: str, port: int) -> list[str]:
        raise OSError("no such host")

    with pytest.raises(FetchError, match="cannot resolve"):
        vet_host("nowhere.example", 80, resolver=fail)


def test_check_url_vets_the_url_host() -> None:
    """check_url is vet_host for a whole URL."""
    assert check_url("https://example.com/x", resolver=public_resolver) == PUBLIC
    with pytest.raises(BlockedTarget):
        check_url("http://0x7f.1/", resolver=_no_dns)


# -- the hop loop, through MockTransport -------------------------------------------------------


def test_short_link_is_followed_to_its_target() -> None:
    """A 301 chain ends at the page that answers 200; every hop is listed."""
    rec = Recorder(
        {
            "https://t.co/abc": redirect("https://bit.ly/x1"),
            "https://bit.ly/x1": redirect("/final?id=3", 302),
            "https://bit.ly/final?id=3": redirect("https://example.com/post"),
            "https://example.com/post": ok(),
        }
    )
    [result] = follow(["https://t.co/abc"], rec)
    assert result.error is None
    assert result.final_url == "https://example.com/post"
    assert result.hops == (
        "https://bit.ly/x1",
        "https://bit.ly/final?id=3",
        "https://example.com/post",
    )
    assert result.status == 200


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/admin",
        "http://127.0.0.1:8080/",
        "http://localhost/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://rebind.example/",
    ],
    ids=str,
)
def test_redirect_into_private_range_is_refused_before_any_request(location: str) -> None:
    """A hop that points into a private range is refused; no request goes there."""
    rec = Recorder({"https://t.co/abc": redirect(location)})

    def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "rebind.example" else [PUBLIC]

    [result] = follow(["https://t.co/abc"], rec, resolver=resolver)
    assert result.final_url is None
    assert result.error is not None
    assert "refused" in result.error
    assert [url for _, url in rec.seen] == ["https://t.co/abc"]


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]/", "http://0x7f.1/"], ids=str)
def test_private_start_url_makes_no_request(url: str) -> None:
    """The first URL is vetted like every hop: a refused one sends nothing."""
    rec = Recorder({})
    [result] = follow([url], rec, resolver=_no_dns)
    assert "refused" in (result.error or "")
    assert rec.seen == []


def test_hop_limit_stops_a_redirect_loop() -> None:
    """At most 10 hops are followed; a longer chain is an error."""
    routes = {
        f"https://loop.example/{i}": redirect(f"https://loop.example/{i + 1}") for i in range(30)
    }
    rec = Recorder(routes)
    [result] = follow(["https://loop.example/0"], rec)
    assert result.error == "more than 10 redirects"
    assert len(result.hops) == 10
    assert len(rec.seen) == 11


def test_head_refused_falls_back_to_get() -> None:
    """A server that refuses HEAD is asked again with GET."""

    def route(request: httpx.Request) -> httpx.Response:
        if request.method == "HEAD":
            return httpx.Response(405)
        return httpx.Response(302, headers={"Location": "https://example.com/x"})

    rec = Recorder({"https://short.example/a": route, "https://example.com/x": ok()})
    [result] = follow(["https://short.example/a"], rec)
    assert result.final_url == "https://example.com/x"
    assert ("GET", "https://short.example/a") in rec.seen


def test_meta_refresh_is_followed() -> None:
    """An HTML page whose only redirect is a meta refresh is followed."""
    page = b'<html><head><meta http-equiv="refresh" content="0; URL=\'/landing\'"></head></html>'
    rec = Recorder(
        {
            "https://short.example/m": ok("text/html; charset=utf-8", page),
            "https://short.example/landing": ok(),
        }
    )
    [result] = follow(["https://short.example/m"], rec)
    assert result.final_url == "https://short.example/landing"


def test_refresh_header_is_followed() -> None:
    """A Refresh response header counts as a redirect."""
    rec = Recorder(
        {
            "https://short.example/r": lambda _r: httpx.Response(
                200, headers={"Refresh": "0;url=https://example.org/"}
            ),
            "https://example.org/": ok(),
        }
    )
    [result] = follow(["https://short.example/r"], rec)
    assert result.final_url == "https://example.org/"


def test_html_page_without_redirect_is_final() -> None:
    """A plain HTML page ends the chain where it stands."""
    rec = Recorder({"https://example.org/p": ok("text/html", b"<p>" + b"x" * 500_000)})
    [result] = follow(["https://example.org/p"], rec, max_body=1000)
    assert (result.final_url, result.hops, result.error) == ("https://example.org/p", (), None)


def test_requests_carry_the_identifying_user_agent() -> None:
    """Every request says it is hattip's resolver."""
    agents: list[str] = []

    def route(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        return httpx.Response(204)

    follow(["https://example.org/a"], Recorder({"https://example.org/a": route}))
    assert agents == [USER_AGENT]


def test_deadline_exceeded_is_an_error() -> None:
    """A URL whose time budget is gone fails with a clear message."""
    [result] = follow(["https://example.org/a"], Recorder({}), deadline=0)
    assert result.error == "deadline exceeded"


def test_transport_error_is_reported_per_url() -> None:
    """A network failure is the URL's error, and the other URLs still resolve."""

    def boom(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    rec = Recorder({"https://down.example/a": boom, "https://up.example/b": ok()})
    down, up = follow(["https://down.example/a", "https://up.example/b"], rec)
    assert "ConnectError" in (down.error or "")
    assert up.final_url == "https://up.example/b"


def test_results_are_cached_and_not_fetched_twice() -> None:
    """A second run answers from the SQLite cache without a request."""
    rec = Recorder(
        {"https://t.co/c": redirect("https://example.com/"), "https://example.com/": ok()}
    )
    with ResultCache(":memory:") as cache:
        [first] = follow(["https://t.co/c"], rec, cache=cache)
        count = len(rec.seen)
        [second] = follow(["https://t.co/c"], rec, cache=cache)
    assert len(rec.seen) == count
    assert (second.final_url, second.hops, second.cached) == (first.final_url, first.hops, True)


def test_cache_file_persists_between_runs(tmp_path: Any) -> None:
    """A cache path keeps results across separate calls."""
    path = tmp_path / "resolved.sqlite"
    rec = Recorder(
        {"https://t.co/d": redirect("https://example.com/d"), "https://example.com/d": ok()}
    )
    follow(["https://t.co/d"], rec, cache=path)
    [again] = follow(["https://t.co/d"], Recorder({}), cache=path, offline=True)
    assert (again.final_url, again.cached) == ("https://example.com/d", True)


def test_repeated_url_is_fetched_once() -> None:
    """The same URL asked twice in one run is followed once and answered twice."""
    rec = Recorder(
        {"https://t.co/r": redirect("https://example.com/"), "https://example.com/": ok()}
    )
    first, second = follow(["https://t.co/r", "https://t.co/r"], rec)
    assert first == second
    assert rec.seen.count(("HEAD", "https://t.co/r")) == 1


def test_offline_mode_reads_only_the_cache() -> None:
    """offline=True answers from the cache and never opens a connection."""
    rec = Recorder({})
    [result] = follow(["https://t.co/nothing"], rec, offline=True)
    assert result.error == "not in the cache (offline mode)"
    assert rec.seen == []


def test_refusals_are_not_cached() -> None:
    """A refused target is asked again next time (allow_private may differ)."""
    with ResultCache() as cache:
        follow(["http://127.0.0.1/"], Recorder({}), cache=cache, resolver=_no_dns)
        assert cache.get("http://127.0.0.1/") is None


def test_resolve_texts_online_reports_final_site_and_keeps_input() -> None:
    """The --online record shows the final URL's site and keeps the input and hops."""
    rec = Recorder(
        {
            "https://t.co/abc": redirect(
                "https://www.alice.blogspot.com/2008/01/a.html?utm_source=tw"
            ),
            "https://www.alice.blogspot.com/2008/01/a.html?utm_source=tw": ok(),
        }
    )
    records = resolve_texts_online(
        ["https://t.co/abc", "not a url"],
        transport=httpx.MockTransport(rec),
        resolver=public_resolver,
        per_host_delay=0,
    )
    first, second = records
    assert first.input == "https://t.co/abc"
    assert first.site == "alice.blogspot.com"
    assert first.url == "https://www.alice.blogspot.com/2008/01/a.html"
    assert first.is_shortener
    assert second.error == "not a URL"


# -- the pinned transport, against a loopback server only --------------------------------------


def test_pinned_transport_connects_to_the_vetted_address_with_the_original_host(
    httpserver: HTTPServer,
) -> None:
    """The connection goes to the vetted IP while Host still names the original host."""
    hosts: list[str] = []

    def handler(request: Request) -> Response:
        hosts.append(request.headers.get("Host", ""))
        if request.path == "/short":
            return Response(status=302, headers={"Location": "/final"})
        return Response("done", content_type="text/plain")

    httpserver.expect_request("/short").respond_with_handler(handler)
    httpserver.expect_request("/final").respond_with_handler(handler)
    port = httpserver.port
    [result] = resolve_online(
        [f"http://pinned.test:{port}/short"],
        allow_private=True,
        resolver=lambda h, p: ["127.0.0.1"],
        per_host_delay=0,
    )
    assert result.error is None
    assert result.final_url == f"http://pinned.test:{port}/final"
    assert set(hosts) == {f"pinned.test:{port}"}


def test_loopback_server_is_refused_without_allow_private(httpserver: HTTPServer) -> None:
    """Without allow_private the loopback server receives nothing at all."""
    httpserver.expect_request("/x").respond_with_data("should not be reached")
    [result] = resolve_online([httpserver.url_for("/x")], per_host_delay=0, resolver=_no_dns)
    assert "refused" in (result.error or "")
    assert httpserver.log == []


def test_pinned_transport_never_connects_to_an_unvetted_host() -> None:
    """A request for a host the guard did not vet fails before any socket is opened."""
    transport = PinnedTransport({})
    client = httpx.Client(transport=transport, trust_env=False)
    with client, pytest.raises(httpx.ConnectError, match="not vetted"):
        client.get("http://127.0.0.1:9/")
    assert transport.backend.connects == []


def test_politeness_spaces_requests_to_one_host() -> None:
    """Two requests to one host wait out the per-host delay; another host does not wait."""
    slept: list[float] = []
    polite = online._Politeness(2.0, clock=lambda: 100.0, sleep=slept.append)
    polite.wait("a.example")
    polite.wait("b.example")
    polite.wait("a.example")
    assert slept == [2.0]
