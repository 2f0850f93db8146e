"""hattip's exceptions: one root, each named for the condition, each message naming the fix.

The tree::

    HattipError
    ├── InputError (ValueError)        a page, file or argument hattip cannot read
    │   ├── EmptyInput                 nothing to parse (0 bytes, or only whitespace)
    │   └── NotHTML                    binary or non-HTML content
    ├── InvalidURL (ValueError)        a string that is not a usable web URL
    ├── FetchError (OSError)           the network said no (status, timeout, refused target)
    │   └── BlockedTarget              a private/loopback/reserved address, refused by the guard
    ├── FeedError (ValueError)         a feed that cannot be read at all
    ├── ArchiveError (ValueError)      a WARC file that cannot be read at all
    └── StoreError                     the credit graph database cannot be opened or written

The CLI turns any ``HattipError`` into one line on stderr and exit code 1.
"""

from __future__ import annotations


class HattipError(Exception):
    """The root of every error hattip raises on purpose."""


class InputError(HattipError, ValueError):
    """A page, file or argument that hattip cannot read."""


class EmptyInput(InputError):
    """The input holds nothing to parse."""


class NotHTML(InputError):
    """The input is binary or otherwise not HTML."""


class InvalidURL(HattipError, ValueError):
    """A string that is not a usable web URL."""


class FetchError(HattipError, OSError):
    """Fetching a URL failed."""


class BlockedTarget(FetchError):
    """The SSRF guard refused a target address (private, loopback, link-local, reserved)."""


class FeedError(HattipError, ValueError):
    """A feed that cannot be read at all."""


class ArchiveError(HattipError, ValueError):
    """A web archive (WARC) that cannot be read at all."""


class StoreError(HattipError):
    """The credit graph database cannot be opened, migrated or written."""
