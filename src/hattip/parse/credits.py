"""Hat tips, vias, thanks, sources and image credits: the phrase tables applied to a page.

The engine reads only the blocks whose text holds a cue word (one cheap scan over the page's text
nodes finds them), applies every :class:`~hattip.parse.patterns.Cue`, ties each cue to its party
(the link right after it, an @handle, a domain, a capitalised name, or for ``X sent this`` the
name before it), and drops what is a means, a channel or a referral rather than a credit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

import ahocorasick
from lxml import etree
from lxml.html import HtmlElement

from hattip.model import Credit, CreditKind, Region
from hattip.parse.patterns import (
    CHANNELS,
    CUE_LIST,
    DETERMINERS,
    FIND_NOUNS,
    GENERIC_ANCHORS,
    IMAGE_LINE,
    MEANS_VERBS,
    PICTURE_WORD,
    PLATFORMS,
    REFERRAL,
    ROUTE,
    STOCK_PHOTOS,
    Cue,
    Needs,
    Party,
)
from hattip.parse.regions import Regions
from hattip.parse.text import (
    BLOCK_TAGS,
    Anchor,
    Block,
    block_of,
    ends_sentence,
    fold,
    read_block,
    text_content,
)

# A cheap superset of every cue, run over each text node to find the blocks worth reading.
_PREFILTER = re.compile(
    r"via|vía|h\s?/\s?t|h\.\s?t\.|\bht\b|hat[- ]?tip|tip\s+(?:of|o)|nod\s+to|thank|thx|props"
    r"|kudos|high[- ]five|shout|cheers|sent|sends|forward|emailed|passed|pointed|points|directed"
    r"|alerted|tipped|source|courtesy|originally|first\s+(?:published|appeared|posted|ran)"
    r"|posted|published|reprinted|photo|image|picture|pic\b|illustration|graphic|screenshot|logo"
    r"|credit|©|\(c\)|quelle|bild|foto|grafik|abbildung|dank|merci|fuente|video|chart|map|artwork"
    r"|cartoon|drawing|gif|\u1525|\u21ac",
    re.IGNORECASE,
)
_COMPILED: list[tuple[Cue, re.Pattern[str]]] = [
    (cue, re.compile(cue.pattern, 0 if cue.case else re.IGNORECASE)) for cue in CUE_LIST
]
_KEY_CUES: tuple[tuple[str, tuple[int, ...]], ...] = tuple(
    (key, tuple(i for i, (cue, _) in enumerate(_COMPILED) if key in cue.keys))
    for key in sorted({k for cue in CUE_LIST if not cue.case for k in cue.keys})
)
_EXACT_CUES: tuple[tuple[str, tuple[int, ...]], ...] = tuple(
    (key, tuple(i for i, (cue, _) in enumerate(_COMPILED) if key in cue.keys))
    for key in sorted({k for cue in CUE_LIST if cue.case for k in cue.keys})
)
"""Key -> the cues it may start, so a block tries only the cues whose words it holds."""
_UNAMBIGUOUS = frozenset(
    {"h-slash-t", "hat-tip", "tip-of-the-hat", "curators-via", "curators-hat-tip"}
)
"""Cues that are credits whatever follows: one with no party found is worth a warning."""
_SKIP_REGIONS = frozenset({Region.SHARE, Region.NAV, Region.HEAD})
_FRAME_CHARS = frozenset(".!?\n([{—–-|/•*:;>»~")
_HANDLE = re.compile(r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,48}[A-Za-z0-9_])?(?:@[\w-]+(?:\.[\w-]+)+)?")
_DOMAIN = re.compile(
    r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}(?:/[^\s)\]]*)?",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"[\"“‘'«]?(?:(?:The|La|Le|Les|Der|Die|Das|El)\s+)?"
    r"[A-Z0-9\u00c0-\u024f\u0370-\u1fff][\w'’.&!\-\u00c0-\u024f]*"
    r"(?:(?:[ \t\xa0]+|[ \t\xa0]*&[ \t\xa0]*|-)(?:(?:of|the|and|de|du|des|von|van|der|den|la|le|on"
    r"|at|in|for|y|di|da)[ \t\xa0]+)?"
    r"[A-Z0-9\u00c0-\u024f\u0370-\u1fff][\w'’.&!\-\u00c0-\u024f]*){0,5}[\"”’'»]?"
)
_SOMEONE_NAMED = re.compile(
    r"some(?:one|body)\s+(?:named|called)\s+[\"“‘']?(?P<name>[\w.@-]{2,40})"
)
_EXCLAIMED_TAIL = re.compile(r",\s+[A-Z][\w'’]{0,15}!")
_CLAUSE_AFTER = re.compile(r"\s*,\s*(?!who\b|which\b|for\b)[A-Za-z]+\s+[a-z]")
_DESCRIBED = re.compile(
    r"(?:the|a|an|my|our|his|her|their)\s+(?:[a-z][\w'’-]*\s+){1,4}(?P<name>[A-Z@][\w'’.-]*)"
)
_NAME_BEFORE = re.compile(
    r"((?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’.\-]*|@[A-Za-z0-9_]+)[\s,]*(?:\([^)]{0,40}\))?\s*$"
)
_NOT_NAMES = frozenset(
    [
        "i",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "someone",
        "somebody",
        "this",
        "that",
        "who",
        "which",
        "reader",
        "readers",
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "update",
        "also",
        "and",
        "but",
        "so",
        "then",
        "here",
        "there",
        "today",
        "yesterday",
        "now",
        "and",
    ]
)
_TRIM = " \t\n,;:.\"“”'‘’«»()[]{}-–—|/"


@dataclass(slots=True)
class _Party:
    name: str | None
    href: str | None
    handle: str | None
    domain: str | None
    end: int
    start: int
    strength: float


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    credit: Credit


Resolver = Callable[[str], tuple[str | None, str | None]]
"""href -> (clean absolute url, site key)."""
HandleResolver = Callable[[str], str | None]
"""@handle -> site key."""


def find_credits(
    root: HtmlElement,
    regions: Regions,
    *,
    resolve_href: Resolver,
    resolve_handle: HandleResolver,
    orphans: list[str] | None = None,
) -> list[Credit]:
    """Every phrase credit on the page, in document order."""
    seen: set[HtmlElement] = set()
    credits: list[Credit] = []
    credits.extend(_credit_lines(root, regions, resolve_href, resolve_handle, seen))
    for block_el in _candidate_blocks(root, regions, seen):
        region = regions.of(block_el)
        if region in _SKIP_REGIONS or block_el.tag == "pre":
            continue  # widgets and preformatted code hold no credits
        quote = None if region is Region.EMBED else _quote_of(block_el)
        block = read_block(block_el)
        found = _block_credits(block, region, resolve_href, resolve_handle, orphans, _caption_like)
        if quote is not None:
            # A credit inside a quote is the quoted author's, unless the blogger closes the
            # quote with it: "… the same phrase every time. (Via Chortle)".
            found = [c for c in found if _closes_quote(c, block, quote)]
        credits.extend(found)
    return credits


_LINE_TAGS = frozenset({"p", "div", "span", "small", "em", "center"})
_WRAP_TAGS = frozenset({"p", "div", "center"})


def _captions(root: HtmlElement, regions: Regions) -> list[HtmlElement]:
    """Caption-like blocks: figures, captions and caption classes, and short lines at images.

    At each image: the short line right after it, its short wrapper, or the line after an
    otherwise empty wrapper (or wrapper of a wrapper). Text sizes are measured once per element:
    many images share one parent, and an XPath ``string-length(.)`` per image re-read it.
    """
    found = list(regions.survey.captions)
    sizes: dict[HtmlElement, tuple[int, int]] = {}

    def size(el: HtmlElement) -> tuple[int, int]:
        """Characters of text, and of text with white space folded."""
        known = sizes.get(el)
        if known is None:
            text = text_content(el) if len(el) else (el.text or "")
            known = sizes[el] = (len(text), len(" ".join(text.split())))
        return known

    def short_line(el: HtmlElement | None, *, min_folded: int) -> bool:
        if el is None or el.tag not in _LINE_TAGS:
            return False
        chars, folded = size(el)
        return chars < 160 and folded > min_folded

    for img in root.iter("img"):
        after = img.getnext()
        if short_line(after, min_folded=2):
            found.append(after)
        parent = img.getparent()
        if parent is None:
            continue
        if parent.tag in _WRAP_TAGS:
            chars, folded = size(parent)
            if chars < 160 and folded > 2:
                found.append(parent)
        for wrapper in (parent, parent.getparent()):
            if wrapper is None:
                continue
            after = wrapper.getnext()
            if short_line(after, min_folded=-1) and size(wrapper)[1] == 0:
                found.append(after)
    return found


def _candidate_blocks(
    root: HtmlElement, regions: Regions, seen: set[HtmlElement]
) -> list[HtmlElement]:
    """The blocks whose text holds a cue's key, and the captions, in document order.

    One walk lists the body's text pieces in reading order with the element each stands in, and
    one Aho-Corasick pass finds every key in their concatenation: a page pays per credit word,
    not per node.
    """
    body = root.find("body")
    if body is None:
        return []
    texts, owners = _text_pieces(body)
    full = "".join(texts)
    hits = _key_offsets(full)
    hits.update(_exact_offsets(full))
    nodes: list[HtmlElement] = []
    if hits:
        ends = list(accumulate(map(len, texts)))
        for index in sorted({bisect_right(ends, offset) for offset in hits}):
            if index < len(owners) and owners[index].tag not in ("script", "style"):
                nodes.append(owners[index])
    hit_nodes = len(nodes)
    for caption in _captions(root, regions):
        # a caption's credit line is often a block of its own inside it ("photo__copyright")
        nodes.extend(caption.iter(*BLOCK_TAGS))
    blocks: list[HtmlElement] = []
    for at, node in enumerate(nodes):
        block = block_of(node)
        if block in seen:
            continue
        if at >= hit_nodes and not _may_hold_cue(text_content(block)):
            continue  # a caption with no credit word: not worth reading closely
        seen.add(block)
        blocks.append(block)
    return blocks


def _text_pieces(body: HtmlElement) -> tuple[list[str], list[HtmlElement]]:
    """The text of ``body`` piece by piece in reading order, and the element holding each piece
    (a tail belongs to the parent of its element). Comment nodes give only their tails."""
    texts: list[str] = []
    owners: list[HtmlElement] = []
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            text = el.text
            if text and isinstance(el.tag, str):
                texts.append(text)
                owners.append(el)
        elif el is not body:
            tail = el.tail
            if tail:
                parent = el.getparent()
                if parent is not None:
                    texts.append(tail)
                    owners.append(parent)
    return texts, owners


def _stems(keys: set[str]) -> tuple[str, ...]:
    """Each key's first word (when it is a real word), minus stems another stem contains."""
    common = {"first", "high", "sent", "passed", "points", "cross", "sends"}
    stems = {
        k.split()[0] if " " in k and len(k.split()[0]) >= 4 and k.split()[0] not in common else k
        for k in keys
    }
    return tuple(sorted(s for s in stems if not any(o != s and o in s for o in stems)))


_KEYS = _stems(
    {
        k
        for cue in CUE_LIST
        if not cue.case and cue.needs is not Needs.CAPTION
        for k in cue.keys
        if len(k) >= 3 or not (k.isascii() and k.isalpha())
    }
)
"""The words searched in the page's text: the shortest distinct stems of the non-caption keys
(caption cues are tried on caption-like blocks, found by structure)."""


_ASCII_LOWER = {code: code + 32 for code in range(65, 91)}


def _automaton(keys: Iterable[str]) -> Any:
    """An Aho-Corasick automaton of ``keys``, each carrying its length."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    return automaton


_KEY_AUTOMATON = _automaton(_KEYS)


def _key_offsets(full: str) -> set[int]:
    """Where any cue key stands in ``full``.

    One Aho-Corasick pass in C finds every key at once: five times faster than a ``str.find``
    per key, which was itself faster than one alternation of all keys in ``re``.
    """
    low = full.lower()
    if len(low) != len(full):  # a few characters lowercase to two: keep offsets exact
        low = full.translate(_ASCII_LOWER)
    return {end - size + 1 for end, size in _KEY_AUTOMATON.iter(low)}


_EXACT_KEYS = tuple(sorted({k for c in CUE_LIST if c.case for k in c.keys if k.isupper()}))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _exact_offsets(full: str) -> Iterator[int]:
    """Where a case-exact key ("HT") stands as a word of its own in ``full``."""
    for key in _EXACT_KEYS:
        at = full.find(key)
        while at != -1:
            end = at + len(key)
            if (at == 0 or not _is_word(full[at - 1])) and (
                end == len(full) or not _is_word(full[end])
            ):
                yield at
            at = full.find(key, end)


_CREDIT_LINE_TAGS = frozenset({"span", "div", "p", "small", "cite", "figcaption", "em"})
_DATED = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
_LINE_PREFIX = re.compile(
    r"^(?:(?:photo(?:graph)?s?|image|picture|credit|source|via|courtesy(?:\s+of)?|foto|bild"
    r"|©|\(c\))\s*(?:by|:|of|via)?\s*)+",
    re.IGNORECASE,
)
_SIGNATURE_LINE = re.compile(
    r"^(?:blogged|posted|sent|written|published|created|made|powered|edited|shared)\s+"
    r"(?:with|from|using|by\s+(?:the\s+)?\w+\s+(?:app|browser|editor))\b",
    re.IGNORECASE,
)
_PLATFORM_PREFIX = re.compile(r"^(instagram|twitter|x|tiktok|facebook|youtube)\s*:\s*(@\S+)", re.I)


def _credit_lines(
    root: HtmlElement,
    regions: Regions,
    resolve_href: Resolver,
    resolve_handle: HandleResolver,
    seen: set[HtmlElement],
) -> list[Credit]:
    """Image credit lines marked up by class ("photo-credit", "attribution") with a bare name."""
    out: list[Credit] = []
    for el in regions.survey.credit_lines:
        if el.tag not in _CREDIT_LINE_TAGS:
            continue
        region = regions.of(el)
        if region is not Region.CAPTION or not _near_image(el):
            continue
        if any(a in seen for a in el.iterancestors()):
            continue
        block = read_block(el, nested_blocks=True)
        text = fold(block.text)
        if not 1 < len(text) <= 80 or len(text.split()) > 8 or _DATED.search(text):
            continue
        if _SIGNATURE_LINE.match(text):
            continue  # "Blogged with the Flock Browser": the tool's badge, not a picture's source
        if _PREFILTER.search(text) and _has_cue(text):
            continue
        seen.add(el)  # the phrase pass must not read this line again
        name = _LINE_PREFIX.sub("", text).strip(_TRIM) or None
        if name is not None and _NOT_A_PARTY.match(name):
            continue  # a licence or a date line
        url = site = None
        if block.anchors:
            url, site = resolve_href(block.anchors[0].href)
        handle = _PLATFORM_PREFIX.match(name or "")
        if handle and site is None:
            site = (
                resolve_handle(handle.group(2))
                if handle.group(1).lower() in ("twitter", "x")
                else None
            )
        if name is None and url is None:
            continue
        out.append(
            Credit(
                kind=CreditKind.IMAGE_CREDIT,
                name=name,
                url=url,
                site=site,
                region=Region.CAPTION if region.is_post or region is Region.CAPTION else region,
                evidence=text,
                confidence=0.7,
            )
        )
    return out


def _near_image(el: HtmlElement) -> bool:
    """A credit line belongs to a picture: inside a figure, or beside an image."""
    for node in (el.getparent(), *(a for a in el.iterancestors() if a.tag == "figure")):
        if node is not None and (node.tag == "figure" or node.find(".//img") is not None):
            return True
    return False


def _has_cue(text: str) -> bool:
    return any(regex.search(text) for cue, regex in _COMPILED if cue.kind is not CreditKind.VIA)


def _quote_of(el: HtmlElement) -> HtmlElement | None:
    if el.tag in ("blockquote", "q"):
        return el
    return next(el.iterancestors("blockquote", "q"), None)


def _closes_quote(credit: Credit, block: Block, quote: HtmlElement) -> bool:
    """Is the credit a bracketed attribution that ends the quote's text?"""
    evidence = credit.evidence
    if not evidence.startswith(("(", "[")) or not evidence.endswith((")", "]")):
        return False
    tail = fold(text_content(quote))
    return tail.endswith((evidence, evidence + ".")) or _heads_quote(credit, block, quote, tail)


def _heads_quote(credit: Credit, block: Block, quote: HtmlElement, whole: str) -> bool:
    """Is the bracketed via the end of a short title line that opens the quote?

    "Written Answers, 21 January 2008 (via They Work For You)" above the quoted text is the
    blogger's note of where the quoted document came from, as much as a via closing it.
    """
    if credit.kind is not CreditKind.VIA:
        return False
    el = block.element
    if el is quote:
        line = block.text.lstrip().split("\n", 1)[0]
    elif el.getparent() is quote and el.getprevious() is None and not (quote.text or "").strip():
        line = block.text
    else:
        return False
    line = fold(line).rstrip(".:")
    head = line[: len(line) - len(credit.evidence)]
    return (
        len(line) <= 90
        and line.endswith(credit.evidence)
        and not any(mark in head for mark in ".!?")
        and len(whole) > len(line) + 40
    )


def _marked_caption(el: HtmlElement, region: Region) -> bool:
    """Marked up as a caption (figure, figcaption, a caption class), not merely near a picture."""
    if region is Region.CAPTION:
        return True
    return any(
        node.tag in ("figure", "figcaption") or "caption" in (node.get("class") or "")
        for node in (el, *el.iterancestors())
    )


def _caption_like(block: Block, region: Region) -> bool:
    """A caption, a figure, or a short line standing right under (or around) an image."""
    el = block.element
    if _marked_caption(el, region):
        return True
    if len(block.text.strip()) > 160:
        return False
    if el.find(".//img") is not None:
        return True
    prev = el.getprevious()
    # the line right under a picture: an <img>, or a wrapper holding only a picture
    return prev is not None and (
        prev.tag == "img"
        or (prev.find(".//img") is not None and not text_content(prev).strip() and len(prev) <= 2)
    )


def _wanted_cues(text: str) -> set[int]:
    """The indexes of the cues whose key words ``text`` holds: the only ones worth trying."""
    wanted: set[int] = set()
    for _end, cues in _CUE_AUTOMATON.iter(text.lower()):
        wanted.update(cues)
    wanted.update(i for key, cues in _EXACT_CUES if key in text for i in cues)
    return wanted


_CUE_AUTOMATON = ahocorasick.Automaton()
for _key, _cues in _KEY_CUES:
    _CUE_AUTOMATON.add_word(_key, _cues)
_CUE_AUTOMATON.make_automaton()
_SQUEEZED_AUTOMATON = _automaton({"".join(key.split()) for key, _ in _KEY_CUES})
_SQUEEZED_EXACT = tuple({"".join(key.split()) for key, _ in _EXACT_CUES})


def _may_hold_cue(text: str) -> bool:
    """Might the block of ``text`` (an element's raw text) hold a cue's key?

    The raw text runs words together where :func:`read_block` puts a space (an ``<img>`` or a
    ``<br>`` between "Image" and "by"), so keys and text are compared with white space taken
    out: a key the block reader would see is never missed.
    """
    squeezed = "".join(text.split())
    if any(key in squeezed for key in _SQUEEZED_EXACT):
        return True
    return next(_SQUEEZED_AUTOMATON.iter(squeezed.lower()), None) is not None


def _block_credits(
    block: Block,
    region: Region,
    resolve_href: Resolver,
    resolve_handle: HandleResolver,
    orphans: list[str] | None,
    caption_like: Callable[[Block, Region], bool],
) -> Iterable[Credit]:
    text = block.text
    candidates: list[_Candidate] = []
    wanted = _wanted_cues(text)
    if not wanted:
        return ()
    in_caption = caption_like(block, region)
    true_caption = in_caption and _marked_caption(block.element, region)
    for index in sorted(wanted):
        cue, regex = _COMPILED[index]
        if cue.needs is Needs.CAPTION and not in_caption:
            continue
        if cue.id == "caption-copyright" and not true_caption:
            continue  # "© The Blog" under a logo is the site's notice, not an image credit
        for match in regex.finditer(text):
            made = _judge(
                cue, match, block, region, (in_caption, true_caption), resolve_href, resolve_handle
            )
            if made is None:
                if orphans is not None and cue.id in _UNAMBIGUOUS and region.is_post:
                    orphans.append(fold(text[match.start() : match.end() + 40]))
                continue
            candidates.append(made)
            if cue.id in _LISTING_CUES:  # "Sources: A, B and C": each listed party
                captions = (in_caption, true_caption)
                candidates.extend(
                    _listed(made, cue, block, region, captions, resolve_href, resolve_handle)
                )
    # Where cues overlap (``found via`` and ``via``), the most confident one speaks.
    candidates.sort(key=lambda c: (-c.credit.confidence, c.start))
    chosen: list[_Candidate] = []
    for cand in candidates:
        if any(cand.start < c.end and c.start < cand.end for c in chosen):
            continue
        if any(
            _same_party(cand.credit, c.credit) and cand.credit.kind == c.credit.kind for c in chosen
        ):
            continue
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return [c.credit for c in chosen]


_LISTING_CUES = frozenset({"source-colon", "de-quelle", "fr-source", "es-fuente"})
"""Cues whose party may be a list: "Sources: GreatAgain, Washington Examiner"."""
_LIST_SEP = re.compile(r"[ \t\xa0]*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)[ \t\xa0]*")


def _listed(
    first: _Candidate,
    cue: Cue,
    block: Block,
    region: Region,
    captions: tuple[bool, bool],
    resolve_href: Resolver,
    resolve_handle: HandleResolver,
) -> list[_Candidate]:
    """The further parties of a listing cue, each after a comma or "and", until one is no name."""
    listing = replace(cue, needs=Needs.ANY)
    found: list[_Candidate] = []
    end = first.end
    for _ in range(6):
        sep = _LIST_SEP.match(block.text, end)
        if sep is None:
            break
        made = _judge(listing, sep, block, region, captions, resolve_href, resolve_handle)
        if made is None:
            break
        found.append(made)
        end = made.end
    return found


def _same_party(a: Credit, b: Credit) -> bool:
    return (a.url is not None and a.url == b.url) or (a.name is not None and a.name == b.name)


def _framed(text: str, start: int) -> bool:
    prefix = text[:start].rstrip(" \t\xa0\u200b")
    if not prefix:
        return True
    if prefix[-1] in ".!?":
        return ends_sentence(prefix)
    return prefix[-1] in _FRAME_CHARS or prefix.endswith("--")


def _judge(
    cue: Cue,
    match: re.Match[str],
    block: Block,
    region: Region,
    captions: tuple[bool, bool],
    resolve_href: Resolver,
    resolve_handle: HandleResolver,
) -> _Candidate | None:
    in_caption, true_caption = captions
    text = block.text
    start = match.start()
    framed = _framed(text, start) or (
        cue.id == "via-initial" and text[:start].rstrip().endswith(",")
    )
    if cue.needs is Needs.FRAMED and not framed:
        return None
    kind = cue.kind
    is_via = "via" in cue.id and cue.id not in ("found-via", "curators-via")
    if is_via and _means_or_referral(text, start):
        return None
    if cue.id == "found-via" and _means_between(match.group(0)):
        return None  # "found the book on sale, and it arrived via DHL": the via is a means
    if is_via and _in_heading(block.element) and not text[:start].rstrip().endswith(("(", "[")):
        return None  # "<h2>Learning Python via <a>Games</a></h2>": a title's words
    if cue.party is Party.BETWEEN:
        party = _party_in_group(match, block)
    elif cue.party is Party.BEFORE:
        party = _party_before(match, block)
    else:
        party = _party_after(match, block, strict=cue.needs is Needs.PARTY and not framed)
    if party is None:
        return None
    if cue.id in _NAME_MUST_END and not _bare_name_ends(text, start, party):
        return None  # "HT Media reported", "Nod to Dickens in chapter two": not a credit
    if (
        "via" in cue.id
        and not _bare_name_ends(text, start, party)
        and _SUBJECT.match(text, party.end)
    ):
        return None  # "Via Roma is a street in Turin": the name is a sentence's subject
    if cue.id == "thanks-to-framed" and _CLAUSE_AFTER.match(text, party.end):
        return None  # "Thanks to Obama, health care passed": a cause, not a credit
    if (
        kind is CreditKind.THANKS
        and _THIS_THING.search(match.group(0))
        and _NOUN_AFTER.match(text, match.end())
    ):
        return None  # "Thanks to Obama for this mess": a thing, not a find
    if kind is CreditKind.THANKS and _favour(text, match.end(), party):
        return None  # "Thanks to our sponsor X", "Props to Jane for her talk": no find
    if (
        (kind is CreditKind.VIA or "via" in cue.id)
        and party.name
        and not party.handle
        and not party.name.startswith("@")
    ):
        word = party.name.split()[0].strip(_TRIM).lower()
        if word in CHANNELS:
            return None
        if word in PLATFORMS and not in_caption:
            return None
        if any(w.strip(_TRIM).lower() in CHANNELS for w in party.name.split()[1:]):
            return None  # "via the Yahoo JSON API"
    if kind is CreditKind.IMAGE_CREDIT and party.name and len(party.name.split()) > 8:
        return None  # a linked headline after "FOTO:" is a gallery title, not a credit line
    if kind is CreditKind.IMAGE_CREDIT and party.name and not party.href and not party.handle:
        rest = text[party.end : party.end + 40].lstrip(" \t\xa0")
        if len(party.name.split()) > 6 or (
            rest[:1].islower() and not rest.startswith(("via", "/"))
        ):
            return None  # "FOTO: a headline that runs on": a title, not a credit line
    if _shouted(match, party):
        return None  # "[THANKS THIEVING LIBRARY!]": an exclamation, not a credit
    if kind in (CreditKind.VIA, CreditKind.SOURCE) and _picture_source(text, start, party):
        kind = CreditKind.IMAGE_CREDIT  # "Bild 2: © Ann. Quelle: Unsplash" credits a picture
    if true_caption and kind in (CreditKind.VIA, CreditKind.SOURCE):
        kind = CreditKind.IMAGE_CREDIT  # "via X" in a figure caption credits the picture
    if kind is CreditKind.IMAGE_CREDIT and region.is_post:
        region = Region.CAPTION  # an image's credit line is its caption, wherever it is marked up
    url: str | None = None
    site: str | None = None
    if party.href:
        url, site = resolve_href(party.href)
        if url is None:
            return None
    elif party.handle:
        site = resolve_handle(party.handle)
    elif party.domain:
        url, site = resolve_href(
            party.domain if "://" in party.domain else "http://" + party.domain
        )
    confidence = round(cue.confidence * party.strength, 3)
    if confidence < 0.5:
        return None
    lo = min(start, party.start)
    hi = max(match.end(), party.end)
    evidence = fold(text[max(0, lo - 1 if lo and text[lo - 1] in "([" else lo) : _close(text, hi)])
    credit = Credit(
        kind=kind,
        name=party.name or party.handle,
        url=url,
        site=site,
        region=region,
        evidence=evidence[:300],
        confidence=confidence,
    )
    return _Candidate(start=lo, end=hi, credit=credit)


_FOR_FIND = re.compile(r"[\s,]*for\s+" + FIND_NOUNS + r"\b", re.IGNORECASE)
_FOR_ANYTHING = re.compile(r"[\s,]*for\s+\S", re.IGNORECASE)
_PATRON = re.compile(
    r"\b(?:sponsors?|supporters?|patrons?|partners?|advertisers?|hosts?|donors?|backers?|funders?"
    r"|members?|subscribers?)\b",
    re.IGNORECASE,
)


_THIS_THING = re.compile(r"\bfor\s+(?:this|that|it)$", re.IGNORECASE)
_NOUN_AFTER = re.compile(
    r"(?![ \t\xa0]+(?:[a-z]+[ \t\xa0]+){0,2}?(?:find|link|tip|pointer|catch|heads|lead)s?\b)"
    r"[ \t\xa0]+[a-z]"
)
"""A noun phrase going on after "for this" ("this mess"), unless it names a find ("this great
find")."""


def _favour(text: str, cue_end: int, party: _Party) -> bool:
    """Thanks for a favour, not a find: to a sponsor or host, or 'for' something not a find."""
    find = _FOR_FIND.match(text, party.end)
    if find and _THIS_THING.search(find.group(0)) and _NOUN_AFTER.match(text, find.end()):
        return True  # "Thanks to Obama for this mess": a thing, not a find
    if find:
        return False  # "... for the link": a find, whoever made it
    if _PATRON.search(text, cue_end, max(cue_end, party.start)):
        return True  # "Thanks to our sponsor Squarespace"
    return bool(_FOR_ANYTHING.match(text, party.end))


_NAME_MUST_END = frozenset({"ht-framed", "nod-to"})
"""Cues whose words have other senses ("HT Media", "a nod to Dickens"): an unlinked name after
them makes a credit only in brackets or when it ends the phrase."""
_PHRASE_END = re.compile(r"[ \t\xa0]*(?:$|\n|[.;:!?)\]}|,—–]|--)")
_SUBJECT = re.compile(
    r"[ \t\xa0]+(?:is|was|are|were|has|had|have|will|would|can|could|runs|ran|leads|led|becomes"
    r"|became|remains|stands|lies)\b"
)


def _bare_name_ends(text: str, start: int, party: _Party) -> bool:
    """Is the party linked, bracketed, or an unlinked name that ends the phrase?"""
    if party.href or party.handle or party.domain:
        return True
    if text[:start].rstrip().endswith(("(", "[")):
        return True
    return _PHRASE_END.match(text, party.end) is not None


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _in_heading(el: HtmlElement) -> bool:
    """Is the block a heading (or inside one)? Its words are a title, not a sentence."""
    return el.tag in _HEADINGS or any(a.tag in _HEADINGS for a in el.iterancestors())


def _shouted(match: re.Match[str], party: _Party) -> bool:
    """A thanks in capitals to a name of several words in capitals is shouting, not a credit."""
    name = party.name or ""
    return (
        match.group(0).strip().isupper()
        and not party.handle
        and len(name.split()) > 1
        and name.isupper()
    )


def _picture_source(text: str, start: int, party: _Party) -> bool:
    """Does the source or via credit a picture: a picture library, or a picture's credit line?"""
    said = " ".join(x for x in (party.name, party.href, party.domain) if x).lower()
    if any(stock in said for stock in STOCK_PHOTOS):
        return True
    if PICTURE_WORD.search(text, max(0, start - 30), start):
        return True
    line_start = text.rfind("\n", max(0, start - 120), start) + 1
    return IMAGE_LINE.search(text, max(line_start, start - 120), start) is not None


def _close(text: str, end: int) -> int:
    """Extend the evidence to a closing bracket that follows at once."""
    rest = text[end : end + 2]
    for i, ch in enumerate(rest):
        if ch in ")]}":
            return end + i + 1
        if not ch.isspace() and ch not in ".,!":
            break
    return end


def _means_between(found: str) -> bool:
    """Does a means or route verb stand between "found" and its "via"?"""
    parts = found[: found.lower().rfind("via")].split(None, 1)
    gap = parts[1] if len(parts) == 2 else ""
    return bool(gap and (MEANS_VERBS.search(gap) or ROUTE.search(gap)))


def _means_or_referral(text: str, start: int) -> bool:
    window = max(0, start - 240)  # a bounded look back: a long run of "via"s stays linear
    sentence_start = max(
        text.rfind(". ", window, start), text.rfind("\n", window, start), window - 1
    )
    before = text[sentence_start + 1 : start]
    if before.rstrip().endswith(("(", "[", ",")):
        return False  # "(via X)", "Heyward said, via Brian Batko,": a parenthetical source
    return bool(
        MEANS_VERBS.search(before) or REFERRAL.search(before) or ROUTE.search(before[-160:])
    )


def _anchor_party(anchor: Anchor, strength: float = 1.0) -> _Party | None:
    href = anchor.href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    name = anchor.text.strip(_TRIM) or None
    if name is not None and (
        name.lower() in GENERIC_ANCHORS
        or name.lower() in ("via", "h/t")
        or name.lower().startswith(("http://", "https://", "www."))
    ):
        name = None
    if name is None:  # "(via <a title="Sadly, No!">here</a>)": the title names the party
        title = (anchor.element.get("title") or "").strip(_TRIM)
        name = title if 1 < len(title) <= 60 else None
    return _Party(
        name=name,
        href=href,
        handle=None,
        domain=None,
        start=anchor.start,
        end=anchor.end,
        strength=strength,
    )


def _handle_party(handle: re.Match[str], offset: int) -> _Party:
    """The party an @handle names, standing ``offset`` characters into the block."""
    return _Party(
        name=None,
        href=None,
        handle=handle.group(0),
        domain=None,
        start=offset,
        end=offset + handle.end(),
        strength=0.95,
    )


def _party_after(match: re.Match[str], block: Block, *, strict: bool) -> _Party | None:
    text = block.text
    pos = match.end()
    own = block.anchor_at(match.start(), match.end())
    if own is not None and own.start <= match.start() and own.end >= match.end() - 1:
        # ``<a href=..>via</a>``: the cue word itself is the link to the party
        rest = fold(text[own.start : own.end]).strip(_TRIM).lower()
        if len(rest) <= len(match.group(0)) + 3:
            return _anchor_party(own)
    anchor = block.anchor_after(pos)
    if anchor is not None and anchor.start <= match.start():
        # "<a>via Kottke</a>" names its party; a headline link that merely contains "via"
        # ("<a>Via da Gaza, four doctors ...</a>") does not
        inside = text[anchor.start : match.start()].strip(_TRIM)
        tail = text[pos : anchor.end].strip(_TRIM)
        if inside and not tail:  # "<a>well done. (Via </a><a>X</a>": a sloppy link ends at the cue
            following = block.anchor_after(anchor.end)
            return _anchor_party(following) if following is not None else None
        if inside or len(tail.split()) > 6:
            return None
        party = _anchor_party(anchor)
        if party is not None and tail and tail.lower() not in GENERIC_ANCHORS:
            party.name = tail  # the name is what follows the cue, not "via Kottke"
        elif party is not None and tail and party.name == anchor.text.strip(_TRIM):
            party.name = None  # "<a>found it here</a>": the href names the party
        return party
    if anchor is not None:
        return _anchor_party(anchor)
    rest = text[pos : pos + 120]
    stripped = rest.lstrip(" \t\xa0:-–—\"“'‘")
    offset = pos + len(rest) - len(stripped)
    handle = _HANDLE.match(stripped)
    if handle:
        return _handle_party(handle, offset)
    first = stripped.split(maxsplit=1)[0].lower().strip(_TRIM) if stripped.strip() else ""
    if not first or first in CHANNELS:
        return None
    if first in ("someone", "somebody") and not strict:
        named = _SOMEONE_NAMED.match(stripped)
        if named is None:
            return None
        name = named.group("name").strip(_TRIM)
        start = offset + named.start("name")
        linked = _linked_name(block, name, start)
        return linked or _Party(
            name=name,
            href=None,
            handle=None,
            domain=None,
            start=start,
            end=offset + named.end("name"),
            strength=0.85,
        )
    if first in DETERMINERS and not _starts_capitalised_after(stripped):
        described = _DESCRIBED.match(stripped)
        if strict or described is None:
            return None
        # "Via the linguistics blog Serendipity": a description, then the name
        offset += described.start("name")
        stripped = stripped[described.start("name") :]
    elif first in _ROLES and not strict:
        # "Hat tip: reader Jane Smith": a role, then the name
        role = stripped.split(maxsplit=1)
        if len(role) < 2:
            return None
        offset += len(stripped) - len(role[1])
        stripped = role[1]
    handle = _HANDLE.match(stripped)
    if handle:  # "h/t my colleague @jdoe"
        return _handle_party(handle, offset)
    domain = _DOMAIN.match(stripped)
    if domain and "." in domain.group(0) and not domain.group(0).endswith("."):
        return _Party(
            name=domain.group(0),
            href=None,
            handle=None,
            domain=domain.group(0),
            start=offset,
            end=offset + domain.end(),
            strength=0.9,
        )
    if strict:
        return None
    name = _NAME.match(stripped)
    if not name:
        return None
    raw, end = name.group(0), name.end()
    exclaimed = _EXCLAIMED_TAIL.match(stripped, end)
    if exclaimed:  # "Sadly, No!": a blog name with its own comma and bang
        raw, end = stripped[: exclaimed.end()], exclaimed.end()
    cleaned = _clean_name(raw)
    if cleaned is None:
        return None
    if len(cleaned) < len(raw.strip(_TRIM)) and cleaned in raw:
        end = raw.index(cleaned) + len(cleaned)  # the evidence ends where the name does
    # A name that the block links a little further on ("via Kyle Gann's post") takes that link.
    linked = _linked_name(block, cleaned, offset)
    if linked is not None:
        return linked
    return _Party(
        name=cleaned,
        href=None,
        handle=None,
        domain=None,
        start=offset,
        end=offset + end,
        strength=0.85,
    )


_ROLES = frozenset(
    ["reader", "commenter", "friend", "colleague", "user", "blogger", "tipster", "correspondent"]
)
"""Role words a name may follow without a determiner: "h/t reader Jane Smith"."""


def _starts_capitalised_after(text: str) -> bool:
    words = text.split()
    return len(words) > 1 and words[0].lower() == "the" and words[1][:1].isupper()


def _linked_name(block: Block, name: str, offset: int) -> _Party | None:
    for anchor in block.anchors:
        if anchor.start >= offset and anchor.start - offset <= len(name) + 30:
            atext = anchor.text.strip(_TRIM)
            if atext and (atext in name or name in atext):
                party = _anchor_party(anchor)
                if party is not None:
                    party.name = name
                    party.start = offset
                    return party
    return None


_NOT_A_PARTY = re.compile(
    r"^(?:\d|cc[- ]|creative\s+commons|public\s+domain|copyright\b|all\s+rights"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(
    r"^[^.!?]*?\b(?!(?:Inc|Bros|Corp|Ltd|Mrs|Sen|Rep|Gov|Gen|Col|Capt|Prof|Vol|Dept|Univ|Assn)\.)"
    r"[A-Za-z\u00c0-\u024f]+[a-z\u00df-\u024f]{2}\.\s+[A-Z\u00c0-\u024f]"
)
"""A name running past a full stop after a word of three letters or more ("Technology Review.
Das Heft ...") crosses a sentence end; "Dr. Duke", "Warner Bros. Pictures" do not."""


def _clean_name(raw: str) -> str | None:
    name = raw.strip(_TRIM)
    if _NOT_A_PARTY.match(name):
        return None  # "first published on November 19", "© 1996": a date, not a party
    # "Juan Cole. I doubt...": a sentence break ends the name
    parts = re.split(r"(?<=[a-z0-9\u00df-\u024f])[.!?]\s+", name, maxsplit=1)
    if len(parts) == 2 and (
        parts[1].split()[0].lower().strip(_TRIM) in _NOT_NAMES or _SENTENCE_END.search(name)
    ):
        name = parts[0].strip(_TRIM)
    name = re.sub(r"['’]s$", "", name)
    if not name or name.lower() in _NOT_NAMES or len(name) < 2:
        return None
    return name


def _party_in_group(match: re.Match[str], block: Block) -> _Party | None:
    start, end = match.span("party")
    raw = match.group("party")
    anchor = block.anchor_at(start, end)
    if anchor is not None:
        party = _anchor_party(anchor)
        if party is not None:
            party.start, party.end = start, end
            cleaned = _clean_name(raw)
            if cleaned and len(cleaned) <= 60:
                party.name = party.name or cleaned
            return party
    stripped = raw.strip(_TRIM)
    handle = _HANDLE.fullmatch(stripped)
    if handle:
        return _Party(
            name=None,
            href=None,
            handle=stripped,
            domain=None,
            start=start,
            end=end,
            strength=0.95,
        )
    words = stripped.split()
    if not words or words[0].lower() in DETERMINERS or not words[0][:1].isupper():
        return None
    if len(words) > 6:
        return None
    cleaned = _clean_name(stripped)
    if cleaned is None:
        return None
    return _Party(
        name=cleaned, href=None, handle=None, domain=None, start=start, end=end, strength=0.85
    )


def _party_before(match: re.Match[str], block: Block) -> _Party | None:
    text = block.text
    start = match.start()
    anchor = block.anchor_before(start)
    if anchor is not None:
        return _anchor_party(anchor)
    prefix = text[max(0, start - 80) : start]
    found = _NAME_BEFORE.search(prefix)
    if not found:
        return None
    cleaned = _clean_name(found.group(1))
    if cleaned is None or cleaned.split()[0].lower() in _NOT_NAMES:
        return None
    offset = start - len(prefix) + found.start(1)
    return _Party(
        name=cleaned,
        href=None,
        handle=cleaned if cleaned.startswith("@") else None,
        domain=None,
        start=offset,
        end=offset + len(found.group(1)),
        strength=0.8,
    )
