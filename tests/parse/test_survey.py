"""The one walk that finds what the other passes look for (hattip.parse.survey)."""

from __future__ import annotations

import lxml.html

from hattip.parse.survey import _CLASS_MARKS, mf_root_types, survey


def test_survey_reads_class_and_id_tokens_whatever_their_case() -> None:
    """The one walk finds post containers, h-entries, credit lines and captions by class or id."""
    root = lxml.html.fromstring(
        '<div><div id="Entry-Content">x</div><div class="h-entry" id="H-ENTRY">y</div>'
        '<span class="h-entry-ish">z</span><p class="photo-credit">c</p>'
        '<figure><img src="a.png"></figure><div class="wp-caption">w</div></div>'
    )
    found = survey(root)
    assert [el.get("id") for el in found.named_posts] == ["Entry-Content", "H-ENTRY"]
    assert [el.get("id") for el in found.hentries] == ["H-ENTRY"]
    assert [el.get("class") for el in found.credit_lines] == ["photo-credit"]
    assert [el.tag for el in found.captions] == ["figure", "div"]


def test_survey_reads_a_huge_class_value_without_keeping_it() -> None:
    """A hostile megabyte of class names is classified but not remembered across pages."""
    huge = "x " * 300_000 + "entry-content"
    root = lxml.html.fromstring(f'<div><div class="{huge}">x</div></div>')
    assert len(survey(root).named_posts) == 1
    assert huge not in _CLASS_MARKS


def test_survey_finds_microformat_roots_jsonld_and_rel_via() -> None:
    """h-* roots with their types, ld+json scripts and rel=via links and head links."""
    root = lxml.html.fromstring(
        '<html><head><link rel="Via" href="https://v.example/">'
        '<script type="application/ld+json">{}</script><script type="text/json">{}</script>'
        '</head><body><article class="h-entry h-as-note post">x'
        '<a rel="nofollow via" href="https://w.example/">w</a><a rel="viable" href="/">n</a>'
        '<span class="h-">no type</span></article></body></html>'
    )
    found = survey(root)
    assert [(el.tag, sorted(types)) for el, types in found.mf_roots.items()] == [
        ("article", ["h-as-note", "h-entry"])
    ]
    assert [el.get("type") for el in found.jsonld] == ["application/ld+json"]
    assert [el.get("href") for el in found.rel_vias] == ["https://v.example/", "https://w.example/"]


def test_mf_root_types_are_exact_tokens() -> None:
    """Only whole h-* tokens count; property classes and look-alikes do not."""
    assert mf_root_types("h-entry u-url h-card2 xh-entry h-") == frozenset({"h-entry"})


def test_survey_finds_articles_and_main_columns_by_tag_or_attribute() -> None:
    """<article> and itemprop=articleBody/blogPost; <main> and role=main; each listed once."""
    root = lxml.html.fromstring(
        '<html><body><main role="main"><article itemprop="blogPost">a</article>'
        '<div itemprop="articleBody" class="wp-caption">b</div><div itemprop="author">c</div>'
        '</main><div role="main">d</div><figure class="caption">e</figure></body></html>'
    )
    found = survey(root)
    assert [el.tag for el in found.articles] == ["article", "div"]
    assert [el.tag for el in found.mains] == ["main", "div"]
    assert [el.tag for el in found.captions] == ["div", "figure"]
