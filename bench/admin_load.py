"""The admin at scale: every changelist, search, filter and change page, timed one by one.

Fills a separate database (default `diplomacy_h3_bench`, dropped and rebuilt
unless --reuse) with bench/pages_load.py's generator (--count visits, as many
meetings, half as many agreements), signs in as an editor (a staff account in
the Editors group) and requests each admin page --repeat times through Django's
test client, in this process. Prints each page's median and 95th percentile in
ms, the median CPU time this process spent on it (less sensitive to other programs'
load than the wall clock), the median time PostgreSQL took for its queries, and its
number of SQL queries, whether its median is under the goal of issue 15 (300 ms), and
a last line of how many pages meet it, with the machine's load average. --reuse keeps
the data and applies any new migration.

    .venv/bin/python bench/admin_load.py --count 100000 --repeat 15
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pages_load  # noqa: E402  (the generator and database helpers, shared)

BUDGET_MS = 300


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=100_000, help="visits to generate")
    p.add_argument("--repeat", type=int, default=15, help="requests per page (max 200)")
    p.add_argument("--db", default="diplomacy_h3_bench", help="database name (never the main one)")
    p.add_argument("--reuse", action="store_true", help="keep an already filled database")
    p.add_argument("--only", default="", help="only the pages whose name contains this")
    args = p.parse_args()
    args.repeat = max(1, min(args.repeat, 200))
    if args.db in ("diplomacy", "postgres", "template0", "template1"):
        p.error(f"refusing to use the database {args.db!r}")
    return args


def editor():
    """A staff account in the Editors group, as `manage.py create_editor` makes one."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def admin_pages() -> list[tuple[str, str]]:
    """(name, path) of each admin page measured, with ids and terms from the data."""
    from visits.models import Agreement, Article, Leader, Meeting, Visit

    visit = Visit.objects.order_by("pk").first()
    meeting = Meeting.objects.order_by("pk").first()
    agreement = Agreement.objects.order_by("pk").first()
    leader = Leader.objects.filter(name__contains="Bench").order_by("pk").first()
    article = Article.objects.order_by("pk").first()
    term = leader.name.split()[0]
    a = "/admin/visits"
    return [
        ("index", "/admin/"),
        ("visits", f"{a}/visit/"),
        ("visits search leader", f"{a}/visit/?q={term}"),
        ("visits search country", f"{a}/visit/?q=Malaysia"),
        ("visits filter host", f"{a}/visit/?host_country__code__exact=VN"),
        ("visits filter low confidence", f"{a}/visit/?confidence=low"),
        ("visits filter unknown person", f"{a}/visit/?people=unknown"),
        ("visits by year", f"{a}/visit/?start__year=2015"),
        ("visits sorted by confidence", f"{a}/visit/?o=8"),
        ("visit change", f"{a}/visit/{visit.pk}/change/"),
        ("visit history", f"{a}/visit/{visit.pk}/history/"),
        ("meetings", f"{a}/meeting/"),
        ("meetings search", f"{a}/meeting/?q={term}"),
        ("meetings filter unknown person", f"{a}/meeting/?people=unknown"),
        ("meeting change", f"{a}/meeting/{meeting.pk}/change/"),
        ("agreements", f"{a}/agreement/"),
        ("agreements search", f"{a}/agreement/?q=Malaysia"),
        ("agreements filter party", f"{a}/agreement/?parties__code__exact=VN"),
        ("agreement change", f"{a}/agreement/{agreement.pk}/change/"),
        ("leaders", f"{a}/leader/"),
        ("leaders sorted by meetings", f"{a}/leader/?o=-5"),
        ("leaders search", f"{a}/leader/?q={term}"),
        ("leader change", f"{a}/leader/{leader.pk}/change/"),
        ("articles", f"{a}/article/"),
        ("articles search", f"{a}/article/?q=bench_0001"),
        ("article change", f"{a}/article/{article.pk}/change/"),
        ("evidence", f"{a}/evidence/"),
        ("evidence search", f"{a}/evidence/?q=leaders"),
        ("participations", f"{a}/participation/"),
        ("offices", f"{a}/office/"),
        ("partnerships", f"{a}/partnership/"),
        ("countries", f"{a}/country/"),
        ("suppressions", f"{a}/suppression/"),
        ("review queue", f"{a}/visit/review/"),
        ("review queue, meetings", f"{a}/visit/review/?kind=meeting"),
        ("recover deleted", f"{a}/editoraction/"),
        (
            "autocomplete leader",
            f"/admin/autocomplete/?term={term}&app_label=visits"
            "&model_name=visit&field_name=visitor_leader",
        ),
    ]


def measure(client, path: str, repeat: int) -> dict:
    """Wall, CPU and SQL times in seconds of `repeat` GETs of `path` (after one
    warm-up), its status and the number of queries of the last request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    wall, cpu, sql = [], [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries))
    return {
        "wall": wall,
        "cpu": cpu,
        "sql": sql,
        "status": response.status_code,
        "queries": len(queries),
    }


def main() -> None:
    args = parse_args()
    pages_load.configure(args.db)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    if not args.reuse:
        pages_load.recreate_database(args.db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from visits.models import Agreement, Meeting, Visit

    call_command("migrate", verbosity=0)
    if not args.reuse or not Visit.objects.exists():
        pages_load.fill(args.count)
    else:
        pages_load.vacuum()
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    client.force_login(editor())
    counts = (Visit.objects.count(), Meeting.objects.count(), Agreement.objects.count())
    print(
        f"{counts[0]:,} visits, {counts[1]:,} meetings, {counts[2]:,} agreements; "
        f"{args.repeat} requests per page; load average before "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)"
    )
    print(
        f"{'page':34}{'status':>7}{'median ms':>11}{'p95 ms':>9}{'cpu ms':>8}{'sql ms':>8}"
        f"{'queries':>9}  under {BUDGET_MS} ms"
    )
    slow = measured = 0
    for name, path in admin_pages():
        if args.only and args.only not in name:
            continue
        got = measure(client, path, args.repeat)
        median = pages_load.pct(got["wall"], 0.5) * 1e3
        p95 = pages_load.pct(got["wall"], 0.95) * 1e3
        cpu = pages_load.pct(got["cpu"], 0.5) * 1e3
        sql = pages_load.pct(got["sql"], 0.5) * 1e3
        measured += 1
        met = median < BUDGET_MS and got["status"] == 200
        slow += not met
        print(
            f"{name:34}{got['status']:>7}{median:>11.1f}{p95:>9.1f}{cpu:>8.1f}{sql:>8.1f}"
            f"{got['queries']:>9}  {'yes' if met else 'NO'}",
            flush=True,
        )
    print(
        f"goal (every admin page under {BUDGET_MS} ms, median): {measured - slow} of {measured} "
        f"pages meet it: {'met' if not slow else 'not met'}; load average after "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores)"
    )


if __name__ == "__main__":
    main()
