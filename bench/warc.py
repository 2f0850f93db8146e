"""WARC reading speed: hattip.inputs.warc against a bare loop of the WARC library on the same file.

Builds a WARC.gz of the corpus pages (``../shared/corpus/pages``, each page one response record,
repeated ``--repeat`` times) in a temporary folder, or of synthetic pages when the corpus is
absent, then times, best of ``--runs``:

* ``inputs.warc``: :func:`hattip.inputs.warc.iter_warc`, Documents out;
* ``fastwarc bare``: fastwarc's ArchiveIterator reading every response body, nothing else;
* ``warcio bare``: the same loop with warcio, when it is installed (it is not a dependency;
  this line is how fastwarc was chosen).

    python bench/warc.py [--repeat 4] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from hattip.inputs.warc import iter_warc

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pages"


def _pages() -> Iterator[tuple[str, bytes]]:
    files = sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []
    if files:
        for path in files:
            yield f"https://corpus.example/{path.stem}", path.read_bytes()
        return
    for n in range(500):
        body = b"<html><body><article>" + b"<p>Synthetic post text.</p>" * 300 + b"</article>"
        yield f"https://synthetic.example/{n}", body


def build(path: Path, repeat: int) -> int:
    """Write the pages as response records, one gzip member each; return the record count."""
    count = 0
    with path.open("wb") as out:
        for round_ in range(repeat):
            for uri, body in _pages():
                record = WarcRecord()
                record.init_headers(WarcRecordType.response)
                record.headers["WARC-Target-URI"] = f"{uri}?r={round_}"
                record.headers["Content-Type"] = "application/http; msgtype=response"
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                record.set_bytes_content(head % len(body) + body)
                with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=6) as member:
                    record.write(member)
                count += 1
    return count


def hattip_loop(path: Path) -> int:
    """Documents from hattip's reader."""
    return sum(1 for doc in iter_warc(path) if doc.error is None)


def fastwarc_loop(path: Path) -> int:
    """The least fastwarc can do for the same result: every response body read."""
    n = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            parse_http=True,
            auto_decode="all",
            fsspec_args=False,
        ):
            record.reader.read()
            n += 1
    return n


def warcio_loop(path: Path) -> int:
    """The same with warcio (not a hattip dependency)."""
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    n = 0
    with path.open("rb") as stream:
        for record in WarcioIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
                n += 1
    return n


def best(loop: Callable[[Path], int], path: Path, runs: int) -> tuple[int, float]:
    """Records and the best wall time over ``runs``."""
    times = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        count = loop(path)
        times.append(time.perf_counter() - start)
    return count, min(times)


def main() -> None:
    """Build the archive, time each reader, print records/s and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of the page set")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.warc.gz"
        records = build(path, args.repeat)
        source = "corpus pages" if CORPUS.is_dir() else "synthetic pages"
        size = path.stat().st_size / 2**20
        print(f"archive: {records} response records of {source}, {size:.1f} MB gzipped")
        loops: list[tuple[str, Callable[[Path], int]]] = [
            ("fastwarc bare", fastwarc_loop),
            ("inputs.warc", hattip_loop),
        ]
        if importlib.util.find_spec("warcio") is not None:
            loops.append(("warcio bare", warcio_loop))
        rates: dict[str, float] = {}
        for name, loop in loops:
            count, seconds = best(loop, path, args.runs)
            rates[name] = count / seconds
            print(
                f"{name:14s} {count:6d} records in {seconds:6.3f} s: {rates[name]:8.0f} records/s"
            )
        base = rates["fastwarc bare"]
        print(f"inputs.warc / fastwarc bare: {rates['inputs.warc'] / base:.2f}")
        if "warcio bare" in rates:
            print(f"fastwarc bare / warcio bare: {base / rates['warcio bare']:.1f}x")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
