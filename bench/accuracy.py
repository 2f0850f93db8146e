"""Score hattip's credits and quote attributions against the gold labels of the corpus.

    python bench/accuracy.py [--labels ../shared/corpus/labels/dev.jsonl] [--cli] [-v]

Prints precision, recall and F1 of post credits (gold region ``body``; hattip's ``body``,
``footer`` and ``footnote`` count as the post), the same with captions (image credits) included,
and the share of the post's blockquotes attributed to the right source. ``--cli`` runs
``hattip report --format json`` in a subprocess per page instead of calling the library.

A predicted credit matches a gold one of the same page when it names the same party: the same
site key (or the gold key is a prefix of ours: ``twitter.com`` of ``twitter.com/x``), the same
URL, or the same name up to case and punctuation. Gold credits marked ``unsure`` are optional:
finding one is not a false positive and missing one is not a false negative.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_LABELS = HERE.parent.parent / "shared" / "corpus" / "labels" / "dev.jsonl"
POST = {"body", "footer", "footnote"}


def norm(text: str | None) -> str:
    """Lowercase, letters and digits only."""
    return re.sub(r"[\W_]+", "", (text or "").casefold())


def same_party(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Does the predicted credit (or quote) name the gold party?"""
    gsite, psite = gold.get("site"), pred.get("site")
    if gsite and psite and (psite == gsite or psite.startswith(gsite + "/")):
        return True
    gurl, purl = gold.get("url"), pred.get("url")
    if gurl and purl and gurl.rstrip("/").split("://")[-1] == purl.rstrip("/").split("://")[-1]:
        return True
    gname = norm(gold.get("party") if "party" in gold else gold.get("name"))
    pname = norm(pred.get("name"))
    return bool(gname and pname and (gname in pname or pname in gname))


def run(path: Path, use_cli: bool) -> dict[str, Any]:
    """hattip's JSON report for one page."""
    if use_cli:
        out = subprocess.run(
            ["hattip", "report", str(path), "--format", "json"],
            capture_output=True,
            check=False,
        )
        if out.returncode != 0:
            return {"credits": [], "quotes": [], "links": []}
        data: dict[str, Any] = json.loads(out.stdout)
        return data
    import hattip

    return hattip.extract(path.read_bytes(), name=str(path)).to_dict()


def score_credits(
    rows: list[tuple[dict[str, Any], dict[str, Any]]], gold_regions: set[str], verbose: bool
) -> tuple[int, int, int, int]:
    tp = fp = fn = kind_ok = 0
    for label, report in rows:
        pred_regions = POST | ({"caption"} if "caption" in gold_regions else set())
        preds = [c for c in report["credits"] if c["region"] in pred_regions]
        golds = [g for g in label["credits"] if g["region"] in gold_regions]
        used: set[int] = set()
        for gold in golds:
            hit = next(
                (i for i, p in enumerate(preds) if i not in used and same_party(p, gold)), None
            )
            if hit is not None:
                used.add(hit)
                kind_ok += preds[hit]["kind"] == gold["kind"]
                if gold["certainty"] != "unsure":
                    tp += 1
            elif gold["certainty"] != "unsure":
                fn += 1
                if verbose:
                    print(f"  MISS {label['file'][6:60]}: {gold['kind']} {gold['phrase'][:70]!r}")
        for i, pred in enumerate(preds):
            if i not in used:
                fp += 1
                if verbose:
                    print(f"  FP   {label['file'][6:60]}: {pred['kind']} {pred['evidence'][:70]!r}")
    return tp, fp, fn, kind_ok


def score_quotes(
    rows: list[tuple[dict[str, Any], dict[str, Any]]], verbose: bool
) -> tuple[int, int]:
    right = total = 0
    for label, report in rows:
        preds = report["quotes"]
        for gold in label["quotes"]:
            if gold["region"] != "body":
                continue
            total += 1
            start = norm(" ".join(gold["start"].split()[:5]))
            pred = next((q for q in preds if norm(q["text"]).startswith(start[:30])), None)
            ok = False
            if pred is not None:
                if gold["how"] in ("none", "self"):
                    ok = pred["how"] == gold["how"]
                elif gold.get("site") or gold.get("name") or gold.get("url"):
                    ok = same_party(pred, gold)
            right += ok
            if verbose and not ok:
                got = (pred["how"], pred["name"], pred["site"]) if pred else "not found"
                print(
                    f"  QUOTE {label['file'][6:50]}: want {gold['how']} {gold['name']!r} "
                    f"{gold['site']} got {got}"
                )
    return right, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--cli", action="store_true", help="go through `hattip report`")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not args.labels.exists():
        print(
            f"no labels at {args.labels}: the corpus is not beside this checkout", file=sys.stderr
        )
        return 1
    labels = [json.loads(line) for line in args.labels.read_text().splitlines() if line.strip()]
    corpus = args.labels.parent.parent
    rows = [(label, run(corpus / label["file"], args.cli)) for label in labels]
    for title, regions in (("post credits", {"body"}), ("post + caption", {"body", "caption"})):
        tp, fp, fn, kind_ok = score_credits(rows, regions, args.verbose and title == "post credits")
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{title:15s} P={p:.3f} R={r:.3f} F1={f1:.3f}  (tp={tp} fp={fp} fn={fn}, "
            f"kind agrees on {kind_ok})"
        )
    right, total = score_quotes(rows, args.verbose)
    share = right / total if total else 0.0
    print(f"quote attribution {right}/{total} = {share:.3f}   pages={len(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
