"""`hattip ingest` and `hattip graph ...`: thin shells, data on stdout, errors as one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from hattip.cli import cli

from .test_ingest import post


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """Six saved posts from three blogs, one broken file, and a note that is not HTML."""
    folder = tmp_path / "saved"
    folder.mkdir()
    blogs = ["alpha.blogspot.com", "beta.example", "gamma.example"]
    for i in range(6):
        (folder / f"{i}.html").write_bytes(post(blogs[i % 3], i, i % 9 + 1))
    (folder / "empty.html").write_bytes(b"")
    (folder / "notes.txt").write_text("not a page")
    return folder


@pytest.fixture
def db(site_dir: Path, tmp_path: Path) -> str:
    """A store with the saved posts ingested."""
    path = str(tmp_path / "g.db")
    result = CliRunner().invoke(cli, ["ingest", str(site_dir), "--db", path, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> tuple[int, str, str]:
    """Run hattip with ``args``; (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_prints_a_summary_and_reports_bad_pages(site_dir: Path, tmp_path: Path) -> None:
    """The summary names pages, credits and errors; the empty file is reported and skipped."""
    code, out, err = run("ingest", str(site_dir), "--db", str(tmp_path / "g.db"), "--workers", "1")
    assert code == 0
    assert out == ""
    assert "skipped" in err
    assert "empty.html" in err
    assert "7 documents: 6 pages (6 new" in err
    assert "1 errors" in err
    code, _, err = run("ingest", str(site_dir), "--db", str(tmp_path / "g.db"), "--workers", "1")
    assert "6 unchanged" in err


def test_ingest_reads_paths_from_stdin(site_dir: Path, tmp_path: Path) -> None:
    """`hattip ingest -` takes one path per line."""
    listing = f"{site_dir / '0.html'}\n{site_dir / '1.html'}\n"
    args = ["ingest", "-", "--db", str(tmp_path / "g.db"), "--workers", "1"]
    result = CliRunner().invoke(cli, args, input=listing)
    assert result.exit_code == 0
    assert "2 documents: 2 pages" in result.stderr


def test_graph_top_table_json_and_csv(db: str) -> None:
    """One ranking in three formats; JSON and CSV carry the same rows."""
    code, table, _ = run("graph", "top", "--db", db)
    assert code == 0
    assert table.splitlines()[0].split() == ["site", "name", "sites", "citations"]
    _, as_json, _ = run("graph", "top", "--db", db, "--format", "json")
    rows = json.loads(as_json)
    assert rows[0]["sites"] == 3
    _, as_csv, _ = run("graph", "top", "--db", db, "--format", "csv")
    assert [r["site"] for r in csv.DictReader(io.StringIO(as_csv))] == [r["site"] for r in rows]


def test_graph_top_by_pagerank(db: str) -> None:
    """--by pagerank ranks with networkx and prints degrees."""
    code, out, _ = run("graph", "top", "--db", db, "--by", "pagerank", "--format", "json")
    assert code == 0
    assert {"site", "pagerank", "in_degree", "out_degree"} == set(json.loads(out)[0])


@pytest.mark.parametrize(
    ("command", "site", "expected"),
    [
        ("credited-by", "kottke.org", "alpha.blogspot.com"),
        ("credits", "beta.example", "kottke.org"),
    ],
    ids=["credited-by", "credits"],
)
def test_graph_neighbours(db: str, command: str, site: str, expected: str) -> None:
    """credited-by lists crediting sites; credits lists credited ones."""
    code, out, _ = run("graph", command, site, "--db", db, "--format", "json")
    assert code == 0
    assert expected in [r["site"] for r in json.loads(out)]


def test_graph_pairs_and_strongest(db: str) -> None:
    """pairs lists mutual pairs (none here); --strongest lists the heaviest edges."""
    code, out, _ = run("graph", "pairs", "--db", db, "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(
        "graph", "pairs", "--strongest", "--db", db, "--format", "json", "--limit", "1"
    )
    assert json.loads(out)[0]["weight"] == 2


def test_graph_timeline(db: str) -> None:
    """Credits kottke.org received per month."""
    code, out, _ = run("graph", "timeline", "kottke.org", "--db", db, "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "period,citations,sites"


def test_graph_export_gexf_file_loads_with_store_counts(db: str, tmp_path: Path) -> None:
    """export -o writes GEXF that networkx reads with the node and edge counts of `graph stats`."""
    target = tmp_path / "g.gexf"
    code, _, _ = run("graph", "export", "--db", db, "--format", "gexf", "-o", str(target))
    assert code == 0
    graph = nx.read_gexf(target)
    _, stats, _ = run("graph", "stats", "--db", db, "--format", "json")
    (counts,) = json.loads(stats)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (counts["nodes"], counts["edges"])


def test_graph_export_csv_to_stdout_with_nodes_file(db: str, tmp_path: Path) -> None:
    """CSV edges go to stdout; --nodes writes the node list to a file."""
    nodes = tmp_path / "nodes.csv"
    code, out, _ = run("graph", "export", "--db", db, "--format", "csv", "--nodes", str(nodes))
    assert code == 0
    assert out.startswith("crediting,credited,kind,weight,first_seen,last_seen")
    assert nodes.read_text().startswith("site,name,is_name,pages")


def test_graph_alias_sets_and_lists(db: str) -> None:
    """alias NAME SITE re-points a name; with no arguments it lists the aliases."""
    code, _, err = run("graph", "alias", "Kottke", "kottke.org", "--db", db)
    assert code == 0
    assert "kottke.org" in err
    _, out, _ = run("graph", "alias", "--db", db)
    assert out == "name:kottke\tkottke.org\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["graph", "top", "--db", "missing.db"], "hattip ingest"),
        (["graph", "top", "--kind", "vai"], "unknown edge kind"),
        (["graph", "credits", "nowhere.example"], "hattip graph top"),
        (["graph", "top", "--since", "last week"], "YYYY"),
    ],
    ids=["missing-db", "bad-kind", "unknown-site", "bad-date"],
)
def test_errors_are_one_line_and_exit_1(db: str, args: list[str], message: str) -> None:
    """Bad input is a one-line message on stderr naming the fix, exit code 1, no traceback."""
    if "--db" not in args:
        args = [*args, "--db", db]
    code, _, err = run(*args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_kinds_may_be_comma_separated(db: str) -> None:
    """--kind via,blogroll equals --kind via --kind blogroll."""
    _, joined, _ = run("graph", "top", "--db", db, "--kind", "via,blogroll", "--format", "json")
    _, repeated, _ = run(
        "graph", "top", "--db", db, "--kind", "via", "--kind", "blogroll", "--format", "json"
    )
    assert json.loads(joined) == json.loads(repeated) != []
