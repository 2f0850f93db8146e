"""The phrase tables, entry by entry: every cue of ``CUE_LIST`` makes its credit, traps make none.

Each case is a short post run through :func:`hattip.extract`; the expected credits are what the
post's reader would say it credits. A new cue in ``patterns.py`` without a case here fails
``test_every_cue_has_a_positive_case``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import pytest

from hattip import Region
from hattip.parse.patterns import CUE_LIST, CUES

from .snippets import Triple, post, post_credits, read

K = "https://kottke.org/2020/05/a-post"
TITLED = ' title="Sadly, No!"'
REL_VIA = ' rel="via"'
REPOST_OF = ' class="u-repost-of"'
UNSPLASH = "https://unsplash.com/photos/abc"


def a(text: str, href: str = K, extra: str = "") -> str:
    """An anchor."""
    return f'<a href="{href}"{extra}>{text}</a>'


def fig(caption: str) -> str:
    """A figure with an image and the given caption."""
    return (
        f"<figure><img src='/img/cat.jpg' alt='a cat'><figcaption>{caption}</figcaption></figure>"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    """One way of writing a credit, and the credits the post then makes."""

    cue: str
    label: str
    body: str
    expected: tuple[Triple, ...]
    bug: str | None = None
    """Why this case fails today (marks it xfail strict): the lead's to-do."""

    @property
    def id(self) -> str:
        """The pytest id: cue id and a short label."""
        return f"{self.cue}-{self.label}"


def via(name: str | None, site: str | None = "kottke.org") -> tuple[Triple, ...]:
    """One via credit."""
    return (("via", name, site),)


def one(kind: str, name: str | None, site: str | None = "kottke.org") -> tuple[Triple, ...]:
    """One credit of ``kind``."""
    return ((kind, name, site),)


CASES: tuple[Case, ...] = (
    # --- via ---------------------------------------------------------------------------------
    Case(
        cue="via-initial",
        label="via-colon-line",
        body=f"<p>Via: {a('Kottke')}</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="via-initial",
        label="parenthesised",
        body=f"<p>A fine map (via {a('Kottke')}).</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="via-initial",
        label="bare-via-link",
        body=f"<p>A fine map ({a('via')}).</p>",
        expected=via(None),
    ),
    Case(
        cue="via-initial",
        label="bracketed-via-link",
        body=f"<p>A fine map [{a('via')}]</p>",
        expected=via(None),
    ),
    Case(
        cue="via-initial",
        label="handle",
        body="<p>A fine map (via @jdoe).</p>",
        expected=via("@jdoe", "twitter.com"),
    ),
    Case(
        cue="via-initial",
        label="bare-domain",
        body="<p>A fine map (via kottke.org).</p>",
        expected=via("kottke.org"),
    ),
    Case(
        cue="via-initial",
        label="linked-name-with-punctuation",
        body=f"<p>A fine map, via {a('Sadly, No!', 'https://www.sadlyno.com/')}</p>",
        expected=via("Sadly, No!", "sadlyno.com"),
    ),
    Case(
        cue="via-initial",
        label="bare-name-with-punctuation",
        body="<p>A fine map (via Sadly, No!)</p>",
        expected=via("Sadly, No!", None),
    ),
    Case(
        cue="via-initial",
        label="name-from-link-title",
        body=f"<p>A fine map (via {a('here', 'https://www.sadlyno.com/', TITLED)})</p>",
        expected=via("Sadly, No!", "sadlyno.com"),
    ),
    Case(
        cue="via-link",
        label="mid-sentence-link",
        body=f"<p>Excellent stuff via {a('Jason Kottke')} today.</p>",
        expected=via("Jason Kottke"),
    ),
    Case(
        cue="found-via",
        label="linked",
        body=f"<p>I found this via {a('Jason Kottke')}.</p>",
        expected=via("Jason Kottke"),
    ),
    Case(
        cue="found-via",
        label="bare-name",
        body="<p>I found it via Sadly, No! yesterday.</p>",
        expected=via("Sadly, No!", None),
    ),
    Case(
        cue="found-via",
        label="long-object-with-comma",
        body=(
            "<p>I found Ann's review of Bob's review of Bring It On, Again via "
            f"{a('Kottke')} this week.</p>"
        ),
        expected=via("Kottke"),
    ),
    Case(
        cue="found-it-at",
        label="linked-here",
        body=f"<p>A fine map (via The Sister, who found it {a('here')}).</p>",
        expected=(("via", "The Sister", None), ("via", None, "kottke.org")),
    ),
    Case(
        cue="found-it-at",
        label="found-it-at-link",
        body=f"<p>A fine old map. My sister found it at {a('Kottke')}.</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="found-it-at",
        label="saw-this-over-at",
        body=f"<p>A fine old map. I saw this over at {a('Kottke')}.</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="found-it-at",
        label="spotted-on",
        body=f"<p>A fine old map I spotted on {a('Kottke')} today.</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="via-initial",
        label="bracketed-in-a-heading",
        body=f"<h2>A fine old map (via {a('Kottke')})</h2>",
        expected=via("Kottke"),
    ),
    Case(
        cue="found-it-at",
        label="chain-who-got-it-from",
        body=f"<p>Via {a('Kottke')}, who got it from {a('Boing Boing', 'https://boingboing.net/y')}.</p>",
        expected=(("via", "Kottke", "kottke.org"), ("via", "Boing Boing", "boingboing.net")),
    ),
    Case(
        cue="via-link",
        label="cue-inside-the-link",
        body=f"<p>A fine old map, {a('via Kottke')}.</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="curators-via",
        label="glyph",
        body=f"<p>A fine map. ᔥ {a('Kottke')}</p>",
        expected=via("Kottke"),
    ),
    # --- hat tips ----------------------------------------------------------------------------
    Case(
        cue="h-slash-t",
        label="parenthesised",
        body=f"<p>A fine map (h/t {a('Kottke')})</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="h-slash-t",
        label="upper-handle",
        body="<p>A fine map. H/T @jdoe</p>",
        expected=one("hat_tip", "@jdoe", "twitter.com"),
    ),
    Case(
        cue="h-slash-t",
        label="upper-to",
        body=f"<p>A fine map (H/T to {a('Kottke')}).</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="h-dot-t",
        label="parenthesised",
        body=f"<p>A fine map (h.t. {a('Kottke')})</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="ht-colon",
        label="line",
        body=f"<p>HT: {a('Kottke')}</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="ht-framed",
        label="parenthesised",
        body=f"<p>A fine map (HT {a('Kottke')})</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="ht-framed",
        label="bare-name-ending-the-line",
        body="<p>A fine old map of the river.</p><p>HT Jane Smith.</p>",
        expected=one("hat_tip", "Jane Smith", None),
    ),
    Case(
        cue="hat-tip",
        label="role-word-before-the-name",
        body="<p>A fine old map. Hat tip: reader Jane Smith.</p>",
        expected=one("hat_tip", "Jane Smith", None),
    ),
    Case(
        cue="h-slash-t",
        label="described-handle",
        body="<p>A fine old map. h/t: my colleague @jdoe</p>",
        expected=one("hat_tip", "@jdoe", "twitter.com"),
    ),
    Case(
        cue="hat-tip",
        label="hat-tip-to",
        body=f"<p>Hat tip to {a('Kottke')}.</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="hat-tip",
        label="hattip-colon",
        body=f"<p>Great stuff. Hattip: {a('Kottke')}</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="tip-of-the-hat",
        label="linked",
        body=f"<p>A tip of the hat to {a('Kottke')}.</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="nod-to",
        label="parenthesised",
        body=f"<p>A fine map. (A nod to {a('Kottke')}.)</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="curators-hat-tip",
        label="glyph",
        body=f"<p>A fine map. ↬ {a('Kottke')}</p>",
        expected=one("hat_tip", "Kottke"),
    ),
    Case(
        cue="curators-hat-tip",
        label="glyph-handle",
        body="<p>A fine map. ↬ @jdoe</p>",
        expected=one("hat_tip", "@jdoe", "twitter.com"),
    ),
    # --- thanks ------------------------------------------------------------------------------
    Case(
        cue="thanks-for-find",
        label="for-this-great-find",
        body="<p>A fine old map. (Thanks, Jane Doe, for this great find!)</p>",
        expected=one("thanks", "Jane Doe", None),
    ),
    Case(
        cue="thanks-for-find",
        label="name-between-commas",
        body=f"<p>A fine old map. Thanks, {a('Kottke')}, for the tip.</p>",
        expected=one("thanks", "Kottke"),
    ),
    Case(
        cue="thanks-for-find",
        label="for-the-link",
        body=f"<p>Thanks to {a('Jason')} for the link.</p>",
        expected=one("thanks", "Jason"),
    ),
    Case(
        cue="thanks-for-find",
        label="bare-name-tip",
        body="<p>Thanks to Jane Doe for the tip.</p>",
        expected=one("thanks", "Jane Doe", None),
    ),
    Case(
        cue="thanks-for-find",
        label="high-five-flagging",
        body="<p>High five to Jane Doe for flagging this.</p>",
        expected=one("thanks", "Jane Doe", None),
    ),
    Case(
        cue="thanks-for-find",
        label="kudos-pointer",
        body=f"<p>Kudos to {a('Jason')} for the pointer.</p>",
        expected=one("thanks", "Jason"),
    ),
    Case(
        cue="thanks-to-framed",
        label="props",
        body=f"<p>Props to {a('Jason')}!</p>",
        expected=one("thanks", "Jason"),
    ),
    Case(
        cue="thanks-comma",
        label="parenthesised",
        body=f"<p>A fine map (thanks, {a('Jason')})</p>",
        expected=one("thanks", "Jason"),
    ),
    Case(
        cue="sent-this",
        label="linked",
        body=f"<p>{a('Jason')} sent this along.</p>",
        expected=one("thanks", "Jason"),
    ),
    Case(
        cue="sent-this",
        label="bare-name",
        body="<p>Jane Doe sent me this.</p>",
        expected=one("thanks", "Jane Doe", None),
    ),
    Case(
        cue="pointed-me",
        label="linked",
        body=f"<p>{a('Jason')} pointed me to it.</p>",
        expected=one("thanks", "Jason"),
    ),
    Case(
        cue="for-flagging",
        label="thank-you-spotting",
        body="<p>Thank you Jane Doe for spotting this.</p>",
        expected=one("thanks", "Jane Doe", None),
    ),
    # --- source ------------------------------------------------------------------------------
    Case(
        cue="source-colon",
        label="line",
        body=f"<p>Source: {a('Kottke')}</p>",
        expected=one("source", "Kottke"),
    ),
    Case(
        cue="source-colon",
        label="list-of-sources",
        body="<p>A long story.</p><p>Sources: Riverwatch, The Daily Ledger; Ann Berg / 2019</p>",
        expected=(
            ("source", "Riverwatch", None),
            ("source", "The Daily Ledger", None),
            ("source", "Ann Berg", None),
        ),
    ),
    Case(
        cue="source-colon",
        label="list-ends-at-a-date",
        body="<p>A long story.</p><p>Source: Riverwatch, March 3, 2019</p>",
        expected=(("source", "Riverwatch", None),),
    ),
    Case(
        cue="source-colon",
        label="picture-library-is-an-image-credit",
        body=f"<p>A long run in the park does wonders.</p><p>Source: {a('Unsplash', UNSPLASH)}</p>",
        expected=one("image_credit", "Unsplash", "unsplash.com"),
    ),
    Case(
        cue="de-quelle",
        label="picture-credit-line-names-the-picture-source",
        body="<p>Viel Spaß beim Laufen!</p><p>Bild 2: © Ann Berg, alle Rechte vorbehalten. "
        f"Quelle: {a('Bildarchiv Nord', 'https://bildarchiv.example.de/')}</p>",
        expected=one("image_credit", "Bildarchiv Nord", "bildarchiv.example.de"),
    ),
    Case(
        cue="this-post-originally",
        label="unlinked-publication",
        body="<p>A long look at the river.</p><p>This post originally appeared on Riverwatch.</p>",
        expected=one("source", "Riverwatch", None),
    ),
    Case(
        cue="de-stammt-aus",
        label="magazine-issue-name-ends-at-the-full-stop",
        body="<p>Ein langer Text.</p><p>Dieser Beitrag stammt aus Ausgabe 3/2021 der "
        "Zeitschrift Nordlicht. Das Heft liegt am Kiosk.</p>",
        expected=one("source", "Zeitschrift Nordlicht", None),
    ),
    Case(
        cue="courtesy-of",
        label="data",
        body=f"<p>Data courtesy of {a('Kottke')}.</p>",
        expected=one("source", "Kottke"),
    ),
    Case(
        cue="originally-published",
        label="at",
        body=f"<p>This essay was originally published at {a('Kottke')}.</p>",
        expected=one("source", "Kottke"),
    ),
    Case(
        cue="cross-posted",
        label="from",
        body=f"<p>Cross-posted from {a('Kottke')}.</p>",
        expected=one("source", "Kottke"),
    ),
    # --- image credits -----------------------------------------------------------------------
    Case(
        cue="photo-by",
        label="figcaption",
        body=fig(f"A cat in the sun. Photo by {a('Jane Doe')}"),
        expected=one("image_credit", "Jane Doe"),
    ),
    Case(
        cue="photo-by",
        label="credit-line-under-image",
        body=f"<p><img src='/cat.jpg'><br><small>Image: {a('Jane Doe')}</small></p>",
        expected=one("image_credit", "Jane Doe"),
    ),
    Case(
        cue="credit-colon",
        label="figcaption",
        body=fig(f"A cat. Credit: {a('Jane Doe')}"),
        expected=one("image_credit", "Jane Doe"),
    ),
    Case(
        cue="via-initial",
        label="after-an-enumeration-c-is-no-copyright",
        body=f"<p>Three ways: (a) stay, (b) go, (c) wait and see, via {a('Kottke')}.</p>",
        expected=via("Kottke"),
    ),
    Case(
        cue="via-link",
        label="photo-via-in-running-text-credits-the-picture",
        body=f"<p>The sign outside the shop. Photo via {a('Jane Doe')}</p>",
        expected=one("image_credit", "Jane Doe"),
    ),
    Case(
        cue="caption-via",
        label="figcaption",
        body=fig(f"A cat, via {a('Jane Doe')}"),
        expected=one("image_credit", "Jane Doe"),
    ),
    Case(
        cue="caption-courtesy",
        label="figcaption",
        body=fig(f"A cat, courtesy {a('Jane Doe')}"),
        expected=one("image_credit", "Jane Doe"),
    ),
    Case(
        cue="caption-copyright",
        label="figcaption",
        body=fig(f"A cat. © {a('Jane Doe')}"),
        expected=one("image_credit", "Jane Doe"),
    ),
    # --- German, French, Spanish -------------------------------------------------------------
    Case(
        cue="de-quelle",
        label="line",
        body=f"<p>Quelle: {a('Spiegel', 'https://www.spiegel.de/a/b')}</p>",
        expected=one("source", "Spiegel", "spiegel.de"),
    ),
    Case(
        cue="de-bild",
        label="figcaption",
        body=fig(f"Eine Katze. Foto: {a('Jana')}"),
        expected=one("image_credit", "Jana"),
    ),
    Case(
        cue="pointer-from",
        label="after-a-pointer-from",
        body=f"<p>This caught my eye (after a pointer from {a('Jason Kottke')}): a map.</p>",
        expected=one("thanks", "Jason Kottke"),
    ),
    Case(
        cue="pointer-from",
        label="heads-up-from-name",
        body="<p>A fine map, with a heads-up from Juliet Hale.</p>",
        expected=one("thanks", "Juliet Hale", None),
    ),
    Case(
        cue="spotted-by",
        label="spotted-by-link",
        body=f"<p>The feature, which was spotted by {a('Mike Rundle')} on Twitter, is new.</p>",
        expected=one("thanks", "Mike Rundle"),
    ),
    Case(
        cue="de-erschien",
        label="erschien-zuerst-bei",
        body=f"<p>Dieser Text erschien zuerst bei {a('Netzpolitik', 'https://netzpolitik.org/x')}.</p>",
        expected=one("source", "Netzpolitik", "netzpolitik.org"),
    ),
    Case(
        cue="de-danke",
        label="hinweis",
        body=f"<p>Danke an {a('Jana')} für den Hinweis.</p>",
        expected=one("thanks", "Jana"),
    ),
    Case(
        cue="fr-source",
        label="spaced-colon",
        body=f"<p>Source : {a('Le Monde', 'https://www.lemonde.fr/x')}</p>",
        expected=one("source", "Le Monde", "lemonde.fr"),
    ),
    Case(
        cue="fr-merci",
        label="lien",
        body=f"<p>Merci à {a('Jean')} pour le lien.</p>",
        expected=one("thanks", "Jean"),
    ),
    Case(
        cue="es-via",
        label="line",
        body=f"<p>Vía: {a('El País', 'https://elpais.com/x')}</p>",
        expected=one("via", "El País", "elpais.com"),
    ),
    Case(
        cue="es-fuente",
        label="line",
        body=f"<p>Fuente: {a('El País', 'https://elpais.com/x')}</p>",
        expected=one("source", "El País", "elpais.com"),
    ),
)


def _params(cases: tuple[Case, ...]) -> list[object]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=case.bug)] if case.bug else [],
        )
        for case in cases
    ]


@pytest.mark.parametrize("case", _params(CASES))
def test_cue_makes_its_credit(case: Case) -> None:
    """Each phrase-table entry, written the way blogs write it, credits exactly its party."""
    assert post_credits(read(post(case.body))) == list(case.expected)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_case_text_holds_its_own_cue(case: Case) -> None:
    """A case exercises the cue it is filed under (its text matches that cue's pattern)."""
    cue = CUES[case.cue]
    assert re.search(cue.pattern, _text(case.body), 0 if cue.case else re.IGNORECASE)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_case_text_holds_one_of_its_cue_keys(case: Case) -> None:
    """A cue's speed keys never hide a text its pattern matches."""
    keys = CUES[case.cue].keys
    text = _text(case.body)
    assert any(key in text or key.lower() in text.lower() for key in keys), keys


def test_every_cue_has_a_positive_case() -> None:
    """A new entry of CUE_LIST without a case in this table fails here."""
    missing = {cue.id for cue in CUE_LIST} - {case.cue for case in CASES if case.bug is None}
    assert not missing, f"add a passing case to CASES for: {sorted(missing)}"


def test_cue_ids_are_unique() -> None:
    """Cue ids are the tests' keys: two entries may not share one."""
    ids = [cue.id for cue in CUE_LIST]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES if c.bug is None])
def test_phrase_credit_keeps_evidence_and_confidence(case: Case) -> None:
    """Every credit says which words made it and how sure hattip is (0.5..1)."""
    page = read(post(case.body))
    text = " ".join(_text(case.body).split())
    for credit in page.credits:
        assert credit.evidence.strip()
        assert credit.evidence in text
        assert 0.5 <= credit.confidence <= 1.0


def _text(body: str) -> str:
    """The visible text of a fragment."""
    return str(lxml.html.fragment_fromstring(body, create_parent="div").text_content())


def test_via_chain_credits_each_party_in_order() -> None:
    """ "(via A, via B)" is two credits, in the order the post gives them."""
    body = (
        f"<p>A fine map (via {a('Ann', 'https://ann.example.org/p')}, "
        f"via {a('Bob', 'https://bob.example.net/q')}).</p>"
    )
    assert post_credits(read(post(body))) == [
        ("via", "Ann", "ann.example.org"),
        ("via", "Bob", "bob.example.net"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            f"<p>A fine map. {a('Kottke', extra=REL_VIA)}</p>",
            [("via", "Kottke", "kottke.org")],
            id="rel-via-link",
        ),
        pytest.param(
            f"<p>Reposting {a('this post', extra=REPOST_OF)}.</p>",
            [("repost_of", None, "kottke.org")],
            id="u-repost-of",
        ),
    ],
)
def test_markup_credit(body: str, expected: list[Triple]) -> None:
    """Credits stated in markup (rel=via, microformats) come out without any phrase."""
    page = read(post(body).replace("hentry", "h-entry"))
    assert post_credits(page) == expected


# --- traps: phrases that look like credits and are not ------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Trap:
    """A page that must not yield a post credit."""

    label: str
    page: str
    allowed: frozenset[Region] = frozenset()
    """Regions where a credit may be found (a reader's comment may credit; the post does not)."""
    link_region: Region | None = None
    """The region every link of the trap's container must be labelled with."""
    bug: str | None = None


COMMENTS = (
    "<div id='comments' class='comments-area'><h2 class='comments-title'>2 Comments</h2>"
    "<ol class='commentlist'><li class='comment'><div class='comment-body'>"
    "<p>Great post, thanks for the link!</p></div></li>"
    f"<li class='comment'><div class='comment-body'><p>Found this via {a('Kottke')} "
    f"(h/t {a('Bob', 'https://bob.example.net/')})</p></div></li></ol></div>"
)
BLOGROLL = (
    "<aside id='sidebar' class='widget-area'><section class='widget widget_links'>"
    f"<h2>Blogroll</h2><ul class='blogroll'><li>{a('Kottke')}</li>"
    f"<li>{a('Via Negativa', 'https://www.vianegativa.us/')}</li></ul></section></aside>"
)
SHARE = (
    "<div class='sharedaddy sd-sharing-enabled'><h3 class='sd-title'>Share this:</h3><ul>"
    "<li><a href='mailto:?subject=A%20post'>Share via Email</a></li>"
    "<li><a href='https://twitter.com/intent/tweet?url=x'>Share via Twitter</a></li></ul></div>"
)

TRAPS: tuple[Trap, ...] = (
    Trap(label="via-email", page=post("<p>We got the news via email from the mayor.</p>")),
    Trap(
        label="announced-via-instagram",
        page=post("<p>The band announced via Instagram that it would tour.</p>"),
    ),
    Trap(
        label="referral-daily-kos", page=post("<p>Welcome, if you arrived here via Daily Kos.</p>")
    ),
    Trap(
        label="causal-thanks-to-the-law",
        page=post("<p>We are all safer thanks to the new law.</p>"),
    ),
    Trap(
        label="causal-thanks-to-a-name",
        page=post("<p>Thanks to Obama, health care reform passed the Senate.</p>"),
    ),
    Trap(label="share-via-email-widget", page=post("", after=SHARE), link_region=Region.SHARE),
    Trap(label="share-via-inside-post", page=post(SHARE)),
    Trap(label="posted-via-mobile", page=post("<p>Posted via mobile</p>")),
    Trap(
        label="posted-via-app-link",
        page=post(f"<p>Posted via {a('WordPress for iPhone', 'https://wordpress.org/apps')}</p>"),
    ),
    Trap(
        label="embedded-via-slideshare",
        page=post("<p>The slides below were embedded via SlideShare.</p>"),
    ),
    Trap(label="built-via-the-api", page=post("<p>The map was built via the Google Maps API.</p>")),
    Trap(label="travel-via-a-city", page=post("<p>I flew to Boston via Chicago last week.</p>")),
    Trap(
        label="originally-written-in-a-language",
        page=post("<p>This essay was originally written in German, then translated.</p>"),
    ),
    Trap(
        label="sponsor-thanks",
        page=post("<p>Thanks to our sponsor Acme Widgets for supporting the show.</p>"),
    ),
    Trap(
        label="props-for-a-favour",
        page=post("<p>Props to Jane Doe for her great talk at the meetup.</p>"),
    ),
    Trap(
        label="thanks-between-commas-for-a-favour",
        page=post("<p>Thanks, Joe Bloggs, for the coffee this morning.</p>"),
    ),
    Trap(
        label="installable-via-a-registry",
        page=post(f"<p>The package is installable via {a('PyPI', 'https://pypi.org/p/x')}.</p>"),
    ),
    Trap(
        label="watch-via-a-service",
        page=post(f"<p>Watch it via {a('Netflix', 'https://www.netflix.com/t/1')}.</p>"),
    ),
    Trap(
        label="found-in-a-study",
        page=post(f"<p>Similar effects were found in {a('a 2019 study')} of rivers.</p>"),
    ),
    Trap(
        label="via-in-a-heading-link",
        page=post(f"<h2>Learning to draw via {a('Comics')}</h2><p>More below.</p>"),
    ),
    Trap(
        label="tickets-via-a-shop",
        page=post(f"<p>Tickets via {a('Eventbrite', 'https://www.eventbrite.com/e/1')}.</p>"),
    ),
    Trap(label="via-street-name", page=post("<p>Via Roma is the main street of the old town.</p>")),
    Trap(
        label="found-then-delivered-via",
        page=post(f"<p>I found the lamp in a sale, and it was shipped via {a('Parcelco')}.</p>"),
    ),
    Trap(
        label="blogged-via-a-client",
        page=post(f"<p>Blogged via {a('Flockish', 'https://flockish.example.com/')}</p>"),
    ),
    Trap(
        label="framed-via-a-client-app",
        page=post(f"<p>See you there.</p><p>-- via {a('Tapatalk', 'https://tapatalk.com/')}</p>"),
    ),
    Trap(
        label="thanks-for-this-thing",
        page=post("<p>Thanks to the Senator Jones for this mess we are in.</p>"),
    ),
    Trap(
        label="thanks-to-name-for-this-thing",
        page=post("<p>Thanks to Jane Doe for that wonderful dinner last night.</p>"),
    ),
    Trap(label="ht-company-name", page=post("<p>HT Media reported the news on Monday.</p>")),
    Trap(label="nod-to-an-allusion", page=post("<p>Nod to Dickens in chapter two is plain.</p>")),
    Trap(label="got-it-from-a-relative", page=post("<p>I got it from my mother years ago.</p>")),
    Trap(
        label="reprinted-elsewhere-notice",
        page=post(f"<p>This article was reprinted on {a('Kottke.org')}.</p>"),
    ),
    Trap(
        label="shouted-thanks",
        page=post(
            "<p>No coffee for two weeks now [THANKS "
            f"{a('THIEVING LANDLORD', 'https://blog.example.com/older-post')}!] so forgive me.</p>"
        ),
    ),
    Trap(
        label="entrance-via-a-bridge",
        page=post(
            "<p>The aqueduct made a grand entrance into the city via "
            f"{a('the High Bridge', 'https://bridges.example.org/high')}, built in 1848.</p>"
        ),
    ),
    Trap(
        label="headline-link-opening-with-via",
        page=post(
            f"<p>Also today: {a('Via da Roma due medici italiani: il nostro lavoro continua')}</p>"
        ),
    ),
    Trap(
        label="found-that-clause-via",
        page=post("<p>The study found that the water reached the town via Kottke Creek.</p>"),
    ),
    Trap(
        label="pointer-in-code-talk",
        page=post("<p>JSON pointers from the spec resolve against the document root.</p>"),
    ),
    Trap(label="subscribe-via-rss", page=post("<p>Subscribe via RSS and never miss a post.</p>")),
    Trap(label="h-t-ratio", page=post("<p>In the test the h/t ratio was 3 at full load.</p>")),
    Trap(label="ht-part-of-a-name", page=post("<p>The HT-7 reactor in Hefei is a tokamak.</p>")),
    Trap(
        label="words-inside-href",
        page=post(f"<p>See {a('this chart', 'https://example.com/via/hat-tip/h/t/')}.</p>"),
    ),
    Trap(
        label="words-inside-bare-url",
        page=post("<p>See https://example.com/hat-tip/via-kottke for details.</p>"),
    ),
    Trap(
        label="words-inside-code",
        page=post("<p>Type <code>via Kottke</code> or <code>h/t @jdoe</code> to try it.</p>"),
    ),
    Trap(
        label="words-inside-pre-block",
        page=post("<pre>log: thanks to Bob for the link\nHT: Alice</pre>"),
    ),
    Trap(
        label="thanks-for-the-link-in-comment",
        page=post("", after=COMMENTS),
        allowed=frozenset({Region.COMMENT}),
        link_region=Region.COMMENT,
    ),
    Trap(
        label="credit-inside-comment-section",
        page=post("", after=COMMENTS),
        allowed=frozenset({Region.COMMENT}),
        link_region=Region.COMMENT,
    ),
    Trap(
        label="blogroll-in-sidebar",
        page=post("", after=BLOGROLL),
        allowed=frozenset({Region.SIDEBAR}),
        link_region=Region.SIDEBAR,
    ),
    Trap(
        label="credit-inside-a-quote",
        page=post(
            "<p>She writes:</p><blockquote><p>Lovely (via "
            f"{a('Kottke')}) and more of her words.</p></blockquote>"
        ),
    ),
)


def _trap_params() -> list[object]:
    return [
        pytest.param(
            trap,
            id=trap.label,
            marks=[pytest.mark.xfail(strict=True, reason=trap.bug)] if trap.bug else [],
        )
        for trap in TRAPS
    ]


@pytest.mark.parametrize("trap", _trap_params())
def test_trap_is_not_a_post_credit(trap: Trap) -> None:
    """Means, channels, referrals, causal thanks, widgets, code, comments, blogrolls: no credit."""
    page = read(trap.page)
    assert post_credits(page) == []
    assert {c.region for c in page.credits} <= trap.allowed


@pytest.mark.parametrize(
    "trap", [pytest.param(t, id=t.label) for t in TRAPS if t.link_region is not None]
)
def test_trap_links_carry_their_region(trap: Trap) -> None:
    """Links of a comment list, share bar or blogroll are labelled so, never ``body``."""
    page = read(trap.page)
    outside = [lk for lk in page.links if "kottke" in lk.url or "twitter" in lk.url]
    assert outside
    assert {lk.region for lk in outside} == {trap.link_region}
