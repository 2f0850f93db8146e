"""Text helpers: white space folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hattip.parse.text import _SPACE, fold


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
