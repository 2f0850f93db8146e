"""Where the post is, and what every other part of the page is.

The post is found by the strongest signal the page offers, in order: the page's own ``h-entry``
items, top-level ``<article>`` elements, ``itemprop=articleBody``, the containers of the common
blog engines (WordPress, Blogger, Typepad, Movable Type, Substack, Ghost, Medium, Tumblr),
``<main>``, and last a text-density fallback for div soup. Everything is then labelled by its
nearest ancestor that says what it is (a comment list, a share bar, a blogroll, a caption...),
so comments and blogrolls never pass for the post, while the post's own footer and footnotes stay
part of it.

Labels are computed lazily, per element, walking up to the first ancestor already known, so a page
pays only for the elements hattip looks at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lxml.html import HtmlElement

from hattip.model import Region
from hattip.parse.survey import POST_TOKENS, Survey, survey
from hattip.parse.text import text_content

_COMMENT = re.compile(
    r"(?:^|[-_ ])(?:comments?|commentlist|comment-?list|respond|trackbacks?|pingbacks?|disqus"
    r"|disqus_thread|responses|replies|discussion|talkback|reader-?comments?|feedback)(?:$|[-_ \d])"
)
_SHARE = re.compile(
    r"share|sharing|sharedaddy|social|addthis|addtoany|a2a_|shareaholic|sociable|tweetmeme"
    r"|sd-content|post-actions|print-?email|follow-?us|jp-sharing|wp-block-social"
)
_NAV = re.compile(
    r"(?:^|[-_ ])(?:nav|navbar|navigation|menu|breadcrumbs?|pagination|pager|skip-link"
    r"|nav-links|post-nav|prev-next|nav-previous|nav-next|topbar|toc)(?:$|[-_ \d])"
)
_SIDEBAR = re.compile(
    r"sidebar|widget|blogroll|(?:^|[-_ ])(?:aside|related|recommend\w*|promo|ads?|advert\w*"
    r"|sponsor\w*|newsletter|subscribe|masthead|banner|colophon|popular|trending|outbrain"
    r"|taboola|tagcloud|tag-cloud|links|linkroll|archives?|site-header|site-footer|header"
    r"|footer|bio|author-bio|about-author|signup|cookie|more-stories|recirc\w*|rail|module"
    r"|secondary|extra|navbar|profile|search)(?:$|[-_ \d])"
)
_FOOTNOTE = re.compile(r"footnotes?|endnotes?|(?:^|[-_ ])(?:fn|notes|references)(?:$|[-_ \d])")
_CAPTION = re.compile(
    r"caption|credit|attribution|wp-caption-text|media-credit|photo-credit|image-credit|imagecredit"
    r"|getty|copyright-?img"
)
_EMBED = re.compile(
    r"twitter-tweet|instagram-media|tiktok-embed|fb-post|reddit-(?:embed|card)|bluesky-embed"
    r"|mastodon-embed|twitter-video|embedly-card|oembed"
)
_POST_FOOTER = re.compile(
    r"entry-footer|post-footer|entry-meta|postmetadata|post-meta|entry-utility|byline|posted"
    r"|post-info|entry-info|post-tags|entry-tags|tags-links|cat-links|postmeta|meta-data|dateline"
    r"|article-meta|entry-header|post-header|editors?-?note|source[-_]?(?:section|box|note|line)"
)

_COMMENTS_HEADING = re.compile(
    r"^\s*(?:\d+\s+|one\s+|no\s+)?(?:comments?|responses?|replies|trackbacks?|pingbacks?"
    r"|reader\s+comments|leave\s+a\s+(?:reply|comment)|add\s+a\s+comment|post\s+a\s+comment"
    r"|discussion|kommentare?|commentaires?|comentarios?)\b(?:\s+(?:to|on|for)\b.*)?[\s:.]*$",
    re.IGNORECASE,
)

_HEADING_TAGS = ("h2", "h3", "h4", "h5", "p", "div", "a")
_HEADING_WORDS = ("comment", "respons", "repl", "trackback", "pingback", "discussion", "kommentar")


def _comment_headings(container: HtmlElement) -> Iterator[HtmlElement]:
    """Short elements that may head a comment section, in document order.

    A walk over headings, paragraphs and divisions with a cheap look at each: an XPath
    ``contains()`` copies the string value of every node it tests, which cost ten times more.
    Half the posts hold none of the heading words at all: only a named anchor can head their
    comments, so the walk is spared.
    """
    low = text_content(container).lower()
    if not any(word in low for word in _HEADING_WORDS):
        yield from (
            a for a in container.iter("a") if a is not container and a.get("name") == "comments"
        )
        return
    for el in container.iter(*_HEADING_TAGS):
        if el is container:
            continue
        if el.tag == "a":
            if el.get("name") == "comments":
                yield el
            continue
        if len(el) >= 3 and sum(isinstance(child.tag, str) for child in el) >= 3:
            continue  # three child elements: not a heading (comment nodes do not count)
        text = text_content(el) if len(el) else (el.text or "")
        if len(text) >= 80:
            continue
        low = text.lower()
        if any(word in low for word in _HEADING_WORDS):
            yield el


_TAG_REGION: dict[str, Region] = {
    "head": Region.HEAD,
    "nav": Region.NAV,
    "aside": Region.SIDEBAR,
    "figcaption": Region.CAPTION,
    "caption": Region.CAPTION,
    "iframe": Region.EMBED,
    "form": Region.SIDEBAR,
    "menu": Region.NAV,
}
_CONTAINER_TAGS = frozenset(
    {
        "div",
        "section",
        "ol",
        "ul",
        "li",
        "aside",
        "article",
        "footer",
        "header",
        "nav",
        "p",
        "span",
        "table",
        "tbody",
        "tr",
        "td",
        "dl",
        "dd",
        "dt",
        "blockquote",
        "small",
        "figure",
        "center",
        "font",
        "main",
        "h2",
        "h3",
        "h4",
        "cite",
        "em",
        "i",
    }
)
_LABEL_TAGS = _CONTAINER_TAGS | _TAG_REGION.keys() | {"footer", "header", "body"}
"""The tags whose element can carry a region label of its own."""
_BLOCK_SCORE_TAGS = ("p", "pre", "blockquote")


def _class_id(cls: str | None, ident: str | None) -> str:
    """An element's class and id as one lowercase string of words ("" when it has neither)."""
    if cls is None and ident is None:
        return ""
    return f"{cls or ''} {ident or ''}".lower().strip()


class Regions:
    """Region labels for one page; ``regions.of(element)`` answers for any element.

    >>> import lxml.html
    >>> root = lxml.html.fromstring(
    ...     '<div><article><p id=a>x</p></article><div class=sidebar><a id=b>y</a></div></div>')
    >>> r = Regions(root)
    >>> r.of(root.get_element_by_id("a")).value, r.of(root.get_element_by_id("b")).value
    ('body', 'sidebar')
    """

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self.survey = survey(root)
        """The elements whose class, id or tag other passes look for, found in one walk."""
        self.posts: tuple[HtmlElement, ...] = tuple(find_posts(root, self.survey))
        self._cache: dict[HtmlElement, Region] = {}
        self._post_sizes: dict[HtmlElement, int] = {}
        self._inside: dict[HtmlElement, bool] = {}
        self._post_set = set(self.posts)
        ancestors: set[HtmlElement] = set()
        for post in self.posts:
            ancestors.update(post.iterancestors())
        self._post_ancestors = ancestors
        self._default = Region.SIDEBAR if self.posts else Region.BODY
        body = root.find("body")
        for container in self.posts or (root if body is None else body,):
            self._mark_comment_runs(container)  # with no post, the run is cut from the body
        for post in self.posts:
            self._mark_post_notes(post)

    def _mark_post_notes(self, post: HtmlElement) -> None:
        """Label a post's footnotes, footer or note boxes that stand beside its container.

        Blog engines put the footnotes after the entry's body (Hatena's ``div.footnote``,
        ``div.notes``) and news sites an editor's note or source box before the article; they
        are the post's own, as they would be inside it, unless their words also make them a
        sidebar, a comment section or navigation.
        """
        parent = post.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return
        for sibling in parent:
            if sibling is post or not isinstance(sibling.tag, str) or sibling in self._cache:
                continue
            cls, ident = sibling.get("class"), sibling.get("id")
            if (cls is None and ident is None) or len(cls or "") + len(ident or "") > 512:
                continue
            outside, inside_only = _pair_regions(cls, ident)
            if outside is None and inside_only is not None:
                self._cache[sibling] = inside_only

    def _mark_comment_runs(self, container: HtmlElement) -> None:
        """Flat pages put comments after a "Comments" heading as plain siblings: label them."""
        for heading in _comment_headings(container):
            text = text_content(heading) if heading.tag != "a" else (heading.get("name") or "")
            if len(text) > 60 or not _COMMENTS_HEADING.match(text):
                continue
            node = heading
            parent = heading.getparent()
            if heading.tag == "a" and parent is not None and parent is not container:
                node = parent  # <p><a name="comments"></a></p>: the paragraph starts the run
            while node is not None and node.getparent() is not None and node is not container:
                if node.getparent() is container:
                    break
                node = node.getparent()
            if node is None or node is container:
                continue
            sibling: HtmlElement | None = node
            while sibling is not None:
                if isinstance(sibling.tag, str):
                    self._cache[sibling] = Region.COMMENT
                sibling = sibling.getnext()
            return

    def of(self, el: HtmlElement) -> Region:
        """The region of ``el``: its own label, or its nearest labelled ancestor's."""
        cache = self._cache
        if el.tag not in _LABEL_TAGS and el not in self._post_set:
            # a link or an image labels nothing itself: most often its parent is known already
            parent = el.getparent()
            known = cache.get(parent) if parent is not None else None
            if known is not None:
                return known
        chain: list[HtmlElement] = []
        node: HtmlElement | None = el
        found: Region | None = None
        while node is not None:
            hit = cache.get(node)
            if hit is not None:
                found = hit
                break
            own = self._own(node)
            if own is not None:
                found = own
                cache[node] = own
                break
            chain.append(node)
            node = node.getparent()
        region = found if found is not None else self._default
        for item in chain:
            cache[item] = region
        return region

    def _own(self, el: HtmlElement) -> Region | None:
        if el in self._post_set:
            return Region.BODY
        tag = el.tag
        if tag not in _LABEL_TAGS:
            return None  # links, images, emphasis...: only their containers say where they are
        if el in self._post_ancestors:
            return self._default if tag == "body" else None
        by_tag = _TAG_REGION.get(tag)
        if by_tag is not None:
            if by_tag is Region.CAPTION and not self._inside_post(el):
                return None  # a caption outside the post (a teaser thumbnail) is the chrome's
            return by_tag
        if tag in ("footer", "header"):
            return Region.FOOTER if self._inside_post(el) else Region.SIDEBAR
        if tag not in _CONTAINER_TAGS:
            return None
        cls, ident = el.get("class"), el.get("id")
        if cls is None and ident is None:
            return None
        if len(cls or "") + len(ident or "") <= 512:
            outside, inside_only = _pair_regions(cls, ident)
        else:  # a hostile page's megabyte of class names is read, not remembered
            outside, inside_only = _attr_regions(_class_id(cls, ident))
        if outside is None and inside_only is None:
            return None
        if inside_only is not None and self._inside_post(el):
            return inside_only
        if outside is Region.SIDEBAR and self._inside_post(el):
            if "footer" in _class_id(cls, ident) and self._in_figure(el):
                return Region.CAPTION  # "subbuzz__figure-footer": the picture's credit line
            if self._holds_post(el):
                return None  # a layout column named "sidebar-fixed" that holds the post itself
        return outside

    def _in_figure(self, el: HtmlElement) -> bool:
        """Is ``el`` inside a ``<figure>`` of the post (a figure's footer is its caption)?"""
        for node in el.iterancestors():
            if node.tag == "figure":
                return True
            if node in self._post_set:
                return False
        return False

    def _holds_post(self, el: HtmlElement) -> bool:
        """Does ``el`` hold most of the text of the post it is inside?"""
        post = next((a for a in el.iterancestors() if a in self._post_set), None)
        if post is None:
            return False
        size = self._post_sizes.get(post)
        if size is None:
            size = self._post_sizes[post] = len(text_content(post))
        return len(text_content(el)) * 2 > size

    def _inside_post(self, el: HtmlElement) -> bool:
        """Is ``el`` strictly inside a post container? Cached along the way up."""
        if not self.posts:
            return True
        chain: list[HtmlElement] = []
        node = el.getparent()
        result = False
        while node is not None:
            if node in self._post_set:
                result = True
                break
            hit = self._inside.get(node)
            if hit is not None:
                result = hit
                break
            chain.append(node)
            node = node.getparent()
        for item in chain:
            self._inside[item] = result
        return result


@lru_cache(maxsize=1 << 16)
def _pair_regions(cls: str | None, ident: str | None) -> tuple[Region | None, Region | None]:
    """:func:`_attr_regions` of a class and id, remembered per pair."""
    return _attr_regions(_class_id(cls, ident))


def _attr_regions(attrs: str) -> tuple[Region | None, Region | None]:
    """What class/id words make an element: (its region anywhere, its region inside a post).

    The second, when set, wins inside the post (a caption, a footnote, the post's footer line).
    Class names repeat within a page and across a blog's pages, so each string is read once.
    """
    if _EMBED.search(attrs):
        return Region.EMBED, None
    if _COMMENT.search(attrs):
        return Region.COMMENT, None
    if _SHARE.search(attrs):
        return Region.SHARE, None
    if _CAPTION.search(attrs):
        return _attr_regions_after_caption(attrs)[0], Region.CAPTION
    return _attr_regions_after_caption(attrs)


def _attr_regions_after_caption(attrs: str) -> tuple[Region | None, Region | None]:
    inside: Region | None = Region.FOOTNOTE if _FOOTNOTE.search(attrs) else None
    if _NAV.search(attrs):
        return Region.NAV, inside
    if inside is None and _POST_FOOTER.search(attrs):
        inside = Region.FOOTER
    if _SIDEBAR.search(attrs) and not _has_post_token(attrs):
        return Region.SIDEBAR, inside
    return None, inside


def _has_post_token(attrs: str) -> bool:
    return any(token in POST_TOKENS for token in attrs.split())


def _text_len(el: HtmlElement) -> int:
    """Characters of text, white space not counted (cheap: no splitting)."""
    text: str = text_content(el)
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t")


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


_MAIN_TOKENS = frozenset(
    {"blog", "main", "content", "posts", "blog-posts", "hfeed", "main-wrapper"}
)
"""Tokens of a main column that a blog engine also calls a widget (Blogger's ``widget Blog``)."""


def _not_chrome(el: HtmlElement) -> bool:
    """False for candidates inside comments, sidebars or navigation (a comment's own h-entry)."""
    for node in el.iterancestors():
        if node.tag in ("aside", "nav", "footer"):
            return False
        cls, ident = node.get("class"), node.get("id")
        if cls is None and ident is None:
            continue
        if len(cls or "") + len(ident or "") <= 512:
            if _names_chrome_cached(cls, ident):
                return False
        elif _names_chrome(_class_id(cls, ident)):
            return False
    return True


@lru_cache(maxsize=1 << 16)
def _names_chrome_cached(cls: str | None, ident: str | None) -> bool:
    return _names_chrome(_class_id(cls, ident))


def _names_chrome(attrs: str) -> bool:
    """Do class/id words name a comment section or a sidebar (and not the post or main column)?"""
    return bool(
        attrs
        and (_COMMENT.search(attrs) or _SIDEBAR.search(attrs))
        and not _has_post_token(attrs)
        and not _MAIN_TOKENS.intersection(attrs.split())
    )


def find_posts(root: HtmlElement, found: Survey | None = None) -> list[HtmlElement]:
    """The post containers of a page, outermost first, by the strongest signal present.

    ``found`` is the page's :func:`survey`, when the caller has it already.
    """
    levels: list[list[HtmlElement]] = []
    found = survey(root) if found is None else found
    hentries = [el for el in found.hentries if _not_chrome(el)]
    if hentries:
        levels.append(_outermost(hentries))
    articles = [el for el in found.articles if _not_chrome(el)]
    if articles:
        levels.append(_outermost(articles))
    cms = [
        el
        for el in found.named_posts
        if el.tag not in ("body", "html", "a", "span", "img", "link", "meta") and _not_chrome(el)
    ]
    if cms:
        levels.append(_outermost(cms))
    mains = found.mains
    if mains:
        levels.append(_outermost(mains))
    for level in levels:
        sized = [(el, _text_len(el)) for el in level]
        if max(size for _, size in sized) >= 80:
            keep = max(size for _, size in sized) * 0.15
            return [el for el, size in sized if size >= keep or size >= 400]
    best = _densest(root)
    if best is not None:
        return [best[0]]
    return []


def _densest(root: HtmlElement) -> tuple[HtmlElement, int] | None:
    """Readability's idea at its simplest: the parent that holds the most paragraph text."""
    scores: dict[HtmlElement, int] = {}
    for p in root.iter(*_BLOCK_SCORE_TAGS):
        parent = p.getparent()
        if parent is None:
            continue
        size = len(text_content(p))
        if size < 25:
            continue
        linked = sum(len(text_content(a)) for a in p.iter("a"))
        if linked > size // 2:
            continue  # link lists (blogrolls, archives) are not where a post's prose is
        scores[parent] = scores.get(parent, 0) + size
        grand = parent.getparent()
        if grand is not None and grand.tag != "html":
            scores[grand] = scores.get(grand, 0) + size // 2
    for br_parent in root.xpath("//div[br] | //td[br] | //font[br]"):
        # div, table and <font> soup: text between <br>s with no <p> at all
        lines = [t.strip() for t in (br_parent.text, *(c.tail for c in br_parent)) if t]
        lines = [line for line in lines if line]
        size = sum(map(len, lines))
        if size >= 25 and size >= 30 * len(lines):  # prose, not a list of short lines
            scores[br_parent] = scores.get(br_parent, 0) + size
    if not scores:
        return None
    best = max(scores.items(), key=lambda item: item[1])
    if best[0].tag in ("body", "html"):
        return None
    return best
