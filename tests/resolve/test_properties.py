"""Invariants: cleaning never raises and is idempotent; keys are stable under cleaning."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from hattip.resolve import clean_url, handle_site, resolve, site_key
from hattip.resolve.urls import normalize_host

_LABEL = st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=10)
_UNICODE_LABEL = st.text(alphabet="abcßéüжя中文-0123456789", min_size=1, max_size=8)
_HOST = st.lists(st.one_of(_LABEL, _UNICODE_LABEL), min_size=1, max_size=4).map(".".join)
_SUFFIX = st.sampled_from([".com", ".co.uk", ".blogspot.de", ".github.io", ".wordpress.com", ""])
_PATH_CHARS = string.ascii_letters + string.digits + "-._~/%!$&'()*+,;=:@ é?#[]"
_URLISH = st.builds(
    lambda scheme, pre, host, suffix, port, path, query, frag: (
        f"{scheme}{pre}{host}{suffix}{port}/{path}{query}{frag}"
    ),
    st.sampled_from(["http://", "https://", "//", "HTTP://", "", "http:/", "https:\\\\"]),
    st.sampled_from(["", "www.", "m.", "user:pw@", "amp."]),
    _HOST,
    _SUFFIX,
    st.sampled_from(["", ":80", ":443", ":8080", ":0"]),
    st.text(alphabet=_PATH_CHARS, max_size=30),
    st.sampled_from(["", "?", "?p=1", "?utm_source=x&id=2", "?a&b", "?fbclid=1&amp;q=x"]),
    st.sampled_from(["", "#", "#top", "#xtor=RSS-1", "#!/a"]),
)


@given(st.text())
def test_clean_url_never_raises_on_any_text(text: str) -> None:
    """clean_url, site_key and resolve take any text and answer, never raise."""
    cleaned = clean_url(text)
    assert cleaned is None or cleaned.startswith(("http://", "https://"))
    site_key(text)
    assert resolve(text).input == text


@given(st.text(), st.text())
def test_clean_url_with_any_base_never_raises(text: str, base: str) -> None:
    """A garbage base is as harmless as a garbage href."""
    clean_url(text, base)


@settings(max_examples=300)
@given(_URLISH)
def test_cleaning_is_idempotent(url: str) -> None:
    """A cleaned URL cleans to itself."""
    once = clean_url(url)
    if once is not None:
        assert clean_url(once) == once


@settings(max_examples=300)
@given(st.text())
def test_cleaning_any_text_is_idempotent(text: str) -> None:
    """Idempotence holds for arbitrary text too, not only for URL-shaped strings."""
    once = clean_url(text)
    if once is not None:
        assert clean_url(once) == once


@settings(max_examples=300)
@given(_URLISH)
def test_site_key_survives_cleaning(url: str) -> None:
    """The site of a URL is the site of its cleaned form."""
    once = clean_url(url)
    if once is not None:
        assert site_key(once) == site_key(url)


@given(st.text())
def test_normalize_host_never_raises_and_is_idempotent(text: str) -> None:
    """A normalised host normalises to itself."""
    host = normalize_host(text)
    if host is not None:
        assert normalize_host(host) == host


@given(st.text(), st.one_of(st.none(), st.text()))
def test_handle_site_never_raises(text: str, platform: str | None) -> None:
    """Any text as a handle, any platform: a key or None."""
    handle_site(text, platform=platform)
