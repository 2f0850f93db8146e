"""hattip: who does this blog post credit, and how?

>>> page = extract('<article><p>Found this (via <a href="https://kottke.org/">Kottke</a>).</p></article>')
>>> [(c.kind.value, c.name, c.site) for c in page.credits]
[('via', 'Kottke', 'kottke.org')]
"""

from importlib.metadata import PackageNotFoundError, version

from hattip.errors import (
    ArchiveError,
    BlockedTarget,
    EmptyInput,
    FeedError,
    FetchError,
    HattipError,
    InputError,
    InvalidURL,
    NotHTML,
    StoreError,
)
from hattip.graph import Store
from hattip.model import Credit, CreditKind, Link, Page, Quote, QuoteHow, Region, Site
from hattip.parse import extract
from hattip.resolve import clean_url, site_key

try:
    __version__ = version("hattip")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "ArchiveError",
    "BlockedTarget",
    "Credit",
    "CreditKind",
    "EmptyInput",
    "FeedError",
    "FetchError",
    "HattipError",
    "InputError",
    "InvalidURL",
    "Link",
    "NotHTML",
    "Page",
    "Quote",
    "QuoteHow",
    "Region",
    "Site",
    "Store",
    "StoreError",
    "__version__",
    "clean_url",
    "extract",
    "site_key",
]
