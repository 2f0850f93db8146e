"""Query results as text: an aligned table for people, JSON or CSV for scripts.

Results are tuples of frozen dataclasses; their fields are the columns, in order, so a new
field shows up in every format without touching this module.

>>> from hattip.graph.queries import SiteRank
>>> print(render_rows([SiteRank(site="kottke.org", name="Kottke", sites=3, citations=7)], "table"))
site        name    sites  citations
kottke.org  Kottke      3          7
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from hattip.errors import StoreError


class RowFormat(StrEnum):
    """Output formats of the ``hattip graph`` query commands."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def _cell(value: Any) -> Any:
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.6f}"
    return "" if value is None else value


def render_rows(rows: Sequence[Any], fmt: str | RowFormat) -> str:
    """``rows`` (dataclass instances of one type) as a table, a JSON array or CSV with a header."""
    try:
        fmt = RowFormat(fmt)
    except ValueError:
        msg = f"unknown format {fmt!r}: use table, json or csv"
        raise StoreError(msg) from None
    if fmt is RowFormat.JSON:
        data = [dataclasses.asdict(row) for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=1)
    if not rows:
        return "" if fmt is RowFormat.CSV else "(nothing)"
    columns = [f.name for f in dataclasses.fields(rows[0])]
    table = [[_cell(getattr(row, c)) for c in columns] for row in rows]
    if fmt is RowFormat.CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(table)
        return out.getvalue().rstrip("\n")
    cells = [columns, *[[str(v) for v in line] for line in table]]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    numeric = [all(isinstance(line[i], int | float) for line in table) for i in range(len(columns))]
    lines = []
    for line in cells:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(line, widths, numeric, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


__all__ = ["RowFormat", "render_rows"]
