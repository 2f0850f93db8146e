"""Inputs on which the speed rewrites of the parser (one survey walk, UTF-8 bytes to libxml2)
must read a page as the code before them did, where that code was right."""

from __future__ import annotations

import pytest

from hattip import CreditKind, extract


@pytest.mark.parametrize(
    "space",
    ["\xa0", "\u2003", "\u3000", "\x0b", "\x85"],
    ids=["no-break-space", "em-space", "ideographic-space", "vertical-tab", "next-line"],
)
def test_a_class_joined_by_non_ascii_white_space_is_not_a_microformats_root(space: str) -> None:
    """HTML splits class on ASCII white space only: "note<NBSP>h-entry" is one token, no h-entry."""
    html = (
        f'<html><head><title>Page title</title></head><body><div class="note{space}h-entry">'
        '<h1 class="p-name">Entry name</h1><p>A post of mine about something else entirely.</p>'
        '<a class="u-repost-of" href="https://other.example/post">the original</a>'
        "</div></body></html>"
    )
    page = extract(html)
    assert [c.url for c in page.credits if c.kind is CreditKind.REPOST_OF] == []
    assert page.title == "Page title"


def test_a_surrogate_pair_in_a_str_page_reads_as_its_character() -> None:
    """A caller's str may spell an emoji as two surrogates; libxml2 used to read them as one."""
    page = extract('<p>Fun (via <a href="https://kottke.org/">Kott\ud83d\ude00ke</a>).</p>')
    assert [link.text for link in page.links] == ["Kott\U0001f600ke"]
