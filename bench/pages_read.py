"""Print how fast saved pages are read (visits.extraction.pages.read_html: trafilatura,
then the body cleaning), per page and per KB, for small and large pages.

    .venv/bin/python bench/pages_read.py [--rounds N]

Input: the test pages of tests/pages and pages built here from them: the same story
with 10, 100 and 1,000 paragraphs of our own words, each with navigation, related
headlines and comments around it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from visits.extraction.pages import read_html  # noqa: E402

PAGES = ROOT / "tests" / "pages"
PARAGRAPH = (
    "<p>The two delegations reviewed cooperation in trade, education and clean energy, "
    "and agreed to meet again before the end of the year in the capital.</p>"
)


def grown(paragraphs: int) -> str:
    page = (PAGES / "sg_talks.html").read_text("utf-8")
    return page.replace("</article>", PARAGRAPH * paragraphs + "</article>")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    cases = [(p.name, p.read_text("utf-8")) for p in sorted(PAGES.glob("*.html"))]
    cases += [(f"story + {n} paragraphs", grown(n)) for n in (10, 100, 1000)]
    read_html(cases[0][1], name="warm-up")  # the import and first parse
    print(f"{'page':<28} {'KB':>8} {'ms/page':>9} {'ms/KB':>7}")
    for name, html in cases:
        times = []
        for _ in range(max(1, args.rounds if len(html) < 100_000 else args.rounds // 4)):
            start = time.perf_counter()
            read_html(html, name=name)
            times.append(time.perf_counter() - start)
        kb = len(html.encode("utf-8")) / 1024
        ms = statistics.median(times) * 1000
        print(f"{name:<28} {kb:8.1f} {ms:9.1f} {ms / kb:7.2f}")


if __name__ == "__main__":
    main()
