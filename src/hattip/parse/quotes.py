"""Blockquotes, ``<q>`` and social embeds, and whose words they are.

The page says whose words a quote are in one of a few ways, tried in this order: the embed's own
author line (a tweet's "— Name (@handle)"), a pull quote of the post's own text (``self``), the
``cite=`` attribute, an attribution at its end (``<cite>``, ``<footer>``, a ``figcaption``, a
testimonial's signature child, a trailing "— X", a closing "[Matthew 5:9]", '," said X.', a bare
"(via)" link), the party quoted before when the author is cut off mid-word ("You have got to be
kid—"), a transcript's speaker labels ("MAN: ..."), an attribution line right after it ("— X",
"Pilfered from X, ..."), the sentence just before it ("X writes:", "..., says X:", "According to
X,", "She adds:", "Here's how it works.", "The poem reads:", a link that leads in, "my response:"
for the author's own earlier words, "So I devised some scenarios." for words the author made),
the quote just before it when this one continues it (also across a "continue reading" split; in
a post answering a source excerpt by excerpt, "you" is the source quoted most), or the one link
inside it that cites. A pronoun goes back to a name in the post's own sentences, not in its
quotes, and not to a name the post shows to be of the other sex. When none of these speak, the
quote is ``none``: the report warns about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lxml.html import HtmlElement

from hattip.model import Quote, QuoteHow, Region
from hattip.parse.regions import Regions
from hattip.parse.text import (
    ABBREVIATIONS,
    BLOCK_TAGS,
    Anchor,
    Block,
    fold,
    read_block,
    text_content,
)

Resolver = Callable[[str], tuple[str | None, str | None]]
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŲŹŻŽ"
"""Capital letters a name may start with: "Öcalan", "Žižek" and "Émile" are names too."""

_EMBED_CLASS = re.compile(
    r"tweet|instagram|tiktok|bluesky|mastodon|reddit-card|reddit-embed|fb-xfbml|fb-post"
    r"|threads-post|imgur-embed|embedly|wp-embedded-content"
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
    rf"(?P<who>(?:[{_UP}@\"“][\w'’.&\-@]*(?:\s+(?:[{_UP}][\w'’.&\-]*|of|the|de|van|von|at|on)){{0,6}})"
    r"|\b(?:he|she|they))"
    r"[\"”]?(?:\s*\([^)]{0,60}\))?(?:,[^,]{0,80},)?\s+(?:(?:also|then|now|rightly|correctly|recently"
    r"|today|once|further|here|simply|further|nicely|well|brilliantly)\s+)?" + _SAYS + r"\b",
)
_SAYS_AFTER = re.compile(
    r"(?:^|[,—–]\s*|\b(?:as|so)\s+)(?:says|said|writes|wrote|notes|noted|adds|added|explains"
    r"|explained|argues|argued|sagt|sagte|schreibt|schrieb|erklärt|erklärte|meint|meinte|betont"
    r"|betonte|dit|écrit|explique|ajoute|afirma|dice|escribe|zegt|schrijft)\s+"
    rf"(?P<who>[{_UP}][\w'’.\-]*(?:\s+[{_UP}][\w'’.\-]*){{0,3}})(?=[^!?]{{0,80}}[:,]\s*$)"
)
"""The verb before its subject: "..., says Jane Doe:", "..., sagt Volker Tripp vom Verein:"."""
_ACCORDING = re.compile(
    r"\b(?:according\s+to|in\s+the\s+words\s+of|as\s+(?P<who2>[^,.:]{2,60}?)\s+(?:puts|put|says"
    r"|said|writes|wrote|notes)\s+it|from|per|quoting|quoted\s+(?:in|by)|here(?:'s|\s+is)"
    r"|here\s+are|as\s+reported\s+by)\s+(?P<who>[^,.:;\n]{2,80})",
    re.IGNORECASE,
)
_NOT_WHO = frozenset(
    [
        "i",
        "he",
        "she",
        "it",
        "they",
        "we",
        "you",
        "this",
        "that",
        "there",
        "here",
        "which",
        "who",
        "one",
        "someone",
        "somebody",
        "the",
        "a",
        "an",
        "it's",
        "and",
        "but",
        "so",
        "then",
        "as",
        "also",
        "update",
    ]
)
_TRIM = " \t\n,;:.\"“”'‘’«»()[]{}-–—―~|"


@dataclass(slots=True)
class _Who:
    name: str | None
    href: str | None
    how: QuoteHow
    weak: bool = False
    """Found only far back in the lead-in paragraph: a quote just before speaks louder."""


def find_quotes(
    root: HtmlElement,
    regions: Regions,
    *,
    resolve_href: Resolver,
    post_text: Callable[[], str],
) -> list[Quote]:
    """Every quote of the page in document order, with whom it quotes."""
    quotes: list[Quote] = []
    previous: tuple[HtmlElement, _Who] | None = None
    history: list[_Who] = []  # the parties of the post's earlier quotes, for "you" lead-ins
    own: HtmlElement | None = None  # the quote just before, when it was the post's own words
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
            who = _attribute(el, block, text, post_text, previous, history, region=region)
            if who.how is QuoteHow.NONE and own is not None and _pairs_with(own, el):
                who = _Who(name=None, href=None, how=QuoteHow.SELF)
        own = el if who.how is QuoteHow.SELF and depth == 0 else None
        if depth == 0 and who.how not in (QuoteHow.SELF, QuoteHow.NONE):
            previous = (el, who)
            if who.name or who.href:
                history.append(who)
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


_NOBODY = re.compile(
    r"\b(?<!of\s)(?<!to\s)(?<!with\s)(?:someone|somebody|anonymous(?:ly)?|unnamed|an?\s+unknown"
    r"|people(?=\s+(?:who|are|were|keep|start|of\s+course)\b))\b",
    re.I,
)
"""Someone as the one who says ("someone wrote:", "people who are just spouting nonsense:"); "the
language of someone whose" is not."""


def _names_nobody(el: HtmlElement) -> bool:
    """A lead-in that says "someone said:" attributes the quote to nobody in particular."""
    block = _lead_text(el)
    if block is None:
        return False
    text = block.text.rstrip()  # a paragraph's closing new line is no sentence of its own
    return bool(_NOBODY.search(text[_sentence_cut(text) :]))


def _introduced(el: HtmlElement) -> bool:
    """Does the text just before the quote lead into it (a colon, a says-verb)?"""
    block = _lead_text(el)
    if block is None:
        return False
    text = block.text.rstrip()
    return (
        text.endswith(_LEADING_ENDS)
        or _open_ended(block)
        or bool(_POINTS_DOWN.search(text[-80:]))
        or bool(_LEAD_SAYS.search(text[_sentence_cut(text) :]))
    )


_LEADING_ENDS = (":", "：", ",", "—", "…", "...", ":)")
_CUT_OFF = re.compile(r"[^\W\d_](?:[—–]|--)$")


_THEIR_TEXT = re.compile(
    r"\b(?:here(?:['’]s|\s+is|\s+are)|take|consider|behold|witness|this\s+is)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:his|her|their)\s+(?:[a-z\-]+\s+){0,2}?(?:criticism|critique|review|response|reply"
    r"|answer|argument|rebuttal|post|column|essay|article|piece|words|statement|complaint|claim"
    r"|thesis|defen[cs]e|take|version|account|explanation|rant|screed|letter|email|tweet"
    r"|reasoning|logic|prose|conclusion|comment|point)s?\b",
    re.IGNORECASE,
)


def _their_text(el: HtmlElement) -> bool:
    """Does the lead-in present someone's text by a pronoun ("here is his criticism of X:",
    "Take their response:"), with no name before the pronoun in its sentence?"""
    block = _lead_text(el)
    if block is None or not block.text.rstrip().endswith(":"):
        return False
    text = block.text.rstrip()
    last = text[_sentence_cut(text) :]
    found = _THEIR_TEXT.search(last)
    return found is not None and not any(at < found.start() for at, _ in _proper_names(last))


def _cut_off(el: HtmlElement) -> bool:
    """Does the text before the quote break off mid-word ("No more ALL CA—")?"""
    block = _lead_text(el)
    if block is None or not _CUT_OFF.search(block.text.rstrip()):
        return False
    last = block.text.rstrip()[_sentence_cut(block.text.rstrip()) :]
    return _LEAD_SAYS.search(last) is None  # "Consider what Bob wrote—" leads into Bob


_POINTS_DOWN = re.compile(
    r"(?:\bbelow|\bas\s+follows|(?:^|[.!?]\s+)here(?:['’]s|\s+is|\s+are)\s+(?:how|what|why)\b"
    r"[^.!?:]{0,60})\s*[.!]?\s*$",
    re.IGNORECASE,
)
"""A sentence that points at what follows without a colon: "Hilarious copy, below.", "Here's how
it works."."""
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*\s+|\n")


def _sentence_cut(text: str, window: int = 400) -> int:
    """Where the last sentence of ``text`` starts (abbreviations and initials do not end one)."""
    start = max(0, len(text) - window)
    cut = start
    for match in _SENTENCE_END.finditer(text, start, max(start, len(text) - 2)):
        word = text[: match.start()].rsplit(None, 1)[-1:] or [""]
        token = word[0].strip("\"“‘'(").lower()
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        if text[match.end() : match.end() + 1].islower():
            continue  # "a string of Wha??? moments:": the sentence runs on
        cut = match.end()
    return cut


def _open_ended(block: Block) -> bool:
    """A lead-in that stops mid-sentence ("What he likes about the film is") runs into the quote."""
    if block.element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"):
        return False
    last = block.text.rstrip()[-1:]
    return bool(last) and (last.isalnum() or last in "'’")


def _continues(
    previous: tuple[HtmlElement, _Who], el: HtmlElement, history: Sequence[_Who] = ()
) -> _Who | None:
    """A quote that follows the previous one after only short interjections quotes the same.

    When the interjection speaks to someone ("But I should let you finish:"), the post is
    answering a source quote by quote, and "you" is the party it has quoted most, not
    necessarily the last one (an aside may have quoted a third party in between).
    """
    prev_el, who = previous
    nodes: list[HtmlElement] | None
    if prev_el.getparent() is el.getparent():
        nodes = _siblings_back(el, prev_el)
    else:
        nodes = _across_split(prev_el, el)
    if nodes is None or len(nodes) > 3 or any(len(text_content(n)) > 1200 for n in nodes):
        return None
    if len(history) > 1 and _addresses_someone(el):
        who = _most_quoted(history)
    return _Who(name=who.name, href=who.href, how=QuoteHow.LEAD_IN)


def _siblings_back(el: HtmlElement, stop: HtmlElement | None) -> list[HtmlElement] | None:
    """The elements between ``stop`` and ``el`` (siblings), or None when ``stop`` is not before."""
    found: list[HtmlElement] = []
    node = el.getprevious()
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and not (node.tag == "p" and _blank(node)):
            found.append(node)
            if len(found) > 3:
                return found
        node = node.getprevious()
    return found if node is not None or stop is None else None


def _across_split(prev_el: HtmlElement, el: HtmlElement) -> list[HtmlElement] | None:
    """The blocks between two quotes on either side of a "continue reading" split.

    Blog engines cut a post into two wrappers (``entry-body`` and ``entry-more``), so a quote
    opening the second part follows the one that closed the first.
    """
    part, earlier = el.getparent(), prev_el.getparent()
    if part is None or earlier is None or part.tag not in _WRAPPERS:
        return None
    node = part.getprevious()
    while node is not None and node is not earlier:
        if isinstance(node.tag, str) and text_content(node).strip():
            return None  # something with words of its own stands between the two parts
        node = node.getprevious()
    if node is None:
        return None
    before = _siblings_back(el, None)
    after: list[HtmlElement] = []
    node = prev_el.getnext()
    while node is not None and len(after) <= 3:
        if isinstance(node.tag, str) and not (node.tag == "p" and _blank(node)):
            after.append(node)
        node = node.getnext()
    return None if before is None else after + before


_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:re|ve|ll|d))\b", re.I)
_GENERIC_YOU = re.compile(
    r"\b(?:if|when|whenever|unless|as|before|once)\s+you\b|\byou\s+(?:can|could|might|will"
    r"|would|should|need|have\s+to|may\s+(?:have|know|recall|remember))\s+(?:see|read|find"
    r"|notice|imagine|guess|tell|know|recall|remember|expect|want)\b",
    re.I,
)


def _addresses_someone(el: HtmlElement) -> bool:
    """Does the lead-in speak to a second person ("Please continue", "you may go on:")?

    The reader's generic "you" ("as you can see:", "if you read on") addresses nobody quoted.
    """
    block = _lead_text(el)
    if block is None:
        return False
    text = block.text[-600:]
    return bool(_SECOND_PERSON.search(text)) and not _GENERIC_YOU.search(text)


def _party_key(who: _Who) -> str:
    return (who.href or "").split("#")[0].rstrip("/") or fold(who.name or "").casefold()


def _most_quoted(history: Sequence[_Who]) -> _Who:
    """The party quoted most often so far; of equals, the latest."""
    counts: dict[str, int] = {}
    for who in history:
        key = _party_key(who)
        counts[key] = counts.get(key, 0) + 1
    return max(reversed(history), key=lambda who: counts[_party_key(who)])


_SHARED_BY = re.compile(
    r"\b(?:a\s+)?post\s+shared\s+by\s+(?P<who>[^\n]{2,80}?)(?:\s+on\s|\n|$)", re.I
)


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
        who = re.split(
            r"\s+(?:January|February|March|April|May|June|July|August|September"
            r"|October|November|December|\d{1,2}\s)\b",
            who,
        )[0]
        handle = re.match(r".*?\(@\w{1,30}\)", who)  # "Jo (@jo) 25. September 2018": the date goes
        name = (handle.group(0) if handle else _balanced(who.strip(_TRIM))) or None
    if name is None:
        shared = _SHARED_BY.search(block.text)
        if shared:
            name = _balanced(shared.group("who").strip(_TRIM))
    if name is None:
        author = el.xpath(
            ".//*[contains(@class,'author') or contains(@class,'username')"
            " or contains(@class,'byline') or contains(@class,'handle')]"
        )
        if author:
            name = fold(text_content(author[0])) or None
    return _Who(name=name, href=href, how=QuoteHow.EMBED)


def _attribute(
    el: HtmlElement,
    block: Block,
    text: str,
    post_text: Callable[[], str],
    previous: tuple[HtmlElement, _Who] | None,
    history: Sequence[_Who] = (),
    *,
    region: Region = Region.BODY,
) -> _Who:
    cls = (el.get("class") or "").lower()
    if _PULL_CLASS.search(cls) or _is_self(el, text, post_text) or _is_layout(el, text):
        return _Who(name=None, href=None, how=QuoteHow.SELF)
    lead = _lead_in(el)
    cite = (el.get("cite") or "").strip()
    if cite and not cite.startswith(("#", "javascript:")):
        return _Who(name=lead.name if lead else None, href=cite, how=QuoteHow.CITE_ATTR)
    trailer = _trailer_inside(el, block)
    if trailer is not None:
        return trailer
    if history and (lead is None or lead.href is None) and _their_text(el):
        # "Here is his criticism of Lazere's point:": "his" is the party the post is quoting.
        return _Who(name=history[-1].name, href=history[-1].href, how=QuoteHow.LEAD_IN)
    if history and (lead is None or lead.href is None) and _cut_off(el):
        # "You have got to be kid—": the quoted party interrupts the author again.
        return _Who(name=history[-1].name, href=history[-1].href, how=QuoteHow.LEAD_IN)
    if (
        lead is None
        or lead.weak
        or lead.name is None
        or not _introduced(el)
        or block.text.lstrip(' \n"“').startswith("@")
    ):
        before = _lead_text(el)
        speaker = _speaker(block.text, fold(before.text[-400:]) if before is not None else "")
        if speaker is not None:
            return speaker
    after = _trailer_after(el)
    if after is not None:
        return after
    if lead is not None and lead.weak and previous is not None:
        inherited = _continues(previous, el, history)
        if inherited is not None:
            return inherited
    if lead is not None:
        return lead
    introduced = _introduced(el)
    citing = [a for a in block.anchors if _cites(block, a)]
    if previous is not None and (introduced or not citing) and not _names_nobody(el):
        inherited = _continues(previous, el, history)
        if inherited is not None:
            if _other_party(el, inherited):  # someone answers the party quoted before
                return _Who(name=None, href=None, how=QuoteHow.NONE)
            return inherited
    if len(block.anchors) == 1 and len(text) > 40 and citing:
        anchor = block.anchors[0]
        return _Who(name=_anchor_name(anchor), href=anchor.href, how=QuoteHow.INSIDE_LINK)
    if not introduced and el.tag == "blockquote" and region is not Region.COMMENT:
        # Set off, but introduced by nothing: the author's own words (an update, a table, a
        # scene), which is what labellers and readers take it for. A reader's comment that
        # opens with a quote answers the post or another reader: whose words, it does not say.
        return _Who(name=None, href=None, how=QuoteHow.SELF)
    return _Who(name=None, href=None, how=QuoteHow.NONE)


_LABEL = re.compile(
    r"^[ \t\"“]*(?P<who>@\w{1,30}|[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]*){0,3}(?:[ \t]*#\d+)?"
    r"|[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,2}(?:[ \t]*#\d+)?)[ \t\xa0]*:[ \t\xa0]+(?=\S)",
    re.MULTILINE,
)
_NOT_SPEAKERS = frozenset(
    """update note edit source via translation summary example step warning tip answer question q
    a ps p.s re subject from to date title sent cc bcc abstract keywords background methods
    results result conclusion conclusions objective definition usage pronunciation etymology
    chapter section part act scene book verse table figure fig comment reply response posted
    filed tags tag category topic location time name address phone email website total price
    cast director rating genre status score round day week pros cons bonus hint spoiler
    correction disclaimer caveat addendum postscript quote headline caption credit link url
    nb n.b reference references notes see also tl;dr breaking news alert""".split()
)


def _speaker(raw: str, lead_text: str) -> _Who | None:
    """A transcript or dialogue ("MAN: ...", "Student #2: ...", "@handle: ...") speaks for itself.

    The first line's speaker label names whose words they are when the quote opens with one and
    either it is an @handle or the quote has more labelled lines: a lone "Note:" or "Chapter One:"
    is a heading, not a speaker.
    """
    labels = [
        fold(m.group("who"))
        for m in _LABEL.finditer(raw)
        if fold(m.group("who")).lower().rstrip(".") not in _NOT_SPEAKERS
    ]
    first = _LABEL.match(raw.lstrip())
    if first is None or not labels or labels[0] != fold(first.group("who")):
        return None
    name = labels[0]
    if name.startswith("@") or "#" in name or (name.isupper() and (len(labels) > 1 or " " in name)):
        pass  # a handle; a script's or a transcript's "MAN:", "JUSTICE KAGAN:"
    elif labels.count(name) < 2 and name not in lead_text:
        return None  # "Unique Situation:" once is a list's heading; "Tom: ... Tom:" a dialogue
    return _Who(
        name=name,
        href=None,
        how=QuoteHow.LEAD_IN if name in lead_text else QuoteHow.TRAILER,
    )


_CITING = re.compile(r"(?:\bvia|\bsource:?|\bfrom|\bsee|\bby|[—–(\[]|--|\s-)\s*$", re.I)


def _cites(block: Block, anchor: Anchor) -> bool:
    """Does the quote's one link cite where the words come from, or is it part of them?

    A citation names something ("<a>Mark Twain and Science</a> 194", "— <a>Nat Friedman</a>",
    "(via <a>They Work For You</a>)"); a link on a common word in mid-sentence ("the
    <a>impromptu</a> convention") is the quoted author's own link, not the quote's source.
    """
    label = anchor.text.strip(_TRIM)
    if label[:1].isupper() or label[:1].isdigit() or label.startswith("@"):
        return True
    if label.lower() in _NOT_ANCHOR_NAMES or _DOC_WORDS.fullmatch(label):
        return True  # "as <a>this</a> says", "the <a>source</a>": a link that points at a text
    return bool(_CITING.search(block.text[max(0, anchor.start - 12) : anchor.start]))


def _is_self(el: HtmlElement, text: str, post_text: Callable[[], str]) -> bool:
    """A pull quote repeats the post's own words elsewhere on the page."""
    if len(text) < 30 or el.tag == "q":
        return False
    needle = text[:60]
    body = post_text()
    repeats = body.count(needle)
    if repeats < 2:
        return False
    # The same passage quoted twice is two quotes of one source, not a pull quote: the words
    # must also stand outside every quote of the page. The second time may be the middle of a
    # longer quote ("She said: ... and he said: <the same words>"), so count them anywhere
    # inside an outermost quote (a nested one is counted with the quote around it).
    quoted = sum(
        fold(text_content(other)).count(needle)
        for other in el.getroottree().getroot().iter("blockquote")
        if next(other.iterancestors("blockquote"), None) is None
    )
    return repeats > quoted


def _is_layout(el: HtmlElement, text: str) -> bool:
    """A blockquote used to indent a table or a list of figures is the post's own content."""
    tables = el.xpath(".//table")
    return bool(tables) and len(fold(text_content(tables[0]))) > 0.5 * len(text)


_NOT_ANCHOR_NAMES = frozenset(
    [
        *("here", "this", "link", "source", "post", "article", "thus", "so", "it", "that"),
        *("these", "to wit", "like this", "like so", "as follows", "this one", "read more"),
    ]
)
"""Link texts that point at a source without naming it."""


def _anchor_name(anchor: Anchor) -> str | None:
    name = anchor.text.strip(_TRIM)
    if not name or name.lower() in _NOT_ANCHOR_NAMES:
        return None
    words = name.split()
    if len(words) > 10 or words[0].lower() in ("i", "we", "i'd", "i’d", "i've", "i’ve"):
        return None  # "I wrote of my hatred of ...": a phrase of the post, not a name
    return name


_HONORIFIC = re.compile(rf"^(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Sen|Rep|Gov)\.?\s+(?=[{_UP}])")


def _balanced(name: str) -> str:
    """Give back the closing parenthesis the trim took: "Jane Doe (@jdoe)"."""
    if name.count("(") > name.count(")"):
        return name + ")"
    return name


_LEADING_WORDS = frozenset(
    "As But And So Then Or Yet Here Now Which That Who Whom When Where While Because Since If"
    " Though Although Until Once Even Also Still Thus Hence Meanwhile".split()
)


_CREDIT_WORD = re.compile(r"^(?:from|via|source:?|quelle:?|h/t|ht:?)(?:\s+|$)", re.IGNORECASE)
"""A word that says where something comes from, not who: "from Wired" names Wired; "(via.)" names
no one."""


def _who_name(raw: str) -> str | None:
    name = _balanced(raw.strip(_TRIM))
    name = _CREDIT_WORD.sub("", name).strip(_TRIM)
    if len(name.split()) <= 3:
        name = _HONORIFIC.sub("", name)  # "Mr. Nolte" is Nolte; "Dr Spencer's Melons, ..." a title
    head, _, rest = name.partition(" ")
    if rest and head in _LEADING_WORDS:
        name = rest  # "Which the New York Times reported": the Times
    name = re.sub(r"['’]s$", "", name)
    first = name.split()[0].lower() if name else ""
    last = name.split()[-1].lower() if name else ""
    if last in ("i", "we", "you", "he", "she", "they", "it"):
        return None  # "Did I write", "Can you say": a question, not a name
    if not name or name.lower() in _NOT_WHO or first in ("i", "we", "you", "posted"):
        return None
    if first.startswith(("i’", "i'", "we’", "we'", "you’", "you'")):
        return None
    return name[:120]


_FROM_LINE = re.compile(
    r"^\s*(?i:from|source:|quelle:)\s+(?:(?i:the)\s+)?(?P<who>[A-Z0-9“\"'‘][^\n]{2,119})\n"
)
"""A heading line naming the source ("From The Youth Companion ..."); "From all of you ..." is
a sentence of the quote, not a source."""


def _trailer_inside(el: HtmlElement, block: Block) -> _Who | None:
    head = _FROM_LINE.match(block.text.lstrip())
    if head is not None:  # "From The Youth Companion (7 April 1881): 127" heading the quote
        first = next(iter(block.anchors), None)
        return _Who(
            name=_who_name(head.group("who").split(" (")[0]),
            href=first.href if first and first.start < len(head.group(0)) + 2 else None,
            how=QuoteHow.TRAILER,
        )
    for tag in ("cite", "footer", "figcaption"):
        found = el.xpath(f".//{tag}")
        if found:
            node = found[-1]
            sub = read_block(node, nested_blocks=True)
            name = _who_name(fold(sub.text))
            href = sub.anchors[0].href if sub.anchors else None
            if name or href:
                return _Who(name=name, href=href, how=QuoteHow.TRAILER)
    signed = _signature(el)
    if signed is not None:
        return signed
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
    bare = _BARE_LINK_TAIL.search(tail_text[-40:])
    if bare is not None:  # '... the Mongolian Terror Trout!" (<a>via</a>)': the link is the source
        at = len(tail_text) - len(tail_text[-40:]) + bare.start()
        link = next((a for a in block.anchors if a.start >= at and _usable(a)), None)
        if link is not None:
            return _Who(name=None, href=link.href, how=QuoteHow.TRAILER)
    reported = _SAID_AT_END.search(tail_text[-240:])
    if reported is not None:  # '"... immunity," said one legal expert, as reported by X.'
        name = _who_name(reported.group("who") or reported.group("who2") or "")
        if name:
            return _Who(name=name, href=None, how=QuoteHow.TRAILER)
    ref = _CLOSING_REF.search(tail_text[-200:])
    if ref is not None and not _NOT_REF.match(ref.group("who")):
        who_start = len(tail_text) - len(tail_text[-200:]) + ref.start("who")
        anchor = next((a for a in block.anchors if a.end > who_start and _usable(a)), None)
        name = _who_name(ref.group("who"))
        if name:
            return _Who(name=name, href=anchor.href if anchor else None, how=QuoteHow.TRAILER)
    return None


_BARE_LINK_TAIL = re.compile(
    r"[(\[]\s*(?:via|source|link|from|h/t|ht|hat\s+tip)\.?\s*[)\]]\s*\.?\s*$", re.IGNORECASE
)
"""A quote that ends "(via)" or "[source]", the word a link to where the words come from."""
_SIGNATURE_CLASS = re.compile(
    r"author|attribution|byline|cite|citation|source|user|name|credit|signature|person", re.I
)


def _signature(el: HtmlElement) -> _Who | None:
    """A testimonial's last child marked as its signature (``<div class=quote-author>``).

    Only the quote's own children are looked at, so this costs one step per child.
    """
    children = [c for c in el if isinstance(c.tag, str)]
    if len(children) < 2:
        return None
    last = children[-1]
    if last.tag in ("img", "br") or not _SIGNATURE_CLASS.search(last.get("class") or ""):
        return None
    sub = read_block(last, nested_blocks=True)
    text = fold(sub.text)
    if not text or len(text) > 120:
        return None
    name = _who_name(text.split(",")[0])
    href = next((a.href for a in sub.anchors if _usable(a)), None)
    return _Who(name=name, href=href, how=QuoteHow.TRAILER) if name or href else None


_SAID_AT_END = re.compile(
    r"[,.!?][”\"]\s*(?:(?:said|says|told|added|adds|warned|wrote|writes|explained|noted)\s+"
    r"(?P<who>[^,.;:!?”\"]{2,60}?)|(?P<who2>[^,.;:!?”\"]{2,60}?)\s+(?:said|says|added|adds"
    r"|warned|wrote|writes|explained|noted))(?:,[^”\"]{0,120})?\.\s*$"
)
"""A news-style quote that names its speaker at its end: '"...," said one legal expert.',
'"...," the expert warned.'."""
_CLOSING_REF = re.compile(r"[”\"’]\s*[.,]?\s*[\[(](?P<who>[A-Z][^\[\]()\n]{1,80})[\])]\s*\.?\s*$")
"""A reference closing the quoted words: '..." [Al-Ma'idah 8]', '..." (Matthew 5:9)'."""
_NOT_REF = re.compile(r"(?i:emphasis|sic|italics|bold|link|links|my|mine|added|ibid|id\b|via\b)")


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
    if parent is not None and (parent.text or "").strip():
        return parent
    if parent is not None and parent.tag in _WRAPPERS:
        return _wrapper_lead(parent)
    return None


_WRAPPERS = frozenset({"div", "section"})


def _blank(para: HtmlElement) -> bool:
    """An empty paragraph (a "more" anchor's ``<p><span id=more-1></span></p>``) says nothing."""
    if (para.tail or "").strip() or text_content(para).strip():
        return False
    return next(para.iter("img", "iframe", "video", "object", "embed"), None) is None


def _wrapper_lead(wrapper: HtmlElement) -> HtmlElement | None:
    """The quote opens a wrapper ("continue reading" part, a section): the block before it.

    Only a block that runs into what follows (a colon, a dash, an open sentence) counts: the
    title or byline above a post's first wrapper introduces nothing.
    """
    prev = wrapper.getprevious()
    while prev is not None and (
        not isinstance(prev.tag, str)
        or (prev.tag not in BLOCK_TAGS and not text_content(prev).strip())  # <a id="more">
    ):
        prev = prev.getprevious()
    while prev is not None and prev.tag in _WRAPPERS and not (prev.tail or "").strip():
        children = [c for c in prev if isinstance(c.tag, str)]
        if not children or (children[-1].tail or "").strip():
            break
        prev = children[-1]
    if prev is None or prev.tag not in ("p", "div", "li") or (prev.tail or "").strip():
        return None
    last = fold(text_content(prev)).rstrip()[-1:]
    return prev if last and (last in ":,—–…" or last.isalnum()) else None


def _lead_text(el: HtmlElement) -> Block | None:
    prev = _previous_block(el)
    if prev is None or _META_CLASS.search(prev.get("class") or ""):
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
        block.text += tail  # text between the lead-in element and the quote leads in too
    return block


_PRONOUNS = frozenset({"he", "she", "they", "it", "who", "this", "one"})
_PROPER = re.compile(
    rf"(?<![\w@])(?:Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.)?\s?[{_UP}][\w'’\-]+(?:\s+(?:(?:de|van|von|der|la|of"
    rf"|the|al|bin|du)\s+)?[{_UP}][\w'’\-]+){{0,4}}"
)
_STOP_CAPS = frozenset(
    [
        "I",
        "The",
        "A",
        "An",
        "And",
        "But",
        "So",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "He",
        "She",
        "They",
        "We",
        "You",
        "In",
        "On",
        "At",
        "For",
        "If",
        "When",
        "What",
        "Why",
        "How",
        "Here",
        "There",
        "My",
        "His",
        "Her",
        "Their",
        "Our",
        "Your",
        "Still",
        "Yet",
        "Also",
        "Then",
        "Now",
        "Maybe",
        "Please",
        "Yes",
        "No",
        "Oh",
        "Well",
        "Update",
        "As",
        "Or",
        "Of",
        "To",
        "By",
        "With",
        "From",
        "Not",
        "Even",
        "Just",
        "Only",
        "After",
        "Before",
        "While",
        "Because",
        "Since",
        "Some",
        "Many",
        "Most",
        "All",
        "Every",
        "Each",
        "Such",
        "Which",
        "Who",
        "Whom",
        "Whose",
        "Where",
        "Let",
        "Consider",
        "Read",
        "See",
        "Take",
        "Look",
        "Note",
        "Anyway",
        "However",
        "Indeed",
        "Instead",
        "Meanwhile",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Someone",
        "Tonight",
        "Earlier",
        "Later",
        "Recently",
        "Last",
        "Next",
        "Finally",
        "Again",
        "Case",
        "Exhibit",
        "Example",
        "Consider",
        "Behold",
        "Witness",
        "Observe",
        "Somebody",
        "Everyone",
        "Everybody",
        "Nobody",
        "Anyone",
        "People",
        "Others",
        "Critics",
        "Many",
        "Few",
        "Via",
        "Thanks",
        "Update",
        "Source",
        "Quelle",
        "Photo",
        "Image",
        "Sir",
        "Mr",
        "Mrs",
        "Ms",
        "Did",
        "Does",
        "Do",
        "Is",
        "Are",
        "Was",
        "Were",
        "Can",
        "Could",
        "Would",
        "Should",
        "Will",
    ]
)


_CREDIT_CAPS = frozenset(["Via", "Thanks", "Source", "Quelle", "Photo", "Image", "Update"])
"""Openers after which a name is the credited party of a via or a caption, not a speaker."""

_DOC_WORDS = re.compile(
    r"\b(?:interview|article|post|piece|op-?ed|column|essay|report|review|statement|speech"
    r"|letter|editorial|story|paper|study|writes|wrote|says|said|argues|notes|tweet|thread|here"
    r"|this|learn\w*|read|reports?|reported|reporting|according|announced|explains|puts\s+it)\b",
    re.IGNORECASE,
)
_WITH_WHO = re.compile(r"\b(?:interview|conversation|talk|chat|q&a)\s+with\s+(?P<who>.+)$", re.I)


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is the one wanted
        pass
    return found


def _name_like(text: str) -> bool:
    words = text.strip(_TRIM).split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def _shouting(text: str, start: int, end: int) -> bool:
    """Is the capitalised word at ``start:end`` part of a run of words in capitals?"""
    before = text[max(0, start - 20) : start].split()[-1:]
    after = text[end : end + 20].split()[:1]
    return any(w.strip(_TRIM).isupper() and len(w.strip(_TRIM)) > 1 for w in before + after)


_ARTICLE_END = re.compile(r"\b(?:a|an|the)$", re.IGNORECASE)
_NOUN_VERB = re.compile(
    r"\s+[a-z]{3,}\s+(?:is|was|are|were|has|had|have|will|would|can|could|seems?)\b"
)


def _proper_names(text: str) -> list[tuple[int, str]]:
    """Capitalised names in ``text`` with their positions, sentence-initial stop words dropped."""
    found: list[tuple[int, str]] = []
    for match in _PROPER.finditer(text):
        words = match.group(0).strip().split()
        opened = False  # "What Cashill has done": the name follows the sentence's opener
        while words and words[0].strip(_TRIM) in _STOP_CAPS:
            opener = words.pop(0).strip(_TRIM)
            opened = opened or opener not in _CREDIT_CAPS
        if not words:
            continue
        name = _HONORIFIC.sub("", re.sub(r"['’]s$", "", " ".join(words)).strip(_TRIM))
        if name.isupper() and (" " in name or _shouting(text, match.start(), match.end())):
            continue  # "HE KNOWS HER POINT BETTER THAN SHE DOES": shouting, not a name
        if len(name) < 2 or name.startswith(("I’", "I'")):
            continue
        before = text[: match.start()].rstrip(" \t\"“‘'(")
        if len(words) == 1 and not opened and (not before or before[-1] in ".!?:;\n—"):
            continue  # one capitalised word opening a sentence is just a sentence opening
        if len(words) == 1 and _ARTICLE_END.search(before) and _NOUN_VERB.match(text, match.end()):
            continue  # "the Jew media is on its last legs": the word qualifies a noun, the subject
        found.append((match.start(), name))
    return found


_OWN_WORDS = re.compile(
    r"^\W*(?:translation|in\s+other\s+words|let['’]s\s+see)\b"
    r"|\b(?:I|I['’]d|I['’]ll|we)\s+(?:\w+\s+){0,2}(?:write|say|translate|paraphrase"
    r"|summari[sz]e)\b[^.!?]*:\s*$",
    re.IGNORECASE,
)
"""A lead-in to words the author writes here and now: "Translation:", "I'd put it so:"."""
_OWN_MADE = re.compile(
    r"\b(?:I|we)\s+(?:\w+\s+){0,2}?(?:devised|made\s+up|came\s+up\s+with|composed|invented"
    r"|concocted|mocked\s+up|have\s+one(?=\s*[,.;:]))",
    re.IGNORECASE,
)
"""The author made what follows ("So I devised some scenarios. What some thought would happen:",
"I have one, actually, but it needs improving:"): the post's own words."""


def _pairs_with(own: HtmlElement, el: HtmlElement) -> bool:
    """Is ``el`` the second half of a pair with the author's own ``own`` ("What some thought
    would happen: ..." then "What actually happened: ..."): one short nameless colon line
    between them?"""
    lead = el.getprevious()
    if lead is None or lead.getprevious() is not own or lead.tag != "p":
        return False
    words = fold(text_content(lead)).split()
    return 0 < len(words) <= 5 and words[-1].endswith(":") and not _proper_names(" ".join(words))


def _made_just_before(lead: HtmlElement) -> bool:
    """Did the paragraph before a short lead-in end saying the author made what follows ("So I
    devised some scenarios." then "What some thought would happen:")?"""
    prev = lead.getprevious()
    if prev is None or not isinstance(prev.tag, str) or prev.tag != "p":
        return False
    tail = fold(text_content(prev))[-300:]
    return bool(_OWN_MADE.search(tail[_sentence_cut(tail.rstrip(), 300) :]))


_OWN_EARLIER = re.compile(
    r"^\W*(?:(?:here\s+is|here['’]s|this\s+is|below\s+is|and|so|now|for\s+the\s+record)[,\s]+)?"
    r"(?:my|our)\s+(?:\w+\s+){0,6}?(?:response|answer|reply|comment|post|email|e-mail"
    r"|letter|note|review|column|essay|piece|remarks?)\b[^.!?]*:\s*$"
    r"|\b(?:I|we)\s+(?:\w+\s+){0,2}(?:wrote|said|answered|replied|responded|commented"
    r"|posted|argued|noted|asked|suggested|predicted|tweeted)\b[^.!?]*:\s*$",
    re.IGNORECASE,
)
"""A lead-in to the author's own words published before ("my response to X:", "What I wrote
about X obtains here:"): quoted from elsewhere, so a lead-in naming the author, not a pull
quote of this post."""


def _anchor_before(block: Block) -> Anchor | None:
    """The last link of the paragraph before the lead-in ("my conversation with <a>X</a> ...")."""
    prev = block.element.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    if prev is None or prev.tag not in ("p", "div", "li"):
        return None
    return _last_anchor(read_block(prev, nested_blocks=True), 0)


def _pointer_before(block: Block) -> Anchor | None:
    """A short paragraph just before a nameless lead-in whose one link points at the source.

    Images between the two are passed over; a paragraph of many words, or with several links,
    is the author's own discussion, not a pointer.
    """
    prev = block.element.getprevious()
    while prev is not None and (
        not isinstance(prev.tag, str) or (prev.tag == "p" and not text_content(prev).strip())
    ):
        prev = prev.getprevious()
    if prev is None or prev.tag != "p":
        return None
    before = read_block(prev, nested_blocks=True)
    links = [a for a in before.anchors if _usable(a)]
    if len(fold(before.text)) > 200 or len(links) != 1 or _credit_anchor(before, links[0]):
        return None
    return links[0]


def _credit_anchor(block: Block, anchor: Anchor) -> bool:
    """Is this link the party of a via or hat tip ("(<a>via</a>)", "h/t <a>X</a>")?"""
    label = anchor.text.strip(_TRIM).lower()
    return label in ("via", "h/t", "ht", "source") or bool(
        _CREDIT_BEFORE.search(block.text[max(0, anchor.start - 20) : anchor.start])
    )


_AUTHOR_XPATH = (
    "(//meta[@name='author' or @property='article:author']/@content"
    " | //a[@rel='author'] | //*[@itemprop='author'])[1]"
)


def _author(el: HtmlElement) -> str | None:
    """The post's author as the page names it, for quotes of the author's earlier words.

    Looked up only for such a quote (rare), so the page is not searched for every quote.
    """
    found = el.getroottree().getroot().xpath(_AUTHOR_XPATH)
    if not found:
        return None
    first = found[0]
    text = fold(first if isinstance(first, str) else text_content(first))
    text = re.sub(r"^(?:posted\s+|written\s+)?by\s+", "", text, flags=re.I).strip(_TRIM)
    return text if 0 < len(text) <= 80 and not text.startswith(("http:", "https:")) else None


_VIA_LEAD = re.compile(r"^\W*(?:via|from|h/t)\s+(?=[^\n,;.]{2,50}:\s*$)", re.IGNORECASE)
_META_CLASS = re.compile(r"\b(?:meta|postmetadata|commentmetadata|byline|dateline|post-info)\b")
"""A post's or comment's date-and-author line ("[ 73 ] March 9, 2014 | SEK") introduces nothing."""
_BYLINE = re.compile(r"^\s*(?:posted|written|published|filed)\s+(?:by|on|at|in)\b", re.I)


def _lead_in(el: HtmlElement) -> _Who | None:
    block = _lead_text(el)
    if block is None:
        return None
    text = block.text.rstrip()
    if not text or _BYLINE.match(text):
        return None  # the post's byline stands before its first quote: it introduces nothing
    cut = _sentence_cut(text)
    last = text[cut:]
    if _OWN_WORDS.search(last) or (
        text.endswith(":")
        and (
            _OWN_MADE.search(text[_sentence_cut(text[:cut].rstrip()) :])
            or (
                not text[:cut].strip()
                and len(last.split()) <= 6
                and _made_just_before(block.element)
            )
        )
    ):
        return _Who(name=None, href=None, how=QuoteHow.SELF)
    if _OWN_EARLIER.search(last):
        mine = _last_anchor(block, cut) or _last_anchor(block, 0) or _anchor_before(block)
        author = _author(el)
        if author is None and mine is None:
            return _Who(name=None, href=None, how=QuoteHow.SELF)
        return _Who(name=author, href=mine.href if mine else None, how=QuoteHow.LEAD_IN)
    short_via = _VIA_LEAD.match(last)
    if short_via is not None:  # "Via The Corner:" right above a quote names the quoted source
        first = next((a for a in block.anchors if a.start >= cut + short_via.end() - 1), None)
        return _Who(
            name=_who_name(last[short_via.end() :].rstrip(" :")),
            href=first.href if first else None,
            how=QuoteHow.LEAD_IN,
        )
    ends_colon = (
        text.endswith(_LEADING_ENDS) or _open_ended(block) or bool(_POINTS_DOWN.search(last))
    )
    says = _last_match(_LEAD_SAYS, last) or _SAYS_AFTER.search(last)
    according = _last_match(_ACCORDING, last)
    anchor = _last_anchor(block, cut)
    near_anchor = anchor is not None and len(text) - anchor.end < 120
    if not (ends_colon or says is not None or near_anchor):
        return None
    name: str | None = None
    weak = False
    who_at: tuple[int, int] | None = None
    if says is not None:
        raw = says.group("who")
        if raw.strip().lower() in _PRONOUNS:
            earlier = _proper_names(text[: cut + says.start("who")])
            name = earlier[-1][1] if earlier else None
        else:
            name = _who_name(raw)
        who_at = (cut + says.start("who"), cut + says.end("who") + 2)
    elif according is not None and (ends_colon or according.end() >= len(last) - 3):
        raw = according.group("who2") or according.group("who")
        name = _who_name(raw)
        if name and not name[:1].isupper():
            name = None
        start = according.start("who2") if according.group("who2") else according.start("who")
        who_at = (cut + start, cut + start + len(raw) + 2)
    if who_at is not None:
        anchor = _anchor_in(block, *who_at) or anchor
        if says is not None:
            named = [
                a
                for a in block.anchors
                if cut - 2 <= a.start < cut + says.end() and _usable(a) and _name_like(a.text)
            ]
            if named:  # "<a>Salah Mukhtar</a>, who was ..., said": the linked name is the subject
                anchor, name = named[0], named[0].text.strip(_TRIM)
    else:
        documents = [a for a in block.anchors if _usable(a) and _DOC_WORDS.search(a.text)]
        if anchor is None and not documents:
            anchor = _read_in(block) or _last_anchor(block, 0)
            weak = anchor is not None
        if documents:
            anchor = documents[-1]
            with_who = _WITH_WHO.search(anchor.text)
            name = _who_name(with_who.group("who")) if with_who else None
        owned = _owned(block)
        if owned is not None and anchor is not None and _pointer_word(anchor):
            # "the Donalde's <a>latest argument</a> ... consider <a>this</a> an invitation":
            # a text someone owns is the source; a bare "this" is what the post points at.
            name, anchor, weak = owned[0], owned[1], False
    if name is None and anchor is not None:
        name = _anchor_name(anchor)
        if name and not name[:1].isupper():
            name = None
    if name is None:
        name = _subject(last, text[:cut], el, linked=anchor is not None)
    if name is None and anchor is None and _IT_READS.search(last):
        # "The poem reads:", "What I found disturbs me:": the text was named before.
        name = _title_before(text[:cut], block.element)
    if name is None and anchor is None and (_POINTS_DOWN.search(last) or _IT_READS.search(last)):
        # "Here's how it works." names nobody: the sentence before it says whose work it is.
        start = _sentence_cut(text[:cut].rstrip())
        name = _subject(text[start:cut].rstrip() + ":", text[:start], el)
    if name is None and anchor is None and text.endswith(":"):
        anchor = _pointer_before(block)  # "(See the <a>full rules</a>.)", then "It goes:"
        weak = anchor is not None
    if name is None and anchor is None:
        return None
    return _Who(name=name, href=anchor.href if anchor else None, how=QuoteHow.LEAD_IN, weak=weak)


_IT_READS = re.compile(
    r"^\W*(?:(?:the|this|that|its?)\b[^.!?:]{0,80}?\b(?:reads|says|goes|runs|states)"
    r"|what\s+I\s+(?:found|read|saw)\b[^.!?:]{0,40})\s*:\s*$",
    re.IGNORECASE,
)
"""A lead-in whose subject is the text itself ("The poem reads:", "What I found disturbs me:")."""
_CALLED = re.compile(r"\b(?:called|titled|entitled|named)\s+[\"“]([^\"”]{2,80})[\"”]")


def _title_before(before: str, lead: HtmlElement) -> str | None:
    """The title a text was given just before ("It is called "Mother Jones Melodies""), if any."""
    found = _last_match(_CALLED, before)
    if found is None:
        prev = lead.getprevious()
        if prev is not None and isinstance(prev.tag, str) and prev.tag == "p":
            found = _last_match(_CALLED, fold(text_content(prev))[-1500:])
    return found.group(1).strip(_TRIM) or None if found else None


_SOMEONE = re.compile(
    r"\b(?:a|one|another|an\s+anonymous)\s+(?:reader|commenter|commentator|correspondent|friend"
    r"|colleague|listener|viewer|student|tipster|source|emailer|guy|user|fan"
    r"|poster|dude|critic|blogger|developer|dev)\b",
    re.IGNORECASE,
)


def _subject(sentence: str, before: str, el: HtmlElement, *, linked: bool = False) -> str | None:
    """Who a lead-in sentence is about: its opening name, a pronoun's antecedent, its last name."""
    stripped = sentence.lstrip(" \t\n\"“‘'(")
    someone = _SOMEONE.search(stripped)
    if someone:
        return someone.group(0)  # "From a reader:" names an unnamed party, as written
    words = stripped.split()
    if 0 < len(words) <= 4 and words[0][:1].isupper() and stripped.rstrip().endswith(":"):
        if words[0].lower() in _VERB_FIRST and len(words) > 1:
            words = words[1:]  # "Says Jane Doe:", "Writes Bob:"
        head = words[0].strip(_TRIM)
        if (
            head not in _STOP_CAPS
            and head.lower() not in _INDEFINITE
            and len(head) > 1
            and (len(words) > 1 or _named(head, before, el))
        ):
            return _name_run(words)  # "Abrams again:", "Nolte continues:"; "Sample:" names nobody
    opening_words = [_CONTRACTION.sub("", w.strip(_TRIM).lower()) for w in stripped.split()[:5]]
    first_word = opening_words[0] if opening_words else ""
    names = _proper_names(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), sentence))
    if names and names[0][0] <= len(sentence) - len(stripped) + 2:
        return names[0][1]
    if not names and len(words) > 1 and stripped.rstrip().endswith(":"):
        head = words[0].strip(_TRIM)
        if (
            head[:1].isupper()
            and len(head) > 1
            and head not in _STOP_CAPS
            and head.lower() not in _INDEFINITE
            and (
                opening_words[1] in _AUXILIARIES
                or _does(opening_words[1:3])
                or _named(head, before, el)
            )
        ):
            return head  # "Samantha is politely pushing back:" - one name opening the sentence
    opening = set(opening_words)
    mentions = {_CONTRACTION.sub("", w.strip(_TRIM).lower()) for w in stripped.split()}
    if (
        first_word in ("he", "she", "they")
        or (not names and opening & {"he", "she", "they"})
        or (not (names or linked) and mentions & _DOC_PRONOUNS and _DOC_WORDS.search(stripped))
    ):  # "He adds:"; "Take this passage from his chapter:" - the person named before
        pronoun = next((w for w in opening_words if w in ("he", "she", "him", "her")), "")
        wrong = _other_sex(pronoun, el)
        right = _other_sex(_OPPOSITE.get(pronoun, ""), el)
        near, far = _proper_names(before), _names_before(el)
        sure = [n for n in near or far if right(n[1])]  # "she" and a name shown to be a she
        if sure:
            return sure[-1][1]
        return _antecedent(before, near, wrong) or _antecedent("", far, wrong)
    for at, name in names:
        end = sentence.find(name, at) + len(name)
        follow = sentence[end : end + 30].split()
        word = follow[0].strip(_TRIM).lower() if follow else ""
        if word in _AUXILIARIES or (
            len(word) > 3 and word.endswith(("ed", "es")) and word.isalpha()
        ):
            return name  # "Miller would point to ...": the name that does the verb
    if names:
        return names[-1][1]
    return None


_VERB_FIRST = frozenset("says said writes wrote asks asked adds added notes noted".split())


def _name_run(words: Sequence[str]) -> str:
    """The capitalised words opening a short lead-in: "Jane Doe" of "Jane Doe isn't impressed:"."""
    parts: list[str] = []
    for word in words[:3]:
        core = re.sub(r"['’]s$", "", word.strip(_TRIM))
        if not core[:1].isupper() or (parts and core in _STOP_CAPS):
            break
        parts.append(core)
        if core != word.strip(_TRIM) or word.rstrip().endswith((",", ":", ";")):
            break  # "Jane Doe's response:", "Jane Doe, via email:"
    return " ".join(parts)


def _does(words: Sequence[str]) -> bool:
    """Is this a verb of a third person ("informs", "periodically informs"), its subject a name?"""
    if len(words) > 1 and len(words[0]) > 4 and words[0].endswith("ly"):
        words = words[1:]  # "Wolk periodically informs the reader:"
    word = words[0] if words else ""
    return (
        len(word) > 3
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous"))
    )


_INDEFINITE = frozenset(
    """nothing everything something anything nobody everybody somebody anybody none nowhere
    everyone someone anyone sometimes often usually today tonight yesterday tomorrow one another
    two three several""".split()
)
_DOC_PRONOUNS = frozenset({"his", "her", "their"})
_CONTRACTION = re.compile(r"['’](?:s|d|ll|ve|re)$")


def _named(word: str, before: str, el: HtmlElement) -> bool:
    """Is ``word`` a name the post used before, capitalised inside a sentence ("... Jason said")?"""
    names = _proper_names(before) or _names_before(el)
    return any(word in (name.split()[0], name.split()[-1]) for _, name in names)


_AUXILIARIES = frozenset(
    """would will has had have is was does did can could should may might must says said writes
    wrote notes argues argued claims claimed tells told asks asked thinks thought""".split()
)


def _antecedent(
    text: str, names: Sequence[tuple[int, str]], wrong: Callable[[str], bool] = lambda _: False
) -> str | None:
    """The name a pronoun goes back to: the last one named, passing over a possessive.

    In "Spivak herself ... how Marx's word relates to Saussure's sign, she notes" the "she" is
    Spivak: a name in the possessive qualifies a thing and is seldom the one who speaks. A name
    the post shows to be of the other sex than the pronoun (``wrong``) is passed over too.
    """
    names = [(at, name) for at, name in names if not wrong(name)]
    for at, name in reversed(names):
        end = text.find(name, at) + len(name) if text else -1
        if end < 0 or not text.startswith(("'s", "’s"), end) or _TEXT_NOUN.match(text, end + 2):
            return name  # "John Nolte's review ... What he likes": his review, his words
    return names[-1][1] if names else None


_OPPOSITE = {"he": "she", "him": "her", "she": "he", "her": "him"}
_SHE = frozenset(["she", "her", "hers", "herself"])
_HE = frozenset(["he", "him", "his", "himself"])
_SEX_CUE = re.compile(r"\b(?:she|herself|he|himself)\b", re.IGNORECASE)


def _other_sex(pronoun: str, el: HtmlElement) -> Callable[[str], bool]:
    """A test of names the post shows to be of the other sex than ``pronoun`` ("he"/"she").

    The post's own text says it: the first "he", "she" or reflexive after a name in its
    sentence ("Samantha basically abases herself", "Marco jumps in, and predictably, he's
    snippy") is counted, a reflexive three times; "his" and "her" are not, for they are as often
    someone else's. A name with no clear lead is never ruled out.
    """
    if pronoun not in _SHE and pronoun not in _HE:
        return lambda _: False
    root = el.getroottree().getroot()

    def wrong(name: str) -> bool:
        score = _sex_score(root, name)
        return score >= 2 if pronoun in _HE else score <= -2

    return wrong


def _sex_score(root: HtmlElement, name: str) -> int:
    """How much the page's text says ``name`` is a she (positive) or a he (negative).

    Each mention counts the first "she", "he" or reflexive in the 60 characters after it, up
    to the sentence's end. Mentions are found through the page's word index and each name is
    scored once, so a page with thousands of pronoun lead-ins is not read once for each.
    """
    words = _page_words(root)
    known = words.scores.get(name)
    if known is not None:
        return known
    text = words.text
    first = _FIRST_WORD.match(name)
    if first is not None:
        starts: Iterable[int] = words.index.get(first.group(), ())
    else:  # a name that opens with a sign ("@jdoe"): look for it the slow way
        starts = (m.start() for m in re.finditer(re.escape(name), text))
    score = 0
    reach = -1
    for at in starts:
        if at < reach or not text.startswith(name, at):
            continue  # inside the last mention's window, or another name of the same word
        end = at + len(name)
        if not _BOUNDARY.match(text, end):
            continue
        window = _UNTIL_SENTENCE_END.match(text, end, end + 60)
        if window is None:
            continue
        reach = window.end()
        cue = _SEX_CUE.search(window.group())
        if cue is not None:
            word = cue.group(0).lower()
            weight = 3 if word.endswith("self") else 1
            score += weight if word in _SHE else -weight
    words.scores[name] = score
    return score


_FIRST_WORD = re.compile(r"\w+")
_BOUNDARY = re.compile(r"\b")
_UNTIL_SENTENCE_END = re.compile(r"[^.!?]*")


@dataclass(slots=True)
class _PageWords:
    """The page's text, where each of its words starts, and the names scored so far."""

    text: str
    index: dict[str, list[int]]
    scores: dict[str, int]


@lru_cache(maxsize=2)
def _page_words(root: HtmlElement) -> _PageWords:
    text = _page_text(root)
    index: dict[str, list[int]] = {}
    for match in _FIRST_WORD.finditer(text):
        index.setdefault(match.group(), []).append(match.start())
    return _PageWords(text=text, index=index, scores={})


def _other_party(el: HtmlElement, who: _Who) -> bool:
    """Does the lead-in's "he" or "she" rule out the party of the quote before ("But no, HE
    KNOWS HER POINT:" after a quote of Samantha's)?"""
    block = _lead_text(el)
    if block is None or not who.name:
        return False
    words = [w.strip(_TRIM).lower() for w in block.text.split()[:6]]
    pronoun = next((w for w in words if w in ("he", "she")), "")
    return _other_sex(pronoun, el)(who.name)


@lru_cache(maxsize=2)
def _page_text(root: HtmlElement) -> str:
    """The page's text, read once for every pronoun of the page."""
    return fold(text_content(root))


_TEXT_NOUN = re.compile(
    r"\s+(?:[a-z]+\s+){0,2}?(?:review|post|essay|column|article|piece|book|chapter|argument|words"
    r"|response|reply|letter|speech|statement|op-?ed|comment|tweet|blog|screed|rant|critique"
    r"|criticism|claim|thesis|novel|poem|story|interview|remarks?)s?\b"
)


def _names_before(el: HtmlElement, blocks: int = 3) -> list[tuple[int, str]]:
    """Proper names of the few blocks before the lead-in, for a pronoun's antecedent.

    The post's own paragraphs are read, not the quotes between them: "She is relentless:" after a
    quoted reply speaks of someone the author named, not of a name inside the reply.
    """
    found: list[tuple[int, str]] = []
    node = _previous_block(el)
    steps = 0
    while node is not None and blocks > 0 and steps < 3 * blocks:
        steps += 1
        node = node.getprevious()
        if (
            node is not None
            and isinstance(node.tag, str)
            and node.tag not in ("blockquote", "q")
            and not _META_CLASS.search(node.get("class") or "")  # the byline names the author
        ):
            blocks -= 1
            found = _proper_names(fold(text_content(node))) + found
    return found


def _anchor_in(block: Block, start: int, end: int) -> Anchor | None:
    for anchor in block.anchors:
        if anchor.start < end and anchor.end > start and _usable(anchor):
            return anchor
    return None


_CREDIT_BEFORE = re.compile(
    r"(?:\bvia|\bh/t|\bHT|\bthanks\s+to|\bhat\s+tip(?:\s+to)?)[\s:]*$", re.I
)


def _last_anchor(block: Block, offset: int) -> Anchor | None:
    """The last usable link from ``offset`` on, passing over the party of a via or hat tip."""
    for anchor in reversed(block.anchors):
        if anchor.start >= offset - 2 and _usable(anchor):
            if _CREDIT_BEFORE.search(block.text[max(0, anchor.start - 20) : anchor.start]):
                continue
            return anchor
    return None


_OWNER = re.compile(rf"(?:^|[^\w])(?P<who>[{_UP}][\w.\-]+(?:\s+[{_UP}][\w.\-]+){{0,2}})['’]s\s+$")


def _owned(block: Block) -> tuple[str, Anchor] | None:
    """The last link on a text the lead-in says someone owns ("the Donalde's <a>argument</a>")."""
    for anchor in reversed(block.anchors):
        owner = _OWNER.search(block.text[max(0, anchor.start - 40) : anchor.start])
        if owner is not None and _usable(anchor) and not _pointer_word(anchor):
            name = _who_name(owner.group("who"))
            if name is not None:
                return name, anchor
    return None


def _pointer_word(anchor: Anchor) -> bool:
    """Is the link on a word that points without naming or calling it a text ("this", "here")?"""
    return anchor.text.strip(_TRIM).lower() in _DEICTIC


_DEICTIC = frozenset(["this", "that", "these", "it", "here", "this one", "like this", "so", "thus"])


_READ_IN = re.compile(r"\b(?:I|we)\s+(?:\w+\s+)?(?:read|saw|learn(?:ed|t)|see)\s*$", re.IGNORECASE)


def _read_in(block: Block) -> Anchor | None:
    """The link the author says they read the news in ("So, I read <a>in the Times</a> that"),
    which a far lead-in's quote comes from rather than the paragraph's last link."""
    for anchor in block.anchors:
        before = block.text[max(0, anchor.start - 24) : anchor.start]
        if _usable(anchor) and _READ_IN.search(before):
            return anchor
    return None


def _usable(anchor: Anchor) -> bool:
    href = anchor.href.strip()
    return bool(href) and not href.startswith(("#", "javascript:", "mailto:"))


_TRAILER_LINE = re.compile(r"^(?:[—–―~]|--|-\s|\(|source:|quelle:|from\b|via\b)\s*", re.I)


_TAKEN_FROM = re.compile(
    r"^\s*\W{0,3}(?i:(?:(?:all|this|that|these|those|the\s+(?:above|passage|quote|excerpt"
    r"|lines?))(?:\s+(?:is|was|are|were|comes?|came))?\s+)?(?:pilfered|taken|lifted|stolen"
    r"|borrowed|excerpted|cribbed|clipped|snipped|swiped|nicked|culled|copied|quoted|adapted"
    r"|transcribed|reproduced|reprinted|comes|came)\s+(?:(?:straight|directly|verbatim"
    r"|wholesale)\s+)?from)\s+(?P<who>[^.;:!?()]{3,120}?)(?=\s*(?:[.;:!?(]|,\s+(?:[a-z]|I\b)|$))",
)
"""A sentence right after a quote that says where it was taken: "Pilfered from the 1982 ...,"."""


def _taken_from(block: Block) -> _Who | None:
    match = _TAKEN_FROM.match(block.text)
    if match is None:
        return None
    name = _who_name(fold(match.group("who")))
    if name is None or not re.search(r"[A-Z0-9]", name):
        return None  # "taken from me", "lifted from somewhere": no source named
    anchor = next((a for a in block.anchors if a.start < match.end("who") and _usable(a)), None)
    return _Who(name=name, href=anchor.href if anchor else None, how=QuoteHow.TRAILER)


_ASIDE = re.compile(
    r"(?i:note|n\.?b\.?|edit|update|emphasis|sic|ha|heh|yes|no|sigh|seriously|really|also|and"
    r"|but|i|we|you|that|this|which|it|as|more|see|and|or|not|still)\b"
    r"|[A-Z]{2,}\s+[A-Z]{2,}\s+[A-Z]{2,}"
    r"|[^)]*[!?]\)?\s*$"
)
"""A parenthesis after a quote that is the blogger's remark, not a source."""


def _trailer_after(el: HtmlElement) -> _Who | None:
    nxt = el.getnext()
    tail = (el.tail or "").strip()
    if tail:
        taken = _taken_from(Block(element=el, text=tail, anchors=[]))
        if taken is not None:
            return taken
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
        if nxt.tag == "p":
            taken = _taken_from(block)
            if taken is not None:
                return taken
        text = fold(block.text)
        if not text or len(text) > 160:
            return None
        if nxt.tag == "p" and (not _TRAILER_LINE.match(text) or text.endswith(":")):
            return None  # "From the syllabus:" leads into the next quote, not out of this one
        if text.startswith("(") and _ASIDE.match(text[1:]):
            return None  # "(Note: ...)", "(UNDERSTATEMENT OF THE YEAR)": a remark, not a source
        who = _TRAILER_LINE.sub("", text).rstrip(")")
        who = re.split(r"\s+[–—-]\s+|,\s", who)[0]
        name = _who_name(who)
        href = block.anchors[0].href if block.anchors else None
        if name or href:
            return _Who(name=name, href=href, how=QuoteHow.TRAILER)
    return None
