"""Where an uncached list page spends its time: each page of bench/pages_load.py
rendered in this process with no page or facet cache, its queries counted and timed.

Prints, per page, the best of --repeat renders: wall ms, queries, SQL ms, and with
--top N the N slowest queries of that render (their first characters).
Reads the database bench/pages_load.py filled (--db), migrating it first.

    .venv/bin/python bench/pages_profile.py --db diplomacy_bench --repeat 3 --top 2
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="diplomacy_bench")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--top", type=int, default=0, help="print the N slowest queries of each page")
    args = p.parse_args()

    from bench.pages_load import configure, page_urls

    configure(args.db, page_cache=False, facet_cache=False)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from visits.models import Leader, Visit

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages name hashed files
    leader = Leader.objects.filter(name__contains="Bench").values_list("name", flat=True)[0]
    client = Client()
    print(f"{Visit.objects.count():,} visits; load average {os.getloadavg()[0]:.2f}")
    print(f"{'page':62}{'wall ms':>9}{'queries':>9}{'SQL ms':>8}")
    walls = []
    for url in page_urls(leader):
        best = None
        for _ in range(max(1, args.repeat)):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(url)
                wall = time.perf_counter() - t0
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            if best is None or wall < best[0]:
                best = (wall, list(queries.captured_queries))
        wall, captured = best
        walls.append(wall)
        sql = sum(float(q["time"]) for q in captured)
        print(f"{url[:62]:62}{wall * 1e3:>9.1f}{len(captured):>9}{sql * 1e3:>8.1f}")
        for q in sorted(captured, key=lambda q: -float(q["time"]))[: args.top]:
            print(f"    {float(q['time']) * 1e3:7.1f} ms  {q['sql'][:150]}")
    walls.sort()
    print(f"median of the pages' best: {walls[len(walls) // 2] * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
