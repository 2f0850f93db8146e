"""Questions a researcher asks of the credit graph, as SQL over the store.

Every ranking counts *distinct crediting sites*, not raw links: one blog linking X in fifty posts
is one voice. ``citations`` counts page-level edges (a page crediting a party with a kind).
Each function takes the same filters: ``kinds`` (edge kinds, see
:class:`~hattip.graph.store.EdgeKind`), ``since`` and ``until`` (inclusive ``YYYY[-MM[-DD]]``
over the crediting page's publication date; undated pages drop out of a dated query).

>>> from hattip.graph.store import Store
>>> from hattip.model import Link, Page, Region
>>> store = Store(":memory:")
>>> for n, site in enumerate(["a.example", "b.example"]):
...     _ = store.add(Page(url=f"https://{site}/{n}", site=site, links=(
...         Link(url="https://c.example/", text="C", region=Region.BODY, site="c.example"),)))
>>> [(r.site, r.sites) for r in top_credited(store)]
[('c.example', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hattip.errors import StoreError
from hattip.graph.store import (
    NAME_PREFIX,
    Store,
    check_kind,
    edge_filter,
    graph_nodes_sql,
    name_key,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteRank:
    """One row of :func:`top_credited`."""

    site: str
    """The credited node's key."""
    name: str | None
    """Its display name, when pages gave one."""
    sites: int
    """How many distinct sites credit it: the ranking."""
    citations: int
    """How many page-level credits it received."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Neighbour:
    """One row of :func:`credited_by` (a crediting site) or :func:`credits_of` (a credited one)."""

    site: str
    """The other site's key."""
    name: str | None
    """Its display name, when known."""
    citations: int
    """Page-level credits between the two."""
    kinds: tuple[str, ...]
    """The edge kinds seen, sorted."""
    first_seen: str | None
    """The earliest dated page, ``YYYY-MM-DD``."""
    last_seen: str | None
    """The latest dated page."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MutualPair:
    """Two sites that credit each other (:func:`mutual_pairs`); ``a < b`` by key."""

    a: str
    b: str
    a_to_b: int
    """Page-level credits from ``a`` to ``b``."""
    b_to_a: int
    """Page-level credits from ``b`` to ``a``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    """One graph edge: a crediting site, a credited node and a kind, with its weight."""

    crediting: str
    credited: str
    kind: str
    weight: int
    """How many of the crediting site's pages make this credit."""
    first_seen: str
    """Earliest page date (the date hattip read it, when the page has none)."""
    last_seen: str
    """Latest page date (likewise)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """One graph node with the counts exports carry."""

    key: str
    """Site key, or ``name:...`` for a named party with no site."""
    name: str | None
    """Display name, when known."""
    is_name: bool
    """A named party that no page tied to a site."""
    pages: int
    """Pages of this site in the store."""
    in_sites: int = 0
    """Distinct sites crediting it."""
    out_sites: int = 0
    """Distinct nodes it credits."""
    in_citations: int = 0
    """Page-level credits received."""
    out_citations: int = 0
    """Page-level credits given."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """Credits a site received (or gave) in one month, year or day (:func:`timeline`)."""

    period: str
    citations: int
    sites: int
    """Distinct sites on the other end."""


def top_credited(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> tuple[SiteRank, ...]:
    """The most credited nodes, ranked by how many distinct sites credit them.

    With no dates and at most one kind, the answer is read from the running totals that
    triggers keep (``credit_totals``): one pass over one row per credited node. Otherwise the
    edges are grouped through the ``(target, crediting, kind, day)`` index. Ties go by key.
    """
    wanted = sorted(set(kinds or ()))
    if since is None and until is None and len(wanted) <= 1:
        kind = str(check_kind(wanted[0])) if wanted else ""
        rows = store.connection.execute(
            "SELECT s.key, s.name, t.sites, t.citations FROM credit_totals t"
            " JOIN sites s ON s.id = t.target_id WHERE t.kind = ?"
            " ORDER BY t.sites DESC, t.citations DESC, s.key LIMIT ?",
            (kind, limit),
        )
        return tuple(SiteRank(site=k, name=n, sites=s, citations=c) for k, n, s, c in rows)
    return top_credited_by_scan(store, kinds=kinds, since=since, until=until, limit=limit)


def top_credited_by_scan(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> tuple[SiteRank, ...]:
    """:func:`top_credited` computed from the edges themselves (any filters; slower)."""
    where, params = edge_filter(kinds, since, until)
    rows = store.connection.execute(
        "SELECT s.key, s.name, t.sites, t.citations FROM ("
        " SELECT target_id, count(*) AS sites, sum(n) AS citations FROM ("
        f"  SELECT e.target_id, e.crediting_id, count(*) AS n FROM edges e WHERE {where}"
        "   GROUP BY e.target_id, e.crediting_id)"
        " GROUP BY target_id) t"
        " JOIN sites s ON s.id = t.target_id ORDER BY t.sites DESC, t.citations DESC, s.key"
        " LIMIT ?",
        [*params, limit],
    )
    return tuple(SiteRank(site=k, name=n, sites=s, citations=c) for k, n, s, c in rows)


def credited_by(
    store: Store,
    site: str,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> tuple[Neighbour, ...]:
    """Who credits ``site``: the crediting sites, most page-level credits first."""
    return _neighbours(
        store,
        site,
        this="target_id",
        other="crediting_id",
        kinds=kinds,
        since=since,
        until=until,
        limit=limit,
    )


def credits_of(
    store: Store,
    site: str,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> tuple[Neighbour, ...]:
    """What ``site`` credits: the credited nodes, most page-level credits first."""
    return _neighbours(
        store,
        site,
        this="crediting_id",
        other="target_id",
        kinds=kinds,
        since=since,
        until=until,
        limit=limit,
    )


def _neighbours(
    store: Store,
    site: str,
    *,
    this: str,
    other: str,
    kinds: Sequence[str] | None,
    since: str | None,
    until: str | None,
    limit: int | None,
) -> tuple[Neighbour, ...]:
    node = find_node(store, site)
    where, params = edge_filter(kinds, since, until)
    rows = store.connection.execute(
        f"SELECT o.key, o.name, count(*), group_concat(DISTINCT e.kind), min(e.day), max(e.day)"
        f" FROM edges e JOIN sites o ON o.id = e.{other}"
        f" WHERE e.{this} = (SELECT id FROM sites WHERE key = ?) AND {where}"
        f" GROUP BY e.{other} ORDER BY count(*) DESC, o.key LIMIT ?",
        [node, *params, -1 if limit is None else limit],
    )
    return tuple(
        Neighbour(
            site=k,
            name=n,
            citations=c,
            kinds=tuple(sorted(str(kinds_).split(","))),
            first_seen=f,
            last_seen=last,
        )
        for k, n, c, kinds_, f, last in rows
    )


def mutual_pairs(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> tuple[MutualPair, ...]:
    """Pairs of sites that credit each other, the most balanced and busiest first.

    Unfiltered, it joins the running per-pair totals to themselves; filtered, it groups edges.
    """
    where, params = edge_filter(kinds, since, until)
    pairs = (
        "SELECT e.crediting_id AS c, e.target_id AS t, count(*) AS n"
        f" FROM edges e WHERE {where} GROUP BY e.crediting_id, e.target_id"
    )
    if not (kinds or since or until):
        pairs, params = "SELECT crediting_id AS c, target_id AS t, n FROM credit_pairs", []
        pairs += " WHERE kind = ''"
    rows = store.connection.execute(
        f"WITH ab AS ({pairs})"
        " SELECT sa.key, sb.key, x.n, y.n FROM ab x JOIN ab y ON y.c = x.t AND y.t = x.c"
        " JOIN sites sa ON sa.id = x.c JOIN sites sb ON sb.id = x.t"
        " WHERE sa.key < sb.key ORDER BY min(x.n, y.n) DESC, x.n + y.n DESC, sa.key, sb.key"
        " LIMIT ?",
        [*params, -1 if limit is None else limit],
    )
    return tuple(MutualPair(a=a, b=b, a_to_b=ab, b_to_a=ba) for a, b, ab, ba in rows)


def strongest_edges(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> tuple[Edge, ...]:
    """The heaviest graph edges: (crediting, credited, kind) made by the most pages.

    Without dates, the heaviest pairs come from the running totals and only those are dated.
    """
    if since or until:
        return tuple(iter_edges(store, kinds=kinds, since=since, until=until, limit=limit))
    wanted = [str(check_kind(k)) for k in kinds or ()]
    only = f" AND kind IN ({', '.join('?' * len(wanted))})" if wanted else ""
    conn = store.connection
    heaviest = conn.execute(
        "SELECT p.crediting_id, p.target_id, p.kind, p.n, a.key, b.key FROM credit_pairs p"
        " JOIN sites a ON a.id = p.crediting_id JOIN sites b ON b.id = p.target_id"
        f" WHERE p.kind != ''{only} ORDER BY p.n DESC, a.key, b.key, p.kind LIMIT ?",
        [*wanted, limit],
    ).fetchall()
    seen = "coalesce(e.day, substr(p.added, 1, 10))"
    edges = []
    for crediting, target, kind, weight, a, b in heaviest:
        first, last = conn.execute(
            f"SELECT min({seen}), max({seen}) FROM edges e JOIN pages p ON p.id = e.page_id"
            " WHERE e.target_id = ? AND e.crediting_id = ? AND e.kind = ?",
            (target, crediting, kind),
        ).fetchone()
        edges.append(
            Edge(
                crediting=a, credited=b, kind=kind, weight=weight, first_seen=first, last_seen=last
            )
        )
    return tuple(edges)


def iter_edges(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> Iterator[Edge]:
    """Every graph edge (one per crediting site, credited node, kind), heaviest first if limited."""
    where, params = edge_filter(kinds, since, until)
    order = " ORDER BY weight DESC, a.key, b.key, g.kind LIMIT ?" if limit is not None else ""
    seen = "coalesce(e.day, substr(p.added, 1, 10))"
    rows = store.connection.execute(
        "SELECT a.key, b.key, g.kind, g.weight, g.first, g.last FROM ("
        f" SELECT e.crediting_id AS c, e.target_id AS t, e.kind AS kind, count(*) AS weight,"
        f"  min({seen}) AS first, max({seen}) AS last"
        f" FROM edges e JOIN pages p ON p.id = e.page_id WHERE {where}"
        " GROUP BY e.crediting_id, e.target_id, e.kind) g"
        f" JOIN sites a ON a.id = g.c JOIN sites b ON b.id = g.t{order}",
        [*params, limit] if limit is not None else params,
    )
    for a, b, kind, weight, first, last in rows:
        yield Edge(
            crediting=a, credited=b, kind=kind, weight=weight, first_seen=first, last_seen=last
        )


def iter_nodes(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[Node]:
    """Every graph node: each site with a page, and each end of a selected edge."""
    where, params = edge_filter(kinds, since, until)
    conn = store.connection
    degree: dict[int, list[int]] = {}
    for c, t, n in conn.execute(
        "SELECT e.crediting_id, e.target_id, count(*) FROM edges e"
        f" WHERE {where} GROUP BY e.crediting_id, e.target_id",
        params,
    ):
        out = degree.setdefault(c, [0, 0, 0, 0])
        out[1] += 1
        out[3] += n
        inn = degree.setdefault(t, [0, 0, 0, 0])
        inn[0] += 1
        inn[2] += n
    rows = conn.execute(
        "SELECT s.id, s.key, s.name, s.is_name,"
        " (SELECT count(*) FROM pages p WHERE p.site_id = s.id)"
        f" FROM sites s WHERE s.id IN ({graph_nodes_sql(where)}) ORDER BY s.key",
        params + params,
    )
    for sid, key, name, is_name, pages in rows:
        in_sites, out_sites, in_cit, out_cit = degree.get(sid, (0, 0, 0, 0))
        yield Node(
            key=key,
            name=name,
            is_name=bool(is_name),
            pages=pages,
            in_sites=in_sites,
            out_sites=out_sites,
            in_citations=in_cit,
            out_citations=out_cit,
        )


_PERIODS = {"year": 4, "month": 7, "day": 10}


def timeline(
    store: Store,
    site: str,
    *,
    by: str = "month",
    given: bool = False,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[Period, ...]:
    """Credits ``site`` received (``given=True``: gave) per ``year``, ``month`` or ``day``."""
    if by not in _PERIODS:
        msg = f"timeline period {by!r} is not one of year, month, day"
        raise StoreError(msg)
    node = find_node(store, site)
    this, other = ("crediting_id", "target_id") if given else ("target_id", "crediting_id")
    where, params = edge_filter(kinds, since, until)
    rows = store.connection.execute(
        f"SELECT substr(e.day, 1, {_PERIODS[by]}) AS p, count(*), count(DISTINCT e.{other})"
        f" FROM edges e WHERE e.{this} = (SELECT id FROM sites WHERE key = ?)"
        f" AND e.day IS NOT NULL AND {where} GROUP BY p ORDER BY p",
        [node, *params],
    )
    return tuple(Period(period=p, citations=c, sites=s) for p, c, s in rows)


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def find_node(store: Store, text: str) -> str:
    """The node key the user means by ``text``: a site key, a URL of it, or a credited name.

    A name merged into a site answers with that site. Raises :class:`StoreError` naming the
    command that lists the keys when nothing matches.
    """
    conn = store.connection
    for candidate in _candidates(text):
        row = conn.execute("SELECT key FROM sites WHERE key = ?", (candidate,)).fetchone()
        if row is not None:
            key = str(row[0])
            if key.startswith(NAME_PREFIX):
                target = conn.execute(
                    "SELECT t.key FROM edges e JOIN sites t ON t.id = e.target_id"
                    " WHERE e.credited_id = (SELECT id FROM sites WHERE key = ?) AND e.named = 1"
                    " LIMIT 1",
                    (key,),
                ).fetchone()
                return key if target is None else str(target[0])
            return key
    msg = f"{text!r} is not a site or name in the credit graph: `hattip graph top` lists them"
    raise StoreError(msg)


def _candidates(text: str) -> Iterator[str]:
    raw = text.strip()
    yield raw
    low = raw.lower()
    yield low
    bare = _SCHEME.sub("", low).rstrip("/")
    bare = bare.removeprefix("www.")
    yield bare
    yield bare.split("/", 1)[0]
    yield name_key(raw)


__all__ = [
    "Edge",
    "MutualPair",
    "Neighbour",
    "Node",
    "Period",
    "SiteRank",
    "credited_by",
    "credits_of",
    "find_node",
    "iter_edges",
    "iter_nodes",
    "mutual_pairs",
    "strongest_edges",
    "timeline",
    "top_credited",
    "top_credited_by_scan",
]
