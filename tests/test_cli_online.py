"""``hattip resolve --online`` fetches only what it promises: short links and redirectors.

Every other input is answered offline, so a list of ten thousand credited blog posts costs no
request unless ``--follow-all`` asks for one per URL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from hattip.cli import cli
from hattip.resolve.online import OnlineResult, ResultCache


def run(*args: str, stdin: str | None = None) -> list[dict[str, Any]]:
    """``hattip resolve --format json ARGS``, its JSON lines parsed."""
    result = CliRunner().invoke(cli, ["resolve", "--format", "json", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_online_does_not_fetch_a_url_that_is_no_short_link(httpserver: HTTPServer) -> None:
    """A plain page URL is resolved offline under --online: the server hears nothing."""
    httpserver.expect_request("/post").respond_with_data("<p>hi</p>", content_type="text/html")
    url = f"http://127.0.0.1:{httpserver.port}/post"
    [record] = run("--online", "--allow-private", url)
    assert httpserver.log == []
    assert (record["url"], record["error"], record["hops"]) == (url, None, [])


@pytest.mark.usefixtures("no_network")
def test_online_follows_short_links_and_leaves_the_rest_offline(tmp_path: Path) -> None:
    """The short link goes through the online path (here: its cached answer); the blog post and
    the handle beside it are answered offline, without a connection."""
    cache = tmp_path / "c.db"
    with ResultCache(cache) as known:
        known.put(
            OnlineResult(
                url="https://t.co/abc",
                final_url="https://kottke.org/08/01/post",
                hops=("https://kottke.org/08/01/post",),
                status=200,
            )
        )
    short, post, handle = run(
        "--online", "--cache", str(cache), "https://t.co/abc", "https://b.example/p", "@jack"
    )
    assert (short["site"], short["hops"]) == ("kottke.org", ["https://kottke.org/08/01/post"])
    assert (post["site"], post["hops"], post["error"]) == ("b.example", [], None)
    assert handle["site"] == "twitter.com/jack"


def test_follow_all_follows_every_url(httpserver: HTTPServer) -> None:
    """--follow-all is the explicit way to follow a URL that is no short link (a moved blog)."""
    httpserver.expect_request("/s").respond_with_data("", status=301, headers={"Location": "/t"})
    httpserver.expect_request("/t").respond_with_data("ok", content_type="text/plain")
    base = f"http://127.0.0.1:{httpserver.port}"
    [record] = run("--online", "--follow-all", "--allow-private", f"{base}/s")
    assert (record["url"], record["hops"], record["error"]) == (f"{base}/t", [f"{base}/t"], None)


def test_a_url_asked_again_after_many_lines_is_fetched_once(httpserver: HTTPServer) -> None:
    """One cache serves the whole run, not each batch of 64 lines: no URL is fetched twice."""
    httpserver.expect_request("/t").respond_with_data("ok", content_type="text/plain")
    url = f"http://127.0.0.1:{httpserver.port}/t"
    lines = [url, *(f"@user{n}" for n in range(70)), url]
    records = run("--online", "--follow-all", "--allow-private", stdin="\n".join(lines) + "\n")
    assert len(records) == len(lines)
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(
    "flag", ["--follow-all", "--allow-private", "--offline-cache"], ids=lambda f: f.strip("-")
)
def test_online_only_options_without_online_are_a_usage_error(flag: str) -> None:
    """An option that only means something with --online says so instead of doing nothing."""
    result = CliRunner().invoke(cli, ["resolve", flag, "https://t.co/x"])
    assert result.exit_code == 2
    assert "--online" in result.output


def test_help_says_what_online_fetches_and_that_offline_is_the_default() -> None:
    """The help names what --online follows, what stays offline, and --follow-all."""
    text = " ".join(CliRunner().invoke(cli, ["resolve", "--help"]).output.split())
    assert "short links" in text
    assert "offline" in text
    assert "--follow-all" in text
