"""ingest(): documents through the real parser into the store, in-process and with a pool."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import ClassVar

import pytest

from hattip.graph import Store, ingest, ingestion, parse_document, top_credited
from hattip.inputs import Document, Failure
from hattip.inputs.files import iter_documents
from hattip.model import Page

POST = """<!doctype html><html><head><title>Post {n}</title>
<link rel="canonical" href="https://{site}/{n}.html">
<meta property="article:published_time" content="2020-0{month}-02T10:00:00Z"></head><body>
<nav><a href="https://menu.example/">Home</a></nav>
<article class="post"><h1>Post {n}</h1>
<p>Read <a href="https://newsroom.example/story/{n}">this story</a>. It says:</p>
<blockquote cite="https://quoted.example/x"><p>Something wise.</p></blockquote>
<p>(via <a href="https://kottke.org/">Kottke</a>)</p></article>
<aside class="sidebar"><h2>Blogroll</h2><a href="https://friend.wordpress.com/">Friend</a></aside>
</body></html>"""


def post(site: str, n: int, month: int = 1) -> bytes:
    """A small blog post by ``site`` with a link, a quote, a via and a blogroll link."""
    return POST.format(site=site, n=n, month=month).encode()


def docs(count: int = 6) -> list[Document]:
    """``count`` posts from three blogs."""
    sites = ["alpha.blogspot.com", "beta.example", "gamma.example"]
    return [
        Document(origin=f"mem:{i}", body=post(sites[i % 3], i, i % 9 + 1)) for i in range(count)
    ]


def test_ingest_stores_every_page_and_its_edges() -> None:
    """Posts become pages; via, link, quote and blogroll edges are counted by distinct sites."""
    with Store(":memory:") as store:
        summary = ingest(store, docs(), workers=1, batch_size=4)
        assert (summary.documents, summary.added, summary.errors) == (6, 6, 0)
        top = {r.site: r.sites for r in top_credited(store)}
        assert top["kottke.org"] == 3
        assert top["friend.wordpress.com"] == 3
        kinds = {k for (k,) in store.connection.execute("SELECT DISTINCT kind FROM edges")}
        assert {"via", "link", "quote", "blogroll"} <= kinds
        assert "menu.example" not in top


def test_pool_and_in_process_give_the_same_graph() -> None:
    """Parsing in worker processes (bounded window, input order kept) changes nothing."""
    counts = []
    for workers in (1, 2):
        with Store(":memory:") as store:
            ingest(store, docs(12), workers=workers, chunk_size=2)
            counts.append(store.counts())
    assert counts[0] == counts[1]


def test_re_ingesting_leaves_every_count_unchanged() -> None:
    """The second run finds every page unchanged and writes nothing."""
    with Store(":memory:") as store:
        ingest(store, docs(), workers=1)
        before = store.counts()
        again = ingest(store, docs(), workers=1)
        assert (again.added, again.replaced, again.unchanged, again.edges) == (0, 0, 6, 0)
        assert again.skipped == 6  # same origin, same bytes: not even parsed
        assert store.counts() == before
        forced = ingest(store, docs(), workers=1, reparse=True)
        assert (forced.skipped, forced.unchanged) == (0, 6)
        assert store.counts() == before


def test_a_changed_document_is_parsed_again_and_replaces_its_page() -> None:
    """New bytes under a known origin are parsed; the page's edges are replaced."""
    with Store(":memory:") as store:
        ingest(store, docs(1), workers=1)
        edited = post("alpha.blogspot.com", 0).replace(b"kottke.org", b"waxy.org")
        again = ingest(store, [Document(origin="mem:0", body=edited)], workers=1)
        assert (again.skipped, again.replaced) == (0, 1)
        assert [r.site for r in top_credited(store, kinds=["via"])] == ["waxy.org"]


def test_bad_documents_are_reported_and_skipped() -> None:
    """A failed Document and an unparseable body go to on_error; the good pages are stored."""
    errors: list[tuple[str, str]] = []
    batch = [
        docs(1)[0],
        Document(origin="gone.html", error="cannot read gone.html", failure=Failure.UNREADABLE),
        Document(origin="empty.html", body=b""),
        Document(origin="mem:last", body=post("beta.example", 99)),
    ]
    with Store(":memory:") as store:
        summary = ingest(store, batch, workers=1, on_error=lambda o, m: errors.append((o, m)))
        assert (summary.added, summary.errors) == (2, 2)
        assert [o for o, _ in errors] == ["gone.html", "empty.html"]


def test_a_parser_crash_on_one_page_does_not_stop_the_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An unexpected exception in the parser is one reported page, not a stopped run."""

    def explode(body: bytes, **_: object) -> Page:
        raise RuntimeError("bug")

    monkeypatch.setattr(ingestion, "extract", explode)
    result = parse_document(Document(origin="x.html", body=b"<p>x</p>"))
    assert isinstance(result, str)
    assert "RuntimeError" in result


def test_page_without_url_is_keyed_by_its_file(tmp_path: Path) -> None:
    """A saved page that declares no URL is stored under its file: URI."""
    path = tmp_path / "post.html"
    path.write_bytes(b"<html><body><article><p>Hello</p></article></body></html>")
    (doc,) = iter_documents([path])
    page = parse_document(doc)
    assert isinstance(page, Page)
    assert page.url == path.resolve().as_uri()


def test_container_author_and_date_fill_in_when_the_page_has_none() -> None:
    """A feed entry's author and date reach the page when the HTML gives neither."""
    body = b"<html><body><article><p>Hi</p></article></body></html>"
    doc = Document(
        origin="feed.xml#1",
        body=body,
        url="https://a.example/1",
        author="Ann",
        published="2020-02-02",
    )
    page = parse_document(doc)
    assert isinstance(page, Page)
    assert (page.author, page.published) == ("Ann", "2020-02-02")


def test_progress_hears_every_document() -> None:
    """on_progress is called once per document with running totals."""
    seen: list[int] = []
    with Store(":memory:") as store:
        ingest(store, docs(5), workers=1, on_progress=lambda s: seen.append(s.documents))
    assert seen == [1, 2, 3, 4, 5]


def die_on_marker(doc: Document) -> Page | str:
    """A parser that kills its process on a body saying DIE (for the pool-crash test)."""
    if doc.body == b"DIE":
        os._exit(1)
    return parse_document(doc)


def test_a_dead_parsing_process_loses_only_the_page_that_killed_it() -> None:
    """A worker dies mid-chunk: its neighbours are parsed again alone and stored; the killer is
    the one error, with a reason; every document is counted."""
    batch = [*docs(4), Document(origin="killer.html", body=b"DIE"), *docs(20)[8:]]
    errors: list[tuple[str, str]] = []
    with Store(":memory:") as store:
        summary = ingest(
            store,
            batch,
            workers=2,
            chunk_size=3,
            parse=die_on_marker,
            on_error=lambda origin, message: errors.append((origin, message)),
        )
        assert store.counts().pages == len(batch) - 1
    assert [origin for origin, _ in errors] == ["killer.html"]
    assert "parsing process died" in errors[0][1]
    assert (summary.documents, summary.pages, summary.errors) == (len(batch), len(batch) - 1, 1)
    assert summary.retried >= 1


class _Future:
    """A finished future, or one whose result() raises what a broken pool raises."""

    def __init__(self, value: object = None, error: BaseException | None = None) -> None:
        self._value, self._error = value, error

    def result(self) -> object:
        if self._error is not None:
            raise self._error
        return self._value

    def cancel(self) -> bool:
        return False


class _FlakyPool:
    """A stand-in ProcessPoolExecutor that parses inline and breaks once, as told by ``plan``.

    ``plan`` maps the number of a submit (over every pool made) to ``"submit"`` (submit raises
    BrokenProcessPool, as it does once the pool saw a worker die) or ``"result"`` (the future's
    result raises it, as when the worker dies while parsing).
    """

    plan: ClassVar[dict[int, str]] = {}
    submits: ClassVar[int] = 0

    def __init__(self, *_: object, **__: object) -> None:
        pass

    def __enter__(self) -> _FlakyPool:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def shutdown(self, *_: object, **__: object) -> None:
        pass

    def submit(self, func: Callable[..., object], *args: object) -> _Future:
        n = type(self).submits = type(self).submits + 1
        how = self.plan.get(n)
        broken = BrokenProcessPool("A child process terminated abruptly")
        if how == "submit":
            raise broken
        if how == "result":
            return _Future(error=broken)
        return _Future(func(*args))


@pytest.mark.parametrize(
    "plan",
    [{2: "submit"}, {5: "submit"}, {1: "result"}, {3: "result"}, {2: "submit", 9: "result"}],
    ids=["submit-2nd", "submit-5th", "result-1st", "result-3rd", "submit-then-result"],
)
def test_a_pool_that_breaks_at_submit_or_result_loses_no_document(
    monkeypatch: pytest.MonkeyPatch, plan: dict[int, str]
) -> None:
    """Wherever the pool breaks, every document is stored (parsed again) or reported."""
    monkeypatch.setattr(_FlakyPool, "plan", plan)
    monkeypatch.setattr(_FlakyPool, "submits", 0)
    monkeypatch.setattr(ingestion, "ProcessPoolExecutor", _FlakyPool)
    batch = docs(14)
    errors: list[str] = []
    with Store(":memory:") as store:
        summary = ingest(
            store, batch, workers=2, chunk_size=2, on_error=lambda o, m: errors.append(m)
        )
        assert store.counts().pages == len(batch)
    assert errors == []
    assert (summary.documents, summary.added, summary.errors) == (len(batch), len(batch), 0)
    assert summary.retried > 0


def raise_on_marker(doc: Document) -> Page | str:
    """A parser with a bug: it raises on a body saying BUG instead of returning a message."""
    if doc.body == b"BUG":
        raise ValueError("bug in a custom parser")
    return parse_document(doc)


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "pool"])
def test_a_parser_that_raises_is_one_reported_page(workers: int) -> None:
    """An exception out of a custom parse function is that page's error, not a stopped run."""
    batch = [*docs(3), Document(origin="bug.html", body=b"BUG"), *docs(6)[3:]]
    errors: list[tuple[str, str]] = []
    with Store(":memory:") as store:
        summary = ingest(
            store,
            batch,
            workers=workers,
            chunk_size=2,
            parse=raise_on_marker,
            on_error=lambda o, m: errors.append((o, m)),
        )
    assert [o for o, _ in errors] == ["bug.html"]
    assert "ValueError" in errors[0][1]
    assert (summary.pages, summary.errors) == (len(batch) - 1, 1)


def test_a_source_that_fails_mid_run_leaves_whole_batches_and_resumes() -> None:
    """A source that raises stops the run with the open batch rolled back: committed batches and
    their documents stay, nothing half-written, and a rerun stores the rest."""

    def failing() -> Iterator[Document]:
        yield from docs(10)
        raise OSError("the disk went away")

    with Store(":memory:") as store:
        with pytest.raises(OSError, match="disk"):
            ingest(store, failing(), workers=1, batch_size=4)
        conn = store.connection
        assert store.counts().pages == 8
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rerun = ingest(store, docs(12), workers=1, batch_size=4)
        assert (rerun.skipped, rerun.added, store.counts().pages) == (8, 4, 12)
