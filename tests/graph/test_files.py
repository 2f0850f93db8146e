"""hattip.inputs.files: files, folders, stdin lists; an unreadable item is a Document with error."""

from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

import pytest

from hattip.inputs import Failure, files
from hattip.inputs.files import is_html_name, iter_documents, read_document

HTML = b"<!doctype html><html><body><p>Hello</p></body></html>"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A saved site: pages at two depths, an extensionless page, junk, hidden files."""
    (tmp_path / "b.html").write_bytes(HTML)
    (tmp_path / "a.htm").write_bytes(HTML)
    (tmp_path / "2008" / "03").mkdir(parents=True)
    (tmp_path / "2008" / "03" / "post").write_bytes(b"\xef\xbb\xbf  <HTML><p>x</p></HTML>")
    (tmp_path / "2008" / "03" / "page.XHTML").write_bytes(HTML)
    (tmp_path / "2008" / "notes").write_bytes(b"just some text")
    (tmp_path / "style.css").write_bytes(b"body {}")
    (tmp_path / "feed.xml").write_bytes(b"<rss/>")
    (tmp_path / "old.html.gz").write_bytes(gzip.compress(HTML))
    (tmp_path / ".hidden.html").write_bytes(HTML)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index.html").write_bytes(HTML)
    return tmp_path


def _names(root: Path, docs: list[str]) -> list[str]:
    return [str(Path(d).relative_to(root)) for d in docs]


def test_folder_walk_takes_html_files_sorted_and_skips_hidden(tree: Path) -> None:
    """A folder's files, then its subfolders, sorted; HTML endings and sniffed pages; no hidden."""
    docs = list(iter_documents([tree]))
    assert _names(tree, [d.origin for d in docs]) == [
        "a.htm",
        "b.html",
        "old.html.gz",
        "2008/03/page.XHTML",
        "2008/03/post",
    ]
    assert all(d.error is None for d in docs)


def test_gzipped_page_is_decompressed(tree: Path) -> None:
    """A .html.gz file yields the page's own bytes."""
    assert read_document(tree / "old.html.gz").body == HTML


def test_a_named_file_is_read_whatever_its_name(tree: Path) -> None:
    """The user named it: no extension check, no sniffing."""
    (doc,) = iter_documents([tree / "feed.xml"])
    assert doc.body == b"<rss/>"


def test_dash_reads_paths_from_stdin(tree: Path) -> None:
    """'-' reads one path per line; blank lines and # comments are skipped; folders recurse."""
    listing = io.StringIO(f"{tree / 'b.html'}\n\n# a comment\n{tree / '2008'}\n")
    docs = list(iter_documents(["-"], stdin=listing))
    assert _names(tree, [d.origin for d in docs]) == [
        "b.html",
        "2008/03/page.XHTML",
        "2008/03/post",
    ]


def test_missing_path_is_a_document_with_an_error(tmp_path: Path) -> None:
    """A missing file does not raise: it yields a failed Document and the walk goes on."""
    docs = list(iter_documents([tmp_path / "nope.html", tmp_path]))
    assert docs[0].error is not None
    assert "no such file" in docs[0].error
    assert docs[0].failure is Failure.UNREADABLE


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_document_with_an_error(tmp_path: Path) -> None:
    """A file without read permission is reported, not raised."""
    path = tmp_path / "locked.html"
    path.write_bytes(HTML)
    path.chmod(0)
    try:
        (doc,) = iter_documents([path])
    finally:
        path.chmod(0o600)
    assert doc.error is not None
    assert "permission denied" in doc.error


def test_corrupt_gzip_is_a_document_with_an_error(tmp_path: Path) -> None:
    """A .gz that is not gzip is reported with its path."""
    path = tmp_path / "bad.html.gz"
    path.write_bytes(b"not gzip at all")
    doc = read_document(path)
    assert doc.error is not None
    assert str(path) in doc.error


def test_gzip_bomb_stops_at_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decompression stops past MAX_BYTES instead of filling memory."""
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"\0" * 100_000))
    doc = read_document(path)
    assert doc.error is not None
    assert "limit" in doc.error
    assert doc.failure is Failure.TOO_LARGE


@pytest.mark.parametrize(
    ("name", "taken"),
    [("a.html", True), ("a.HTM", True), ("a.xhtml", True), ("a.shtml", True), ("a.html.gz", True),
     ("a.xml", False), ("a.gz", False), ("html", False)],
    ids=["html", "HTM", "xhtml", "shtml", "html.gz", "xml", "gz", "bare-html"],
)  # fmt: skip
def test_is_html_name(name: str, taken: bool) -> None:
    """The endings a folder walk takes."""
    assert is_html_name(name) is taken
