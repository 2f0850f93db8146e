"""Pages named by URL: the user's URLs, fetched politely (see :mod:`hattip.fetch`).

This is the input side of fetching: it takes what the user listed, leaves out what the caller
already has (``skip``, for ``--skip-known``), and hands the rest to :func:`~hattip.fetch.fetch_all`
as one batch, so concurrency and per-host politeness apply across all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from hattip.fetch import FetchOptions, fetch_all
from hattip.model import Document

__all__ = ["iter_urls"]


def iter_urls(
    urls: Iterable[str],
    *,
    options: FetchOptions | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Document]:
    """One Document per URL (in the order they finish), failures included as error Documents.

    URLs are stripped and de-duplicated; those ``skip`` says yes to are never fetched.
    """
    seen: set[str] = set()
    wanted: list[str] = []
    for raw in urls:
        url = raw.strip()
        if url and url not in seen and not (skip and skip(url)):
            seen.add(url)
            wanted.append(url)
    if wanted:
        yield from fetch_all(wanted, options)
