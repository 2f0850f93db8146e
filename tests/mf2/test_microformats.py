"""Markup credits and metadata: microformats2 relations, rel=via and JSON-LD, on small pages."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from hattip.model import CreditKind, Region
from hattip.parse.microformats import (
    StructuredMetadata,
    structured_credits,
    structured_metadata,
)

BASE = "https://blog.example/2024/05/post.html"
REPOST = CreditKind.REPOST_OF
REPLY = CreditKind.REPLY_TO
QUOTE = CreditKind.QUOTATION_OF
VIA = CreditKind.VIA


def tree(html: str) -> HtmlElement:
    """Parse a fixture the way the HTML parser does: once, with lxml.html."""
    return lxml.html.fromstring(html)


def pairs(html: str, base: str | None = BASE) -> list[tuple[CreditKind, str | None]]:
    """The (kind, url) of each structured credit, in the order they are returned."""
    return [(c.kind, c.url) for c in structured_credits(tree(html), base_url=base)]


# Each case: a page, then the (kind, url) credits it must give, in order.
RELATION_CASES: list[tuple[str, str, list[tuple[CreditKind, str]]]] = [
    (
        "u-repost-of-link",
        '<article class="h-entry"><a class="u-repost-of" href="https://a.example/p">A</a>'
        "</article>",
        [(REPOST, "https://a.example/p")],
    ),
    (
        "u-in-reply-to-link",
        '<div class="h-entry"><a class="u-in-reply-to" href="https://b.example/q">re</a></div>',
        [(REPLY, "https://b.example/q")],
    ),
    (
        "u-quotation-of-link",
        '<div class="h-entry"><a class="u-quotation-of" href="https://c.example/r">q</a></div>',
        [(QUOTE, "https://c.example/r")],
    ),
    (
        "p-in-reply-to-on-a-link-takes-href",
        '<div class="h-entry"><a class="p-in-reply-to" href="https://b.example/q">A title</a>'
        "</div>",
        [(REPLY, "https://b.example/q")],
    ),
    (
        "p-repost-of-with-url-text",
        '<div class="h-entry"><span class="p-repost-of">https://a.example/p</span></div>',
        [(REPOST, "https://a.example/p")],
    ),
    (
        "p-repost-of-with-plain-text-is-not-a-url",
        '<div class="h-entry"><span class="p-repost-of">a post I liked</span></div>',
        [],
    ),
    (
        "u-in-reply-to-on-data-value",
        '<div class="h-entry"><data class="u-in-reply-to" value="https://b.example/q"></data>'
        "</div>",
        [(REPLY, "https://b.example/q")],
    ),
    (
        "nested-h-cite-takes-its-u-url",
        '<div class="h-entry"><div class="u-in-reply-to h-cite">'
        '<a class="p-name u-url" href="https://b.example/q">Post</a></div></div>',
        [(REPLY, "https://b.example/q")],
    ),
    (
        "nested-h-cite-url-not-its-authors-url",
        '<div class="h-entry"><div class="p-in-reply-to h-cite">'
        '<span class="p-author h-card"><a class="u-url" href="https://author.example/">A</a>'
        '</span><a class="u-url" href="https://b.example/q">permalink</a></div></div>',
        [(REPLY, "https://b.example/q")],
    ),
    (
        "h-cite-on-a-link-implies-its-href",
        '<div class="h-entry"><a class="u-in-reply-to h-cite" href="https://b.example/q">x</a>'
        "</div>",
        [(REPLY, "https://b.example/q")],
    ),
    (
        "h-cite-with-only-child-link-implies-url",
        '<div class="h-entry"><p class="u-quotation-of h-cite">'
        '<a href="https://c.example/r">quoted</a></p></div>',
        [(QUOTE, "https://c.example/r")],
    ),
    (
        "h-cite-without-url-falls-back-to-web-uid",
        '<div class="h-entry"><article class="u-repost-of h-cite">'
        '<span class="p-uid">https://a.example/p</span><p class="e-content">text</p>'
        "</article></div>",
        [(REPOST, "https://a.example/p")],
    ),
    (
        "h-cite-with-tag-uid-and-no-url-gives-nothing",
        '<div class="h-entry"><article class="u-repost-of h-cite">'
        '<span class="p-uid">tag:a.example,2020:1</span><span class="p-name">KP</span>'
        "</article></div>",
        [],
    ),
    (
        "relative-url-resolved-against-base",
        '<div class="h-entry"><a class="u-in-reply-to" href="../04/other.html">re</a></div>',
        [(REPLY, "https://blog.example/2024/04/other.html")],
    ),
    (
        "javascript-url-refused",
        '<div class="h-entry"><a class="u-in-reply-to" href="javascript:alert(\'x\')">a</a></div>',
        [],
    ),
    (
        "javascript-url-refused-with-spaces-and-case",
        '<div class="h-entry"><a class="u-repost-of" href=" JavaScript:alert(1)">a</a></div>',
        [],
    ),
    (
        "mailto-and-data-urls-refused",
        '<div class="h-entry"><a class="u-in-reply-to" href="mailto:x@a.example">m</a>'
        '<a class="u-repost-of" href="data:text/html,hi">d</a></div>',
        [],
    ),
    (
        "javascript-url-in-nested-h-card-refused",
        '<div class="h-entry"><div class="p-repost-of h-card">'
        '<a class="u-url p-name" href="javascript:alert(1)">attack</a></div></div>',
        [],
    ),
    (
        "like-of-is-not-a-credit",
        '<div class="h-entry"><a class="u-like-of" href="https://a.example/p">like</a></div>',
        [],
    ),
    (
        "bookmark-of-is-not-a-credit",
        '<div class="h-entry"><a class="u-bookmark-of" href="https://a.example/p">bm</a></div>',
        [],
    ),
    (
        "nested-comment-entry-reply-is-not-the-posts",
        '<article class="h-entry"><p class="e-content">My post</p>'
        '<div class="p-comment h-entry"><a class="u-in-reply-to" href="https://x.example/1">r</a>'
        "</div></article>",
        [],
    ),
    (
        "u-comment-h-cite-repost-is-not-the-posts",
        '<article class="h-entry"><div class="u-comment h-cite">'
        '<a class="u-repost-of" href="https://x.example/1">r</a></div></article>',
        [],
    ),
    (
        "like-h-cite-by-someone-else-is-not-the-posts",
        '<article class="h-entry"><a class="u-url p-name" href="https://me.example/abc">abc</a>'
        '<article class="u-like h-cite"><span class="p-author h-card">'
        '<a class="p-name u-url" href="https://alice.example/">Alice</a></span>'
        '<a class="u-like-of" href="https://me.example/abc"></a>'
        '<a class="u-repost-of" href="https://me.example/abc"></a></article></article>',
        [],
    ),
    (
        "reply-inside-quoted-h-cite-belongs-to-the-quote",
        '<article class="h-entry"><blockquote class="u-quotation-of h-cite">'
        '<a class="u-url" href="https://c.example/r">q</a>'
        '<a class="u-in-reply-to" href="https://d.example/s">their reply</a></blockquote>'
        "</article>",
        [(QUOTE, "https://c.example/r")],
    ),
    (
        "top-level-p-comment-entry-is-a-comment",
        '<div class="p-comment h-entry"><a class="u-in-reply-to" href="https://x.example/1">'
        "r</a></div>",
        [],
    ),
    (
        "entry-inside-comments-section-is-a-comment",
        '<div><article>My post</article><ol id="comments"><li class="h-entry">'
        '<a class="u-in-reply-to" href="https://x.example/1">r</a></li></ol></div>',
        [],
    ),
    (
        "comments-section-inside-the-entry-is-skipped",
        '<body class="h-entry"><p class="e-content">post</p><div class="comments">'
        '<a class="u-in-reply-to" href="https://x.example/1">r</a></div></body>',
        [],
    ),
    (
        "h-author-root-is-not-an-entry",
        '<article class="h-author"><a class="u-in-reply-to" href="https://x.example/1">r</a>'
        "</article>",
        [],
    ),
    (
        "h-card-root-is-not-an-entry",
        '<div class="h-card"><a class="u-repost-of" href="https://x.example/1">r</a></div>',
        [],
    ),
    (
        "no-h-entry-no-mf2-credits",
        '<div class="post"><a class="u-in-reply-to" href="https://x.example/1">r</a></div>',
        [],
    ),
    (
        "duplicate-urls-give-one-credit",
        '<body class="h-entry"><a class="u-in-reply-to" href="https://x.example/1">r</a>'
        '<div class="u-in-reply-to h-cite"><a class="u-url" href="https://x.example/1">r</a>'
        "</div></body>",
        [(REPLY, "https://x.example/1")],
    ),
    (
        "same-url-different-kinds-kept-apart",
        '<div class="h-entry"><a class="u-in-reply-to" href="https://x.example/1">r</a>'
        '<a class="u-quotation-of" href="https://x.example/1">q</a></div>',
        [(REPLY, "https://x.example/1"), (QUOTE, "https://x.example/1")],
    ),
    (
        "feed-entries-are-the-pages-own",
        '<div class="h-feed"><div class="h-entry"><a class="u-in-reply-to" '
        'href="https://x.example/1">r</a></div><div class="h-entry">'
        '<a class="u-repost-of" href="https://y.example/2">p</a></div></div>',
        [(REPLY, "https://x.example/1"), (REPOST, "https://y.example/2")],
    ),
    (
        "several-relations-in-document-order",
        '<div class="h-entry"><a class="u-quotation-of" href="https://c.example/">q</a>'
        '<a class="u-in-reply-to" href="https://b.example/">r</a>'
        '<a class="u-repost-of" href="https://a.example/">p</a></div>',
        [
            (QUOTE, "https://c.example/"),
            (REPLY, "https://b.example/"),
            (REPOST, "https://a.example/"),
        ],
    ),
    (
        "class-tokens-split-by-newlines-and-tabs",
        '<div class="post\n\th-entry"><a class="link\nu-repost-of" href="https://a.example/p">'
        "p</a></div>",
        [(REPOST, "https://a.example/p")],
    ),
    (
        "look-alike-classes-are-not-microformats",
        '<div class="xh-entry h-entryx"><a class="u-repost-ofx" href="https://a.example/p">p</a>'
        "</div>",
        [],
    ),
]


@pytest.mark.parametrize(
    ("html", "expected"),
    [pytest.param(html, expected, id=name) for name, html, expected in RELATION_CASES],
)
def test_relation_markup_gives_exactly_these_credits(
    html: str, expected: list[tuple[CreditKind, str]]
) -> None:
    """Each relation form, and each trap, yields exactly the expected credits in order."""
    assert pairs(html) == expected


def test_relative_url_without_base_gives_no_credit() -> None:
    """A relative href cannot be made absolute without a base URL, so it is not credited."""
    html = '<div class="h-entry"><a class="u-in-reply-to" href="/other">re</a></div>'
    assert pairs(html, base=None) == []


def test_explicit_relation_credit_carries_evidence_confidence_site_and_region() -> None:
    """A u-repost-of credit says which markup made it, how sure it is, and where it stands."""
    html = '<div class="h-entry"><a class="u-repost-of" href="https://a.example/p">Bare</a></div>'
    (credit,) = structured_credits(tree(html), base_url=None)
    assert credit.evidence == 'u-repost-of "Bare"'
    assert credit.confidence == pytest.approx(0.95)
    assert credit.region is Region.BODY
    assert credit.site == "a.example"
    assert credit.name is None


def test_nested_h_cite_credit_is_named_after_its_author() -> None:
    """An h-cite names the credited party by its p-author, not by the author's URL."""
    html = (
        '<div class="h-entry"><article class="u-repost-of h-cite">'
        '<span class="p-author h-card"><a class="p-name u-url" href="https://bob.example/">Bob'
        '</a></span><a class="u-url" href="https://bob.example/post">post</a></article></div>'
    )
    (credit,) = structured_credits(tree(html), base_url=None)
    assert (credit.name, credit.url) == ("Bob", "https://bob.example/post")
    assert credit.evidence.startswith("u-repost-of h-cite")


def test_nested_h_cite_without_author_is_named_by_its_explicit_p_name() -> None:
    """Without an author, the h-cite's own p-name names what is credited."""
    html = (
        '<div class="h-entry"><div class="p-in-reply-to h-cite"><span class="p-name">Example'
        ' Post</span><a class="u-url" href="https://b.example/1">x</a></div></div>'
    )
    (credit,) = structured_credits(tree(html), base_url=None)
    assert credit.name == "Example Post"


def test_cite_content_doubling_as_name_is_not_a_party_name() -> None:
    """An ``e-content p-name`` is the quoted text, not whom the quote credits."""
    html = (
        '<div class="h-entry"><article class="h-cite u-quotation-of">'
        '<a class="u-url" href="https://q.example/p">q</a>'
        '<div class="e-content p-name">this is being quoted</div></article></div>'
    )
    (credit,) = structured_credits(tree(html), base_url=None)
    assert credit.name is None


# rel="via": (id, page, base, expected (kind, url, region, name)).
VIA_CASES: list[tuple[str, str, list[tuple[str, Region, str | None]]]] = [
    (
        "rel-via-in-post-credits-its-href",
        '<article class="h-entry"><p class="e-content">Great find '
        '(<a rel="via" href="https://kottke.example/x">Kottke</a>)</p></article>',
        [("https://kottke.example/x", Region.BODY, "Kottke")],
    ),
    (
        "rel-via-bare-via-text-names-nobody",
        '<article class="h-entry"><p>Neat. <a rel="via" href="https://k.example/x">(via)</a></p>'
        "</article>",
        [("https://k.example/x", Region.BODY, None)],
    ),
    (
        "rel-via-among-other-rel-tokens",
        '<article class="h-entry"><a rel="nofollow Via" href="https://k.example/x">K</a></article>',
        [("https://k.example/x", Region.BODY, "K")],
    ),
    (
        "rel-token-containing-via-is-not-via",
        '<article class="h-entry"><a rel="viaduct" href="https://k.example/x">K</a></article>',
        [],
    ),
    (
        "rel-via-in-nested-comment-entry-is-not-the-posts",
        '<article class="h-entry"><p>post</p><div class="p-comment h-entry">'
        '<a rel="via" href="https://k.example/x">K</a></div></article>',
        [],
    ),
    (
        "rel-via-in-comments-section-is-not-the-posts",
        '<body><article class="h-entry"><p>post</p></article><div id="comments">'
        '<a rel="via" href="https://k.example/x">K</a></div></body>',
        [],
    ),
    (
        "rel-via-outside-the-own-entry-is-ignored",
        '<body><nav><a rel="via" href="https://k.example/x">K</a></nav>'
        '<article class="h-entry"><p>post</p></article></body>',
        [],
    ),
    (
        "rel-via-without-any-h-entry-counts-outside-comments",
        '<body><div class="post"><a rel="via" href="https://k.example/x">K</a></div>'
        '<ol class="commentlist"><li><a rel="via" href="https://spam.example/">S</a></li></ol>'
        "</body>",
        [("https://k.example/x", Region.BODY, "K")],
    ),
    (
        "link-rel-via-in-head-is-a-head-credit",
        '<html><head><link rel="via" href="/orig" title="The Original"></head>'
        '<body><article class="h-entry">post</article></body></html>',
        [("https://blog.example/orig", Region.HEAD, "The Original")],
    ),
    (
        "rel-via-javascript-href-refused",
        '<article class="h-entry"><a rel="via" href="javascript:void(0)">K</a></article>',
        [],
    ),
]


@pytest.mark.parametrize(
    ("html", "expected"),
    [pytest.param(html, expected, id=name) for name, html, expected in VIA_CASES],
)
def test_rel_via_gives_exactly_these_via_credits(
    html: str, expected: list[tuple[str, Region, str | None]]
) -> None:
    """rel=via credits the href where the post's author put it, and nowhere else."""
    credits = structured_credits(tree(html), base_url=BASE)
    assert all(c.kind is VIA for c in credits)
    assert [(c.url, c.region, c.name) for c in credits] == expected
    assert all(c.evidence.startswith('rel="via"') for c in credits)


def test_scan_is_not_reused_for_another_tree() -> None:
    """The one-slot scan cache never answers for a different page."""
    first = '<div class="h-entry"><a class="u-repost-of" href="https://a.example/">p</a></div>'
    second = '<div class="h-entry"><a class="u-in-reply-to" href="https://b.example/">r</a></div>'
    assert pairs(first) == [(REPOST, "https://a.example/")]
    assert pairs(second) == [(REPLY, "https://b.example/")]


# --- metadata ---------------------------------------------------------------------------------

ENTRY = (
    '<article class="h-entry"><h1 class="p-name">Hello &amp; welcome</h1>'
    '<span class="p-author h-card"><img class="u-photo" src="/a.png" alt="">'
    '<a class="p-name u-url" href="/">Jane Doe</a></span>'
    '<time class="dt-published" datetime="2024-05-01T10:00:00Z">May 1</time>'
    '<a class="u-url" href="/2024/05/hello">#</a><div class="e-content">Body</div></article>'
)


def jsonld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


METADATA_CASES: list[tuple[str, str, StructuredMetadata]] = [
    (
        "h-entry-explicit-properties",
        f"<html><body>{ENTRY}</body></html>",
        StructuredMetadata(
            title="Hello & welcome",
            author="Jane Doe",
            published="2024-05-01T10:00:00Z",
            url="https://blog.example/2024/05/hello",
        ),
    ),
    (
        "note-content-is-not-a-title",
        '<div class="h-entry"><p class="e-content p-name">just a note</p>'
        '<a class="p-author h-card" href="/">Kyle</a></div>',
        StructuredMetadata(author="Kyle"),
    ),
    (
        "author-avatar-only-card-uses-image-alt",
        '<div class="h-entry"><a class="p-author h-card" href="/"><img src="/a.png" '
        'alt="Tantek"></a></div>',
        StructuredMetadata(author="Tantek"),
    ),
    (
        "jsonld-article",
        jsonld(
            '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Big news",'
            '"author":{"@type":"Person","name":"Ann Reporter"},"datePublished":"2024-01-02",'
            '"url":"https://news.example/big"}'
        ),
        StructuredMetadata(
            title="Big news",
            author="Ann Reporter",
            published="2024-01-02",
            url="https://news.example/big",
        ),
    ),
    (
        "jsonld-graph-with-author-reference",
        jsonld(
            '{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},'
            '{"@type":"BlogPosting","headline":"Post","author":{"@id":"#me"},'
            '"mainEntityOfPage":{"@id":"/p/1"}},{"@type":"Person","@id":"#me","name":"Me"}]}'
        ),
        StructuredMetadata(title="Post", author="Me", url="https://blog.example/p/1"),
    ),
    (
        "jsonld-top-level-list-and-type-list",
        jsonld(
            '[{"@type":"BreadcrumbList"},{"@type":["NewsArticle","ReportageNewsArticle"],'
            '"headline":"Listed","author":[{"name":"A"},{"name":"B"}, "C"]}]'
        ),
        StructuredMetadata(title="Listed", author="A, B, C"),
    ),
    (
        "jsonld-trailing-commas-and-cdata",
        jsonld('<![CDATA[ {"@type":"Article","headline":"Loose","keywords":["a",],} ]]>'),
        StructuredMetadata(title="Loose"),
    ),
    (
        "jsonld-html-entities-unescaped",
        jsonld('{"@type":"Article","headline":"Tom &amp; Jerry&#8217;s"}'),
        StructuredMetadata(title="Tom & Jerry\u2019s"),
    ),
    (
        "jsonld-broken-is-skipped",
        jsonld('{"@type":"Article","headline": ') + jsonld("Musik und Sport\n5"),
        StructuredMetadata(),
    ),
    (
        "jsonld-non-article-types-ignored",
        jsonld('{"@type":"Organization","name":"Org","url":"https://org.example/"}'),
        StructuredMetadata(),
    ),
    (
        "h-entry-first-jsonld-fills-gaps",
        '<div class="h-entry"><h1 class="p-name">Entry title</h1></div>'
        + jsonld('{"@type":"Article","headline":"LD title","datePublished":"2020-02-02"}'),
        StructuredMetadata(title="Entry title", published="2020-02-02"),
    ),
    (
        "several-entries-give-no-entry-metadata",
        '<div class="h-entry"><h2 class="p-name">One</h2></div>'
        '<div class="h-entry"><h2 class="p-name">Two</h2></div>',
        StructuredMetadata(),
    ),
    (
        "comment-entry-metadata-is-not-the-posts",
        '<article><h1>Post</h1><div class="p-comment h-entry"><span class="p-name">Reply'
        '</span><a class="p-author h-card" href="/">Troll</a></div></article>',
        StructuredMetadata(),
    ),
    (
        "no-structured-data",
        "<html><head><title>t</title></head><body><p>plain</p></body></html>",
        StructuredMetadata(),
    ),
    (
        "published-without-digits-is-dropped",
        '<div class="h-entry"><time class="dt-published" datetime="%%time">x</time></div>',
        StructuredMetadata(),
    ),
]


@pytest.mark.parametrize(
    ("html", "expected"),
    [pytest.param(html, expected, id=name) for name, html, expected in METADATA_CASES],
)
def test_structured_metadata_reads_entry_then_jsonld(
    html: str, expected: StructuredMetadata
) -> None:
    """Title, author, date and URL come from the own h-entry, then JSON-LD, else stay None."""
    assert structured_metadata(tree(html), base_url=BASE) == expected


# --- invariants -------------------------------------------------------------------------------

_CLASSES = st.sampled_from(
    [
        "h-entry",
        "h-cite",
        "h-card",
        "h-feed",
        "p-comment",
        "u-in-reply-to",
        "p-in-reply-to",
        "u-repost-of",
        "u-quotation-of",
        "u-like-of",
        "u-url",
        "p-name",
        "p-author",
        "dt-published",
        "comments",
        "post",
    ]
)
_HREFS = st.sampled_from(
    [
        "https://a.example/1",
        "/rel",
        "rel",
        "//proto.example/x",
        "javascript:alert(1)",
        "mailto:a@b.example",
        "http://[::1",
        "",
        " https://b.example/ ",
    ]
)
_TAGS = st.sampled_from(["div", "a", "span", "article", "data", "time", "link", "img", "li"])


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(_TAGS)
        classes = " ".join(draw(st.lists(_CLASSES, max_size=3)))
        rel = ' rel="via"' if draw(st.booleans()) else ""
        text = draw(st.text(max_size=20)).replace("<", " ").replace("&", " ")
        parts.append(
            f'<{tag} class="{classes}" href="{draw(_HREFS)}" value="{draw(_HREFS)}"{rel}>{text}'
        )
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    if draw(st.booleans()):
        parts.append(jsonld(draw(st.text(max_size=60)).replace("<", " ")))
    return "<html><body>" + "".join(parts) + "</body></html>"


@settings(max_examples=150, deadline=None)
@given(html=_pages(), base=st.sampled_from([None, BASE, "not a url"]))
def test_any_page_gives_web_urls_without_duplicates_and_never_raises(
    html: str, base: str | None
) -> None:
    """On any markup the functions return; every credit has a deduplicated http(s) URL."""
    root = tree(html)
    credits = structured_credits(root, base_url=base)
    keys = [(c.kind, c.url) for c in credits]
    assert len(keys) == len(set(keys))
    for credit in credits:
        assert credit.url is not None
        assert credit.url.startswith(("http://", "https://"))
        assert credit.kind in {REPOST, REPLY, QUOTE, VIA}
    assert isinstance(structured_metadata(root, base_url=base), StructuredMetadata)


@settings(max_examples=100, deadline=None)
@given(body=st.text(max_size=200))
def test_any_jsonld_text_never_raises(body: str) -> None:
    """Whatever a JSON-LD script holds, metadata extraction returns instead of raising."""
    root = tree("<html><head>" + jsonld(body.replace("<", " ")) + "</head><body>x</body></html>")
    assert isinstance(structured_metadata(root, base_url=None), StructuredMetadata)


def test_deeply_nested_jsonld_does_not_raise() -> None:
    """JSON nested past the recursion limit is skipped, not a crash."""
    deep = "[" * 100_000 + "]" * 100_000
    root = tree("<html><head>" + jsonld(deep) + "</head><body>x</body></html>")
    assert structured_metadata(root, base_url=None) == StructuredMetadata()
