"""Reading the page itself: decoding as a browser does, and surviving hostile input.

``extract`` takes any bytes: it decodes them in the browser's order (BOM, the HTTP charset, a
``<meta>`` declaration, sniffing), survives declarations that lie, refuses empty and binary input
with a clear :class:`~hattip.HattipError`, and returns in bounded time on huge or absurdly deep
pages. Over any text at all it raises nothing else, and its JSON always has the contract's keys.
"""

from __future__ import annotations

import codecs
import json
import os
import random
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hattip import EmptyInput, HattipError, InputError, NotHTML, Page, extract
from hattip.parse.document import parse_document

from .snippets import CORPUS, check_file, contract_problems, post, post_credits

TITLE = "Café “naïve” — crème brûlée"
CYRILLIC = "Привет, мир - блог"
JAPANESE = "日本語のページ、ブログの記事"
SMART = "It’s a “great” café — really, isn’t it?"


def page_with(title: str, meta: str = "") -> str:
    """A small post whose <title> is ``title``, with an optional charset declaration."""
    body = "<p>" + " ".join([title] * 4) + " - the rest of the post, written by its author.</p>"
    return post(body, head=meta).replace("A post", title)


def no_meta(title: str) -> str:
    """The page of ``page_with`` without the UTF-8 declaration the builder adds."""
    return page_with(title).replace("<meta charset='utf-8'>", "")


DECODING = [
    pytest.param(
        codecs.BOM_UTF8
        + no_meta(TITLE).replace("<head>", "<head><meta charset=windows-1252>").encode(),
        None,
        TITLE,
        id="utf8-bom-beats-meta",
    ),
    pytest.param(
        codecs.BOM_UTF16_LE + no_meta(TITLE).encode("utf-16-le"), None, TITLE, id="utf16le-bom"
    ),
    pytest.param(
        codecs.BOM_UTF16_BE + no_meta(TITLE).encode("utf-16-be"), None, TITLE, id="utf16be-bom"
    ),
    pytest.param(no_meta(CYRILLIC).encode("koi8-r"), "koi8-r", CYRILLIC, id="http-charset"),
    pytest.param(
        no_meta(CYRILLIC).encode("cp1251"), '"Windows-1251"', CYRILLIC, id="http-charset-quoted"
    ),
    pytest.param(
        no_meta(CYRILLIC).replace("<head>", "<head><meta charset=koi8-r>").encode("cp1251"),
        "windows-1251",
        CYRILLIC,
        id="http-charset-beats-meta",
    ),
    pytest.param(
        no_meta(CYRILLIC).replace("<head>", "<head><meta charset=windows-1251>").encode("cp1251"),
        None,
        CYRILLIC,
        id="meta-charset",
    ),
    pytest.param(
        no_meta(TITLE)
        .replace(
            "<head>",
            '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        )
        .encode("cp1252"),
        None,
        TITLE,
        id="meta-http-equiv-latin1-widened-to-cp1252",
    ),
    pytest.param(
        no_meta(JAPANESE).replace("<head>", "<head><meta charset=Shift_JIS>").encode("cp932"),
        None,
        JAPANESE,
        id="meta-shift-jis",
    ),
    pytest.param(
        no_meta(TITLE).replace("<head>", "<head><meta charset=Shift_JIS>").encode("utf-8"),
        None,
        TITLE,
        id="meta-says-shift-jis-bytes-are-utf8",
    ),
    pytest.param(
        no_meta(TITLE).encode("utf-8"), "iso-8859-1", TITLE, id="http-says-latin1-bytes-are-utf8"
    ),
    pytest.param(
        no_meta(TITLE).encode("cp1252"),
        "utf-8",
        TITLE,
        id="http-says-utf8-bytes-are-cp1252",
    ),
    pytest.param(no_meta(SMART).encode("cp1252"), None, SMART, id="undeclared-cp1252-smart-quotes"),
    pytest.param(no_meta(TITLE).encode("cp1252"), None, TITLE, id="undeclared-cp1252"),
    pytest.param(
        no_meta("Café naïve, à la française")
        .replace("<head>", "<head><meta charset=ISO-8859-1>")
        .encode("latin-1"),
        None,
        "Café naïve, à la française",
        id="declared-latin1",
    ),
    pytest.param(
        no_meta("Café naïve, à la française").encode("latin-1"),
        None,
        "Café naïve, à la française",
        id="undeclared-latin1",
    ),
    pytest.param(
        no_meta(JAPANESE).encode("cp932"), None, JAPANESE, id="undeclared-shift-jis-sniffed"
    ),
    pytest.param(no_meta(TITLE).encode("utf-8"), None, TITLE, id="undeclared-utf8"),
]


@pytest.mark.parametrize(("data", "charset", "title"), DECODING)
def test_bytes_decode_as_a_browser_would(data: bytes, charset: str | None, title: str) -> None:
    """BOM, then the HTTP charset, then <meta>, then sniffing; a lying declaration still decodes."""
    assert extract(data, charset=charset).title == title


def test_str_soup_and_lxml_tree_read_alike() -> None:
    """A str, a BeautifulSoup and an lxml tree of one page give the same credits."""
    bs4 = pytest.importorskip("bs4")
    import lxml.html

    html = post('<p>Lovely (via <a href="https://kottke.org/x">Kottke</a>).</p>')
    expected = [("via", "Kottke", "kottke.org")]
    assert post_credits(extract(html)) == expected
    assert post_credits(extract(html.encode())) == expected
    assert post_credits(extract(bs4.BeautifulSoup(html, "html.parser"))) == expected
    assert post_credits(extract(lxml.html.document_fromstring(html))) == expected


# --- hostile input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="zero-bytes"),
        pytest.param(b" \r\n\t ", id="whitespace-bytes"),
        pytest.param("", id="empty-str"),
        pytest.param("   \n", id="whitespace-str"),
    ],
)
def test_empty_input_raises_empty_input(data: bytes | str) -> None:
    """Nothing to parse is an EmptyInput naming the input, never an empty Page."""
    with pytest.raises(EmptyInput, match=r"empty\.html"):
        extract(data, name="empty.html")


def _random_with_nuls() -> bytes:
    rnd = random.Random(2)
    return bytes(rnd.randrange(256) for _ in range(4000)) + b"\x00" * 64


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, id="png"),
        pytest.param(b"%PDF-1.7\n" + b"\x00\xff" * 500, id="pdf"),
        pytest.param(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4, id="gzip"),
        pytest.param(_random_with_nuls(), id="random-bytes-with-nuls"),
        pytest.param(b"\x00" * 1000, id="all-nuls"),
    ],
)
def test_binary_input_raises_not_html(data: bytes) -> None:
    """Binary data is refused with NotHTML (an InputError), not parsed into garbage."""
    with pytest.raises(NotHTML) as info:
        extract(data, name="blob.bin")
    assert isinstance(info.value, InputError)
    assert "blob.bin" in str(info.value)


def test_stray_nul_in_html_is_still_html() -> None:
    """One NUL byte inside a real page does not make it binary."""
    data = post('<p>Lovely\x00 (via <a href="https://kottke.org/x">Kottke</a>).</p>').encode()
    assert post_credits(extract(data)) == [("via", "Kottke", "kottke.org")]


def test_unsupported_type_raises_input_error() -> None:
    """Anything but bytes, str, soup or an lxml tree is an InputError that says what to pass."""
    bad: Any = 42
    with pytest.raises(InputError, match="pass bytes, str"):
        extract(bad)


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param('<p>The end (h/t <a href="https://b.example.org/', id="inside-attribute"),
        pytest.param("<p>The end (h/t <a hr", id="inside-tag"),
        pytest.param("<blockquote><p>Quoted and then noth", id="inside-quote"),
        pytest.param("<p>Half a sent", id="inside-text"),
    ],
)
def test_truncated_page_returns_what_it_holds(cut: str) -> None:
    """A page cut off mid-stream still gives a Page with the credits before the cut."""
    whole = post('<p>Lovely (via <a href="https://kottke.org/x">Kottke</a>).</p>' + cut)
    data = whole[: whole.index(cut) + len(cut)].encode()
    page = extract(data)
    assert isinstance(page, Page)
    assert ("via", "Kottke", "kottke.org") in post_credits(page)


DEEP_TAGS = ["div", "blockquote", "span", "li", "td", "table", "q", "a", "font"]


@pytest.mark.parametrize("tag", DEEP_TAGS)
def test_hundred_thousand_deep_nesting_returns(tag: str) -> None:
    """A page nested 100,000 deep returns a Page (or a HattipError), never a RecursionError."""
    opened, closed = f"<{tag}>" * 100_000, f"</{tag}>" * 100_000
    html = post(f'<p>Lovely (via <a href="https://kottke.org/x">Kottke</a>).</p>{opened}x{closed}')
    try:
        page = extract(html.encode())
    except HattipError:
        return
    assert ("via", "Kottke", "kottke.org") in post_credits(page)


def test_content_after_a_deep_nest_is_read_or_warned() -> None:
    """What follows an absurdly deep nest is read, or the Page warns that it was not."""
    opened, closed = "<div>" * 100_000, "</div>" * 100_000
    html = post(f'{opened}x{closed}<p>After (h/t <a href="https://kottke.org/x">Kottke</a>).</p>')
    page = extract(html.encode())
    read = ("hat_tip", "Kottke", "kottke.org") in post_credits(page)
    assert read or any("nested deeper than 2048" in w for w in page.warnings)


@cache
def twenty_megabyte_page() -> bytes:
    """About 21 MB: 3,000 paragraphs of prose with links, then 20 inline 1 MB data-URI images."""
    prose = "".join(
        f"<p>Paragraph {i} of the author's prose, with a few words in it and a "
        f"<a href='https://l{i % 50}.example.org/p{i}'>link</a>.</p>"
        for i in range(3000)
    )
    image = "<p><img alt='chart' src='data:image/png;base64," + "A" * 1024 * 1024 + "'></p>"
    data = post(
        '<p>Lovely (via <a href="https://kottke.org/x">Kottke</a>).</p>'
        + prose
        + image * 20
        + '<p>The end (h/t <a href="https://b.example.org/">B</a>).</p>'
    ).encode()
    assert len(data) > 20_000_000
    return data


@cache
def twenty_megabyte_result() -> Page:
    """The Page of ``twenty_megabyte_page``, extracted once for the tests that read it."""
    return extract(twenty_megabyte_page())


def test_twenty_megabyte_page_returns() -> None:
    """A 20 MB page returns a Page with the post's links and credits."""
    page = twenty_megabyte_result()
    assert ("via", "Kottke", "kottke.org") in post_credits(page)
    assert len(page.links) >= 3000


def test_twenty_megabyte_page_is_read_to_the_end() -> None:
    """The credit at the very end of a 20 MB page of inline images is found.

    libxml2 stops after ~10 MB of attribute text unless the parser has ``huge_tree=True``.
    """
    assert ("hat_tip", "B", "b.example.org") in post_credits(twenty_megabyte_result())


def test_oversized_page_is_cut_with_a_warning() -> None:
    """A page over the size limit is read up to the limit and says so in its warnings."""
    html = post('<p>Lovely (via <a href="https://kottke.org/x">Kottke</a>).</p><script>') + (
        "x" * 25 * 1024 * 1024
    )
    page = extract(html)
    assert any("cut" in w for w in page.warnings)
    assert ("via", "Kottke", "kottke.org") in post_credits(page)


# --- invariants --------------------------------------------------------------------------------

FRAGMENTS = [
    "<p>",
    "</p>",
    "<div class='comments'>",
    "<div class='entry-content'>",
    "</div>",
    "<article>",
    "</article>",
    "<blockquote>",
    "</blockquote>",
    "<q>",
    "<a href='https://kottke.org/x'>",
    "<a href='/rel'>",
    "<a href='javascript:x'>",
    "<a href=''>",
    "</a>",
    "<figure><figcaption>",
    "<base href='//h'>",
    "<code>",
    "<pre>",
    "<br>",
    "<table><tr><td>",
    "(via ",
    "h/t ",
    "HT: ",
    "hat tip to ",
    "Thanks to ",
    " for the link",
    "Source: ",
    "Photo by ",
    "ᔥ ",
    "↬ ",
    "@jdoe ",
    "Jane Doe writes:",
    "— Jane Doe",
    "<script>",
    "&amp;",
    "&#0;",
    "<!--",
    "-->",
    "<?xml ?>",
    "<meta charset=x-unknown>",
    "\x00",
    "\ufeff",
    "Kottke",
    ". ",
    "\n",
]
html_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(
    "".join
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(html_like, st.text(max_size=200)), st.sampled_from([None, "https://b.example.com/p"])
)
def test_extract_never_raises_but_hattip_error(text: str, url: str | None) -> None:
    """On any text, extract returns a Page whose JSON keeps the contract, or a HattipError."""
    for data in (text, text.encode("utf-8", "surrogatepass")):
        try:
            page = extract(data, url=url)
        except HattipError:
            continue
        as_json = json.loads(json.dumps(page.to_dict()))
        assert contract_problems(as_json) == []


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=600))
def test_extract_on_any_bytes_never_raises_but_hattip_error(data: bytes) -> None:
    """On any bytes at all, extract returns a Page or raises a HattipError."""
    try:
        page = extract(data)
    except HattipError:
        return
    assert contract_problems(json.loads(json.dumps(page.to_dict()))) == []


# --- the corpus --------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "pages").is_dir(), reason="no shared/corpus beside the checkout")
def test_every_corpus_page_extracts() -> None:
    """Every real page of the corpus goes through extract without an exception, contract kept."""
    # Largest first, in small chunks, so no worker is left alone with the big pages at the end.
    files = sorted((CORPUS / "pages").glob("*.html"), key=lambda p: -p.stat().st_size)
    paths = [str(p) for p in files]
    assert paths
    workers = max(1, min(4, os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        results = list(pool.map(check_file, paths, chunksize=4))
    failures = [problem for problem in results if problem]
    assert failures == [], f"{len(failures)} of {len(paths)} pages failed"


def test_self_closed_html_root_still_holds_the_page() -> None:
    """``<html xml:lang="de" />`` does not hide the head and body that follow it."""
    page = extract(
        b'<!DOCTYPE html><html xml:lang="de" />\n<head><title>Hund</title></head>'
        b'<body><article><p>Gefunden via <a href="https://example.org/a">Ex</a>.</p>'
        b"</article></body></html>"
    )
    assert page.title == "Hund"
    assert [link.url for link in page.links] == ["https://example.org/a"]
    assert [c.site for c in page.credits] == ["example.org"]


def test_second_top_level_html_joins_the_one_body() -> None:
    """A page whose markup opens a second ``<html>`` keeps one body holding both parts."""
    doc = parse_document(
        b"<html><body><p>one</p></body></html>"
        b'<html><body><p>two <a href="https://example.org/">x</a></p></body></html>'
    )
    bodies = doc.root.findall("body")
    assert len(bodies) == 1
    assert bodies[0].text_content() == "onetwo x"


def test_a_str_page_keeps_its_text_whatever_its_meta_charset_says() -> None:
    """A str is already decoded: a <meta charset> in it must not make libxml2 decode it again."""
    html = '<meta charset="koi8-r"><p>Привет café — “q”</p>'
    doc = parse_document(html)
    assert doc.root.findtext(".//p") == "Привет café — “q”"


def test_a_lone_surrogate_in_a_str_page_does_not_cut_the_page() -> None:
    """Only a caller's str can hold one; it becomes "?" and the text after it is kept."""
    doc = parse_document("<p>before \udc80 after</p>")
    assert doc.root.findtext(".//p") == "before ? after"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<meta charset=utf-8><p>caf\xc3\xa9 \xff\xfe end</p>", "cafÃ© ÿþ end"),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9 \xff end</p>", "café \ufffd end"),
        (b"<?xml version='1.0' encoding='utf-8'?><p>caf\xc3\xa9</p>", "café"),
        (b"<p>nul\x00 byte</p>", "nul byte"),
        (b"\xef\xbb\xbf<p>bom caf\xc3\xa9</p>", "bom café"),
        (b"<p>plain ascii</p>", "plain ascii"),
    ],
    ids=[
        "lying-utf8-declaration",
        "broken-utf8-after-bom",
        "xml-declaration",
        "nul",
        "bom",
        "ascii",
    ],
)
def test_utf8_pages_reach_the_parser_as_their_decoded_text(data: bytes, expected: str) -> None:
    """Bytes handed to libxml2 unchanged or re-encoded, the tree holds the decoded text."""
    assert parse_document(data).root.findtext(".//p") == expected
