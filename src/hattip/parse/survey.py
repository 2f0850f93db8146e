"""One walk over the page that finds what the other passes look for.

Post containers (by class or id token), h-entries, picture credit lines, captions, microformat
roots, JSON-LD scripts and ``rel="via"`` links are all found by reading each element's class,
id and tag once, in document order. Class and id values repeat within and across a blog's
pages, so each distinct value is classified once and remembered. One Python walk that reads
two attributes per element costs less than the XPath ``//@class/..`` alone, and far less than
one XPath per thing looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml.html import HtmlElement

# Tokens of class/id that name the post container of a blog engine (exact tokens, lowercased).
POST_TOKENS = frozenset(
    {
        "hentry",
        "h-entry",
        "post",
        "blogpost",
        "blog-post",
        "single-post",
        "type-post",
        "entry",
        "entry-content",
        "entry-body",
        "entry-asset",
        "post-body",
        "post-content",
        "postbody",
        "post-entry",
        "postcontent",
        "article-body",
        "article-content",
        "articlebody",
        "article__body",
        "article-text",
        "story",
        "story-body",
        "story-content",
        "c-entry-content",
        "available-content",
        "body markup",
        "gh-content",
        "post-full-content",
        "td-post-content",
        "post-text",
        "entrytext",
        "storycontent",
        "blog-content",
        "content-body",
        "main-content",
        "text-content",
        "article",
        "post-single",
        "single-content",
        "asset-body",
        "asset-content",
        "tumblr-post",
        "postarea",
    }
)

CREDIT_LINE_WORDS = ("credit", "attribution", "photographer", "source_via")
"""Words of a class that marks a picture's credit line ("photo-credit", "attribution")."""

MF_ROOT_CLASS = re.compile(r"^h-(?:[a-z0-9]+-)?[a-z]+(?:-[a-z]+)*$")
"""A microformats2 root class name (``h-entry``, ``h-card``, ``h-x-vendor``)."""

_CAPTION_TAGS = frozenset({"figure", "figcaption", "caption"})
_READ_TAGS = _CAPTION_TAGS | {"script", "a", "link", "article", "main"}
"""Tags whose elements the walk looks at for their tag, not only their class and id."""
_ARTICLE_PROPS = frozenset({"articleBody", "blogPost"})

# What a class or id value marks, as bits: computed once per distinct value.
_MARK_POST = 1  # a token names a blog engine's post container
_MARK_HENTRY_TOKEN = 2  # "h-entry" is a token (of the class or the id, whatever their case)
_MARK_HENTRY_CLASS = 4  # the class holds "h-entry" as written
_MARK_CREDIT_LINE = 8
_MARK_CAPTION = 16
_MARK_MF_ROOT = 32  # a class token is a microformats2 root class
_MARK_ARTICLE = 64  # itemprop="articleBody" or "blogPost" (not a class or id mark)
_MARK_MAIN = 128  # role="main" (not a class or id mark)


@dataclass(slots=True)
class Survey:
    """The elements other passes look for, each list in document order."""

    hentries: list[HtmlElement] = field(default_factory=list)
    named_posts: list[HtmlElement] = field(default_factory=list)
    """Elements with a post-container token in their class or id."""
    credit_lines: list[HtmlElement] = field(default_factory=list)
    """Elements whose class holds a :data:`CREDIT_LINE_WORDS` word."""
    captions: list[HtmlElement] = field(default_factory=list)
    """Figures, figcaptions, table captions and elements with "caption" in their class."""
    mf_roots: dict[HtmlElement, frozenset[str]] = field(default_factory=dict)
    """Microformats2 items: each element with its root class names (``h-entry``...)."""
    jsonld: list[HtmlElement] = field(default_factory=list)
    """``<script type="application/ld+json">`` elements."""
    rel_vias: list[HtmlElement] = field(default_factory=list)
    """``<a>`` and ``<link>`` elements whose ``rel`` says ``via``."""
    articles: list[HtmlElement] = field(default_factory=list)
    """``<article>`` elements and ``itemprop="articleBody"`` or ``"blogPost"`` elements."""
    mains: list[HtmlElement] = field(default_factory=list)
    """``<main>`` elements and ``role="main"`` elements."""


def _token_marks(value: str) -> int:
    tokens = value.lower().split()
    marks = _MARK_POST if any(token in POST_TOKENS for token in tokens) else 0
    return marks | _MARK_HENTRY_TOKEN if "h-entry" in tokens else marks


def class_tokens(cls: str) -> list[str]:
    """The tokens of a class attribute, split as HTML does: on ASCII white space only.

    ``str.split()`` would also split on a no-break space, making "note\xa0h-entry" an h-entry.
    """
    return [token for token in _CLASS_SEPARATORS.split(cls) if token]


_CLASS_SEPARATORS = re.compile(r"[ \t\n\f\r]+")


def mf_root_types(cls: str) -> frozenset[str]:
    """The microformats2 root class names among the tokens of ``cls``."""
    return frozenset(token for token in class_tokens(cls) if MF_ROOT_CLASS.match(token))


def _class_marks(cls: str) -> int:
    marks = _token_marks(cls)
    if "h-entry" in cls:
        marks |= _MARK_HENTRY_CLASS
    if any(word in cls for word in CREDIT_LINE_WORDS):
        marks |= _MARK_CREDIT_LINE
    if "h-" in cls and mf_root_types(cls):
        marks |= _MARK_MF_ROOT
    return marks | _MARK_CAPTION if "caption" in cls else marks


_CLASS_MARKS: dict[str, int] = {}
_ID_MARKS: dict[str, int] = {}
_MARKS_KEPT = 1 << 16
"""How many distinct class (and id) values are remembered: a corpus of 503 pages of many
sites holds 34k distinct classes; a batch over one blog far fewer."""


def _marks(value: str, known: dict[str, int], read: Callable[[str], int]) -> int:
    marks = read(value)
    if len(value) <= 512:  # a hostile page's megabyte of class names is read, not remembered
        if len(known) >= _MARKS_KEPT:
            known.clear()
        known[value] = marks
    return marks


def survey(root: HtmlElement) -> Survey:
    """Walk ``root`` once and list what the region, post, credit and microformat passes need."""
    found = Survey()
    class_marks, id_marks = _CLASS_MARKS, _ID_MARKS
    for el in root.iter():
        attrs = el.items()  # one call for all attributes: as cheap as asking for two
        tag = el.tag
        if tag in _READ_TAGS:
            _read_tag(found, el, tag, attrs)
        if not attrs:
            continue
        marks = 0
        for name, value in attrs:
            if name == "class":
                known = class_marks.get(value, -1)
                if known < 0:
                    known = _marks(value, class_marks, _class_marks)
                if known & _MARK_MF_ROOT:
                    found.mf_roots[el] = mf_root_types(value)
                marks |= known
            elif name == "id":
                known = id_marks.get(value, -1)
                marks |= known if known >= 0 else _marks(value, id_marks, _token_marks)
            elif (name == "itemprop" and value in _ARTICLE_PROPS) or (
                name == "role" and value == "main"
            ):
                marks |= _MARK_ARTICLE if name == "itemprop" else _MARK_MAIN
        if marks:
            _file(found, el, marks)
    return found


def _read_tag(found: Survey, el: HtmlElement, tag: str, attrs: list[tuple[str, str]]) -> None:
    """What an element's tag alone says: a caption, an article, a main column, a script."""
    if tag in _CAPTION_TAGS:
        found.captions.append(el)
    elif tag == "article":
        found.articles.append(el)
    elif tag == "main":
        found.mains.append(el)
    elif tag == "script":
        kind = next((value for name, value in attrs if name == "type"), None)
        if kind and "json" in kind and "ld+json" in kind.lower():
            found.jsonld.append(el)
    else:
        rel = next((value for name, value in attrs if name == "rel"), None)
        if rel and "via" in rel.lower().split():
            found.rel_vias.append(el)


def _file(found: Survey, el: HtmlElement, marks: int) -> None:
    """Put ``el`` on the list of each thing its class, id or role marks it as."""
    if marks & _MARK_POST:
        found.named_posts.append(el)
    if marks & _MARK_HENTRY_CLASS and marks & _MARK_HENTRY_TOKEN:
        found.hentries.append(el)
    if marks & _MARK_CREDIT_LINE:
        found.credit_lines.append(el)
    if marks & _MARK_CAPTION and (not found.captions or found.captions[-1] is not el):
        found.captions.append(el)
    if marks & _MARK_ARTICLE and (not found.articles or found.articles[-1] is not el):
        found.articles.append(el)
    if marks & _MARK_MAIN and (not found.mains or found.mains[-1] is not el):
        found.mains.append(el)
