"""Print what each list page costs on the database named by DATABASE_URL: the median
time of a request (Django's test client, in this process), its queries, and its HTML
before and after compression; with the machine's load average beside the figures.

    DATABASE_URL=postgres://... .venv/bin/python bench/lists_pages.py [--rounds N]

Runs with DJANGO_DEBUG=1 (the static files need no collectstatic), on a database
with data (bin/run's seeds and curated lists: about 7,400 visits). The query counts do
not depend on the rows (tests/test_views.py checks it); the times do, and on the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

URLS = [
    "/visits/",
    "/visits/?sort=-host&page=3",
    "/visits/?host=US&year=2013",
    "/visits/?more=host&more=visitor",
    "/meetings/?sort=country",
    "/agreements/",
    "/leaders/",
    "/leaders/?sort=visits&page=2",
    "/leaders/?all=1&sort=-meetings",
    "/countries/",
    "/countries/?all=1&sort=made",
    "/articles/?sort=name",
]


def measure(client, url: str, rounds: int) -> tuple[float, int, int, int]:
    """(median ms, queries, HTML bytes, gzipped bytes) of `url`."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    reset_queries()  # each request empties the log (DEBUG), which the count reads
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    squeezed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert squeezed.get("Content-Encoding") == "gzip", url
    return (
        statistics.median(times) * 1000,
        len(ctx.captured_queries),
        len(response.content),
        len(squeezed.content),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from django.test import Client

    from visits.models import Visit

    client = Client(SERVER_NAME="localhost")
    client.get("/visits/")  # warm-up: templates, levels
    print(f"{Visit.objects.count():,} visits; load average before {os.getloadavg()}")
    print(f"{'page':<36} {'ms':>7} {'queries':>8} {'KB':>7} {'KB gzip':>8}")
    for url in URLS:
        ms, queries, size, squeezed = measure(client, url, args.rounds)
        print(f"{url:<36} {ms:7.0f} {queries:8} {size / 1024:7.1f} {squeezed / 1024:8.1f}")
    print(f"load average after {os.getloadavg()} (2 cores, shared)")


if __name__ == "__main__":
    main()
