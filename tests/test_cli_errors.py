"""Hostile input at the command line: one line on stderr, a non-zero exit, nothing lost quietly."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import hattip
from hattip.cli import cli

POST = b'<html><body><article><p>Nice (via <a href="https://kottke.org/x">Kottke</a>).</p></article></body></html>'


def invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    exc = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout, result.stderr, exc


def test_ingest_reads_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    """A file name with undecodable bytes is ingested and reported, never a traceback."""
    folder = tmp_path / "pages"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/\xff-post.html")
    Path(odd).write_bytes(POST)
    code, _, err, exc = invoke(
        "ingest", str(folder), "--db", str(tmp_path / "g.db"), "--workers", "1"
    )
    assert exc is None
    assert code == 0
    assert "1 pages" in err


@pytest.mark.parametrize("db", ["", ":memory:"], ids=["empty", "memory"])
def test_ingest_refuses_a_database_that_keeps_nothing(tmp_path: Path, db: str) -> None:
    """--db '' or :memory: would throw the work away when hattip exits: refused up front."""
    page = tmp_path / "p.html"
    page.write_bytes(POST)
    code, _, err, exc = invoke("ingest", str(page), "--db", db)
    assert exc is None
    assert code == 1
    assert "keep nothing" in err


def test_ingest_exits_1_when_nothing_could_be_read(tmp_path: Path) -> None:
    """A batch where every document fails says so in its exit code."""
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    code, _, err, exc = invoke(
        "ingest", str(empty), "--db", str(tmp_path / "g.db"), "--workers", "1"
    )
    assert exc is None
    assert code == 1
    assert "1 errors" in err


def test_a_broken_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """A database damaged after it was created gives one line and exit 1."""
    db = tmp_path / "g.db"
    page = tmp_path / "p.html"
    page.write_bytes(POST)
    assert invoke("ingest", str(page), "--db", str(db), "--workers", "1")[0] == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA writable_schema = 1")
        conn.execute("UPDATE sqlite_master SET sql = 'garbage' WHERE name = 'pages'")
    code, _, err, exc = invoke("graph", "top", "--db", str(db))
    assert exc is None
    assert code == 1
    assert err.startswith("hattip: error:")
    assert err.count("\n") == 1


def test_report_refuses_a_url_option_that_is_not_a_url(tmp_path: Path) -> None:
    """--url that is not an absolute http(s) URL is an InvalidURL, not silently dropped."""
    page = tmp_path / "p.html"
    page.write_bytes(POST)
    code, _, err, exc = invoke("report", str(page), "--url", "http://[bad")
    assert exc is None
    assert code == 1
    assert "not an http(s) URL" in err
    with pytest.raises(hattip.InvalidURL):
        hattip.extract(POST, url="relative/path")


def test_control_characters_never_reach_the_terminal() -> None:
    """A title carrying terminal escapes is printed without them."""
    html = b"<html><head><title>Hi\x1b]0;pwned\x07 there</title></head><body><p>x</p></body></html>"
    code, out, _, exc = invoke("report", "-", stdin=html)
    assert exc is None
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out


def test_resolve_text_output_shows_refusals_as_errors() -> None:
    """In text format a line that could not be resolved says 'error:'."""
    code, out, _, exc = invoke("resolve", "javascript:alert(1)")
    assert exc is None
    assert code == 0
    assert "\terror: " in out


def test_a_failed_export_leaves_the_old_file_alone(tmp_path: Path) -> None:
    """`graph export -o FILE` with a bad filter keeps FILE as it was, not emptied."""
    db = tmp_path / "g.db"
    page = tmp_path / "p.html"
    page.write_bytes(POST)
    assert invoke("ingest", str(page), "--db", str(db), "--workers", "1")[0] == 0
    target = tmp_path / "out.gexf"
    target.write_bytes(b"old")
    code, _, _, exc = invoke(
        "graph", "export", "--db", str(db), "--format", "gexf", "-o", str(target), "--kind", "bogus"
    )
    assert exc is None
    assert code != 0
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.gexf")] == []
