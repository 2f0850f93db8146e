"""The credit graph as a networkx graph and as files Gephi, yEd, R and D3 open.

This module is the one importer of networkx (lazily: see ``_networkx``). The graph is a
``MultiDiGraph`` whose edges are keyed by kind, so a ``via`` and a ``link`` between the same
two sites stay two edges, as in the store. Node attributes: ``label``, ``site``, ``name``,
``is_name``, ``pages``, ``in_sites``, ``out_sites``, ``in_citations``, ``out_citations``.
Edge attributes: ``kind``, ``weight`` (pages making the credit), ``first_seen``, ``last_seen``.

>>> from hattip.graph.store import Store
>>> from hattip.model import Link, Page, Region
>>> store = Store(":memory:")
>>> _ = store.add(Page(url="https://a.example/1", site="a.example", links=(
...     Link(url="https://b.example/", text="B", region=Region.BODY, site="b.example"),)))
>>> graph = to_networkx(store)
>>> sorted(graph.nodes), [(a, b, k) for a, b, k in graph.edges(keys=True)]
(['a.example', 'b.example'], [('a.example', 'b.example', 'link')])
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Any

from hattip.errors import StoreError
from hattip.graph.queries import iter_edges, iter_nodes
from hattip.graph.store import Store


def _networkx() -> Any:
    """networkx, imported on first use: it takes half a second, which every ``hattip``
    command would otherwise pay at start even when it builds no graph."""
    import networkx

    return networkx


class ExportFormat(StrEnum):
    """File formats :func:`export` writes."""

    GEXF = "gexf"
    """Gephi's format."""
    GRAPHML = "graphml"
    """yEd, Cytoscape, igraph."""
    CSV = "csv"
    """An edge list (and, to a second file, a node list)."""
    JSON = "json"
    """networkx/D3 node-link JSON (``nx.node_link_graph(data, edges="edges")`` reads it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteScore:
    """A node's standing in the graph (:func:`rank_sites`)."""

    site: str
    pagerank: float
    """PageRank over edge weights (parallel edges of different kinds add up)."""
    in_degree: int
    """Distinct nodes crediting it."""
    out_degree: int
    """Distinct nodes it credits."""


def to_networkx(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Any:
    """The graph as a ``networkx.MultiDiGraph`` (typed ``Any``: networkx ships no types).

    Nodes are every site with a page plus each end of a selected edge, so its node and edge
    counts equal :meth:`Store.counts` with the same filters.
    """
    nx = _networkx()
    graph = nx.MultiDiGraph()
    for node in iter_nodes(store, kinds=kinds, since=since, until=until):
        graph.add_node(
            node.key,
            label=node.name or node.key,
            site="" if node.is_name else node.key,
            name=node.name or "",
            is_name=node.is_name,
            pages=node.pages,
            in_sites=node.in_sites,
            out_sites=node.out_sites,
            in_citations=node.in_citations,
            out_citations=node.out_citations,
        )
    for edge in iter_edges(store, kinds=kinds, since=since, until=until):
        graph.add_edge(
            edge.crediting,
            edge.credited,
            key=edge.kind,
            kind=edge.kind,
            weight=edge.weight,
            first_seen=edge.first_seen,
            last_seen=edge.last_seen,
        )
    return graph


def rank_sites(
    store: Store,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
) -> tuple[SiteScore, ...]:
    """Nodes by PageRank (weighted by pages), with their in- and out-degree over distinct nodes."""
    graph = to_networkx(store, kinds=kinds, since=since, until=until)
    if graph.number_of_nodes() == 0:
        return ()
    nx = _networkx()
    simple = nx.DiGraph()
    simple.add_nodes_from(graph.nodes)
    for a, b, weight in graph.edges(data="weight"):
        if simple.has_edge(a, b):
            simple[a][b]["weight"] += weight
        else:
            simple.add_edge(a, b, weight=weight)
    ranks: dict[str, float] = nx.pagerank(simple, weight="weight")
    order = sorted(ranks, key=lambda k: (-ranks[k], k))[:limit]
    return tuple(
        SiteScore(
            site=k,
            pagerank=ranks[k],
            in_degree=int(simple.in_degree(k)),
            out_degree=int(simple.out_degree(k)),
        )
        for k in order
    )


def export(
    store: Store,
    out: IO[bytes],
    fmt: str | ExportFormat,
    *,
    kinds: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    nodes_out: IO[bytes] | None = None,
) -> None:
    """Write the graph to ``out`` as GEXF, GraphML, CSV or JSON.

    For CSV, ``out`` gets the edge list and ``nodes_out`` (if given) the node list.
    """
    try:
        fmt = ExportFormat(fmt)
    except ValueError:
        msg = f"unknown export format {fmt!r}: use one of gexf, graphml, csv, json"
        raise StoreError(msg) from None
    if fmt is ExportFormat.CSV:
        _write_csv_edges(store, out, kinds, since, until)
        if nodes_out is not None:
            _write_csv_nodes(store, nodes_out, kinds, since, until)
        return
    graph = to_networkx(store, kinds=kinds, since=since, until=until)
    nx = _networkx()
    if fmt is ExportFormat.GEXF:
        nx.write_gexf(graph, out)
    elif fmt is ExportFormat.GRAPHML:
        nx.write_graphml(graph, out)
    else:
        out.write(json.dumps(node_link(graph), ensure_ascii=False, indent=1).encode("utf-8"))
        out.write(b"\n")


def node_link(graph: Any) -> dict[str, Any]:
    """Node-link data, built here so the output does not move with networkx's defaults."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{"id": key, **attrs} for key, attrs in graph.nodes(data=True)],
        "edges": [
            {"source": a, "target": b, "key": k, **attrs}
            for a, b, k, attrs in graph.edges(keys=True, data=True)
        ],
    }


_EDGE_COLUMNS = ("crediting", "credited", "kind", "weight", "first_seen", "last_seen")
_NODE_COLUMNS = (
    "site",
    "name",
    "is_name",
    "pages",
    "in_sites",
    "out_sites",
    "in_citations",
    "out_citations",
)


def _write_csv_edges(
    store: Store,
    out: IO[bytes],
    kinds: Sequence[str] | None,
    since: str | None,
    until: str | None,
) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(_EDGE_COLUMNS)
    for e in iter_edges(store, kinds=kinds, since=since, until=until):
        writer.writerow((e.crediting, e.credited, e.kind, e.weight, e.first_seen, e.last_seen))
    text.detach()


def _write_csv_nodes(
    store: Store,
    out: IO[bytes],
    kinds: Sequence[str] | None,
    since: str | None,
    until: str | None,
) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(_NODE_COLUMNS)
    for n in iter_nodes(store, kinds=kinds, since=since, until=until):
        writer.writerow(
            (n.key, n.name or "", int(n.is_name), n.pages, n.in_sites, n.out_sites,
             n.in_citations, n.out_citations)
        )  # fmt: skip
    text.detach()


__all__ = ["ExportFormat", "SiteScore", "export", "node_link", "rank_sites", "to_networkx"]
