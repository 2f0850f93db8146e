"""clean_url: normalisation, rejection, relative hrefs, unwrapping chains, trackers."""

from __future__ import annotations

import pytest

from hattip.resolve import clean_url
from hattip.resolve.urls import MAX_UNWRAP, clean, normalize_host, parse_ipv4

NORMALISED = [
    ("scheme-and-host-case", "HTTP://WWW.Example.COM/Path", "http://www.example.com/Path"),
    ("default-http-port", "http://example.com:80/a", "http://example.com/a"),
    ("default-https-port", "https://example.com:443/a", "https://example.com/a"),
    ("other-port-kept", "http://example.com:8080/a", "http://example.com:8080/a"),
    ("port-leading-zero", "http://example.com:081/", "http://example.com:81/"),
    ("https-port-80-kept", "https://example.com:80/", "https://example.com:80/"),
    ("empty-path", "http://example.com", "http://example.com/"),
    ("dot-segments", "http://example.com/a/./b/../c", "http://example.com/a/c"),
    ("dot-segments-above-root", "http://example.com/../../x", "http://example.com/x"),
    ("trailing-dot-dot", "http://example.com/a/b/..", "http://example.com/a/"),
    ("repeated-slashes", "http://example.com/a//b///c", "http://example.com/a/b/c"),
    ("userinfo-dropped", "http://user:pw@example.com/", "http://example.com/"),
    ("empty-userinfo", "http://:@example.com/", "http://example.com/"),
    ("root-dot", "http://www.example.com./", "http://www.example.com/"),
    ("root-dot-and-port", "http://example.com.:81/a", "http://example.com:81/a"),
    ("ideographic-full-stop", "http://example\u3002com/", "http://example.com/"),
    ("fullwidth-full-stop", "http://example\uff0ecom/", "http://example.com/"),
    ("idna-2008-eszett", "http://faß.de/", "http://xn--fa-hia.de/"),
    ("idna-cyrillic", "http://пример.испытание/", "http://xn--e1afmkfd.xn--80akhbyknj4f/"),
    ("idna-uppercase", "http://BÜCHER.de/", "http://xn--bcher-kva.de/"),
    ("punycode-lowercased", "http://XN--Bcher-KVA.de/", "http://xn--bcher-kva.de/"),
    ("percent-encoded-host", "http://%65xample.com/", "http://example.com/"),
    ("unreserved-decoded", "http://example.com/%7Ejane/%61", "http://example.com/~jane/a"),
    ("pct-hex-uppercased", "http://example.com/a%2fb?q=%5c", "http://example.com/a%2Fb?q=%5C"),
    ("space-encoded", "http://example.com/a b", "http://example.com/a%20b"),
    ("unicode-path-encoded", "http://example.com/é", "http://example.com/%C3%A9"),
    (
        "unicode-query-encoded",
        "http://example.com/?x=шелл",
        "http://example.com/?x=%D1%88%D0%B5%D0%BB%D0%BB",
    ),
    ("nfc-composed", "http://example.com/?q=C%CC%A7", "http://example.com/?q=%C3%87"),
    ("non-utf8-escape-kept", "http://example.com/?q=%C7", "http://example.com/?q=%C7"),
    ("text-fragment-dropped", "http://example.com/a#:~:text=night-,vision", "http://example.com/a"),
    ("bare-ipv6-authority", "http://2001:db8::42/t", "http://[2001:db8::42]/t"),
    ("empty-query-dropped", "http://example.com/a?", "http://example.com/a"),
    ("empty-fragment-dropped", "http://example.com/a#", "http://example.com/a"),
    ("fragment-kept", "http://example.com/a#comment-12", "http://example.com/a#comment-12"),
    ("hashbang-kept", "http://example.com/#!/path", "http://example.com/#!/path"),
    (
        "fragment-with-equals-kept",
        "https://example.com/s#gid=1234",
        "https://example.com/s#gid=1234",
    ),
    ("blank-params-kept", "http://example.com/?a&b", "http://example.com/?a&b"),
    ("param-order-kept", "http://example.com/?b=1&a=2", "http://example.com/?b=1&a=2"),
    (
        "wordpress-permalink-kept",
        "http://blog.example.com/?p=123",
        "http://blog.example.com/?p=123",
    ),
    ("decimal-ipv4", "http://2130706433/", "http://127.0.0.1/"),
    ("hex-ipv4", "http://0x7f.1/", "http://127.0.0.1/"),
    ("octal-ipv4", "http://0177.0.0.01/", "http://127.0.0.1/"),
    ("short-ipv4", "http://127.1/", "http://127.0.0.1/"),
    ("ipv6-compressed", "http://[0:0:0:0:0:0:0:1]:80/", "http://[::1]/"),
    ("ipv6-mapped", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/"),
    ("backslashes", "http:\\\\example.com\\a\\b", "http://example.com/a/b"),
    ("extra-slashes-after-scheme", "https:///example.com/a", "https://example.com/a"),
    ("missing-slashes", "http:example.com/a", "http://example.com/a"),
    ("surrounding-whitespace", "  \thttp://example.com/a \n", "http://example.com/a"),
    (
        "inner-control-encoded",
        "http://example.com/test\a\n.html",
        "http://example.com/test%07.html",
    ),
    ("edge-controls-trimmed", "\x19https://www.example.com/\x06", "https://www.example.com/"),
    ("quotes-encoded", 'http://example.com/"hello"', "http://example.com/%22hello%22"),
    (
        "unsafe-chars",
        "http://h.example/u{,},|,^,`?|=[]",
        "http://h.example/u%7B,%7D,|,%5E,%60?|=[]",
    ),
    ("inner-newline-dropped", "http://exa\nmple.com/a", "http://example.com/a"),
    ("zero-width-dropped", "\u200bhttp://example.com/\ufeff", "http://example.com/"),
    ("html-escaped-amp", "http://example.com/?a=1&amp;b=2", "http://example.com/?a=1&b=2"),
    ("html-escaped-numeric", "http://example.com/?a=1&#38;b=2", "http://example.com/?a=1&b=2"),
    (
        "legacy-entity-without-semicolon-kept",
        "http://e.com/?a=1&copy=2",
        "http://e.com/?a=1&copy=2",
    ),
    ("cdata", "<![CDATA[https://www.example.org/a]]>", "https://www.example.org/a"),
    ("markup-tail", "https://www.example.org/1</a>", "https://www.example.org/1"),
    ("glued-urls", "https://a.example/xhttps://b.example/", "https://a.example/x"),
    ("schemeless-host", "example.com/path", "https://example.com/path"),
    ("schemeless-www", "WWW.Example.com", "https://www.example.com/"),
    ("protocol-relative", "//example.com/a", "https://example.com/a"),
    ("utm-in-fragment", "http://example.com/a#utm_source=rss", "http://example.com/a"),
    ("xtor-in-fragment", "http://example.com/a#xtor=RSS-11", "http://example.com/a"),
    (
        "uppercase-tracker-key",
        "http://example.com/a?XTOR=x&UTM_SOURCE=y&id=1",
        "http://example.com/a?id=1",
    ),
    ("bare-utm-keys", "http://example.com/?utm_source&utm_medium", "http://example.com/"),
    ("fbclid-only", "https://example.com/post?fbclid=IwAR0", "https://example.com/post"),
    (
        "twitter-share-code",
        "https://twitter.com/a/status/1?s=20&t=abc",
        "https://twitter.com/a/status/1",
    ),
    (
        "twitter-unknown-param-kept",
        "https://twitter.com/a/status/1?x=1",
        "https://twitter.com/a/status/1?x=1",
    ),
    (
        "youtube-feature",
        "https://m.youtube.com/watch?v=X2g&feature=youtu.be",
        "https://m.youtube.com/watch?v=X2g",
    ),
    (
        "instagram-igshid",
        "https://www.instagram.com/alice/?igshid=abc",
        "https://www.instagram.com/alice/",
    ),
    (
        "blogspot-mobile-param",
        "http://x.blogspot.com/2008/01/a.html?m=1",
        "http://x.blogspot.com/2008/01/a.html",
    ),
]


@pytest.mark.parametrize(
    ("href", "expected"), [c[1:] for c in NORMALISED], ids=[c[0] for c in NORMALISED]
)
def test_href_is_normalised(href: str, expected: str) -> None:
    """Each spelling of a URL cleans to one canonical form."""
    assert clean_url(href) == expected


REJECTED = [
    ("javascript", "javascript:void(0)"),
    ("javascript-upper", "JavaScript:alert(1)"),
    ("mailto", "mailto:someone@example.com"),
    ("data", "data:text/html;base64,PGgxPg=="),
    ("tel", "tel:+1-816-555-1212"),
    ("ftp", "ftp://ftp.example.com/file"),
    ("news", "news:comp.infosystems.www"),
    ("urn", "urn:isbn:0451450523"),
    ("empty", ""),
    ("blank", "   "),
    ("fragment-only-without-base", "#top"),
    ("relative-without-base", "../page.html"),
    ("words", "not a url at all"),
    ("scheme-only", "http://"),
    ("bad-port", "http://example.com:99999/"),
    ("non-numeric-port", "http://example.com:abc/"),
    ("bad-ipv4", "http://256.256.256.256/"),
    ("five-number-labels", "http://127.0.0.1.9/"),
    ("unclosed-ipv6", "http://[::1/"),
    ("space-in-host", "http://exa mple.com/"),
    ("empty-label", "http://a..b.com/"),
    ("leading-hyphen-label", "http://-error-.invalid/"),
    ("trailing-hyphen-label", "http://a.b-.co/"),
    ("template-host", "http://`$smarty.server.server_name`/"),
    ("leading-dot-host", "http://.www.foo.bar/"),
]


@pytest.mark.parametrize("href", [c[1] for c in REJECTED], ids=[c[0] for c in REJECTED])
def test_non_web_or_garbage_href_is_none(href: str) -> None:
    """Non-web schemes and unusable text are not sources: None, never an exception."""
    assert clean_url(href) is None


@pytest.mark.parametrize("value", [None, 5, b"http://example.com/", ["x"]], ids=repr)
def test_non_string_is_none(value: object) -> None:
    """A caller passing the wrong type still gets None rather than a crash."""
    assert clean_url(value) is None  # type: ignore[arg-type]


BASE = "http://blog.example.net/2008/01/post.html?x=1"
RELATIVE = [
    ("sibling", "other.html", "http://blog.example.net/2008/01/other.html"),
    ("parent", "../index.html", "http://blog.example.net/2008/index.html"),
    ("absolute-path", "/about", "http://blog.example.net/about"),
    ("query-only", "?page=2", "http://blog.example.net/2008/01/post.html?page=2"),
    ("fragment-only", "#c12", "http://blog.example.net/2008/01/post.html?x=1#c12"),
    ("protocol-relative", "//cdn.example.org/a", "http://cdn.example.org/a"),
    ("absolute", "https://other.example/x", "https://other.example/x"),
    ("same-scheme-relative", "http:other.html", "http://blog.example.net/2008/01/other.html"),
    ("escaped", "a.html?x=1&amp;y=2", "http://blog.example.net/2008/01/a.html?x=1&y=2"),
    ("dot-dirs", "./a/../b.html", "http://blog.example.net/2008/01/b.html"),
]


@pytest.mark.parametrize(
    ("href", "expected"), [c[1:] for c in RELATIVE], ids=[c[0] for c in RELATIVE]
)
def test_relative_href_resolves_against_base(href: str, expected: str) -> None:
    """Relative and protocol-relative hrefs take the page's URL as their base."""
    assert clean_url(href, BASE) == expected


UNWRAPPED = [
    (
        "google-redirect-url-param",
        "https://www.google.com/url?sa=t&rct=j&q=&url=http%3A%2F%2Fwww.example.com%2F&usg=AOv",
        "http://www.example.com/",
        ("google-redirect",),
    ),
    (
        "facebook-escaped-amp",
        "https://l.facebook.com/l.php?u=http%3A%2F%2Fexample.com%2Fa.html&amp;h=AT0",
        "http://example.com/a.html",
        ("facebook-redirect",),
    ),
    (
        "facebook-target-trackers-stripped",
        "https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F%3Ffbclid%3DIw&h=AT",
        "https://example.com/",
        ("facebook-redirect",),
    ),
    (
        "wp-login-redirect-to",
        "https://example.com/wp-login.php?redirect_to=https%3A%2F%2Fexample.com%2Freport.html%3Futm_source%3DT",
        "https://example.com/report.html",
        ("redirect",),
    ),
    (
        "facebook-login-next",
        "https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Falice%2Fvideos%2F1",
        "https://www.facebook.com/alice/videos/1",
        ("redirect",),
    ),
    (
        "youtube-attribution-relative",
        "https://www.youtube.com/attribution_link?a=x&u=%2Fwatch%3Fv%3Df5Z%26feature%3Dshare",
        "https://www.youtube.com/watch?v=f5Z",
        ("youtube-redirect",),
    ),
    (
        "wayback-collapsed-slash",
        "https://web.archive.org/web/2008/http:/alice.blogspot.com/a.html",
        "http://alice.blogspot.com/a.html",
        ("wayback",),
    ),
    (
        "wayback-id-modifier",
        "http://web.archive.org/web/20080101000000id_/http://example.com/a?b=1",
        "http://example.com/a?b=1",
        ("wayback",),
    ),
    (
        "wayback-star",
        "https://web.archive.org/web/*/example.com/a",
        "http://example.com/a",
        ("wayback",),
    ),
    (
        "wayback-save",
        "https://web.archive.org/save/https://example.com/a",
        "https://example.com/a",
        ("wayback",),
    ),
    (
        "google-news-article-id",
        "https://news.google.com/articles/CBMiKmh0dHBzOi8vd3d3LmV4YW1wbGUuY29tLzIwMTkvMDEvc3RvcnkuaHRtbNIBAA?hl=en",
        "https://www.example.com/2019/01/story.html",
        ("google-news",),
    ),
    (
        "wayback-without-timestamp",
        "https://web.archive.org/web/https://example.com/a",
        "https://example.com/a",
        ("wayback",),
    ),
    (
        "google-amp-viewer",
        "https://www.google.com/amp/s/example.com/2020/01/a.amp",
        "https://example.com/2020/01/a.amp",
        ("google-amp",),
    ),
    (
        "google-amp-viewer-http",
        "https://www.google.co.uk/amp/example.com/a",
        "http://example.com/a",
        ("google-amp",),
    ),
    (
        "amp-cache-query-and-fragment",
        "http://example-com.cdn.ampproject.org/c/s/example.com/a.amp?test#frag",
        "https://example.com/a.amp?test#frag",
        ("amp-cache",),
    ),
    (
        "google-cache",
        "https://webcache.googleusercontent.com/search?q=cache:AbCdEfGhIjK:https://example.com/a+&cd=1",
        "https://example.com/a",
        ("google-cache",),
    ),
    (
        "translate-goog",
        "https://www-example-com.translate.goog/a?_x_tr_sl=auto&_x_tr_tl=en&id=3",
        "https://www.example.com/a?id=3",
        ("google-translate",),
    ),
    (
        "translate-goog-hyphen",
        "https://my--site-example-org.translate.goog/a",
        "https://my-site.example.org/a",
        ("google-translate",),
    ),
    (
        "chain-google-then-wayback",
        "https://www.google.com/url?q=https://web.archive.org/web/2008/http://www.alice.blogspot.com/",
        "http://www.alice.blogspot.com/",
        ("google-redirect", "wayback"),
    ),
    (
        "twitter-share-intent",
        "https://twitter.com/share?&text=Hello%20%232&via=someone&url=https://example.org/post",
        "https://example.org/post",
        ("twitter-share",),
    ),
    (
        "facebook-sharer",
        "https://www.facebook.com/sharer.php?u=https://example.org/post",
        "https://example.org/post",
        ("facebook-share",),
    ),
    (
        "external-redirector-l-param",
        "http://www.example.org/_Externe.aspx?l=http%3a%2f%2fwww.example.com%2fa%3fp%3d6&utm_source=S",
        "http://www.example.com/a?p=6",
        ("redirect",),
    ),
    (
        "disqus-hash-tail",
        "https://disq.us/url?url=https%3A%2F%2Fexample.com%2Fa%3AAbCdEfGhIjKlMnOpQrStUv&cuid=1",
        "https://example.com/a",
        ("disqus-redirect",),
    ),
]


@pytest.mark.parametrize(
    ("href", "expected", "wrappers"), [c[1:] for c in UNWRAPPED], ids=[c[0] for c in UNWRAPPED]
)
def test_wrapper_is_unwrapped(href: str, expected: str, wrappers: tuple[str, ...]) -> None:
    """Redirectors, archives, AMP and share intents give the URL inside them."""
    result = clean(href)
    assert (result.url, result.unwrapped) == (expected, wrappers)


NOT_UNWRAPPED = [
    ("non-url-param", "http://lemonde.fr/?url=yizfezf", "http://lemonde.fr/?url=yizfezf"),
    (
        "redirect-no",
        "http://wiki.example.fr/index.php?title=X&redirect=no",
        "http://wiki.example.fr/index.php?title=X&redirect=no",
    ),
    (
        "relative-ref-param",
        "https://example.de/loginFailed.php?ref=/artikel/1.html",
        "https://example.de/loginFailed.php?ref=/artikel/1.html",
    ),
    (
        "google-search",
        "https://www.google.com/search?q=https://example.com",
        "https://www.google.com/search?q=https://example.com",
    ),
    ("archive-today-short", "https://archive.ph/AbCd1", "https://archive.ph/AbCd1"),
]


@pytest.mark.parametrize(
    ("href", "expected"), [c[1:] for c in NOT_UNWRAPPED], ids=[c[0] for c in NOT_UNWRAPPED]
)
def test_lookalike_is_not_unwrapped(href: str, expected: str) -> None:
    """A parameter that is no absolute URL, or a page that is no wrapper, stays as it is."""
    result = clean(href)
    assert (result.url, result.unwrapped) == (expected, ())


def test_wrapper_cycle_stops() -> None:
    """Two wrappers pointing at each other end the loop instead of spinning."""
    inner = "https://href.li/?https://www.google.com/url?q=https://href.li/"
    result = clean(inner)
    assert result.url is not None
    assert len(result.unwrapped) <= MAX_UNWRAP


def test_unwrap_depth_is_bounded() -> None:
    """A chain deeper than MAX_UNWRAP stops peeling at the bound and still answers."""
    url = "https://example.com/end"
    for _ in range(MAX_UNWRAP + 5):
        url = "https://href.li/?" + url
    result = clean(url)
    assert result.url is not None
    assert len(result.unwrapped) == MAX_UNWRAP


IPV4 = [
    ("dotted", "127.0.0.1", 0x7F000001),
    ("decimal", "2130706433", 0x7F000001),
    ("hex", "0x7f000001", 0x7F000001),
    ("hex-short", "0x7f.1", 0x7F000001),
    ("octal", "0177.0.0.1", 0x7F000001),
    ("short", "127.1", 0x7F000001),
    ("three-part", "10.1.2", 0x0A010002),
    ("trailing-dot", "127.0.0.1.", 0x7F000001),
    ("not-a-number", "example.com", None),
    ("number-inside-name", "1.example", None),
]


@pytest.mark.parametrize(("host", "value"), [c[1:] for c in IPV4], ids=[c[0] for c in IPV4])
def test_ipv4_spellings_parse_to_one_address(host: str, value: int | None) -> None:
    """Decimal, octal, hex and short IPv4 forms all parse the way browsers read them."""
    assert parse_ipv4(host) == value


@pytest.mark.parametrize("host", ["1.2.3.256", "0x100000000", "1.2.3.4.5", "09.1.1.1"], ids=str)
def test_invalid_ipv4_raises_value_error(host: str) -> None:
    """A host that ends in a number but is no valid address is rejected."""
    with pytest.raises(ValueError, match=r"\d"):
        parse_ipv4(host)


@pytest.mark.parametrize("host", ["", ".", "a b", "exa<mple.com", "[::1", "[nothex]"], ids=repr)
def test_malformed_host_is_none(host: str) -> None:
    """normalize_host never raises: an unusable host is None."""
    assert normalize_host(host) is None
