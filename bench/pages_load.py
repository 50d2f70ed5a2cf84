"""Load benchmark of the public pages: filtered lists beside a static file, under gunicorn.

Fills a separate database (default `diplomacy_bench`, dropped and rebuilt
unless --reuse) with --count visits and their meetings, participants,
agreements, articles and evidence (bulk_create), collects the static files,
starts gunicorn on a free 127.0.0.1 port, and runs --clients threads for
--seconds, then one client for --single-seconds. Each client alternates a filtered
list page and the stylesheet. Prints the median and 95th percentile of each, their
ratio, the share of pages the page cache answered, the errors, the machine's load
beside the figures, and whether issue 15's goals are met:

- with --clients 8: pages at a median <= 60 ms, a p95 <= twice the stylesheet's
  p95 of the same run, no errors;
- one client: a median <= 25 ms up to 100,000 visits, <= 100 ms at 1,000,000.

--no-cache measures the pages rendered every time (DJANGO_PAGE_CACHE=0);
--facet-cache-only renders every page but caches the facet counts;
--cache-url redis://127.0.0.1:6379/1 shares one Redis cache between the workers.

    .venv/bin/python bench/pages_load.py --count 100000 --clients 8 --seconds 30
    .venv/bin/python bench/pages_load.py --reuse --no-cache
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = (
    "VN MY SG CN FR US JP KR IN RU TH ID PH LA KH AU DE GB IT CA "
    "BR MX ZA EG NG KE TR SA AE IL NZ CL AR PE CU BY KZ UZ MN NO"
).split()
WORDS = (
    "trade investment defence security climate energy education tourism agriculture "
    "health culture technology innovation infrastructure finance maritime aviation"
).split()


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=100_000, help="visits to generate")
    p.add_argument("--clients", type=int, default=8, help="concurrent client threads (max 32)")
    p.add_argument("--seconds", type=float, default=30.0, help="how long to load (max 300)")
    p.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    p.add_argument(
        "--threads", type=int, default=1, help="threads per gunicorn worker (gthread when > 1)"
    )
    p.add_argument("--db", default="diplomacy_bench", help="database name (never the main one)")
    p.add_argument("--reuse", action="store_true", help="keep an already filled database")
    p.add_argument(
        "--multiply",
        type=int,
        default=1,
        help="then copy every visit with its records in SQL until there are --count x N "
        "(1,000,000 visits: --count 100000 --multiply 10)",
    )
    p.add_argument("--port", type=int, default=0, help="port for gunicorn (default: a free one)")
    p.add_argument(
        "--single-seconds", type=float, default=10.0, help="then one client for this long (0: no)"
    )
    p.add_argument(
        "--no-cache", action="store_true", help="render every page (DJANGO_PAGE_CACHE=0)"
    )
    p.add_argument(
        "--facet-cache-only",
        action="store_true",
        help="render every page, with the facet counts cached (DJANGO_FACET_CACHE=1)",
    )
    p.add_argument("--cache-url", default="", help="DJANGO_CACHE_URL for the workers (redis://)")
    args = p.parse_args()
    args.clients = max(1, min(args.clients, 32))
    args.seconds = max(1.0, min(args.seconds, 300.0))
    if args.db in ("diplomacy", "postgres", "template0", "template1"):
        p.error(f"refusing to use the database {args.db!r}")
    return args


def configure(
    db: str, *, page_cache: bool = True, facet_cache: bool | None = None, cache_url: str = ""
) -> dict[str, str]:
    env = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
        "DJANGO_SETTINGS_MODULE": "diplomacy.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_HTTPS": "0",
        "DJANGO_DEBUG": "0",
        "DJANGO_STATIC_ROOT": str(ROOT / "bench" / "out" / "static"),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_PAGE_CACHE": "1" if page_cache else "0",
        "DJANGO_FACET_CACHE": "1" if (page_cache if facet_cache is None else facet_cache) else "0",
        "DJANGO_CACHE_URL": cache_url,
        # A prefix of this run's own, so a shared Redis holds no page of another run.
        "DJANGO_CACHE_PREFIX": f"bench-{secrets.token_hex(4)}",
    }
    os.environ.update(env)
    return env


def recreate_database(db: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{db}"')


def fill(count: int, seed: int = 7) -> None:
    """Bulk-create `count` visits and their records; a fixed seed makes runs comparable."""
    import datetime as dt

    from visits import models as m

    rng = random.Random(seed)
    t0 = time.perf_counter()
    levels = list(m.PartnershipLevel.objects.values_list("code", flat=True))
    # Partnerships for many pairs, some upgraded, so `level` filters have work to do.
    existing = set(m.Partnership.objects.values_list("country_a_id", "country_b_id", "level_id"))
    partnerships = []
    for a in COUNTRIES:
        for b in COUNTRIES:
            if a < b and rng.random() < 0.25:
                for level in rng.sample(levels, rng.choice([1, 2])):
                    if (a, b, level) in existing:
                        continue
                    since = dt.date(rng.randint(1995, 2024), rng.randint(1, 12), 1)
                    partnerships.append(
                        m.Partnership(
                            country_a_id=a,
                            country_b_id=b,
                            level_id=level,
                            since=since,
                            source=m.PartnershipSource.EDITOR,
                        )
                    )
    m.Partnership.objects.bulk_create(partnerships, batch_size=2000)

    leaders = []
    for i in range(max(50, count // 200)):
        name = (
            f"{rng.choice(['Nguyen', 'Tran', 'Le', 'Anwar', 'Lee', 'Wong', 'Kim', 'Xi'])} Bench {i}"
        )
        leader = m.Leader(name=name, country_id=rng.choice(COUNTRIES), known=True)
        leader.name_key = m.fold(name)
        leader.alias_keys = [leader.name_key]
        leaders.append(leader)
    leaders = m.Leader.objects.bulk_create(leaders, batch_size=5000)

    articles = []
    for i in range(max(100, count // 50)):
        words = " ".join(rng.choices(WORDS, k=60))
        articles.append(
            m.Article(
                source_name=f"bench_{i:06d}.txt",
                title=f"Visit and talks on {rng.choice(WORDS)}",
                text=f"The leaders met. They discussed {words}.",
                language="en",
                published=dt.date(rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)),
                content_hash=f"{i:064x}",
                status=m.ArticleStatus.EXTRACTED,
            )
        )
    articles = m.Article.objects.bulk_create(articles, batch_size=5000)

    kinds = [k for k, _ in m.VisitKind.choices]
    visits = []
    for _ in range(count):
        visitor, host = rng.sample(COUNTRIES, 2)
        start = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 26 * 365))
        precision = rng.choices(["day", "month", "year"], [90, 8, 2])[0]
        visits.append(
            m.Visit(
                visitor_country_id=visitor,
                host_country_id=host,
                visitor_leader=rng.choice(leaders),
                kind=rng.choice(kinds),
                start=start,
                start_precision=precision,
                end=start + dt.timedelta(days=rng.randint(0, 3)) if precision == "day" else None,
                confidence=round(rng.uniform(0.5, 1.0), 2),
            )
        )
    visits = m.Visit.objects.bulk_create(visits, batch_size=5000)

    meeting_kinds = [k for k, _ in m.MeetingKind.choices]
    meetings = [
        m.Meeting(
            visit=v, date=v.start, kind=rng.choice(meeting_kinds), country_id=v.host_country_id
        )
        for v in visits
    ]
    meetings = m.Meeting.objects.bulk_create(meetings, batch_size=5000)
    participations = []
    for meeting in meetings:
        for leader in rng.sample(leaders, 2):
            participations.append(m.Participation(meeting=meeting, leader=leader))
    m.Participation.objects.bulk_create(participations, batch_size=10000)

    agreement_kinds = [k for k, _ in m.AgreementKind.choices if k != "partnership_upgrade"]
    chosen = visits[::2]
    agreements = m.Agreement.objects.bulk_create(
        [m.Agreement(visit=v, kind=rng.choice(agreement_kinds), date=v.start) for v in chosen],
        batch_size=5000,
    )
    through = m.Agreement.parties.through
    m.Agreement.parties.through.objects.bulk_create(
        [
            through(agreement_id=a.id, country_id=code)
            for a, v in zip(agreements, chosen, strict=True)
            for code in (v.visitor_country_id, v.host_country_id)
        ],
        batch_size=10000,
    )

    evidence = []
    for i, v in enumerate(visits):
        article = articles[i % len(articles)]
        evidence.append(
            m.Evidence(
                article=article,
                record_key=f"visit:{v.id}",
                visit=v,
                start=0,
                end=10,
                sentence=article.text[:10],
            )
        )
    for i, meeting in enumerate(meetings):
        article = articles[i % len(articles)]
        evidence.append(
            m.Evidence(
                article=article,
                record_key=f"meeting:{meeting.id}",
                meeting=meeting,
                start=11,
                end=20,
                sentence=article.text[11:20],
            )
        )
    m.Evidence.objects.bulk_create(evidence, batch_size=10000)
    vacuum()
    print(
        f"filled: {len(visits):,} visits, {len(meetings):,} meetings, "
        f"{len(agreements):,} agreements, {len(articles):,} articles, "
        f"{len(evidence):,} evidence in {time.perf_counter() - t0:.1f}s",
        flush=True,
    )


def multiply(times: int) -> None:
    """Copy every visit, with its meetings, participants, agreements, parties and
    evidence, `times - 1` times, in SQL (minutes where bulk_create takes an hour and
    gigabytes). The copies keep their originals' countries, days and leaders, so every
    count grows `times`-fold and the filters keep their selectivity. Triggers are off
    for the copy (session_replication_role), then the data version is bumped once.
    """
    from django.db import connection, transaction

    t0 = time.perf_counter()

    def columns(table: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}" LIMIT 0')  # noqa: S608
            return [c.name for c in cursor.description]

    def copy(table: str, source: str, replace: dict[str, str]) -> None:
        """INSERT INTO table SELECT ... FROM `source` (which joins the map `m`)."""
        cols = columns(table)
        values = ", ".join(replace.get(c, f't."{c}"') for c in cols)
        names = ", ".join(f'"{c}"' for c in cols)
        cursor.execute(f'INSERT INTO "{table}" ({names}) SELECT {values} {source}')

    def id_map(name: str, table: str, source: str) -> None:
        cursor.execute(
            f"CREATE TEMP TABLE {name} AS SELECT t.id AS old, k, "
            f"nextval(pg_get_serial_sequence('{table}', 'id')) AS new {source}"
        )
        cursor.execute(f"CREATE INDEX ON {name} (old, k)")

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        id_map("vmap", "visits_visit", f"FROM visits_visit t, generate_series(1, {times - 1}) k")
        copy("visits_visit", "FROM vmap m JOIN visits_visit t ON t.id = m.old", {"id": "m.new"})
        for table, mapped in (("visits_meeting", "mmap"), ("visits_agreement", "amap")):
            join = f"FROM {table} t JOIN vmap v ON v.old = t.visit_id"
            id_map(mapped, table, join)
            copy(
                table,
                f"{join} JOIN {mapped} m ON m.old = t.id AND m.k = v.k",
                {"id": "m.new", "visit_id": "v.new"},
            )
        for table, mapped, key in (
            ("visits_participation", "mmap", "meeting_id"),
            ("visits_agreement_parties", "amap", "agreement_id"),
        ):
            copy(
                table,
                f"FROM {table} t JOIN {mapped} m ON m.old = t.{key}",
                {"id": f"nextval(pg_get_serial_sequence('{table}', 'id'))", key: "m.new"},
            )
        for kind, mapped in (("visit", "vmap"), ("meeting", "mmap")):
            copy(
                "visits_evidence",
                f"FROM visits_evidence t JOIN {mapped} m ON m.old = t.{kind}_id",
                {
                    "id": "nextval(pg_get_serial_sequence('visits_evidence', 'id'))",
                    f"{kind}_id": "m.new",
                    "record_key": f"'{kind}:' || m.new",
                },
            )
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        # One row written with the triggers on: the data version moves at the commit.
        cursor.execute("UPDATE visits_visit SET id = id WHERE id = (SELECT min(old) FROM vmap)")
    vacuum()
    print(f"multiplied by {times} in {time.perf_counter() - t0:.1f}s", flush=True)


STORED_MIGRATION = ("visits", "0019_stored_for_pages")


def stored_columns_filled() -> None:
    """Apply migration 0019 (the stored pair, year and level then) to a reused database
    that recorded it while it was still empty: `migrate` would skip it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "visits_visit")
    if any(c.name == "level_then" for c in columns):
        return
    t0 = time.perf_counter()
    executor = MigrationExecutor(connection)
    migration = executor.loader.get_migration(*STORED_MIGRATION)
    state = executor.loader.project_state(migration.dependencies[0])
    executor.recorder.record_unapplied(*STORED_MIGRATION)
    executor.apply_migration(state, migration)
    print(f"applied {'.'.join(STORED_MIGRATION)} in {time.perf_counter() - t0:.1f}s", flush=True)


def vacuum() -> None:
    """VACUUM ANALYZE, as autovacuum would have done on a live database.

    Without it a freshly bulk-filled table has no visibility map, so no
    index-only scan is possible, and the planner works from no statistics when
    the server runs with autovacuum off (as test servers often do).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int, env: dict[str, str]) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = open(ROOT / "bench" / "out" / "gunicorn.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "diplomacy.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = request(port, "/static/visits/site.css")
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    stop(proc)
    raise SystemExit("gunicorn did not start: see bench/out/gunicorn.log")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def request(port: int, path: str) -> tuple[int, float]:
    status, elapsed, _ = request_cached(port, path)
    return status, elapsed


def request_cached(port: int, path: str) -> tuple[int, float, bool]:
    """(status, seconds, whether the page cache answered)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t0 = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = conn.getresponse()
        response.read()
        hit = response.getheader("X-Page-Cache") == "hit"
        return response.status, time.perf_counter() - t0, hit
    finally:
        conn.close()


def page_urls(leader_name: str) -> list[str]:
    return [
        "/visits/?host=MY",
        "/visits/?host=MY&host=SG&year=2019",
        "/visits/?country=VN&date_after=2020-01-01&date_before=2020-12-31",
        "/visits/?level=strategic_partnership&year=2021",
        "/visits/?kind=state&sort=-host&page=3",
        f"/visits/?leader={leader_name.replace(' ', '+')}",
        "/visits/?q=maritime+aviation&visitor=VN",
        "/meetings/?country=JP&year=2018",
        "/agreements/?kind=joint_statement&country=FR",
    ]


def load(port, pages, static_path, clients, seconds):
    results = {"page": [], "static": [], "hits": 0}
    per_url: dict[str, list[float]] = {u: [] for u in pages}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int):
        rng = random.Random(n)
        while time.monotonic() < deadline:
            for kind, path in (("page", rng.choice(pages)), ("static", static_path)):
                try:
                    status, elapsed, hit = request_cached(port, path)
                except OSError as e:
                    with lock:
                        errors.append(f"{path}: {e}")
                    continue
                with lock:
                    if status != 200:
                        errors.append(f"{path}: HTTP {status}")
                    results[kind].append(elapsed)
                    results["hits"] += hit
                    if kind == "page":
                        per_url[path].append(elapsed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, per_url, errors


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else 0.0


def main() -> None:
    args = parse_args()
    page_cache = not (args.no_cache or args.facet_cache_only)
    env = configure(
        args.db,
        page_cache=page_cache,
        facet_cache=page_cache or args.facet_cache_only,
        cache_url=args.cache_url,
    )
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        recreate_database(args.db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.templatetags.static import static

    from visits.models import Leader, Visit

    call_command("migrate", verbosity=0)
    stored_columns_filled()
    if not args.reuse or not Visit.objects.exists():
        fill(args.count)
    else:
        vacuum()
    if args.multiply > 1 and Visit.objects.count() < args.count * args.multiply:
        multiply(args.multiply)
    call_command("collectstatic", interactive=False, verbosity=0)
    static_path = static("visits/site.css")
    leader_name = Leader.objects.filter(name__contains="Bench").values_list("name", flat=True)[0]
    pages = page_urls(leader_name)
    visits = Visit.objects.count()
    from django.db import connections

    connections.close_all()

    port = args.port or free_port()
    proc = start_gunicorn(port, args.workers, args.threads, env)
    try:
        for path in pages + [static_path]:  # warm up every worker's caches
            request(port, path)
        load_before = os.getloadavg()
        results, per_url, errors = load(port, pages, static_path, args.clients, args.seconds)
        single = None
        if args.single_seconds > 0 and args.clients > 1:
            single = load(port, pages, static_path, 1, args.single_seconds)
        load_after = os.getloadavg()
    finally:
        stop(proc)

    mode = "rendered every time (no page cache)" if args.no_cache else "page cache on"
    if args.facet_cache_only:
        mode = "rendered every time, facet counts cached"
    if args.cache_url:
        mode += f" ({args.cache_url})"
    print(
        f"\n{visits:,} visits; gunicorn {args.workers} workers x {args.threads} threads; "
        f"{mode}; on 127.0.0.1:{port}"
    )
    print(
        "load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}, after: {:.2f} {:.2f} {:.2f}"
        " (2 cores, shared with other work)".format(*load_before, *load_after)
    )
    report(f"{args.clients} clients for {args.seconds:.0f}s", results, per_url, errors)
    if single:
        report(f"1 client for {args.single_seconds:.0f}s", *single)
    print_goals(visits, args.clients, results, errors, single)
    sys.exit(1 if errors or (single and single[2]) else 0)


def report(title, results, per_url, errors) -> None:
    """The figures of one load: pages and stylesheet, each page, ratio, cache hits, errors."""
    print(f"\n{title}")
    print(f"{'':28}{'requests':>9}{'median ms':>11}{'p95 ms':>9}")
    for kind in ("page", "static"):
        v = results[kind]
        print(f"{kind + 's':28}{len(v):>9}{pct(v, 0.5) * 1e3:>11.1f}{pct(v, 0.95) * 1e3:>9.1f}")
    for path, v in per_url.items():
        print(f"  {path[:60]:60}{len(v):>6}{pct(v, 0.5) * 1e3:>9.1f}{pct(v, 0.95) * 1e3:>9.1f}")
    page, static_ = results["page"], results["static"]
    if page and static_:
        print(
            f"ratio page/static: median {pct(page, 0.5) / pct(static_, 0.5):.1f}x, "
            f"p95 {pct(page, 0.95) / pct(static_, 0.95):.1f}x"
        )
        print(f"pages answered by the page cache: {results['hits'] / len(page):.0%}")
    print(f"errors: {len(errors)}")
    for line in errors[:10]:
        print("  " + line)


def print_goals(visits: int, clients: int, results, errors, single) -> None:
    """Issue 15's goals for the figures just printed, each met or not."""
    print("\ngoals (issue 15)")

    def line(text: str, ok: bool) -> None:
        print(f"  {'met    ' if ok else 'NOT met'}  {text}")

    page, static_ = results["page"], results["static"]
    if clients > 1:
        median, p95, static_p95 = pct(page, 0.5), pct(page, 0.95), pct(static_, 0.95)
        line(f"{clients} clients: page median {median * 1e3:.1f} ms <= 60 ms", median <= 0.060)
        line(
            f"{clients} clients: page p95 {p95 * 1e3:.1f} ms <= 2 x stylesheet p95 "
            f"{static_p95 * 1e3:.1f} ms",
            p95 <= 2 * static_p95,
        )
        line(f"{clients} clients: {len(errors)} errors", not errors)
    one = single[0]["page"] if single else page
    limit = 0.100 if visits > 100_000 else 0.025
    line(
        f"1 client, {visits:,} visits: page median {pct(one, 0.5) * 1e3:.1f} ms "
        f"<= {limit * 1e3:.0f} ms ({len(one)} pages)",
        bool(one) and pct(one, 0.5) <= limit,
    )


if __name__ == "__main__":
    main()
