"""Documents in, credit graph out: parse in a process pool, store in batched transactions.

Any source feeds :func:`ingest` (files, URLs, feeds, WARC records): it takes an iterable of
:class:`~hattip.inputs.Document` and streams. Memory stays constant: at most ``window``
documents are in flight, parsed pages go to :meth:`Store.add_many` one batch at a time, and
results come back in input order so the run is deterministic.

A document that cannot be read, parsed or stored is reported through ``on_error`` and skipped;
it never stops the batch.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from hattip.errors import HattipError, StoreError
from hattip.graph.store import AddSummary, Store, page_key
from hattip.inputs import Document
from hattip.model import Page
from hattip.parse import extract


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestSummary:
    """What one :func:`ingest` run did."""

    documents: int = 0
    """Documents read from the source."""
    added: int = 0
    """New pages stored."""
    replaced: int = 0
    """Pages stored before whose content changed (old edges replaced)."""
    unchanged: int = 0
    """Pages stored before with the same content (nothing written), ``skipped`` included."""
    skipped: int = 0
    """Documents whose origin and bytes were stored before: not parsed again."""
    edges: int = 0
    """Page-level edges written by added and replaced pages."""
    errors: int = 0
    """Documents that could not be read, parsed or stored (each reported to ``on_error``)."""
    seconds: float = 0.0
    """Wall time of the run."""

    @property
    def pages(self) -> int:
        """Pages that went into the store, changed or not."""
        return self.added + self.replaced + self.unchanged


ErrorHandler = Callable[[str, str], None]
"""``on_error(origin, message)``: one line per bad document."""


def parse_document(doc: Document) -> Page | str:
    """One document to a :class:`Page`, or the error message why not (pickles across processes).

    A page without any URL is keyed by its file: the origin as a ``file:`` URI.
    """
    if doc.error is not None:
        return doc.error
    try:
        page = extract(doc.body, url=doc.url, charset=doc.charset)
    except HattipError as exc:
        return str(exc)
    except Exception as exc:  # a parser bug on one page must not stop the batch
        return f"parser failed ({type(exc).__name__}: {exc}); please report this page"
    if page.author is None and doc.author:
        page = replace(page, author=doc.author)
    if page.published is None and doc.published:
        page = replace(page, published=doc.published)
    if page_key(page) is None:
        page = replace(page, url=_origin_uri(doc.origin))
    return page


def _origin_uri(origin: str) -> str:
    path = Path(origin)
    if path.exists():
        return path.resolve().as_uri()
    return origin


Parser = Callable[[Document], "Page | str"]
"""What turns one document into a page or an error message: :func:`parse_document` by default."""


def _parse_chunk(parse: Parser, docs: list[Document]) -> list[Page | str]:
    return [parse(doc) for doc in docs]


def document_digest(doc: Document) -> str:
    """What parsing depends on (bytes, URL, charset), hashed: equal digests parse the same."""
    digest = hashlib.sha256(doc.body)
    digest.update(f"\0{doc.url or ''}\0{doc.charset or ''}".encode())
    return digest.hexdigest()


def ingest(
    store: Store,
    documents: Iterable[Document],
    *,
    workers: int | None = None,
    batch_size: int = 200,
    chunk_size: int = 8,
    reparse: bool = False,
    on_error: ErrorHandler | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    parse: Parser = parse_document,
) -> IngestSummary:
    """Parse ``documents`` and record them in ``store``; return the totals.

    ``workers`` parsing processes (default: the CPU count; 1 parses in this process).
    Each ``batch_size`` pages commit together. A document whose origin and bytes were stored
    before is not parsed again (counted as unchanged and skipped) unless ``reparse`` is set,
    e.g. after upgrading hattip's parser. ``on_progress`` hears the running totals after every
    document. ``parse`` replaces :func:`parse_document` (a module-level function, so worker
    processes can import it).
    """
    start = time.perf_counter()
    workers = max(1, workers or os.cpu_count() or 1)
    counts = {"documents": 0, "errors": 0, "skipped": 0}
    stored = AddSummary()
    pending: list[tuple[str, str, str | None]] = []

    def report(origin: str, message: str) -> None:
        counts["errors"] += 1
        if on_error is not None:
            on_error(origin, message)

    def summary() -> IngestSummary:
        return IngestSummary(
            documents=counts["documents"],
            added=stored.added,
            replaced=stored.replaced,
            unchanged=stored.unchanged + counts["skipped"],
            skipped=counts["skipped"],
            edges=stored.edges,
            errors=counts["errors"],
            seconds=time.perf_counter() - start,
        )

    def fresh() -> Iterator[Document]:
        for doc in documents:
            known = doc.error is None and not reparse
            if known and store.has_document(doc.origin, document_digest(doc)):
                counts["documents"] += 1
                counts["skipped"] += 1
                if on_progress is not None:
                    on_progress(summary())
                continue
            yield doc

    def pages() -> Iterator[Page]:
        for doc, result in _parsed(fresh(), parse, workers, chunk_size):
            counts["documents"] += 1
            if isinstance(result, str):
                report(doc.origin, result)
            else:
                pending.append((doc.origin, document_digest(doc), page_key(result)))
                yield result
            if on_progress is not None:
                on_progress(summary())

    def committed(totals: AddSummary) -> None:
        nonlocal stored
        stored = totals
        # After the pages' own commit: a kill in between only costs a re-parse next time.
        store.remember_documents(pending)
        pending.clear()

    def failed(page: Page, exc: StoreError) -> None:
        report(page.url or "(page)", str(exc))

    stored = store.add_many(pages(), batch_size=batch_size, on_commit=committed, on_error=failed)
    return summary()


def _parsed(
    documents: Iterable[Document], parse: Parser, workers: int, chunk_size: int
) -> Iterator[tuple[Document, Page | str]]:
    """(document, page or error) in input order; a bounded window of chunks in the pool.

    If a parsing process dies (a crash in a C extension, the OOM killer), the documents it had
    in flight are reported as errors and a fresh pool takes the rest.
    """
    if workers == 1:
        for doc in documents:
            yield doc, parse(doc)
        return
    context = _pool_context()
    chunks = _chunks(documents, chunk_size)
    while True:
        window: deque[tuple[list[Document], Future[list[Page | str]]]] = deque()
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            try:
                for chunk in chunks:
                    window.append((chunk, pool.submit(_parse_chunk, parse, chunk)))
                    if len(window) >= workers * 4:
                        docs, future = window.popleft()
                        yield from zip(docs, future.result(), strict=True)
                while window:
                    docs, future = window.popleft()
                    yield from zip(docs, future.result(), strict=True)
                return
            except BrokenProcessPool:
                lost = [*docs, *(d for pending, _ in window for d in pending)]
                window.clear()
            finally:
                for _, future in window:
                    future.cancel()
        for doc in lost:
            yield doc, "a parsing process died while reading this page (and its neighbours)"


def _pool_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (no fork of a threaded parent), with the parser preloaded
    so each worker starts without re-importing lxml and friends; spawn elsewhere."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["hattip.graph.ingestion"])
    return context


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for doc in documents:
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = ["IngestSummary", "document_digest", "ingest", "parse_document"]
