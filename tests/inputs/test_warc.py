"""hattip.inputs.warc: HTML responses out of WARC files, everything else passed over."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from hattip.inputs import Failure
from hattip.inputs.warc import iter_warc

from .conftest import SHARED, Rec, http_response, write_warc

PAGE = b"<!doctype html><html><head><title>A</title></head><body><p>Post</p></body></html>"

MIXED = [
    Rec("https://blog.example/a", http_response(PAGE)),
    Rec("https://blog.example/logo.png", http_response(b"\x89PNG", ctype="image/png")),
    Rec("https://blog.example/gone", http_response(PAGE, status="404 Not Found")),
    Rec(
        "https://blog.example/moved", http_response(b"", status="301 Moved", extra=["Location: /a"])
    ),
    Rec(
        "https://blog.example/a",
        b"GET /a HTTP/1.1\r\nHost: blog.example\r\n\r\n",
        request=True,
    ),
    Rec(
        "https://blog.example/b",
        http_response(PAGE.replace(b"Post", b"Caf\xe9"), ctype="text/html; charset=iso-8859-1"),
    ),
]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"], ids=["plain", "gzip"])
def test_only_html_2xx_responses_become_documents(tmp_path: Path, name: str) -> None:
    """Images, 404s, redirects and request records are passed over; HTML pages come out."""
    docs = list(iter_warc(write_warc(tmp_path / name, MIXED)))
    assert [d.url for d in docs] == ["https://blog.example/a", "https://blog.example/b"]
    assert all(d.error is None and d.status == 200 for d in docs)
    assert docs[0].body == PAGE
    assert docs[0].headers["content-type"] == "text/html; charset=utf-8"


def test_record_charset_and_origin_offset_are_kept(tmp_path: Path) -> None:
    """The archived Content-Type charset goes on the Document; origin is path@offset."""
    path = write_warc(tmp_path / "crawl.warc", MIXED)
    last = list(iter_warc(path))[-1]
    assert last.charset == "iso-8859-1"
    assert last.origin.startswith(f"{path}@")
    assert int(last.origin.rsplit("@", 1)[1]) > 0


def test_gzip_and_chunked_bodies_are_decoded(tmp_path: Path) -> None:
    """Content-Encoding gzip and Transfer-Encoding chunked are undone; their headers dropped."""
    packed = gzip.compress(PAGE)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(packed), packed)
    block = http_response(chunked, extra=["Content-Encoding: gzip", "Transfer-Encoding: chunked"])
    (doc,) = iter_warc(write_warc(tmp_path / "c.warc.gz", [Rec("https://x.example/", block)]))
    assert doc.body == PAGE
    assert "content-encoding" not in doc.headers


def test_record_over_the_cap_is_a_too_large_failure(tmp_path: Path) -> None:
    """A huge record is reported, not read, and the next record still comes out."""
    big = Rec("https://x.example/big", http_response(b"<p>" + b"x" * 5000 + b"</p>"))
    path = write_warc(tmp_path / "big.warc", [big, Rec("https://x.example/a", http_response(PAGE))])
    first, second = iter_warc(path, max_bytes=1000)
    assert first.failure is Failure.TOO_LARGE
    assert first.url == "https://x.example/big"
    assert second.body == PAGE


def test_skip_leaves_known_uris_out(tmp_path: Path) -> None:
    """skip(uri) True passes the record over (--skip-known)."""
    path = write_warc(tmp_path / "crawl.warc", MIXED)
    docs = list(iter_warc(path, skip=lambda uri: uri.endswith("/a")))
    assert [d.url for d in docs] == ["https://blog.example/b"]


@pytest.mark.parametrize(
    "content",
    [b"<html>not an archive</html>", zlib.compress(b"WARC/1.0"), gzip.compress(b"hello")],
    ids=["html", "zlib", "gzip-not-warc"],
)
def test_a_file_that_is_not_a_warc_is_one_error(tmp_path: Path, content: bytes) -> None:
    """Something else named .warc gives one unreadable Document, no exception."""
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    (doc,) = iter_warc(path)
    assert doc.failure is Failure.UNREADABLE
    assert str(path) in (doc.error or "")


def test_missing_file_is_one_error(tmp_path: Path) -> None:
    """A path that does not exist is an unreadable Document."""
    (doc,) = iter_warc(tmp_path / "nope.warc")
    assert doc.failure is Failure.UNREADABLE


def test_truncated_archive_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    """A WARC cut in the middle of its headers yields what came before, then an error."""
    recs = [Rec(f"https://x.example/{n}", http_response(PAGE)) for n in range(3)]
    path = write_warc(tmp_path / "cut.warc", recs)
    data = path.read_bytes()
    third = data.index(b"WARC/1.1", data.index(b"WARC/1.1", 10) + 10)
    path.write_bytes(data[: third + 40])
    docs = list(iter_warc(path))
    assert [d.url for d in docs[:2]] == ["https://x.example/0", "https://x.example/1"]
    assert all(d.error is None for d in docs[:2])
    assert all(d.failure is Failure.UNREADABLE for d in docs[2:])


CORPUS_WARCS = sorted((SHARED / "corpus" / "warc").glob("*.warc.gz"))


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS_WARCS, reason="../shared/corpus/warc is absent")
@pytest.mark.parametrize("path", CORPUS_WARCS, ids=[p.name for p in CORPUS_WARCS])
def test_corpus_warc_samples_read_cleanly(path: Path) -> None:
    """The real-crawl samples give HTML pages with URLs and no errors."""
    docs = list(iter_warc(path))
    assert docs
    assert all(d.error is None and d.url and d.body for d in docs)


LONG = b"<html><body><article><p>" + b"word " * 2000 + b"</p></article></body></html>"
CUTS = {"in-its-first-bytes": 0.05, "halfway": 0.5, "near-its-end": 0.97}


@pytest.mark.parametrize("cut", list(CUTS.values()), ids=list(CUTS))
@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"], ids=["plain", "gzip"])
def test_an_archive_cut_inside_its_last_record_says_so_and_stores_no_half_page(
    tmp_path: Path, name: str, cut: float
) -> None:
    """A download that broke off in its last record: every whole record comes out whole, the
    cut is one error, and no page is handed on with part of its body."""
    recs = [Rec(f"https://x.example/{n}", http_response(LONG)) for n in range(3)]
    path = write_warc(tmp_path / name, recs)
    whole = path.read_bytes()
    third = int(list(iter_warc(path))[2].origin.rsplit("@", 1)[1])
    path.write_bytes(whole[: third + int((len(whole) - third) * cut)])
    docs = list(iter_warc(path))
    good = [d for d in docs if d.error is None]
    assert [d.url for d in good[:2]] == ["https://x.example/0", "https://x.example/1"]
    assert all(d.body == LONG for d in good)  # the third only if its bytes all arrived
    [bad] = [d for d in docs if d.error is not None]
    assert bad.failure is Failure.UNREADABLE
    assert "breaks off" in (bad.error or "")


@pytest.mark.parametrize("name", ["whole.warc", "whole.warc.gz"], ids=["plain", "gzip"])
def test_a_whole_archive_ending_in_other_records_is_no_error(tmp_path: Path, name: str) -> None:
    """Requests and other records after the last response are no sign of a cut."""
    path = write_warc(tmp_path / name, MIXED)
    docs = list(iter_warc(path))
    assert docs
    assert all(d.error is None for d in docs)
