"""Builders for small synthetic pages, and a store per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hattip.graph import Store
from hattip.model import Credit, CreditKind, Link, Page, Quote, QuoteHow, Region


def link(site: str, *, region: Region = Region.BODY, text: str | None = None) -> Link:
    """A link to the front page of ``site``."""
    return Link(url=f"https://{site}/", text=text or site, region=region, site=site)


def credit(
    kind: CreditKind = CreditKind.VIA,
    *,
    site: str | None = None,
    name: str | None = None,
    region: Region = Region.BODY,
    confidence: float = 0.9,
) -> Credit:
    """A credit to ``site`` and/or ``name``."""
    return Credit(
        kind=kind,
        name=name,
        url=f"https://{site}/" if site else None,
        site=site,
        region=region,
        evidence=f"{kind} {name or site}",
        confidence=confidence,
    )


def quote(site: str | None, *, name: str | None = None, region: Region = Region.BODY) -> Quote:
    """A blockquote citing ``site``."""
    return Quote(
        text="Quoted words.",
        how=QuoteHow.CITE_ATTR,
        region=region,
        name=name,
        url=f"https://{site}/q" if site else None,
        site=site,
    )


def page(
    site: str,
    n: int = 1,
    *,
    links: tuple[Link, ...] = (),
    credits: tuple[Credit, ...] = (),
    quotes: tuple[Quote, ...] = (),
    published: str | None = "2020-01-15",
    title: str | None = None,
) -> Page:
    """Post number ``n`` of ``site``."""
    return Page(
        url=f"https://{site}/post/{n}",
        site=site,
        title=title or f"Post {n} of {site}",
        published=published,
        links=links,
        credits=credits,
        quotes=quotes,
    )


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store."""
    with Store(":memory:") as s:
        yield s
