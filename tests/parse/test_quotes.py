"""Quotes: every blockquote, ``<q>`` and social embed of the post, and whose words they are."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hattip import Quote, QuoteHow, Region

from .snippets import QUOTED_WORDS, Expected, post, read

K = "https://kottke.org/2020/05/a-post"
WORDS = QUOTED_WORDS
TWEET = (
    '<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Hello world, a '
    'tweet <a href="https://t.co/x">pic.twitter.com/x</a></p>{sep}&mdash; Jane Doe (@jdoe) '
    '<a href="https://twitter.com/jdoe/status/123">March 1, 2020</a></blockquote>'
    '<script async src="https://platform.twitter.com/widgets.js"></script>'
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """A way of attributing a quote, and the attribution a reader would give."""

    label: str
    body: str
    expected: Expected
    bug: str | None = None


CASES: tuple[Case, ...] = (
    Case(
        label="cite-attribute",
        body=f'<blockquote cite="{K}">{WORDS}</blockquote>',
        expected=("cite-attr", None, "kottke.org"),
    ),
    Case(
        label="q-cite-attribute",
        body=f'<p>He said <q cite="{K}">short words</q> today.</p>',
        expected=("cite-attr", None, "kottke.org"),
    ),
    Case(
        label="name-writes",
        body=f"<p>Jane Doe writes:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="linked-name-writes",
        body=f"<p><a href='{K}'>Jason Kottke</a> writes:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jason Kottke", "kottke.org"),
    ),
    Case(
        label="according-to",
        body=f"<p>According to Jane Doe, it is bad:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="pronoun-after-name",
        body="<p>Jane Doe has a new post up today. She writes:</p>"
        f"<blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="from-link",
        body=f"<p>From <a href='{K}'>Kottke</a>:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Kottke", "kottke.org"),
    ),
    Case(
        label="link-just-before",
        body=f"<p>Read this <a href='{K}'>post</a>:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", None, "kottke.org"),
    ),
    Case(
        label="as-name-put-it",
        body="<p>As Jane Doe put it: <q>short quoted words</q></p>",
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="dash-trailer-inside",
        body=f"<blockquote>{WORDS}<p>— Jane Doe</p></blockquote>",
        expected=("trailer", "Jane Doe", None),
    ),
    Case(
        label="dash-trailer-after",
        body=f"<blockquote>{WORDS}</blockquote><p>— <a href='{K}'>Jane Doe</a></p>",
        expected=("trailer", "Jane Doe", "kottke.org"),
    ),
    Case(
        label="figcaption",
        body=f"<figure><blockquote>{WORDS}</blockquote><figcaption>— Jane Doe</figcaption>"
        "</figure>",
        expected=("trailer", "Jane Doe", None),
    ),
    Case(
        label="cite-inside",
        body=f"<blockquote>{WORDS}<cite><a href='{K}'>Jason Kottke</a></cite></blockquote>",
        expected=("trailer", "Jason Kottke", "kottke.org"),
    ),
    Case(
        label="footer-cite-inside",
        body=f"<blockquote>{WORDS}<footer>— <cite>Jane Doe</cite></footer></blockquote>",
        expected=("trailer", "Jane Doe", None),
    ),
    Case(
        label="only-link-inside",
        body="<blockquote><p>The quoted words are here, and there are many, as "
        f"<a href='{K}'>this</a> says.</p></blockquote>",
        expected=("inside-link", None, "kottke.org"),
    ),
    Case(
        label="pull-quote-class",
        body="<blockquote class='pullquote'><p>My own striking words.</p></blockquote>",
        expected=("self", None, None),
    ),
    Case(
        label="pull-quote-repeats-post",
        body="<p>My own striking words appear in the body of this post right here.</p>"
        "<blockquote><p>My own striking words appear in the body of this post right here."
        "</p></blockquote>",
        expected=("self", None, None),
    ),
    Case(
        label="colon-without-source",
        body=f"<p>Consider this:</p><blockquote>{WORDS}</blockquote>",
        expected=("none", None, None),
    ),
    Case(
        label="tweet-embed-author",
        body=TWEET.format(sep="\n"),
        expected=("embed", "Jane Doe (@jdoe)", "twitter.com"),
    ),
)


def _params(cases: tuple[Case, ...]) -> list[object]:
    return [
        pytest.param(
            c,
            id=c.label,
            marks=[pytest.mark.xfail(strict=True, reason=c.bug)] if c.bug else [],
        )
        for c in cases
    ]


def only_quote(body: str, *, after: str = "") -> Quote:
    """The one quote of a post whose body is ``body``."""
    quotes = read(post(body, after=after)).quotes
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("case", _params(CASES))
def test_quote_is_attributed(case: Case) -> None:
    """Each way a post says whose words a quote are gives that source and how it was said."""
    quote = only_quote(case.body)
    assert (str(quote.how), quote.name, quote.site) == case.expected


def test_every_how_has_a_case() -> None:
    """Each attribution the contract names (cite-attr ... none) has a passing case here."""
    covered = {c.expected[0] for c in CASES if c.bug is None}
    assert covered | {"embed"} == {str(how) for how in QuoteHow}


def test_tweet_embed_is_an_embed_of_its_author() -> None:
    """An embedded tweet is an ``embed`` quote of the tweet's account, in region ``embed``."""
    quote = only_quote(TWEET.format(sep="\n"))
    assert (quote.how, quote.element, quote.region) == (QuoteHow.EMBED, "embed", Region.EMBED)
    assert quote.url == "https://twitter.com/jdoe/status/123"
    assert quote.site == "twitter.com"
    assert quote.account == "twitter.com/jdoe"
    assert "Jane Doe" in (quote.name or "")


def test_one_line_tweet_embed_names_its_author() -> None:
    """Twitter's embed code written on one line still names the tweet's author."""
    assert "Jane Doe" in (only_quote(TWEET.format(sep="")).name or "")


def test_instagram_embed_names_its_author() -> None:
    """Instagram's embed names the account whose post it shows."""
    body = (
        "<blockquote class='instagram-media' data-instgrm-permalink='https://www.instagram.com/p/abc/'>"
        "<div><p><a href='https://www.instagram.com/p/abc/'>A post shared by Jane Doe (@jdoe)</a>"
        "</p></div></blockquote>"
    )
    quote = only_quote(body)
    assert quote.how is QuoteHow.EMBED
    assert "Jane Doe" in (quote.name or "")


def test_nested_quote_keeps_its_depth_and_source() -> None:
    """A quote inside a quote is its own quote at depth 1, with its own lead-in."""
    body = (
        "<p>Jane Doe writes:</p><blockquote><p>Outer words here, and Bob Roe said:</p>"
        "<blockquote><p>Inner words of Bob are here.</p></blockquote><p>More outer words.</p>"
        "</blockquote>"
    )
    quotes = read(post(body)).quotes
    assert [(q.depth, q.name, str(q.how)) for q in quotes] == [
        (0, "Jane Doe", "lead-in"),
        (1, "Bob Roe", "lead-in"),
    ]


def test_quote_in_comments_is_labelled_comment() -> None:
    """A reader's blockquote is a quote of region ``comment``, not of the post."""
    comments = (
        "<div id='comments'><ol class='commentlist'><li class='comment'><p>Jane Doe writes:</p>"
        f"<blockquote>{WORDS}</blockquote></li></ol></div>"
    )
    assert only_quote("", after=comments).region is Region.COMMENT


def test_quote_text_is_whitespace_folded() -> None:
    """Quote text has its runs of white space folded to one space."""
    quote = only_quote(
        "<p>Jane Doe writes:</p><blockquote>\n <p>Words   with\n\t gaps.</p>\n</blockquote>"
    )
    assert quote.text == "Words with gaps."


def test_quote_text_keeps_a_space_after_a_paragraph() -> None:
    """Text after a paragraph inside a quote is a new word, not glued to the paragraph's last."""
    quote = only_quote("<p>Jane Doe writes:</p><blockquote><p>First part</p>then more</blockquote>")
    assert quote.text == "First part then more"


def test_quotes_come_in_document_order() -> None:
    """Quotes are listed in the order the page gives them."""
    body = (
        f'<blockquote cite="https://one.example.org/">{WORDS}</blockquote><p>Between.</p>'
        '<blockquote cite="https://two.example.net/"><p>Other words, from the second source of '
        "the post.</p></blockquote>"
    )
    assert [q.site for q in read(post(body)).quotes] == ["one.example.org", "two.example.net"]
