"""The ``hattip`` command: thin click shells over the public API.

This is the one place where a :class:`~hattip.errors.HattipError` becomes an exit code:
one line on stderr and exit 1 (click's own usage errors exit 2).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from hattip.errors import HattipError


class _Group(click.Group):
    """A click group that turns hattip's errors into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HattipError as exc:
            click.echo(f"hattip: error: {exc}", err=True)
            ctx.exit(1)
        except (BrokenPipeError, KeyboardInterrupt):
            sys.stderr.close()
            ctx.exit(130)
        except OSError as exc:
            click.echo(f"hattip: error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hattip")
def cli() -> None:
    """Who does this blog post credit, and how?"""


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="hattip")
