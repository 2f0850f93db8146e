"""`hattip ingest URL...` with misbehaving servers in the batch: bounded, good pages stored."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from hattip.cli import cli
from hattip.graph import Store

from .conftest import Site


def test_batch_with_bad_servers_stores_the_good_pages_and_reports_each_failure(
    site: Site, tmp_path: Path
) -> None:
    """Slow, endless, redirect loop and 500 among good URLs: each failure reported, goods stored."""
    good = [f"{site.base}/page/{n}" for n in range(4)]
    good += [f"{site.other_host_base}/page/{n}" for n in range(4, 8)]
    bad = [
        site.other_host_base + "/slow",
        site.other_host_base + "/endless",
        site.base + "/loop",
        site.base + "/always500",
    ]
    db = tmp_path / "batch.db"
    args = ["ingest", "--db", str(db), "--workers", "1", "--timeout", "1", "--delay", "0"]
    result = CliRunner().invoke(cli, [*args, *bad[:2], *good, *bad[2:]])
    assert result.exit_code == 0, result.output
    for url in bad:
        assert f"skipped {url}: " in result.output
    assert f"{len(good) + len(bad)} documents" in result.output
    with Store(db) as store:
        assert store.counts().pages == len(good)
