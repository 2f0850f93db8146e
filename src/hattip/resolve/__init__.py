"""The resolver: every credited URL, handle or name to one canonical site, offline.

``clean_url`` turns an href into the absolute URL it stands for (unwrapped, trackers stripped,
host normalised); ``site_key``/``site_of`` say which blog or account that URL belongs to;
``handle_site`` does the same for an ``@handle``; ``resolve`` gives the whole record behind
``hattip resolve --format json``. ``host_key`` is the finer, host-grain key the labelled corpus
uses (``corner.nationalreview.com``, ``twitter.com`` for any tweet). Following short links over
the network is a separate, opt-in module, :mod:`hattip.resolve.online`.

The rules are data in :mod:`hattip.resolve.tables`. Each third-party library has one owner:
tldextract (its bundled snapshot, never the network) in ``sites``, idna in ``urls``, httpx and
httpcore in ``online``.

>>> r = resolve("https://web.archive.org/web/2008/http://www.X.blogspot.co.uk/2008/01/a.html?utm_source=rss")
>>> r.url, r.site, r.unwrapped
('http://www.x.blogspot.co.uk/2008/01/a.html', 'x.blogspot.com', ('wayback',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hattip.resolve.sites import (
    handle_site,
    host_key,
    host_key_of,
    registrable_domain,
    site_key,
    site_of,
    site_of_host,
)
from hattip.resolve.urls import (
    clean,
    clean_url,
    normalize_host,
    opaque_redirect_on,
    short_link_on,
    split_clean,
)

__all__ = [
    "Resolution",
    "clean_url",
    "handle_site",
    "host_key",
    "registrable_domain",
    "resolve",
    "site_key",
    "site_of",
]

_AUTHORITY = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.\-]*)://(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)")
_HANDLE_TEXT = re.compile(r"@[A-Za-z0-9_][A-Za-z0-9_.\-]*(?:@[^\s@/]+)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """Everything the offline resolver can say about one input line."""

    input: str
    """The text as given."""
    url: str | None = None
    """The cleaned, unwrapped, tracker-free absolute URL (None for handles and non-URLs)."""
    site: str | None = None
    """The site key."""
    domain: str | None = None
    """The registrable domain under the PSL with its private section, or None."""
    host: str | None = None
    """The normalised host of ``url``."""
    unwrapped: tuple[str, ...] = ()
    """The wrappers peeled off, outermost first (``wayback``, ``google-redirect``...)."""
    is_shortener: bool = False
    """True when the host is a known URL shortener (bit.ly, t.co, nyti.ms...)."""
    needs_network: bool = False
    """True when only following the URL online can tell where it leads."""
    redirector: str | None = None
    """Which kind of redirect hides the target (``shortener``, ``feedburner``, ``doi``...)."""
    platform: str | None = None
    """The platform of a path tenant, blog host or handle (``twitter``, ``wordpress``...)."""
    account: str | None = None
    """The account on that platform."""
    error: str | None = None
    """Why the input could not be resolved, or None."""
    host_key: str | None = None
    """The finer host-grain key (``corner.nationalreview.com``), see :func:`host_key`."""
    hops: tuple[str, ...] = ()
    """Online only: every URL the redirects went through after ``url`` was asked for."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON object ``hattip resolve --format json`` prints for this input."""
        return {
            "input": self.input,
            "url": self.url,
            "site": self.site,
            "domain": self.domain,
            "host": self.host,
            "unwrapped": list(self.unwrapped),
            "is_shortener": self.is_shortener,
            "needs_network": self.needs_network,
            "redirector": self.redirector,
            "platform": self.platform,
            "account": self.account,
            "error": self.error,
            "host_key": self.host_key,
            "hops": list(self.hops),
        }


def resolve(text: str, *, base: str | None = None, platform: str | None = None) -> Resolution:
    """Resolve one URL or ``@handle`` offline. Never raises; problems land in ``error``.

    >>> r = resolve("https://t.co/abc123")
    >>> r.site, r.is_shortener, r.needs_network
    ('t.co', True, True)
    >>> resolve("mailto:someone@example.com").error
    'not a web URL (mailto:)'
    """
    if not isinstance(text, str):
        return Resolution(input=repr(text), error="not a string")
    stripped = text.strip()
    if stripped.startswith("@") and _HANDLE_TEXT.fullmatch(stripped):
        key = handle_site(stripped, platform=platform)
        if key is None:
            return Resolution(input=text, error="not a usable @handle")
        site = site_of("https://" + key)
        return Resolution(
            input=text,
            site=key,
            domain=site.domain if site else None,
            platform=site.platform if site else None,
            account=site.account if site else None,
        )
    cleaned = clean(text, base)
    if cleaned.url is None:
        return _other_scheme(text) or Resolution(
            input=text, unwrapped=cleaned.unwrapped, error=cleaned.error
        )
    host = cleaned.host
    assert host is not None
    path, fragment = split_clean(cleaned.url)
    site = site_of_host(host, path, fragment, _query(cleaned.url)[1:])
    short = short_link_on(host, path)
    reason = "shortener" if short else opaque_redirect_on(host, path + _query(cleaned.url))
    return Resolution(
        input=text,
        url=cleaned.url,
        site=site.key,
        domain=registrable_domain(host),
        host=host,
        unwrapped=cleaned.unwrapped,
        is_shortener=short,
        needs_network=reason is not None,
        redirector=reason,
        platform=site.platform,
        account=site.account,
        host_key=host_key_of(site),
    )


def _query(url: str) -> str:
    query = url.split("#", 1)[0].partition("?")[2]
    return "?" + query if query else ""


def _other_scheme(text: str) -> Resolution | None:
    """``ftp://``, ``ssh://``...: not a web source (no ``url``), but its host still has a site."""
    m = _AUTHORITY.match(text)
    if m is None or m.group(1).lower() in ("http", "https"):
        return None
    host = normalize_host(m.group(2))
    if host is None:
        return None
    site = site_of_host(host)
    return Resolution(
        input=text,
        site=site.key,
        domain=registrable_domain(host),
        host=host,
        platform=site.platform,
        account=site.account,
        error=f"not a web URL ({m.group(1).lower()}:)",
    )
