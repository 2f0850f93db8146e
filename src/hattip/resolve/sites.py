"""Site keys: which blog, account or site a URL or an @handle belongs to.

A site key is what the credit graph counts: ``x.blogspot.com`` (each Blogger subdomain is its own
blog), ``example.com`` (the registrable domain under the Public Suffix List, private section
included), ``medium.com/@x`` and ``twitter.com/x`` (path tenants on a platform), ``host/@user``
(fediverse). Keys are lowercase ASCII (IDNA), stable, and never carry a scheme.

>>> site_key("http://www.X.blogspot.co.uk/2008/01/post.html")
'x.blogspot.com'
>>> site_key("https://x.com/Jack/status/20"), site_key("https://medium.com/@ev/hello-123")
('twitter.com/jack', 'medium.com/@ev')
>>> handle_site("@alice@Mastodon.Social")
'mastodon.social/@alice'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

import tldextract

from hattip.model import Site
from hattip.resolve import tables
from hattip.resolve.urls import clean, is_ip_host, normalize_host, split_clean

__all__ = [
    "handle_site",
    "host_key",
    "host_key_of",
    "registrable_domain",
    "site_key",
    "site_of",
    "site_of_host",
]

_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(),  # the bundled snapshot: never the network
    cache_dir=None,  # and never $HOME
    include_psl_private_domains=True,  # blogspot.com, github.io... are suffixes
    extra_suffixes=sorted(tables.BLOGSPOT_TLDS),  # Blogger's country domains, as the PSL had them
)
_BLOGSPOT = re.compile(r"(?:(?:www|m)\.)?([^.]+)\.(blogspot\.[a-z.]+)")
_ACCOUNT = re.compile(r"[a-z0-9_][a-z0-9_.\-:]{0,99}")  # ':' for bsky DIDs (did:plc:...)
_HANDLE = re.compile(r"@?([A-Za-z0-9_][A-Za-z0-9_.\-]{0,99})")
_PROFILE_ID = re.compile(r"(?:^|&)id=(\d+)")
_FEDI_HANDLE = re.compile(r"@([A-Za-z0-9_][A-Za-z0-9_.\-]{0,99})@([^\s@/]+)")


@dataclass(frozen=True, slots=True)
class _HostSite:
    """What the host alone says: the key when no path tenant applies, and the tenant shape."""

    key: str
    domain: str | None
    platform: str | None
    account: str | None
    shape: str | None
    folded: str


@lru_cache(maxsize=1 << 14)
def registrable_domain(host: str) -> str | None:
    """The registrable domain of a normalised host under the PSL (private section included).

    >>> registrable_domain("a.b.example.co.uk"), registrable_domain("x.github.io")
    ('example.co.uk', 'x.github.io')
    >>> registrable_domain("localhost") is None
    True
    """
    if not host or is_ip_host(host):
        return None
    ext = _EXTRACT(host)
    if not ext.suffix or not ext.domain:
        return None
    return f"{ext.domain}.{ext.suffix}"


@lru_cache(maxsize=1 << 14)
def _host_site(host: str) -> _HostSite:
    if is_ip_host(host):
        bare = host.strip("[]")
        return _HostSite(bare, None, None, None, None, bare)
    domain = registrable_domain(host)
    m = _BLOGSPOT.fullmatch(host)
    if m and m.group(2) in tables.BLOGSPOT_TLDS and m.group(1) not in tables.FOLDED_LABELS:
        account = m.group(1)
        return _HostSite(f"{account}.blogspot.com", domain, "blogger", account, None, host)
    if domain is None:
        return _HostSite(host, None, None, None, None, host)  # single label, unknown suffix
    labels = host[: -len(domain)].rstrip(".").split(".") if host != domain else []
    while labels and labels[0] in tables.FOLDED_LABELS:
        labels.pop(0)
    labels = [label for label in labels if label not in tables.MOBILE_LABELS]
    folded = ".".join([*labels, domain])
    folded = tables.HOST_ALIASES.get(folded, folded)
    blog = _blog_site(folded, domain)
    if blog is not None:
        return blog
    if folded == "open.substack.com":
        return _HostSite("substack.com", domain, "substack", None, "substack-open", folded)
    if folded == "users.livejournal.com":
        return _HostSite("livejournal.com", domain, "livejournal", None, "lj-users", folded)
    base = tables.HOST_ALIASES.get(domain, domain)
    label, _, suffix = base.partition(".")
    if label in tables.COUNTRY_FOLDED_PLATFORMS and suffix != "com":
        base = f"{label}.com"  # twitter.fr, facebook.co.uk are twitter.com, facebook.com
    tenant = tables.PATH_TENANTS.get(base)
    if tenant is not None and base in tables.BLOG_HOSTS and folded != base:
        tenant = None  # 64.media.tumblr.com/abc is a file on Tumblr, not the blog abc
    if tenant is not None:
        return _HostSite(base, domain, tenant[0], None, tenant[1], folded)
    return _HostSite(base, domain, None, None, "fediverse", folded)


def _blog_site(folded: str, domain: str) -> _HostSite | None:
    labels = folded.split(".")
    for i in range(1, len(labels) - 1):
        base = ".".join(labels[i:])
        platform = tables.BLOG_HOSTS.get(base)
        if platform is None:
            continue
        label = labels[i - 1]
        if label == "files" and i >= 2:
            label = labels[i - 2]  # x.files.wordpress.com holds the media of x.wordpress.com
        if label in tables.BLOG_HOST_NON_TENANTS:
            break  # 64.media.tumblr.com, public-api.wordpress.com: the platform's own hosts
        return _HostSite(f"{label}.{base}", domain, platform, label, None, folded)
    platform = tables.BLOG_HOSTS.get(folded)
    if platform is not None:
        shape = tables.PATH_TENANTS.get(folded, (platform, None))[1]
        return _HostSite(folded, domain, platform, None, shape, folded)
    return None


def site_of_host(host: str, path: str = "/", fragment: str = "", query: str = "") -> Site:
    """The Site of an already normalised host and a path (its first segments decide tenants)."""
    hs = _host_site(host)
    if hs.shape is None:
        return Site(
            key=hs.key, domain=hs.domain, host=host, platform=hs.platform, account=hs.account
        )
    segs = [s for s in path.split("/", 4)[1:4] if s]
    if hs.shape == "first" and fragment.startswith("!/"):
        segs = [s for s in fragment[2:].split("/")[:3] if s]  # twitter.com/#!/user
    if segs and segs[0] == "profile.php" and hs.key == "facebook.com":
        m = _PROFILE_ID.search(query)
        segs = [m.group(1)] if m else segs  # facebook.com/profile.php?id=123
    key, platform, account = _tenant(hs, tuple(segs[:3]))
    return Site(key=key, domain=hs.domain, host=host, platform=platform, account=account)


@lru_cache(maxsize=1 << 16)
def _tenant(hs: _HostSite, segs: tuple[str, ...]) -> tuple[str, str | None, str | None]:
    first = _seg(segs, 0)
    second = _seg(segs, 1)
    shape = hs.shape
    base = hs.key
    if shape == "fediverse":
        if first.startswith("@") and len(first) > 1:
            user, _, other = first[1:].partition("@")
            host = normalize_host(other) if other else hs.folded
            if host and _ACCOUNT.fullmatch(user):
                return f"{host}/@{user}", "fediverse", user
        return base, hs.platform, None
    if shape in ("first", "first-alpha"):
        if base == "facebook.com" and first in ("groups", "people", "pages") and second:
            third = _seg(segs, 2)
            if first == "groups":
                return _account(base, "groups/" + second, second, hs)
            if third.isdigit():
                return _account(base, third, third, hs)
        if first in ("orgs", "sponsors", "stories", "u") and second:
            return _account(base, second, second, hs)
        name = first[1:] if first.startswith("@") else first
        if shape == "first-alpha" and name.isdigit():
            return base, hs.platform, None
        if name in tables.PLATFORM_PAGES:
            return base, hs.platform, None
        return _account(base, name, name, hs)
    if shape in ("at", "at-or-first"):
        if first.startswith("@"):
            return _account(base, first, first[1:], hs)
        if shape == "at-or-first" and first not in tables.PLATFORM_PAGES:
            return _account(base, first, first, hs)
        return base, hs.platform, None
    if shape == "youtube":
        if first.startswith("@"):
            return _account(base, first, first[1:], hs)
        if first in ("user", "c", "channel") and second:
            return _account(base, f"{first}/{second}", second, hs)
        return base, hs.platform, None
    if shape == "reddit":
        if first == "r" and second:
            return _account(base, "r/" + second, second, hs)
        if first in ("u", "user") and second:
            return _account(base, "user/" + second, second, hs)
        return base, hs.platform, None
    if shape in ("profile", "quora"):
        if first == "profile" and second:
            return _account(base, "profile/" + second, second, hs)
        return base, hs.platform, None
    if shape == "linkedin":
        if first in ("in", "company", "school", "showcase", "pub") and second:
            return _account(base, f"{first}/{second}", second, hs)
        return base, hs.platform, None
    if shape == "flickr":
        if first in ("photos", "people") and second:
            return _account(base, "photos/" + second, second, hs)
        return base, hs.platform, None
    if shape == "tumblr":
        name = second if first == "blog" and second not in ("view", "") else first
        if first == "blog" and second == "view":
            name = _seg(segs, 2)
        if name and name not in tables.PLATFORM_PAGES and _ACCOUNT.fullmatch(name):
            return f"{name}.tumblr.com", "tumblr", name
        return base, hs.platform, None
    if shape == "substack-open":
        name = second if first == "pub" else ""
        if name and _ACCOUNT.fullmatch(name):
            return f"{name}.substack.com", "substack", name
        return base, hs.platform, None
    if shape == "livejournal":
        if first == "users" and second:
            first = second  # www.livejournal.com/users/x is x.livejournal.com
        elif not first.startswith("~"):
            return base, hs.platform, None
        shape = "lj-users"
    if shape == "lj-users":
        name = first.lstrip("~").strip("_").replace("_", "-")
        if name and _ACCOUNT.fullmatch(name):
            return f"{name}.livejournal.com", "livejournal", name
        return base, hs.platform, None
    return base, hs.platform, None


def _seg(segs: tuple[str, ...], i: int) -> str:
    if i >= len(segs):
        return ""
    seg = segs[i]
    if "%" in seg:
        seg = unquote(seg)
    return seg.lower()


def _account(
    base: str, path: str, account: str, hs: _HostSite
) -> tuple[str, str | None, str | None]:
    bare = account[1:] if account.startswith("@") else account
    if not _ACCOUNT.fullmatch(bare):
        return base, hs.platform, None
    return f"{base}/{path}", hs.platform, bare


@lru_cache(maxsize=1 << 16)
def site_of(url: str) -> Site | None:
    """The full :class:`~hattip.model.Site` of a URL (cleaned or not); None without a web host.

    >>> site_of("https://www.reddit.com/r/AskHistorians/comments/abc/").key
    'reddit.com/r/askhistorians'
    """
    try:
        cleaned = clean(url)
        if cleaned.url is None or cleaned.host is None:
            return None
        path, fragment = split_clean(cleaned.url)
        query = cleaned.url.split("#", 1)[0].partition("?")[2]
        return site_of_host(cleaned.host, path, fragment, query)
    except Exception:  # never raise on any text
        return None


def site_key(url: str) -> str | None:
    """The site key of a URL (cleaned or not), or None when there is no web host.

    >>> site_key("https://m.facebook.com/pages/Some-Page/134525519920049")
    'facebook.com/134525519920049'
    """
    site = site_of(url)
    return site.key if site is not None else None


def host_key(url: str) -> str | None:
    """A finer key: the host without ``www.``/``m.``, blogs by subdomain, Medium by ``@user``.

    This is the grain hattip's labelled corpus uses (``corner.nationalreview.com``, ``twitter.com``
    for any tweet), where :func:`site_key` gives the registrable domain (``nationalreview.com``)
    and path tenants (``twitter.com/jack``). Wrappers are unwrapped and Blogger country domains
    folded all the same.

    >>> host_key("http://www.corner.nationalreview.com/x"), host_key("https://x.com/jack/status/1")
    ('corner.nationalreview.com', 'twitter.com')
    >>> host_key("https://m.alice.blogspot.co.uk/"), host_key("https://medium.com/@ev/post-1")
    ('alice.blogspot.com', 'medium.com/@ev')
    """
    site = site_of(url)
    return host_key_of(site) if site is not None else None


def host_key_of(site: Site) -> str | None:
    """:func:`host_key` for a Site already computed (the hot path of ``resolve``)."""
    if site.host is None:
        return None
    hs = _host_site(site.host)
    if site.key.startswith("medium.com/@") or ("/" not in site.key and site.key != hs.key):
        return site.key  # medium.com/@x; tumblr.com/x and users.livejournal.com/x are blogs
    return hs.key if hs.shape is None else hs.folded


@lru_cache(maxsize=8192)
def handle_site(handle: str, *, platform: str | None = None) -> str | None:
    """The site key of an ``@handle`` written in credit text; None if it is not one.

    A bare ``@x`` lives on ``platform`` (the parser passes the platform most of the page's links
    point at), Twitter/X by default; ``@user@host`` is a fediverse account.

    >>> handle_site("@Jack"), handle_site("@jack", platform="instagram")
    ('twitter.com/jack', 'instagram.com/jack')
    >>> handle_site("@jay.bsky.social", platform="bsky")
    'bsky.app/profile/jay.bsky.social'
    """
    if not isinstance(handle, str):
        return None
    text = handle.strip().rstrip(".,;:!?)")
    m = _FEDI_HANDLE.fullmatch(text)
    if m:
        host = normalize_host(m.group(2))
        if host is None or "." not in host:
            return None
        return f"{host}/@{m.group(1).lower()}"
    m = _HANDLE.fullmatch(text)
    if m is None or (not text.startswith("@") and platform is None):
        return None
    name = m.group(1).lower().rstrip(".")
    key = (platform or "twitter").strip().lower()
    if key in ("bsky", "bluesky") and "." not in name:
        name += ".bsky.social"
    template = tables.HANDLE_PLATFORMS.get(key)
    if template is None:
        host = normalize_host(key)
        if host is None or "." not in host:
            return None
        return f"{host}/@{name}"  # a fediverse instance named as the platform
    if key in ("twitter", "x") and (len(name) > 15 or "." in name or "-" in name):
        return None
    return template.format(h=name)
