"""Quote attributions bloggers write in less common ways: each case is one phenomenon.

Every page here is a synthetic fixture written for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from hattip import Quote

from .snippets import QUOTED_WORDS, Expected, post, read

SRC = "https://source.example.com/2010/08/article"
WORDS = QUOTED_WORDS


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """A page whose quote number ``index`` a reader attributes as ``expected``."""

    label: str
    body: str
    expected: Expected
    index: int = -1


CASES: tuple[Case, ...] = (
    Case(
        label="passage-quoted-again-inside-a-longer-quote-is-no-pull-quote",
        body=(
            "<p>Bob Poe read her speech, and wrote:</p><blockquote><p>She told it "
            f"<a href='{SRC}'>another way</a> (emphasis mine):</p><blockquote><p>Our little "
            "dog had the flu for three long weeks of that winter.</p></blockquote></blockquote>"
            "<p>Later she said:</p>"
            "<blockquote><p>It was not so. Our little dog had the flu for three long weeks of that "
            "winter.</p></blockquote>"
        ),
        expected=("lead-in", None, "source.example.com"),
        index=1,
    ),
    Case(
        label="name-in-quotation-marks-writes",
        body=f"<p>A reader who signs as “Jo Bloggs” writes:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jo Bloggs", None),
    ),
    Case(
        label="from-line-leading-into-the-next-quote-is-no-trailer",
        body=(
            f"<p><a href='{SRC}'>Jane Doe</a> writes:</p><blockquote>{WORDS}</blockquote>"
            f"<p>From the Second Chapter:</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Doe", "source.example.com"),
        index=0,
    ),
    Case(
        label="sentence-pointing-below-introduces-the-quote",
        body=(
            f"<p>How else to explain <a href='{SRC}'>this old list</a> of theirs from back then? "
            f"The copy is below.</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", None, "source.example.com"),
    ),
    Case(
        label="heres-how-it-works-takes-the-sentence-before",
        body=(
            "<p>Jane Doe has released a fix for the flaw she found last year. Here's how it "
            f"works.</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="pronoun-antecedent-is-named-by-the-post-not-inside-a-quote",
        body=(
            "<p>Jane Roe asked Bob Poe about the dog. He answered:</p><blockquote><p>Ask Mary "
            "Major, who knows that dog better than anyone in town.</p></blockquote>"
            f"<p>He is still at it:</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Bob Poe", None),
    ),
    Case(
        label="exclamation-inside-a-sentence-does-not-end-it",
        body=(
            "<p>Jane Roe tells it again, to a chorus of Wow!! replies from the crowd:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Roe", None),
    ),
    Case(
        label="via-link-after-the-quote-names-no-one",
        body=f"<blockquote>{WORDS}</blockquote><p>(<a href='{SRC}'>via</a>.)</p>",
        expected=("trailer", None, "source.example.com"),
    ),
    Case(
        label="dash-from-trailer-names-the-publication",
        body=f"<blockquote>{WORDS}<p>- from Wired Magazine, 1999</p></blockquote>",
        expected=("trailer", "Wired Magazine, 1999", None),
    ),
    Case(
        label="author-cut-off-mid-word-by-the-party-quoted-before",
        body=(
            f"<p><a href='{SRC}'>Jane Critic</a> writes:</p><blockquote>{WORDS}</blockquote>"
            "<p>At least she has not gone on about Bob Poe and his awful dog ag—</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Critic", "source.example.com"),
    ),
    Case(
        label="quote-ending-in-a-bare-via-link-cites-that-link",
        body=(
            "<blockquote>The quoted words are here, and <a href='https://news.example.net/a'>"
            f"THEY ARE MANY</a>.<p>(<i><a href='{SRC}'>via</a></i>)</p></blockquote>"
        ),
        expected=("trailer", None, "source.example.com"),
    ),
    Case(
        label="name-with-an-accented-capital",
        body=f"<p>Émile Zola writes:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Émile Zola", None),
    ),
    Case(
        label="accented-name-doing-the-verb",
        body=(
            "<p>In a short pamphlet, Özlem Kaya laid out her plan:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Özlem Kaya", None),
    ),
    Case(
        label="verb-before-its-subject",
        body=(
            "<p>It could all be fixed within a year, says Jane Doe of the Example Society:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="verb-before-its-subject-in-german",
        body=(
            "<p>Das ließe sich schnell ändern, sagt Erika Mustermann vom Beispiel e.V.:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Erika Mustermann", None),
    ),
    Case(
        label="testimonial-signed-by-its-last-child",
        body=(
            f"<p>Read <a href='{SRC}'>our report</a>.</p><blockquote class='testimonial'><div "
            "class='quote-text'>Our work is to build things people use every day.</div>"
            "<div class='quote-author'>Jane Doe, CEO</div></blockquote>"
        ),
        expected=("trailer", "Jane Doe", None),
    ),
    Case(
        label="quote-opening-the-more-part-continues-the-one-closing-the-first",
        body=(
            f"<div class='entry-body'><p><a href='{SRC}'>Jane Critic</a> writes:</p>"
            f"<blockquote>{WORDS}</blockquote></div><a id='more'></a><div class='entry-more'>"
            f"<p><span id='more-12'></span></p><blockquote>{WORDS}</blockquote>"
            "<p>She is wrong, as usual.</p></div>"
        ),
        expected=("lead-in", "Jane Critic", "source.example.com"),
    ),
    Case(
        label="lone-name-opening-a-sentence-with-its-verb",
        body=(
            "<p>The book is long. Wolk periodically reminds the reader of the fact:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Wolk", None),
    ),
    Case(
        label="the-text-reads-takes-the-title-given-before",
        body=(
            "<p>I found some verse in an old weekly. It is called “Ode to a Kettle” and it "
            "is awful.</p><p>The “ode” (in four short lines) reads:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Ode to a Kettle", None),
    ),
    Case(
        label="what-i-found-takes-the-source-named-before",
        body=(
            "<p>Today I looked the word up in the Oxford Dictionary. What I found scares me:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Oxford Dictionary", None),
    ),
    Case(
        label="pointer-paragraph-just-before-a-nameless-lead-in",
        body=(
            f"<p>(See the <a href='{SRC}'>full set of rules</a>.)</p><p><img src='x.png'></p>"
            f"<p>The game goes on, and then, when a shark shows up, you act:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", None, "source.example.com"),
    ),
    Case(
        label="author-made-what-follows-is-the-posts-own",
        body=(
            "<p>I was baffled by her book. So I devised a scene. What she thinks happened:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("self", None, None),
    ),
    Case(
        label="tweet-with-a-german-date-names-its-author-without-the-date",
        body=(
            '<blockquote class="twitter-tweet"><p>Hallo Welt, ein Tweet.</p>&mdash; Jo Beispiel '
            '(@jobsp) <a href="https://twitter.com/jobsp/status/1">25. September 2018</a>'
            "</blockquote>"
        ),
        expected=("embed", "Jo Beispiel (@jobsp)", "twitter.com"),
    ),
    Case(
        label="date-and-author-line-is-no-lead-in",
        body=(
            "<div class='meta'><span class='date'>March 9, 2014 | <a href='https://blog.example"
            ".com/author/jo' rel='author'>Jo</a></span></div>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("self", None, None),
    ),
    Case(
        label="pronoun-passes-over-a-possessive-thing",
        body=(
            "<p>I cannot top Jane Roe herself. Comparing Marx's word to Kant's idea, she says "
            "she would not equate them. That she then does it again amazes me:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Roe", None),
    ),
    Case(
        label="pronoun-keeps-a-possessive-author-of-a-text",
        body=(
            "<p>Still, Bob Poe's review is a marvel. What he likes about the film is</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Bob Poe", None),
    ),
    Case(
        label="here-is-his-criticism-is-the-party-quoted-before",
        body=(
            f"<p><a href='{SRC}'>Jane Critic</a> writes:</p><blockquote>{WORDS}</blockquote>"
            "<p>She misses badly. For example, here is her criticism of Bob Poe's point:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Critic", "source.example.com"),
    ),
    Case(
        label="far-lead-in-takes-the-link-the-author-read-it-in",
        body=(
            f"<p>So, I read <a href='{SRC}'>in the Times</a> that the mayor signed it. It could "
            "tower over the hills like some dread <a href='https://wiki.example.org/Hill'>Big "
            "Hill</a>. Sounds logical, right? However:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", None, "source.example.com"),
    ),
    Case(
        label="owned-text-link-beats-a-bare-this-link",
        body=(
            f"<p>Not even on Bob Poe's <a href='{SRC}'>latest argument</a>, because no one could "
            "consider <a href='https://other.example.net/c'>this</a> an invitation, or answer "
            "it with the following complaint:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Bob Poe", "source.example.com"),
    ),
    Case(
        label="short-lead-in-keeps-the-whole-name",
        body=f"<p>Jane Doe isn't impressed:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="short-lead-in-with-the-verb-first",
        body=f"<p>Writes Jane Doe:</p><blockquote>{WORDS}</blockquote>",
        expected=("lead-in", "Jane Doe", None),
    ),
    Case(
        label="capitalised-word-qualifying-the-subject-is-no-name",
        body=(
            f"<p><a href='{SRC}'>Jane Critic</a> writes:</p><blockquote>{WORDS}</blockquote>"
            "<p>Sadly, the Ohio crowd is not impressed:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Critic", "source.example.com"),
    ),
    Case(
        label="news-style-quote-names-its-speaker-at-its-end",
        body=(
            "<p>The reaction was swift.</p><blockquote>“The mayor is not above the law in any "
            "way,” said one legal scholar, as reported by the Daily Example.</blockquote>"
        ),
        expected=("trailer", "one legal scholar", None),
    ),
    Case(
        label="short-lead-in-after-the-author-says-they-made-it",
        body=(
            "<p>I was baffled by her book, so I devised a scene.</p>"
            f"<p>What she thinks happened:</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("self", None, None),
    ),
    Case(
        label="second-half-of-the-authors-own-pair-is-own-too",
        body=(
            "<p>I was baffled by her book, so I devised a scene.</p>"
            f"<p>What she thinks happened:</p><blockquote>{WORDS}</blockquote>"
            f"<p>What actually happened:</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("self", None, None),
    ),
    Case(
        label="he-answering-a-woman-quoted-before-is-not-her",
        body=(
            "<p>Jane Roe, who prides herself on her sums, writes:</p>"
            f"<blockquote>{WORDS}</blockquote><p>He is having none of it:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("none", None, None),
    ),
    Case(
        label="she-after-a-woman-quoted-before-is-her",
        body=(
            "<p>Jane Roe, who prides herself on her sums, writes:</p>"
            f"<blockquote>{WORDS}</blockquote><p>She is still at it:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Roe", None),
    ),
    Case(
        label="i-have-one-more-example-is-not-the-authors-own-words",
        body=(
            "<p>Jane Doe writes badly. I have one more example of it:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("none", None, None),
    ),
    Case(
        label="dash-after-a-says-verb-is-a-lead-in-not-an-interruption",
        body=(
            f"<p><a href='{SRC}'>Jane Critic</a> writes:</p><blockquote>{WORDS}</blockquote>"
            f"<p>Now consider what Bob Poe wrote—</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Bob Poe", None),
    ),
    Case(
        label="she-goes-back-to-the-name-shown-to-be-a-she",
        body=(
            "<p>Jane Roe wrote a post and found herself in a storm.</p><p>It was about the "
            "Example Podcast and its fees.</p><p>At first, she went with a simple sum:</p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Roe", None),
    ),
    Case(
        label="speaker-labels-followed-by-a-no-break-space",
        body=(
            "<p>So he went to the doctor.</p><blockquote><p>DOCTOR:&nbsp;What seems to be the "
            "trouble?</p><p>ME:&nbsp;My ear.</p><p>DOCTOR:&nbsp;Let me <a href='https://med."
            "example.org/ear'>look</a>.</p></blockquote>"
        ),
        expected=("trailer", "DOCTOR", None),
    ),
    Case(
        label="someone-as-an-object-does-not-make-the-quote-anonymous",
        body=(
            f"<p><a href='{SRC}'>Jane Critic</a> writes:</p><blockquote>{WORDS}</blockquote>"
            "<p>Would a scholar of her stature borrow the language of someone whose mind is "
            f"gone?</p><blockquote>{WORDS}</blockquote>"
        ),
        expected=("lead-in", "Jane Critic", "source.example.com"),
    ),
    Case(
        label="people-who-say-things-are-nobody-in-particular",
        body=(
            f"<p><a href='{SRC}'>Jane Critic</a> writes:</p><blockquote>{WORDS}</blockquote>"
            "<p>\n  Then we get people who are just spouting nonsense:\n  </p>"
            f"<blockquote>{WORDS}</blockquote>"
        ),
        expected=("none", None, None),
    ),
)


def quotes(body: str) -> list[Quote]:
    """The quotes of a post whose body is ``body``."""
    return list(read(post(body)).quotes)


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_quote_is_attributed(case: Case) -> None:
    """The quote gets the source, and the way of naming it, a reader would give."""
    quote = quotes(case.body)[case.index]
    assert (str(quote.how), quote.name, quote.site) == case.expected
