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
from collections.abc import Callable, Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

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
    point of failure, after the records before it.
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
                http = record.http_headers
                uri = record.headers.get("WARC-Target-URI")
                status = http.status_code if http is not None else None
                if status is None or not 200 <= status < 300 or not uri:
                    continue
                if skip is not None and skip(uri):
                    continue
                body = record.reader.read(max_bytes + 1)
                if not _is_html(record.http_content_type, body):
                    continue
                origin = f"{name}@{offset}"
                if len(body) > max_bytes:
                    msg = f"{origin}: {uri} is over the {max_bytes:,} byte cap; it was skipped"
                    yield Document(
                        origin=origin,
                        url=uri,
                        error=msg,
                        failure=Failure.TOO_LARGE,
                        status=status,
                    )
                    continue
                headers = {
                    key.lower(): value
                    for key, value in http.to_tuples()
                    if key.lower() not in _DROPPED_HEADERS
                }
                yield Document(
                    origin=origin,
                    body=body,
                    url=uri,
                    charset=record.http_charset or None,
                    headers=headers,
                    status=status,
                )
        except OSError as exc:
            yield _unreadable(f"{name}@{offset}", str(exc))
