"""One test per entry of every rule table in hattip.resolve.tables."""

from __future__ import annotations

import base64
from urllib.parse import quote

import pytest

from hattip.resolve import clean_url, handle_site, resolve, site_key, site_of
from hattip.resolve import tables as t
from hattip.resolve.urls import clean

TARGET = "https://target.example.org/a/post.html?p=7"


# -- trackers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(t.TRACKER_KEYS), ids=str)
def test_tracker_key_is_stripped_and_other_params_kept(key: str) -> None:
    """Every listed tracker key is dropped; the WordPress permalink ``p`` stays."""
    assert clean_url(f"https://example.com/x?p=1&{key}=abc") == "https://example.com/x?p=1"


@pytest.mark.parametrize("prefix", t.TRACKER_PREFIXES, ids=str)
def test_tracker_prefix_is_stripped(prefix: str) -> None:
    """Every key starting with a tracker prefix is dropped, whatever follows it."""
    assert clean_url(f"https://example.com/?id=3&{prefix}campaign=z") == "https://example.com/?id=3"


@pytest.mark.parametrize(
    ("domain", "key"),
    sorted((d, k) for d, keys in t.TRACKER_DOMAIN_KEYS.items() for k in keys),
    ids=str,
)
def test_domain_tracker_is_stripped_on_its_domain_only(domain: str, key: str) -> None:
    """A key that tracks on one domain goes there, and stays on an unrelated blog."""
    assert clean_url(f"https://www.{domain}/x?{key}=/1") == f"https://www.{domain}/x"
    global_tracker = key in t.TRACKER_KEYS or key.startswith(t.TRACKER_PREFIXES)
    kept = clean_url(f"https://blog.example.net/x?{key}=/1")
    assert kept == (
        "https://blog.example.net/x" if global_tracker else f"https://blog.example.net/x?{key}=/1"
    )


@pytest.mark.parametrize(("key", "value"), sorted(t.TRACKER_VALUES), ids=str)
def test_tracker_value_pair_is_stripped(key: str, value: str) -> None:
    """A ``key=value`` pair known to track is dropped wherever it appears."""
    pair = f"{key}={value}" if value else key
    assert clean_url(f"https://example.com/x?page=2&{pair}") == "https://example.com/x?page=2"


_VALUE_EXAMPLES = {
    "ref": ("hackernews", "/artikel/1.html"),
    "referrer": ("https%3A%2F%2Fwww.google.com", "sidebar.html"),
    "source": ("twitter_share", "chapter-3"),
    "from": ("timeline", "2008-01-01"),
}


@pytest.mark.parametrize("key", sorted(t.TRACKER_VALUE_PATTERNS), ids=str)
def test_tracker_value_pattern_strips_campaign_tokens_only(key: str) -> None:
    """``?ref=hackernews`` tracks and goes; ``?ref=/artikel/1.html`` names a page and stays."""
    tracked, meaningful = _VALUE_EXAMPLES[key]
    assert clean_url(f"https://example.com/x?{key}={tracked}") == "https://example.com/x"
    kept = f"https://example.com/x?{key}={meaningful}"
    assert clean_url(kept) == kept


# -- wrappers ----------------------------------------------------------------------------------


def _wrapper_host(rule: str) -> str:
    if rule.endswith(".*"):
        return "www." + rule[:-2] + ".co.uk"
    if rule.startswith("*."):
        return "eur01" + rule[1:]
    return rule.replace("*", "eu")


def _wrapper_url(name: str, rule: str, prefix: str, param: str) -> str:
    host = _wrapper_host(rule)
    path = prefix
    if name == "proofpoint-urldefense" and prefix.startswith("/v3"):
        return f"https://{host}{prefix}{TARGET}__;!!AbC$"
    if name == "proofpoint-urldefense":
        encoded = quote(TARGET, safe="").replace("%", "-").replace("/", "_")
        return f"https://{host}{path}?{param}={encoded}&d=DwMF"
    if name == "bing-redirect":
        b64 = base64.urlsafe_b64encode(TARGET.encode()).decode().rstrip("=")
        return f"https://{host}{path}?!&&p=1&{param}=a1{b64}&ntb=1"
    if param == "":
        return f"https://{host}{path}?{TARGET}"
    return f"https://{host}{path}?x=1&{param}={quote(TARGET, safe='')}"


@pytest.mark.parametrize(
    ("name", "rule", "prefix", "param"),
    [(n, r, p, params[0]) for n, r, p, params in t.QUERY_WRAPPERS],
    ids=[f"{n}:{r}{p}" for n, r, p, _ in t.QUERY_WRAPPERS],
)
def test_query_wrapper_is_unwrapped_to_its_target(
    name: str, rule: str, prefix: str, param: str
) -> None:
    """Each redirector/share intent gives the URL inside it, and records its own name."""
    result = clean(_wrapper_url(name, rule, prefix, param))
    assert result.url == TARGET
    assert result.unwrapped == (name,)


@pytest.mark.parametrize("host", sorted(t.QUERY_AS_TARGET_HOSTS), ids=str)
def test_dereferrer_query_is_the_target(host: str) -> None:
    """Anonymising dereferrers carry the whole target after ``?``."""
    assert clean_url(f"https://{host}/?{TARGET}") == TARGET


@pytest.mark.parametrize("host", sorted(t.PATH_AS_TARGET_HOSTS), ids=str)
def test_reading_proxy_path_is_the_target(host: str) -> None:
    """Reading proxies carry the target as their path."""
    assert clean_url(f"https://{host}/{TARGET}") == TARGET


@pytest.mark.parametrize("host", sorted(t.WAYBACK_HOSTS), ids=str)
def test_wayback_snapshot_is_the_archived_blog(host: str) -> None:
    """A Wayback-style snapshot resolves to the archived page and its blog."""
    url = f"https://{host}/web/20080101000000/http://www.alice.blogspot.com/2008/01/a.html"
    r = resolve(url)
    assert r.url == "http://www.alice.blogspot.com/2008/01/a.html"
    assert r.site == "alice.blogspot.com"
    assert r.unwrapped == ("wayback",)


@pytest.mark.parametrize("host", sorted(t.ARCHIVE_TODAY_HOSTS), ids=str)
def test_archive_today_long_form_is_unwrapped(host: str) -> None:
    """archive.today's long form names the archived URL."""
    r = resolve(f"https://{host}/2019.01.01-123456/https://example.com/x")
    assert (r.url, r.unwrapped) == ("https://example.com/x", ("archive.today",))


@pytest.mark.parametrize("suffix", t.AMP_CACHE_SUFFIXES, ids=str)
def test_amp_cache_copy_is_the_publisher_page(suffix: str) -> None:
    """An AMP cache copy resolves to the publisher's own URL (``/s/`` means https)."""
    r = resolve(f"https://example-com.{suffix}/c/s/example.com/2020/01/post.amp?amp_js_v=0.1")
    assert (r.url, r.unwrapped) == ("https://example.com/2020/01/post.amp", ("amp-cache",))


@pytest.mark.parametrize("key", sorted(t.LOGIN_WALL_KEYS), ids=str)
def test_login_wall_parameter_is_unwrapped(key: str) -> None:
    """``/login?<key>=https://...`` resolves to the page behind the wall."""
    r = resolve(f"https://news.example.com/login?{key}={quote(TARGET, safe='')}")
    assert (r.url, r.unwrapped) == (TARGET, ("redirect",))


@pytest.mark.parametrize("word", t.LOGIN_WALL_PATH_WORDS, ids=str)
def test_redirector_path_word_unwraps_a_weak_parameter(word: str) -> None:
    """A weak key such as ``url`` unwraps when the path reads like a redirector."""
    path = "/" + word.lstrip("/")
    path += "x" if path.endswith("/") else ""
    assert clean_url(f"https://example.com{path}?url={quote(TARGET, safe='')}") == TARGET


def test_weak_parameter_on_an_ordinary_page_is_kept() -> None:
    """``?url=`` on a page that is no redirector stays: it may be the page's own data."""
    url = f"https://example.com/article?url={quote(TARGET, safe='')}"
    assert clean(url).unwrapped == ()


# -- shorteners and opaque redirectors ---------------------------------------------------------


@pytest.mark.parametrize("host", sorted(t.SHORTENERS), ids=str)
def test_shortener_link_needs_the_network(host: str) -> None:
    """A token on a shortener host is a short link that only the network can expand."""
    r = resolve(f"https://{host}/Ab3dE")
    assert (r.is_shortener, r.needs_network) == (True, True)


@pytest.mark.parametrize("tld", sorted(t.SHORT_LINK_TLDS), ids=str)
def test_branded_short_domain_token_is_a_short_link(tld: str) -> None:
    """An unknown short domain on a short-link TLD with one opaque token is a short link."""
    assert resolve(f"https://brnd.{tld}/2nku92J").is_shortener


@pytest.mark.parametrize(
    ("name", "host", "example"),
    [(n, h, e) for n, h, _, e in t.OPAQUE_REDIRECTS],
    ids=[f"{n}:{h}" for n, h, _, _ in t.OPAQUE_REDIRECTS],
)
def test_opaque_redirector_needs_the_network(name: str, host: str, example: str) -> None:
    """Feedburner ``~r``, doi.org and the like redirect to a target the URL does not show."""
    r = resolve(f"https://{host}{example}")
    assert r.needs_network
    assert r.redirector in (name, "shortener")


# -- site keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize("label", sorted(t.FOLDED_LABELS), ids=str)
def test_variant_label_folds_while_a_domain_remains(label: str) -> None:
    """``www.``, ``m.``... fold into the site, but never eat the registrable domain."""
    assert site_key(f"https://{label}.example.com/a") == "example.com"
    assert site_key(f"https://{label}.co.uk/") == f"{label}.co.uk"


@pytest.mark.parametrize(("base", "platform"), sorted(t.BLOG_HOSTS.items()), ids=str)
def test_each_blog_host_subdomain_is_its_own_blog(base: str, platform: str) -> None:
    """alice and bob on one blog host are two sites, each keyed by its subdomain."""
    alice = site_of(f"https://alice.{base}/2008/01/post.html")
    bob = site_of(f"https://www.bob.{base}/")
    assert alice is not None
    assert bob is not None
    assert (alice.key, bob.key) == (f"alice.{base}", f"bob.{base}")
    assert (alice.platform, alice.account) == (platform, "alice")


@pytest.mark.parametrize("label", sorted(t.BLOG_HOST_NON_TENANTS - t.FOLDED_LABELS), ids=str)
def test_platform_subdomain_of_a_blog_host_is_not_a_blog(label: str) -> None:
    """``files.wordpress.com`` belongs to WordPress itself, not to a blog called files."""
    assert site_key(f"https://{label}.wordpress.com/x") == "wordpress.com"


@pytest.mark.parametrize("suffix", sorted(t.BLOGSPOT_TLDS), ids=str)
def test_blogspot_country_domain_folds_to_blogspot_com(suffix: str) -> None:
    """``x.blogspot.de`` is the blog ``x.blogspot.com``."""
    assert site_key(f"http://alice.{suffix}/2008/01/a.html") == "alice.blogspot.com"


@pytest.mark.parametrize(("alias", "target"), sorted(t.HOST_ALIASES.items()), ids=str)
def test_host_alias_is_the_platform(alias: str, target: str) -> None:
    """``x.com`` is twitter.com, ``youtu.be`` is youtube.com..."""
    assert site_key(f"https://{alias}/") == target


_SHAPE_EXAMPLES = {
    "first": ("/alice/status/1", "{h}/alice"),
    "first-alpha": ("/alice", "{h}/alice"),
    "at": ("/@alice/post/1", "{h}/@alice"),
    "at-or-first": ("/@alice/post-1", "{h}/@alice"),
    "youtube": ("/@alice/videos", "{h}/@alice"),
    "reddit": ("/r/alice/comments/1/x/", "{h}/r/alice"),
    "profile": ("/profile/alice/post/1", "{h}/profile/alice"),
    "quora": ("/profile/alice", "{h}/profile/alice"),
    "linkedin": ("/in/alice/", "{h}/in/alice"),
    "flickr": ("/photos/alice/123/", "{h}/photos/alice"),
    "tumblr": ("/alice/1234/slug", "alice.tumblr.com"),
    "livejournal": ("/users/alice/12.html", "alice.livejournal.com"),
    "none": ("/alice", "{h}"),
}


@pytest.mark.parametrize(
    ("host", "platform", "shape"),
    [(h, p, s) for h, (p, s) in sorted(t.PATH_TENANTS.items())],
    ids=sorted(t.PATH_TENANTS),
)
def test_path_tenant_is_keyed_by_its_account(host: str, platform: str, shape: str) -> None:
    """Accounts on a platform are separate sites: ``twitter.com/alice``, ``medium.com/@alice``."""
    path, expected = _SHAPE_EXAMPLES[shape]
    canonical = t.HOST_ALIASES.get(host, host)
    site = site_of(f"https://{host}{path}")
    assert site is not None
    assert site.key == expected.format(h=canonical)
    assert site.platform == platform


@pytest.mark.parametrize("page", sorted(t.PLATFORM_PAGES - {""}), ids=str)
def test_platform_page_is_the_platform_not_an_account(page: str) -> None:
    """``twitter.com/search`` or ``/hashtag`` credit the platform, not an account."""
    assert site_key(f"https://twitter.com/{page}") == "twitter.com"


@pytest.mark.parametrize(("platform", "template"), sorted(t.HANDLE_PLATFORMS.items()), ids=str)
def test_handle_lands_on_its_platform(platform: str, template: str) -> None:
    """``@alice`` on each platform is that platform's account key."""
    name = "alice.bsky.social" if platform in ("bsky", "bluesky") else "alice"
    assert handle_site("@Alice", platform=platform) == template.format(h=name)
