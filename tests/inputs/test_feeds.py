"""hattip.inputs.feeds: every entry of RSS 0.9x/1.0/2.0 and Atom feeds becomes a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from hattip.fetch import FetchOptions
from hattip.inputs import Document, Failure
from hattip.inputs.feeds import iter_feed, parse_feed

from .conftest import SHARED

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
<channel><title>Blog</title><link>https://blog.example/</link>
<item><title>First &amp; best</title><link>https://feeds.example/~r/blog/1</link>
<feedburner:origLink>https://blog.example/2024/first</feedburner:origLink>
<dc:creator>Ann Author</dc:creator><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>
<description>short summary</description>
<content:encoded><![CDATA[<p>Great find (via <a href="https://other.example/">Other</a>).</p>]]></content:encoded>
</item>
<item><title>Second</title><link>https://blog.example/2024/second</link>
<description>&lt;p&gt;Escaped &lt;a href="/rel"&gt;relative&lt;/a&gt;&lt;/p&gt;</description>
</item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/">
<title>Atom blog</title>
<entry><title>Viaed</title><link rel="alternate" href="https://atom.example/p/1"/>
<link rel="via" href="https://source.example/post" title="Source Blog"/>
<author><name>Bo</name></author><updated>2024-03-04T05:06:07Z</updated>
<content type="html">&lt;p&gt;Look at this.&lt;/p&gt;</content></entry>
<entry><title>Xhtml</title><link href="p/2"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
<p>Inline <b>markup</b></p></div></content>
</entry>
<entry><title>Plain</title><link href="https://atom.example/p/3"/>
<content type="text">one &lt; two

three</content></entry>
</feed>"""

RSS091 = b"""<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link>
<item><title>Item</title><link>http://old.example/1</link>
<description>&lt;b&gt;bold&lt;/b&gt;</description></item></channel></rss>"""

RSS10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://rdf.example/"><title>RDF</title><link>http://rdf.example/</link></channel>
<item rdf:about="http://rdf.example/1"><title>One</title><link>http://rdf.example/1</link>
<description>&lt;p&gt;rdf item&lt;/p&gt;</description></item></rdf:RDF>"""


def _docs(data: bytes, base_url: str | None = None) -> list[Document]:
    return list(parse_feed(data, origin="feed.xml", base_url=base_url))


def test_rss2_entry_gives_content_encoded_with_link_author_and_date() -> None:
    """content:encoded wins over description; origLink is the URL; creator and date kept."""
    first = _docs(RSS2)[0]
    assert first.origin == "feed.xml#1"
    assert first.url == "https://blog.example/2024/first"
    assert first.author == "Ann Author"
    assert first.published == "2024-01-02T10:00:00Z"
    assert first.charset == "utf-8"
    body = first.body.decode()
    assert '<a href="https://other.example/">Other</a>' in body
    assert "short summary" not in body
    assert "<title>First &amp; best</title>" in body
    assert '<link rel="canonical" href="https://blog.example/2024/first">' in body


def test_escaped_description_is_html_and_relative_links_resolve() -> None:
    """An escaped description is unescaped once; relative hrefs resolve against the feed URL."""
    second = _docs(RSS2, base_url="https://blog.example/feed")[1]
    assert '<a href="https://blog.example/rel">relative</a>' in second.body.decode()


def test_atom_rel_via_is_appended_as_a_via_link_inside_the_article() -> None:
    """<link rel=via> becomes <a rel="via"> in the post, so the credit is not lost."""
    first = _docs(ATOM)[0]
    body = first.body.decode()
    note = (
        '<p class="hattip-feed-via"><a rel="via" href="https://source.example/post">'
        "Source Blog</a></p>"
    )
    assert note in body
    assert body.index(note) < body.index("</article>")
    assert first.url == "https://atom.example/p/1"
    assert first.author == "Bo"
    assert first.published == "2024-03-04T05:06:07Z"


def test_atom_xhtml_content_and_xml_base_links() -> None:
    """Inline xhtml content is kept as markup; a relative entry link resolves via xml:base."""
    second = _docs(ATOM)[1]
    assert second.url == "https://atom.example/p/2"
    assert "<b>markup</b>" in second.body.decode()


def test_atom_text_content_is_escaped_into_paragraphs() -> None:
    """type=text content is text: escaped, not parsed as markup."""
    third = _docs(ATOM)[2]
    assert "<p>one &lt; two</p><p>three</p>" in third.body.decode()


@pytest.mark.parametrize(
    ("data", "url", "fragment"),
    [
        (RSS091, "http://old.example/1", "<b>bold</b>"),
        (RSS10, "http://rdf.example/1", "<p>rdf item</p>"),
    ],
    ids=["rss091", "rss10"],
)
def test_older_rss_versions_give_entries(data: bytes, url: str, fragment: str) -> None:
    """RSS 0.91 and RSS 1.0 (RDF) entries come out like RSS 2.0 ones."""
    (doc,) = _docs(data)
    assert doc.url == url
    assert fragment in doc.body.decode()


@pytest.mark.parametrize(
    "data",
    [b"", b"<html><body>a web page</body></html>", b"\x00\x01binary", b"<rss><channel><item>"],
    ids=["empty", "html", "binary", "truncated"],
)
def test_unreadable_feed_is_one_error_document(data: bytes) -> None:
    """Something that is not a feed gives one unreadable Document, never an exception."""
    (doc,) = _docs(data)
    assert doc.failure is Failure.UNREADABLE
    assert doc.error is not None
    assert doc.error.startswith("feed.xml: not a readable RSS or Atom feed")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_parse_feed_never_raises(data: bytes) -> None:
    """Any bytes at all: Documents out, no exception."""
    assert all(isinstance(d, Document) for d in parse_feed(data, origin="x"))


def test_feed_file_is_read_from_disk(tmp_path: Path) -> None:
    """iter_feed takes a path."""
    path = tmp_path / "blog.xml"
    path.write_bytes(RSS2)
    assert [d.origin for d in iter_feed(str(path))] == [f"{path}#1", f"{path}#2"]


def test_missing_feed_file_is_one_error(tmp_path: Path) -> None:
    """A feed path that does not exist is an unreadable Document naming it."""
    (doc,) = iter_feed(str(tmp_path / "nope.xml"))
    assert doc.failure is Failure.UNREADABLE
    assert "nope.xml" in (doc.error or "")


def test_feed_url_is_fetched_and_its_url_is_the_base(
    httpserver: HTTPServer, quick: FetchOptions
) -> None:
    """A feed URL is fetched (any content type) and relative links resolve against it."""
    httpserver.expect_request("/feed").respond_with_data(RSS2, content_type="application/rss+xml")
    docs = list(iter_feed(httpserver.url_for("/feed"), options=quick))
    assert len(docs) == 2
    assert f'href="{httpserver.url_for("/rel")}"' in docs[1].body.decode()


def test_unreachable_feed_url_is_one_typed_error(
    httpserver: HTTPServer, quick: FetchOptions
) -> None:
    """A feed URL that answers 404 gives one http_status Document."""
    httpserver.expect_request("/feed").respond_with_data("no", status=404)
    (doc,) = iter_feed(httpserver.url_for("/feed"), options=quick)
    assert doc.failure is Failure.HTTP_STATUS
    assert doc.status == 404


PAGE = b"<html><head><title>Full</title></head><body><p>The whole post</p></body></html>"


def test_full_fetches_each_entry_page_and_keeps_feed_credit(
    httpserver: HTTPServer, quick: FetchOptions, tmp_path: Path
) -> None:
    """--full: the entry's page replaces the feed HTML; feed author/date and rel=via stay."""
    httpserver.expect_request("/p/1").respond_with_data(PAGE, content_type="text/html")
    feed = tmp_path / "atom.xml"
    feed.write_bytes(
        ATOM.replace(b"https://atom.example/p/1", httpserver.url_for("/p/1").encode())
        .replace(b'<link href="p/2"/>', b"")
        .replace(b"https://atom.example/p/3", httpserver.url_for("/missing").encode())
    )
    docs = {d.origin: d for d in iter_feed(str(feed), full=True, options=quick)}
    first = docs[f"{feed}#1"]
    assert first.url == httpserver.url_for("/p/1")
    assert first.author == "Bo"
    body = first.body.decode()
    assert "The whole post" in body
    assert body.index('<a rel="via" href="https://source.example/post">') < body.index("</body>")
    assert b"Inline <b>markup</b>" in docs[f"{feed}#2"].body  # no link: the feed's HTML
    assert docs[f"{feed}#3"].failure is Failure.HTTP_STATUS


def test_skip_leaves_known_entries_out_before_fetching(
    httpserver: HTTPServer, quick: FetchOptions, tmp_path: Path
) -> None:
    """--skip-known: a known entry URL is neither yielded nor fetched."""
    feed = tmp_path / "rss.xml"
    feed.write_bytes(
        RSS2.replace(b"https://blog.example/2024/second", httpserver.url_for("/2").encode())
    )
    docs = list(iter_feed(str(feed), full=True, options=quick, skip=lambda u: u.endswith("/2")))
    assert len(httpserver.log) == 0
    assert [d.origin for d in docs] == [f"{feed}#1"]


CONFORMANCE = sorted((SHARED / "conformance" / "feeds").glob("*.xml"))


@pytest.mark.skipif(not CONFORMANCE, reason="../shared/conformance/feeds is absent")
@pytest.mark.parametrize("path", CONFORMANCE, ids=[p.name for p in CONFORMANCE])
def test_conformance_feed_goes_through(path: Path) -> None:
    """feedparser's own test feeds: no exception; well-formed ones give no error Document."""
    docs = list(iter_feed(str(path)))
    assert all(d.error is None for d in docs) or "wellformed" not in path.name
    assert all(d.body for d in docs if d.error is None)
