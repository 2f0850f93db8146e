"""An audit of one post's sourcing: what it credits, whom it quotes, where it links, what lacks.

:func:`audit` turns a :class:`~hattip.model.Page` into findings and warnings; the renderers
(:func:`render_text`, :func:`render_markdown`, :func:`render_json`) print them.

>>> from hattip import extract
>>> page = extract('<article><p>Great (via <a href="https://kottke.org/x">Kottke</a>).</p>'
...                '<p>Someone said:</p><blockquote><p>Words nobody owns.</p></blockquote>'
...                '</article>')
>>> [w.split(":")[0] for w in audit(page).warnings]
['unattributed quote']
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from hattip.model import Credit, Page, Quote, QuoteHow, Region


@dataclass(frozen=True, slots=True, kw_only=True)
class Audit:
    """What the report says about one page."""

    page: Page
    """The page audited."""
    credits: tuple[Credit, ...]
    """The post's own credits (body, footer, footnotes, captions), in document order."""
    other_credits: tuple[Credit, ...]
    """Credits elsewhere on the page (comments, sidebars, embeds): shown apart."""
    quotes: tuple[Quote, ...]
    """The post's quotes."""
    link_sites: tuple[tuple[str, int], ...]
    """Sites the post body links to, with link counts, most linked first (self-links left out)."""
    warnings: tuple[str, ...]
    """Sourcing problems: an unattributed quote, a credit whose party is unknown..."""


def audit(page: Page) -> Audit:
    """Audit one page's sourcing."""
    own = tuple(c for c in page.credits if c.region.is_post)
    other = tuple(c for c in page.credits if not c.region.is_post)
    quotes = tuple(q for q in page.quotes if q.region.is_post or q.region is Region.EMBED)
    counts: Counter[str] = Counter(
        link.site
        for link in page.links
        if link.region.is_post and link.site is not None and link.site != page.site
    )
    warnings: list[str] = []
    for quote in quotes:
        if quote.how is QuoteHow.NONE:
            warnings.append(f"unattributed quote: {_clip(quote.text, 70)!r}")
    for credit in own:
        if credit.site is None and credit.name is None:
            warnings.append(f"credit with no identifiable party: {credit.evidence!r}")
        elif credit.site is None:
            warnings.append(f"credit to {credit.name!r} names no link, so no site is known")
    warnings.extend(page.warnings)
    return Audit(
        page=page,
        credits=own,
        other_credits=other,
        quotes=quotes,
        link_sites=tuple(counts.most_common()),
        warnings=tuple(warnings),
    )


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _party(name: str | None, site: str | None) -> str:
    if name and site:
        return f"{name} ({site})"
    return name or site or "?"


def render_json(page: Page) -> str:
    """The JSON contract of ``hattip report --format json``: one object."""
    return json.dumps(page.to_dict(), ensure_ascii=False, indent=2)


def _lines(result: Audit, bullet: str, heading: Any) -> list[str]:
    page = result.page
    out = [heading(page.title or page.url or "(untitled page)", 1)]
    meta = [f"url: {page.url}" if page.url else "", f"site: {page.site}" if page.site else ""]
    meta += [f"author: {page.author}" if page.author else ""]
    meta += [f"published: {page.published}" if page.published else ""]
    out += [m for m in meta if m]
    out += ["", heading(f"Credits ({len(result.credits)})", 2)]
    for c in result.credits:
        out.append(
            f"{bullet}{c.kind.value}: {_party(c.name, c.site)} [{c.region.value}, "
            f"{c.confidence:.2f}] “{_clip(c.evidence, 80)}”"
        )
    if not result.credits:
        out.append(f"{bullet}none")
    out += ["", heading(f"Quotes ({len(result.quotes)})", 2)]
    for q in result.quotes:
        who = _party(q.name, q.site) if (q.name or q.site) else q.how.value
        indent = "  " * q.depth
        out.append(f"{indent}{bullet}{who} [{q.how.value}] “{_clip(q.text, 70)}”")
    if not result.quotes:
        out.append(f"{bullet}none")
    out += ["", heading(f"Body links by site ({len(result.link_sites)})", 2)]
    out += [f"{bullet}{site}: {n}" for site, n in result.link_sites[:25]]
    if len(result.link_sites) > 25:
        out.append(f"{bullet}… and {len(result.link_sites) - 25} more")
    if result.other_credits:
        out += ["", heading(f"Credits outside the post ({len(result.other_credits)})", 2)]
        out += [
            f"{bullet}{c.kind.value}: {_party(c.name, c.site)} [{c.region.value}]"
            for c in result.other_credits
        ]
    out += ["", heading(f"Warnings ({len(result.warnings)})", 2)]
    out += [f"{bullet}{w}" for w in result.warnings] or [f"{bullet}none"]
    return out


def render_text(page: Page) -> str:
    """A plain-text audit for a terminal."""

    def heading(text: str, level: int) -> str:
        return text.upper() if level == 1 else text + ":"

    return "\n".join(_lines(audit(page), "  - ", heading))


def render_markdown(page: Page) -> str:
    """A Markdown audit, for an editor's notes or an issue."""

    def heading(text: str, level: int) -> str:
        return "#" * level + " " + text

    return "\n".join(_lines(audit(page), "- ", heading))


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json}
"""Format name -> renderer, for the CLI."""
