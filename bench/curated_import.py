"""Curated import benchmark: the State Department's full lists into a scratch database.

    .venv/bin/python bench/curated_import.py [--database diplomacy_bench_curated]

Creates the database afresh (DROP and CREATE: give one of your own), migrates,
ingests seeds/, then prints the seconds of
  1. the first import of curated/state-department/ (7,535 rows),
  2. a second import of the unchanged data,
and the median and slowest response of every list page, a few filters and one
detail page of each kind, with the records loaded (Django's test client, one
process: the pages' own work, without a web server).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/visits/",
    "/visits/?source=curated",
    "/visits/?source=both",
    "/visits/?role=head&kind=state",
    "/visits/?year=1874",
    "/visits/?sort=-host&page=100",
    "/visits/disagreements/",
    "/meetings/",
    "/agreements/",
    "/leaders/",
    "/countries/",
    "/countries/US/",
    "/countries/SU/",
    "/articles/",
]


def run(cmd: list[str], env: dict) -> tuple[float, str]:
    t0 = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - t0, result.stdout


def pages(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    import django

    django.setup()
    from django.test import Client

    from visits.models import Article, Leader, Meeting, Visit

    details = [
        f"/visits/{Visit.objects.filter(evidence__article__kind='curated').first().pk}/",
        f"/meetings/{Meeting.objects.order_by('-pk').first().pk}/",
        f"/leaders/{Leader.objects.filter(visits__isnull=False).first().pk}/",
        f"/articles/{Article.objects.filter(kind='curated').first().pk}/",
    ]
    client = Client()
    print("pages (ms, median / slowest of 5):")
    for url in PAGES + details:
        times, status = [], None
        for _ in range(5):
            t0 = time.perf_counter()
            status = client.get(url).status_code
            times.append((time.perf_counter() - t0) * 1000)
        print(f"  {status} {statistics.median(times):7.1f} {max(times):7.1f}  {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="diplomacy_bench_curated")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/diplomacy")
    url = base.rsplit("/", 1)[0] + "/" + args.database
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_HTTPS": "0", "DJANGO_DEBUG": "1"}
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    env.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    py = sys.executable

    import psycopg

    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    run([py, "manage.py", "ingest", "seeds/"], env)
    data = "curated/state-department/"
    for label in ("first import", "second import (unchanged)"):
        seconds, out = run([py, "manage.py", "import_curated", data], env)
        rows = [line for line in out.splitlines() if line.startswith("Rows:")]
        print(f"{label:27s} {seconds:6.1f} s   {rows[0] if rows else out[-300:]}")
    pages(env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
