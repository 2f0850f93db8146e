"""`hattip ingest` over URLs, feeds, WARCs and stdin: same graph as the files, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from hattip.cli import cli
from hattip.graph import Store, iter_edges

from .conftest import SHARED, Rec, http_response, write_warc

ARTICLE = (
    '<p>A post {n} on the story (via <a href="https://source{n}.example/">Source {n}</a>).</p>'
    '<blockquote cite="https://quoted.example/{n}">Quoted words {n}.</blockquote>'
    '<p>More at <a href="https://other.example/{n}">this other blog</a>. '
    'H/t <a href="https://tipper.example/">Tipper</a>.</p>'
)


def _page(n: int) -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Post {n}</title>'
        f'<link rel="canonical" href="https://blog.example/{n}"></head>'
        f"<body><article>{ARTICLE.format(n=n)}</article></body></html>"
    ).encode()


def _rss() -> bytes:
    items = "".join(
        f"<item><title>Post {n}</title><link>https://blog.example/{n}</link>"
        f"<description><![CDATA[{ARTICLE.format(n=n)}]]></description></item>"
        for n in range(3)
    )
    return f'<rss version="2.0"><channel><title>B</title>{items}</channel></rss>'.encode()


def _ingest(db: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(
        cli, ["ingest", "--db", str(db), "--workers", "1", *args], input=stdin
    )


def _graph(db: Path) -> tuple[int, set[tuple[str, str, str, int]]]:
    with Store(db) as store:
        edges = {(e.crediting, e.credited, e.kind, e.weight) for e in iter_edges(store)}
        return store.counts().pages, edges


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three synthetic posts with canonical URLs, as files."""
    root = tmp_path / "pages"
    root.mkdir()
    for n in range(3):
        (root / f"post{n}.html").write_bytes(_page(n))
    return root


def test_warc_and_feed_fill_the_store_like_the_files(folder: Path, tmp_path: Path) -> None:
    """The same posts from files, a WARC and a feed give the same pages and edges."""
    warc = write_warc(
        tmp_path / "posts.warc.gz",
        [Rec(f"https://blog.example/{n}", http_response(_page(n))) for n in range(3)],
    )
    feed = tmp_path / "feed.xml"
    feed.write_bytes(_rss())
    results = {}
    for name, args in {
        "files": [str(folder)],
        "warc": ["--warc", str(warc)],
        "feed": ["--feed", str(feed)],
    }.items():
        result = _ingest(tmp_path / f"{name}.db", *args)
        assert result.exit_code == 0, result.output
        results[name] = _graph(tmp_path / f"{name}.db")
    pages, edges = results["files"]
    assert pages == 3
    assert edges
    assert results["warc"] == results["files"]
    assert results["feed"] == results["files"]


def test_urls_and_stdin_and_skip_known(
    folder: Path, tmp_path: Path, httpserver: HTTPServer
) -> None:
    """URLs as arguments and on stdin are fetched; --skip-known refetches nothing on a rerun."""
    for n in range(3):
        httpserver.expect_request(f"/{n}").respond_with_data(
            _page(n), content_type="text/html; charset=utf-8"
        )
    db = tmp_path / "web.db"
    urls = [httpserver.url_for(f"/{n}") for n in range(3)]
    args = ["--delay", "0", urls[0], "-"]
    extra = folder / "post9.html"
    extra.write_bytes(_page(9))
    first = _ingest(db, *args, stdin=f"{urls[1]}\n{urls[2]}\n{extra}\n")
    assert first.exit_code == 0, first.output
    assert _graph(db)[0] == 4
    requests = len(httpserver.log)
    again = _ingest(db, "--skip-known", *args, stdin=f"{urls[1]}\n{urls[2]}\n")
    assert again.exit_code == 0, again.output
    assert len(httpserver.log) == requests


def test_skip_known_skips_a_url_that_redirected_on_the_first_run(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """--skip-known knows the URL the user gave, not only where it redirected: no refetch."""
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data(_page(5), content_type="text/html")
    db = tmp_path / "moved.db"
    first = _ingest(db, "--delay", "0", httpserver.url_for("/old"))
    assert first.exit_code == 0, first.output
    requests = len(httpserver.log)
    again = _ingest(db, "--delay", "0", "--skip-known", httpserver.url_for("/old"))
    assert again.exit_code == 0, again.output
    assert len(httpserver.log) == requests


def test_cli_leaves_sql_to_the_store() -> None:
    """The CLI asks the store's API for known URLs; it runs no SQL of its own."""
    import inspect

    import hattip.cli

    assert ".execute(" not in inspect.getsource(hattip.cli)


def test_failed_url_is_reported_and_the_rest_stored(tmp_path: Path, httpserver: HTTPServer) -> None:
    """A 404 among good URLs: one 'skipped' line naming it, the good page stored, exit 0."""
    httpserver.expect_request("/ok").respond_with_data(_page(1), content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    db = tmp_path / "mixed.db"
    result = _ingest(db, "--delay", "0", httpserver.url_for("/gone"), httpserver.url_for("/ok"))
    assert result.exit_code == 0
    assert f"skipped {httpserver.url_for('/gone')}" in result.output
    assert "HTTP 404" in result.output
    assert _graph(db)[0] == 1


def test_ingest_without_any_source_is_a_usage_error(tmp_path: Path) -> None:
    """No PATHS, --feed or --warc: exit 2 with a hint."""
    result = _ingest(tmp_path / "x.db")
    assert result.exit_code == 2
    assert "--feed" in result.output


CONFORMANCE = sorted((SHARED / "conformance" / "feeds").glob("*.xml"))


@pytest.mark.skipif(not CONFORMANCE, reason="../shared/conformance/feeds is absent")
@pytest.mark.parametrize("path", CONFORMANCE, ids=[p.name for p in CONFORMANCE])
def test_conformance_feed_ingests_without_a_traceback(path: Path, tmp_path: Path) -> None:
    """Every feedparser test feed: no traceback; the well-formed ones exit 0 with no error."""
    result = _ingest(tmp_path / "feeds.db", "--feed", str(path))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if "wellformed" in path.name:
        assert result.exit_code == 0, result.output
        assert ", 0 errors" in result.output


LIMITS = [("--timeout", "0"), ("--timeout", "-5"), ("--delay", "-1")]


@pytest.mark.parametrize(("option", "value"), LIMITS, ids=[f"{o}={v}" for o, v in LIMITS])
def test_a_time_limit_that_cannot_work_is_a_usage_error(
    tmp_path: Path, httpserver: HTTPServer, option: str, value: str
) -> None:
    """A zero or negative --timeout (every page would time out) or a negative --delay is refused
    before anything is fetched."""
    httpserver.expect_request("/p").respond_with_data(_page(1), content_type="text/html")
    result = _ingest(tmp_path / "t.db", option, value, httpserver.url_for("/p"))
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert httpserver.log == []
