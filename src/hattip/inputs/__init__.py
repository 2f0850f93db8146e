"""Where pages come from: files and folders, URLs, RSS/Atom feeds, WARC archives.

Every source yields :class:`Document` items: the raw bytes of one page plus what is known
about it. A source that fails for one item yields a ``Document`` with ``error`` set and goes on,
so a batch never stops at one bad page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


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
