"""The public surface is small and deliberate: a change to it is a change to this list."""

from __future__ import annotations

import hattip

PUBLIC = [
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


def test_all_is_pinned_and_sorted() -> None:
    """`hattip.__all__` is exactly the public list, sorted, and every name exists."""
    assert hattip.__all__ == PUBLIC
    assert all(hasattr(hattip, name) for name in PUBLIC)


def test_every_error_is_a_hattip_error() -> None:
    """Callers can catch one root for everything hattip raises on purpose."""
    errors = [getattr(hattip, n) for n in PUBLIC if n.endswith(("Error", "Input", "HTML", "URL"))]
    errors.append(hattip.BlockedTarget)
    assert all(issubclass(e, hattip.HattipError) for e in errors)
    assert issubclass(hattip.InvalidURL, ValueError)
    assert issubclass(hattip.FetchError, OSError)


def test_subpackages_stay_importable_by_name() -> None:
    """`hattip.resolve`, `hattip.graph` and `hattip.parse` are the parts, not shadowed names."""
    import hattip.graph
    import hattip.parse
    import hattip.resolve

    assert callable(hattip.resolve.clean_url)
    assert callable(hattip.graph.Store)
    assert callable(hattip.parse.extract)
