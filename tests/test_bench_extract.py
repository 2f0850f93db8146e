"""``bench/extract.py`` runs on any folder of pages, in both of its modes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "extract.py"


def load_bench() -> ModuleType:
    """The benchmark script as a module (it is not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_extract", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Two small pages: a post with a hat tip and links, and a page of plain text."""
    (tmp_path / "a.html").write_text(
        '<html><body><article><p>Read <a href="https://x.example/p">this</a> '
        '(h/t <a href="https://jane.example/">Jane</a>).</p></article></body></html>'
    )
    (tmp_path / "b.html").write_text("<html><body><p>Nothing to credit here.</p></body></html>")
    return tmp_path


@pytest.mark.parametrize(
    ("flags", "printed"),
    [([], "ratio hattip/lxml"), (["--floors"], "floor: parse + the minimum above")],
    ids=["ratio", "floors"],
)
def test_the_bench_prints_its_figures(
    pages: Path, flags: list[str], printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both modes finish and print the line their figures lead to."""
    assert load_bench().main([str(pages), "--rounds", "1", *flags]) == 0
    assert printed in capsys.readouterr().out


def test_the_bench_says_where_to_find_pages(tmp_path: Path) -> None:
    """A missing corpus folder is exit 2 with a message, not a traceback."""
    assert load_bench().main([str(tmp_path / "missing")]) == 2
