"""`hattip report`: one page in, an audit out; bad input is one line on stderr and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hattip.cli import cli
from hattip.report import audit, render_markdown

PAGE = (
    "<html><head><title>A post</title></head><body><article>"
    '<p>Great map (via <a href="https://kottke.org/x">Kottke</a>).</p>'
    '<p>As <a href="https://example.org/essay">Jane Doe writes</a>:</p>'
    "<blockquote><p>Maps are arguments about the world.</p></blockquote>"
    "<p>Someone said:</p><blockquote><p>Words nobody owns.</p></blockquote>"
    "</article></body></html>"
)
CONTRACT = {"url", "site", "title", "credits", "quotes", "links"}


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_report_follows_the_contract(tmp_path: Path) -> None:
    """--format json prints one object with the contract's keys and typed entries."""
    page = tmp_path / "post.html"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = run(
        "report", str(page), "--format", "json", "--url", "https://blog.example.net/p"
    )
    assert code == 0
    data = json.loads(out)
    assert data.keys() >= CONTRACT
    assert data["site"] == "blog.example.net"
    assert [(c["kind"], c["site"], c["region"]) for c in data["credits"]] == [
        ("via", "kottke.org", "body")
    ]
    assert [(q["how"], q["site"]) for q in data["quotes"]] == [
        ("lead-in", "example.org"),
        ("none", None),
    ]
    assert all({"url", "text", "region", "site"} <= link.keys() for link in data["links"])


def test_report_reads_stdin_and_warns_about_unattributed_quotes() -> None:
    """`-` reads the page from stdin; the text audit warns about the quote nobody owns."""
    code, out, _ = run("report", "-", stdin=PAGE.encode())
    assert code == 0
    assert "via: Kottke (kottke.org)" in out
    assert "unattributed quote" in out


def test_markdown_report_has_its_sections() -> None:
    """The Markdown audit has a heading per part."""
    from hattip import extract

    text = render_markdown(extract(PAGE))
    for heading in ("# A post", "## Credits (1)", "## Quotes (2)", "## Warnings"):
        assert heading in text
    assert audit(extract(PAGE)).link_sites[0] == ("kottke.org", 1)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        pytest.param(lambda p: p, "is a folder", id="folder"),
        pytest.param(lambda p: p / "missing.html", "no such file", id="missing"),
        pytest.param(
            lambda p: _write(p / "x.png", b"\x89PNG\r\n\x1a\n" + bytes(64)), "binary", id="png"
        ),
        pytest.param(lambda p: _write(p / "empty.html", b""), "empty", id="empty"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(tmp_path: Path, make: object, fragment: str) -> None:
    """Each bad input gives exit 1 and one line on stderr naming it, never a traceback."""
    target = make(tmp_path)  # type: ignore[operator]
    code, out, err = run("report", str(target))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert fragment in err
    assert "Traceback" not in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
