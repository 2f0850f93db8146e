"""Blocks of running text with their links: what the phrase and quote finders read.

A block is the text of one block-level element (a paragraph, list item, caption...) with the
position of each ``<a href>`` inside it, so a cue found in the text can be tied to the link that
follows it. Code (``<code>``, ``<pre>``...) and scripts never reach the text: words inside them are
not credits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "dd",
        "dt",
        "td",
        "th",
        "blockquote",
        "figcaption",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "section",
        "article",
        "pre",
        "body",
        "footer",
        "header",
        "aside",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "form",
        "figure",
        "main",
        "nav",
        "address",
        "center",
        "html",
        "fieldset",
        "details",
        "summary",
    }
)
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "code",
        "pre",
        "kbd",
        "samp",
        "tt",
        "var",
        "noscript",
        "template",
        "svg",
        "math",
        "textarea",
        "select",
        "button",
        "head",
        "title",
    }
)
_SPACE = re.compile(r"[\s\x00-\x08\x0e-\x1f\x7f-\x9f]+")

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr vs no inc ltd co gen gov sen rep rev col lt sgt capt fig ed eds
    mt ft jan feb mar apr jun jul aug sep sept oct nov dec etc al approx dept univ""".split()
)
"""Words whose trailing full stop does not end a sentence ("Mr.", "Jr.", "Sept.")."""


def ends_sentence(prefix: str) -> bool:
    """Does ``prefix`` (stripped) end with a real sentence end, not an abbreviation or initial?

    >>> ends_sentence("He left."), ends_sentence("Obama Jr."), ends_sentence("J. R.")
    (True, False, False)
    """
    if not prefix or prefix[-1] not in ".!?":
        return False
    if prefix[-1] != ".":
        return True
    word = prefix[:-1].rsplit(None, 1)[-1:] or [""]
    token = word[0].strip("\"“‘'(.").lower()
    return not (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()))


def text_content(el: HtmlElement) -> str:
    """All the text of ``el`` and its descendants, as ``el.text_content()`` gives it.

    lxml's serializer reads the same text nodes in C where ``text_content()`` runs an XPath
    ``string()``: a third of the time, and pinned equal by a test.
    """
    text: str = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return text


def fold(text: str) -> str:
    """Fold runs of white space into one space and trim.

    >>> fold("  a \\n\\t b ")
    'a b'
    """
    folded = " ".join(text.split())
    if folded.isprintable():
        return folded  # the usual case, several times faster than the expression below
    return _SPACE.sub(" ", text).strip()  # control characters fold too


@dataclass(slots=True)
class Anchor:
    """An ``<a href>`` inside a block: its span in the block text."""

    start: int
    end: int
    element: HtmlElement

    @property
    def href(self) -> str:
        """The raw href."""
        return self.element.get("href") or ""

    @property
    def text(self) -> str:
        """The anchor text, folded."""
        return fold(text_content(self.element))


@dataclass(slots=True)
class Block:
    """The text of a block element and the anchors inside it."""

    element: HtmlElement
    text: str
    anchors: list[Anchor]

    def anchor_at(self, start: int, end: int) -> Anchor | None:
        """The first anchor that overlaps ``[start, end)``."""
        for anchor in self.anchors:
            if anchor.start < end and anchor.end > start:
                return anchor
        return None

    def anchor_after(self, pos: int, slack: int = 4) -> Anchor | None:
        """The anchor that starts within ``slack`` non-space characters after ``pos``."""
        for anchor in self.anchors:
            if anchor.start >= pos - 1 and anchor.end > pos:
                gap = self.text[pos : anchor.start]
                if len(gap.strip(" :\"“”'‘’«»-–—(")) <= slack and len(gap) <= slack + 6:
                    return anchor
                return None
            if anchor.start < pos < anchor.end:
                return anchor
        return None

    def anchor_before(self, pos: int, slack: int = 3) -> Anchor | None:
        """The anchor that ends within ``slack`` characters before ``pos``."""
        best: Anchor | None = None
        for anchor in self.anchors:
            if anchor.end <= pos + 1 and pos - anchor.end <= slack:
                best = anchor
        return best


def block_of(el: HtmlElement) -> HtmlElement:
    """The nearest block-level element at or above ``el``."""
    node: HtmlElement | None = el
    while node is not None:
        if node.tag in BLOCK_TAGS:
            return node
        node = node.getparent()
    return el


def read_block(block: HtmlElement, *, nested_blocks: bool = False) -> Block:
    """The text and anchors of ``block``.

    Nested block elements become line breaks and, unless ``nested_blocks`` is set, their text is
    left to their own block, so no phrase is read twice.
    """
    parts: list[str] = []
    anchors: list[Anchor] = []
    size = 0
    open_anchors: list[tuple[HtmlElement, int]] = []
    # An explicit stack instead of recursion: pages nest 100,000 deep.
    stack: list[tuple[HtmlElement, bool]] = [(block, False)]
    first = True
    while stack:
        el, closing = stack.pop()
        if closing:
            if el.tag == "a" and open_anchors and open_anchors[-1][0] is el:
                _, start = open_anchors.pop()
                anchors.append(Anchor(start=start, end=size, element=el))
            if el is not block and el.tag in BLOCK_TAGS:
                parts.append("\n")  # "…text</p>Posted by" must not read "textPosted"
                size += 1
            tail = el.tail
            if tail and el is not block:
                parts.append(tail)
                size += len(tail)
            continue
        tag = el.tag
        if not isinstance(tag, str):
            tail = el.tail
            if tail:
                parts.append(tail)
                size += len(tail)
            continue
        if tag in SKIP_TAGS and not first:
            parts.append(" ")
            size += 1
            tail = el.tail
            if tail:
                parts.append(tail)
                size += len(tail)
            continue
        if not first and tag in BLOCK_TAGS:
            parts.append("\n")
            size += 1
            if not nested_blocks:
                parts.append("\n")
                size += 1
                tail = el.tail
                if tail:
                    parts.append(tail)
                    size += len(tail)
                continue
        first = False
        if tag in ("br", "img"):
            parts.append("\n" if tag == "br" else " ")
            size += 1
        if tag == "a" and el.get("href") is not None:
            open_anchors.append((el, size))
        text = el.text
        if text:
            parts.append(text)
            size += len(text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return Block(element=block, text="".join(parts), anchors=anchors)
