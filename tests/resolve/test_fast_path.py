"""The fast path of clean() for plain URLs answers exactly what the general path answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hattip.resolve import tables
from hattip.resolve.urls import _clean_cached, _fast_clean, _fast_relative, clean
from tests.resolve.test_properties import _URLISH
from tests.resolve.test_urls import NORMALISED, NOT_UNWRAPPED, UNWRAPPED

_BASES = [None, "http://blog.example.org/2008/01/post.html", "https://example.net/a/", "ftp://x/"]


def _agree(href: str, base: str | None) -> None:
    fast = _fast_clean(href) or _fast_relative(href, base)
    if fast is None:
        return  # the general path decides alone
    general = _clean_cached(href, base)
    assert (fast.url, fast.host) == (general.url, general.host), href


_TABLE_HREFS = [c[1] for c in NORMALISED + UNWRAPPED + NOT_UNWRAPPED]


@pytest.mark.parametrize("href", _TABLE_HREFS, ids=range(len(_TABLE_HREFS)))
def test_fast_path_agrees_on_the_url_tables(href: str) -> None:
    """Every href of the normalisation and unwrapping tables cleans alike on both paths."""
    for base in _BASES:
        _agree(href, base)


def _wrapper_hosts() -> list[str]:
    hosts = set(tables.WAYBACK_HOSTS) | set(tables.ARCHIVE_TODAY_HOSTS)
    hosts |= set(tables.PATH_AS_TARGET_HOSTS) | set(tables.QUERY_AS_TARGET_HOSTS)
    hosts |= {f"x.{suffix}" for suffix in tables.AMP_CACHE_SUFFIXES}
    hosts |= {rule for _, rule, _, _ in tables.QUERY_WRAPPERS if "*" not in rule}
    hosts |= {"www.google.com", "google.co.uk", "news.google.com", "example-com.translate.goog"}
    hosts |= {"webcache.googleusercontent.com"}
    return sorted(hosts)


@pytest.mark.parametrize("host", _wrapper_hosts())
def test_wrapper_hosts_clean_alike_on_both_paths(host: str) -> None:
    """A URL on any wrapper host (a target in its path or query) cleans as the general path
    cleans it: unwrapped, never passed through as plain."""
    for shape in (
        "https://{h}/web/2010/http://example.com/a",
        "https://{h}/https://example.com/a",
        "https://{h}/url?q=https://example.com/a&u=https://example.com/b",
        "https://{h}/amp/s/example.com/a",
        "https://{h}/c/s/example.com/a",
    ):
        _agree(shape.format(h=host), None)
    assert _fast_clean(f"https://{host}/web/2010/http://example.com/a?q=https://x.org/") is None


@given(_URLISH, st.sampled_from(_BASES))
def test_fast_path_agrees_on_generated_urls(href: str, base: str | None) -> None:
    """Generated URL-like strings clean alike on both paths."""
    _agree(href, base)


def test_fast_path_takes_plain_urls() -> None:
    """The shapes most links have do take the fast path (else it is dead code)."""
    assert _fast_clean("https://example.com/2008/01/a-post.html?p=1#more") is not None
    assert _fast_relative("//example.com/a", "http://x.org/") is not None
    assert _fast_clean("https://example.com/a?utm_source=x") is not None


@pytest.mark.parametrize(
    "href",
    [
        "http://example.com/%2e%2e/x",
        "http://example.com/a/%2E/b",
        "http://example.com/a/%2e%2E/b/",
        "http://example.com/%2E",
    ],
    ids=["dot-dot", "dot", "mixed-case", "trailing-dot"],
)
def test_escaped_dot_segments_clean_once_and_for_all(href: str) -> None:
    """Escaped dots are dot segments: the result is a fixed point and no later answer depends
    on having cleaned it (the remembered outputs are only fixed points)."""
    once = clean(href).url
    assert once is not None
    assert "%2" not in once
    assert "/." not in once
    assert clean(once).url == once
    plain = href.replace("%2e", ".").replace("%2E", ".")
    assert clean(plain).url == once
