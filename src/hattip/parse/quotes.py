"""Blockquotes, ``<q>`` and social embeds, and whose words they are.

The page says whose words a quote are in one of a few ways, tried in this order: the embed's own
author line (a tweet's "— Name (@handle)"), a pull quote of the post's own text (``self``), the
``cite=`` attribute, an attribution at its end (``<cite>``, ``<footer>``, a ``figcaption``, a
trailing "— X"), the sentence just before it ("X writes:", "According to X,", a link that leads in),
an attribution line right after it, or the only link inside it. When none of these speak, the
quote is ``none``: the report warns about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html

from hattip.model import Quote, QuoteHow, Region
from hattip.parse.regions import Regions
from hattip.parse.text import BLOCK_TAGS, Anchor, Block, fold, read_block

HtmlElement = lxml.html.HtmlElement
Resolver = Callable[[str], tuple[str | None, str | None]]

_EMBED_CLASS = re.compile(
    r"twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|mastodon-embed|reddit-card"
    r"|reddit-embed|fb-xfbml|threads-post|imgur-embed"
)
_PULL_CLASS = re.compile(r"pull-?quote|pullquote|wp-block-pullquote|tweetable|click-to-tweet")
_DASH_TRAILER = re.compile(r"(?:^|\n)\s*(?:[—–―~]|--|-\s)\s*(?P<who>[^\n]{2,160})\s*$")
_SAYS = (
    r"(?:writes|wrote|says|said|notes|noted|argues|argued|observes|observed|explains|explained"
    r"|continues|continued|adds|added|concludes|concluded|points\s+out|pointed\s+out|reports"
    r"|reported|puts\s+it|put\s+it|comments|commented|responds|responded|replies|replied|asks"
    r"|asked|claims|claimed|declares|declared|insists|insisted|quips|quipped|tweets|tweeted"
    r"|opines|opined|recalls|recalled|suggests|suggested|warns|warned|states|stated|summarizes"
    r"|summarises|sums\s+(?:it\s+)?up|has\s+this|had\s+this|offers|offered|remarks|remarked"
    r"|mentions|mentioned|admits|admitted|counters|countered|elaborates|reminds\s+us|told"
    r"|tells|write|say|note|argue|explain)"
)
_LEAD_SAYS = re.compile(
    r"(?P<who>(?:[A-Z@\"“][\w'’.&\-@]*(?:\s+(?:[A-Z][\w'’.&\-]*|of|the|de|van|von|at|on)){0,6}))"
    r"(?:\s*\([^)]{0,60}\))?(?:,[^,]{0,80},)?\s+(?:(?:also|then|now|rightly|correctly|recently"
    r"|today|once|further|here|simply|further|nicely|well|brilliantly)\s+)?" + _SAYS + r"\b",
)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|in\s+the\s+words\s+of|as\s+(?P<who2>[^,.:]{2,60}?)\s+(?:puts|put|says"
    r"|said|writes|wrote|notes)\s+it|from|per|quoting|quoted\s+(?:in|by)|via|here(?:'s|\s+is)"
    r"|here\s+are|as\s+reported\s+by)\s+(?P<who>[^,.:;\n]{2,80})",
    re.IGNORECASE,
)
_FROM_LEAD = re.compile(r"(?:^|[.!?]\s+)(?:from|in|at|over\s+at|on)\s+(?P<who>[^,:;\n]{2,80})[:,]?\s*$")
_NOT_WHO = frozenset(
    """i he she it they we you this that there here which who one someone somebody the a an
    it's and but so then as also update""".split()
)
_TRIM = " \t\n,;:.\"“”'‘’«»()[]{}-–—―~|"


@dataclass(slots=True)
class _Who:
    name: str | None
    href: str | None
    how: QuoteHow


def find_quotes(
    root: HtmlElement,
    regions: Regions,
    *,
    resolve_href: Resolver,
    post_text: Callable[[], str],
) -> list[Quote]:
    """Every quote of the page in document order, with whom it quotes."""
    quotes: list[Quote] = []
    for el in root.iter("blockquote", "q"):
        region = regions.of(el)
        if region in (Region.HEAD, Region.NAV, Region.SHARE):
            continue
        depth = sum(1 for a in el.iterancestors("blockquote", "q"))
        if el.tag == "q" and depth and not el.get("cite"):
            continue  # a <q> inside a blockquote is part of the quoted text
        block = read_block(el, nested_blocks=True)
        text = fold(block.text)
        if not text and not block.anchors:
            continue
        element = "q" if el.tag == "q" else "blockquote"
        who = _embed(el, block)
        if who is not None:
            element = "embed"
            region = Region.EMBED
        else:
            who = _attribute(el, block, text, post_text)
        url = site = None
        if who.href:
            url, site = resolve_href(who.href)
        quotes.append(
            Quote(
                text=text[:2000],
                how=who.how,
                region=region,
                name=who.name,
                url=url,
                site=site,
                element=element,
                depth=depth,
            )
        )
    return quotes


def _embed(el: HtmlElement, block: Block) -> _Who | None:
    cls = (el.get("class") or "").lower()
    if not _EMBED_CLASS.search(cls) and not el.get("data-instgrm-permalink"):
        return None
    href = el.get("data-instgrm-permalink") or el.get("cite")
    if block.anchors:
        # A tweet ends "— Name (@handle) <a href=status>date</a>"; the status link names it.
        href = href or block.anchors[-1].href
    name = None
    match = _DASH_TRAILER.search(block.text.rstrip())
    if match:
        who = match.group("who")
        who = re.split(r"\s+(?:January|February|March|April|May|June|July|August|September"
                       r"|October|November|December|\d{1,2}\s)\b", who)[0]
        name = who.strip(_TRIM) or None
    if name is None:
        author = el.xpath(".//*[contains(@class,'author') or contains(@class,'username')]")
        if author:
            name = fold(author[0].text_content()) or None
    return _Who(name=name, href=href, how=QuoteHow.EMBED)


def _attribute(
    el: HtmlElement, block: Block, text: str, post_text: Callable[[], str]
) -> _Who:
    cls = (el.get("class") or "").lower()
    if _PULL_CLASS.search(cls) or _is_self(el, text, post_text):
        return _Who(name=None, href=None, how=QuoteHow.SELF)
    lead = _lead_in(el)
    cite = (el.get("cite") or "").strip()
    if cite and not cite.startswith(("#", "javascript:")):
        return _Who(name=lead.name if lead else None, href=cite, how=QuoteHow.CITE_ATTR)
    trailer = _trailer_inside(el, block)
    if trailer is not None:
        return trailer
    if lead is not None:
        return lead
    after = _trailer_after(el)
    if after is not None:
        return after
    if len(block.anchors) == 1 and len(text) > 40:
        anchor = block.anchors[0]
        return _Who(name=_anchor_name(anchor), href=anchor.href, how=QuoteHow.INSIDE_LINK)
    return _Who(name=None, href=None, how=QuoteHow.NONE)


def _is_self(el: HtmlElement, text: str, post_text: Callable[[], str]) -> bool:
    """A pull quote repeats the post's own words elsewhere on the page."""
    if len(text) < 30 or el.tag == "q":
        return False
    needle = text[:60]
    body = post_text()
    first = body.find(needle)
    return first != -1 and body.find(needle, first + 1) != -1


def _anchor_name(anchor: Anchor) -> str | None:
    name = anchor.text.strip(_TRIM)
    if not name or name.lower() in ("here", "this", "link", "source", "post", "article"):
        return None
    return name


def _who_name(raw: str) -> str | None:
    name = raw.strip(_TRIM)
    name = re.sub(r"['’]s$", "", name)
    if not name or name.lower() in _NOT_WHO or name.split()[0].lower() in ("i", "we", "you"):
        return None
    return name[:120]


def _trailer_inside(el: HtmlElement, block: Block) -> _Who | None:
    for tag in ("cite", "footer", "figcaption"):
        found = el.xpath(f".//{tag}")
        if found:
            node = found[-1]
            sub = read_block(node, nested_blocks=True)
            name = _who_name(fold(sub.text))
            href = sub.anchors[0].href if sub.anchors else None
            if name or href:
                return _Who(name=name, href=href, how=QuoteHow.TRAILER)
    parent = el.getparent()
    if parent is not None and parent.tag == "figure":
        for cap in parent.iter("figcaption"):
            sub = read_block(cap, nested_blocks=True)
            name = _who_name(fold(sub.text))
            href = sub.anchors[0].href if sub.anchors else None
            if name or href:
                return _Who(name=name, href=href, how=QuoteHow.TRAILER)
    tail_text = block.text.rstrip()
    match = _DASH_TRAILER.search(tail_text[-200:])
    if match:
        who_start = len(tail_text) - len(tail_text[-200:]) + match.start("who")
        anchor = next((a for a in block.anchors if a.end > who_start), None)
        name = _who_name(re.split(r",\s*(?:in|on|at)\b|\s\(", match.group("who"))[0])
        if name and len(name.split()) <= 10:
            return _Who(name=name, href=anchor.href if anchor else None, how=QuoteHow.TRAILER)
    return None


def _previous_block(el: HtmlElement) -> HtmlElement | None:
    """The block just before the quote: a previous sibling, or the text before it in its parent."""
    prev = el.getprevious()
    while prev is not None and (
        not isinstance(prev.tag, str) or prev.tag in ("br", "script", "style", "img", "hr")
    ):
        if isinstance(prev.tag, str) and prev.tag == "br" and (prev.tail or "").strip():
            break
        prev = prev.getprevious()
    if prev is not None:
        return prev
    parent = el.getparent()
    if parent is not None and parent.tag not in BLOCK_TAGS:
        return _previous_block(parent)
    return parent if parent is not None and (parent.text or "").strip() else None


def _lead_text(el: HtmlElement) -> Block | None:
    prev = _previous_block(el)
    if prev is None:
        return None
    if prev is el.getparent():
        # The quote sits inside a block whose own text leads into it: read up to the quote.
        block = read_block(prev, nested_blocks=True)
        inner = read_block(el, nested_blocks=True).text
        cut = block.text.find(inner[:40]) if inner else -1
        if cut > 0:
            block.text = block.text[:cut]
            block.anchors = [a for a in block.anchors if a.end <= cut]
        return block
    block = read_block(prev, nested_blocks=True)
    tail = prev.tail
    if tail and tail.strip():
        start = len(block.text)
        block.text += tail
        del start
    return block


def _lead_in(el: HtmlElement) -> _Who | None:
    block = _lead_text(el)
    if block is None:
        return None
    text = block.text.rstrip()
    if not text:
        return None
    window_start = max(0, len(text) - 300)
    sentence_cut = max(
        text.rfind(". ", window_start, len(text) - 2), text.rfind("\n", window_start), window_start
    )
    last = text[sentence_cut:]
    offset = sentence_cut
    ends_colon = text.endswith((":", "：", ",", "—", "…:"))
    says = None
    for says in _LEAD_SAYS.finditer(last):
        pass
    if says is not None:
        name = _who_name(says.group("who"))
        anchor = _anchor_in(block, offset + says.start("who"), offset + says.end("who") + 2)
        anchor = anchor or _last_anchor(block, offset)
        if name or anchor:
            return _Who(
                name=name or (_anchor_name(anchor) if anchor else None),
                href=anchor.href if anchor else None,
                how=QuoteHow.LEAD_IN,
            )
    according = None
    for according in _ACCORDING.finditer(last):
        pass
    if according is not None and (ends_colon or according.end() >= len(last) - 3):
        who = according.group("who2") or according.group("who")
        start = according.start("who2") if according.group("who2") else according.start("who")
        anchor = _anchor_in(block, offset + start, offset + start + len(who) + 2)
        anchor = anchor or _last_anchor(block, offset)
        name = _who_name(who)
        if name and not name[:1].isupper() and anchor is None:
            name = None
        if name or anchor:
            return _Who(
                name=(_anchor_name(anchor) if anchor else None) or name,
                href=anchor.href if anchor else None,
                how=QuoteHow.LEAD_IN,
            )
    anchor = _last_anchor(block, offset)
    if anchor is not None and (ends_colon or len(text) - anchor.end < 80):
        return _Who(name=_anchor_name(anchor), href=anchor.href, how=QuoteHow.LEAD_IN)
    if ends_colon:
        frm = _FROM_LEAD.search(last)
        if frm:
            name = _who_name(frm.group("who"))
            if name and name[:1].isupper():
                return _Who(name=name, href=None, how=QuoteHow.LEAD_IN)
    return None


def _anchor_in(block: Block, start: int, end: int) -> Anchor | None:
    for anchor in block.anchors:
        if anchor.start < end and anchor.end > start and _usable(anchor):
            return anchor
    return None


def _last_anchor(block: Block, offset: int) -> Anchor | None:
    for anchor in reversed(block.anchors):
        if anchor.start >= offset - 2 and _usable(anchor):
            return anchor
    return None


def _usable(anchor: Anchor) -> bool:
    href = anchor.href.strip()
    return bool(href) and not href.startswith(("#", "javascript:", "mailto:"))


def _trailer_after(el: HtmlElement) -> _Who | None:
    nxt = el.getnext()
    tail = (el.tail or "").strip()
    if tail:
        match = re.match(r"^(?:[—–―~]|--|-\s)\s*(?P<who>[^\n.]{2,100})", tail)
        if match:
            name = _who_name(match.group("who"))
            if name:
                anchor = None
                if nxt is not None and nxt.tag == "a":
                    anchor = nxt
                return _Who(
                    name=name,
                    href=anchor.get("href") if anchor is not None else None,
                    how=QuoteHow.TRAILER,
                )
        return None
    if nxt is None or not isinstance(nxt.tag, str):
        return None
    if nxt.tag in ("cite", "figcaption", "footer") or nxt.tag == "p":
        block = read_block(nxt, nested_blocks=True)
        text = fold(block.text)
        if not text or len(text) > 160:
            return None
        if nxt.tag == "p" and not re.match(r"^(?:[—–―~]|--|-\s|source:|from\b|via\b)", text, re.I):
            return None
        who = re.sub(r"^(?:[—–―~]|--|-|source:|from|via)\s*", "", text, flags=re.I)
        name = _who_name(who)
        href = block.anchors[0].href if block.anchors else None
        if name or href:
            return _Who(name=name, href=href, how=QuoteHow.TRAILER)
    return None
