"""``hattip resolve``: one JSON object per input line, errors per line, --online guarded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from hattip.cli import cli

KEYS = {"input", "url", "site", "domain", "host", "unwrapped", "is_shortener", "needs_network"}


def run(args: list[str], stdin: str | None = None) -> list[dict[str, Any]]:
    """Run ``hattip resolve ARGS`` and parse its JSON lines."""
    result = CliRunner().invoke(cli, ["resolve", "--format", "json", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_json_stream_has_one_object_per_input_line_in_order() -> None:
    """Every stdin line gets its object, in order, with the documented keys."""
    lines = [
        "https://t.co/abc",
        "not a url",
        "@jack",
        "http://www.alice.blogspot.de/a?utm_source=x",
    ]
    records = run([], "\n".join(lines) + "\n")
    assert [r["input"] for r in records] == lines
    assert all(set(r) >= KEYS for r in records)
    assert (records[0]["is_shortener"], records[0]["needs_network"]) == (True, True)
    assert records[3]["site"] == "alice.blogspot.com"
    assert records[3]["url"] == "http://www.alice.blogspot.de/a"


def test_line_that_is_not_a_url_gets_nulls_and_an_error() -> None:
    """A non-URL line is an object with nulls and an error; the stream goes on."""
    first, second = run(["javascript:void(0)", "https://example.com/"])
    assert first["url"] is None
    assert first["site"] is None
    assert first["error"] == "not a web URL (javascript:)"
    assert second["site"] == "example.com"


def test_unwrapped_wrappers_are_listed() -> None:
    """The wrappers peeled off appear in ``unwrapped``."""
    [record] = run(["https://web.archive.org/web/2008/http://www.alice.blogspot.com/"])
    assert record["unwrapped"] == ["wayback"]
    assert record["domain"] == "alice.blogspot.com"


def test_dash_reads_stdin() -> None:
    """``-`` reads the inputs from stdin."""
    assert [r["site"] for r in run(["-"], "https://x.com/jack\n")] == ["twitter.com/jack"]


def test_platform_and_base_options() -> None:
    """--platform places bare @handles; --base resolves relative hrefs."""
    handle, relative = run(
        ["--platform", "instagram", "--base", "http://b.example/2008/p.html", "@alice", "../x"]
    )
    assert handle["site"] == "instagram.com/alice"
    assert relative["url"] == "http://b.example/x"


def test_text_format_is_tab_separated() -> None:
    """The text format prints input, site and URL (or the error)."""
    result = CliRunner().invoke(cli, ["resolve", "https://m.example.com/a", "mailto:x@y.z"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "https://m.example.com/a\texample.com\thttps://m.example.com/a",
        "mailto:x@y.z\t-\terror: not a web URL (mailto:)",
    ]


LOOPBACK = [
    "http://127.0.0.1/",
    "localhost",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://127.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
]


@pytest.mark.usefixtures("no_network")
def test_online_refuses_every_loopback_spelling_without_a_connection() -> None:
    """--online refuses loopback in every spelling, one clear error per URL, no socket opened."""
    records = run(["--online", "--follow-all", *LOOPBACK])  # no short links: follow them all
    assert [r["input"] for r in records] == LOOPBACK
    for record in records:
        assert "refused" in record["error"]
        assert "allow private" in record["error"]


def test_online_allow_private_reaches_a_loopback_server(httpserver: HTTPServer) -> None:
    """--allow-private is the explicit way to follow links on 127.0.0.1."""
    httpserver.expect_request("/s").respond_with_data("", status=301, headers={"Location": "/t"})
    httpserver.expect_request("/t").respond_with_data("ok", content_type="text/plain")
    base = f"http://127.0.0.1:{httpserver.port}"  # an address, so no resolver picks ::1
    [record] = run(["--online", "--follow-all", "--allow-private", f"{base}/s"])
    assert record["error"] is None
    assert record["url"] == f"{base}/t"
    assert record["hops"] == [f"{base}/t"]


@pytest.mark.usefixtures("no_network")
def test_offline_cache_mode_never_connects(tmp_path: Any) -> None:
    """--online --offline-cache answers from the cache alone."""
    [record] = run(
        ["--online", "--offline-cache", "--cache", str(tmp_path / "c.db"), "https://t.co/x"]
    )
    assert record["error"] == "not in the cache (offline mode)"
