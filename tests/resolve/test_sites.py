"""Site keys: one blog from many spellings, and two blogs never merged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hattip.resolve import handle_site, host_key, registrable_domain, resolve, site_key, site_of

SAME_BLOG = [
    "http://alice.blogspot.com/2008/01/post.html",
    "http://www.alice.blogspot.com/2008/01/post.html",
    "http://m.alice.blogspot.com/",
    "https://alice.blogspot.co.uk/2008/01/post.html?m=1",
    "http://alice.blogspot.de/",
    "https://Alice.BlogSpot.com.",
    "https://web.archive.org/web/20080101000000/http://www.alice.blogspot.com/2008/01/post.html",
    "https://www.google.com/url?q=http://alice.blogspot.com/&sa=D",
    "https://alice-blogspot-com.cdn.ampproject.org/c/s/alice.blogspot.com/2008/01/post.html",
    "https://www.google.com/amp/s/alice.blogspot.com/2008/01/post.html?amp=1",
    "https://alice-blogspot-com.translate.goog/?_x_tr_sl=de&_x_tr_tl=en",
    "//alice.blogspot.com/#comments",
]


@pytest.mark.parametrize("url", SAME_BLOG, ids=range(len(SAME_BLOG)))
def test_every_spelling_of_a_blog_is_one_site(url: str) -> None:
    """www., m., country domains, archives, AMP and redirects all land on one blog."""
    assert site_key(url) == "alice.blogspot.com"


APART = [
    ("github-pages", "https://alice.github.io/", "https://bob.github.io/"),
    ("medium-users", "https://medium.com/@alice/a-1", "https://medium.com/@bob/b-2"),
    ("twitter-users", "https://twitter.com/alice", "https://x.com/bob/status/1"),
    ("wordpress-blogs", "https://alice.wordpress.com/", "https://bob.wordpress.com/"),
    ("typepad-blogs", "http://alice.typepad.com/a/", "http://bob.typepad.com/b/"),
    ("subreddits", "https://reddit.com/r/alice/", "https://old.reddit.com/r/bob/"),
    ("fediverse-users", "https://mastodon.social/@alice", "https://mastodon.social/@bob"),
    ("youtube-channels", "https://youtube.com/@alice", "https://www.youtube.com/@bob"),
    ("substack-blogs", "https://alice.substack.com/p/x", "https://bob.substack.com/p/y"),
]


@pytest.mark.parametrize(("a", "b"), [c[1:] for c in APART], ids=[c[0] for c in APART])
def test_tenants_of_one_platform_stay_apart(a: str, b: str) -> None:
    """Two accounts or blogs on one platform are two sites."""
    assert site_key(a) != site_key(b)


KEYS = [
    ("registrable-domain", "https://news.bbc.co.uk/1/hi/world.stm", "bbc.co.uk"),
    ("www-www", "http://www.www.com/", "www.com"),
    ("only-suffix-left-keeps-label", "http://www.co.uk/", "www.co.uk"),
    ("wildcard-suffix", "http://www.example.ck/", "www.example.ck"),
    ("private-suffix", "http://foo.uk.com/", "foo.uk.com"),
    ("ip-address", "http://192.168.0.1:8080/x", "192.168.0.1"),
    ("ipv6-address", "http://[2001:db8::7]/", "2001:db8::7"),
    ("single-label", "http://intranet/page", "intranet"),
    ("unknown-suffix", "http://internal.bizarre/x", "internal.bizarre"),
    ("x-folds-to-twitter", "https://x.com/Jack/status/20", "twitter.com/jack"),
    ("twitter-hashbang", "https://twitter.com/#!/jack", "twitter.com/jack"),
    ("twitter-search", "https://twitter.com/search?q=a", "twitter.com"),
    ("twitter-hashtag", "https://twitter.com/hashtag/b", "twitter.com"),
    (
        "twitter-intent-without-url",
        "https://twitter.com/intent/follow?screen_name=a",
        "twitter.com",
    ),
    ("mobile-twitter", "https://mobile.twitter.com/jack", "twitter.com/jack"),
    ("medium-publication", "https://medium.com/the-story/x-123", "medium.com/the-story"),
    ("medium-subdomain", "https://alice.medium.com/x-123", "alice.medium.com"),
    ("medium-post-only", "https://medium.com/p/1a2b3c4d5e", "medium.com"),
    ("facebook-page-id", "https://m.facebook.com/pages/Some-Page/1345", "facebook.com/1345"),
    ("facebook-group", "https://www.facebook.com/groups/cats/", "facebook.com/groups/cats"),
    ("facebook-story", "https://www.facebook.com/story.php?id=1", "facebook.com"),
    ("youtube-watch", "https://www.youtube.com/watch?v=abc", "youtube.com"),
    ("youtube-user", "https://www.youtube.com/user/Alice", "youtube.com/user/alice"),
    ("youtube-channel", "https://www.youtube.com/channel/UCabc", "youtube.com/channel/ucabc"),
    ("youtu-be", "https://youtu.be/abc", "youtube.com"),
    ("github-repo", "https://github.com/alice/repo/issues/1", "github.com/alice"),
    ("github-org", "https://github.com/orgs/acme/people", "github.com/acme"),
    ("github-topics", "https://github.com/topics/python", "github.com"),
    ("gist", "https://gist.github.com/alice/abc", "github.com/alice"),
    ("reddit-user", "https://www.reddit.com/u/alice", "reddit.com/user/alice"),
    (
        "bsky-profile",
        "https://bsky.app/profile/alice.bsky.social/post/1",
        "bsky.app/profile/alice.bsky.social",
    ),
    ("bsky-did", "https://bsky.app/profile/did:plc:abc123", "bsky.app/profile/did:plc:abc123"),
    ("fediverse-remote", "https://hachyderm.io/@bob@example.social", "example.social/@bob"),
    ("fediverse-any-host", "https://social.example.org/@carol/1099", "social.example.org/@carol"),
    ("tumblr-new-style", "https://www.tumblr.com/alice/123/slug", "alice.tumblr.com"),
    ("tumblr-blog-view", "https://www.tumblr.com/blog/view/alice", "alice.tumblr.com"),
    ("livejournal-users", "http://users.livejournal.com/_a_b_/12.html", "a-b.livejournal.com"),
    ("substack-open", "https://open.substack.com/pub/alice/p/hello", "alice.substack.com"),
    ("livejournal-tilde", "http://www.livejournal.com/~alice", "alice.livejournal.com"),
    ("wordpress-files", "http://alice.files.wordpress.com/2008/01/i.jpg", "alice.wordpress.com"),
    ("tumblr-media-shard", "https://64.media.tumblr.com/abc/x.jpg", "tumblr.com"),
    ("wordpress-api-host", "https://public-api.wordpress.com/rest/v1", "wordpress.com"),
    (
        "facebook-language-host",
        "https://fr-fr.facebook.com/naat.ouhafs.92?rc=p",
        "facebook.com/naat.ouhafs.92",
    ),
    (
        "facebook-profile-id",
        "https://www.facebook.com/profile.php?id=1000122&rc=p",
        "facebook.com/1000122",
    ),
    (
        "facebook-people-id",
        "https://www.facebook.com/people/Clare-Roche/1000206",
        "facebook.com/1000206",
    ),
    ("twitter-country-domain", "https://twitter.fr/Yomguithereal", "twitter.com/yomguithereal"),
    ("twitter-at-path", "https://twitter.com/@Yomguithereal", "twitter.com/yomguithereal"),
    ("twitter-i-pages", "https://twitter.com/i/bookmarks", "twitter.com"),
    ("amp-subdomain", "http://amp.lefigaro.fr/x", "lefigaro.fr"),
    ("en-m-wikipedia", "https://en.m.wikipedia.org/wiki/Ulam_spiral", "wikipedia.org"),
    ("instagram-account", "https://www.instagram.com/alice/?hl=en", "instagram.com/alice"),
    ("instagram-post", "https://instagram.com/p/BIIivW-DEWO/", "instagram.com"),
    ("linkedin-person", "https://www.linkedin.com/in/alice-b/", "linkedin.com/in/alice-b"),
    ("punycode-site", "http://bücher.de/", "xn--bcher-kva.de"),
]


@pytest.mark.parametrize(("url", "key"), [c[1:] for c in KEYS], ids=[c[0] for c in KEYS])
def test_site_key(url: str, key: str) -> None:
    """The site key follows the registrable domain, blog hosts and path tenants."""
    assert site_key(url) == key


@pytest.mark.parametrize(
    "text", ["", "mailto:a@b.c", "javascript:x", "not a url", "http://"], ids=repr
)
def test_no_web_host_no_site(text: str) -> None:
    """Without a web host there is no site key."""
    assert site_key(text) is None
    assert site_of(text) is None


def test_site_of_carries_domain_host_platform_and_account() -> None:
    """site_of gives the whole Site, not only its key."""
    site = site_of("https://mobile.twitter.com/Jack/status/1")
    assert site is not None
    assert (site.key, site.domain, site.host, site.platform, site.account) == (
        "twitter.com/jack",
        "twitter.com",
        "mobile.twitter.com",
        "twitter",
        "jack",
    )


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.theregister.co.uk", "theregister.co.uk"),
        ("media.forums.theregister.co.uk", "theregister.co.uk"),
        ("waiterrant.blogspot.com", "waiterrant.blogspot.com"),
        ("www.alice.blogspot.co.uk", "alice.blogspot.co.uk"),
        ("nes.buskerud.no", None),
        ("localhost", None),
        ("127.0.0.1", None),
        ("s3.ap-south-1.amazonaws.com", None),
    ],
    ids=str,
)
def test_registrable_domain_follows_the_psl_with_private_section(
    host: str, domain: str | None
) -> None:
    """The domain is the PSL's registrable domain, private suffixes (blogspot.com) included."""
    assert registrable_domain(host) == domain


HANDLES = [
    ("bare-twitter", "@Jack", None, "twitter.com/jack"),
    ("trailing-punctuation", "@jack:", None, "twitter.com/jack"),
    ("instagram", "@alice", "instagram", "instagram.com/alice"),
    ("bsky-bare", "@alice", "bsky", "bsky.app/profile/alice.bsky.social"),
    ("bsky-domain", "@alice.example.com", "bsky", "bsky.app/profile/alice.example.com"),
    ("fediverse", "@alice@Mastodon.Social", None, "mastodon.social/@alice"),
    ("fediverse-ignores-platform", "@alice@hachyderm.io", "twitter", "hachyderm.io/@alice"),
    ("instance-as-platform", "@alice", "mastodon.social", "mastodon.social/@alice"),
    ("too-long-for-twitter", "@abcdefghijklmnopq", None, None),
    ("dotted-not-twitter", "@alice.example", None, None),
    ("no-at-sign", "alice", None, None),
    ("empty", "@", None, None),
    ("email-like", "alice@example.com", None, None),
]


@pytest.mark.parametrize(
    ("handle", "platform", "key"), [c[1:] for c in HANDLES], ids=[c[0] for c in HANDLES]
)
def test_handle_site(handle: str, platform: str | None, key: str | None) -> None:
    """@handles resolve to the page's platform (Twitter by default); @user@host is fediverse."""
    assert handle_site(handle, platform=platform) == key


def test_resolve_handle_gives_platform_and_account() -> None:
    """``resolve('@x')`` is a site record without a URL."""
    r = resolve("@alice", platform="github")
    assert (r.url, r.site, r.platform, r.account, r.error) == (
        None,
        "github.com/alice",
        "github",
        "alice",
        None,
    )


HOST_KEYS = [
    ("keeps-subdomain", "http://corner.nationalreview.com/post", "corner.nationalreview.com"),
    ("folds-www2", "http://www2.pandasthumb.org/archives/1.html", "pandasthumb.org"),
    ("tweet-is-twitter", "https://twitter.com/Salon/status/1", "twitter.com"),
    ("medium-user", "https://medium.com/@ev/x-1", "medium.com/@ev"),
    ("blog-subdomain", "https://www.alice.typepad.com/a/", "alice.typepad.com"),
    ("unwraps", "https://web.archive.org/web/2019/http://aalstyles.com/2014/a", "aalstyles.com"),
]


@pytest.mark.parametrize(("url", "key"), [c[1:] for c in HOST_KEYS], ids=[c[0] for c in HOST_KEYS])
def test_host_key_is_the_host_grain(url: str, key: str) -> None:
    """host_key keeps subdomains and folds platforms to their host, as the labelled corpus does."""
    assert host_key(url) == key


LABELS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "labels" / "dev.jsonl"


def _labelled_sites() -> list[tuple[str, str]]:
    if not LABELS.exists():
        return []
    pairs: list[tuple[str, str]] = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        items = [(page.get("page_url"), page.get("page_site"))]
        items += [(x.get("url"), x.get("site")) for x in page["credits"] + page["quotes"]]
        pairs += [(u, s) for u, s in items if u and s]
    return pairs


@pytest.mark.corpus
@pytest.mark.skipif(not LABELS.exists(), reason="../shared/corpus is not beside the checkout")
def test_host_key_agrees_with_the_labelled_corpus() -> None:
    """Every URL/site pair of the dev labels gets the labelled key from host_key."""
    pairs = _labelled_sites()
    wrong = [(u, s, host_key(u)) for u, s in pairs if host_key(u) != s]
    assert not wrong
