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


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "<p>Walking home, I overhear MAN shouting into a phone.</p><blockquote><p>MAN: I AM "
            "IN A PARKING LOT!</p><p>PHONE: ...</p><p>MAN: WHO ARE YOU TO SAY THAT?</p>"
            "</blockquote>",
            ("lead-in", "MAN"),
            id="script-names-the-man-of-the-lead-in",
        ),
        pytest.param(
            "<p>Overheard in the hall today:</p><blockquote><p>Student #1: He said I was late."
            "</p><p>Student #2: But you were.</p></blockquote>",
            ("trailer", "Student #1"),
            id="numbered-speakers",
        ),
        pytest.param(
            "<p>The argument went like this:</p><blockquote><p>JUSTICE DOE: Counsel, "
            "could I just ask you one question?</p></blockquote>",
            ("trailer", "JUSTICE DOE"),
            id="transcript-with-a-title",
        ),
        pytest.param(
            "<blockquote><p>@jdoe: the tweet's own words, quoted as text here.</p></blockquote>",
            ("trailer", "@jdoe"),
            id="handle-label",
        ),
        pytest.param(
            "<p>The show taught me a lot:</p><blockquote><p>Odd Situation: ships are lost every "
            "week.</p><p>Possible Cause: rogue waves.</p></blockquote>",
            ("none", None),
            id="list-headings-are-not-speakers",
        ),
        pytest.param(
            "<p>Here is the plan:</p><blockquote><p>Note: bring water.</p><p>Update: and food."
            "</p></blockquote>",
            ("none", None),
            id="note-and-update-are-not-speakers",
        ),
    ],
)
def test_speaker_labels_say_whose_words_a_transcript_is(
    body: str, expected: tuple[str, str | None]
) -> None:
    """Lines opening 'NAME:' make a dialogue; its first speaker is whose words it quotes."""
    quote = only_quote(body)
    assert (str(quote.how), quote.name) == expected


def test_a_remark_in_parentheses_after_a_quote_is_not_its_source() -> None:
    """'(UNDERSTATEMENT OF THE YEAR)' or '(Note: ...)' after a quote names nobody."""
    for remark in ("(UNDERSTATEMENT OF THE YEAR)", "(Note: that account is a parody.)"):
        body = f"<p>She answered him at last.</p>{WORDS}<p>{remark}</p>"
        assert only_quote(body).name is None, remark


def test_a_quote_opening_with_from_names_a_source_only_when_capitalised() -> None:
    """'From all of you ...' opening a quote is its words; 'From The Daily Planet' its source."""
    sentence = only_quote(
        "<blockquote><p>From all of you I heard from earlier, who will go on record?</p>"
        "<p>Anyone at all?</p></blockquote>"
    )
    heading = only_quote(
        "<blockquote><p>From The Daily Planet (7 April 1938):</p><p>Words of the paper, set "
        "off.</p></blockquote>"
    )
    assert (sentence.name, heading.name) == (None, "Daily Planet")


def test_a_link_on_a_common_word_inside_a_quote_is_not_its_source() -> None:
    """'the <a>impromptu</a> convention' inside a quote is the quoted author's link, no source."""
    quote = only_quote(
        "<p>Let me help:</p><blockquote><p>There was also the <a href='https://party.example/'>"
        "impromptu</a> convention of the community in December.</p></blockquote>"
    )
    assert (str(quote.how), quote.site) == ("none", None)


def test_a_cited_title_inside_a_quote_is_its_source() -> None:
    """'(<a>Mark Twain and Science</a> 194)' closing a quote cites where it comes from."""
    quote = only_quote(
        "<blockquote><p>For nearly twenty years he had been thinking about caste and slavery. "
        "(<a href='https://books.example.com/twain'>Twain and Science</a> 194)</p></blockquote>"
    )
    assert (str(quote.how), quote.site) == ("inside-link", "books.example.com")


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        pytest.param("“Blessed are the peacemakers.” [Matthew 5:9]", "Matthew 5:9", id="brackets"),
        pytest.param(
            "“Words of the old book, here.” (The Old Book, 12)", "The Old Book, 12", id="paren"
        ),
        pytest.param("“Words I stress, here.” (emphasis mine)", None, id="emphasis-is-no-source"),
    ],
)
def test_reference_closing_the_quoted_words_is_its_source(
    closing: str, expected: str | None
) -> None:
    """'"..." [Matthew 5:9]' ending a quote cites where the words come from."""
    quote = only_quote(f"<p>It says so plainly:</p><blockquote><p>{closing}</p></blockquote>")
    assert quote.name == expected
