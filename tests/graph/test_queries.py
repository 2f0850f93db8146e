"""Queries: rank by distinct crediting sites; filter by kind and date; find sites by key or URL."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hattip.errors import StoreError
from hattip.graph import (
    EdgeKind,
    Store,
    credited_by,
    credits_of,
    find_node,
    iter_edges,
    mutual_pairs,
    strongest_edges,
    timeline,
    top_credited,
    top_credited_by_scan,
)
from hattip.model import CreditKind, Region

from .conftest import credit, link, page


@pytest.fixture
def blogs(store: Store) -> Store:
    """A small community: loud.example links big.example in 10 posts; 3 sites cite hub.example."""
    for n in range(10):
        store.add(
            page("loud.example", n, links=(link("big.example"),), published=f"2019-0{n % 9 + 1}-01")
        )
    for name in ("a.example", "b.example", "c.example"):
        store.add(page(name, links=(link("hub.example"),), credits=(credit(site="hub.example"),)))
    store.add(
        page("hub.example", links=(link("a.example"), link("b.example", region=Region.SIDEBAR)))
    )
    store.add(page("a.example", 2, links=(link("hub.example"),), published="2021-03-04"))
    return store


def test_top_credited_ranks_by_distinct_sites_not_link_count(blogs: Store) -> None:
    """Three sites citing hub once each beat one site citing big ten times."""
    ranks = top_credited(blogs)
    assert (ranks[0].site, ranks[0].sites, ranks[0].citations) == ("hub.example", 3, 7)
    big = next(r for r in ranks if r.site == "big.example")
    assert (big.sites, big.citations) == (1, 10)


def test_top_credited_filters_by_kind(blogs: Store) -> None:
    """--kind via counts only via edges; blogroll only sidebar links."""
    assert [(r.site, r.sites) for r in top_credited(blogs, kinds=["via"])] == [("hub.example", 3)]
    assert [r.site for r in top_credited(blogs, kinds=["blogroll"])] == ["b.example"]


@pytest.mark.parametrize(
    ("since", "until", "big_citations"),
    [
        ("2019-03", None, 7),
        (None, "2019-02", 3),
        ("2019-02-01", "2019-02-01", 1),
        ("2019", "2019", 10),
    ],
    ids=["since-month", "until-month", "one-day", "one-year"],
)
def test_top_credited_filters_by_date(
    blogs: Store, since: str | None, until: str | None, big_citations: int
) -> None:
    """Date bounds are inclusive and a year or month means all of it."""
    big = next(r for r in top_credited(blogs, since=since, until=until) if r.site == "big.example")
    assert big.citations == big_citations


def test_undated_pages_drop_out_of_dated_queries(store: Store) -> None:
    """A page with no readable date counts in plain queries but not in a date range."""
    store.add(page("a.example", links=(link("b.example"),), published="last Tuesday"))
    assert len(top_credited(store)) == 1
    assert top_credited(store, since="2000") == ()


def test_credited_by_lists_crediting_sites_with_kinds_and_dates(blogs: Store) -> None:
    """Who credits hub: each crediting site once, with the kinds it used and its date span."""
    rows = credited_by(blogs, "hub.example")
    assert [r.site for r in rows] == ["a.example", "b.example", "c.example"]
    assert rows[0].citations == 3
    assert rows[0].kinds == ("link", "via")
    assert (rows[0].first_seen, rows[0].last_seen) == ("2020-01-15", "2021-03-04")


def test_credits_of_lists_what_a_site_credits(blogs: Store) -> None:
    """What hub credits: a.example by link and b.example by blogroll."""
    rows = credits_of(blogs, "hub.example")
    assert {(r.site, r.kinds) for r in rows} == {
        ("a.example", ("link",)),
        ("b.example", ("blogroll",)),
    }


def test_mutual_pairs_find_sites_crediting_each_other(blogs: Store) -> None:
    """hub and a credit each other; hub and b too (blogroll counts unless filtered out)."""
    pairs = mutual_pairs(blogs)
    assert [(p.a, p.b, p.a_to_b, p.b_to_a) for p in pairs] == [
        ("a.example", "hub.example", 3, 1),
        ("b.example", "hub.example", 2, 1),
    ]
    assert [p.b for p in mutual_pairs(blogs, kinds=["link", "via"])] == ["hub.example"]


def test_strongest_edges_weigh_by_pages(blogs: Store) -> None:
    """The heaviest edge is loud -> big with ten pages; dates span its pages."""
    top = strongest_edges(blogs, limit=1)[0]
    assert (top.crediting, top.credited, top.kind, top.weight) == (
        "loud.example",
        "big.example",
        "link",
        10,
    )
    assert (top.first_seen, top.last_seen) == ("2019-01-01", "2019-09-01")


def test_timeline_counts_credits_per_period(blogs: Store) -> None:
    """Credits big.example received, per year and per month."""
    assert [(p.period, p.citations) for p in timeline(blogs, "big.example", by="year")] == [
        ("2019", 10)
    ]
    months = timeline(blogs, "big.example")
    assert months[0].period == "2019-01"
    assert sum(p.citations for p in months) == 10
    assert [p.period for p in timeline(blogs, "loud.example", by="year", given=True)] == ["2019"]


@pytest.mark.parametrize(
    "text",
    ["hub.example", "HUB.example", "https://www.hub.example/some/post", "hub.example/"],
    ids=["key", "case", "url", "slash"],
)
def test_find_node_accepts_keys_and_urls(blogs: Store, text: str) -> None:
    """A site can be named by key, in any case, or by a URL on it."""
    assert find_node(blogs, text) == "hub.example"


def test_find_node_follows_a_merged_name(store: Store) -> None:
    """A credited name that merged into a site answers with the site."""
    store.add(page("a.example", credits=(credit(CreditKind.HAT_TIP, name="Atrios"),)))
    assert find_node(store, "Atrios") == "name:atrios"
    store.alias("Atrios", "eschatonblog.com")
    assert find_node(store, "atrios") == "eschatonblog.com"


def test_unknown_site_names_the_listing_command(blogs: Store) -> None:
    """Asking about a site the graph does not hold says how to list what it holds."""
    with pytest.raises(StoreError, match="hattip graph top"):
        credited_by(blogs, "nowhere.example")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"kinds": ["vai"]}, "unknown edge kind"), ({"since": "March 2020"}, "YYYY")],
    ids=["kind", "date"],
)
def test_bad_filters_are_store_errors(blogs: Store, kwargs: dict[str, object], match: str) -> None:
    """A misspelt kind or an unreadable date says what is accepted."""
    with pytest.raises(StoreError, match=match):
        top_credited(blogs, **kwargs)  # type: ignore[arg-type]


SITES = st.sampled_from(["a.example", "b.example", "c.example", "d.example"])
NAMES = st.sampled_from(["Atrios", "Kos"])
Step = tuple[str, str, int, list[tuple[str, Region]], list[str]]
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "add", "add", "alias"]),
        SITES,
        st.integers(0, 2),
        st.lists(st.tuples(SITES, st.sampled_from([Region.BODY, Region.SIDEBAR])), max_size=4),
        st.lists(NAMES, min_size=1, max_size=2),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(STEPS)
def test_running_totals_agree_with_grouping_the_edges(steps: list[Step]) -> None:
    """After any adds, replacements and aliases, the trigger-kept totals equal a fresh GROUP BY."""
    with Store(":memory:") as store:
        for action, site, n, links, names in steps:
            if action == "alias":
                store.alias(names[0], site)
                continue
            store.add(
                page(
                    site,
                    n,
                    links=tuple(
                        link(s, region=r, text=names[0] if i == 0 else None)
                        for i, (s, r) in enumerate(links)
                    ),
                    credits=tuple(credit(name=name) for name in names[1:]),
                )
            )
        for kinds in (None, ["link"], ["via"], ["blogroll"]):
            fast = top_credited(store, kinds=kinds, limit=100)
            assert fast == top_credited_by_scan(store, kinds=kinds, limit=100)
        every = [k.value for k in EdgeKind]
        assert store.counts() == store.counts(kinds=every)
        assert mutual_pairs(store) == mutual_pairs(store, kinds=every)
        assert strongest_edges(store, limit=100) == tuple(iter_edges(store, limit=100))
        assert strongest_edges(store, kinds=["link"]) == tuple(
            iter_edges(store, kinds=["link"], limit=20)
        )
