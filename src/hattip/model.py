"""The data every part of hattip shares: frozen dataclasses and string enums.

This module imports nothing of hattip, so parse, resolve, graph and the CLI can all depend on it.
Enums are ``StrEnum`` so they store as text in SQLite and print as plain JSON strings.

>>> Credit(kind=CreditKind.VIA, name="Crooked Timber", url=None, site=None,
...        region=Region.BODY, evidence="(via Crooked Timber)", confidence=0.9).kind
<CreditKind.VIA: 'via'>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Region(StrEnum):
    """Where on the page a node sits."""

    BODY = "body"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    CAPTION = "caption"
    COMMENT = "comment"
    SIDEBAR = "sidebar"
    NAV = "nav"
    SHARE = "share"
    EMBED = "embed"
    HEAD = "head"

    @property
    def is_post(self) -> bool:
        """True for the regions the post's author wrote: body, its footer, footnotes, captions."""
        return self in _POST_REGIONS


_POST_REGIONS = frozenset({Region.BODY, Region.FOOTER, Region.FOOTNOTE, Region.CAPTION})


class CreditKind(StrEnum):
    """How a post credits another party."""

    VIA = "via"
    HAT_TIP = "hat_tip"
    THANKS = "thanks"
    SOURCE = "source"
    IMAGE_CREDIT = "image_credit"
    REPOST_OF = "repost_of"
    QUOTATION_OF = "quotation_of"
    REPLY_TO = "reply_to"


class QuoteHow(StrEnum):
    """How the page says whose words a quote are."""

    CITE_ATTR = "cite-attr"
    LEAD_IN = "lead-in"
    TRAILER = "trailer"
    INSIDE_LINK = "inside-link"
    EMBED = "embed"
    SELF = "self"
    NONE = "none"


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """The answer to "which blog is this?"."""

    key: str
    """Stable identity: ``x.blogspot.com``, ``example.com``, ``medium.com/@x``, ``twitter.com/x``.
    """
    domain: str | None = None
    """The registrable domain under the Public Suffix List (private section included), if any."""
    host: str | None = None
    """The normalised host the key was derived from."""
    platform: str | None = None
    """The platform for path tenants and handles (``twitter``, ``medium``, ``github``...)."""
    account: str | None = None
    """The account on that platform, when the key names one."""
    name: str | None = None
    """A display name, when known."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """One outbound ``<a href>`` (or ``cite=``, or embed ``src``) of a page."""

    url: str
    """Absolute, cleaned URL."""
    text: str
    """The anchor text, whitespace folded."""
    region: Region
    """Where on the page the link stands."""
    site: str | None = None
    """Site key of the link's target: the host without ``www.``/``m.``, blog subdomains kept
    (``x.blogspot.com``), ``medium.com/@x`` for Medium."""
    account: str | None = None
    """The account on a platform the link points at (``twitter.com/x``), when it names one."""
    title: str | None = None
    """The ``title`` attribute, if any."""
    rel: tuple[str, ...] = ()
    """The ``rel`` tokens, lowercased."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A ``<blockquote>``, ``<q>`` or social embed, and whom it quotes."""

    text: str
    """The quoted text, whitespace folded."""
    how: QuoteHow
    """How the page attributes it."""
    region: Region
    """Where on the page the quote stands."""
    name: str | None = None
    """Who or what is quoted, as written."""
    url: str | None = None
    """The URL that identifies the quoted source."""
    site: str | None = None
    """Site key of that URL."""
    account: str | None = None
    """The platform account quoted (``twitter.com/x``), when the URL names one."""
    element: str = "blockquote"
    """``blockquote``, ``q`` or ``embed``."""
    depth: int = 0
    """0 for a top-level quote, 1 for a quote inside a quote, and so on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Credit:
    """An explicit acknowledgement of another party: via, hat tip, thanks, source..."""

    kind: CreditKind
    """Which family of credit."""
    region: Region
    """Where on the page the credit stands."""
    evidence: str
    """The words (or markup) on the page that make the credit."""
    confidence: float
    """0..1: how sure hattip is that this is a credit to this party."""
    name: str | None = None
    """The credited party as written (a name or @handle), if the page names one."""
    url: str | None = None
    """The URL that identifies the credited party, absolute and cleaned."""
    site: str | None = None
    """Site key of the credited party (from the URL, or an @handle)."""
    account: str | None = None
    """The platform account credited (``twitter.com/x``), when the URL or @handle names one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """Everything hattip read from one page."""

    url: str | None = None
    """The page's URL (given by the caller, or the canonical URL the page declares)."""
    site: str | None = None
    """Site key of the page itself."""
    title: str | None = None
    """The post's title."""
    author: str | None = None
    """The post's author, when the page says."""
    published: str | None = None
    """Publication date as the page gives it, ISO 8601 where it can be read so."""
    canonical_url: str | None = None
    """``<link rel=canonical>`` or ``og:url``, if present."""
    links: tuple[Link, ...] = ()
    """Every outbound link, in document order."""
    quotes: tuple[Quote, ...] = ()
    """Every quote, in document order."""
    credits: tuple[Credit, ...] = ()
    """Every credit, in document order."""
    warnings: tuple[str, ...] = field(default=())
    """What hattip noticed but could not settle (e.g. the page was cut at the size limit)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``hattip report --format json`` (keys only ever added)."""
        return {
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "canonical_url": self.canonical_url,
            "credits": [
                {
                    "kind": str(c.kind),
                    "name": c.name,
                    "url": c.url,
                    "site": c.site,
                    "account": c.account,
                    "region": str(c.region),
                    "evidence": c.evidence,
                    "confidence": round(c.confidence, 3),
                }
                for c in self.credits
            ],
            "quotes": [
                {
                    "text": q.text,
                    "name": q.name,
                    "url": q.url,
                    "site": q.site,
                    "account": q.account,
                    "how": str(q.how),
                    "region": str(q.region),
                    "element": q.element,
                    "depth": q.depth,
                }
                for q in self.quotes
            ],
            "links": [
                {
                    "url": lk.url,
                    "text": lk.text,
                    "region": str(lk.region),
                    "site": lk.site,
                    "account": lk.account,
                    "title": lk.title,
                    "rel": list(lk.rel),
                }
                for lk in self.links
            ],
            "warnings": list(self.warnings),
        }


# -- raw pages, before parsing: what inputs read, fetch fetches and graph ingests ---------------
# They live here, beside the parsed types, so that fetch, inputs and graph share them without
# importing each other; hattip.inputs re-exports them under their public names.


class Failure(StrEnum):
    """Why one item of a batch could not be read: the type of a failed :class:`Document`.

    Callers branch on this (retry later, report, skip) instead of parsing ``error`` messages.
    """

    INVALID_URL = "invalid_url"
    """Not an http(s) URL hattip can fetch."""
    CONNECTION = "connection"
    """Refused, reset or unresolvable host, after the retries."""
    TIMEOUT = "timeout"
    """The connect, read or total time limit ran out."""
    HTTP_STATUS = "http_status"
    """The server answered with an error status (``status`` says which), after the retries."""
    REDIRECT_LOOP = "redirect_loop"
    """A redirect led back to a URL already visited, or there were too many redirects."""
    TOO_LARGE = "too_large"
    """The body was over the size cap."""
    NOT_HTML = "not_html"
    """The response (or archive record) is not HTML."""
    ROBOTS = "robots"
    """robots.txt disallows the URL and robots were respected."""
    UNREADABLE = "unreadable"
    """A file, feed or archive record that could not be read."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One page's raw material, from wherever it came."""

    origin: str
    """What the user named, to report errors: a path, a URL, ``feed.xml#3``, ``crawl.warc@1234``."""
    body: bytes = b""
    """The page's bytes, undecoded."""
    url: str | None = None
    """The page's URL, if known (the final URL after redirects, a feed entry's link...)."""
    charset: str | None = None
    """The charset an HTTP header declared, if any."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """HTTP response headers, if the page came over HTTP."""
    author: str | None = None
    """Author given by the container (feed entry), if any."""
    published: str | None = None
    """Date given by the container (feed entry), if any."""
    error: str | None = None
    """Why this item could not be read; ``body`` is then empty."""
    status: int | None = None
    """The final HTTP status, if the page came over HTTP (also set on HTTP failures)."""
    redirects: tuple[str, ...] = ()
    """The URLs redirected from, in order, when fetching followed redirects."""
    failure: Failure | None = None
    """The kind of failure when ``error`` is set (``None`` for sources that do not classify)."""
