"""Print what the world maps cost: drawing the SVG, its size, and the pages that show it.

    .venv/bin/python bench/maps_render.py [--rounds N] [--country VN] [--leader ID]

Needs DATABASE_URL (and DJANGO_SECRET_KEY) of a database with records, e.g. the
seeds, the development set and the curated lists ingested. The machine's load
average is printed beside the figures: they mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
os.environ.setdefault("DJANGO_HTTPS", "0")  # plain HTTP through the test client
os.environ.setdefault("DJANGO_DEBUG", "1")  # static files without collectstatic


def timed(fn, rounds: int) -> tuple[float, float]:
    """(median, slowest) milliseconds of `rounds` calls of fn."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--country", default="VN")
    parser.add_argument("--leader", type=int, default=None)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from visits import maps, selectors
    from visits.models import Visit

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    print(f"load average: {os.getloadavg()}")
    maps.world()  # read once per process, as the app does
    codes = sorted(maps.known_codes())
    for label, marked in (("no country marked", []), ("every country marked", codes)):
        marks = {
            c: maps.Mark(title=f"{c}: 1 visit", href=f"/visits/?host={c}", shade=3) for c in marked
        }
        svg = str(maps.world_svg(marks=marks, label="bench"))
        median, slowest = timed(lambda m=marks: maps.world_svg(marks=m, label="bench"), args.rounds)
        size, packed = len(svg.encode()), len(gzip.compress(svg.encode()))
        print(
            f"map, {label}: {median:.2f} ms median, {slowest:.2f} ms slowest; "
            f"{size:,} bytes, {packed:,} gzipped"
        )
    median, _ = timed(selectors.visits_by_host, args.rounds)
    print(f"visits_by_host over {Visit.objects.count():,} visits: {median:.1f} ms median")

    leader = args.leader or (
        Visit.objects.exclude(visitor_leader=None)
        .values_list("visitor_leader", flat=True)
        .order_by("visitor_leader")
        .first()
    )
    client = Client()
    for url in ("/", f"/countries/{args.country}/", f"/leaders/{leader}/"):
        response = client.get(url)
        median, slowest = timed(lambda u=url: client.get(u), max(3, args.rounds // 4))
        print(
            f"{url}: {response.status_code}, {len(response.content):,} bytes, "
            f"{len(gzip.compress(response.content)):,} gzipped; "
            f"{median:.0f} ms median, {slowest:.0f} ms slowest"
        )
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
