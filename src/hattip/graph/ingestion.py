"""Documents in, credit graph out: parse in a process pool, store in batched transactions.

Any source feeds :func:`ingest` (files, URLs, feeds, WARC records): it takes an iterable of
:class:`~hattip.inputs.Document` and streams. Memory stays constant: at most ``window``
documents are in flight, parsed pages go to :meth:`Store.add_many` one batch at a time, and
results come back in input order so the run is deterministic.

A document that cannot be read, parsed or stored is reported through ``on_error`` and skipped;
it never stops the batch. If a parsing process dies (a crash in a C extension, the OOM killer),
the documents it and its pool had in flight are parsed again one at a time, each in a process
of its own, so only the page that kills its process is lost, and it is reported, never dropped.
Pages commit in whole batches: a run that is killed or fails keeps every committed batch and
nothing of the open one.
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
from hattip.model import Document, Page
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
    retried: int = 0
    """Documents parsed again one at a time because a parsing process died while they were in
    flight (those that parsed alone are stored; one that killed its process again is an error)."""
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


def _parse_safely(parse: Parser, doc: Document) -> Page | str:
    """``parse(doc)``, with an exception turned into that document's error message."""
    try:
        return parse(doc)
    except Exception as exc:  # a custom parser's bug on one page must not stop the batch
        return f"parser failed ({type(exc).__name__}: {exc}); please report this page"


def _parse_chunk(parse: Parser, docs: list[Document]) -> list[Page | str]:
    return [_parse_safely(parse, doc) for doc in docs]


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
    counts = {"documents": 0, "errors": 0, "skipped": 0, "retried": 0}
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
            retried=counts["retried"],
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
        def retried() -> None:
            counts["retried"] += 1

        for doc, result in _parsed(fresh(), parse, workers, chunk_size, on_retry=retried):
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


_CRASHED = (
    "a parsing process died while reading this page, and again when it was read alone: it "
    "crashes the parser (a bug in a C extension, or too little memory); please report this page"
)

_Window = deque[tuple[list[Document], "Future[list[Page | str]]"]]


def _parsed(
    documents: Iterable[Document],
    parse: Parser,
    workers: int,
    chunk_size: int,
    *,
    on_retry: Callable[[], None] | None = None,
) -> Iterator[tuple[Document, Page | str]]:
    """(document, page or error) in input order; a bounded window of chunks in the pool.

    If a parsing process dies, the pool is broken: every chunk in flight (and the one being
    submitted, when ``submit`` is what notices) is parsed again by :func:`_isolated`, one
    document per process, and a fresh pool takes the rest. ``on_retry`` hears each document
    parsed again.
    """
    if workers == 1:
        for doc in documents:
            yield doc, _parse_safely(parse, doc)
        return
    context = _pool_context()
    chunks = _chunks(documents, chunk_size)
    while True:
        window: _Window = deque()
        submitting: list[Document] = []
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            try:
                for chunk in chunks:
                    submitting = chunk
                    window.append((chunk, pool.submit(_parse_chunk, parse, chunk)))
                    submitting = []
                    if len(window) >= workers * 4:
                        yield from _first_done(window, parse, context, on_retry)
                while window:
                    yield from _first_done(window, parse, context, on_retry)
                return
            except BrokenProcessPool:
                # Everything in flight, oldest first, then the chunk submit refused: in order.
                lost = [*(d for docs, _ in window for d in docs), *submitting]
                window.clear()
            finally:
                for _, future in window:
                    future.cancel()
        yield from _isolated(lost, parse, context, on_retry)


def _first_done(
    window: _Window,
    parse: Parser,
    context: multiprocessing.context.BaseContext,
    on_retry: Callable[[], None] | None,
) -> Iterator[tuple[Document, Page | str]]:
    """The oldest chunk's results. It leaves the window only once they are in hand, so a broken
    pool (which raises here) still finds it there to parse again."""
    docs, future = window[0]
    try:
        results = future.result()
    except BrokenProcessPool:
        raise
    except Exception:  # the pool is fine, the chunk is not (e.g. a result that does not pickle)
        window.popleft()
        yield from _isolated(docs, parse, context, on_retry)
        return
    window.popleft()
    yield from zip(docs, results, strict=True)


def _isolated(
    docs: list[Document],
    parse: Parser,
    context: multiprocessing.context.BaseContext,
    on_retry: Callable[[], None] | None,
) -> Iterator[tuple[Document, Page | str]]:
    """Parse ``docs`` one at a time in a one-process pool, so a crash names its page.

    Not in this process: a page that kills a worker (a segfault in a C extension) would kill
    the whole run with it. A pool that breaks is replaced for the next document.
    """
    pool: ProcessPoolExecutor | None = None
    try:
        for doc in docs:
            if on_retry is not None:
                on_retry()
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            try:
                [result] = pool.submit(_parse_chunk, parse, [doc]).result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
                result = _CRASHED
            except Exception as exc:
                result = f"parsing failed ({type(exc).__name__}: {exc}); please report this page"
            yield doc, result
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


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
