"""RSS 0.9x/1.0/2.0 and Atom feeds as pages, one Document per entry (feedparser owns parsing).

A blog's feed is the cheapest way to read its posts: the entry HTML (``content:encoded``,
Atom ``content``, else ``summary``/``description``) is wrapped in a small HTML page with the
entry's title and link, and the entry's link, author and date go on the Document.

Two credits live in the feed rather than in the post, so they are carried over:

* ``feedburner:origLink`` is the post's real URL (``link`` is then a FeedBurner redirect), so
  it becomes the page's URL;
* an Atom ``<link rel="via">`` on the entry credits where the post came from. hattip appends
  it to the entry's HTML as ``<p class="hattip-feed-via"><a rel="via" href="...">...</a></p>``
  inside the post's ``<article>``, so the parser sees an ordinary ``rel=via`` link in the body
  and the credit is not lost (also with ``full=True``, where it is appended to the fetched
  page).

With ``full=True`` each entry's page is fetched instead (entries without a link keep the feed's
HTML). A feed that cannot be read at all is one Document with ``error`` set; a feed that is
ill-formed but readable (feedparser's ``bozo``) still yields its entries.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import feedparser

from hattip.fetch import FEED_ACCEPT, FetchOptions, fetch_all
from hattip.model import Document, Failure

__all__ = ["is_url", "iter_feed", "parse_feed"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def is_url(spec: str) -> bool:
    """True for an http(s) URL, the only kind of spec hattip fetches.

    >>> is_url("https://example.com/feed"), is_url("feeds/blog.xml")
    (True, False)
    """
    head = spec.strip()[:8].lower()
    return head.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True, kw_only=True)
class _Entry:
    """What hattip keeps of one feed entry before it becomes a Document."""

    origin: str
    link: str | None
    title: str | None
    html: str
    vias: tuple[tuple[str, str | None], ...]
    author: str | None
    published: str | None


def _entry_html(entry: Mapping[str, Any]) -> str:
    """The entry's richest HTML: HTML content first, then any content, then the summary."""
    contents = [c for c in entry.get("content") or () if c.get("value")]
    chosen = next((c for c in contents if c.get("type") in _HTML_TYPES), None)
    if chosen is None and contents:
        chosen = contents[0]
    if chosen is None:
        chosen = entry.get("summary_detail") or {}
    value = str(chosen.get("value") or "")
    if value and chosen.get("type") not in _HTML_TYPES:
        return "".join(f"<p>{html.escape(p)}</p>" for p in value.split("\n\n") if p.strip())
    return value


def _date(entry: Mapping[str, Any]) -> str | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
        if entry.get(key):
            return str(entry[key])
    return None


def _via_html(vias: tuple[tuple[str, str | None], ...]) -> str:
    return "".join(
        f'<p class="hattip-feed-via"><a rel="via" href="{html.escape(href)}">'
        f"{html.escape(title or href)}</a></p>"
        for href, title in vias
    )


def _page(entry: _Entry) -> bytes:
    """A minimal HTML page around the entry, so the parser finds title, link and post."""
    title = html.escape(entry.title or "")
    canonical = f'<link rel="canonical" href="{html.escape(entry.link)}">' if entry.link else ""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{title}</title>{canonical}</head><body><article>"
        f"{entry.html}{_via_html(entry.vias)}</article></body></html>"
    ).encode("utf-8", "replace")


def _entries(parsed: Any, origin: str) -> Iterator[_Entry]:
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("feedburner_origlink") or entry.get("link") or None
        vias = tuple(
            (str(lk["href"]), lk.get("title") or None)
            for lk in entry.get("links") or ()
            if lk.get("rel") == "via" and lk.get("href")
        )
        content = _entry_html(entry)
        if not (link or content or vias):
            continue  # nothing to read or credit: a stub left by a truncated feed
        yield _Entry(
            origin=f"{origin}#{n}",
            link=str(link) if link else None,
            title=entry.get("title") or None,
            html=content,
            vias=vias,
            author=entry.get("author") or None,
            published=_date(entry),
        )


def _document(entry: _Entry) -> Document:
    return Document(
        origin=entry.origin,
        body=_page(entry),
        url=entry.link,
        charset="utf-8",
        author=entry.author,
        published=entry.published,
    )


def _unreadable(origin: str, why: str) -> Document:
    msg = f"{origin}: not a readable RSS or Atom feed ({why}); check the file or URL"
    return Document(origin=origin, error=msg, failure=Failure.UNREADABLE)


def _parse(
    data: bytes, origin: str, base_url: str | None, headers: Mapping[str, str] | None
) -> tuple[list[_Entry], Document | None]:
    response_headers = dict(headers or {})
    if base_url:
        response_headers.setdefault("content-location", base_url)
    try:
        parsed = feedparser.parse(data, response_headers=response_headers, sanitize_html=False)
    except Exception as exc:  # feedparser has crashed on odd input before; one feed, one error
        return [], _unreadable(origin, f"{type(exc).__name__}: {exc}")
    entries = list(_entries(parsed, origin))
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "neither RSS nor Atom"
        return [], _unreadable(origin, str(why).strip() or type(why).__name__)
    return entries, None


def parse_feed(
    data: bytes,
    *,
    origin: str,
    base_url: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Iterator[Document]:
    """Each entry of a feed's bytes as a Document (or one error Document for an unreadable feed).

    ``base_url`` (the feed's URL) resolves relative links in entries; ``headers`` are the HTTP
    response headers, whose charset feedparser weighs against the XML declaration.

    >>> rss = b'''<rss version="2.0"><channel><item><title>Hi</title>
    ... <link>https://example.com/hi</link><description>&lt;p&gt;Hello&lt;/p&gt;</description>
    ... </item></channel></rss>'''
    >>> [(d.origin, d.url) for d in parse_feed(rss, origin="blog.xml")]
    [('blog.xml#1', 'https://example.com/hi')]
    """
    entries, failed = _parse(data, origin, base_url, headers)
    if failed is not None:
        yield failed
    for entry in entries:
        yield _document(entry)


def _read(
    source: str, options: FetchOptions
) -> tuple[bytes, str | None, Mapping[str, str], Document | None]:
    """The feed's bytes, its URL and HTTP headers, or an error Document."""
    if is_url(source):
        feed_options = replace(options, content_types=None, accept=FEED_ACCEPT)
        (doc,) = fetch_all([source], feed_options)
        if doc.error is not None:
            return b"", None, {}, doc
        return doc.body, doc.url, doc.headers, None
    try:
        return Path(source).read_bytes(), None, {}, None
    except OSError as exc:
        msg = f"{source}: cannot read the feed file ({exc.strerror or exc}); check the path"
        return b"", None, {}, Document(origin=source, error=msg, failure=Failure.UNREADABLE)


def _with_via(doc: Document, vias: tuple[tuple[str, str | None], ...]) -> bytes:
    """Append the feed's rel=via credit to a fetched page, before ``</body>`` when there is one."""
    if not vias or (doc.charset or "").lower().startswith("utf-16"):
        return doc.body
    note = _via_html(vias).encode("ascii", "xmlcharrefreplace")
    ends = list(_BODY_END.finditer(doc.body))
    if not ends:
        return doc.body + note
    at = ends[-1].start()
    return doc.body[:at] + note + doc.body[at:]


def iter_feed(
    source: str,
    *,
    full: bool = False,
    options: FetchOptions | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Document]:
    """Documents for every entry of the feed at ``source`` (an http(s) URL or a file path).

    ``full`` fetches each entry's page instead of using the feed's HTML. ``skip`` is asked
    about each entry's URL, and entries it says yes to are left out before any fetching
    (``--skip-known``).
    """
    opts = options or FetchOptions()
    data, url, headers, failed = _read(source, opts)
    if failed is not None:
        yield failed
        return
    entries, failed = _parse(data, source, url, headers)
    if failed is not None:
        yield failed
    wanted = [e for e in entries if not (skip and e.link and skip(e.link))]
    if not full:
        yield from (_document(e) for e in wanted)
        return
    yield from (_document(e) for e in wanted if not e.link)
    by_link = {e.link: e for e in wanted if e.link}
    for doc in fetch_all(list(by_link), opts):
        entry = by_link[doc.origin]
        yield replace(
            doc,
            origin=entry.origin,
            body=_with_via(doc, entry.vias) if doc.error is None else doc.body,
            url=doc.url or entry.link,
            author=doc.author or entry.author,
            published=doc.published or entry.published,
        )
