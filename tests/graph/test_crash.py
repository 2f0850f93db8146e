"""Real processes: a writer killed with SIGKILL mid-batch, and readers beside a live writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hattip
from hattip.graph import Store, top_credited
from hattip.model import Page

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

SRC = str(Path(hattip.__file__).resolve().parents[1])

PAGES = """
import time
from hattip.model import Link, Page, Region

def pages(total, delay):
    for i in range(total):
        time.sleep(delay)
        target = f"s{(i * 7 + 3) % 40}.example"
        yield Page(url=f"https://s{i % 40}.example/{i}", site=f"s{i % 40}.example",
                   published=f"2020-01-{i % 28 + 1:02d}",
                   links=(Link(url=f"https://{target}/", text=target, region=Region.BODY,
                               site=target),))
"""

WRITER = (
    PAGES
    + """
import sys
from hattip.graph import Store

path, total, batch, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
with Store(path) as store:
    store.add_many(pages(total, delay), batch_size=batch,
                   on_commit=lambda s: print(s.added, flush=True))
print("done", flush=True)
"""
)


def _pages(total: int) -> Iterator[Page]:
    """The writer's pages, generated in this process (the same code as the subprocess runs)."""
    namespace: dict[str, Any] = {}
    exec(PAGES, namespace)  # one source for both sides, so the two runs cannot drift apart
    generated: Iterator[Page] = namespace["pages"](total, 0)
    return generated


READER = """
import sys, time
from hattip.graph import Store, top_credited
from hattip.model import Page
with Store(sys.argv[1], create=False) as store:
    end = time.monotonic() + float(sys.argv[2])
    n = 0
    while time.monotonic() < end:
        top_credited(store)
        store.counts()
        n += 1
print(n, flush=True)
"""


def _python(script: str, *args: object) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")])),
    }
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


TOTAL, BATCH = 400, 20


def test_kill_9_mid_batch_keeps_committed_pages_and_a_rerun_completes(tmp_path: Path) -> None:
    """SIGKILL mid-ingest: the file passes integrity_check, holds every committed batch, and a
    re-run stores the rest with the same counts as an uninterrupted run."""
    path = tmp_path / "g.db"
    with _python(WRITER, path, TOTAL, BATCH, 0.004) as writer:
        assert writer.stdout is not None
        committed = [int(writer.stdout.readline()) for _ in range(3)]
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert committed == [BATCH, 2 * BATCH, 3 * BATCH]

    with Store(path) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        pages = store.counts().pages
        assert pages >= committed[-1]
        assert pages % BATCH == 0  # whole batches only: the open one vanished
        assert pages < TOTAL

    with Store(path) as resumed, Store(":memory:") as uninterrupted:
        rerun = resumed.add_many(_pages(TOTAL), batch_size=BATCH)
        assert rerun.added == TOTAL - pages
        assert rerun.unchanged == pages
        uninterrupted.add_many(_pages(TOTAL), batch_size=BATCH)
        assert resumed.counts() == uninterrupted.counts()
        assert resumed.counts().pages == TOTAL
        assert top_credited(resumed) == top_credited(uninterrupted)


def test_two_readers_run_while_one_process_writes(tmp_path: Path) -> None:
    """WAL: a reader in this process and one in another query the store while a writer commits."""
    path = tmp_path / "g.db"
    with _python(WRITER, path, TOTAL, BATCH, 0.004) as writer:
        assert writer.stdout is not None
        writer.stdout.readline()  # the first batch is in: the file and schema exist
        with _python(READER, path, 1.0) as other:
            seen: set[int] = set()
            with Store(path, create=False) as store:
                deadline = time.monotonic() + 20
                while writer.poll() is None and len(seen) < 4 and time.monotonic() < deadline:
                    seen.add(store.counts().pages)
                    top_credited(store)
                    time.sleep(0.01)
            reads, reader_err = other.communicate(timeout=60)
        rest, writer_err = writer.communicate(timeout=60)
    assert other.returncode == 0, reader_err
    assert int(reads) > 0
    assert writer.returncode == 0, writer_err
    assert rest.splitlines()[-1] == "done"
    assert len(seen) > 1, "the reader should have seen the writer's progress"
