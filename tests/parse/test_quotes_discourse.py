"""Quotes whose source the post names earlier or elsewhere: how bloggers carry a source along.

Every page here is a synthetic fixture written for these tests.
"""

from __future__ import annotations

from hattip import Quote

from .snippets import post, read

REVIEW = "https://critic.example.com/2010/08/review"
ASIDE = "https://friend.example.org/2010/05/aside"
SAID = "<blockquote><p>Words of the {who}, long enough to be a real excerpt.</p></blockquote>"


def quotes(body: str) -> list[Quote]:
    """The quotes of a post whose body is ``body``."""
    return list(read(post(body)).quotes)


def test_you_in_a_fisking_is_the_party_answered_throughout() -> None:
    """'Let you finish:' after an aside quoting someone else goes back to the post's main source."""
    body = (
        f"<p>Jane Critic's <a href='{REVIEW}'>review</a> is a marvel. What she likes is</p>"
        + SAID.format(who="critic, first")
        + "<p>Maybe someone should tell her. Please, Ms. Critic, continue:</p>"
        + SAID.format(who="critic, second")
        + f"<p>Let me recommend my friend Bob Friend's <a href='{ASIDE}'>post</a>, which notes</p>"
        + SAID.format(who="friend")
        + "<p>That is no moral code at all. But I should let you finish:</p>"
        + SAID.format(who="critic, third")
    )
    assert [q.site for q in quotes(body)] == [
        "critic.example.com",
        "critic.example.com",
        "friend.example.org",
        "critic.example.com",
    ]


def test_generic_you_keeps_the_quote_just_before() -> None:
    """'As you can see:' speaks to the reader: the quote continues the one just before it."""
    body = (
        f"<p>Jane Critic's <a href='{REVIEW}'>review</a> is a marvel. She writes:</p>"
        + SAID.format(who="critic, first")
        + "<p>Then she says it again:</p>"
        + SAID.format(who="critic, second")
        + f"<p>My friend Bob Friend <a href='{ASIDE}'>answers</a>:</p>"
        + SAID.format(who="friend")
        + "<p>As you can see:</p>"
        + SAID.format(who="friend, again")
    )
    assert [q.site for q in quotes(body)][-1] == "friend.example.org"
