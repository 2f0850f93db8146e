"""How fast is the offline resolver next to ``urllib.parse.urlsplit`` on the same URLs?

    python bench/resolve.py [--count 100000] [--seed 7] [--rounds 3]

Builds ``--count`` distinct, realistic hrefs (blog permalinks on blog hosts and plain domains,
tweets, Medium posts, ``utm_`` and ``fbclid`` tails, Google and Facebook redirects, Wayback and
AMP copies, short links, relative hrefs with a base, IDNA hosts, junk), then times, in the same
run and on the same list:

* ``urlsplit`` (the baseline: splitting, nothing else),
* ``clean_url`` (absolute, unwrapped, tracker-free, host normalised),
* ``site_key`` on the cleaned URLs,
* ``resolve`` (the whole record behind ``hattip resolve --format json``).

Each timed pass starts with the resolver's caches cleared, so the figures are for URLs never
seen before (host-level caches then fill as they would on a real crawl). Each figure is the
best of ``--rounds``. It prints URLs per second and the cost relative to ``urlsplit``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from hattip.resolve import clean_url, resolve, site_key
from hattip.resolve import sites as _sites
from hattip.resolve import urls as _urls

BLOG_HOSTS = ["blogspot.com", "wordpress.com", "typepad.com", "tumblr.com", "substack.com"]
DOMAINS = ["example.com", "news.example.co.uk", "exemple.fr", "beispiel.de", "blog.example.org"]
WORDS = ["via", "hat-tip", "links", "quote", "notes", "archive", "post", "thing", "week"]


def make_urls(count: int, seed: int) -> list[tuple[str, str | None]]:
    """``count`` distinct (href, base) pairs in a realistic mix."""
    rng = random.Random(seed)
    out: list[tuple[str, str | None]] = []
    for i in range(count):
        name = f"{rng.choice(WORDS)}{i}"
        slug = "-".join(rng.choice(WORDS) for _ in range(3))
        year = 2004 + i % 20
        kind = i % 16
        if kind < 4:
            host = f"{name}.{rng.choice(BLOG_HOSTS)}"
            href = f"http://{rng.choice(['', 'www.', 'm.'])}{host}/{year}/0{i % 9 + 1}/{slug}.html"
        elif kind < 7:
            href = f"https://www.{name}.{rng.choice(DOMAINS)}/{year}/{slug}/?p={i}"
        elif kind == 7:
            href = f"https://twitter.com/{name}/status/{10**17 + i}?s=20&t=abc"
        elif kind == 8:
            href = f"https://medium.com/@{name}/{slug}-{i:x}"
        elif kind == 9:
            href = (
                f"https://{name}.example.com/{slug}?utm_source=feed&utm_medium=rss&fbclid=IwAR{i}"
            )
        elif kind == 10:
            target = quote(f"https://{name}.example.net/{slug}", safe="")
            href = f"https://www.google.com/url?sa=t&url={target}&usg=AOv{i}"
        elif kind == 11:
            href = f"https://web.archive.org/web/{year}0101000000/http://{name}.blogspot.com/{slug}"
        elif kind == 12:
            href = f"https://{name}-com.cdn.ampproject.org/c/s/{name}.com/{slug}.amp"
        elif kind == 13:
            href = f"https://bit.ly/{i:x}Ab"
        elif kind == 14:
            out.append((f"../{slug}.html#c{i}", f"http://{name}.example.org/{year}/01/post.html"))
            continue
        else:
            href = rng.choice([f"http://bücher{i}.de/{slug}", f"mailto:{name}@example.com", slug])
        out.append((href, None))
    return out


def clear_caches() -> None:
    """Forget every memoised URL and host, so a pass sees only new URLs."""
    _urls._CLEAN_OUTPUTS.clear()
    for func in (
        _urls._clean_cached,
        _urls.normalize_host,
        _urls._tracker_key,
        _urls._domain_tracker_keys,
        _urls.is_shortener_host,
        _urls._opaque_rules,
        _sites.registrable_domain,
        _sites._host_site,
        _sites._tenant,
        _sites.site_of,
        _sites.handle_site,
    ):
        func.cache_clear()


def best_of(rounds: int, body: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs of ``body``, caches cleared before each."""
    best = float("inf")
    for _ in range(rounds):
        clear_caches()
        start = time.perf_counter()
        body()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Time the baseline and the resolver on one list, print rates and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    pairs = make_urls(args.count, args.seed)
    hrefs = [h for h, _ in pairs]
    cleaned = [clean_url(h, b) or "" for h, b in pairs]
    n = len(pairs)

    def baseline() -> None:
        for href in hrefs:
            urlsplit(href)

    def cleaning() -> None:
        for href, base in pairs:
            clean_url(href, base)

    def keys() -> None:
        for url in cleaned:
            site_key(url)

    def records() -> None:
        for href, base in pairs:
            resolve(href, base=base)

    base_t = best_of(args.rounds, baseline)
    print(f"{n:,} URLs, best of {args.rounds} rounds, caches cleared before each pass")
    print(f"{'urlsplit (baseline)':<22}{n / base_t:>12,.0f} URLs/s")
    for label, body in (("clean_url", cleaning), ("site_key", keys), ("resolve", records)):
        elapsed = best_of(args.rounds, body)
        ratio = elapsed / base_t
        print(f"{label:<22}{n / elapsed:>12,.0f} URLs/s   {ratio:6.1f}x the urlsplit time")


if __name__ == "__main__":
    main()
