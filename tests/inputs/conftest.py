"""Shared helpers for input tests: short fetch limits and a WARC writer built on fastwarc."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastwarc.warc import WarcRecord, WarcRecordType

from hattip.fetch import FetchOptions

SHARED = Path(__file__).resolve().parents[3] / "shared"
"""The ``shared`` folder beside the checkout (CI has it; the tests must not need it)."""


@pytest.fixture
def quick() -> FetchOptions:
    """Short limits and no politeness delay: tests talk to one loopback server."""
    return FetchOptions(
        concurrency=8,
        per_host=8,
        host_delay=0.0,
        connect_timeout=1.0,
        read_timeout=1.0,
        total_timeout=2.0,
        retries=0,
        trust_env=False,
    )


@dataclass(frozen=True)
class Rec:
    """One synthetic WARC record: target URI and HTTP block."""

    uri: str
    block: bytes
    request: bool = False
    """A request record instead of a response."""


def http_response(
    body: bytes,
    *,
    status: str = "200 OK",
    ctype: str = "text/html; charset=utf-8",
    extra: Sequence[str] = (),
) -> bytes:
    """An HTTP/1.1 response as a crawler archives it."""
    head = [f"HTTP/1.1 {status}", f"Content-Type: {ctype}", *extra]
    if not any(h.lower().startswith("transfer-encoding") for h in extra):
        head.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def write_warc(path: Path, records: Sequence[Rec]) -> Path:
    """Write records with fastwarc, gzipped when the name ends in .gz (one member per record)."""
    with path.open("wb") as out:
        for rec in records:
            record = WarcRecord()
            record.init_headers(WarcRecordType.request if rec.request else WarcRecordType.response)
            record.headers["WARC-Target-URI"] = rec.uri
            msgtype = "request" if rec.request else "response"
            record.headers["Content-Type"] = f"application/http; msgtype={msgtype}"
            record.set_bytes_content(rec.block)
            if path.name.endswith(".gz"):
                with gzip.GzipFile(fileobj=out, mode="wb") as member:
                    record.write(member)
            else:
                record.write(out)
    return path
