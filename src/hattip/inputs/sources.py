"""Every input a user can name, as one stream of Documents: the document source of ``ingest``.

A spec is an http(s) URL (fetched), a file or folder (read by :mod:`hattip.inputs.files`;
a ``.warc``/``.warc.gz`` file is read as a web archive), or ``-``: more specs on stdin, one a
line (blank lines and ``#`` comments skipped). Feeds (``--feed URL|FILE``) and archives
(``--warc FILE``) come as their own arguments. Consecutive URLs are fetched as one batch, so
concurrency and per-host politeness apply across them.

Nothing here raises for a bad item: each becomes a Document with ``error`` set, and the stream
goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from hattip.fetch import FetchOptions
from hattip.inputs import files
from hattip.inputs.feeds import is_url, iter_feed
from hattip.inputs.warc import iter_warc
from hattip.inputs.web import iter_urls
from hattip.model import Document

__all__ = ["is_warc_name", "iter_documents", "iter_specs"]

_URL_BATCH = 5_000
"""URLs fetched per batch: big enough to keep every connection busy, small enough for memory."""


def is_warc_name(spec: str) -> bool:
    """True for a file name hattip reads as a web archive.

    >>> is_warc_name("crawl.warc.gz"), is_warc_name("post.html")
    (True, False)
    """
    return spec.lower().endswith((".warc", ".warc.gz"))


def iter_specs(specs: Iterable[str], *, stdin: IO[str] | None = None) -> Iterator[str]:
    """The specs with ``-`` replaced by the lines of stdin (read once, lazily)."""
    read = False
    for spec in specs:
        if spec != "-":
            yield spec
            continue
        if read:
            continue
        read = True
        for line in stdin if stdin is not None else sys.stdin:
            item = line.strip()
            if item and not item.startswith("#") and item != "-":
                yield item


def _known_filter(
    docs: Iterable[Document], skip: Callable[[str], bool] | None
) -> Iterator[Document]:
    for doc in docs:
        if skip is None or doc.error is not None or not doc.url or not skip(doc.url):
            yield doc


def iter_documents(
    specs: Iterable[str],
    *,
    feeds: Iterable[str] = (),
    warcs: Iterable[str] = (),
    full: bool = False,
    options: FetchOptions | None = None,
    skip: Callable[[str], bool] | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Document]:
    """Documents from every spec, then every feed, then every WARC file, as they come.

    ``full`` fetches each feed entry's page instead of using the feed's HTML; ``options`` tune
    fetching (:class:`~hattip.fetch.FetchOptions`); ``skip(url)`` returning True leaves a page
    out, before fetching where the URL is known in advance (``--skip-known``).

    >>> [d.error is not None for d in iter_documents(["no/such/file.html"])]
    [True]
    """
    urls: list[str] = []
    for spec in iter_specs(specs, stdin=stdin):
        if is_url(spec):
            urls.append(spec)
            if len(urls) >= _URL_BATCH:
                yield from iter_urls(urls, options=options, skip=skip)
                urls = []
            continue
        if urls:
            yield from iter_urls(urls, options=options, skip=skip)
            urls = []
        if is_warc_name(spec):
            yield from iter_warc(spec, skip=skip)
        else:
            yield from _known_filter(files.iter_documents([spec]), skip)
    if urls:
        yield from iter_urls(urls, options=options, skip=skip)
    for feed in feeds:
        yield from iter_feed(feed, full=full, options=options, skip=skip)
    for archive in warcs:
        yield from iter_warc(archive, skip=skip)
