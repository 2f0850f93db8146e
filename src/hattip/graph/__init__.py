"""THE GRAPH: who credits whom across many posts, kept in SQLite and exported through networkx.

>>> from hattip.model import Credit, CreditKind, Page, Region
>>> store = Store(":memory:")
>>> _ = store.add(Page(url="https://a.example/1", site="a.example", credits=(
...     Credit(kind=CreditKind.VIA, name="Sadly, No!", region=Region.BODY,
...            evidence="via Sadly, No!", confidence=0.9),)))
>>> [(r.site, r.sites) for r in top_credited(store)]
[('name:sadly, no!', 1)]
>>> store.alias("Sadly, No!", "sadlyno.com")
1
>>> [(r.site, r.sites) for r in top_credited(store)]
[('sadlyno.com', 1)]
"""

from hattip.graph.export import ExportFormat, SiteScore, export, node_link, rank_sites, to_networkx
from hattip.graph.ingestion import IngestSummary, ingest, parse_document
from hattip.graph.queries import (
    Edge,
    MutualPair,
    Neighbour,
    Node,
    Period,
    SiteRank,
    credited_by,
    credits_of,
    find_node,
    iter_edges,
    iter_nodes,
    mutual_pairs,
    strongest_edges,
    timeline,
    top_credited,
    top_credited_by_scan,
)
from hattip.graph.store import (
    SCHEMA_VERSION,
    AddResult,
    AddStatus,
    AddSummary,
    EdgeKind,
    Store,
    StoreCounts,
    edges_of,
    name_key,
)

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "AddStatus",
    "AddSummary",
    "Edge",
    "EdgeKind",
    "ExportFormat",
    "IngestSummary",
    "MutualPair",
    "Neighbour",
    "Node",
    "Period",
    "SiteRank",
    "SiteScore",
    "Store",
    "StoreCounts",
    "credited_by",
    "credits_of",
    "edges_of",
    "export",
    "find_node",
    "ingest",
    "iter_edges",
    "iter_nodes",
    "mutual_pairs",
    "name_key",
    "node_link",
    "parse_document",
    "rank_sites",
    "strongest_edges",
    "timeline",
    "to_networkx",
    "top_credited",
    "top_credited_by_scan",
]
