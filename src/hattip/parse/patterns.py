"""The phrase tables: how posts say "I got this from X", as data.

Each :class:`Cue` is one way of writing a credit: a regular expression for the cue words, the kind
of credit, where the credited party stands relative to the cue, and which surroundings the cue needs
before it counts (some cues are credits anywhere, others only in brackets, at the start of a
sentence, or in a caption). The engine in :mod:`hattip.parse.credits` applies them; every entry has
its own test in ``tests/parse/test_patterns.py``. Other languages are added as more entries with
their ``lang``.

>>> CUES["via-initial"].kind
<CreditKind.VIA: 'via'>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from hattip.model import CreditKind


class Party(StrEnum):
    """Where the credited party stands relative to the cue."""

    AFTER = "after"
    """``via X``: the party follows the cue."""
    BEFORE = "before"
    """``X sent this``: the party precedes the cue."""
    BETWEEN = "between"
    """``thanks to X for the link``: the party is captured by the cue's own ``party`` group."""


class Needs(StrEnum):
    """What must surround a cue before it counts as a credit."""

    ANY = "any"
    """The cue words alone are unambiguous (``h/t``, ``hat tip``)."""
    FRAMED = "framed"
    """In brackets, at the start of a sentence or line, or after a dash or bar."""
    CAPTION = "caption"
    """Only in a caption or an image credit line."""
    PARTY = "party"
    """Only when a proper party (a link, @handle or capitalised name) follows."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """One credit phrase."""

    id: str
    """Stable identifier, used by the tests."""
    keys: tuple[str, ...]
    """Lowercase words of which the text must hold one before the pattern is tried (speed)."""
    kind: CreditKind
    """The kind of credit the cue makes."""
    pattern: str
    """Regular expression (case-insensitive unless ``case`` is set) for the cue words."""
    party: Party = Party.AFTER
    """Where the credited party stands."""
    needs: Needs = Needs.ANY
    """What the surroundings must be."""
    confidence: float = 0.9
    """Confidence of a credit made by this cue when its party is a link."""
    lang: str = "en"
    """Language of the phrase."""
    case: bool = False
    """Match case-sensitively (``HT`` is a hat tip, ``ht`` in running text is not)."""


_V = CreditKind.VIA
_H = CreditKind.HAT_TIP
_T = CreditKind.THANKS
_S = CreditKind.SOURCE
_I = CreditKind.IMAGE_CREDIT

# The words a "thanks to X for ..." must end in to be about a find, not a favour.
FIND_NOUNS = (
    r"(?:the\s+|this\s+|that\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?"
    r"(?:links?|tips?|pointers?|heads[- ]?up|find|catch|spot|flag(?:ging)?|reminder|lead"
    r"|(?:great\s+)?(?:suggestion|recommendation)s?|sending|pointing|passing|forwarding"
    r"|linking|alerting|noticing|spotting|finding|bringing|sharing|this|that|it|the\s+(?:video|story"
    r"|article|post|piece|clip|image|photo|picture|quote|item))"
)

CUE_LIST: tuple[Cue, ...] = (
    # --- via -------------------------------------------------------------------------------
    Cue(id="via-initial", keys=("via",), kind=_V, pattern=r"\bvia\b:?", needs=Needs.FRAMED),
    Cue(
        id="via-link",
        keys=("via",),
        kind=_V,
        pattern=r"\bvia\b:?",
        needs=Needs.PARTY,
        confidence=0.75,
    ),
    Cue(
        id="found-via",
        keys=("via",),
        kind=_V,
        pattern=r"\b(?:found|find|learned|learnt|learn|saw|seen|spotted|discovered|read|heard"
        r"|picked\s+up(?:\s+on)?|came\s+across|stumbled\s+(?:up)?on|noticed|got|obtained|grabbed"
        r"|snagged|nicked|borrowed|stolen|swiped|lifted|filched)\b(?!\s+(?:that|out|how)\b)"
        r"[^.;:!?]{0,80}?"
        r"\bvia\b",
        confidence=0.9,
    ),
    Cue(id="curators-via", keys=("ᔥ",), kind=_V, pattern="\u1525", confidence=0.95),
    Cue(
        id="found-it-at",
        keys=(
            "found it",
            "found this",
            "found that",
            "found them",
            "saw it",
            "saw this",
            "saw that",
            "spotted it",
            "spotted this",
            "spotted that",
            "spotted on",
            "spotted at",
            "spotted over",
            "got it",
            "got this",
            "got that",
            "got them",
            "stole it",
            "stole this",
            "nicked it",
            "nicked this",
            "swiped it",
            "swiped this",
            "grabbed it",
            "grabbed this",
        ),
        kind=_V,
        pattern=r"\b(?:(?:found|saw|spotted)\s+(?:(?:it|this|that|them)\b(?=\s+(?:here|there)\b)"
        r"|(?:it|this|that|them)\s+(?:over\s+)?(?:at|on|in)\b)|spotted\s+(?:over\s+)?(?:at|on)\b"
        r"|(?:got|stole|nicked|swiped|grabbed)\s+(?:it|this|that|them)\s+from\b)",
        needs=Needs.PARTY,
        confidence=0.8,
    ),
    # --- hat tips ---------------------------------------------------------------------------
    Cue(
        id="h-slash-t",
        keys=("h/t", "h /t", "h/ t", "h / t"),
        kind=_H,
        pattern=r"(?<![\w/])h\s?/\s?t\b(?!\s*(?:ratio|=|\d))",
    ),
    Cue(
        id="h-dot-t",
        keys=("h.t.", "h. t."),
        kind=_H,
        pattern=r"(?<!\w)h\.\s?t\.(?!\w)",
        needs=Needs.FRAMED,
    ),
    Cue(id="ht-colon", keys=("HT",), kind=_H, pattern=r"\bHT\b\s*(?::|to\b|-)", case=True),
    Cue(
        id="ht-framed",
        keys=("HT", "ht", "Ht"),
        kind=_H,
        pattern=r"\b(?:HT|ht|Ht)\b",
        needs=Needs.FRAMED,
        case=True,
    ),
    Cue(
        id="hat-tip",
        keys=("hat tip", "hattip", "hat-tip"),
        kind=_H,
        pattern=r"\bhat[- ]?tips?\b(?:\s+(?:to|goes\s+to))?:?",
    ),
    Cue(
        id="tip-of-the-hat",
        keys=("hat to",),
        kind=_H,
        pattern=r"\btip\s+(?:of|o['’])\s+(?:the|my)\s+hat\s+to\b",
    ),
    Cue(
        id="nod-to", keys=("nod to",), kind=_H, pattern=r"\b(?:a\s+)?nod\s+to\b", needs=Needs.FRAMED
    ),
    Cue(id="curators-hat-tip", keys=("↬",), kind=_H, pattern="\u21ac", confidence=0.95),
    # --- thanks -----------------------------------------------------------------------------
    Cue(
        id="thanks-for-find",
        keys=(
            "thank",
            "thx",
            "cheers",
            "props",
            "kudos",
            "high five",
            "high-five",
            "shout",
            "of the cap",
        ),
        kind=_T,
        pattern=r"\b(?:many\s+|big\s+|special\s+)?(?:thanks|thank\s+you|thx|cheers|props|kudos"
        r"|high[- ]five|shout[- ]?out|a\s+tip\s+of\s+the\s+cap)(?:\s+(?:go(?:es)?\s+)?(?:to|@)\s+"
        r"|\s*,\s*)"
        r"(?P<party>[^.;!?()]{1,80}?),?\s+(?:for\s+(?:the\s+)?" + FIND_NOUNS + r"|who\s+"
        r"(?:sent|pointed|found|flagged|linked|emailed|forwarded|passed|alerted|tipped|noticed"
        r"|spotted|mentioned|shared))",
        party=Party.BETWEEN,
        confidence=0.9,
    ),
    Cue(
        id="thanks-to-framed",
        keys=("thank", "thx", "props", "kudos", "high five", "high-five", "shout"),
        kind=_T,
        pattern=r"\b(?:thanks|thx|props|kudos|high[- ]five|shout[- ]?out)\s+(?:go(?:es)?\s+)?to\b",
        needs=Needs.FRAMED,
        confidence=0.75,
    ),
    Cue(
        id="thanks-comma",
        keys=("thank", "thx", "merci", "danke"),
        kind=_T,
        pattern=r"(?<=[(\[])\s*(?:thanks|thx|merci|danke),?",
        needs=Needs.PARTY,
        confidence=0.8,
    ),
    Cue(
        id="sent-this",
        keys=(
            "sent me",
            "sent us",
            "sent this",
            "sent it",
            "sent that",
            "sent the",
            "sends me",
            "sends this",
            "forwarded",
            "emailed",
            "passed this",
            "passed it",
            "passed me",
            "passed that",
            "passed the",
        ),
        kind=_T,
        pattern=r"\b(?:sent|sends|forwarded|emailed|passed)\s+(?:(?:me|us)\s+(?:this|that|the\s+link)"
        r"|(?:this|it|that|the\s+link)\s+(?:along|in|over|my\s+way|our\s+way|to\s+(?:me|us)))\b",
        party=Party.BEFORE,
        confidence=0.7,
    ),
    Cue(
        id="pointed-me",
        keys=(
            "pointed me",
            "pointed us",
            "points me",
            "points us",
            "directed me",
            "directed us",
            "alerted me",
            "alerted us",
            "tipped me",
            "tipped us",
        ),
        kind=_T,
        pattern=r"\b(?:pointed|points|directed|alerted|tipped)\s+(?:me|us)\s+(?:to|toward|towards"
        r"|off)\b",
        party=Party.BEFORE,
        confidence=0.7,
    ),
    Cue(
        id="for-flagging",
        keys=("thank", "props", "kudos", "high five", "high-five", "hat tip", "hat-tip"),
        kind=_T,
        pattern=r"\b(?:thanks|thank\s+you|props|kudos|high[- ]five|hat[- ]tip)\s+(?:to\s+)?"
        r"(?P<party>[^.;!?()]{1,60}?)\s+for\s+(?:flagging|spotting|finding|catching|sending"
        r"|pointing\s+(?:this|it|me)|the\s+heads[- ]?up)",
        party=Party.BETWEEN,
        confidence=0.9,
    ),
    Cue(
        id="pointer-from",
        keys=(
            "pointer from",
            "pointers from",
            "heads up from",
            "heads-up from",
            "tip-off from",
            "tip off from",
        ),
        kind=_T,
        pattern=r"\b(?:pointers?|heads[- ]up|tip[- ]off)\s+from\b",
        confidence=0.85,
    ),
    Cue(
        id="spotted-by",
        keys=("spotted by", "flagged by", "noticed by", "pointed out by", "tipped off by"),
        kind=_T,
        pattern=r"\b(?:first\s+)?(?:spotted|flagged|noticed|pointed\s+out|tipped\s+off)\s+by\b",
        needs=Needs.PARTY,
        confidence=0.75,
    ),
    # --- source -----------------------------------------------------------------------------
    Cue(
        id="source-colon",
        keys=("source:", "sources:", "source :"),
        kind=_S,
        pattern=r"\bsources?\s?:",
        needs=Needs.FRAMED,
        confidence=0.85,
    ),
    Cue(
        id="courtesy-of",
        keys=("courtesy",),
        kind=_S,
        pattern=r"\b(?:courtesy\s+of|courtesy:)",
        needs=Needs.PARTY,
        confidence=0.8,
    ),
    Cue(
        id="this-post-originally",
        keys=("originally", "first published", "first appeared", "first posted", "first ran"),
        kind=_S,
        pattern=r"\bthis\s+(?:post|article|story|piece|essay|column|review|interview|entry|item)"
        r"\s+(?:was\s+|is\s+)?(?:originally|first)\s+(?:published|appeared|posted|ran)\s+"
        r"(?:at|in|on|by)\b",
        confidence=0.85,
    ),
    Cue(
        id="originally-published",
        keys=(
            "originally",
            "first published",
            "first appeared",
            "first posted",
            "first ran",
            "first written",
        ),
        kind=_S,
        pattern=r"\b(?:originally|first)\s+(?:published|appeared|posted|ran|written)\s+"
        r"(?:\w+\s+){0,3}?(?:at|in|on|by|for)\b",
        needs=Needs.PARTY,
        confidence=0.85,
    ),
    Cue(
        id="cross-posted",
        keys=(
            "cross-posted",
            "crossposted",
            "cross posted",
            "reposted",
            "republished",
            "reprinted",
        ),
        kind=_S,
        pattern=r"\b(?:cross-?posted|reposted|republished|reprinted)\s+(?:with\s+permission\s+)?"
        r"from\b",
        needs=Needs.PARTY,
        confidence=0.85,
    ),
    # --- image credits ----------------------------------------------------------------------
    Cue(
        id="photo-by",
        keys=(
            "photo",
            "image:",
            "image by",
            "image via",
            "image courtesy",
            "images:",
            "images by",
            "picture",
            "pic:",
            "pic by",
            "illustration",
            "graphic:",
            "graphic by",
            "video:",
            "video by",
            "chart:",
            "map:",
            "screenshot",
            "logo by",
            "artwork",
            "cartoon by",
            "drawing by",
            "gif:",
            "gif via",
        ),
        kind=_I,
        pattern=r"\b(?:photo(?:graph)?s?|image|picture|pic|illustration|graphic|video|chart|map"
        r"|screenshot|logo|artwork|cartoon|drawing|gif)\s*(?:credit\s*)?(?:by|:|via|courtesy(?:\s+of)?"
        r"|from|©)",
        needs=Needs.CAPTION,
        confidence=0.85,
    ),
    Cue(
        id="credit-colon",
        keys=("credit:", "credits:", "credit :"),
        kind=_I,
        pattern=r"\bcredits?\s?:",
        needs=Needs.CAPTION,
    ),
    Cue(
        id="caption-via",
        keys=("via",),
        kind=_I,
        pattern=r"\bvia\b:?",
        needs=Needs.CAPTION,
        confidence=0.8,
    ),
    Cue(
        id="caption-courtesy",
        keys=("courtesy",),
        kind=_I,
        pattern=r"\bcourtesy(?:\s+of)?\b",
        needs=Needs.CAPTION,
    ),
    Cue(
        id="caption-copyright",
        keys=("©", "(c)"),
        kind=_I,
        pattern=r"(?:©|\(c\))",
        needs=Needs.CAPTION,
        confidence=0.8,
    ),
    # --- German -----------------------------------------------------------------------------
    Cue(
        id="de-quelle",
        keys=("quelle:", "quellen:", "quelle :"),
        kind=_S,
        pattern=r"\bquellen?\s?:",
        needs=Needs.FRAMED,
        lang="de",
    ),
    Cue(
        id="de-bild",
        keys=("bild", "foto", "grafik", "abbildung"),
        kind=_I,
        pattern=r"\b(?:bild|foto|fotos|bilder|grafik|abbildung)\s?(?:[:]|via\b|von\b|quelle\b)",
        needs=Needs.CAPTION,
        lang="de",
    ),
    Cue(
        id="de-danke",
        keys=("dank",),
        kind=_T,
        pattern=r"\b(?:danke|dank)\s+(?:an\s+)?(?P<party>[^.;!?()]{1,60}?)\s+für\s+(?:den|die|das)"
        r"\s+(?:link|hinweis|tipp)",
        party=Party.BETWEEN,
        lang="de",
    ),
    Cue(
        id="de-erschien",
        keys=("erschien", "erschienen"),
        kind=_S,
        pattern=r"\b(?:erschien|erschienen)\s+(?:zuerst|ursprünglich|erstmals)\s+(?:bei|in|auf|im)\b",
        needs=Needs.PARTY,
        confidence=0.85,
        lang="de",
    ),
    Cue(
        id="de-stammt-aus",
        keys=("stammt aus", "stammt ursprünglich aus"),
        kind=_S,
        pattern=r"\b(?:dieser|der)\s+(?:beitrag|artikel|text)\s+stammt\s+(?:ursprünglich\s+)?aus"
        r"(?:\s+(?:der\s+)?(?:ausgabe|heft|nummer)\s+[\d/.]+)?(?:\s+(?:der|des|dem|von))?\b",
        confidence=0.85,
        lang="de",
    ),
    # --- French / Spanish -------------------------------------------------------------------
    Cue(
        id="fr-source",
        keys=("source :",),
        kind=_S,
        pattern=r"\bsource\s:",
        needs=Needs.FRAMED,
        lang="fr",
    ),
    Cue(
        id="fr-merci",
        keys=("merci",),
        kind=_T,
        pattern=r"\bmerci\s+à\s+(?P<party>[^.;!?()]{1,60}?)\s+pour\s+(?:le|la|ce)\s+"
        r"(?:lien|tuyau|signalement)",
        party=Party.BETWEEN,
        lang="fr",
    ),
    Cue(id="es-via", keys=("vía",), kind=_V, pattern=r"\bvía\b:?", needs=Needs.FRAMED, lang="es"),
    Cue(
        id="es-fuente",
        keys=("fuente:", "fuentes:", "fuente :"),
        kind=_S,
        pattern=r"\bfuentes?\s?:",
        needs=Needs.FRAMED,
        lang="es",
    ),
)

CUES: dict[str, Cue] = {cue.id: cue for cue in CUE_LIST}

KEYWORDS: tuple[str, ...] = tuple(sorted({key for cue in CUE_LIST for key in cue.keys}))
"""Every cue's keys: a page whose text holds none of them has no phrase credit."""

# --- words that make a cue *not* a credit --------------------------------------------------

MEANS_VERBS = re.compile(
    r"\b(?:sent|send|sends|sending|announced?|announcing|posted|posting|shared?|sharing|available"
    r"|delivered|distributed|broadcasts?|streamed|streaming|submitted|submit|published|upload(?:ed)?"
    r"|download(?:ed)?|embedded|built|build|generated|created|installed|access(?:ed)?|reach(?:ed)?"
    r"|contact(?:ed)?|subscribe[ds]?|follow|donate|apply|register|order|buy|purchase[ds]?|pay|paid"
    r"|install(?:s|ing|able)?|watch(?:ed|ing)?|listen(?:ed|ing)?|stream(?:s|ed)?|accessible"
    r"|obtainable|purchasable|rent(?:ed)?|tickets?|rsvp|donations?|book(?:ed|ings?)?|reservations?"
    r"|registrations?|payments?|orders|go|goes|went|gone|blogged|blogging|written|edited|composed"
    r"|translated|transcribed|scheduled|cross-?posted|syndicated|typed|dictated|converted|rendered"
    r"|hosted|automated|powered"
    r"|log\s?in|sign\s?in|sign\s?up|arrived?|arriving|came|come|coming|visit(?:ed|ors|ing)?|traffic"
    r"|referr(?:ed|al)|travel(?:l?ed)?|flew|fly|drove|drive|routed|transmitted|connected"
    r"|communicated|notified|informed|said|says|told|wrote|writes|tweeted|replied|responded"
    r"|asked|commented|confirmed|released|issued|filed|made|done|paid|funded|financed|delivered"
    r"|imported|exported|managed|controlled|triggered|obtained|provided|offered|sold|raised"
    r"|transferred|passed|moved|spread|transported|infected|transmitted|administered)\b"
    r"(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)
"""Verbs (near the end of the text before "via") that make "via" a means, not a credit."""

ROUTE = re.compile(
    r"\b(?:funnel(?:l?ed)?|flow(?:ed|s)?|pump(?:ed)?|piped?|carr(?:y|ied|ies)|ship(?:ped)?"
    r"|transport(?:ed)?|travel(?:l?ed)?|rout(?:ed|ing)|drove|flew|sail(?:ed)?|walk(?:ed)?"
    r"|commut(?:e|ed)|smuggl(?:e|ed)|channel(?:l?ed)?|mov(?:e|ed)|transferr?(?:ed)?"
    r"|enter(?:ed|s|ing)?|entrance|entry"
    r"|return(?:ed)?|escap(?:e|ed)|fled|migrat(?:e|ed)|inherit(?:ed)?|passed\s+down|spread"
    r"|infect(?:ed)?|fund(?:ed)?|paid|wired|deliver(?:ed)?|exported|imported)\b[^()\[\]]*$",
    re.IGNORECASE,
)
"""Movement and transfer verbs: "funnelled the water to Manhattan via the aqueduct"."""

REFERRAL = re.compile(
    r"\b(?:arrived|came|come|got|landed|you(?:'re|\s+are)\s+here|visitors?|readers?\s+coming)\b"
    r"[^.]{0,30}$",
    re.IGNORECASE,
)

CHANNELS = frozenset(
    [
        "email",
        "e-mail",
        "mail",
        "emails",
        "phone",
        "telephone",
        "text",
        "texts",
        "sms",
        "fax",
        "post",
        "rss",
        "feed",
        "feeds",
        "newsletter",
        "newsletters",
        "mobile",
        "iphone",
        "ipad",
        "android",
        "app",
        "apps",
        "api",
        "apis",
        "web",
        "website",
        "internet",
        "satellite",
        "video",
        "videolink",
        "zoom",
        "skype",
        "webcam",
        "livestream",
        "link",
        "links",
        "ftp",
        "usb",
        "bluetooth",
        "wifi",
        "proxy",
        "vpn",
        "dm",
        "dms",
        "messenger",
        "whatsapp",
        "signal",
        "telegram",
        "press",
        "courier",
        "airmail",
        "subscription",
        "subscriptions",
        "widget",
        "plugin",
        "plugins",
        "script",
        "scripts",
        "bookmarklet",
        "extension",
        "extensions",
        "mobile-phone",
        "cable",
        "radio",
        "tv",
        "television",
        "text-message",
        "browser",
        "json",
        "xml",
        "csv",
        "html",
        "atom",
        "javascript",
        "ajax",
        "oauth",
        "http",
        "https",
        "sql",
        "ssh",
        "git",
        "svn",
        "pdf",
        "form",
        "forms",
        "survey",
    ]
)
"""Words that, right after "via", make it a channel ("via email") rather than a party."""

PLATFORMS = frozenset(
    [
        "twitter",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "linkedin",
        "pinterest",
        "flickr",
        "vimeo",
        "slideshare",
        "scribd",
        "soundcloud",
        "spotify",
        "snapchat",
        "mastodon",
        "bluesky",
        "threads",
        "x",
        "google",
        "github",
        "wordpress",
        "blogger",
        "typepad",
        "imgur",
        "giphy",
        "wikimedia",
        "dropbox",
        "netflix",
        "hulu",
        "itunes",
        "podcasts",
        "steam",
        "pypi",
        "npm",
        "bandcamp",
        "patreon",
        "paypal",
        "kickstarter",
        "tapatalk",
        "instapaper",
        "pocket",
        "feedly",
        "flipboard",
        "ifttt",
        "buffer",
        "hootsuite",
        "zapier",
        "posterous",
    ]
)
"""Platforms: "via Instagram" names a channel, a credit only when framed or in a caption."""

GENERIC_ANCHORS = frozenset(
    [
        "here",
        "this",
        "link",
        "post",
        "these",
        "that",
        "it",
        "there",
        "source",
        "article",
        "story",
        "piece",
        "site",
        "page",
        "blog",
        "website",
        "ici",
        "hier",
        "aquí",
    ]
)
"""Anchor texts that say nothing of the party: the href names it."""

STOCK_PHOTOS = frozenset(
    [
        "unsplash",
        "pixabay",
        "pexels",
        "shutterstock",
        "getty images",
        "gettyimages",
        "istock",
        "istockphoto",
        "adobe stock",
        "stock.adobe",
        "fotolia",
        "depositphotos",
        "dreamstime",
        "123rf",
        "alamy",
        "wikimedia commons",
        "commons.wikimedia",
        "flickr",
    ]
)
"""Picture libraries: "Source: Unsplash" credits a picture, not the post's material."""

PICTURE_WORD = re.compile(
    r"\b(?:photo(?:graph)?|image|picture|pic|gif|illustration|bild|foto)s?[\s\xa0]*"
    r"(?:credit[\s\xa0]*)?[(\[]?[\s\xa0]*$",
    re.IGNORECASE,
)
"""A picture word right before the cue ("Photo via X", "(Image via X)"): it credits a picture."""

IMAGE_LINE = re.compile(
    r"(?:©|\((?-i:C)\)|\b(?:bild|foto|photo|image|picture|pic|grafik|abbildung|illustration)s?"
    r"[\s\xa0]*\d*[\s\xa0]*:)[^\n]{0,80}$",
    re.IGNORECASE,
)
"""The start of a picture's credit line ("Bild 2: © Ann. Quelle:", "Photo: ... Source:"), read
just before a source cue: the source it names is the picture's."""

DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "some",
        "any",
        "each",
        "every",
        "no",
        "all",
        "both",
        "many",
        "several",
        "such",
        "one",
    ]
)
"""A lowercase determiner after the cue makes it a common noun phrase ("thanks to the law")."""
