"""hattip.inputs.sources: URLs, files, folders, stdin, feeds and WARCs as one Document stream."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from hattip.fetch import FetchOptions
from hattip.inputs import Failure
from hattip.inputs.sources import is_warc_name, iter_documents, iter_specs
from hattip.inputs.web import iter_urls

from .conftest import Rec, http_response, write_warc

PAGE = b"<!doctype html><html><head><title>%s</title></head><body><p>%s</p></body></html>"
RSS = b"""<rss version="2.0"><channel><title>F</title>
<item><title>E</title><link>https://feed.example/e</link><description>x</description></item>
</channel></rss>"""


@pytest.fixture
def sources(tmp_path: Path, httpserver: HTTPServer) -> dict[str, str]:
    """A page by URL, a file, a folder of two pages, a feed file and a WARC."""
    for name in ("a", "b"):
        httpserver.expect_request(f"/{name}").respond_with_data(
            PAGE % (name.encode(), b"web"), content_type="text/html"
        )
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.html").write_bytes(PAGE % (name.encode(), b"folder"))
    single = tmp_path / "single.html"
    single.write_bytes(PAGE % (b"single", b"file"))
    feed = tmp_path / "feed.xml"
    feed.write_bytes(RSS)
    warc = write_warc(
        tmp_path / "crawl.warc.gz", [Rec("https://warc.example/p", http_response(PAGE))]
    )
    return {
        "url_a": httpserver.url_for("/a"),
        "url_b": httpserver.url_for("/b"),
        "folder": str(folder),
        "single": str(single),
        "feed": str(feed),
        "warc": str(warc),
    }


def test_every_kind_of_spec_comes_through(sources: dict[str, str], quick: FetchOptions) -> None:
    """URLs, a file, a folder, a WARC spec, stdin, --feed and --warc: one Document per page."""
    stdin = io.StringIO(f"# a comment\n\n{sources['url_b']}\n{sources['single']}\n")
    docs = list(
        iter_documents(
            [sources["url_a"], sources["folder"], "-", sources["warc"]],
            feeds=[sources["feed"]],
            warcs=[sources["warc"]],
            options=quick,
            stdin=stdin,
        )
    )
    assert all(d.error is None for d in docs)
    origins = [d.origin for d in docs]
    assert origins[0] == sources["url_a"]
    assert sum(o.startswith(sources["folder"]) for o in origins) == 2
    assert sources["url_b"] in origins
    assert sources["single"] in origins
    assert f"{sources['feed']}#1" in origins
    assert sum(o.startswith(sources["warc"] + "@") for o in origins) == 2
    assert len(docs) == 8


def test_bad_specs_are_error_documents_and_the_rest_goes_on(
    sources: dict[str, str], quick: FetchOptions, tmp_path: Path
) -> None:
    """A missing file, a bad URL, a bad feed and a bad WARC each give an error; good pages stay."""
    bad_warc = tmp_path / "bad.warc"
    bad_warc.write_text("nope")
    docs = list(
        iter_documents(
            [str(tmp_path / "missing.html"), "http://", sources["url_a"]],
            feeds=[str(tmp_path / "missing.xml")],
            warcs=[str(bad_warc)],
            options=quick,
        )
    )
    assert [d.error is None for d in docs] == [False, False, True, False, False]
    assert docs[1].failure is Failure.INVALID_URL


def test_skip_known_urls_are_never_fetched(
    sources: dict[str, str], quick: FetchOptions, httpserver: HTTPServer
) -> None:
    """skip(url) True leaves URLs, feed entries and WARC records out."""
    known = {sources["url_a"], "https://feed.example/e", "https://warc.example/p"}
    docs = list(
        iter_documents(
            [sources["url_a"], sources["url_b"]],
            feeds=[sources["feed"]],
            warcs=[sources["warc"]],
            options=quick,
            skip=known.__contains__,
        )
    )
    assert [d.origin for d in docs] == [sources["url_b"]]
    assert [req.path for req, _ in httpserver.log] == ["/b"]


def test_stdin_is_read_once() -> None:
    """Two '-' specs do not read stdin twice; blank lines and comments are skipped."""
    stdin = io.StringIO("a\n\n# no\n b \n")
    assert list(iter_specs(["-", "x", "-"], stdin=stdin)) == ["a", "b", "x"]


def test_iter_urls_drops_duplicates_and_blanks(
    sources: dict[str, str], quick: FetchOptions, httpserver: HTTPServer
) -> None:
    """The same URL twice is fetched once."""
    docs = list(iter_urls([sources["url_a"], f" {sources['url_a']} ", ""], options=quick))
    assert len(docs) == 1
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x.warc", True), ("X.WARC.GZ", True), ("x.warc.zst", False), ("x.html", False)],
    ids=["warc", "warc-gz-upper", "zstd", "html"],
)
def test_warc_names(name: str, expected: bool) -> None:
    """Specs ending .warc or .warc.gz are read as archives."""
    assert is_warc_name(name) is expected
