"""Text helpers: white space folding."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hattip.parse.text import _SPACE, fold, text_content


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \n\t b ", "a b"),
        ("a\xa0\xa0b", "a b"),
        ("a\x00\x1fb", "a b"),
        ("a\x85b\u2028c", "a b c"),
        ("a\u200bb", "a\u200bb"),
        ("", ""),
    ],
    ids=["ascii-space", "nbsp", "controls", "unicode-breaks", "zero-width-kept", "empty"],
)
def test_fold_collapses_white_space_and_controls(raw: str, expected: str) -> None:
    """Runs of white space and control characters become one space; the ends are trimmed."""
    assert fold(raw) == expected


@given(st.text())
def test_fold_fast_path_equals_the_full_expression(text: str) -> None:
    """The str.split fast path folds exactly like the full regular expression."""
    assert fold(text) == _SPACE.sub(" ", text).strip()


@pytest.mark.parametrize(
    "html",
    [
        "<p>plain</p>",
        "<p>a <b>bold <i>deep</i></b> tail &amp; more</p>",
        "<p><!-- a comment -->after<img src=x>img tail</p>",
        "<div><script>var x = 1;</script>text<br/>line</div>",
        "<p>caf\u00e9 \u2014 \u1525 \U0001f600</p>",
        "<p></p>",
    ],
    ids=["plain", "nested", "comment", "script", "non-ascii", "empty"],
)
def test_text_content_equals_lxml_text_content(html: str) -> None:
    """The fast text reader gives what ``HtmlElement.text_content()`` gives, tails excluded."""
    el = lxml.html.fragment_fromstring(html)
    el.tail = "outside"
    assert text_content(el) == el.text_content()
