"""Links: one per ``<a href>``, ``<area>``, ``cite=`` and embed ``src``, absolute and cleaned."""

from __future__ import annotations

import pytest

from hattip import Link, Region

from .snippets import URL, post, read

PAGE = "https://blog.example.com/2020/05/post.html"


def links_of(body: str, *, url: str | None = PAGE, head: str = "") -> tuple[Link, ...]:
    """The links of a post whose body is ``body``."""
    return read(post(body, head=head), url=url).links


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        pytest.param("other.html", "https://blog.example.com/2020/05/other.html", id="sibling"),
        pytest.param("../up/a.html", "https://blog.example.com/2020/up/a.html", id="parent"),
        pytest.param("/about", "https://blog.example.com/about", id="root-relative"),
        pytest.param("?page=2", PAGE + "?page=2", id="query-only"),
        pytest.param("//cdn.example.net/x", "https://cdn.example.net/x", id="scheme-relative"),
        pytest.param("  https://sp.example.org/  ", "https://sp.example.org/", id="padded"),
        pytest.param("HTTPS://UP.EXAMPLE.ORG/Path", "https://up.example.org/Path", id="upper-host"),
    ],
)
def test_relative_href_is_made_absolute_against_the_page_url(href: str, expected: str) -> None:
    """Relative links resolve against ``url=`` as a browser would; hosts are lowercased."""
    assert [lk.url for lk in links_of(f'<p><a href="{href}">x</a></p>')] == [expected]


@pytest.mark.parametrize(
    "href",
    ["#top", "javascript:void(0)", "mailto:me@example.org", "tel:+15551234", "data:text/html,hi"],
)
def test_non_web_href_is_not_a_link(href: str) -> None:
    """Fragments, scripts, mail, phone and data URLs are not outbound links."""
    assert links_of(f'<p><a href="{href}">x</a></p>') == ()


def test_base_href_wins_over_the_page_url() -> None:
    """``<base href>`` is the base of every relative link, as in a browser."""
    head = '<base href="https://other.example.net/dir/">'
    links = links_of('<p><a href="x.html">x</a> <a href="/abs">y</a></p>', head=head)
    assert [lk.url for lk in links] == [
        "https://other.example.net/dir/x.html",
        "https://other.example.net/abs",
    ]


def test_relative_base_href_resolves_against_the_page_url() -> None:
    """A relative ``<base href>`` is itself resolved against the page URL first."""
    links = links_of('<p><a href="x.html">x</a></p>', head='<base href="/sub/">')
    assert [lk.url for lk in links] == ["https://blog.example.com/sub/x.html"]


def test_first_base_href_counts() -> None:
    """Only the first ``<base href>`` of the document counts (HTML's rule)."""
    head = '<base href="https://first.example.net/a/"><base href="https://second.example.net/">'
    assert [lk.url for lk in links_of('<p><a href="x">x</a></p>', head=head)] == [
        "https://first.example.net/a/x"
    ]


def test_canonical_url_is_the_base_when_no_url_is_given() -> None:
    """Without ``url=``, the page's canonical link stands in for it."""
    head = f'<link rel="canonical" href="{PAGE}">'
    page = read(post('<p><a href="x.html">x</a></p>', head=head), url=None)
    assert page.url == PAGE
    assert [lk.url for lk in page.links] == ["https://blog.example.com/2020/05/x.html"]


def test_relative_link_without_any_base_does_not_invent_a_host() -> None:
    """With nothing to resolve against, a relative link never becomes a made-up host."""
    links = links_of(
        '<p><a href="page.html">x</a> <a href="https://a.example.org/">y</a></p>', url=None
    )
    assert "https://page.html/" not in [lk.url for lk in links]


def test_tracking_parameters_are_cleaned() -> None:
    """utm_* parameters are dropped; the page's own parameters stay."""
    href = "https://t.example.org/x?utm_source=tw&amp;utm_medium=social&amp;id=1"
    assert [lk.url for lk in links_of(f'<p><a href="{href}">x</a></p>')] == [
        "https://t.example.org/x?id=1"
    ]


def test_link_keeps_text_title_rel_and_site() -> None:
    """A link carries its folded text, title, lowercased rel tokens and site key."""
    body = (
        '<p><a href="https://www.kottke.org/a" title="Kottke" rel="NoFollow  External">'
        "  two\n   words </a></p>"
    )
    (link,) = links_of(body)
    assert (link.text, link.title, link.rel, link.site, link.region) == (
        "two words",
        "Kottke",
        ("nofollow", "external"),
        "kottke.org",
        Region.BODY,
    )


def test_area_cite_and_embed_sources_are_links() -> None:
    """``<area href>``, ``blockquote cite=`` and an iframe's ``src`` are links too."""
    body = (
        '<map name="m"><area href="https://area.example.org/" alt="Area"></map>'
        '<blockquote cite="https://cite.example.org/q"><p>Quoted words.</p></blockquote>'
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>'
    )
    links = links_of(body)
    assert [(lk.url, lk.text, lk.region) for lk in links] == [
        ("https://area.example.org/", "Area", Region.BODY),
        ("https://cite.example.org/q", "", Region.BODY),
        ("https://www.youtube.com/embed/abc", "", Region.EMBED),
    ]


def test_links_come_in_document_order_as_a_tuple() -> None:
    """``Page.links`` is a tuple in document order, one entry per link (repeats kept)."""
    body = "".join(f'<p><a href="https://{host}.example.org/">{host}</a></p>' for host in "abcab")
    links = links_of(body)
    assert isinstance(links, tuple)
    assert [lk.text for lk in links] == ["a", "b", "c", "a", "b"]


def test_page_url_and_site_come_from_url_argument() -> None:
    """The page's own URL and site key are the caller's ``url=``."""
    page = read(post("<p>x</p>"), url=URL)
    assert page.url == URL
    assert page.site is not None
    assert page.site.endswith("example.com")
