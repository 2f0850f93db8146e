"""Builders for the small synthetic pages the parser tests read, and views of a Page for asserts.

Every fixture here is written for these tests: no page of the corpus is copied into the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hattip import CreditKind, Page, QuoteHow, Region, extract

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


QUOTED_WORDS = "<p>The quoted words are here, and there are many of them in this one quote.</p>"
"""A paragraph long enough to be quoted, for the quote tests."""
Expected = tuple[str, str | None, str | None]
"""(how, name, site) of a quote under test."""


def read(html: str | bytes, *, url: str | None = URL) -> Page:
    """``extract`` with the tests' page URL."""
    return extract(html, url=url)


def post_credits(page: Page) -> list[Triple]:
    """The credits the post itself makes (body, footer, footnotes, captions), as triples."""
    return [(str(c.kind), c.name, c.site) for c in page.credits if c.region.is_post]


KINDS = {str(k) for k in CreditKind}
REGIONS = {str(r) for r in Region}
HOWS = {str(h) for h in QuoteHow}


def contract_problems(data: dict[str, Any]) -> list[str]:
    """What in ``Page.to_dict()`` breaks the JSON contract of ARCHITECTURE.md (empty if none)."""
    problems: list[str] = []

    def want(obj: dict[str, Any], key: str, types: tuple[type, ...], where: str) -> None:
        if key not in obj:
            problems.append(f"{where}: no {key!r}")
        elif not isinstance(obj[key], types):
            problems.append(f"{where}.{key}: {type(obj[key]).__name__}")

    for key in ("url", "site", "title"):
        want(data, key, (str, type(None)), "page")
    for key in ("credits", "quotes", "links"):
        want(data, key, (list,), "page")
    for c in data.get("credits", []):
        for key in ("name", "url", "site"):
            want(c, key, (str, type(None)), "credit")
        want(c, "evidence", (str,), "credit")
        want(c, "confidence", (float,), "credit")
        if c.get("kind") not in KINDS or c.get("region") not in REGIONS:
            problems.append(f"credit kind/region: {c.get('kind')}/{c.get('region')}")
        if isinstance(c.get("confidence"), float) and not 0.0 <= c["confidence"] <= 1.0:
            problems.append(f"credit confidence {c['confidence']}")
    for q in data.get("quotes", []):
        for key in ("name", "url", "site"):
            want(q, key, (str, type(None)), "quote")
        want(q, "text", (str,), "quote")
        if q.get("how") not in HOWS or q.get("region") not in REGIONS:
            problems.append(f"quote how/region: {q.get('how')}/{q.get('region')}")
    for lk in data.get("links", []):
        want(lk, "url", (str,), "link")
        want(lk, "text", (str,), "link")
        want(lk, "site", (str, type(None)), "link")
        if lk.get("region") not in REGIONS:
            problems.append(f"link region: {lk.get('region')}")
    return problems


def check_file(path: str) -> str | None:
    """Extract one saved page; what went wrong (an exception or a contract break), or None.

    Module-level so a process pool can run it over the corpus.
    """
    try:
        page = extract(Path(path).read_bytes(), url=None, name=path)
        problems = contract_problems(json.loads(json.dumps(page.to_dict())))
    except Exception as exc:  # every exception is the finding here, HattipError included
        return f"{Path(path).name}: {type(exc).__name__}: {exc}"
    return f"{Path(path).name}: {problems[:3]}" if problems else None
