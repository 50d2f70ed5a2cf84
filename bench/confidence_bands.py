"""Print, for an ingested set with gold records, how right the records are per confidence band.

    bin/manage flush --no-input && bin/manage ingest ../shared/eval/dev/articles
    bin/manage export --format json --output /tmp/dev.json
    .venv/bin/python bench/confidence_bands.py ../shared/eval/dev/gold.json /tmp/dev.json

A record is right when the scorer (../shared/eval/score.py, found beside the gold file's
folder or given with --scorer) matches it one-to-one to a gold record; records matched to
optional gold records are left out. Printed: count, right and precision per band; the share
of the right records at 0.8 and above and the precision there (the goals: at least 80% and
95%); and where the wrong records sit in the review queue, which lists the least confident
first.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

BANDS = ((0.9, 1.01), (0.8, 0.9), (0.65, 0.8), (0.5, 0.65), (0.0, 0.5))


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(score, gold: dict, pred: dict) -> list[tuple[str, float, bool]]:
    """(kind, confidence, right) of every predicted record not matched to an optional one."""
    out = []
    pairs = _pairs(score, gold, pred)
    for kind, items, matched, optional in pairs:
        for p in items:
            if id(p) in optional:
                continue
            out.append((kind, float(p.get("confidence") or 0.0), id(p) in matched))
    return out


def _pairs(score, gold, pred):
    """Re-run the scorer's matching, recording which predictions it matched."""
    results = []
    original = score.match

    def recording(gold_items, pred_items, score_pair, tally, describe, same_event=None):
        matched_all = []
        pairs = []
        for gi, g in enumerate(gold_items):
            for pi, p in enumerate(pred_items):
                s = score_pair(g, p)
                if s > 0:
                    pairs.append((s, gi, pi))
        pairs.sort(key=lambda t: -t[0])
        g_used, p_used = set(), set()
        for _, gi, pi in pairs:
            if gi in g_used or pi in p_used:
                continue
            g_used.add(gi)
            p_used.add(pi)
            matched_all.append((gold_items[gi], pred_items[pi]))
        matched = {id(p) for g, p in matched_all if not g.get("optional")}
        optional = {id(p) for g, p in matched_all if g.get("optional")}
        for p in pred_items:  # a leftover twin of an optional record is neither right nor wrong
            if id(p) in matched or id(p) in optional:
                continue
            twin = next((g for g, _ in matched_all if (same_event or score_pair)(g, p) > 0), None)
            if twin is not None and twin.get("optional"):
                optional.add(id(p))
        results.append((tally.kind, pred_items, matched, optional))
        return original(gold_items, pred_items, score_pair, tally, describe, same_event)

    score.match = recording
    try:
        score.score(gold, pred)
    finally:
        score.match = original
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("export", type=Path)
    ap.add_argument("--scorer", type=Path, help="score.py (default: beside the gold file's folder)")
    args = ap.parse_args()
    scorer = args.scorer
    if scorer is None:
        for folder in (args.gold.parent, args.gold.parent.parent):
            if (folder / "score.py").exists():
                scorer = folder / "score.py"
                break
    if scorer is None:
        raise SystemExit("error: no score.py beside the gold file; give it with --scorer")
    score = load_scorer(scorer)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    pred = json.loads(args.export.read_text(encoding="utf-8"))
    records = judged(score, gold, pred)

    print(f"{'band':<12}{'records':>8}{'right':>7}{'precision':>11}   by kind (right/all)")
    for lo, hi in BANDS:
        band = [r for r in records if lo <= r[1] < hi]
        right = sum(1 for r in band if r[2])
        kinds = []
        for kind in ("visit", "meeting", "agreement"):
            k = [r for r in band if r[0] == kind]
            if k:
                kinds.append(f"{kind} {sum(1 for r in k if r[2])}/{len(k)}")
        label = f"{lo:.2f}-{min(hi, 1.0):.2f}"
        precision = f"{right / len(band):.2f}" if band else "-"
        print(f"{label:<12}{len(band):>8}{right:>7}{precision:>11}   {', '.join(kinds)}")
    right_all = [r for r in records if r[2]]
    high = [r for r in records if r[1] >= 0.8]
    share = sum(1 for r in high if r[2]) / len(right_all) if right_all else 0.0
    precision_high = sum(1 for r in high if r[2]) / len(high) if high else 0.0
    print(f"right records at 0.8 and above: {share:.0%} (goal 80%)")
    print(f"precision at 0.8 and above: {precision_high:.0%} (goal 95%)")
    queue = sorted(records, key=lambda r: r[1])  # the review queue: least confident first
    wrong = [i for i, r in enumerate(queue) if not r[2]]
    if wrong:
        first_half = sum(1 for i in wrong if i < len(queue) / 2)
        print(
            f"wrong records in the first half of the review queue: {first_half} of {len(wrong)}"
            f" (median position {wrong[len(wrong) // 2] + 1} of {len(queue)})"
        )


if __name__ == "__main__":
    main()
