"""Credits and metadata the page states in markup: microformats2, ``rel="via"`` and JSON-LD.

Phrases can be misread; markup cannot. An IndieWeb post that says ``u-repost-of``,
``u-in-reply-to`` or ``u-quotation-of`` names exactly what it reposts, answers or quotes, and a
``rel="via"`` link names where the post came from. This module reads those, and only for the
page's *own* entries: an ``h-entry`` nested in the post as a comment, a like or repost by
someone else (``p-comment``, ``u-like h-cite``...), or an ``h-card``/``h-author`` root says
nothing about whom the post credits. ``like-of`` and ``bookmark-of`` are not credits either (a
like is not a citation), so they are ignored on purpose.

It is a small, purpose-built reader rather than a full microformats2 parser: it runs on every
page, so it takes the few elements it needs from the page's one survey walk
(:mod:`hattip.parse.survey`) and returns at once when the page has no ``h-`` class, no
``rel=via`` and no JSON-LD. Property scoping follows the microformats2 parsing rules (a nested
``h-*`` item owns its own properties; its element is a property of the parent), which is what
keeps a comment's ``u-in-reply-to`` off the post.

``base_url`` is the document's base URL (the page URL with ``<base href>`` already applied by
the caller). Every credited URL is made absolute against it, must be ``http``/``https``
(``javascript:`` and other schemes are refused), and is cleaned by :func:`hattip.resolve.clean_url`.

>>> import lxml.html
>>> root = lxml.html.fromstring(
...     '<article class="h-entry"><a class="u-repost-of" href="/p/1">a post</a></article>')
>>> [(str(c.kind), c.url) for c in structured_credits(root, base_url="https://example.org/")]
[('repost_of', 'https://example.org/p/1')]
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from hattip.model import Credit, CreditKind, Region
from hattip.parse.survey import MF_ROOT_CLASS, Survey, class_tokens, survey
from hattip.parse.text import text_content
from hattip.resolve import clean_url, site_key

__all__ = ["StructuredMetadata", "structured_credits", "structured_metadata"]

MF2_CONFIDENCE = 0.95
"""Explicit markup: the author said it in a machine-readable way, so only our reading can err."""

_RELATIONS: dict[str, CreditKind] = {
    "repost-of": CreditKind.REPOST_OF,
    "in-reply-to": CreditKind.REPLY_TO,
    "quotation-of": CreditKind.QUOTATION_OF,
}

_ROOT_CLASS = MF_ROOT_CLASS
_PROP_CLASS = re.compile(r"^(p|u|dt|e)-((?:[a-z0-9]+-)?[a-z]+(?:-[a-z]+)*)$")

# Types whose properties belong to someone else when an entry nests them.
_FOREIGN_TYPES = frozenset({"h-entry", "h-cite", "h-event", "h-review", "h-recipe", "h-product"})

# Class and id tokens of comment sections: an h-entry inside one is a comment, not the post.
_COMMENT_CLASSES = frozenset(
    {
        "comment",
        "comments",
        "commentlist",
        "comment-list",
        "comments-list",
        "comment-body",
        "comment-content",
        "comments-area",
        "comment-respond",
        "comment-thread",
        "comments-section",
        "p-comment",
        "u-comment",
        "h-as-comment",
        "p-like",
        "u-like",
        "p-repost",
        "u-repost",
        "p-bookmark",
        "u-bookmark",
        "p-reply",
        "u-reply",
        "p-children",
    }
)
_COMMENT_ID = re.compile(r"^(?:comments?|comment-\d+|respond|disqus_thread|comments-area)$")

# Text values of u-/p- relation properties on elements that carry no href.
_URLISH = re.compile(r"^(?:https?:)?//\S+$|^/\S*$", re.IGNORECASE)
_WEB_SCHEMES = frozenset({"http", "https"})

# Link texts that say "this is a via link" but name nobody.
_GENERIC_TEXTS = frozenset({"via", "source", "link", "here", "this", "original", "permalink"})

_MAX_TEXT = 80
_MAX_TITLE = 300

# JSON-LD @types that describe the post itself.
_ARTICLE_SUFFIXES = ("Article", "Posting")
_ARTICLE_TYPES = frozenset({"Report", "Review"})

_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_JSON_OPENERS = ("<![CDATA[", "<!--")
_JSON_CLOSERS = ("]]>", "-->")


@dataclass(frozen=True, slots=True, kw_only=True)
class StructuredMetadata:
    """What the page states about its post in markup: the h-entry first, then JSON-LD.

    Each field is ``None`` when neither source says it; the HTML parser fills the gaps from
    ``<title>``, ``<meta>`` and bylines, so this only carries what markup states outright.
    """

    title: str | None = None
    """The post's title: the own h-entry's explicit ``p-name``, else JSON-LD ``headline``."""
    author: str | None = None
    """The author's name: ``p-author`` (its h-card's ``p-name``), else JSON-LD ``author.name``."""
    published: str | None = None
    """The publication date as written: ``dt-published``, else JSON-LD ``datePublished``."""
    url: str | None = None
    """The post's own URL: the h-entry's ``u-url``, else JSON-LD ``url``/``mainEntityOfPage``."""


@dataclass(frozen=True, slots=True)
class _Prop:
    """One property of an item: prefix (p, u, dt, e), name, element, and whether it is an item."""

    prefix: str
    name: str
    element: HtmlElement
    is_item: bool


def structured_credits(
    root: HtmlElement, *, base_url: str | None, found: Survey | None = None
) -> list[Credit]:
    """Credits the page's own entries state in markup, deduplicated by kind and URL.

    Relations come first, in document order, then ``rel="via"`` links, in document order.

    ``u-repost-of``, ``u-in-reply-to`` and ``u-quotation-of`` (also as ``p-`` properties and
    as nested ``h-cite`` items) become ``repost_of``, ``reply_to`` and ``quotation_of``;
    ``rel="via"`` links in the own entry (or in ``<head>``) become ``via``. A page without an
    own h-entry gets no microformat credits; its ``rel="via"`` links still count outside
    comment sections, because that markup is deliberate wherever it stands.

    ``found`` is the page's :func:`~hattip.parse.survey.survey`, when the caller has it.
    """
    scan = survey(root) if found is None else found
    if not scan.mf_roots and not scan.rel_vias:
        return []
    entries = _own_entries(scan.mf_roots)
    credits: list[tuple[HtmlElement, Credit]] = []
    for entry in entries:
        for prop in _properties(entry):
            kind = _RELATIONS.get(prop.name)
            if kind is not None:
                credit = _relation_credit(prop, kind, base_url)
                if credit is not None:
                    credits.append((prop.element, credit))
    if scan.rel_vias:
        credits.extend(_via_credits(scan.rel_vias, frozenset(entries), base_url))
    return _dedupe(credit for _, credit in credits)


def structured_metadata(
    root: HtmlElement, *, base_url: str | None, found: Survey | None = None
) -> StructuredMetadata:
    """Title, author, date and URL of the post as its h-entry and JSON-LD state them.

    The h-entry is read only when the page has exactly one own entry (a home page with ten
    entries has no single title); JSON-LD fills what the h-entry leaves out. Broken JSON-LD
    (trailing commas, CDATA wrappers, bare text) is read where it can be and skipped where it
    cannot: this never raises.
    """
    scan = survey(root) if found is None else found
    if not scan.mf_roots and not scan.jsonld:
        return StructuredMetadata()
    fields: dict[str, str | None] = {"title": None, "author": None, "published": None, "url": None}
    entries = _own_entries(scan.mf_roots) if scan.mf_roots else []
    if len(entries) == 1:
        fields.update(_entry_metadata(entries[0], base_url))
    if scan.jsonld and None in fields.values():
        for key, value in _jsonld_metadata(scan.jsonld, base_url).items():
            if fields.get(key) is None:
                fields[key] = value
    return StructuredMetadata(**fields)


def _classes(el: HtmlElement) -> list[str]:
    return class_tokens(el.get("class") or "")


def _own_entries(roots: dict[HtmlElement, frozenset[str]]) -> list[HtmlElement]:
    """The page's own h-entry items: not nested in another entry or cite, not a comment."""
    blocked: dict[HtmlElement, bool] = {}
    own: list[HtmlElement] = []
    for el, types in roots.items():
        if "h-entry" in types and not _is_comment_marked(el):
            parent = el.getparent()
            if parent is None or not _is_blocked(parent, roots, blocked):
                own.append(el)
    return own


def _is_blocked(
    el: HtmlElement, roots: dict[HtmlElement, frozenset[str]], memo: dict[HtmlElement, bool]
) -> bool:
    """True when ``el`` or an ancestor is someone else's item or a comment section.

    Answers are memoised along the ancestor chain, so a page with thousands of entries under
    a deep wrapper costs one walk per element, not one per entry and ancestor.
    """
    chain: list[HtmlElement] = []
    current: HtmlElement | None = el
    verdict = False
    while current is not None:
        known = memo.get(current)
        if known is not None:
            verdict = known
            break
        chain.append(current)
        types = roots.get(current)
        if (types is not None and not types.isdisjoint(_FOREIGN_TYPES)) or _is_comment_marked(
            current
        ):
            verdict = True
            break
        current = current.getparent()
    for seen in chain:
        memo[seen] = verdict
    return verdict


def _is_comment_marked(el: HtmlElement) -> bool:
    """True for an element whose class or id marks a comment (or someone else's response)."""
    if not _COMMENT_CLASSES.isdisjoint(_classes(el)):
        return True
    ident = el.get("id")
    return bool(ident) and _COMMENT_ID.match(ident.strip().lower()) is not None


# --- microformats2 properties ---------------------------------------------------------------


def _properties(item: HtmlElement) -> list[_Prop]:
    """The properties of one item, in document order, scoped as microformats2 parsing scopes them.

    A descendant with property classes is a property of ``item``; a descendant that is itself a
    root (``h-*``) is a property when it also has property classes, and its subtree belongs to
    it, not to ``item``. Comment sections are skipped whole.
    """
    props: list[_Prop] = []
    stack: list[HtmlElement] = [c for c in reversed(item) if isinstance(c.tag, str)]
    while stack:
        el = stack.pop()
        classes = _classes(el)
        if classes:
            is_item = any(_ROOT_CLASS.match(c) for c in classes)
            for c in classes:
                m = _PROP_CLASS.match(c)
                if m:
                    props.append(_Prop(m.group(1), m.group(2), el, is_item))
            if is_item or not _COMMENT_CLASSES.isdisjoint(classes):
                continue
        ident = el.get("id")
        if ident and _COMMENT_ID.match(ident.strip().lower()):
            continue
        stack.extend(c for c in reversed(el) if isinstance(c.tag, str))
    return props


def _relation_credit(prop: _Prop, kind: CreditKind, base_url: str | None) -> Credit | None:
    """The credit one relation property makes, or None when it names no usable web URL."""
    el = prop.element
    name: str | None = None
    href: str | None
    if prop.prefix not in ("p", "u"):
        return None
    if prop.is_item:
        item_props = _properties(el)
        href = _item_url(el, item_props)
        name = _item_party(item_props)
    elif prop.prefix == "u" or el.tag in ("a", "area", "link"):
        href = _u_value(el)
    else:
        value = _p_value(el)
        href = value if value and _looks_like_url(value) else None
    url = _absolute(href, base_url)
    if url is None:
        return None
    markup = f"{prop.prefix}-{prop.name}"
    if prop.is_item:
        types = sorted(c for c in _classes(el) if _ROOT_CLASS.match(c))
        markup = f"{markup} {types[0]}" if types else markup
        text = name or url
    else:
        text = _fold(text_content(el)) if el.tag != "link" else ""
    return Credit(
        kind=kind,
        region=Region.BODY,
        evidence=_evidence(markup, text),
        confidence=MF2_CONFIDENCE,
        name=name,
        url=url,
        site=site_key(url),
    )


def _item_url(el: HtmlElement, props: list[_Prop]) -> str | None:
    """A nested item's URL: its ``u-url``, else the implied URL, else a URL-shaped ``uid``."""
    for prop in props:
        if prop.name == "url":
            value = _u_value(prop.element) if prop.prefix == "u" else _p_value(prop.element)
            if value and not prop.is_item:
                return value
    implied = _implied_url(el, props)
    if implied:
        return implied
    for prop in props:
        if prop.name == "uid" and not prop.is_item:
            value = _u_value(prop.element) if prop.prefix == "u" else _p_value(prop.element)
            if value and _looks_like_url(value):
                return value
    return None


def _implied_url(el: HtmlElement, props: list[_Prop]) -> str | None:
    """The microformats2 implied ``url``: the root's own href, or its only ``<a href>`` child."""
    own = el.get("href")
    if el.tag in ("a", "area") and own:
        return str(own)
    if any(p.prefix == "u" or p.is_item for p in props):
        return None
    for parent in (el, _only_child(el)):
        if parent is None:
            continue
        links = [c for c in parent if c.tag in ("a", "area") and c.get("href")]
        if len(links) == 1 and not any(_ROOT_CLASS.match(c) for c in _classes(links[0])):
            return str(links[0].get("href"))
    return None


def _only_child(el: HtmlElement) -> HtmlElement | None:
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) == 1 and not any(_ROOT_CLASS.match(c) for c in _classes(children[0])):
        return children[0]
    return None


def _item_party(props: list[_Prop]) -> str | None:
    """Whom a nested item credits by name: its author's name, else its explicit ``p-name``."""
    for prop in props:
        if prop.name == "author":
            name = _card_name(prop)
            if name:
                return name
    for prop in props:
        if prop.name == "name" and prop.prefix == "p" and not prop.is_item:
            if _is_content(prop.element):
                continue
            name = _p_value(prop.element)
            if name and not _looks_like_url(name):
                return _clip(name)
    return None


def _card_name(prop: _Prop) -> str | None:
    """The name of a ``p-author`` value: its h-card's ``p-name``, else its text."""
    el = prop.element
    if prop.is_item:
        for sub in _properties(el):
            if sub.name == "name" and sub.prefix == "p" and not sub.is_item:
                name = _p_value(sub.element)
                if name:
                    return _clip(name)
        value = el.get("alt") if el.tag in ("img", "area") else None
        value = value or _fold(text_content(el)) or _only_image_alt(el)
    elif prop.prefix == "u":
        value = _fold(text_content(el))
    else:
        value = _p_value(el)
    if not value or _looks_like_url(value):
        return None
    return _clip(value)


def _only_image_alt(el: HtmlElement) -> str | None:
    """The implied name of an h-card that shows only an avatar: the image's ``alt``."""
    images = el.findall(".//img")
    if len(images) == 1:
        return _fold(images[0].get("alt") or "") or None
    return None


def _u_value(el: HtmlElement) -> str | None:
    """The value of a ``u-*`` property element, as microformats2 parsing defines it."""
    tag = el.tag
    if tag in ("a", "area", "link"):
        value = el.get("href")
    elif tag in ("img", "audio", "video", "source", "iframe", "embed"):
        value = el.get("src")
    elif tag == "object":
        value = el.get("data")
    else:
        value = _p_value(el)
        if value and not _looks_like_url(value):
            return None
    return value.strip() if value else None


def _p_value(el: HtmlElement) -> str | None:
    """The value of a ``p-*`` property element: value-class, ``title``/``value``/``alt``, text."""
    tag = el.tag
    if tag == "abbr" and el.get("title"):
        return _fold(el.get("title") or "")
    if tag in ("data", "input") and el.get("value") is not None:
        return _fold(el.get("value") or "")
    if tag in ("img", "area") and el.get("alt") is not None:
        return _fold(el.get("alt") or "")
    parts = _value_class_parts(el)
    if parts:
        return _fold("".join(parts))
    return _fold(text_content(el)) or None


def _dt_value(el: HtmlElement) -> str | None:
    """The value of a ``dt-*`` property element: ``datetime``, value-class, ``title``, text."""
    if el.tag in ("time", "ins", "del") and el.get("datetime"):
        return _fold(el.get("datetime") or "")
    parts = _value_class_parts(el)
    if parts:
        return _fold(" ".join(parts))
    return _p_value(el)


def _value_class_parts(el: HtmlElement) -> list[str]:
    parts: list[str] = []
    for sub in el.iterdescendants():
        if not isinstance(sub.tag, str) or "value" not in _classes(sub):
            continue
        value = sub.get("datetime") or sub.get("title") or sub.get("value") or text_content(sub)
        parts.append(value)
    return parts


# --- rel="via" ------------------------------------------------------------------------------


def _via_credits(
    vias: list[HtmlElement], entries: frozenset[HtmlElement], base_url: str | None
) -> Iterator[tuple[HtmlElement, Credit]]:
    """``rel="via"`` links in the own entries (or anywhere outside comments when there is none)."""
    for el in vias:
        in_head = el.tag == "link" and any(a.tag == "head" for a in el.iterancestors())
        if not in_head and not _via_in_post(el, entries):
            continue
        url = _absolute(el.get("href"), base_url)
        if url is None:
            continue
        text = "" if el.tag == "link" else _fold(text_content(el))
        name = _party_name(text) or _party_name(_fold(el.get("title") or ""))
        yield (
            el,
            Credit(
                kind=CreditKind.VIA,
                region=Region.HEAD if in_head else Region.BODY,
                evidence=_evidence('rel="via"', text),
                confidence=MF2_CONFIDENCE,
                name=name,
                url=url,
                site=site_key(url),
            ),
        )


def _via_in_post(el: HtmlElement, entries: frozenset[HtmlElement]) -> bool:
    """True when a via link belongs to the post: in an own entry, not in a comment or nested item.

    Without an own entry, any via link outside comment sections and microformat items counts.
    """
    for anc in el.iterancestors():
        if _is_comment_marked(anc):
            return False
        if anc in entries:
            return True
        if not _FOREIGN_TYPES.isdisjoint(_classes(anc)):
            return False
    return not entries


def _party_name(text: str) -> str | None:
    cleaned = text.strip(" \t()[]:;,.-–—")
    if not cleaned or cleaned.lower() in _GENERIC_TEXTS or _looks_like_url(cleaned):
        return None
    return _clip(cleaned)


# --- h-entry and JSON-LD metadata -----------------------------------------------------------


def _entry_metadata(entry: HtmlElement, base_url: str | None) -> dict[str, str | None]:
    """Title, author, published and url as the one own h-entry states them explicitly."""
    out: dict[str, str | None] = {}
    named = False
    for prop in _properties(entry):
        if prop.name == "name" and not named and not prop.is_item and prop.prefix == "p":
            named = True
            title = None if _is_content(prop.element) else _p_value(prop.element)
            if title and len(title) <= _MAX_TITLE:
                out["title"] = title
        elif prop.name == "author" and "author" not in out:
            name = _card_name(prop)
            if name:
                out["author"] = name
        elif prop.name == "published" and prop.prefix == "dt" and "published" not in out:
            published = _dt_value(prop.element)
            if published and any(ch.isdigit() for ch in published):
                out["published"] = published
        elif prop.name == "url" and prop.prefix == "u" and "url" not in out and not prop.is_item:
            url = _absolute(_u_value(prop.element), base_url)
            if url:
                out["url"] = url
    return out


def _is_content(el: HtmlElement) -> bool:
    """A ``p-name`` that is also the content is a note's text, not a title."""
    return any(c in ("e-content", "p-content") for c in _classes(el))


def _jsonld_metadata(scripts: list[HtmlElement], base_url: str | None) -> dict[str, str | None]:
    """Title, author, published and url from the first article-like JSON-LD node."""
    for script in scripts:
        data = _load_json(script.text or "")
        if data is None:
            continue
        nodes = list(_json_nodes(data))
        by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
        for node in nodes:
            if _is_article(node.get("@type")):
                return _article_fields(node, by_id, base_url)
    return {}


def _load_json(text: str) -> Any:
    """Parse a JSON-LD script, forgiving what real pages do wrong; None when it cannot be read."""
    text = _unwrap(text)
    if not text:
        return None
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            pass
    try:
        return json.JSONDecoder(strict=False).raw_decode(text)[0]
    except (ValueError, RecursionError):
        return None


def _unwrap(text: str) -> str:
    """Strip the CDATA and comment wrappers that old templates put around script bodies."""
    text = text.strip()
    for opener in _JSON_OPENERS:
        bare = text.removeprefix("//").lstrip()
        if bare.startswith(opener):
            text = bare[len(opener) :].lstrip()
    for closer in _JSON_CLOSERS:
        if text.endswith(closer):
            text = text[: -len(closer)].rstrip().removesuffix("//").rstrip()
    return text


def _json_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document, breadth first through lists and ``@graph``."""
    queue: deque[Any] = deque([data])
    seen = 0
    while queue and seen < 10_000:
        item = queue.popleft()
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                queue.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict):
                queue.append(main)


def _is_article(types: Any) -> bool:
    names = types if isinstance(types, list) else [types]
    for name in names:
        if isinstance(name, str):
            local = name.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
            if local.endswith(_ARTICLE_SUFFIXES) or local in _ARTICLE_TYPES:
                return True
    return False


def _article_fields(
    node: dict[str, Any], by_id: dict[str, dict[str, Any]], base_url: str | None
) -> dict[str, str | None]:
    title = _json_text(node.get("headline")) or _json_text(node.get("name"))
    published = _json_text(node.get("datePublished")) or _json_text(node.get("dateCreated"))
    url_value = node.get("url") or node.get("mainEntityOfPage")
    if isinstance(url_value, dict):
        url_value = url_value.get("@id") or url_value.get("url")
    url = _absolute(_json_text(url_value), base_url)
    return {
        "title": _clip(title, _MAX_TITLE) if title else None,
        "author": _json_author(node.get("author"), by_id),
        "published": published,
        "url": url,
    }


def _json_author(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    """The author names of a JSON-LD ``author`` (string, object, @id reference or list)."""
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values[:10]:
        if isinstance(item, dict):
            ref = item.get("@id")
            person = by_id.get(ref, item) if "name" not in item and isinstance(ref, str) else item
            name = _json_text(person.get("name"))
        else:
            name = _json_text(item)
        if name and not _looks_like_url(name) and name not in names:
            names.append(name)
    return _clip(", ".join(names)) if names else None


def _json_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), None)
    if isinstance(value, dict):
        value = value.get("@value")
    if not isinstance(value, str):
        return None
    return _fold(html.unescape(value)) or None


# --- small helpers --------------------------------------------------------------------------


def _absolute(href: str | None, base_url: str | None) -> str | None:
    """An absolute, cleaned http(s) URL for ``href``, or None (javascript:, mailto:, junk)."""
    if not href:
        return None
    href = href.strip()
    try:
        joined = urljoin(base_url, href) if base_url else href
        scheme = urlsplit(joined).scheme.lower()
    except ValueError:
        return None
    if scheme not in _WEB_SCHEMES:
        return None
    return clean_url(joined, base_url)


def _looks_like_url(text: str) -> bool:
    return _URLISH.match(text.strip()) is not None


def _fold(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, limit: int = _MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _evidence(markup: str, text: str) -> str:
    return f'{markup} "{_clip(text)}"' if text else markup


def _dedupe(credits: Iterator[Credit]) -> list[Credit]:
    seen: set[tuple[CreditKind, str | None]] = set()
    out: list[Credit] = []
    for credit in credits:
        key = (credit.kind, credit.url)
        if key not in seen:
            seen.add(key)
            out.append(credit)
    return out
