"""Regions: which part of a blog page each link stands in, on the markup of the common engines.

Each synthetic page links one marker host from each part (``https://body.example/``,
``https://comment.example/``...), so a table of marker -> region pins the labelling of every part
of the page, engine by engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import pytest

from hattip import CreditKind, Page, Region, extract

from .snippets import post_credits, read

PROSE = (
    "This paragraph is prose the author wrote, long enough that the post is plainly the post "
    "on this page and not its chrome. "
)


def mark(host: str, text: str | None = None) -> str:
    """A link to the marker host ``host``."""
    return f'<a href="https://{host}.example/">{text or host}</a>'


WORDPRESS = f"""<!DOCTYPE html><html><head><title>WP</title></head><body class="single">
<header id="masthead" class="site-header"><p class="site-title">{mark("masthead", "My Blog")}</p>
<nav id="site-navigation" class="main-navigation"><ul class="menu"><li>{mark("nav", "About")}</li>
</ul></nav></header>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1" class="post-1 post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">Title</h1></header>
<div class="entry-content"><p>{PROSE}{mark("body", "a body link")}.</p>
<div id="attachment_5" class="wp-caption aligncenter"><img src="/c.jpg" alt="">
<p class="wp-caption-text">A cat. Photo by {mark("caption", "Ann")}</p></div>
<p>{PROSE}<sup><a href="#fn1">1</a></sup></p>
<div class="footnotes"><hr><ol><li id="fn1">See {mark("footnote", "the paper")}
(h/t {mark("fnhattip", "Bob")}).</li></ol></div>
<div class="sharedaddy sd-sharing-enabled"><div class="sd-block"><h3>Share this:</h3>
<ul><li>{mark("share", "Share on Facebook")}</li></ul></div></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in {mark("footer", "Politics")}</span>
(via {mark("footvia", "Kottke")})</footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links">{mark("postnav", "Previous")}</div>
</nav>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts</h2>
<ol class="comment-list"><li class="comment"><article class="comment-body">
<div class="comment-content"><p>Nice, thanks for the link. {mark("comment", "my blog")}</p></div>
</article></li></ol></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_links"><h2>Blogroll</h2>
<ul class="xoxo blogroll"><li>{mark("blogroll", "Friend")}</li></ul></section></aside>
<footer id="colophon" class="site-footer"><div class="site-info">
{mark("sitefooter", "Proudly powered by WordPress")}</div></footer>
</body></html>"""

BLOGGER = f"""<html><head><title>B</title></head><body><div id="outer-wrapper">
<div id="header-wrapper"><div class="header section" id="header"><h1>{mark("masthead", "Blog")}</h1>
</div></div>
<div id="main-wrapper"><div class="main section" id="main"><div class="widget Blog" id="Blog1">
<div class="blog-posts hfeed"><div class="date-outer">
<h2 class="date-header"><span>Monday</span></h2>
<div class="date-posts"><div class="post-outer">
<div class="post hentry uncustomized-post-template"><h3 class="post-title entry-title">Title</h3>
<div class="post-header"></div>
<div class="post-body entry-content" id="post-body-1"><p>{PROSE}{mark("body", "a body link")}.</p>
<p>{PROSE}</p></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1">
<span class="post-author vcard">Posted by Me</span>
<span class="post-labels">Labels: {mark("footer", "politics")}</span></div>
<div class="post-share-buttons goog-inline-block">{mark("share", "Email This")}</div></div>
</div>
<div class="comments" id="comments"><h4>3 comments:</h4><div id="comments-block"><dl>
<dt class="comment-author">Bob said...</dt><dd class="comment-body">
<p>Thanks for the link! {mark("comment", "bob")}</p></dd></dl></div></div>
</div></div></div></div>
<div class="blog-pager" id="blog-pager">{mark("postnav", "Newer Post")}</div></div></div></div>
<div id="sidebar-wrapper"><div class="sidebar section" id="sidebar">
<div class="widget LinkList" id="LinkList1"><h2>Blogroll</h2><div class="widget-content"><ul>
<li>{mark("blogroll", "Friend")}</li></ul></div></div></div></div>
</div></body></html>"""

TYPEPAD = f"""<html><head><title>T</title></head><body class="layout-two-column-right post">
<div id="container"><div id="container-inner"><div id="banner">
<h1 id="banner-header">{mark("masthead", "Blog")}</h1></div>
<div id="pagebody"><div id="pagebody-inner"><div id="alpha"><div id="alpha-inner">
<div class="entry-category-politics entry-author-me entry-type-post entry" id="entry-1">
<h3 class="entry-header">Title</h3><div class="entry-content"><div class="entry-body">
<p>{PROSE}{mark("body", "a body link")}.</p><p>{PROSE}</p></div>
<div class="entry-more"><p>{PROSE} Via {mark("more", "Ann")}.</p></div></div>
<div class="entry-footer"><p class="entry-footer-info">Posted at 10:00 AM in
{mark("footer", "Politics")} | <a href="/p#comments">Comments (3)</a></p></div>
</div>
<div class="comments" id="comments"><div class="comments-inner">
<h3 class="comments-header">Comments</h3><div class="comments-content">
<div class="comment" id="comment-1"><div class="comment-content">
<p>Good. {mark("comment", "bob")}</p></div></div></div></div></div>
</div></div>
<div id="beta"><div id="beta-inner"><div class="module-typelist module">
<h2 class="module-header">Blogroll</h2><div class="module-content"><ul class="module-list">
<li class="module-list-item">{mark("blogroll", "Friend")}</li></ul></div></div></div></div>
</div></div></div></div></body></html>"""

SUBSTACK = f"""<html><head><title>S</title></head><body><div id="entry">
<div id="main" class="main typography use-theme-bg">
<div class="topbar"><div class="navbar-buttons">{mark("nav", "Subscribe")}</div></div>
<article class="typography newsletter-post post"><div class="post-header">
<h1 class="post-title">Title</h1></div>
<div class="available-content"><div dir="auto" class="body markup">
<p>{PROSE}{mark("body", "a body link")}.<a class="footnote-anchor" href="#footnote-1">1</a></p>
<p>{PROSE}</p>
<div class="footnote"><a class="footnote-number" href="#footnote-anchor-1">1</a>
<div class="footnote-content"><p>See {mark("footnote", "the study")}.</p></div></div></div></div>
</article>
<div class="comments-section"><div class="comment"><div class="comment-body">
<p>Yes! {mark("comment", "reader")}</p></div></div></div>
</div></div></body></html>"""

MOVABLE_TYPE = f"""<html><head><title>M</title></head><body><div id="container">
<div id="banner"><h1>{mark("masthead", "Blog")}</h1></div>
<div id="center"><div class="content">
<h2>May 1, 2006</h2><h3>Title</h3>
<p>{PROSE}{mark("body", "a body link")}.</p><p>{PROSE}</p>
<p class="posted">Posted by Me at 10:00 AM | {mark("footer", "Permalink")}</p>
<h2 id="comments">Comments</h2>
<p>Thanks for the link! A reader writing a comment here. {mark("comment", "reader")}</p>
<p class="posted">Posted by: Bob at May 1, 2006 11:00 AM</p>
</div></div>
<div id="right"><div class="sidebar"><h2>Links</h2><ul><li>{mark("blogroll", "Friend")}</li></ul>
</div></div></div></body></html>"""

DIV_SOUP = f"""<html><head><title>D</title></head><body>
<div>{mark("blogroll", "Friend")}<br>{mark("blogroll2", "Other")}</div>
<div><p>{PROSE}{mark("body", "a body link")}.</p><p>{PROSE}</p>
<p>{PROSE} (via {mark("via", "Ann")})</p></div></body></html>"""

TABLE_SOUP = f"""<html><head><title>D</title></head><body><table><tr>
<td width="150"><font size="1">{mark("blogroll", "Friend")}<br>{mark("blogroll2", "Other")}<br>
</font></td><td><font face="Verdana"><b>Title</b><br><br>{PROSE}{mark("body", "a body link")}.
<br><br>{PROSE}<br><br>{PROSE} (via {mark("via", "Ann")})<br></font></td></tr></table>
</body></html>"""

PAGES = {
    "wordpress": WORDPRESS,
    "blogger": BLOGGER,
    "typepad": TYPEPAD,
    "substack": SUBSTACK,
    "movable-type": MOVABLE_TYPE,
    "div-soup": DIV_SOUP,
    "table-soup": TABLE_SOUP,
}

B, FT, FN, CA, CO, SB, NV, SH = (
    Region.BODY,
    Region.FOOTER,
    Region.FOOTNOTE,
    Region.CAPTION,
    Region.COMMENT,
    Region.SIDEBAR,
    Region.NAV,
    Region.SHARE,
)


@dataclass(frozen=True, slots=True)
class Spot:
    """A marker link on an engine's page and the region it stands in."""

    engine: str
    marker: str
    region: Region
    bug: str | None = None


SPOTS: tuple[Spot, ...] = (
    Spot("wordpress", "masthead", SB),
    Spot("wordpress", "nav", NV),
    Spot("wordpress", "body", B),
    Spot("wordpress", "caption", CA),
    Spot("wordpress", "footnote", FN),
    Spot("wordpress", "share", SH),
    Spot("wordpress", "footer", FT),
    Spot("wordpress", "postnav", NV),
    Spot("wordpress", "comment", CO),
    Spot("wordpress", "blogroll", SB),
    Spot("wordpress", "sitefooter", SB),
    Spot("blogger", "masthead", SB),
    Spot("blogger", "body", B),
    Spot("blogger", "footer", FT),
    Spot("blogger", "share", SH),
    Spot("blogger", "comment", CO),
    Spot("blogger", "postnav", NV),
    Spot("blogger", "blogroll", SB),
    Spot("typepad", "masthead", SB),
    Spot("typepad", "body", B),
    Spot("typepad", "more", B),
    Spot("typepad", "footer", FT),
    Spot("typepad", "comment", CO),
    Spot("typepad", "blogroll", SB),
    Spot("substack", "nav", NV),
    Spot("substack", "body", B),
    Spot("substack", "footnote", FN),
    Spot("substack", "comment", CO),
    Spot("movable-type", "masthead", SB),
    Spot("movable-type", "body", B),
    Spot("movable-type", "footer", FT),
    Spot("movable-type", "comment", CO),
    Spot("movable-type", "blogroll", SB),
    Spot("div-soup", "blogroll", SB),
    Spot("div-soup", "body", B),
    Spot("div-soup", "via", B),
    Spot("table-soup", "blogroll", SB),
    Spot("table-soup", "body", B),
    Spot("table-soup", "via", B),
)


_PARSED: dict[str, Page] = {}


def parsed(engine: str) -> Page:
    """The page of ``engine``, extracted once for the whole module."""
    if engine not in _PARSED:
        _PARSED[engine] = read(PAGES[engine])
    return _PARSED[engine]


def regions_of(page: Page, marker: str) -> set[Region]:
    """The regions of the page's links to the marker host."""
    return {lk.region for lk in page.links if lk.url == f"https://{marker}.example/"}


@pytest.mark.parametrize(
    "spot",
    [
        pytest.param(
            s,
            id=f"{s.engine}-{s.marker}",
            marks=[pytest.mark.xfail(strict=True, reason=s.bug)] if s.bug else [],
        )
        for s in SPOTS
    ],
)
def test_link_stands_in_its_region(spot: Spot) -> None:
    """Each part of an engine's page is labelled: body, footer, footnote, caption, comment..."""
    assert regions_of(parsed(spot.engine), spot.marker) == {spot.region}


def test_every_marker_of_every_page_is_in_the_table() -> None:
    """No marker link of a fixture page goes unchecked."""
    listed = {(s.engine, s.marker) for s in SPOTS}
    for engine in PAGES:
        markers = {
            lk.url.removeprefix("https://").removesuffix(".example/")
            for lk in parsed(engine).links
            if lk.url.endswith(".example/")
        }
        for marker in markers - {"fnhattip", "footvia", "blogroll2"}:
            assert (engine, marker) in listed, f"{engine}: {marker} has no Spot"


def test_footnote_credit_is_a_post_credit() -> None:
    """A hat tip in the post's own footnotes is the post's (boilerplate removers drop it)."""
    credits = [c for c in parsed("wordpress").credits if c.site == "fnhattip.example"]
    assert [(str(c.kind), c.region) for c in credits] == [("hat_tip", Region.FOOTNOTE)]


def test_entry_footer_via_is_a_via_credit() -> None:
    """ "(via X)" in the post's own entry footer is a post via credit, images or not."""
    credits = [c for c in parsed("wordpress").credits if c.site == "footvia.example"]
    assert [(str(c.kind), c.region) for c in credits] == [("via", Region.FOOTER)]


def test_entry_footer_via_without_images_is_a_via_credit() -> None:
    """The same footer credit on a post with no image is a via of region footer."""
    page = read(WORDPRESS.replace('<img src="/c.jpg" alt="">', ""))
    credits = [c for c in page.credits if c.site == "footvia.example"]
    assert [(str(c.kind), c.region) for c in credits] == [("via", Region.FOOTER)]


def test_comment_and_blogroll_make_no_post_credit() -> None:
    """Readers' comments and the blogroll never add to the post's credits."""
    for engine in PAGES:
        sites = {site for _, _, site in post_credits(parsed(engine))}
        assert not sites & {"comment.example", "blogroll.example"}, engine


def test_caption_credit_is_an_image_credit() -> None:
    """ "Photo by X" in a WordPress caption is an image credit of region caption."""
    credits = [c for c in parsed("wordpress").credits if c.site == "caption.example"]
    assert [(str(c.kind), c.region) for c in credits] == [("image_credit", Region.CAPTION)]


def test_typepad_continuation_is_part_of_the_post() -> None:
    """Typepad's "entry-more" (the post after the fold) is body, and its via counts."""
    assert ("via", "Ann", "more.example") in post_credits(parsed("typepad"))


def test_comment_h_entry_is_not_the_post() -> None:
    """A comment marked up as its own h-entry does not pass for the post."""
    html = f"""<html><body><article class="h-entry"><div class="e-content"><p>{PROSE}</p>
    <p>{PROSE}{mark("body")}</p></div>
    <section class="comments"><article class="h-entry p-comment"><div class="e-content">
    <p>Lovely (via {mark("comment", "Kottke")}) and a long comment text here too.</p></div>
    </article></section></article></body></html>"""
    page = read(html)
    assert regions_of(page, "body") == {Region.BODY}
    assert regions_of(page, "comment") == {Region.COMMENT}
    assert post_credits(page) == []


def test_head_links_are_not_outbound_links() -> None:
    """Stylesheets and feeds in <head> are not the post's links."""
    html = (
        "<html><head><link rel='stylesheet' href='https://cdn.example/s.css'>"
        "<link rel='alternate' type='application/rss+xml' href='/feed'></head>"
        f"<body><article><p>{PROSE}{mark('body')}</p></article></body></html>"
    )
    assert [lk.url for lk in read(html).links] == ["https://body.example/"]


def test_story_container_is_the_post() -> None:
    """``<div id="story">`` holds the post; the related-post teasers after it do not."""
    teasers = "".join(
        f'<div class="thumb"><a href="https://t{i}.example/">Another story {i} with a title</a>'
        f"<p>{PROSE} {PROSE}</p></div>"
        for i in range(4)
    )
    html = f"""<html><body><div id="container"><div id="story"><h1>Title</h1><p>{PROSE}</p>
    <p>{PROSE} (via {mark("via", "Ann")})</p></div>
    <div id="next-post-thumbnails">{teasers}</div></div></body></html>"""
    page = read(html)
    assert regions_of(page, "via") == {Region.BODY}
    assert {link.region for link in page.links if "t1.example" in link.url} == {Region.SIDEBAR}


def test_comments_heading_with_html_comments_inside_still_heads_the_comments() -> None:
    """A caller's tree keeps HTML comments; they do not make a "Comments" heading a container."""
    html = f"""<html><body><article><p>{PROSE}</p><p>{PROSE}{mark("body")}</p>
    <h3>Comments<!--a--><!--b--><!--c--></h3>
    <div><p>Great post, via {mark("comment", "me")}</p></div></article></body></html>"""
    page = extract(lxml.html.document_fromstring(html))
    assert regions_of(page, "comment") == {Region.COMMENT}


def test_a_named_comments_anchor_heads_the_comments_of_a_post_without_heading_words() -> None:
    """<a name="comments"> alone (no "Comments" word anywhere) still starts the comment run."""
    page = read(
        '<html><body><div class="post"><p>'
        + "Long enough prose for the post. " * 5
        + '<a href="https://post.example/">a post link</a></p>'
        '<p><a name="comments"></a></p>'
        '<p>Bob: great! <a href="https://bob.example/">bob</a></p></div></body></html>'
    )
    regions = {link.url: link.region for link in page.links}
    assert regions["https://post.example/"] is Region.BODY
    assert regions["https://bob.example/"] is Region.COMMENT


def test_footnotes_beside_the_post_container_are_the_posts_footnotes() -> None:
    """Hatena-style: div.footnote follows the entry's body, outside it: still a post credit."""
    page = read(
        '<html><body><div class="day"><div class="entry-content"><p>'
        + "Prose of the post, long enough to be it. " * 4
        + '<a href="#f1">*1</a></p></div><div class="footnote"><p id="f1">*1 Thanks to '
        '<a href="https://jane.example/">Jane</a> for the link.</p></div></div>'
        '<div class="sidebar"><a href="https://roll.example/">roll</a></div></body></html>'
    )
    regions = {link.url: link.region for link in page.links}
    assert regions["https://jane.example/"] is Region.FOOTNOTE
    assert regions["https://roll.example/"] is Region.SIDEBAR
    assert ("thanks", "Jane", "jane.example") in post_credits(page)


def test_an_editors_note_before_the_article_is_part_of_the_post() -> None:
    """A source box beside <article> ("This post originally appeared on X") credits X."""
    page = read(
        '<html><body><div class="story-wrap"><section class="source_section"><p>This post '
        'originally appeared on <a href="https://grist.example/p">Grist</a>.</p></section>'
        "<article><p>" + "The article's own prose goes on here. " * 5 + "</p></article>"
        '<section class="related"><a href="https://other.example/">other</a></section></div>'
        "</body></html>"
    )
    regions = {link.url: link.region for link in page.links}
    assert regions["https://grist.example/p"] is Region.FOOTER
    assert regions["https://other.example/"] is Region.SIDEBAR
    assert [c[0] for c in post_credits(page)] == ["source"]


def test_a_comments_anchor_in_a_postless_body_does_not_make_the_whole_body_comments() -> None:
    """With no post container, the comment run starts at the anchor, inside <body>."""
    page = read(
        '<html><body><p>Intro (via <a href="https://kottke.org/">Kottke</a>).</p>'
        '<a name="comments"></a><p>Bob: nice <a href="https://bob.example/">bob</a></p>'
        "</body></html>"
    )
    regions = {link.url: link.region for link in page.links}
    assert regions["https://kottke.org/"] is Region.BODY
    assert regions["https://bob.example/"] is Region.COMMENT


def test_a_figures_footer_line_is_its_caption_not_a_sidebar() -> None:
    """BuzzFeed-style ``figure > div.x__figure-footer``: the picture's credit, not site chrome."""
    page = read(
        "<html><body><article><p>" + "The post's own prose goes on here. " * 4 + "</p>"
        '<figure class="media"><img src="a.jpg"><div class="media__figure-footer">'
        '<span>Via <a href="https://twitter.com/jdoe/status/1">Twitter: @jdoe</a></span>'
        '</div></figure></article><div class="site-footer"><a href="https://x.example/">x</a>'
        "</div></body></html>"
    )
    regions = {link.url: link.region for link in page.links}
    assert regions["https://twitter.com/jdoe/status/1"] is Region.CAPTION
    assert regions["https://x.example/"] is Region.SIDEBAR
    assert [c.kind for c in page.credits if c.region is Region.CAPTION] == [CreditKind.IMAGE_CREDIT]
