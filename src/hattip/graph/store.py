"""The credit graph on disk: one SQLite file, versioned schema, idempotent ``add(page)``.

Why SQLite: one file a researcher can copy, open in any SQL tool, and query while hattip writes
to it (WAL mode lets readers run beside one writer). Why these tables:

``sites``
    Every node: a site key (``kottke.org``, ``x.blogspot.com``, ``twitter.com/x``) or a named
    party without a URL (key ``name:sadly, no!``, ``is_name = 1``), with a display name.
``pages``
    One row per canonical URL: re-adding a page replaces what was known of it.
``edges``
    One row per (page, credited node, kind): who credits whom, how, on which page. ``credited_id``
    is the node as the page wrote it; ``target_id`` is where the credit lands after a name is
    merged into a site. Queries read ``target_id``; the ``edges_by_target`` index covers
    date-filtered rankings so they read one index and no table.
``names``
    Evidence that a name means a site: a credit, quote or post link whose words and URL agree
    ("via <a href=https://sadlyno.com>Sadly, No!</a>"). A named party is merged into the site most
    pages name it for.
``aliases``
    The user's word on a name (``hattip graph alias``), which beats the evidence.
``documents``
    Which input (a path, a URL) with which bytes made which page: re-ingesting skips parsing.
``credit_pairs``, ``credit_totals``
    Running totals, updated in every write transaction: edges per (credited, crediting, kind)
    and, per credited node and kind, distinct crediting sites and page-level credits (kind
    ``''``: all kinds). Top-credited reads one row per credited node from them instead of
    grouping every edge: under 0.1 s at a million edges.

>>> from hattip.model import Link, Page, Region
>>> store = Store(":memory:")
>>> page = Page(url="https://a.example/1", site="a.example", links=(
...     Link(url="https://b.example/", text="B", region=Region.BODY, site="b.example"),))
>>> store.add(page).status
<AddStatus.ADDED: 'added'>
>>> store.add(page).status
<AddStatus.UNCHANGED: 'unchanged'>
>>> store.counts().edges
1
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hattip.errors import StoreError
from hattip.model import CreditKind, Page, QuoteHow, Region

SCHEMA_VERSION = 4
"""The newest schema this hattip reads and writes (``PRAGMA user_version``)."""

APPLICATION_ID = 0x48415450
"""``PRAGMA application_id`` of a hattip store ("HATP"): hattip never writes to others' files."""

_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the first schema.
    (
        """CREATE TABLE sites (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT,
            is_name INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            page_url TEXT,
            site_id INTEGER REFERENCES sites(id),
            title TEXT,
            author TEXT,
            published TEXT,
            day TEXT,
            content_hash TEXT NOT NULL,
            added TEXT NOT NULL
        )""",
        "CREATE INDEX pages_by_site ON pages(site_id)",
        """CREATE TABLE edges (
            id INTEGER PRIMARY KEY,
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            crediting_id INTEGER NOT NULL REFERENCES sites(id),
            credited_id INTEGER NOT NULL REFERENCES sites(id),
            target_id INTEGER NOT NULL REFERENCES sites(id),
            named INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL,
            region TEXT NOT NULL,
            evidence TEXT NOT NULL,
            confidence REAL NOT NULL,
            url TEXT,
            mentions INTEGER NOT NULL DEFAULT 1,
            day TEXT
        )""",
        "CREATE INDEX edges_by_target ON edges(target_id, crediting_id, kind, day)",
        "CREATE INDEX edges_by_crediting ON edges(crediting_id, target_id)",
        "CREATE INDEX edges_by_page ON edges(page_id)",
        "CREATE INDEX edges_by_name ON edges(credited_id) WHERE named = 1",
        """CREATE TABLE names (
            name_key TEXT NOT NULL,
            site_id INTEGER NOT NULL REFERENCES sites(id),
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            PRIMARY KEY (name_key, site_id, page_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX names_by_page ON names(page_id)",
        """CREATE TABLE aliases (
            name_key TEXT PRIMARY KEY,
            site_id INTEGER NOT NULL REFERENCES sites(id)
        )""",
    ),
    # 2: running totals for top-credited, kept by triggers, so the ranking reads ~100k rows
    # instead of grouping every edge. Kind '' holds the all-kinds figures.
    (
        """CREATE TABLE credit_pairs (
            target_id INTEGER NOT NULL,
            crediting_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (target_id, crediting_id, kind)
        ) WITHOUT ROWID""",
        """CREATE TABLE credit_totals (
            target_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            sites INTEGER NOT NULL,
            citations INTEGER NOT NULL,
            PRIMARY KEY (target_id, kind)
        ) WITHOUT ROWID""",
        """INSERT INTO credit_pairs SELECT target_id, crediting_id, kind, count(*) FROM edges
            WHERE target_id != crediting_id GROUP BY target_id, crediting_id, kind""",
        """INSERT INTO credit_pairs SELECT target_id, crediting_id, '', count(*) FROM edges
            WHERE target_id != crediting_id GROUP BY target_id, crediting_id""",
        """INSERT INTO credit_totals SELECT target_id, kind, count(*), sum(n) FROM credit_pairs
            GROUP BY target_id, kind""",
        *(
            f"""CREATE TRIGGER edges_credit_{name} AFTER {event} ON edges
            WHEN NEW.target_id != NEW.crediting_id BEGIN
                INSERT INTO credit_totals
                    VALUES (NEW.target_id, NEW.kind, 0, 0), (NEW.target_id, '', 0, 0)
                    ON CONFLICT DO NOTHING;
                UPDATE credit_totals SET citations = citations + 1,
                    sites = sites + NOT EXISTS (SELECT 1 FROM credit_pairs p
                        WHERE p.target_id = NEW.target_id AND p.crediting_id = NEW.crediting_id
                        AND p.kind = credit_totals.kind)
                    WHERE target_id = NEW.target_id AND kind IN (NEW.kind, '');
                INSERT INTO credit_pairs VALUES (NEW.target_id, NEW.crediting_id, NEW.kind, 1),
                    (NEW.target_id, NEW.crediting_id, '', 1) ON CONFLICT DO UPDATE SET n = n + 1;
            END"""
            for name, event in (("in", "INSERT"), ("moved_in", "UPDATE OF target_id"))
        ),
        *(
            f"""CREATE TRIGGER edges_credit_{name} AFTER {event} ON edges
            WHEN OLD.target_id != OLD.crediting_id BEGIN
                UPDATE credit_pairs SET n = n - 1 WHERE target_id = OLD.target_id
                    AND crediting_id = OLD.crediting_id AND kind IN (OLD.kind, '');
                UPDATE credit_totals SET citations = citations - 1,
                    sites = sites - EXISTS (SELECT 1 FROM credit_pairs p
                        WHERE p.target_id = OLD.target_id AND p.crediting_id = OLD.crediting_id
                        AND p.kind = credit_totals.kind AND p.n = 0)
                    WHERE target_id = OLD.target_id AND kind IN (OLD.kind, '');
                DELETE FROM credit_pairs WHERE target_id = OLD.target_id
                    AND crediting_id = OLD.crediting_id AND kind IN (OLD.kind, '') AND n = 0;
                DELETE FROM credit_totals WHERE target_id = OLD.target_id
                    AND kind IN (OLD.kind, '') AND citations = 0;
            END"""
            for name, event in (("out", "DELETE"), ("moved_out", "UPDATE OF target_id"))
        ),
    ),
    # 3: the totals are kept per transaction from the store's own bookkeeping, in set-based
    # statements, instead of five trigger statements per edge (2.5x faster ingest).
    tuple(
        f"DROP TRIGGER IF EXISTS edges_credit_{name}"
        for name in ("in", "moved_in", "out", "moved_out")
    ),
    # 4: which input documents (origin + digest of the bytes) made which page, so a re-run of
    # ingest skips parsing what it has already read.
    (
        """CREATE TABLE documents (
            origin TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX documents_by_page ON documents(page_id)",
    ),
)
assert len(_MIGRATIONS) == SCHEMA_VERSION

NAME_PREFIX = "name:"
"""Key prefix of a named party that has no URL: ``name:sadly, no!``."""

_CREDIT_REGIONS_SKIPPED = frozenset({Region.COMMENT, Region.SIDEBAR, Region.NAV, Region.SHARE})
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SITE_CACHE_MAX = 200_000


class EdgeKind(StrEnum):
    """The kinds of edge the graph keeps apart: the credit kinds plus quote, link and blogroll."""

    VIA = "via"
    HAT_TIP = "hat_tip"
    THANKS = "thanks"
    SOURCE = "source"
    IMAGE_CREDIT = "image_credit"
    REPOST_OF = "repost_of"
    QUOTATION_OF = "quotation_of"
    REPLY_TO = "reply_to"
    QUOTE = "quote"
    """A blockquote, ``<q>`` or embed whose source resolves to a site."""
    LINK = "link"
    """A link in the post (body, footer, footnote, caption): a citation."""
    BLOGROLL = "blogroll"
    """A link in the sidebar: declared affinity, not citation."""


class AddStatus(StrEnum):
    """What :meth:`Store.add` did with a page."""

    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """The outcome of adding one page."""

    url: str
    """The canonical URL the page is stored under."""
    status: AddStatus
    """Added, replaced (its old edges dropped) or unchanged (same content: nothing written)."""
    edges: int
    """Edges the page holds now (0 when unchanged and skipped... see ``status``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AddSummary:
    """What :meth:`Store.add_many` did, in totals (constant memory however many pages)."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    edges: int = 0
    """Edges written for added and replaced pages."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreCounts:
    """How big the graph is; ``nodes`` and ``edges`` are what :func:`to_networkx` holds."""

    pages: int
    """Pages stored."""
    sites: int
    """Site nodes (pages' sites and credited sites), named parties excluded."""
    names: int
    """Named parties still standing on their own (not merged into a site)."""
    nodes: int
    """``sites + names`` that appear in the graph."""
    edges: int
    """Graph edges: one per (crediting site, credited node, kind)."""
    citations: int
    """Page-level edges: one per (page, credited node, kind)."""


@dataclass(frozen=True, slots=True)
class _EdgeRow:
    region: str
    evidence: str
    confidence: float
    url: str | None
    mentions: int


def name_key(name: str) -> str:
    """The node key of a named party: ``"Sadly,  No!"`` -> ``"name:sadly, no!"``.

    Case and spacing fold, so "Sadly, No!" and "sadly, no!" are one party.

    >>> name_key("  Sadly,   No! ")
    'name:sadly, no!'
    """
    folded = " ".join(name.split()).strip(" \"'“”‘’.,;:").casefold()
    return NAME_PREFIX + folded


def page_key(page: Page) -> str | None:
    """The URL a page is stored under: its canonical URL, else its URL (fragment dropped).

    A canonical URL counts only when it can be the same post: on the page's own host, and not
    the site's home page for a deeper URL (templates that point every post at the home page,
    or a page claiming another site's URL, must not overwrite other pages).

    >>> page_key(Page(url="https://b.example/2008/post", canonical_url="https://b.example/"))
    'https://b.example/2008/post'
    """
    url, canonical = page.url, page.canonical_url
    if canonical and (url is None or _may_be_the_same_post(canonical, url)):
        url = canonical
    if not url:
        return None
    return url.split("#", 1)[0]


def _may_be_the_same_post(canonical: str, url: str) -> bool:
    try:
        c, u = urlsplit(canonical), urlsplit(url)
    except ValueError:
        return False
    c_host = (c.hostname or "").removeprefix("www.")
    u_host = (u.hostname or "").removeprefix("www.")
    if c_host != u_host:
        return False
    return not (c.path in ("", "/") and u.path not in ("", "/"))


def content_hash(page: Page) -> str:
    """A digest of everything hattip read from the page: equal digests mean nothing to rewrite."""
    # The frozen dataclasses' repr is complete and stable (fields in order, enums by value).
    return hashlib.sha256(repr(page).encode("utf-8", "surrogatepass")).hexdigest()


def page_day(published: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO 8601 date, or ``None`` when the page gives no readable date."""
    if published and _DAY.match(published):
        return published[:10]
    return None


def edges_of(page: Page) -> dict[tuple[str, EdgeKind], _EdgeRow]:
    """The graph edges one page makes, keyed by (credited node key, kind), self-credits dropped.

    Several mentions of one party with one kind on one page are one edge (``mentions`` counts
    them) that keeps the most confident evidence.
    """
    found: dict[tuple[str, EdgeKind], _EdgeRow] = {}
    own = page.site

    def put(target: str | None, kind: EdgeKind, row: _EdgeRow) -> None:
        if not target or target == own:
            return
        old = found.get((target, kind))
        if old is None:
            found[(target, kind)] = row
        else:
            best = row if row.confidence > old.confidence else old
            found[(target, kind)] = _EdgeRow(
                best.region, best.evidence, best.confidence, best.url, old.mentions + 1
            )

    if own is None:
        return found
    for credit in page.credits:
        if credit.region in _CREDIT_REGIONS_SKIPPED:
            continue
        target = credit.site or (name_key(credit.name) if credit.name else None)
        if target == NAME_PREFIX:
            continue
        row = _EdgeRow(str(credit.region), credit.evidence, float(credit.confidence), credit.url, 1)
        put(target, EdgeKind(credit.kind.value), row)
    for quote in page.quotes:
        if quote.site and quote.region.is_post and quote.how is not QuoteHow.SELF:
            evidence = quote.name or quote.text[:200]
            put(
                quote.site, EdgeKind.QUOTE, _EdgeRow(str(quote.region), evidence, 1.0, quote.url, 1)
            )
    for link in page.links:
        if not link.site:
            continue
        if link.region.is_post:
            kind = EdgeKind.LINK
        elif link.region is Region.SIDEBAR:
            kind = EdgeKind.BLOGROLL
        else:
            continue
        put(link.site, kind, _EdgeRow(str(link.region), link.text[:200], 1.0, link.url, 1))
    return found


def _name_evidence(page: Page) -> set[tuple[str, str, bool]]:
    """(name key, site key, is a display name) pairs the page shows: words and a URL that agree.

    Only a short name in a via / hat tip / thanks / source style credit may become the site's
    display name: image credits, quote attributions and link words are too often something else.
    """
    seen: set[tuple[str, str, bool]] = set()
    for credit in page.credits:
        if credit.name and credit.site and credit.site != page.site:
            display = credit.kind is not CreditKind.IMAGE_CREDIT and len(credit.name) <= 40
            seen.add((name_key(credit.name), credit.site, display))
    for quote in page.quotes:
        if quote.name and quote.site and quote.site != page.site:
            seen.add((name_key(quote.name), quote.site, False))
    for link in page.links:
        if link.site and link.region.is_post and link.site != page.site and _is_name(link.text):
            seen.add((name_key(link.text), link.site, False))
    return {item for item in seen if item[0] != NAME_PREFIX}


_NOT_NAMES = frozenset(
    {
        "here", "this", "that", "link", "source", "post", "article", "story", "more",
        "read more", "click here", "this post", "this story", "this article", "this one",
        "the link", "website", "blog", "his blog", "her blog", "their blog",
    }
)  # fmt: skip


def _is_name(text: str) -> bool:
    """Whether a link's words could name a party: not a URL, a domain, or "here"-style filler."""
    words = " ".join(text.split())
    if not 2 <= len(words) <= 80 or "://" in words or not any(c.isalpha() for c in words):
        return False
    if " " not in words and "." in words.strip("."):
        return False  # a bare domain: the link's site already says it
    return words.casefold() not in _NOT_NAMES


class Store:
    """A credit graph in one SQLite file (``":memory:"`` for tests).

    One ``Store`` is one connection: use it from one thread. Several processes may open the same
    file; readers never block the one writer (WAL). Writes run in ``BEGIN IMMEDIATE``
    transactions, so a killed writer loses at most its open batch.

    ``create=False`` refuses to create a missing file (what the query commands want).
    """

    def __init__(self, path: str | Path = "hattip.db", *, create: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not create and not Path(self.path).exists():
            msg = (
                f"no credit graph at {self.path!r}: run `hattip ingest PATH --db {self.path}` first"
            )
            raise StoreError(msg)
        try:
            self._conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        except sqlite3.Error as exc:
            msg = f"cannot open credit graph {self.path!r}: {exc} (check the path and permissions)"
            raise StoreError(msg) from exc
        self._site_ids: dict[str, int] = {}
        self._delta: dict[tuple[int, int, str], int] = {}
        self._in_tx = False
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            msg = f"{self.path!r} is not a usable SQLite database ({exc}): give another --db file"
            raise StoreError(msg) from exc
        except StoreError:
            self._conn.close()
            raise

    # -- opening -------------------------------------------------------------------------

    def _setup(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA temp_store = MEMORY")
        # The edge indexes take random inserts: 64 MB of page cache keeps them off the disk.
        conn.execute("PRAGMA cache_size = -65536")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id not in (0, APPLICATION_ID):
            msg = f"{self.path!r} is some other program's SQLite database: give hattip its own --db"
            raise StoreError(msg)
        if version > SCHEMA_VERSION:
            msg = (
                f"{self.path!r} was written by a newer hattip (schema {version}; this hattip "
                f"knows up to {SCHEMA_VERSION}): upgrade hattip to read it"
            )
            raise StoreError(msg)
        if version == 0 and app_id == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                msg = f"{self.path!r} is a SQLite file hattip did not make: give another --db"
                raise StoreError(msg)
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process (not a power cut) and is much faster.
            conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        """Apply the forward migrations after ``version``, each in its own transaction."""
        with self._transaction():
            # Re-read under the write lock: another process may have migrated meanwhile.
            version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
            for number in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[number - 1]:
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {number}")
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for your own read-only SQL (schema: see the module doc)."""
        return self._conn

    def close(self) -> None:
        """Close the connection (a ``with Store(...)`` block does this for you)."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; ``BEGIN IMMEDIATE`` locks up front (no lock-upgrade deadlock)."""
        if self._in_tx:
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
            self._apply_totals()
            self._conn.execute("COMMIT")
        except BaseException:
            # SQLite may have rolled back already (a failed COMMIT, a full disk): a second
            # ROLLBACK would raise and hide the first error.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._site_ids.clear()
            self._delta.clear()
            raise
        finally:
            self._in_tx = False

    def _count(self, crediting: int, target: int, kind: str, n: int) -> None:
        """Note that edges (crediting -> target, kind) changed by ``n`` in this transaction."""
        if crediting != target:
            key = (target, crediting, kind)
            self._delta[key] = self._delta.get(key, 0) + n

    def _apply_totals(self) -> None:
        """Fold this transaction's edge changes into ``credit_pairs`` and ``credit_totals``.

        Set-based: the changes go to a temporary table, and three statements update the
        totals, so the cost is a sorted merge per transaction, not statements per edge.
        """
        if not self._delta:
            return
        conn = self._conn
        merged: dict[tuple[int, int, str], int] = {}
        for (target, crediting, kind), n in self._delta.items():
            if n:
                merged[(target, crediting, kind)] = n
                every = (target, crediting, "")
                merged[every] = merged.get(every, 0) + n
        self._delta.clear()
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS credit_delta (target_id INTEGER, crediting_id"
            " INTEGER, kind TEXT, n INTEGER, PRIMARY KEY (target_id, crediting_id, kind))"
            " WITHOUT ROWID"
        )
        conn.execute("DELETE FROM temp.credit_delta")
        conn.executemany(
            "INSERT INTO temp.credit_delta VALUES (?, ?, ?, ?)",
            sorted((t, c, k, n) for (t, c, k), n in merged.items() if n),
        )
        conn.execute(
            "INSERT INTO credit_totals (target_id, kind, sites, citations)"
            " SELECT d.target_id, d.kind,"
            "  sum(CASE WHEN coalesce(p.n, 0) <= 0 AND coalesce(p.n, 0) + d.n > 0 THEN 1"
            "   WHEN coalesce(p.n, 0) > 0 AND coalesce(p.n, 0) + d.n <= 0 THEN -1 ELSE 0 END),"
            "  sum(d.n)"
            " FROM temp.credit_delta d LEFT JOIN credit_pairs p ON p.target_id = d.target_id"
            "  AND p.crediting_id = d.crediting_id AND p.kind = d.kind"
            " WHERE true GROUP BY d.target_id, d.kind"
            " ON CONFLICT DO UPDATE SET sites = sites + excluded.sites,"
            "  citations = citations + excluded.citations"
        )
        conn.execute(
            "INSERT INTO credit_pairs SELECT target_id, crediting_id, kind, n"
            " FROM temp.credit_delta WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n"
        )
        conn.execute(
            "DELETE FROM credit_pairs WHERE n <= 0 AND (target_id, crediting_id, kind) IN"
            " (SELECT target_id, crediting_id, kind FROM temp.credit_delta)"
        )
        conn.execute(
            "DELETE FROM credit_totals WHERE citations <= 0 AND (target_id, kind) IN"
            " (SELECT target_id, kind FROM temp.credit_delta)"
        )

    # -- writing -------------------------------------------------------------------------

    def _site_id(self, key: str, *, is_name: bool = False, name: str | None = None) -> int:
        cached = self._site_ids.get(key)
        if cached is not None:
            return cached
        row = self._conn.execute(
            "INSERT INTO sites(key, name, is_name) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET key = excluded.key RETURNING id",
            (key, name, int(is_name)),
        ).fetchone()
        if len(self._site_ids) >= _SITE_CACHE_MAX:
            self._site_ids.clear()
        self._site_ids[key] = int(row[0])
        return int(row[0])

    def add(self, page: Page) -> AddResult:
        """Record one page, replacing what was known of it (by canonical URL), in one transaction.

        Re-adding an unchanged page writes nothing; a changed page's old edges are dropped.
        Raises :class:`StoreError` for a page with no URL at all (there is nothing to key it by).
        """
        with self._transaction():
            result, names = self._add_one(page)
            self._resolve_names(names)
        return result

    def add_many(
        self,
        pages: Iterable[Page],
        *,
        batch_size: int = 500,
        on_commit: Callable[[AddSummary], None] | None = None,
        on_error: Callable[[Page, StoreError], None] | None = None,
    ) -> AddSummary:
        """Record pages in transactions of ``batch_size``; stream in, constant memory.

        A killed process keeps every batch committed before it. ``on_commit`` hears the running
        totals after each commit. A page that cannot be stored goes to ``on_error`` (without it:
        raised) and the batch carries on without it.
        """
        totals = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0, "edges": 0}
        it = iter(pages)
        while True:
            with self._transaction():
                names: set[str] = set()
                count = 0
                for page in it:
                    count += 1
                    try:
                        # _add_one raises StoreError before it writes: no savepoint needed.
                        result, touched = self._add_one(page)
                    except StoreError as exc:
                        if on_error is None:
                            raise
                        totals["failed"] += 1
                        on_error(page, exc)
                    else:
                        totals[str(result.status)] += 1
                        if result.status is not AddStatus.UNCHANGED:
                            totals["edges"] += result.edges
                        names |= touched
                    if count >= batch_size:
                        break
                self._resolve_names(names)
            if on_commit is not None and count:
                on_commit(AddSummary(**totals))
            if count < batch_size:
                return AddSummary(**totals)

    def _add_one(self, page: Page) -> tuple[AddResult, set[str]]:
        url = page_key(page)
        if url is None:
            title = page.title or "(untitled)"
            msg = f"page {title!r} has no URL: pass url= to extract() to store it"
            raise StoreError(msg)
        digest = content_hash(page)
        conn = self._conn
        old = conn.execute("SELECT id, content_hash FROM pages WHERE url = ?", (url,)).fetchone()
        if old is not None and old[1] == digest:
            edges = conn.execute("SELECT count(*) FROM edges WHERE page_id = ?", (old[0],))
            return AddResult(url=url, status=AddStatus.UNCHANGED, edges=edges.fetchone()[0]), set()
        touched: set[str] = set()
        site_id = self._site_id(page.site) if page.site else None
        day = page_day(page.published)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        values = (page.url, site_id, page.title, page.author, page.published, day, digest, now)
        if old is not None:
            page_id = int(old[0])
            touched.update(
                r[0]
                for r in conn.execute(
                    "SELECT s.key FROM edges e JOIN sites s ON s.id = e.credited_id "
                    "WHERE e.page_id = ? AND e.named = 1",
                    (page_id,),
                )
            )
            touched.update(
                r[0]
                for r in conn.execute("SELECT name_key FROM names WHERE page_id = ?", (page_id,))
            )
            for crediting, target, kind in conn.execute(
                "DELETE FROM edges WHERE page_id = ? RETURNING crediting_id, target_id, kind",
                (page_id,),
            ).fetchall():
                self._count(crediting, target, kind, -1)
            conn.execute("DELETE FROM names WHERE page_id = ?", (page_id,))
            conn.execute(
                "UPDATE pages SET page_url = ?, site_id = ?, title = ?, author = ?, published = ?,"
                " day = ?, content_hash = ?, added = ? WHERE id = ?",
                (*values, page_id),
            )
            status = AddStatus.REPLACED
        else:
            page_id = int(
                conn.execute(
                    "INSERT INTO pages(url, page_url, site_id, title, author, published, day,"
                    " content_hash, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (url, *values),
                ).fetchone()[0]
            )
            status = AddStatus.ADDED
        rows: list[tuple[Any, ...]] = []
        if site_id is not None:
            display: dict[str, str] = {}
            for credit in page.credits:
                if credit.name and not credit.site:
                    display.setdefault(name_key(credit.name), " ".join(credit.name.split()))
            for (target, kind), edge in edges_of(page).items():
                named = target.startswith(NAME_PREFIX)
                target_id = self._site_id(target, is_name=named, name=display.get(target))
                if named:
                    touched.add(target)
                rows.append(
                    (page_id, site_id, target_id, target_id, int(named), str(kind), edge.region,
                     edge.evidence, edge.confidence, edge.url, edge.mentions, day)
                )  # fmt: skip
                self._count(site_id, target_id, str(kind), 1)
            conn.executemany(
                "INSERT INTO edges(page_id, crediting_id, credited_id, target_id, named, kind,"
                " region, evidence, confidence, url, mentions, day)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            evidence = sorted(_name_evidence(page))
            conn.executemany(
                "INSERT OR IGNORE INTO names(name_key, site_id, page_id) VALUES (?, ?, ?)",
                [(key, self._site_id(site), page_id) for key, site, _ in evidence],
            )
            for key, site, is_display in evidence:
                if is_display:
                    conn.execute(
                        "UPDATE sites SET name = ? WHERE id = ? AND name IS NULL",
                        (_display_of(page, key), self._site_id(site)),
                    )
                touched.add(key)
        return AddResult(url=url, status=status, edges=len(rows)), touched

    def _resolve_names(self, keys: Iterable[str]) -> int:
        """Point every edge to a named party at the site that name means, if the store knows one.

        Returns how many edges moved.
        """
        conn = self._conn
        moved = 0
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            nodes = conn.execute(
                f"SELECT id, key FROM sites WHERE key IN ({', '.join('?' * len(chunk))})"
                " AND is_name = 1",
                chunk,
            ).fetchall()
            for node_id, key in nodes:
                target = self._meaning_of(key)
                target_id = int(node_id) if target is None else target
                moving = conn.execute(
                    "SELECT crediting_id, target_id, kind FROM edges"
                    " WHERE credited_id = ? AND named = 1 AND target_id != ?",
                    (node_id, target_id),
                ).fetchall()
                for crediting, old_target, kind in moving:
                    self._count(crediting, old_target, kind, -1)
                    self._count(crediting, target_id, kind, 1)
                conn.execute(
                    "UPDATE edges SET target_id = ? WHERE credited_id = ? AND named = 1"
                    " AND target_id != ?",
                    (target_id, node_id, target_id),
                )
                moved += len(moving)
        return moved

    def _meaning_of(self, key: str) -> int | None:
        """The site a name means: the user's alias, else the site most pages name it for."""
        conn = self._conn
        alias = conn.execute("SELECT site_id FROM aliases WHERE name_key = ?", (key,)).fetchone()
        if alias is not None:
            return int(alias[0])
        best = conn.execute(
            "SELECT n.site_id FROM names n JOIN sites s ON s.id = n.site_id WHERE n.name_key = ?"
            " GROUP BY n.site_id ORDER BY count(*) DESC, s.key LIMIT 1",
            (key,),
        ).fetchone()
        return None if best is None else int(best[0])

    def has_document(self, origin: str, digest: str) -> bool:
        """Whether the document ``origin`` with these bytes (``digest``) made a stored page."""
        row = self._conn.execute(
            "SELECT 1 FROM documents WHERE origin = ? AND digest = ?", (origin, digest)
        ).fetchone()
        return row is not None

    def remember_documents(self, rows: Iterable[tuple[str, str, str | None]]) -> None:
        """Record (origin, digest, page URL) for pages stored from input documents."""
        with self._transaction():
            self._conn.executemany(
                "INSERT INTO documents (origin, digest, page_id)"
                " SELECT ?, ?, id FROM pages WHERE url = ?"
                " ON CONFLICT (origin) DO UPDATE SET digest = excluded.digest,"
                " page_id = excluded.page_id",
                rows,
            )

    def known_urls(self) -> frozenset[str]:
        """Every URL the store has a page for, to skip before fetching (``--skip-known``).

        That is each page's key (its canonical URL), the URL it was read from, and each input
        URL a stored page came from (``documents``): a URL that redirected on the first run is
        known under the name the user gave, so a resumed run does not fetch it again. Read once
        into memory (about 100 bytes a URL), because the caller asks about every input.

        >>> from hattip.model import Page
        >>> store = Store(":memory:")
        >>> _ = store.add(Page(url="https://b.example/p?utm=x", canonical_url="https://b.example/p"))
        >>> sorted(store.known_urls())
        ['https://b.example/p', 'https://b.example/p?utm=x']
        """
        rows = self._conn.execute(
            "SELECT url FROM pages UNION SELECT page_url FROM pages WHERE page_url IS NOT NULL"
            " UNION SELECT origin FROM documents"
            " WHERE origin LIKE 'http://%' OR origin LIKE 'https://%'"
        )
        return frozenset(str(url) for (url,) in rows if url)

    def alias(self, name: str, site: str) -> int:
        """Declare that the named party ``name`` is the site ``site``; returns the edges re-pointed.

        The alias beats whatever the pages suggest, and applies to pages added later too.
        """
        key = name_key(name)
        if key == NAME_PREFIX:
            msg = (
                f"alias name {name!r} is empty: give the name as pages write it, e.g. 'Sadly, No!'"
            )
            raise StoreError(msg)
        site = site.strip().lower()
        if not site or site.startswith(NAME_PREFIX) or " " in site:
            msg = f"alias target {site!r} is not a site key: give one like 'example.com'"
            raise StoreError(msg)
        with self._transaction():
            site_id = self._site_id(site)
            self._conn.execute(
                "INSERT INTO aliases(name_key, site_id) VALUES (?, ?)"
                " ON CONFLICT(name_key) DO UPDATE SET site_id = excluded.site_id",
                (key, site_id),
            )
            return self._resolve_names([key])

    def aliases(self) -> tuple[tuple[str, str], ...]:
        """Every user alias as (name key, site key), sorted."""
        rows = self._conn.execute(
            "SELECT a.name_key, s.key FROM aliases a JOIN sites s ON s.id = a.site_id ORDER BY 1"
        )
        return tuple((str(a), str(b)) for a, b in rows)

    # -- reading -------------------------------------------------------------------------

    def counts(
        self,
        *,
        kinds: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> StoreCounts:
        """How big the graph is (optionally only edges of some kinds, in a date range)."""
        where, params = edge_filter(kinds, since, until)
        conn = self._conn
        pages = conn.execute("SELECT count(*) FROM pages").fetchone()[0]
        if kinds or since or until:
            citations = conn.execute(f"SELECT count(*) FROM edges e WHERE {where}", params)
            edges = conn.execute(
                "SELECT count(*) FROM (SELECT DISTINCT e.crediting_id, e.target_id, e.kind"
                f" FROM edges e WHERE {where})",
                params,
            )
        else:  # the running totals already hold both figures
            citations = conn.execute("SELECT total(citations) FROM credit_totals WHERE kind = ''")
            edges = conn.execute("SELECT count(*) FROM credit_pairs WHERE kind != ''")
        node_rows = conn.execute(
            f"SELECT s.is_name, count(*) FROM sites s WHERE s.id IN ({graph_nodes_sql(where)})"
            " GROUP BY s.is_name",
            params + params,
        ).fetchall()
        by_kind = {int(k): int(n) for k, n in node_rows}
        sites, names = by_kind.get(0, 0), by_kind.get(1, 0)
        return StoreCounts(
            pages=int(pages),
            sites=sites,
            names=names,
            nodes=sites + names,
            edges=int(edges.fetchone()[0]),
            citations=int(citations.fetchone()[0]),
        )


def graph_nodes_sql(where: str) -> str:
    """SQL selecting the node ids of the graph: every site with a page, every edge's two ends."""
    return (
        "SELECT site_id FROM pages WHERE site_id IS NOT NULL"
        f" UNION SELECT crediting_id FROM edges e WHERE {where}"
        f" UNION SELECT target_id FROM edges e WHERE {where}"
    )


def edge_filter(
    kinds: Sequence[str] | None, since: str | None, until: str | None
) -> tuple[str, list[Any]]:
    """A WHERE clause over ``edges e``: self-credits out, then kinds and a date range.

    ``since``/``until`` are ISO dates, inclusive; ``2008`` or ``2008-03`` mean the whole year or
    month. Undated edges drop out of a date-filtered query.
    """
    conds = ["e.target_id != e.crediting_id"]
    params: list[Any] = []
    if kinds:
        for kind in kinds:
            check_kind(kind)
        conds.append(f"e.kind IN ({', '.join('?' * len(kinds))})")
        params.extend(str(k) for k in kinds)
    if since:
        conds.append("e.day >= ?")
        params.append(_check_date(since))
    if until:
        conds.append("e.day < ?")
        params.append(_after(_check_date(until)))
    return " AND ".join(conds), params


def check_kind(kind: str) -> EdgeKind:
    """The :class:`EdgeKind` named ``kind``, or a :class:`StoreError` listing the kinds."""
    try:
        return EdgeKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in EdgeKind)
        msg = f"unknown edge kind {kind!r}: use one of {known}"
        raise StoreError(msg) from None


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _check_date(text: str) -> str:
    if not _DATE.fullmatch(text):
        msg = f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        raise StoreError(msg)
    return text


def _after(period: str) -> str:
    """The first day string after a YYYY / YYYY-MM / YYYY-MM-DD period, for an exclusive bound."""
    return period + "\U0010ffff"


def _display_of(page: Page, key: str) -> str:
    for name in (*(c.name for c in page.credits), *(q.name for q in page.quotes)):
        if name and name_key(name) == key:
            return " ".join(name.split())
    return key[len(NAME_PREFIX) :]


__all__ = [
    "APPLICATION_ID",
    "NAME_PREFIX",
    "SCHEMA_VERSION",
    "AddResult",
    "AddStatus",
    "AddSummary",
    "EdgeKind",
    "Store",
    "StoreCounts",
    "content_hash",
    "edge_filter",
    "edges_of",
    "name_key",
    "page_day",
    "page_key",
]
