"""Image credit lines marked up by class ("photo-credit", "attribution") beside a picture."""

from __future__ import annotations

import pytest

from .snippets import post, post_credits, read


def test_credit_class_line_names_the_picture_source() -> None:
    """A bare name in a photo-credit line under an image is that image's credit."""
    page = read(
        post(
            "<figure><img src='/cat.jpg'><span class='photo-credit'>Jane Doe</span></figure>"
            "<p>Text of the post.</p>"
        )
    )
    assert [(kind, name) for kind, name, _ in post_credits(page)] == [("image_credit", "Jane Doe")]


@pytest.mark.parametrize(
    "line",
    [
        "Blogged with the <a href='http://www.flock.com/'>Flock Browser</a>",
        "Posted from my iPhone",
        "Sent using the WordPress app",
    ],
    ids=["blogged-with", "posted-from", "sent-using"],
)
def test_tool_signature_in_a_credit_class_is_no_credit(line: str) -> None:
    """A blogging tool's badge in a "…credit" class is a signature, not a picture's source."""
    page = read(
        post(f"<p><img src='/cat.jpg'></p><div class='flockcredit'>{line}</div><p>More text.</p>")
    )
    assert post_credits(page) == []


@pytest.mark.parametrize(
    "caption",
    [
        "Image<img src='/i.png'>by Jane Smith",
        "Photo<br>by Jane Smith",
        "Drawing<img src='/i.png'>by Jane Smith",
    ],
    ids=["image-icon-by", "photo-br-by", "drawing-icon-by"],
)
def test_caption_cue_split_by_an_icon_or_break_is_read(caption: str) -> None:
    """A caption whose cue words an icon or a line break separates still credits the picture."""
    page = read(post(f"<figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>"))
    assert ("image_credit", "Jane Smith") in [(k, n) for k, n, _ in post_credits(page)]
