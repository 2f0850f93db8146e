"""hattip.fetch against a real loopback server: every misbehaviour is a typed result, in time."""

from __future__ import annotations

import asyncio
import email.utils
import itertools
import time
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hattip.errors import FetchError
from hattip.fetch import (
    USER_AGENT,
    FetchOptions,
    _retry_after,
    afetch_all,
    fetch_all,
    fetch_document,
)
from hattip.inputs import Document, Failure

from .conftest import Site

FAILURES = [
    ("/slow", Failure.TIMEOUT, None),
    ("/endless", Failure.TIMEOUT, None),
    ("/big", Failure.TOO_LARGE, 200),
    ("/big-undeclared", Failure.TOO_LARGE, 200),
    ("/always500", Failure.HTTP_STATUS, 503),
    ("/ratelimited/60", Failure.HTTP_STATUS, 429),
    ("/loop", Failure.REDIRECT_LOOP, 302),
    ("/pdf", Failure.NOT_HTML, 200),
    ("/missing", Failure.HTTP_STATUS, 404),
    ("/reset", Failure.CONNECTION, None),
]


def _one(url: str, options: FetchOptions) -> Document:
    (doc,) = fetch_all([url], options)
    return doc


@pytest.mark.parametrize(("path", "failure", "status"), FAILURES, ids=[f[0] for f in FAILURES])
def test_misbehaving_server_gives_a_typed_failure(
    site: Site, quick: FetchOptions, path: str, failure: Failure, status: int | None
) -> None:
    """Each bad server behaviour ends as a Document with failure, status and a message naming it."""
    doc = _one(site.base + path, quick)
    assert doc.failure is failure
    assert doc.status == status
    assert doc.body == b""
    assert doc.error is not None
    assert site.base + path in doc.error


def test_server_errors_are_retried_then_reported(site: Site, quick: FetchOptions) -> None:
    """A 503 that never clears is tried 1 + retries times, then reported."""
    _one(site.base + "/always500", quick)
    assert site.log.count("/always500") == 1 + quick.retries


def test_client_errors_are_not_retried(site: Site, quick: FetchOptions) -> None:
    """A 404 is final: one request only."""
    _one(site.base + "/missing", quick)
    assert site.log.count("/missing") == 1


def test_retry_after_beyond_the_limit_fails_at_once(site: Site, quick: FetchOptions) -> None:
    """A 429 asking for longer than max_retry_after is not waited for."""
    doc = _one(site.base + "/ratelimited/60", quick)
    assert site.log.count("/ratelimited/60") == 1
    assert doc.error is not None
    assert "retry after 60 s" in doc.error


def test_500_then_200_gives_the_page(site: Site, quick: FetchOptions) -> None:
    """A transient 500 is retried and the page arrives."""
    doc = _one(site.base + "/flaky", quick)
    assert doc.error is None
    assert doc.status == 200
    assert b"Hello 500" in doc.body
    assert site.log.count("/flaky") == 2


def test_429_waits_for_retry_after(site: Site, quick: FetchOptions) -> None:
    """A 429 with Retry-After: 1 is retried no sooner than a second later."""
    doc = _one(site.base + "/ratelimited/1", replace(quick, total_timeout=5.0))
    assert doc.error is None
    assert b"Hello 429" in doc.body
    times = [t for p, t, _ in site.log.requests if p == "/ratelimited/1"]
    assert len(times) == 2
    assert times[1] - times[0] >= 0.9


def test_redirect_to_another_host_is_followed_and_recorded(site: Site, quick: FetchOptions) -> None:
    """127.0.0.1 -> localhost: the final URL is the page's URL, the hop is kept."""
    doc = _one(site.base + "/cross", quick)
    assert doc.error is None
    assert doc.url == site.other_host_base + "/page/7"
    assert doc.redirects == (site.base + "/cross",)
    assert doc.origin == site.base + "/cross"


def test_redirect_loop_records_the_hops(site: Site, quick: FetchOptions) -> None:
    """A loop stops at the first repeated URL, with the chain so far."""
    doc = _one(site.base + "/loop", quick)
    assert doc.redirects == (site.base + "/loop", site.base + "/loop2")


def test_too_many_redirects_is_a_redirect_failure(site: Site, quick: FetchOptions) -> None:
    """With max_redirects=0 even one hop is too many."""
    doc = _one(site.base + "/cross", replace(quick, max_redirects=0))
    assert doc.failure is Failure.REDIRECT_LOOP


def test_wrong_charset_header_is_passed_on_untouched(site: Site, quick: FetchOptions) -> None:
    """The header's charset goes to the parser as declared; the bytes are not re-encoded."""
    doc = _one(site.base + "/wrong-charset", quick)
    assert doc.error is None
    assert doc.charset == "iso-8859-1"
    assert doc.body == "<p>café</p>".encode()
    assert doc.headers["content-type"] == "text/html; charset=iso-8859-1"


def test_non_html_is_accepted_when_content_types_is_none(site: Site, quick: FetchOptions) -> None:
    """Feeds and other callers can lift the HTML-only rule."""
    doc = _one(site.base + "/pdf", replace(quick, content_types=None))
    assert doc.error is None
    assert doc.body == b"%PDF-1.4"


@pytest.mark.parametrize("url", ["ftp://example.com/x", "not a url", "http://"], ids=str)
def test_non_http_url_is_an_invalid_url_failure(quick: FetchOptions, url: str) -> None:
    """Only http(s) URLs are fetched; anything else fails without a request."""
    assert _one(url, quick).failure is Failure.INVALID_URL


def test_requests_identify_hattip(site: Site, quick: FetchOptions) -> None:
    """Every request carries the hattip User-Agent."""
    _one(site.base + "/page/1", quick)
    assert site.log.requests[0][2] == USER_AGENT
    assert USER_AGENT.startswith("hattip/")


def test_robots_txt_is_respected_when_asked(site: Site, quick: FetchOptions) -> None:
    """With respect_robots a disallowed path is a robots failure and is never requested."""
    opts = replace(quick, respect_robots=True)
    docs = {d.origin: d for d in fetch_all([site.base + "/private", site.base + "/page/2"], opts)}
    assert docs[site.base + "/private"].failure is Failure.ROBOTS
    assert docs[site.base + "/page/2"].error is None
    assert site.log.count("/private") == 0
    assert site.log.count("/robots.txt") == 1


def test_robots_txt_is_ignored_by_default(site: Site, quick: FetchOptions) -> None:
    """Without respect_robots hattip fetches what the user named."""
    assert _one(site.base + "/private", quick).error is None
    assert site.log.count("/robots.txt") == 0


def test_one_host_gets_one_connection_and_a_delay(site: Site, quick: FetchOptions) -> None:
    """per_host=1 and host_delay space the requests to one host."""
    opts = replace(quick, per_host=1, host_delay=0.2)
    urls = [f"{site.base}/page/{n}" for n in range(4)]
    assert all(d.error is None for d in fetch_all(urls, opts))
    assert site.log.max_in_flight == 1
    starts = sorted(t for _, t, _ in site.log.requests)
    # Arrival gaps, not start gaps: a slower connect for one request can eat into its gap.
    assert all(b - a >= 0.15 for a, b in itertools.pairwise(starts))


def test_global_concurrency_is_bounded(site: Site, quick: FetchOptions) -> None:
    """No more than `concurrency` requests are in flight, whatever per_host allows."""
    site.server.delay = 0.1
    opts = replace(quick, concurrency=3, per_host=20)
    docs = list(fetch_all([f"{site.base}/page/{n}" for n in range(12)], opts))
    assert len(docs) == 12
    assert 1 < site.log.max_in_flight <= 3


def test_a_bad_batch_completes_with_every_good_page(site: Site, quick: FetchOptions) -> None:
    """Good URLs mixed with every bad scenario: one result each, the good ones all fetched."""
    good = [f"{site.base}/page/{n}" for n in range(20)]
    bad = [site.base + path for path, _, _ in FAILURES]
    docs = list(fetch_all([*bad[:5], *good, *bad[5:]], quick))
    by_origin = {d.origin: d for d in docs}
    assert len(docs) == len(good) + len(bad) == len(by_origin)
    assert [by_origin[u].error for u in good] == [None] * len(good)
    assert all(by_origin[u].url == u for u in good)
    assert all(by_origin[u].failure is not None for u in bad)


def test_closing_the_iterator_early_cancels_the_rest(site: Site, quick: FetchOptions) -> None:
    """Taking one page of a slow batch and stopping returns promptly (the rest is cancelled)."""
    opts = replace(quick, concurrency=2, total_timeout=10.0, read_timeout=10.0)
    docs = fetch_all([site.base + "/page/1", *[site.base + "/slow"] * 6], opts)
    first = next(docs)
    docs.close()
    assert first.error is None


def test_async_core_yields_each_url_once(site: Site, quick: FetchOptions) -> None:
    """afetch_all works inside a caller's own event loop."""

    async def collect() -> list[Document]:
        return [d async for d in afetch_all([f"{site.base}/page/{n}" for n in range(5)], quick)]

    docs = asyncio.run(collect())
    assert sorted(d.url or "" for d in docs) == sorted(f"{site.base}/page/{n}" for n in range(5))


def test_fetch_document_returns_the_page(site: Site) -> None:
    """The sync convenience gives a Document for a good URL."""
    doc = fetch_document(site.base + "/page/3", trust_env=False)
    assert doc.url == site.base + "/page/3"
    assert b"Post 3" in doc.body


def test_fetch_document_raises_fetch_error_naming_the_url(site: Site) -> None:
    """The sync convenience raises FetchError with the URL and the status."""
    with pytest.raises(FetchError, match=r"/missing: HTTP 404"):
        fetch_document(site.base + "/missing", trust_env=False)


RETRY_AFTER = [("7", 7.0), (" 0 ", 0.0), ("soon", None), ("", None), ("²", None)]


@pytest.mark.parametrize(
    ("value", "seconds"), RETRY_AFTER, ids=[r[0] or "empty" for r in RETRY_AFTER]
)
def test_retry_after_seconds_are_read(value: str, seconds: float | None) -> None:
    """Retry-After as delta-seconds, or unreadable."""
    assert _retry_after(value) == seconds


def test_retry_after_http_date_is_read() -> None:
    """Retry-After as an HTTP date counts from now."""
    wait = _retry_after(email.utils.formatdate(time.time() + 30, usegmt=True))
    assert wait is not None
    assert 25 <= wait <= 31


@given(st.text(max_size=60))
def test_retry_after_never_raises_and_is_never_negative(value: str) -> None:
    """Any header text: a non-negative number of seconds or None."""
    wait = _retry_after(value)
    assert wait is None or wait >= 0


BROKEN_HTTP = ["/not-http", "/bad-length", "/cut-body"]


@pytest.mark.parametrize("path", BROKEN_HTTP, ids=[p.strip("/") for p in BROKEN_HTTP])
def test_an_answer_that_breaks_http_says_so(site: Site, quick: FetchOptions, path: str) -> None:
    """Garbage for a status line, a bad Content-Length, a body cut short: a connection failure
    whose message blames the server's answer, not the address."""
    doc = _one(site.base + path, quick)
    assert doc.failure is Failure.CONNECTION
    assert doc.body == b""
    assert "not valid HTTP or broke off" in (doc.error or "")
    assert "check the address" not in (doc.error or "")


@pytest.mark.parametrize("url", ["http://[::1", "https://[unclosed/post"], ids=str)
def test_a_malformed_url_is_an_invalid_url_failure(quick: FetchOptions, url: str) -> None:
    """A URL that does not parse fails as invalid_url, naming it, without a request."""
    doc = _one(url, quick)
    assert doc.failure is Failure.INVALID_URL
    assert url in (doc.error or "")


def test_a_redirect_to_a_malformed_url_is_an_invalid_url_failure(
    site: Site, quick: FetchOptions
) -> None:
    """A Location that does not parse fails as invalid_url, naming both URLs."""
    doc = _one(site.base + "/bad-location", quick)
    assert doc.failure is Failure.INVALID_URL
    assert "http://[unclosed/" in (doc.error or "")
    assert doc.status == 302


def test_a_robots_txt_that_redirects_in_a_loop_counts_as_absent(
    site: Site, quick: FetchOptions
) -> None:
    """RFC 9309: a robots.txt behind too many redirects is unavailable, which allows all; it
    must not turn every page of the host into a robots failure."""
    site.server.robots_loop = True
    doc = _one(site.base + "/page/4", replace(quick, respect_robots=True))
    assert doc.error is None


def test_html_served_as_octet_stream_is_read(site: Site, quick: FetchOptions) -> None:
    """A page sent with a generic binary type (object storage without metadata) is read when its
    first bytes are HTML; a binary body under that type is still not_html."""
    page = _one(site.base + "/octet-html", quick)
    assert page.error is None
    assert b"Post 8" in page.body
    binary = _one(site.base + "/octet-binary", quick)
    assert binary.failure is Failure.NOT_HTML
    assert "application/octet-stream" in (binary.error or "")
