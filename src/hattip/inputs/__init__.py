"""Where pages come from: files and folders, URLs, RSS/Atom feeds, WARC archives.

Every source yields :class:`Document` items: the raw bytes of one page plus what is known
about it. A source that fails for one item yields a ``Document`` with ``error`` set and goes on,
so a batch never stops at one bad page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One page's raw material, from wherever it came."""

    origin: str
    """What the user named, to report errors: a path, a URL, ``feed.xml#3``, ``crawl.warc.gz@1234``."""
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
