"""One :class:`~hattip.model.Link` per ``<a href>``, ``cite=`` and embed ``src`` of the page."""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from hattip.model import Link, Region
from hattip.parse.regions import Regions
from hattip.parse.text import fold, text_content

Resolver = Callable[[str], tuple[str | None, str | None]]

_EMBED_SRC_TAGS = ("iframe", "embed", "video", "audio")


def find_links(root: HtmlElement, regions: Regions, *, resolve_href: Resolver) -> list[Link]:
    """Every outbound link in document order; fragment-only and non-web hrefs are left out."""
    links: list[Link] = []
    for el in root.iter("a", "area", "blockquote", "q", "del", "ins", *_EMBED_SRC_TAGS):
        tag = el.tag
        if tag in ("a", "area"):
            raw = el.get("href")
        elif tag in _EMBED_SRC_TAGS:
            raw = el.get("src")
        else:
            raw = el.get("cite")
        if not raw:
            continue
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        url, site = resolve_href(raw)
        if url is None:
            continue
        region = regions.of(el)
        if tag in _EMBED_SRC_TAGS:
            region = Region.EMBED
        text = ""
        if tag == "a":
            # most anchors hold just their text: read it without an XPath call
            text = fold(text_content(el) if len(el) else (el.text or ""))
        if tag == "area":
            text = el.get("alt") or ""
        rel = el.get("rel")
        links.append(
            Link(
                url=url,
                text=text,
                region=region,
                site=site,
                title=el.get("title"),
                rel=tuple(rel.lower().split()) if rel else (),
            )
        )
    return links
