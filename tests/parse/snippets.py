"""Builders for the small synthetic pages the parser tests read, and views of a Page for asserts.

Every fixture here is written for these tests: no page of the corpus is copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

from hattip import Page, extract

URL = "https://blog.example.com/post"
"""The page URL the tests hand to ``extract``."""

LEAD = (
    "<p>This is the opening paragraph of the post, long enough that the post container is plainly "
    "the post, with words of the author's own about the matter at hand.</p>"
)

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
"""``shared/corpus`` beside the checkout; tests that read it skip when it is absent."""

Triple = tuple[str, str | None, str | None]
"""(kind, name, site) of a credit: what a reader of the report sees."""


def post(body: str, *, after: str = "", head: str = "", before: str = "") -> str:
    """A WordPress-like page: ``<article>`` holds ``LEAD`` and ``body``; ``after`` follows it."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>A post</title>"
        f"{head}</head><body><div id='page'>{before}"
        "<article class='post type-post hentry'><h1 class='entry-title'>A post</h1>"
        f"<div class='entry-content'>{LEAD}{body}</div></article>{after}</div></body></html>"
    )


def read(html: str | bytes, *, url: str | None = URL) -> Page:
    """``extract`` with the tests' page URL."""
    return extract(html, url=url)


def post_credits(page: Page) -> list[Triple]:
    """The credits the post itself makes (body, footer, footnotes, captions), as triples."""
    return [(str(c.kind), c.name, c.site) for c in page.credits if c.region.is_post]
