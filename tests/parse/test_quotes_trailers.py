"""Attributions that come after a quote or inside it: where the words were taken, who speaks.

Every page here is a synthetic fixture written for these tests.
"""

from __future__ import annotations

import pytest

from hattip import Quote

from .snippets import post, read

WORDS = "<blockquote><p>Six words of a table of contents, set off.</p></blockquote>"


def only_quote(body: str) -> Quote:
    """The one quote of a post whose body is ``body``."""
    quotes = read(post(body)).quotes
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        pytest.param(
            "<p>Pilfered from the Spring, 1982 Critical Review’s table of contents, those words "
            "say more than I could.</p>",
            ("trailer", "the Spring, 1982 Critical Review’s table of contents"),
            id="pilfered-from",
        ),
        pytest.param(
            "<p>That is taken straight from the Daily Planet. I could not believe it.</p>",
            ("trailer", "the Daily Planet"),
            id="that-is-taken-from",
        ),
        pytest.param(
            "<p>Lifted from somewhere on the internet, and I am glad of it.</p>",
            ("none", None),
            id="lifted-from-nowhere-named",
        ),
    ],
)
def test_sentence_after_a_quote_says_where_it_was_taken(
    after: str, expected: tuple[str, str | None]
) -> None:
    """'Pilfered from X, ...' right after a quote names X as the quote's source."""
    quote = only_quote(f"<p>I would answer in six words:</p>{WORDS}{after}")
    assert (str(quote.how), quote.name) == expected
