"""The README's first screen is true: its command prints what it shows, its example runs."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

from click.testing import CliRunner

from hattip.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_report_output_is_what_the_command_prints() -> None:
    """`hattip report examples/seed-post.html` prints exactly the README's output block."""
    shown = re.search(r"```text\n(.*?)\n```", README, re.DOTALL)
    assert shown is not None
    result = CliRunner().invoke(
        cli, ["report", str(ROOT / "examples" / "seed-post.html")], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.output.rstrip("\n") == shown.group(1)


def test_readme_python_example_runs() -> None:
    """The README's Python example gives the output it shows."""
    block = re.search(r"```python\n(.*?)```", README, re.DOTALL)
    assert block is not None
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.group(1), {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        runner.run(test)
    finally:
        os.chdir(cwd)
    assert runner.failures == 0
    assert runner.tries >= 2


def test_readme_commands_match_ci() -> None:
    """.ci/run calls the very test command the README shows."""
    command = "python3 -m pip install -e '.[test]' && python3 -m pytest -q"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_seed_example_credits_the_hat_tip_quotes_and_pointer() -> None:
    """The seed post shows the hat tip to Abu Aardvark, both quoted sources and the Egypt Blog."""
    import hattip

    page = hattip.extract((ROOT / "examples" / "seed-post.html").read_bytes())
    post = [c for c in page.credits if c.region.is_post]
    assert [(c.kind.value, c.site) for c in post] == [("thanks", "abuaardvark.typepad.com")]
    assert [q.site for q in page.quotes] == ["asharq-e.com", "albasrah.net"]
    assert [q.how.value for q in page.quotes] == ["lead-in", "lead-in"]
    assert any(
        lk.site == "egyptblog.blogspot.com" and lk.region.value == "body" for lk in page.links
    )
    blogroll = {lk.site for lk in page.links if lk.region.value == "sidebar"}
    assert "egyptblog.blogspot.com" in blogroll
