"""The real corpus (../shared/corpus, skipped when absent): ingest twice, export, reload."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from hattip.graph import Store, export, ingest
from hattip.inputs.files import iter_documents

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pages"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the checkout"),
]


def test_ingesting_the_corpus_twice_gives_identical_counts(tmp_path: Path) -> None:
    """Every page is read (none stops the batch), a second run changes no count, and the GEXF
    export loads in networkx with the node and edge counts the store reports."""
    with Store(tmp_path / "corpus.db") as store:
        first = ingest(store, iter_documents([CORPUS]), workers=2)
        counts = store.counts()
        second = ingest(store, iter_documents([CORPUS]), workers=2)
        assert store.counts() == counts
        assert second.documents == first.documents
        assert second.added == 0
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with (tmp_path / "corpus.gexf").open("wb") as out:
            export(store, out, "gexf")
    assert first.pages + first.errors == first.documents
    assert counts.pages > 0
    assert counts.edges > 0
    graph = nx.read_gexf(tmp_path / "corpus.gexf")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (counts.nodes, counts.edges)
