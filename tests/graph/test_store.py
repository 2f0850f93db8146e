"""hattip.graph.Store: schema versions, idempotent add, edges kept apart by kind, named parties."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hattip.errors import StoreError
from hattip.graph import (
    SCHEMA_VERSION,
    AddStatus,
    EdgeKind,
    Store,
    edges_of,
    name_key,
    top_credited,
    top_credited_by_scan,
)
from hattip.graph.store import APPLICATION_ID
from hattip.model import CreditKind, Link, Page, Region

from .conftest import credit, link, page, quote


def _edges(store: Store) -> set[tuple[str, str, str]]:
    rows = store.connection.execute(
        "SELECT a.key, b.key, e.kind FROM edges e JOIN sites a ON a.id = e.crediting_id"
        " JOIN sites b ON b.id = e.target_id"
    )
    return {(a, b, k) for a, b, k in rows}


def test_new_file_gets_current_schema_version_and_wal(tmp_path: Path) -> None:
    """A new store is at SCHEMA_VERSION, marked as hattip's, in WAL mode with foreign keys."""
    with Store(tmp_path / "g.db") as store:
        conn = store.connection
        assert store.schema_version == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_keeps_data_and_version(tmp_path: Path) -> None:
    """Opening an existing store migrates nothing and keeps its pages."""
    with Store(tmp_path / "g.db") as store:
        store.add(page("a.example", links=(link("b.example"),)))
    with Store(tmp_path / "g.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts().pages == 1


def test_newer_schema_is_refused_with_upgrade_hint(tmp_path: Path) -> None:
    """A file written by a newer hattip raises StoreError saying to upgrade."""
    path = tmp_path / "g.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match=r"newer hattip.*upgrade"):
        Store(path)


def test_someone_elses_database_is_refused(tmp_path: Path) -> None:
    """A SQLite file with other tables and no hattip mark is not written to."""
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="did not make"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    """A text file given as --db is a StoreError, not a sqlite3 traceback."""
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(path)


def test_missing_file_with_create_false_names_the_fix(tmp_path: Path) -> None:
    """Query commands open with create=False: a missing file says to run ingest first."""
    with pytest.raises(StoreError, match="hattip ingest"):
        Store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_adding_the_same_page_twice_changes_nothing(store: Store) -> None:
    """Re-adding an unchanged page reports unchanged and leaves every count equal."""
    p = page("a.example", links=(link("b.example"),), credits=(credit(site="c.example"),))
    assert store.add(p).status is AddStatus.ADDED
    before = store.counts()
    assert store.add(p).status is AddStatus.UNCHANGED
    assert store.counts() == before


def test_updated_page_replaces_its_old_edges(store: Store) -> None:
    """A page whose content changed keeps one row and only its new edges."""
    store.add(page("a.example", links=(link("b.example"),)))
    result = store.add(page("a.example", links=(link("c.example"),)))
    assert result.status is AddStatus.REPLACED
    assert _edges(store) == {("a.example", "c.example", "link")}
    assert store.counts().pages == 1


def test_canonical_url_is_the_page_identity(store: Store) -> None:
    """Two fetches of one post under different URLs with one canonical URL are one page."""
    base = page("a.example", links=(link("b.example"),))
    store.add(
        replace(
            base, url="https://a.example/post/1?utm_source=x", canonical_url="https://a.example/p1"
        )
    )
    store.add(replace(base, url="https://a.example/amp/p1", canonical_url="https://a.example/p1"))
    assert store.counts().pages == 1


def test_page_without_any_url_is_a_store_error(store: Store) -> None:
    """There is nothing to key a page by without a URL: StoreError naming the fix."""
    with pytest.raises(StoreError, match="has no URL"):
        store.add(Page(site="a.example"))


REGION_KINDS = [
    (Region.BODY, "link"),
    (Region.FOOTER, "link"),
    (Region.FOOTNOTE, "link"),
    (Region.CAPTION, "link"),
    (Region.SIDEBAR, "blogroll"),
    (Region.NAV, None),
    (Region.SHARE, None),
    (Region.COMMENT, None),
    (Region.HEAD, None),
]


@pytest.mark.parametrize(("region", "kind"), REGION_KINDS, ids=[str(r) for r, _ in REGION_KINDS])
def test_link_region_decides_the_edge_kind(store: Store, region: Region, kind: str | None) -> None:
    """Post links are citations, sidebar links a blogroll; nav, share, comment, head: no edge."""
    store.add(page("a.example", links=(link("b.example", region=region),)))
    expected = set() if kind is None else {("a.example", "b.example", kind)}
    assert _edges(store) == expected


@pytest.mark.parametrize("kind", list(CreditKind), ids=[k.value for k in CreditKind])
def test_every_credit_kind_is_an_edge_of_its_own_kind(store: Store, kind: CreditKind) -> None:
    """Each credit kind becomes an edge of the same name, beside the plain link."""
    store.add(
        page("a.example", links=(link("b.example"),), credits=(credit(kind, site="b.example"),))
    )
    assert _edges(store) == {
        ("a.example", "b.example", "link"),
        ("a.example", "b.example", kind.value),
    }


def test_edge_kinds_cover_every_credit_kind() -> None:
    """EdgeKind holds each CreditKind under the same value, plus quote, link and blogroll."""
    extra = {k.value for k in EdgeKind} - {k.value for k in CreditKind}
    assert extra == {"quote", "link", "blogroll"}


def test_quote_with_a_site_is_a_quote_edge(store: Store) -> None:
    """A blockquote whose source resolves to a site credits that site with kind quote."""
    store.add(page("a.example", quotes=(quote("b.example"), quote(None, name="Someone"))))
    assert _edges(store) == {("a.example", "b.example", "quote")}


def test_credit_in_a_comment_is_not_the_authors_credit(store: Store) -> None:
    """A commenter's "via" does not make the post credit anyone."""
    store.add(page("a.example", credits=(credit(site="b.example", region=Region.COMMENT),)))
    assert _edges(store) == set()


def test_self_links_and_self_credits_are_not_edges(store: Store) -> None:
    """Links and credits to the page's own site are dropped."""
    store.add(page("a.example", links=(link("a.example"),), credits=(credit(site="a.example"),)))
    assert _edges(store) == set()
    assert store.counts().edges == 0


def test_repeated_mentions_on_one_page_are_one_edge(store: Store) -> None:
    """Five links from one post to one site are one page-level edge that counts 5 mentions."""
    store.add(page("a.example", links=tuple(link("b.example") for _ in range(5))))
    assert store.counts().citations == 1
    assert store.connection.execute("SELECT mentions FROM edges").fetchone()[0] == 5


def test_most_confident_evidence_is_kept(store: Store) -> None:
    """When one page credits one party twice, the edge keeps the surer evidence."""
    weak = credit(site="b.example", confidence=0.4)
    strong = replace(credit(site="b.example", confidence=0.95), evidence="strong")
    (edge,) = edges_of(page("a.example", credits=(weak, strong))).values()
    assert edge.evidence == "strong"
    assert edge.confidence == 0.95


def test_named_party_without_url_is_a_node_of_its_own(store: Store) -> None:
    """ "via Sadly, No!" with no link credits the node name:sadly, no!, shown as written."""
    store.add(page("a.example", credits=(credit(name="Sadly, No!"),)))
    assert _edges(store) == {("a.example", "name:sadly, no!", "via")}
    row = store.connection.execute(
        "SELECT name, is_name FROM sites WHERE key = ?", ("name:sadly, no!",)
    )
    assert row.fetchone() == ("Sadly, No!", 1)
    assert store.counts().names == 1


def test_named_party_merges_into_the_site_another_page_links(store: Store) -> None:
    """Once a page links the words "Sadly, No!" to sadlyno.com, earlier name credits land there."""
    store.add(page("a.example", credits=(credit(name="Sadly, No!"),)))
    store.add(page("b.example", links=(link("sadlyno.com", text="Sadly, No!"),)))
    assert ("a.example", "sadlyno.com", "via") in _edges(store)
    assert store.counts().names == 0


def test_named_party_merges_for_pages_added_later_too(store: Store) -> None:
    """A name already tied to a site resolves new name-only credits on arrival."""
    store.add(page("b.example", credits=(credit(site="sadlyno.com", name="Sadly, No!"),)))
    store.add(page("a.example", credits=(credit(name="sadly,  no!"),)))
    assert ("a.example", "sadlyno.com", "via") in _edges(store)


def test_merge_is_undone_when_the_evidence_page_changes(store: Store) -> None:
    """If the only page tying a name to a site stops doing so, the name stands alone again."""
    store.add(page("a.example", credits=(credit(name="Sadly, No!"),)))
    store.add(page("b.example", links=(link("sadlyno.com", text="Sadly, No!"),)))
    store.add(page("b.example", links=(link("sadlyno.com", text="a blog"),)))
    assert ("a.example", "name:sadly, no!", "via") in _edges(store)


def test_user_alias_beats_the_evidence(store: Store) -> None:
    """`alias NAME SITE` points the name at SITE even when pages suggest another site."""
    store.add(page("a.example", credits=(credit(name="Atrios"),)))
    store.add(page("b.example", links=(link("wrong.example", text="Atrios"),)))
    assert store.alias("Atrios", "eschatonblog.com") == 1
    assert ("a.example", "eschatonblog.com", "via") in _edges(store)
    assert store.aliases() == (("name:atrios", "eschatonblog.com"),)


@pytest.mark.parametrize(
    ("name", "site"),
    [("", "x.example"), ("Atrios", ""), ("Atrios", "two words")],
    ids=["empty-name", "empty-site", "site-with-space"],
)
def test_bad_alias_is_a_store_error(store: Store, name: str, site: str) -> None:
    """An empty name or a site that is not a key is refused with the fix in the message."""
    with pytest.raises(StoreError, match="alias"):
        store.alias(name, site)


def test_name_key_folds_case_and_space() -> None:
    """Spacing, case and trailing punctuation do not make a new party."""
    assert name_key("Sadly,  No! ") == name_key("sadly, no!") == "name:sadly, no!"


def test_add_many_commits_in_batches_and_reports_totals(store: Store) -> None:
    """add_many commits every batch_size pages and returns the totals."""
    commits: list[int] = []
    pages = [page(f"s{i}.example", links=(link("hub.example"),)) for i in range(7)]
    summary = store.add_many(pages, batch_size=3, on_commit=lambda s: commits.append(s.added))
    assert commits == [3, 6, 7]
    assert (summary.added, summary.edges) == (7, 7)
    again = store.add_many(pages, batch_size=3)
    assert (again.added, again.unchanged, again.edges) == (0, 7, 0)


def test_add_many_skips_a_bad_page_and_keeps_the_batch(store: Store) -> None:
    """A page that cannot be stored goes to on_error; the rest of its batch is committed."""
    bad: list[str] = []
    pages = [page("a.example"), Page(site="x.example", title="no url"), page("b.example")]
    summary = store.add_many(pages, on_error=lambda p, exc: bad.append(str(p.title)))
    assert bad == ["no url"]
    assert (summary.added, summary.failed) == (2, 1)
    assert store.counts().pages == 2


def test_add_many_without_on_error_raises(store: Store) -> None:
    """With no on_error, the first bad page raises and its batch rolls back."""
    with pytest.raises(StoreError):
        store.add_many([page("a.example"), Page(site="x.example")])
    assert store.counts().pages == 0


SITES = st.sampled_from(["a.example", "b.example", "c.example", "x.blogspot.com", "twitter.com/x"])
REGIONS = st.sampled_from(list(Region))
LINKS = st.builds(
    lambda s, r, t: Link(url=f"https://{s}/", text=t, region=r, site=s),
    SITES,
    REGIONS,
    st.text(max_size=20),
)
CREDITS = st.builds(
    lambda k, s, n, r: credit(k, site=s, name=n, region=r),
    st.sampled_from(list(CreditKind)),
    st.none() | SITES,
    st.none() | st.text(max_size=15),
    REGIONS,
)
PAGES = st.builds(
    lambda s, n, ls, cs, d: page(s, n, links=tuple(ls), credits=tuple(cs), published=d),
    SITES,
    st.integers(0, 3),
    st.lists(LINKS, max_size=6),
    st.lists(CREDITS, max_size=4),
    st.none() | st.sampled_from(["2019-12-31", "2020-02-29T10:00:00Z", "sometime"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(PAGES, max_size=8, unique_by=lambda p: p.url))
def test_re_adding_any_pages_leaves_counts_unchanged(pages: list[Page]) -> None:
    """For any pages, adding them all a second time changes no count and writes nothing."""
    with Store(":memory:") as store:
        store.add_many(pages)
        before = store.counts()
        again = store.add_many(pages)
        assert store.counts() == before
        assert again.added == again.replaced == 0


@settings(max_examples=40, deadline=None)
@given(PAGES)
def test_stored_page_edges_match_edges_of(p: Page) -> None:
    """The store holds exactly edges_of(page): one row per (credited node, kind), no self-edge."""
    with Store(":memory:") as store:
        store.add(p)
        expected = {(p.site, target, str(kind)) for target, kind in edges_of(p)}
        rows = store.connection.execute(
            "SELECT a.key, b.key, e.kind FROM edges e JOIN sites a ON a.id = e.crediting_id"
            " JOIN sites b ON b.id = e.credited_id"
        )
        assert {(a, b, k) for a, b, k in rows} == expected
        assert all(target != p.site for target, _ in edges_of(p))


@pytest.mark.parametrize(
    ("text", "is_evidence"),
    [("Sadly, No!", True), ("Kottke", True), ("here", False), ("Read more", False),
     ("sadlyno.com", False), ("https://sadlyno.com/", False), ("1", False), ("42 43", False)],
    ids=["name", "one-word", "here", "read-more", "domain", "url", "short", "digits"],
)  # fmt: skip
def test_only_words_that_can_name_a_party_tie_a_name_to_a_site(
    store: Store, text: str, is_evidence: bool
) -> None:
    """Link words like "here" or a bare domain are no evidence of what a name means."""
    store.add(page("a.example", links=(link("sadlyno.com", text=text),)))
    rows = store.connection.execute("SELECT name_key FROM names").fetchall()
    assert (rows == [(name_key(text),)]) is is_evidence


@pytest.mark.parametrize(
    ("kind", "name", "shown"),
    [(CreditKind.VIA, "Kottke", "Kottke"), (CreditKind.IMAGE_CREDIT, "CC-BY 2.0", None),
     (CreditKind.HAT_TIP, "A very long caption that is surely not a blog name", None)],
    ids=["via", "image-credit", "too-long"],
)  # fmt: skip
def test_site_display_name_comes_from_short_credits(
    store: Store, kind: CreditKind, name: str, shown: str | None
) -> None:
    """A via names its site; image credits and long phrases do not."""
    store.add(page("a.example", credits=(credit(kind, site="kottke.org", name=name),)))
    row = store.connection.execute("SELECT name FROM sites WHERE key = 'kottke.org'").fetchone()
    assert row == (shown,)


def test_version_1_file_migrates_forward_and_backfills_the_totals(tmp_path: Path) -> None:
    """A store written at schema 1 opens at the current version with its running totals filled."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_many(
            [
                page(f"s{i}.example", links=(link("hub.example"), link(f"s{i + 1}.example")))
                for i in range(5)
            ]
        )
        expected = top_credited(store, limit=50)
    with sqlite3.connect(path) as conn:  # take the file back to what schema 1 had
        for (trigger,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            conn.execute(f"DROP TRIGGER {trigger}")
        for table in ("credit_pairs", "credit_totals", "documents"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("PRAGMA user_version = 1")
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert top_credited(store, limit=50) == expected
        assert top_credited(store, limit=50) == top_credited_by_scan(store, limit=50)


def test_posts_whose_canonical_is_the_home_page_stay_apart() -> None:
    """Three posts whose template points canonical at the home page are three pages, not one."""
    from hattip.graph import Store
    from hattip.model import Page

    store = Store(":memory:")
    for n in range(3):
        store.add(Page(url=f"https://b.example/2008/post-{n}", canonical_url="https://b.example/"))
    assert store.counts().pages == 3


def test_a_canonical_on_another_host_does_not_replace_that_page() -> None:
    """A page claiming another site's URL as canonical is stored under its own URL."""
    from hattip.graph.store import page_key
    from hattip.model import Page

    page = Page(url="https://evil.example/copy", canonical_url="https://victim.example/post")
    assert page_key(page) == "https://evil.example/copy"
    same = Page(url="https://www.b.example/p?utm=x", canonical_url="https://b.example/p")
    assert page_key(same) == "https://b.example/p"


def test_known_urls_hold_page_keys_page_urls_and_input_urls(store: Store) -> None:
    """known_urls() lists what --skip-known must not read again: keys, fetched and asked URLs."""
    moved = Page(url="https://b.example/p?utm=x", canonical_url="https://b.example/p")
    store.add(moved)
    store.add(page("a.example"))
    store.remember_documents([("http://b.example/old", "digest", "https://b.example/p")])
    assert store.known_urls() == {
        "https://b.example/p",
        "https://b.example/p?utm=x",
        "https://a.example/post/1",
        "http://b.example/old",
    }


def test_known_urls_of_an_empty_store_is_empty(store: Store) -> None:
    """A new store knows no URL."""
    assert store.known_urls() == frozenset()
