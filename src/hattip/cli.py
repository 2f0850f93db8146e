"""The ``hattip`` command: thin click shells over the public API.

This is the one place where a :class:`~hattip.errors.HattipError` becomes an exit code:
one line on stderr and exit 1 (click's own usage errors exit 2).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from hattip.errors import HattipError, InputError
from hattip.graph import (
    EdgeKind,
    ExportFormat,
    IngestSummary,
    Store,
    credited_by,
    credits_of,
    export,
    mutual_pairs,
    rank_sites,
    strongest_edges,
    timeline,
    top_credited,
)
from hattip.graph import ingest as graph_ingest
from hattip.graph.render import RowFormat, render_rows
from hattip.inputs import Document
from hattip.inputs.files import MAX_BYTES, read_document
from hattip.parse import extract
from hattip.report import RENDERERS
from hattip.resolve import Resolution, resolve

_T = TypeVar("_T")


class _Group(click.Group):
    """A click group that turns hattip's errors into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HattipError as exc:
            click.echo(f"hattip: error: {exc}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(141)
        except KeyboardInterrupt:
            click.echo("hattip: interrupted", err=True)
            ctx.exit(130)
        except sqlite3.Error as exc:
            click.echo(f"hattip: error: the database failed ({exc}); check --db", err=True)
            ctx.exit(1)
        except (OSError, MemoryError) as exc:
            click.echo(f"hattip: error: {exc or type(exc).__name__}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hattip")
def cli() -> None:
    """Who does this blog post credit, and how?"""


# -- one page: `hattip report` ------------------------------------------------------------------


def _read_page(page: str) -> tuple[bytes, str | None, str | None]:
    """Bytes, URL and HTTP charset of PAGE: a file, ``-`` for stdin, or an http(s) URL."""
    if page == "-":
        body = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            msg = f"-: stdin holds more than {MAX_BYTES} bytes; no blog post is that large"
            raise InputError(msg)
        return body, None, None
    if page.lower().startswith(("http://", "https://")):
        from hattip.fetch import fetch_document

        doc = fetch_document(page)
        return doc.body, doc.url or page, doc.charset
    path = Path(page)
    if path.is_dir():
        msg = f"{page}: is a folder; report reads one page (use 'hattip ingest' for folders)"
        raise InputError(msg)
    if not path.is_file():
        what = "not an http(s) URL" if "://" in page else "no such file"
        msg = f"{page}: {what}; pass an HTML file, '-' for stdin, or an http(s) URL"
        raise InputError(msg)
    doc = read_document(path)
    if doc.error is not None:
        raise InputError(doc.error)
    return doc.body, None, None


@cli.command("report")
@click.argument("page")
@click.option("--url", help="The page's own URL (makes relative links absolute).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="text",
    show_default=True,
    help="text for people, markdown for notes, json for scripts (the JSON contract).",
)
def report_command(page: str, url: str | None, fmt: str) -> None:
    """Audit one post's sourcing: credits, quotes and whom they quote, links by site.

    PAGE is an HTML file, '-' for stdin, or an http(s) URL (fetched politely with httpx).
    """
    body, fetched_url, charset = _read_page(page)
    result = extract(body, url=url or fetched_url, charset=charset, name=page)
    click.echo(RENDERERS[fmt](result))


# -- the credit graph: `hattip ingest` and `hattip graph ...` ---------------------------------

_DB = click.option(
    "--db",
    default="hattip.db",
    show_default=True,
    envvar="HATTIP_DB",
    type=click.Path(dir_okay=False),
    help="The credit graph database (SQLite).",
)
_KINDS = ", ".join(k.value for k in EdgeKind)


def _split_kinds(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Any:
    """``--kind via,hat_tip --kind thanks`` -> ("via", "hat_tip", "thanks")."""
    return tuple(kind.strip() for item in value for kind in item.split(",") if kind.strip())


def _filters(func: Any) -> Any:
    """The options every graph query shares: --db, --kind, --since, --until, --limit, --format."""
    for option in reversed(
        [
            _DB,
            click.option(
                "--kind",
                "kinds",
                multiple=True,
                callback=_split_kinds,
                help=f"Only these edge kinds (repeat or comma-separate): {_KINDS}.",
            ),
            click.option("--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."),
            click.option("--until", help="Up to this date, inclusive."),
            click.option("--limit", default=20, show_default=True, help="How many rows."),
            click.option(
                "--format",
                "fmt",
                type=click.Choice([f.value for f in RowFormat]),
                default="table",
                show_default=True,
            ),
        ]
    ):
        func = option(func)
    return func


def run_ingest(
    db: str,
    documents: Iterable[Document],
    *,
    workers: int | None,
    batch: int,
    reparse: bool = False,
) -> None:
    """Ingest ``documents`` into ``db`` with a progress line on a terminal and a summary at the end.

    Shared by every source ``hattip ingest`` reads (files, URLs, feeds, archives).
    """
    if db.strip() in ("", ":memory:"):
        msg = f"--db {db!r} would keep nothing once hattip exits; name a database file"
        raise InputError(msg)
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with (
        Store(db) as store,
        Progress(*columns, console=console, disable=not console.is_terminal) as bar,
    ):
        task = bar.add_task("ingesting", total=None)

        def error(origin: str, message: str) -> None:
            line = f"hattip: skipped {origin}: {message}"
            if console.is_terminal:
                bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(line, err=True)

        def progress(s: IngestSummary) -> None:
            rate = s.documents / s.seconds if s.seconds else 0.0
            line = f"ingesting: {s.documents} documents ({rate:.1f}/s), {s.errors} errors"
            bar.update(task, completed=s.documents, description=line)

        done = graph_ingest(
            store,
            documents,
            workers=workers,
            batch_size=batch,
            reparse=reparse,
            on_error=error,
            on_progress=progress,
        )
        counts = store.counts()
    click.echo(
        f"{done.documents} documents: {done.pages} pages ({done.added} new,"
        f" {done.replaced} changed, {done.unchanged} unchanged, {done.skipped} not re-read),"
        f" {done.edges} credits written,"
        f" {done.errors} errors"
        + (f" ({done.retried} pages parsed again after a parser crash)" if done.retried else "")
        + f" in {done.seconds:.1f} s; {db} holds {counts.pages} pages, {counts.nodes} nodes,"
        f" {counts.edges} edges",
        err=True,
    )
    if done.errors and not done.pages and not done.skipped:
        raise click.exceptions.Exit(1)  # nothing could be read: scripts must be able to tell


def _known_urls(db: str) -> frozenset[str]:
    """URLs already in the store, for ``--skip-known`` (see :meth:`Store.known_urls`)."""
    if not Path(db).exists():
        return frozenset()
    with Store(db) as store:
        return store.known_urls()


@cli.command("ingest")
@click.argument("paths", nargs=-1)
@_DB
@click.option("--feed", "feeds", multiple=True, metavar="URL|FILE", help="RSS/Atom feed.")
@click.option("--full", is_flag=True, help="With --feed: fetch each entry's page.")
@click.option("--warc", "warcs", multiple=True, type=click.Path(dir_okay=False), help="WARC file.")
@click.option("--skip-known", is_flag=True, help="Skip URLs already in the store (resume).")
@click.option("--respect-robots", is_flag=True, help="Obey robots.txt when fetching.")
@click.option(
    "--timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds per fetched page.",
)
@click.option(
    "--delay",
    default=1.0,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds between requests to a host.",
)
@click.option("--workers", type=click.IntRange(1), help="Parsing processes [default: CPU count].")
@click.option("--batch-size", default=200, show_default=True, type=click.IntRange(1))
@click.option("--reparse", is_flag=True, help="Parse pages again even if their bytes are stored.")
def ingest_command(
    paths: tuple[str, ...],
    db: str,
    feeds: tuple[str, ...],
    full: bool,
    warcs: tuple[str, ...],
    skip_known: bool,
    respect_robots: bool,
    timeout: float,
    delay: float,
    workers: int | None,
    batch_size: int,
    reparse: bool,
) -> None:
    """Read pages into the credit graph from URLs, files, folders, feeds and WARC archives.

    PATHS are http(s) URLs, HTML files, folders, .warc(.gz) files, or '-' for a list of any of
    these on stdin, one a line. Interrupt with Ctrl-C and rerun with --skip-known to resume.
    """
    from hattip.fetch import FetchOptions  # httpx, feedparser, fastwarc: only when ingesting
    from hattip.inputs.sources import iter_documents

    if not (paths or feeds or warcs):
        raise click.UsageError("give PATHS (URLs, files, folders or '-'), --feed or --warc")
    skip = _known_urls(db).__contains__ if skip_known else None
    documents = iter_documents(
        paths,
        feeds=feeds,
        warcs=warcs,
        full=full,
        options=FetchOptions(
            respect_robots=respect_robots,
            total_timeout=timeout,
            read_timeout=min(20.0, timeout),
            connect_timeout=min(10.0, timeout),
            host_delay=delay,
        ),
        skip=skip,
    )
    run_ingest(db, documents, workers=workers, batch=batch_size, reparse=reparse)


@cli.group("graph")
def graph_group() -> None:
    """Ask the credit graph who credits whom, and export it."""


@graph_group.command("top")
@_filters
@click.option("--by", type=click.Choice(["sites", "pagerank"]), default="sites", show_default=True)
def graph_top(
    *,
    db: str,
    kinds: tuple[str, ...],
    since: str | None,
    until: str | None,
    limit: int,
    fmt: str,
    by: str,
) -> None:
    """The most credited sites, by distinct crediting sites (or PageRank)."""
    with Store(db, create=False) as store:
        rank = rank_sites if by == "pagerank" else top_credited
        rows = rank(store, kinds=kinds, since=since, until=until, limit=limit)
    click.echo(render_rows(rows, fmt))


def _neighbour_command(name: str, query: Callable[..., Any], help_text: str) -> Any:
    """`graph credits SITE` and `graph credited-by SITE`: one shell, two directions."""

    @graph_group.command(name, help=help_text)
    @click.argument("site")
    @_filters
    def command(
        *,
        site: str,
        db: str,
        kinds: tuple[str, ...],
        since: str | None,
        until: str | None,
        limit: int,
        fmt: str,
    ) -> None:
        with Store(db, create=False) as store:
            rows = query(store, site, kinds=kinds, since=since, until=until, limit=limit)
        click.echo(render_rows(rows, fmt))

    return command


graph_credits = _neighbour_command("credits", credits_of, "What SITE credits.")
graph_credited_by = _neighbour_command("credited-by", credited_by, "Who credits SITE.")


@graph_group.command("pairs")
@_filters
@click.option("--strongest", is_flag=True, help="The heaviest edges instead of mutual pairs.")
def graph_pairs(
    *,
    db: str,
    kinds: tuple[str, ...],
    since: str | None,
    until: str | None,
    limit: int,
    fmt: str,
    strongest: bool,
) -> None:
    """Pairs of sites that credit each other (or, --strongest, the heaviest edges)."""
    with Store(db, create=False) as store:
        query = strongest_edges if strongest else mutual_pairs
        rows: Sequence[Any] = query(store, kinds=kinds, since=since, until=until, limit=limit)
    click.echo(render_rows(rows, fmt))


@graph_group.command("timeline")
@click.argument("site")
@_filters
@click.option("--by", "period", type=click.Choice(["year", "month", "day"]), default="month")
@click.option("--given", is_flag=True, help="Credits SITE gave, not received.")
def graph_timeline(
    *,
    site: str,
    db: str,
    kinds: tuple[str, ...],
    since: str | None,
    until: str | None,
    limit: int,
    fmt: str,
    period: str,
    given: bool,
) -> None:
    """Credits SITE received (or gave) per month, year or day."""
    with Store(db, create=False) as store:
        rows = timeline(store, site, by=period, given=given, kinds=kinds, since=since, until=until)
    click.echo(render_rows(rows[-limit:] if limit else rows, fmt))


@graph_group.command("export")
@_DB
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    default="gexf",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File [default: stdout].")
@click.option(
    "--nodes", type=click.Path(dir_okay=False), help="CSV only: write the node list here."
)
@click.option(
    "--kind", "kinds", multiple=True, callback=_split_kinds, help=f"Edge kinds: {_KINDS}."
)
@click.option("--since", help="From this date on.")
@click.option("--until", help="Up to this date, inclusive.")
def graph_export(
    *,
    db: str,
    fmt: str,
    output: str | None,
    nodes: str | None,
    kinds: tuple[str, ...],
    since: str | None,
    until: str | None,
) -> None:
    """Write the graph as GEXF (Gephi), GraphML, CSV (edges; --nodes for nodes) or JSON."""
    with Store(db, create=False) as store, ExitStack() as files:
        out = files.enter_context(_replacing(output)) if output else sys.stdout.buffer
        node_file = files.enter_context(_replacing(nodes)) if nodes else None
        export(store, out, fmt, kinds=kinds, since=since, until=until, nodes_out=node_file)
        out.flush()


@contextmanager
def _replacing(path: str) -> Iterator[BinaryIO]:
    """Write beside ``path`` and move into place only when all went well: a failed export leaves
    the old file as it was, never an empty one."""
    target = Path(path)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path())
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@graph_group.command("alias")
@click.argument("name", required=False)
@click.argument("site", required=False)
@_DB
def graph_alias(name: str | None, site: str | None, db: str) -> None:
    """Declare that the named party NAME is SITE ('Sadly, No!' sadlyno.com); no args: list."""
    if name is None or site is None:
        if name is not None:
            raise click.UsageError("give both NAME and SITE, or neither to list the aliases")
        with Store(db, create=False) as store:
            for key, target in store.aliases():
                click.echo(f"{key}\t{target}")
        return
    with Store(db) as store:
        moved = store.alias(name, site)
    click.echo(f"{name!r} is now {site} ({moved} edges re-pointed)", err=True)


@graph_group.command("stats")
@_DB
@click.option("--format", "fmt", type=click.Choice([f.value for f in RowFormat]), default="table")
def graph_stats(db: str, fmt: str) -> None:
    """How many pages, nodes and edges the graph holds."""
    with Store(db, create=False) as store:
        click.echo(render_rows([store.counts()], fmt))


# -- the resolver: `hattip resolve` ------------------------------------------------------------


@cli.command("resolve")
@click.argument("inputs", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--base", help="Resolve relative URLs against this page URL.")
@click.option("--platform", help="Where bare @handles live (twitter, instagram, bsky...).")
@click.option(
    "--online",
    is_flag=True,
    help="Follow short links and redirectors (t.co, bit.ly, doi.org...: those whose"
    " needs_network is true) over the network to the site they lead to. Every other input is"
    " still resolved offline and never fetched. Without --online nothing is fetched.",
)
@click.option(
    "--follow-all",
    is_flag=True,
    help="With --online: follow the redirects of every URL (one request or more per URL).",
)
@click.option("--allow-private", is_flag=True, help="With --online: allow private/loopback hosts.")
@click.option(
    "--cache",
    type=click.Path(dir_okay=False),
    envvar="HATTIP_RESOLVE_CACHE",
    help="SQLite cache of online results [default: in memory].",
)
@click.option("--offline-cache", is_flag=True, help="With --online: answer from --cache only.")
def resolve_command(
    *,
    inputs: tuple[str, ...],
    fmt: str,
    base: str | None,
    platform: str | None,
    online: bool,
    follow_all: bool,
    allow_private: bool,
    cache: str | None,
    offline_cache: bool,
) -> None:
    """Resolve URLs or @handles (arguments, or lines on stdin, or '-') to their site keys.

    Offline by default: only --online makes requests, and only for short links and
    redirectors unless --follow-all is given.
    """
    asked = {"--follow-all": follow_all, "--allow-private": allow_private}
    unused = [name for name, on in {**asked, "--offline-cache": offline_cache}.items() if on]
    if unused and not online:
        raise click.UsageError(f"{unused[0]} only applies with --online")
    lines = _resolve_inputs(inputs)
    records: Iterable[Resolution] = (resolve(x, base=base, platform=platform) for x in lines)
    if online:
        records = _follow(
            records,
            follow_all=follow_all,
            base=base,
            platform=platform,
            cache=cache,
            allow_private=allow_private,
            offline=offline_cache,
        )
    for r in records:
        if fmt == "json":
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        else:
            shown = f"error: {r.error}" if r.error else (r.url or "-")
            click.echo(f"{r.input}\t{r.site or '-'}\t{shown}")


def _follow(
    records: Iterable[Resolution],
    *,
    follow_all: bool,
    base: str | None,
    platform: str | None,
    cache: str | None,
    **options: Any,
) -> Iterator[Resolution]:
    """The offline records, those that need the network (every URL with ``follow_all``)
    followed online, 64 at a time; one result cache serves the run: no URL is fetched twice."""
    from hattip.resolve.online import ResultCache, resolve_texts_online  # httpx only when asked

    with ResultCache(cache or ":memory:") as results:
        for batch in _batched(records, 64):
            wanted = [r.url is not None and (follow_all or r.needs_network) for r in batch]
            texts = [r.input for r, want in zip(batch, wanted, strict=True) if want]
            followed = iter(
                resolve_texts_online(texts, base=base, platform=platform, cache=results, **options)
            )
            for record, want in zip(batch, wanted, strict=True):
                yield next(followed) if want else record


def _resolve_inputs(inputs: tuple[str, ...]) -> Iterable[str]:
    """The arguments, or stdin's lines (for no argument or '-'), without line ends."""
    if inputs and inputs != ("-",):
        yield from inputs
        return
    for line in sys.stdin:
        yield line.rstrip("\r\n")


def _batched(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="hattip")
