"""Pages from web archives: WARC and WARC.gz files, read as a stream (fastwarc owns WARC).

A crawl is the other way users hold many pages at once. Only ``response`` records with a 2xx
HTTP status and an HTML content type become Documents (a crawl is mostly images, scripts and
redirects, which are skipped silently); each keeps the record's ``WARC-Target-URI`` as its URL
and the archived HTTP headers, charset and status. Bodies are decoded (gzip, chunked) by
fastwarc. Records are read one at a time, so memory stays flat however large the file.

fastwarc was chosen over warcio after measuring both on the same archive (see ``bench/warc.py``
and the project notes): it reads records several times faster. warcio is not a dependency.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from hattip.fetch import HTML_TYPES
from hattip.model import Document, Failure

__all__ = ["MAX_RECORD_BYTES", "iter_warc"]

MAX_RECORD_BYTES = 10_000_000
"""A record body larger than this is reported (``too_large``), not read."""

_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def _unreadable(origin: str, why: str) -> Document:
    msg = f"{origin}: not a readable WARC file ({why}); give a .warc or .warc.gz file"
    return Document(origin=origin, error=msg, failure=Failure.UNREADABLE)


def _starts_like_warc(path: Path) -> bool:
    """Peek at the first bytes (through gzip): fastwarc reads a non-WARC file as empty."""
    with path.open("rb") as raw:
        head = raw.read(2)
        raw.seek(0)
        if head == b"\x1f\x8b":
            with gzip.open(raw) as unzipped:
                head = unzipped.read(5)
        else:
            head = raw.read(5)
    return head in {b"", b"WARC/"}


def _is_html(media: str | None, body: bytes) -> bool:
    if media:
        return media.split(";", 1)[0].strip().lower() in HTML_TYPES
    return body.lstrip()[:1] == b"<"


def iter_warc(
    path: str | Path,
    *,
    max_bytes: int = MAX_RECORD_BYTES,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Document]:
    """One Document per HTML response record of the WARC file at ``path``.

    ``origin`` is ``path@offset`` (the record's offset in the file). ``skip`` is asked about each
    record's target URI; records it says yes to are passed over unread (``--skip-known``).
    A file that is not a WARC, or breaks off in the middle, yields one error Document at the
    point of failure, after the records before it. fastwarc reads a file that was cut short
    (an interrupted download) without complaint, handing out the cut record's body as if it
    were whole, so each page is held back until the next record starts or the end of the file
    is checked by :func:`_walk_tail`: a half page is never handed on as a page.
    """
    name = str(path)
    file = Path(path)
    try:
        if not _starts_like_warc(file):
            yield _unreadable(name, "it does not start with a WARC/ header")
            return
        stream = file.open("rb")
    except (OSError, EOFError) as exc:
        yield _unreadable(name, str(exc))
        return
    offset = 0
    held: Document | None = None
    with stream:
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            parse_http=True,
            auto_decode="all",
            fsspec_args=False,
        )
        try:
            for record in records:
                offset = record.stream_pos
                doc = _document(record, name, max_bytes, skip)
                if doc is not None:
                    if held is not None:
                        yield held
                    held = doc
        except OSError as exc:
            if held is not None:
                yield held
            yield _unreadable(f"{name}@{offset}", str(exc))
            return
    tail = _walk_tail(file, offset)
    if tail is None or tail.whole is None:
        if held is not None:
            yield held
        return
    last = held is not None and held.origin == f"{name}@{offset}"
    if held is not None and not (tail.whole == 0 and last):
        yield held
    # fastwarc drops whole records just before a cut gzip member: read them from the tail.
    for n, record in enumerate(_records(tail.rest), start=1):
        doc = _document(record, name, max_bytes, skip)
        if doc is not None:
            yield replace(doc, origin=f"{name}@{offset}+{n}")
    where = "inside this record" if tail.whole == 0 else f"after {tail.whole} whole record(s)"
    yield Document(
        origin=f"{name}@{offset}",
        url=held.url if held is not None and last and tail.whole == 0 else None,
        error=f"{name}@{offset}: the archive breaks off {where}; the rest is lost (an"
        " interrupted download or copy?): fetch or copy the file again",
        failure=Failure.UNREADABLE,
    )


def _records(data: bytes) -> Iterator[WarcRecord]:
    if not data:
        return
    yield from ArchiveIterator(
        io.BytesIO(data),
        record_types=WarcRecordType.response,
        parse_http=True,
        auto_decode="all",
        fsspec_args=False,
    )


def _document(
    record: WarcRecord, name: str, max_bytes: int, skip: Callable[[str], bool] | None
) -> Document | None:
    """The record as a Document, or None for a record that is no HTML page to read."""
    http = record.http_headers
    uri = record.headers.get("WARC-Target-URI")
    status = http.status_code if http is not None else None
    if http is None or status is None or not 200 <= status < 300 or not uri:
        return None
    if skip is not None and skip(uri):
        return None
    body = record.reader.read(max_bytes + 1)
    if not _is_html(record.http_content_type, body):
        return None
    origin = f"{name}@{record.stream_pos}"
    if len(body) > max_bytes:
        msg = f"{origin}: {uri} is over the {max_bytes:,} byte cap; it was skipped"
        return Document(origin=origin, url=uri, error=msg, failure=Failure.TOO_LARGE, status=status)
    headers = {
        key.lower(): value for key, value in http.to_tuples() if key.lower() not in _DROPPED_HEADERS
    }
    return Document(
        origin=origin,
        body=body,
        url=uri,
        charset=record.http_charset or None,
        headers=headers,
        status=status,
    )


_PIECE = 1 << 20
_KEEP_MAX = 4 * MAX_RECORD_BYTES


@dataclass(slots=True)
class _Tail:
    """What follows the last response fastwarc read: whole records, then maybe a cut."""

    whole: int | None = None
    """None if every record is whole to the end of the file, else how many whole records come
    before the one that breaks off."""
    rest: bytes = b""
    """The whole records after the first, uncompressed (empty past ``_KEEP_MAX`` bytes)."""


def _walk_tail(file: Path, start: int) -> _Tail | None:
    """Walk the WARC framing from byte ``start`` (the last response fastwarc read) to the end.

    fastwarc reads a file that was cut short without complaint: it hands out the cut record's
    body as if it were whole and, in a ``.gz``, can drop the whole records just before a cut
    member. Only the tail is read: the last response and what follows it (a request,
    metadata). None when ``start`` is no record or member boundary (a file gzipped as one
    stream): rather no answer than a guess.
    """
    tail = _Tail()
    try:
        with file.open("rb") as raw:
            raw.seek(start)
            magic = raw.read(5)
            raw.seek(start)
            if magic[:2] == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                    _walk(unzipped, tail)
            elif magic == b"WARC/":
                _walk(raw, tail)
            else:
                return None
    except (OSError, EOFError, zlib.error):  # a cut gzip member (BadGzipFile is an OSError)
        pass
    return tail


def _walk(stream: BinaryIO | gzip.GzipFile, tail: _Tail) -> None:
    """Count whole records into ``tail``; return at a clean end, raise EOFError at a cut."""
    whole = 0
    keep = bytearray()
    kept = 0  # keep's length at the end of the last whole record
    tail.whole = 0
    while True:
        line = stream.readline(_PIECE)
        while line in (b"\r\n", b"\n"):
            line = stream.readline(_PIECE)
        if not line:
            tail.whole = None
            return
        if not line.startswith(b"WARC/"):
            return  # not a record where one must start: treat as the break
        if whole:
            keep += line
        length = -1
        while True:
            line = stream.readline(_PIECE)
            if not line:
                return
            if whole:
                keep += line
            if line in (b"\r\n", b"\n"):
                break
            key, _, value = line.partition(b":")
            if key.strip().lower() == b"content-length" and value.strip().isdigit():
                length = int(value.strip())
        if length < 0:
            return
        while length > 0:
            piece = stream.read(min(length, _PIECE))
            if not piece:
                return
            if whole:
                keep += piece
            length -= len(piece)
        whole += 1
        tail.whole = whole
        if len(keep) > _KEEP_MAX:
            keep.clear()
        elif keep:
            keep += b"\r\n\r\n"
        kept = len(keep)
        tail.rest = bytes(keep[:kept])
