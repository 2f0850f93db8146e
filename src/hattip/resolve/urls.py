"""Clean one href into the absolute URL it stands for, offline.

A blog links the same page in many spellings: relative, HTML-escaped, wrapped in a Google or
Facebook redirect, archived by the Wayback Machine, served from an AMP cache, with ``utm_``
tags. :func:`clean_url` turns each into one canonical absolute URL, so that the site key derived
from it (:mod:`hattip.resolve.sites`) lands on the right blog. It never raises: a string that is
not a web URL gives ``None``, because one odd href must never stop a page.

>>> clean_url("HTTP://WWW.Example.COM:80/a/../b?utm_source=x&p=1#")
'http://www.example.com/b?p=1'
>>> clean_url("https://www.google.com/url?q=https://example.org/post&sa=D")
'https://example.org/post'
>>> clean_url("javascript:void(0)") is None
True
"""

from __future__ import annotations

import base64
import binascii
import html
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, unquote_plus, urljoin

import idna

from hattip.resolve import tables

__all__ = [
    "Cleaned",
    "clean",
    "clean_url",
    "is_ip_host",
    "is_short_link",
    "needs_network_reason",
    "normalize_host",
    "parse_ipv4",
]

MAX_UNWRAP = 10
"""How many wrappers one URL may peel; a chain longer than this is a loop or an attack."""

# WHATWG: tabs and newlines vanish anywhere; other controls are trimmed at the ends (inside a
# URL they are percent-encoded); invisible format characters are copy-paste debris
_STRIPPED = re.compile(r"[\t\n\r\u200b-\u200f\u2028\u2029\u2060\u00ad\ufeff]")
_EDGES = "".join(map(chr, range(0x20))) + "\x7f \u00a0\u3000"
_ENTITY = re.compile(
    r"&(?:#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};|amp(?![\w;=]))"
)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_GARBAGE = re.compile(r"<[/!A-Za-z]|(?<=[A-Za-z0-9])https?://")  # markup, glued URLs
_PORTLIKE = re.compile(r"\d{1,5}(?:[/?#]|$)")
_HOSTLIKE = re.compile(
    r"(?:[\w\-]+\.)+[A-Za-z][\w\-]*\.?(?::\d+)?(?:[/?#]|$)|localhost(?:[:/?#]|$)"
)
_SLASHES = re.compile(r"//+")
_PCT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_OK = re.compile(r"[A-Za-z0-9\-._~/:@!$&'()*+,;=%\[\]|]*")
_QUERY_OK = re.compile(r"[A-Za-z0-9\-._~/:@!$&'()*+,;=%\[\]|?]*")
_PATH_SAFE = "/:@!$&'()*+,;=%[]|~"
_QUERY_SAFE = "/:@!$&'()*+,;=%[]|~?"
# WHATWG's forbidden domain code points, plus template and quoting debris no real host has
_FORBIDDEN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f`$'\"{}(),;*!+=]")
_BAD_HYPHEN = re.compile(r"(?:^|\.)-|-(?:\.|$)")  # a label may not start or end with "-"
_FULL_STOPS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_WAYBACK = re.compile(
    r"/(?:web/|wayback/|save/|wayback/\d+/)?(?:\d{1,14}\*?|\*)(?:[a-z]{2}_)?/+(.+)", re.IGNORECASE
)
_WAYBACK_BARE = re.compile(r"/(?:web|save)/+((?:https?:|[\w\-]+\.)[^/]*.*)", re.IGNORECASE)
_GOOGLE_NEWS = re.compile(r"/(?:rss/|__i/rss/rd/)?articles/([A-Za-z0-9_\-]{16,})")
_EMBEDDED_URL = re.compile(rb"https?://[\x21-\x7e]+")
_ARCHIVE_TODAY = re.compile(
    r"/(?:\d{4}\.\d\d\.\d\d-\d{6}|\d{8,14}|newest|oldest|o/[A-Za-z0-9]+)/(.+)|/(https?:.+)",
    re.IGNORECASE,
)
_AMP_CACHE = re.compile(r"/(?:c|v|i|ii|r|wp|a|m)/(?:[a-z]/)*?(s/)?([^/?#]+\.[^/?#]+.*)")
_GOOGLE_AMP = re.compile(r"/amp/(s/)?([^/?#]+\.[^/?#]+.*)")
_GOOGLE_HOST = re.compile(r"(?:www\.|m\.)?google\.(?:com?\.)?[a-z]{2,3}")
_GOOGLE_CACHE = re.compile(r"cache:(?:[\w\-]{8,20}:)?(\S+)")
_DISQUS_TAIL = re.compile(r":[\w\-]{20,}$")
_ABS_TARGET = re.compile(r"(?:https?:/|//|www\.)", re.IGNORECASE)
_SCHEME_FIX = re.compile(r"(https?):/*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The result of cleaning one href: the URL and what was learnt on the way."""

    url: str | None
    """The absolute, cleaned URL, or None when the href is not a web URL."""
    host: str | None = None
    """The normalised host of ``url``."""
    unwrapped: tuple[str, ...] = ()
    """The names of the wrappers peeled off, outermost first."""
    error: str | None = None
    """Why ``url`` is None, in a few words."""


def clean_url(href: str, base: str | None = None) -> str | None:
    """The absolute, unwrapped, tracker-free URL behind ``href``, or None.

    ``base`` resolves relative and protocol-relative hrefs. Never raises.

    >>> clean_url("../x.html?fbclid=abc", "http://blog.example.net/2008/01/post.html")
    'http://blog.example.net/2008/x.html'
    """
    return clean(href, base).url


def clean(href: str, base: str | None = None) -> Cleaned:
    """Like :func:`clean_url`, with the host, the wrappers peeled and the reason for a None."""
    if not isinstance(href, str) or (base is not None and not isinstance(base, str)):
        return Cleaned(None, error="not a string")
    known = _CLEAN_OUTPUTS.get(href)
    if known is not None:
        return known  # base plays no part: a cleaned URL is absolute and web
    try:
        result = _fast_clean(href) or _fast_relative(href, base) or _clean_cached(href, base)
    except Exception:  # a malformed href must never stop a page
        return Cleaned(None, error="malformed URL")
    if result.url is not None and result.url != href and _cleans_to_itself(result.url):
        if len(_CLEAN_OUTPUTS) >= 1 << 16:
            _CLEAN_OUTPUTS.clear()
        # a clean URL cleans to itself: remember it so site_of(clean_url(x)) costs a lookup
        _CLEAN_OUTPUTS[result.url] = Cleaned(result.url, result.host)
    return result


def _cleans_to_itself(url: str) -> bool:
    """Is ``url`` a fixed point of cleaning? Only those may be remembered as already clean, or
    an answer would depend on the pages cleaned before (a chain cut at ``MAX_UNWRAP``)."""
    try:
        again = _fast_clean(url) or _clean_cached(url, None)
    except Exception:  # never raise: a URL that cannot be re-read is simply not remembered
        return False
    return again.url == url


_CLEAN_OUTPUTS: dict[str, Cleaned] = {}


_FAST_SHAPE = re.compile(
    r"(https?)://((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?)"
    r"(/[A-Za-z0-9\-._~/:@!$&'()*+,;=\[\]|]*)?"
    r"(?:\?([A-Za-z0-9\-._~/:@!$&'()*+,;=\[\]|?]*))?"
    r"(?:#([A-Za-z0-9\-._~/:@!$&'()*+,;=\[\]|?]*))?"
)
"""The plain shape most hrefs have: lowercase http(s), a named host, no port, no escapes."""


def _fast_clean(href: str) -> Cleaned | None:
    """:func:`_clean_cached` for a plain absolute URL on a host that wraps nothing; else None.

    Most links of a page are already clean, and each is seen once, so a cache does not help
    them: this path decides in one regular expression and a few set lookups what the general
    path decides by splitting, validating and re-assembling. tests/resolve pins that both paths
    agree.
    """
    m = _FAST_SHAPE.fullmatch(href)
    if m is None:
        return None
    scheme, host, path, query, fragment = m.groups()
    if len(host) > 253 or not _plain_host(host) or (query and not _plain_query_host(host)):
        return None
    if path and ("//" in path or "/." in path):
        return None  # dot segments and doubled slashes: the general path normalises them
    if "&" in href and _ENTITY.search(href):
        return None  # "&amp;" in an href is an escape to undo
    if "://" in href[8:] and _GARBAGE.search(href):
        return None  # two URLs glued together
    out = [scheme, "://", host, path or "/"]
    if query:
        if "http" in query.lower():
            return None  # a URL in the query: maybe a login wall's target
        kept = _strip_trackers(query, host)
        if kept:
            out += ["?", kept]
    if fragment:
        kept = _normalize_fragment(fragment, host)
        if kept:
            out += ["#", kept]
    return Cleaned("".join(out), host)


def _fast_relative(href: str, base: str | None) -> Cleaned | None:
    """:func:`_fast_clean` for a protocol-relative ``//host/path``, taking the base's scheme."""
    if not href.startswith("//") or href.startswith("///"):
        return None
    if base is None:
        return _fast_clean("https:" + href)
    if base.startswith("https:"):
        return _fast_clean("https:" + href)
    if base.startswith("http:"):
        return _fast_clean("http:" + href)
    return None


@lru_cache(maxsize=1 << 14)
def _plain_host(host: str) -> bool:
    """Does ``host`` wrap nothing, so that :func:`_unwrap` answers None for any URL on it?"""
    bare = host[4:] if host.startswith("www.") else host
    return not (
        bare in tables.WAYBACK_HOSTS
        or bare in tables.ARCHIVE_TODAY_HOSTS
        or bare in tables.PATH_AS_TARGET_HOSTS
        or host.endswith((*tables.AMP_CACHE_SUFFIXES, ".translate.goog"))
        or host == "news.google.com"
        or _GOOGLE_HOST.fullmatch(host) is not None
    )


@lru_cache(maxsize=1 << 14)
def _plain_query_host(host: str) -> bool:
    """Does no query wrapper (``l.php?u=``, ``/url?q=``) live on ``host``?"""
    bare = host[4:] if host.startswith("www.") else host
    if bare in tables.QUERY_AS_TARGET_HOSTS or host == "webcache.googleusercontent.com":
        return False
    if host in _QW_EXACT:
        return False
    return not any(rx.fullmatch(host) for rx, _, _, _ in _QW_PATTERNS)


def split_clean(url: str) -> tuple[str, str]:
    """The path (without query) and the fragment of a URL as :func:`clean_url` writes it."""
    rest = url.split("://", 1)[1] if "://" in url else url
    slash = rest.find("/")
    path = rest[slash:] if slash >= 0 else "/"
    fragment = ""
    if "#" in path:
        path, fragment = path.split("#", 1)
    return path.split("?", 1)[0], fragment


@lru_cache(maxsize=1 << 16)
def _clean_cached(href: str, base: str | None) -> Cleaned:
    url = _absolute(href, base)
    if url is None:
        return Cleaned(None, error=_why_not(href))
    peeled: list[str] = []
    seen = {url}
    for _ in range(MAX_UNWRAP + 1):
        parts = _split(url)
        if isinstance(parts, str):
            return Cleaned(None, unwrapped=tuple(peeled), error=parts)
        unwrapped = _unwrap(parts)
        if unwrapped is None:
            return Cleaned(_assemble(parts), parts.host, tuple(peeled))
        name, target = unwrapped
        nxt = _absolute(target, _assemble(parts))
        if nxt is None or nxt in seen or len(peeled) >= MAX_UNWRAP:
            return Cleaned(_assemble(parts), parts.host, tuple(peeled))
        peeled.append(name)
        seen.add(nxt)
        url = nxt
    return Cleaned(None, error="too many wrappers")  # pragma: no cover - the loop returns


def _why_not(href: str) -> str:
    text = _STRIPPED.sub("", href).strip(_EDGES)
    if not text:
        return "empty"
    m = _SCHEME.match(text)
    if m and m.group(1).lower() not in _DEFAULT_PORTS and not _PORTLIKE.match(text, m.end()):
        return f"not a web URL ({m.group(1).lower()}:)"
    return "not a URL"


def _absolute(href: str, base: str | None) -> str | None:
    """Trim, unescape and resolve ``href``; None for non-web schemes and unusable text."""
    text = _STRIPPED.sub("", href).strip(_EDGES)
    if text.startswith("<![CDATA[") and text.endswith("]]>"):
        text = text[9:-3].strip()
    cut = _GARBAGE.search(text)
    if cut is not None:
        text = text[: cut.start()]
    if "&" in text:
        text = _ENTITY.sub(
            lambda m: html.unescape(m.group(0) + ("" if m.group(0)[-1] == ";" else ";")), text
        )
        text = _STRIPPED.sub("", text).strip(_EDGES)
    if not text:
        return None
    m = _SCHEME.match(text)
    if m is not None:
        scheme = m.group(1).lower()
        rest = text[m.end() :]
        if scheme in _DEFAULT_PORTS:
            if base is not None and not rest.startswith(("/", "\\")):
                base_url = _absolute(base, None)
                if base_url is not None and base_url.startswith(scheme + ":"):
                    return urljoin(base_url, rest.replace("\\", "/"))
            return scheme + "://" + rest.lstrip("/\\")
        if "." not in scheme and not _PORTLIKE.match(rest) and scheme != "localhost":
            return None  # javascript:, mailto:, data:, tel:, ftp:, ...
        # "example.com:8080/x" is a host and port, not a scheme
    if text.startswith(("//", "\\\\", "/\\", "\\/")):
        scheme = "https"
        if base is not None:
            base_url = _absolute(base, None)
            if base_url is not None:
                scheme = base_url.split(":", 1)[0]
        return scheme + "://" + text.lstrip("/\\")
    if base is not None:
        base_url = _absolute(base, None)
        if base_url is None:
            return None
        return urljoin(base_url, text.replace("\\", "/"))
    if _HOSTLIKE.match(text) or _looks_like_ip(text):
        return "https://" + text
    return None


def _looks_like_ip(text: str) -> bool:
    host = re.split(r"[:/?#]", text, maxsplit=1)[0]
    return bool(host) and all(c in "0123456789." for c in host) and host.count(".") == 3


@dataclass(frozen=True, slots=True)
class _Parts:
    scheme: str
    host: str
    port: str
    path: str
    query: str | None
    fragment: str | None


def _split(url: str) -> _Parts | str:
    """Split an absolute http(s) URL (as made by :func:`_absolute`) and normalise its host.

    Returns the parts, or a few words saying what is wrong with the URL.
    """
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return "not a web URL"
    fragment: str | None = None
    query: str | None = None
    if "#" in rest:
        rest, fragment = rest.split("#", 1)
    if "?" in rest:
        rest, query = rest.split("?", 1)
    rest = rest.replace("\\", "/")
    slash = rest.find("/")
    authority, path = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    if "@" in authority:
        authority = authority.rsplit("@", 1)[1]
    port = ""
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            return "unclosed IPv6 address"
        hostpart, after = authority[: end + 1], authority[end + 1 :]
        if after:
            if not after.startswith(":"):
                return "text after the IPv6 address"
            port = after[1:]
    elif authority.count(":") >= 2 and _bare_ipv6(authority):
        hostpart = f"[{authority}]"  # an IPv6 address written without its brackets
    else:
        hostpart, _, port = authority.partition(":")
    if port:
        if not port.isdigit() or not port.isascii() or int(port) > 65535:
            return f"invalid port {port[:20]!r}"
        port = str(int(port))
        if _DEFAULT_PORTS[scheme] == port:
            port = ""
    host = normalize_host(hostpart)
    if host is None:
        return f"invalid host {hostpart[:60]!r}" if hostpart else "no host"
    return _Parts(scheme, host, port, path, query, fragment)


def _bare_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1 << 15)
def normalize_host(raw: str) -> str | None:
    """Lowercase, IDNA-encode (UTS 46, non-transitional) and validate a host; None if unusable.

    >>> normalize_host("Faß.DE."), normalize_host("0x7f.1"), normalize_host("exa mple.com")
    ('xn--fa-hia.de', '127.0.0.1', None)
    """
    try:
        return _normalize_host(raw)
    except (ValueError, UnicodeError, idna.IDNAError):
        return None


def _normalize_host(raw: str) -> str | None:
    host = unquote(raw) if "%" in raw else raw
    host = host.translate(_FULL_STOPS).strip()
    if host.startswith("["):
        if not host.endswith("]"):
            return None
        addr = ipaddress.IPv6Address(host[1:-1])
        return f"[{addr.compressed}]"
    host = host.rstrip(".")
    if not host or host.startswith(".") or ".." in host:
        return None
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True, transitional=False).decode("ascii")
        except (idna.IDNAError, UnicodeError):
            host = host.lower().encode("idna").decode("ascii")  # IDNA 2003: emoji domains
    host = host.lower()
    if _FORBIDDEN_HOST.search(host) or _BAD_HYPHEN.search(host):
        return None
    number = parse_ipv4(host)
    if number is not None:
        return str(ipaddress.IPv4Address(number))
    if len(host) > 253:
        return None
    return host


def parse_ipv4(host: str) -> int | None:
    """The IPv4 address a host spells as an integer, in every WHATWG spelling; None if not one.

    Decimal (``2130706433``), octal (``0177.0.0.1``), hex (``0x7f.1``) and short forms
    (``127.1``) all count, as browsers and most HTTP clients accept them. Raises ValueError for a
    host that ends in a number but is no valid address (``1.2.3.999``).

    >>> parse_ipv4("127.1") == parse_ipv4("2130706433") == parse_ipv4("0x7f.0.0.01")
    True
    """
    labels = host.split(".")
    if labels and labels[-1] == "":
        labels.pop()
    if not labels or not _is_number_label(labels[-1]):
        return None
    if len(labels) > 4:
        raise ValueError(host)
    numbers = [_ipv4_number(label) for label in labels]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError(host)
    value = numbers[-1]
    for i, n in enumerate(numbers[:-1]):
        value += n << (8 * (3 - i))
    return value


def _is_number_label(label: str) -> bool:
    if label.isdigit() and label.isascii():
        return True
    lowered = label.lower()
    return lowered.startswith("0x") and all(c in "0123456789abcdef" for c in lowered[2:])


def _ipv4_number(label: str) -> int:
    if not label:
        raise ValueError(label)
    lowered = label.lower()
    if lowered.startswith("0x"):
        return int(lowered[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        return int(label, 8)
    return int(label)


def is_ip_host(host: str) -> bool:
    """True for an IPv4 dotted quad or a bracketed IPv6 literal (as normalize_host gives)."""
    return host.startswith("[") or (host[-1:].isdigit() and parse_ipv4_safe(host) is not None)


def parse_ipv4_safe(host: str) -> int | None:
    """:func:`parse_ipv4` that answers None instead of raising."""
    try:
        return parse_ipv4(host)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Assembling: path, query and fragment normalisation, tracker stripping.
# ---------------------------------------------------------------------------------------------


def _assemble(p: _Parts) -> str:
    path = _normalize_path(p.path)
    out = [p.scheme, "://", p.host]
    if p.port:
        out += [":", p.port]
    out.append(path)
    if p.query:
        query = _strip_trackers(p.query, p.host)
        if query:
            out += ["?", query]
    if p.fragment:
        fragment = _normalize_fragment(p.fragment, p.host)
        if fragment:
            out += ["#", fragment]
    return "".join(out)


def _pct_fix(match: re.Match[str]) -> str:
    char = chr(int(match.group(1), 16))
    return char if char in _UNRESERVED else "%" + match.group(1).upper()


def _normalize_pct(text: str, ok: re.Pattern[str], safe: str) -> str:
    if "%" in text:
        text = _PCT.sub(_pct_fix, text)
    if ok.fullmatch(text) is None or _HIGH_RUN.search(text):
        if not text.isascii() or _HIGH_RUN.search(text):
            # one spelling per character: decode UTF-8 escapes, compose (NFC), encode again
            text = unicodedata.normalize("NFC", _HIGH_RUN.sub(_decode_run, text))
        text = quote(text, safe=safe)
    return text


_HIGH_RUN = re.compile(r"(?:%[89A-F][0-9A-F])+")


def _decode_run(match: re.Match[str]) -> str:
    raw = bytes.fromhex(match.group(0).replace("%", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)  # not UTF-8: leave the bytes as they were escaped


def _normalize_path(path: str) -> str:
    if not path:
        return "/"
    if "%" in path:
        path = _PCT.sub(_pct_fix, path)  # RFC 3986 6.2.2: "%2e%2e" is ".." before dot segments go
    if "//" in path:
        path = _SLASHES.sub("/", path)
    if "." in path:
        path = _remove_dot_segments(path)
    return _normalize_pct(path, _PATH_OK, _PATH_SAFE)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, so ``/a/./b/../c`` is ``/a/c``."""
    if "/." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for i, seg in enumerate(segments):
        last = i == len(segments) - 1
        if seg == ".":
            if last:
                out.append("")
        elif seg == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(seg)
    result = "/".join(out)
    return result if result.startswith("/") else "/" + result


def _strip_trackers(query: str, host: str) -> str:
    """Drop tracking parameters, keep every other parameter in its order and spelling."""
    domain_keys = _domain_tracker_keys(host)
    kept: list[str] = []
    for pair in query.split("&"):
        if not pair:
            continue
        key, _eq, value = pair.partition("=")
        if _is_tracker(key, value, domain_keys):
            continue
        kept.append(_normalize_pct(pair, _QUERY_OK, _QUERY_SAFE))
    return "&".join(kept)


@lru_cache(maxsize=4096)
def _tracker_key(key: str) -> str:
    return unquote_plus(key).strip().lower()


def _is_tracker(key: str, value: str, domain_keys: frozenset[str]) -> bool:
    k = _tracker_key(key)
    if k in tables.TRACKER_KEYS or k in domain_keys or k.startswith(tables.TRACKER_PREFIXES):
        return True
    v = unquote_plus(value).strip().lower()
    if (k, v) in tables.TRACKER_VALUES:
        return True
    pattern = _VALUE_PATTERNS.get(k)
    return pattern is not None and pattern.fullmatch(v) is not None


_VALUE_PATTERNS = {k: re.compile(rx) for k, rx in tables.TRACKER_VALUE_PATTERNS.items()}


@lru_cache(maxsize=8192)
def _domain_tracker_keys(host: str) -> frozenset[str]:
    labels = host.split(".")
    for i in range(len(labels) - 1):
        keys = tables.TRACKER_DOMAIN_KEYS.get(".".join(labels[i:]))
        if keys is not None:
            return keys
    return frozenset()


def _normalize_fragment(fragment: str, host: str) -> str:
    if ":~:" in fragment:
        fragment = fragment.split(":~:", 1)[0]  # text-fragment directives are not the page
    if "=" in fragment and not fragment.startswith(("!", "/")):
        return _strip_trackers(fragment, host)
    return _normalize_pct(fragment, _QUERY_OK, _QUERY_SAFE + "#")


# ---------------------------------------------------------------------------------------------
# Unwrapping: the wrapper tables of tables.py, applied to one split URL.
# ---------------------------------------------------------------------------------------------


def _build_query_wrappers() -> tuple[
    dict[str, list[tuple[str, str, tuple[str, ...]]]],
    list[tuple[re.Pattern[str], str, str, tuple[str, ...]]],
]:
    exact: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    patterns: list[tuple[re.Pattern[str], str, str, tuple[str, ...]]] = []
    for name, rule, prefix, params in tables.QUERY_WRAPPERS:
        if rule.endswith(".*"):
            head = re.escape(rule[:-2])
            rx = re.compile(rf"(?:www\.|m\.)?{head}\.(?:com?\.)?[a-z]{{2,3}}")
            patterns.append((rx, name, prefix.lower(), params))
        elif "*" in rule:
            tail = re.escape(rule.split("*", 1)[1])
            patterns.append((re.compile(rf".+{tail}"), name, prefix.lower(), params))
        else:
            for host in (rule, "www." + rule, "m." + rule, "mobile." + rule):
                exact.setdefault(host, []).append((name, prefix.lower(), params))
    return exact, patterns


_QW_EXACT, _QW_PATTERNS = _build_query_wrappers()
_OPAQUE_BY_HOST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _name, _host, _rx, _ in tables.OPAQUE_REDIRECTS:
    _OPAQUE_BY_HOST.setdefault(_host, []).append((_name, re.compile(_rx)))


def _unwrap(p: _Parts) -> tuple[str, str] | None:
    """The wrapper's name and its target, if ``p`` is a wrapper whose target is inside it."""
    host = p.host
    bare = host[4:] if host.startswith("www.") else host
    path = p.path
    tail = ("?" + p.query if p.query is not None else "") + (
        "#" + p.fragment if p.fragment is not None else ""
    )
    if bare in tables.WAYBACK_HOSTS:
        m = _WAYBACK.fullmatch(path) or _WAYBACK_BARE.fullmatch(path)
        if m:
            return "wayback", _fix_scheme(m.group(1) + tail)
        return None
    if bare in tables.ARCHIVE_TODAY_HOSTS:
        m = _ARCHIVE_TODAY.fullmatch(path)
        if m:
            return "archive.today", _fix_scheme((m.group(1) or m.group(2)) + tail)
        return None
    if host.endswith(tables.AMP_CACHE_SUFFIXES):
        m = _AMP_CACHE.fullmatch(path)
        if m:
            scheme = "https://" if m.group(1) else "http://"
            return "amp-cache", scheme + m.group(2) + tail
        return None
    if host.endswith(".translate.goog"):
        label = host[: -len(".translate.goog")]
        origin = label.replace("--", "\x00").replace("-", ".").replace("\x00", "-")
        return "google-translate", "https://" + origin + (path or "/") + tail
    if bare in tables.PATH_AS_TARGET_HOSTS and _ABS_TARGET.match(path, 1):
        return bare, _fix_scheme(path[1:] + tail)
    if p.query and bare in tables.QUERY_AS_TARGET_HOSTS:
        return bare, unquote(p.query)
    if host == "news.google.com":
        m = _GOOGLE_NEWS.match(path)
        inner = _google_news_target(m.group(1)) if m else None
        return ("google-news", inner) if inner else None
    google = _GOOGLE_HOST.fullmatch(host) is not None
    if google:
        m = _GOOGLE_AMP.fullmatch(path)
        if m:
            scheme = "https://" if m.group(1) else "http://"
            return "google-amp", scheme + m.group(2) + tail
    if p.query is None:
        return None
    if host == "webcache.googleusercontent.com":
        q = dict(parse_qsl(p.query)).get("q", "")
        m = _GOOGLE_CACHE.match(q)
        return ("google-cache", m.group(1)) if m else None
    return _unwrap_query(p, host)


def _unwrap_query(p: _Parts, host: str) -> tuple[str, str] | None:
    assert p.query is not None
    candidates = list(_QW_EXACT.get(host, ()))
    for rx, name, prefix, params in _QW_PATTERNS:
        if rx.fullmatch(host):
            candidates.append((name, prefix, params))
    lowered_path = p.path.lower() or "/"
    for name, prefix, params in candidates:
        if not lowered_path.startswith(prefix):
            continue
        target = _wrapped_target(name, p, params)
        if target is not None:
            return name, target
    return _login_wall(p, lowered_path)


def _wrapped_target(name: str, p: _Parts, params: tuple[str, ...]) -> str | None:
    assert p.query is not None
    if name == "proofpoint-urldefense" and p.path.startswith("/v3/__"):
        inner = (p.path + "?" + p.query)[len("/v3/__") :]
        return inner.split("__;", 1)[0] or None
    values = dict(parse_qsl(p.query, keep_blank_values=True))
    lowered = {k.lower(): v for k, v in values.items()}
    for param in params:
        if param == "":
            value = unquote(p.query)
        else:
            value = values.get(param) or lowered.get(param.lower()) or ""
        value = value.strip()
        if not value:
            continue
        if name == "proofpoint-urldefense":
            value = unquote(value.replace("-", "%").replace("_", "/"))
        elif name == "bing-redirect" and value.startswith("a1"):
            value = _b64(value[2:])
        elif name == "disqus-redirect":
            value = _DISQUS_TAIL.sub("", value)
        if _ABS_TARGET.match(value) or (value.startswith("/") and name == "youtube-redirect"):
            return value
    return None


def _google_news_target(article_id: str) -> str | None:
    """The URL inside an older Google News article id (base64 of a small protobuf), if any."""
    try:
        raw = base64.urlsafe_b64decode(article_id + "=" * (-len(article_id) % 4))
    except (binascii.Error, ValueError):
        return None
    m = _EMBEDDED_URL.search(raw)
    return m.group(0).decode("ascii") if m else None


def _b64(text: str) -> str:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return ""


def _login_wall(p: _Parts, lowered_path: str) -> tuple[str, str] | None:
    """``/login?next=https://...`` and friends: the page behind the wall is the target."""
    assert p.query is not None
    if "http" not in p.query.lower():
        return None  # no absolute URL in any parameter: nothing to unwrap
    strong = ("next", "redirect_to", "return_to", "returnto", "continue", "goto", "destination")
    for key, value in parse_qsl(p.query, keep_blank_values=True):
        k = key.lower()
        if k not in tables.LOGIN_WALL_KEYS:
            continue
        v = value.strip()
        if not re.match(r"https?://", v, re.IGNORECASE):
            continue
        if k in strong or any(word in lowered_path for word in tables.LOGIN_WALL_PATH_WORDS):
            return "redirect", v
    return None


def _fix_scheme(target: str) -> str:
    """Archives collapse ``http://`` to ``http:/`` and sometimes drop the scheme entirely."""
    m = _SCHEME_FIX.match(target)
    if m:
        return m.group(1).lower() + "://" + target[m.end() :]
    if target.startswith("//"):
        return "http:" + target
    return "http://" + target


def needs_network_reason(url: str) -> str | None:
    """Why only the network can tell where ``url`` leads (shortener, feedburner...), or None.

    >>> needs_network_reason("https://bit.ly/abc"), needs_network_reason("https://example.com/")
    ('shortener', None)
    """
    cleaned = clean(url)
    if cleaned.url is None or cleaned.host is None:
        return None
    path = split_clean(cleaned.url)[0]
    if short_link_on(cleaned.host, path):
        return "shortener"
    return opaque_redirect_on(cleaned.host, path + _query_of(cleaned.url))


def _query_of(url: str) -> str:
    query = url.split("#", 1)[0].partition("?")[2]
    return "?" + query if query else ""


def opaque_redirect_on(host: str, path: str) -> str | None:
    """The OPAQUE_REDIRECTS rule a host and path (query included) match, or None."""
    for name, rx in _opaque_rules(host):
        if rx.match(path):
            return name
    return None


@lru_cache(maxsize=8192)
def _opaque_rules(host: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    labels = host.split(".")
    found: list[tuple[str, re.Pattern[str]]] = []
    for i in range(len(labels) - 1):
        found += _OPAQUE_BY_HOST.get(".".join(labels[i:]), ())
    return tuple(found)


@lru_cache(maxsize=8192)
def is_shortener_host(host: str) -> bool:
    """True when ``host`` (or the host without ``www.``) is a known URL shortener."""
    labels = host.split(".")
    # the host itself, www. of it, or any subdomain (slate.trib.al, artist.lnk.to)
    return any(".".join(labels[i:]) in tables.SHORTENERS for i in range(len(labels) - 1))


_SHORT_TOKEN = re.compile(r"/([A-Za-z0-9_\-]{3,12})/?")


def is_short_link(url: str) -> bool:
    """True when ``url`` looks like a short link: a shortener host and a token path.

    Known shorteners count when the path is not empty (``https://bit.ly`` alone is the
    shortener's home page); unknown hosts count when a short domain on a shortener-style TLD
    carries a single opaque token (``huffp.st/Nf25jZ1``).

    >>> is_short_link("https://bit.ly/1sNZMwL"), is_short_link("https://bit.ly/")
    (True, False)
    >>> is_short_link("https://pdora.co/2nku92J"), is_short_link("https://theins.ru/a/258406")
    (True, False)
    """
    cleaned = clean(url)
    if cleaned.url is None or cleaned.host is None:
        return False
    return short_link_on(cleaned.host, split_clean(cleaned.url)[0])


def short_link_on(host: str, path: str) -> bool:
    """:func:`is_short_link` for a normalised host and a path."""
    if is_shortener_host(host):
        return path not in ("", "/")
    return _looks_short(host, path)


def _looks_short(host: str, path: str) -> bool:
    m = _SHORT_TOKEN.fullmatch(path)
    if m is None:
        return False
    token = m.group(1)
    mixed = any(c.isupper() for c in token) and any(c.islower() for c in token)
    has_digit = any(c.isdigit() for c in token) and any(c.isalpha() for c in token)
    if not (mixed or has_digit) or token.isdigit():
        return False
    labels = (host[4:] if host.startswith("www.") else host).split(".")
    if len(labels) == 2:
        return len(labels[0]) <= 6 and labels[1] in tables.SHORT_LINK_TLDS
    return len(labels) == 3 and len(labels[0]) == 1 and len(labels[1]) <= 12
