"""Party reading: the name a credit gives is the party's own, no more and no less."""

from __future__ import annotations

import pytest

from .snippets import Triple, post, post_credits, read

K = "https://kottke.org/2020/05/a-post"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "<p>A fine map (via Riverwatch Weekly. See the rest below.)</p>",
            [("via", "Riverwatch Weekly", None)],
            id="name-ends-at-a-full-stop",
        ),
        pytest.param(
            "<p>A fine map (via RiverWatch. See the rest below.)</p>",
            [("via", "RiverWatch", None)],
            id="camel-case-name-ends-at-a-full-stop",
        ),
        pytest.param(
            "<p>A fine map (via Dr. Quinn Medicine)</p>",
            [("via", "Dr. Quinn Medicine", None)],
            id="short-abbreviation-stays-in-the-name",
        ),
        pytest.param(
            "<p>A fine map (via Warner Bros. Archive)</p>",
            [("via", "Warner Bros. Archive", None)],
            id="listed-abbreviation-stays-in-the-name",
        ),
        pytest.param(
            f'<p>A fine map, <a href="{K}">via Jason Kottke</a>.</p>',
            [("via", "Jason Kottke", "kottke.org")],
            id="cue-inside-the-link-is-not-the-name",
        ),
        pytest.param(
            '<p>I think <a href="https://example.gov/x">this is well done. (Via </a>'
            f'<a href="{K}">Kottke</a>.)</p>',
            [("via", "Kottke", "kottke.org")],
            id="sloppy-link-closing-after-the-cue-points-at-the-next-link",
        ),
        pytest.param(
            f'<p>A fine map (via The Sister, who <a href="{K}">found it here</a>).</p>',
            [("via", "The Sister", None), ("via", None, "kottke.org")],
            id="generic-link-words-name-nobody",
        ),
    ],
)
def test_credit_names_its_party_exactly(body: str, expected: list[Triple]) -> None:
    """The party's name stops at a sentence end, keeps abbreviations, and never holds the cue."""
    assert post_credits(read(post(body))) == expected
