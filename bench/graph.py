"""Credit graph benchmark: 1,000,000 synthetic edges over 100,000 sites.

Prints, from one run on one machine:

* ingest rate of ``Store.add_many`` (edges/s) against a baseline: a bare ``executemany`` of the
  same (crediting, credited, kind) rows into an unindexed table, in the same run;
* the time of the top-credited query (distinct crediting sites), plain and filtered by kind and
  by date, against the same GROUP BY over the bare table.

Targets are skewed (a Zipf-like law) so a few sites are heavily credited, as on the real web.

    python bench/graph.py                  # 1,000,000 edges, 100,000 sites
    python bench/graph.py --edges 100000   # a quicker look
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from hattip.graph import Store, top_credited
from hattip.model import Credit, CreditKind, Link, Page, Quote, QuoteHow, Region

EDGES_PER_PAGE = 11
"""Graph edges per synthetic page: 8 body links, 1 blogroll link, 1 via, 1 quote (10 sites)."""


def site(i: int) -> str:
    """The key of synthetic site ``i``: a mix of blog-host tenants and domains."""
    return f"blog{i}.blogspot.com" if i % 3 == 0 else f"site{i}.example"


def synthetic_pages(edges: int, sites: int, seed: int = 7) -> Iterator[Page]:
    """Pages whose graph edges add up to ``edges``: 10 distinct targets each, skewed by Zipf."""
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(sites)]
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    for n in range(edges // EDGES_PER_PAGE):
        own = n % sites
        picks: set[int] = set()
        while len(picks) < 10:
            target = rng.choices(range(sites), cum_weights=cumulative, k=1)[0]
            if target != own:
                picks.add(target)
        targets = [site(t) for t in sorted(picks)]
        links = tuple(
            Link(
                url=f"https://{key}/p/{n}",
                text="here" if j % 2 else f"Blog {key.split('.')[0]}",
                region=Region.SIDEBAR if j == 9 else Region.BODY,
                site=key,
            )
            for j, key in enumerate(targets[:8] + targets[9:])
        )
        credits = (
            Credit(kind=CreditKind.VIA, name=None, url=f"https://{targets[8]}/", site=targets[8],
                   region=Region.BODY, evidence="via", confidence=0.9),
        )  # fmt: skip
        quotes = (
            Quote(text="words", how=QuoteHow.CITE_ATTR, region=Region.BODY, site=targets[0],
                  url=f"https://{targets[0]}/q"),
        )  # fmt: skip
        yield Page(
            url=f"https://{site(own)}/post/{n}",
            site=site(own),
            published=f"20{10 + n % 15}-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            links=links,
            credits=credits,
            quotes=quotes,
        )


def baseline_rows(pages: Iterator[Page]) -> Iterator[tuple[str, str, str]]:
    """The same page-level edges as bare rows (what the store writes, without the store)."""
    from hattip.graph.store import edges_of

    for page in pages:
        for target, kind in edges_of(page):
            yield str(page.site), target, str(kind)


def timed(label: str, func: object, repeat: int = 3) -> float:
    """Best of ``repeat`` wall times of ``func()`` in seconds, printed."""
    assert callable(func)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"  {label:<44} {best * 1000:9.1f} ms (first {times[0] * 1000:.1f} ms)")
    return best


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None, help="Where to put the databases.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        start = time.perf_counter()
        rows = list(baseline_rows(synthetic_pages(args.edges, args.sites)))
        generate = time.perf_counter() - start
        print(f"{len(rows):,} edges over {args.sites:,} sites (generating pages: {generate:.1f} s)")

        bare = sqlite3.connect(Path(tmp, "bare.db"), isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = NORMAL")
        bare.execute("CREATE TABLE e (crediting TEXT, credited TEXT, kind TEXT)")
        start = time.perf_counter()
        bare.execute("BEGIN")
        bare.executemany("INSERT INTO e VALUES (?, ?, ?)", rows)
        bare.execute("COMMIT")
        bare_seconds = time.perf_counter() - start
        bare_rate = len(rows) / bare_seconds
        del rows

        with Store(Path(tmp, "store.db")) as store:
            start = time.perf_counter()
            summary = store.add_many(synthetic_pages(args.edges, args.sites), batch_size=1000)
            store_seconds = time.perf_counter() - start - generate
            store_rate = summary.edges / store_seconds
            print("ingest")
            print(f"  baseline executemany, unindexed       {bare_rate:12,.0f} edges/s")
            print(
                f"  Store.add_many ({summary.added:,} pages)      {store_rate:12,.0f} edges/s"
                f"  ({store_seconds:.1f} s, page generation excluded)"
            )
            print(f"  ratio store / baseline                {store_rate / bare_rate:12.3f}")
            counts = store.counts()
            print(f"  store holds {counts.pages:,} pages, {counts.nodes:,} nodes,"
                  f" {counts.edges:,} edges, {counts.citations:,} page-level edges")  # fmt: skip
            store.connection.execute("ANALYZE")

            print("top-credited (20 rows, distinct crediting sites)")
            base = timed(
                "baseline GROUP BY on the bare table",
                lambda: bare.execute(
                    "SELECT credited, count(DISTINCT crediting) AS n FROM e"
                    " GROUP BY credited ORDER BY n DESC LIMIT 20"
                ).fetchall(),
            )
            plain = timed("top_credited(store)", lambda: top_credited(store))
            timed("top_credited(store, kinds=['via'])", lambda: top_credited(store, kinds=["via"]))
            timed(
                "top_credited(store, since='2020', until='2021')",
                lambda: top_credited(store, since="2020", until="2021"),
            )
            print(f"  ratio store / baseline                {plain / base:12.3f}")
            top = top_credited(store, limit=3)
            print("  top 3:", ", ".join(f"{r.site} ({r.sites} sites)" for r in top))
            verdict = "under" if plain < 1.0 else "OVER"
            print(f"top-credited answers in {plain:.3f} s: {verdict} the 1 s target")
        bare.close()


if __name__ == "__main__":
    main()
