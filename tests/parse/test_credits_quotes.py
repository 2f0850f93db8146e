"""Credits inside a blockquote: the quoted author's, unless the blogger frames the quote."""

from __future__ import annotations

import pytest

from .snippets import Triple, post, post_credits, read

K = '<a href="https://kottke.org/2020/05/a-post">Kottke</a>'
MORE = (
    "<p>The minister answered at length, and the answer is worth reading in full, so here it "
    "is, all of it, below.</p>"
)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        pytest.param(
            f"<blockquote>Written Answers, 21 May 2008 (via {K})</p><p>Mr Smith asked.</p>"
            f"{MORE}</blockquote>",
            [("via", "Kottke", "kottke.org")],
            id="title-line-text-of-the-quote",
        ),
        pytest.param(
            f"<blockquote><p>Written Answers, 21 May 2008 (via {K})</p>{MORE}</blockquote>",
            [("via", "Kottke", "kottke.org")],
            id="title-line-first-paragraph",
        ),
        pytest.param(
            f"<blockquote>{MORE}<p>As the minister said (via {K})</p></blockquote>",
            [("via", "Kottke", "kottke.org")],
            id="closing-the-quote",
        ),
        pytest.param(
            f"<blockquote><p>I read it. It was better than any other (via {K})</p>{MORE}"
            "</blockquote>",
            [],
            id="first-line-that-is-a-sentence-is-the-quoted-authors",
        ),
        pytest.param(
            f"<blockquote><p>Lovely map (via {K}) and more of her words.</p>{MORE}</blockquote>",
            [],
            id="mid-line-is-the-quoted-authors",
        ),
    ],
)
def test_via_in_a_quote_counts_only_where_it_frames_the_quote(
    quote: str, expected: list[Triple]
) -> None:
    """A bracketed via heading or closing the quote is the blogger's; one inside it is not."""
    assert post_credits(read(post(f"<p>Here is the answer:</p>{quote}"))) == expected
