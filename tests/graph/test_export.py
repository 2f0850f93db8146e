"""Exports: the networkx graph matches the store's counts; every file format reads back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from hattip.errors import StoreError
from hattip.graph import Store, export, rank_sites, to_networkx
from hattip.model import Region

from .conftest import credit, link, page


@pytest.fixture
def graph_store(store: Store) -> Store:
    """Three blogs, a named party, a blogroll link and a page that credits no one."""
    store.add(page("a.example", links=(link("b.example"),), credits=(credit(site="b.example"),)))
    store.add(page("a.example", 2, links=(link("b.example"),), published="2021-06-01"))
    store.add(page("b.example", links=(link("c.example", region=Region.SIDEBAR),)))
    store.add(page("c.example", credits=(credit(name="Sadly, No!"),)))
    store.add(page("lonely.example"))
    return store


def test_to_networkx_has_the_store_counts(graph_store: Store) -> None:
    """Nodes and edges of the graph equal what Store.counts reports, filtered or not."""
    for kinds in (None, ["link"], ["via", "blogroll"]):
        graph = to_networkx(graph_store, kinds=kinds)
        counts = graph_store.counts(kinds=kinds)
        assert (graph.number_of_nodes(), graph.number_of_edges()) == (counts.nodes, counts.edges)


def test_graph_carries_node_and_edge_attributes(graph_store: Store) -> None:
    """Nodes carry site, name, pages, in/out counts; edges carry kind, weight, first/last seen."""
    graph = to_networkx(graph_store)
    assert graph.nodes["b.example"]["pages"] == 1
    assert graph.nodes["b.example"]["in_sites"] == 1
    assert graph.nodes["b.example"]["in_citations"] == 3
    assert graph.nodes["name:sadly, no!"]["name"] == "Sadly, No!"
    assert graph.nodes["name:sadly, no!"]["site"] == ""
    assert graph.nodes["lonely.example"]["out_sites"] == 0
    edge = graph.edges["a.example", "b.example", "link"]
    assert edge == {
        "kind": "link",
        "weight": 2,
        "first_seen": "2020-01-15",
        "last_seen": "2021-06-01",
    }
    assert graph.has_edge("a.example", "b.example", key="via")


def _written(store: Store, fmt: str) -> bytes:
    out = io.BytesIO()
    export(store, out, fmt)
    return out.getvalue()


def _gexf(data: bytes) -> object:
    return nx.read_gexf(io.BytesIO(data))


def _graphml(data: bytes) -> object:
    return nx.read_graphml(io.BytesIO(data))


def _json(data: bytes) -> object:
    return nx.node_link_graph(json.loads(data), edges="edges")


READERS = [("gexf", _gexf), ("graphml", _graphml), ("json", _json)]


@pytest.mark.parametrize(("fmt", "read"), READERS, ids=[f for f, _ in READERS])
def test_file_formats_read_back_with_the_same_counts(
    graph_store: Store, fmt: str, read: Callable[[bytes], Any]
) -> None:
    """GEXF, GraphML and node-link JSON load in networkx with the store's node and edge counts."""
    graph = read(_written(graph_store, fmt))
    counts = graph_store.counts()
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (counts.nodes, counts.edges)
    assert graph.is_directed()


def test_gexf_keeps_edge_kind_and_weight(graph_store: Store) -> None:
    """Gephi sees each edge's kind and weight."""
    graph = _gexf(_written(graph_store, "gexf"))
    assert isinstance(graph, nx.MultiDiGraph)
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds == {"link", "via", "blogroll"}
    weights = {(a, b, d["kind"]): d["weight"] for a, b, d in graph.edges(data=True)}
    assert weights[("a.example", "b.example", "link")] == 2


def test_csv_writes_edges_and_nodes(graph_store: Store) -> None:
    """CSV: an edge list with a header, and the node list to a second stream."""
    edges, nodes = io.BytesIO(), io.BytesIO()
    export(graph_store, edges, "csv", nodes_out=nodes)
    edge_rows = list(csv.DictReader(io.StringIO(edges.getvalue().decode())))
    node_rows = list(csv.DictReader(io.StringIO(nodes.getvalue().decode())))
    counts = graph_store.counts()
    assert (len(node_rows), len(edge_rows)) == (counts.nodes, counts.edges)
    assert set(edge_rows[0]) == {
        "crediting",
        "credited",
        "kind",
        "weight",
        "first_seen",
        "last_seen",
    }
    assert {"site", "name", "pages", "in_sites", "out_sites"} <= set(node_rows[0])


def test_unknown_export_format_is_a_store_error(graph_store: Store) -> None:
    """A misspelt format names the ones there are."""
    with pytest.raises(StoreError, match="gexf, graphml, csv, json"):
        export(graph_store, io.BytesIO(), "dot")


def test_rank_sites_gives_pagerank_and_degrees(graph_store: Store) -> None:
    """PageRank over page weights; degree counts distinct neighbours, not kinds."""
    scores = {s.site: s for s in rank_sites(graph_store, limit=100)}
    rank = [s.site for s in sorted(scores.values(), key=lambda s: -s.pagerank)]
    assert rank[:3] == ["name:sadly, no!", "c.example", "b.example"]  # the end of the chain a->b->c
    assert (scores["a.example"].out_degree, scores["b.example"].in_degree) == (1, 1)
    assert abs(sum(s.pagerank for s in scores.values()) - 1.0) < 1e-6


def test_rank_sites_on_an_empty_store_is_empty(store: Store) -> None:
    """No pages, no ranking (and no networkx error)."""
    assert rank_sites(store) == ()
