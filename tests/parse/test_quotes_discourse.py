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


def test_quote_opening_a_continue_reading_part_is_led_in_from_before_it() -> None:
    """A quote first in a post's 'more' part is introduced by the paragraph ending the first."""
    body = (
        "<div class='entry-body'><p>What Cashill has done is wrong. He has no choice now but to "
        "compile evidence, such as:</p></div><a id='more'></a><div class='entry-more'>"
        + SAID.format(who="columnist")
        + "</div>"
    )
    assert [(str(q.how), q.name) for q in quotes(body)] == [("lead-in", "Cashill")]


def test_contracted_pronoun_finds_its_antecedent() -> None:
    """'He's' opening a lead-in refers back to the person the sentence before names."""
    body = "<p>Then Jane Doe answered. She’s not done yet, as this shows:</p>" + SAID.format(
        who="answer"
    )
    assert [q.name for q in quotes(body)] == ["Jane Doe"]


def test_one_word_label_is_a_name_only_when_the_post_named_it() -> None:
    """'Sample:' under a column names nobody; 'Nolte:' after 'John Nolte wrote' names him."""
    sample = quotes("<p>My new column is up today.</p><p>Sample:</p>" + SAID.format(who="column"))
    named = quotes(
        "<p>We begin with what John Nolte wrote last week about the film.</p><p>Nolte:</p>"
        + SAID.format(who="review")
    )
    assert (sample[0].name, named[0].name) == (None, "Nolte")


OLD = "https://blog.example.com/2014/05/earlier-post"
AUTHOR_HEAD = "<meta name='author' content='Jane Blogger'>"


def _authored(body: str) -> list[Quote]:
    return list(read(post(body, head=AUTHOR_HEAD)).quotes)


def test_what_i_wrote_before_is_the_author_quoted_from_elsewhere() -> None:
    """'What I <a>wrote</a> about X obtains here:' quotes the author's earlier post, by name."""
    body = f"<p>What I just <a href='{OLD}'>wrote</a> about him obtains here:</p>" + SAID.format(
        who="author, earlier"
    )
    [quote] = _authored(body)
    assert (str(quote.how), quote.name, quote.url) == ("lead-in", "Jane Blogger", OLD)


def test_my_response_is_the_author_quoted_from_elsewhere() -> None:
    """'Here is my response to his query:' quotes the author's own earlier words."""
    body = "<p>Here is my honest response to his query:</p>" + SAID.format(who="response")
    assert [(str(q.how), q.name) for q in _authored(body)] == [("lead-in", "Jane Blogger")]


def test_a_commenter_writing_in_response_to_my_review_is_the_commenter() -> None:
    """'A commenter named Kaye writes in response to my review:' quotes Kaye, not the author."""
    body = "<p>A commenter named Kaye writes in response to my review:</p>" + SAID.format(
        who="commenter"
    )
    assert [q.name for q in _authored(body)] != ["Jane Blogger"]


def test_translation_is_the_authors_words_here() -> None:
    """'Translation:' sets off the author's own paraphrase: a quote of the post itself."""
    body = (
        "<p>Jane Critic writes:</p>"
        + SAID.format(who="critic")
        + "<p>Translation:</p>"
        + SAID.format(who="author, paraphrasing")
    )
    assert [str(q.how) for q in _authored(body)] == ["lead-in", "self"]


def test_my_response_takes_the_link_of_the_conversation_just_before() -> None:
    """With no author on the page, 'my response:' points at the conversation linked before it."""
    body = (
        f"<p>I am glad my conversation with <a href='{REVIEW}'>Jane Critic</a> stays civil.</p>"
        "<p>Here is my response to her query:</p>" + SAID.format(who="response")
    )
    assert [(str(q.how), q.site) for q in quotes(body)] == [("lead-in", "critic.example.com")]


def test_a_passage_from_his_book_is_the_person_named_before() -> None:
    """'Take this passage from his chapter:' quotes the man the paragraph before named."""
    body = (
        "<p>The answer, according to Ezra Klein's book, is polarization.</p>"
        "<p>Take this passage from his chapter on the parties:</p>" + SAID.format(who="book")
    )
    assert [q.name for q in quotes(body)] == ["Ezra Klein"]


def test_a_question_opening_with_did_i_names_nobody() -> None:
    """'Did I write this?' above a quote is no name: 'Did I' is not a person."""
    body = "<p>Can you tell which I wrote? Did I write this?</p>" + SAID.format(who="columnist")
    assert [q.name for q in quotes(body)] == [None]


def test_a_relative_clause_lead_in_names_its_subject() -> None:
    """'Which the Daily Planet reported thus:' names the paper, not 'Which the Daily Planet'."""
    body = (
        "<p>Jane Doe said this:</p>"
        + SAID.format(who="speaker")
        + "<p>Which the Daily Planet reported thus:</p>"
        + SAID.format(who="paper")
    )
    assert [q.name for q in quotes(body)] == ["Jane Doe", "the Daily Planet"]


def test_a_name_opening_the_lead_in_sentence_is_its_subject() -> None:
    """'Samantha is politely pushing back:' names Samantha, though her name opens the sentence."""
    body = "<p>The thread goes on. Samantha is politely pushing back:</p>" + SAID.format(who="her")
    assert [q.name for q in quotes(body)] == ["Samantha"]


def test_an_unnamed_guy_is_named_as_written() -> None:
    """'One guy is confused:' names 'One guy', not a person called One."""
    body = "<p>One guy is “confused”:</p>" + SAID.format(who="guy")
    assert [q.name for q in quotes(body)] == ["One guy"]


def test_the_same_passage_quoted_twice_is_not_a_pull_quote() -> None:
    """A passage quoted twice in a post is a quote of its source both times, not the post's own."""
    passage = (
        "<blockquote><p>Why has the conversation turned to focus on nothing more?</p></blockquote>"
    )
    body = (
        f"<p>At this point, Jane Doe writes:</p>{passage}<p>Later, Jane Doe writes again:</p>"
        + passage
    )
    assert [str(q.how) for q in quotes(body)] == ["lead-in", "lead-in"]


def test_i_asked_is_the_author_quoted_from_elsewhere() -> None:
    """'In <a>an earlier post</a> I asked the question:' quotes the author's earlier post."""
    body = f"<p>In <a href='{OLD}'>an earlier post</a> I asked the question:</p>" + SAID.format(
        who="author, asking"
    )
    [quote] = _authored(body)
    assert (str(quote.how), quote.name, quote.url) == ("lead-in", "Jane Blogger", OLD)


def test_shouted_words_are_not_a_name() -> None:
    """'But no, HE KNOWS BETTER THAN SHE DOES:' after naming Marco is Marco, not 'THAN SHE DOES'."""
    body = "<p>Then Marco replied.</p><p>But no, HE KNOWS BETTER THAN SHE DOES:</p>" + SAID.format(
        who="reply"
    )
    assert [q.name for q in quotes(body)] == ["Marco"]


def test_a_long_rebuttal_between_excerpts_keeps_the_source() -> None:
    """A long paragraph of rebuttal before 'And again:' keeps the source of the excerpts."""
    rebuttal = (
        "<p>" + "This claim does not hold up, for reasons I can list at length. " * 12 + "</p>"
    )
    body = (
        f"<p>Jane Critic's <a href='{REVIEW}'>review</a> argues:</p>"
        + SAID.format(who="critic, first")
        + rebuttal
        + "<p>And again:</p>"
        + SAID.format(who="critic, second")
    )
    assert [q.site for q in quotes(body)] == ["critic.example.com", "critic.example.com"]


def test_a_name_in_parentheses_is_not_the_speaker() -> None:
    """'The poem (subtitled "For the Kindergarten Club") reads:' is not words of that club."""
    body = "<p>The poem (subtitled “For the Kindergarten Club”) reads:</p>" + SAID.format(
        who="poem"
    )
    assert [q.name for q in quotes(body)] == [None]
