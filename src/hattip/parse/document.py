"""From bytes (or text, or someone else's tree) to one lxml tree, decoded the way a browser would.

Decoding order follows the browser: a byte-order mark, then the charset the HTTP header gave, then a
``<meta>`` declaration in the first bytes, then sniffing. Declarations lie (a page that says
Shift_JIS may be UTF-8), so a declared legacy charset loses to bytes that are valid UTF-8, and a
declaration that does not decode loses to sniffing.

>>> decode_html("<meta charset=latin1><p>caf\\xe9</p>".encode("latin-1"), None)[1]
'cp1252'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from hattip.errors import EmptyInput, InputError, NotHTML

MAX_BYTES = 24 * 1024 * 1024
"""Pages larger than this are cut here (with a warning): a blog post is never this large."""

# WHATWG encoding labels that Python spells differently or that browsers widen.
_WIDER = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "x-user-defined": "cp1252",
    "unicode": "utf-8",
    "utf-16": "utf-8",  # a <meta> can't truthfully say UTF-16: the bytes would not be ASCII
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]{1,40})""", re.IGNORECASE
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"\x00\x00\x01\x00",
    b"ID3",
    b"fLaC",
    b"\x28\xb5\x2f\xfd",
)


def canonical_encoding(label: str | None) -> str | None:
    """The Python codec for an encoding label, widened as browsers do; None if unknown.

    >>> canonical_encoding("ISO-8859-1"), canonical_encoding("Shift_JIS"), canonical_encoding("x")
    ('cp1252', 'cp932', None)
    """
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _WIDER.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _is_binary(head: bytes) -> bool:
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = head[:4096]
    # Text never carries many NULs or C0 controls; HTML with one stray NUL is still HTML.
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > max(8, len(sample) // 20)


_CONTROLS = bytes([*range(9), *range(14, 32)])


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _has_non_ascii(data: bytes) -> bool:
    return not data.isascii()


def decode_html(data: bytes, charset: str | None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, encoding used)``.

    ``charset`` is what an HTTP ``Content-Type`` header said, if anything.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    declared = canonical_encoding(charset)
    if declared is None:
        match = _META_CHARSET.search(data, 0, 8192) or _META_CHARSET.search(data, 0, 65536)
        if match:
            declared = canonical_encoding(match.group(1).decode("ascii", "replace"))
    utf8 = _decodes(data, "utf-8") if _has_non_ascii(data) else None
    if declared is not None:
        if declared != "utf-8" and utf8 is not None:
            return utf8, "utf-8"  # valid non-ASCII UTF-8 is never an accident
        text = _decodes(data, declared)
        if text is not None:
            return text, declared
    if not _has_non_ascii(data):
        return data.decode("ascii"), declared or "ascii"
    if utf8 is not None:
        return utf8, "utf-8"
    sniffed = _sniff(data)
    if sniffed is not None:
        text = _decodes(data, sniffed)
        if text is not None:
            return text, sniffed
    fallback = declared or "cp1252"
    return data.decode(fallback, errors="replace"), fallback


def _sniff(data: bytes) -> str | None:
    import charset_normalizer  # only pages with no usable declaration pay for the import

    best = charset_normalizer.from_bytes(data[:65536]).best()
    if best is None:
        return None
    guess = canonical_encoding(best.encoding)
    if guess in _LATIN_GUESSES:
        return "cp1252"  # as browsers do: Western text is windows-1252 unless it says otherwise
    return guess


_LATIN_GUESSES = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "iso8859-1",
        "iso8859-2",
        "iso8859-3",
        "iso8859-4",
        "iso8859-9",
        "iso8859-10",
        "iso8859-13",
        "iso8859-14",
        "iso8859-15",
        "iso8859-16",
        "latin_1",
        "mac-roman",
        "cp850",
        "cp437",
        "cp858",
        "mac-latin2",
    }
)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed page: the root element, the encoding used and what was noticed on the way."""

    root: HtmlElement
    encoding: str
    warnings: tuple[str, ...]


_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True, encoding="utf-8"
)
# The page is decoded in Python (the browser's order, above) and handed to libxml2 as UTF-8
# bytes: parsing a Python str makes libxml2 convert it from UCS-4, a third slower. With the
# encoding given, libxml2 leaves the page's <meta charset> alone.
# lxml.html picks each element's class in a Python function (forms, inputs, labels...), called
# for every element proxy hattip touches; one class chosen in C makes walking the tree ~2x faster.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(element=HtmlElement, comment=lxml.html.HtmlComment)
)


def parse_document(html: Any, *, charset: str | None = None, name: str = "page") -> Document:
    """Turn ``bytes``, ``str``, a ``BeautifulSoup`` or an lxml element into one lxml tree.

    ``name`` says what the input is in error messages (a file name or URL).
    """
    warnings: list[str] = []
    source: bytes | None = None  # the UTF-8 bytes libxml2 will read
    if isinstance(html, etree._Element):
        root = html.getroottree().getroot() if html.getparent() is None else html
        return Document(root=_as_html(root), encoding="unicode", warnings=())
    if _is_soup(html):
        html = str(html)
    if isinstance(html, str):
        text, encoding = html, "unicode"
        if len(text) > MAX_BYTES:
            text = text[:MAX_BYTES]
            warnings.append(f"page cut at {MAX_BYTES} characters")
    elif isinstance(html, bytes | bytearray | memoryview):
        data = bytes(html)
        if not data or data.isspace():  # strip() would copy a 20 MB page to learn the same
            msg = f"{name}: the page is empty (0 bytes of HTML); pass a file or URL with content"
            raise EmptyInput(msg)
        if _is_binary(data[:8192]):
            msg = f"{name}: this is binary data, not HTML; pass an HTML page"
            raise NotHTML(msg)
        if len(data) > MAX_BYTES:
            data = data[:MAX_BYTES]
            warnings.append(f"page cut at {MAX_BYTES} bytes")
        text, encoding = decode_html(data, charset)
        if encoding in ("utf-8", "ascii") and not data.startswith(codecs.BOM_UTF8):
            source = data  # the text is these very bytes, unless decoding replaced some
    else:
        msg = (
            f"{name}: cannot read a {type(html).__name__}; pass bytes, str, a BeautifulSoup "
            "or an lxml element"
        )
        raise InputError(msg)
    if not text or text.isspace():
        msg = f"{name}: the page is empty (no text or markup); pass a file or URL with content"
        raise EmptyInput(msg)
    cleaned = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if source is None or cleaned is not text or "\ufffd" in text:
        source = _utf8(cleaned)
    try:
        root = lxml.html.document_fromstring(source, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        msg = f"{name}: lxml could not build a tree ({exc}); is this an HTML page?"
        raise NotHTML(msg) from exc
    if any("Excessive depth" in entry.message for entry in _PARSER.error_log):
        warnings.append("page nested deeper than 2048 elements: what lies deeper was not read")
    _gather_top_level(root)
    _blank_code(root)
    return Document(root=root, encoding=encoding, warnings=tuple(warnings))


def _gather_top_level(root: HtmlElement) -> None:
    """Bring elements that libxml2 left beside the root under it.

    ``<html xml:lang="de" />`` (an XHTML habit) closes the root at once, and the page's head and
    body then stand beside it as a second top-level element: every walk from the root would
    miss the whole page.
    """
    sibling = root.getnext()
    while sibling is not None:
        following = sibling.getnext()
        if sibling.tag == "html":
            for child in list(sibling):
                same = root.find(child.tag) if child.tag in ("head", "body") else None
                if same is not None:
                    same.extend(list(child))  # one head and one body, in reading order
                else:
                    root.append(child)
        elif isinstance(sibling.tag, str):
            root.append(sibling)
        sibling = following


def _blank_code(root: HtmlElement) -> None:
    """Empty the text of scripts and style sheets, JSON-LD data aside.

    Code is a third of a typical page's text and never a credit, a quote or a post, yet every
    text scan (credit words, post density, captions) would read it again.
    """
    for el in root.iter("script", "style"):
        if el.text and "json" not in (el.get("type") or ""):
            el.text = None


def _is_soup(obj: object) -> bool:
    return any(c.__module__.startswith("bs4") for c in type(obj).__mro__)


def _as_html(root: etree._Element) -> HtmlElement:
    """Callers may hand in a tree built by ``etree`` rather than ``lxml.html``: re-read it once."""
    if isinstance(root, HtmlElement):
        return root
    return lxml.html.document_fromstring(etree.tostring(root, encoding="utf-8"), parser=_PARSER)


def _utf8(text: str) -> bytes:
    """``text`` as UTF-8. Only a caller's str can hold surrogates: a pair becomes the character
    it spells (as libxml2 read it from a str), a lone one becomes "?"."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        return paired.encode("utf-8", "replace")
