"""Our list pages beside Datasette serving the same records from SQLite, in one run.

Datasette is never a dependency of the project: this script makes its own
throwaway virtual environment under bench/out/ (git-ignored) and installs
Datasette there from PyPI. It reads the records of a database that
bench/pages_load.py filled (default `diplomacy_bench`; run that first), writes
them to bench/out/diplomacy.db denormalised for Datasette (one row per visit,
meeting and agreement with country codes, year, the pair's level then, the
leader's name), with an index per filtered column and an FTS5 index of the
articles' text on the visits, then serves both: gunicorn for ours, Datasette
for SQLite, each with the stylesheet beside its pages, each page asking for every
facet ours shows. Prints both side by side, with the machine's load.

    .venv/bin/python bench/pages_load.py --count 100000 --seconds 5   # fills the data
    .venv/bin/python bench/datasette_compare.py --clients 8 --seconds 20
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pages_load  # noqa: E402

OUT = HERE / "out"
VENV = OUT / "datasette-venv"
SQLITE = OUT / "diplomacy.db"
DATASETTE_VERSION = "0.65.5"

# Each of ours (pages_load.page_urls) and the same question put to Datasette,
# with the facets our page counts.
VISIT_FACETS = "_facet=visitor&_facet=host&_facet=kind&_facet=year&_facet=level_then&_size=50"


def datasette_urls(leader_name: str) -> list[str]:
    leader = leader_name.replace(" ", "+")
    visits = f"/diplomacy/visits?{VISIT_FACETS}&_sort_desc=start"
    return [
        f"{visits}&host=MY",
        f"{visits}&host__in=MY,SG&year=2019",
        f"{visits}&_where=(visitor='VN'+or+host='VN')&start__gte=2020-01-01&start__lte=2020-12-31",
        f"{visits}&level_then=strategic_partnership&year=2021",
        f"/diplomacy/visits?{VISIT_FACETS}&kind=state&_sort_desc=host&_next=100",
        f"{visits}&leader={leader}",
        f"{visits}&_search=maritime+aviation&visitor=VN",
        "/diplomacy/meetings?_facet=country&_facet=kind&_facet=year&_facet=level_then"
        "&_size=50&_sort_desc=date&country=JP&year=2018",
        "/diplomacy/agreements?_facet=kind&_facet=year&_facet=level_then&_size=50"
        "&_sort_desc=date&kind=joint_statement&_where=(party_a='FR'+or+party_b='FR')",
    ]


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default="diplomacy_bench", help="the database pages_load.py filled")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (ours)")
    p.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    p.add_argument("--port", type=int, default=0, help="our port (Datasette's is the next one)")
    p.add_argument("--no-cache", action="store_true", help="ours without the page cache")
    p.add_argument("--rebuild", action="store_true", help="write the SQLite file again")
    args = p.parse_args()
    if args.db in ("diplomacy", "postgres", "template0", "template1"):
        p.error(f"refusing to use the database {args.db!r}")
    return args


def datasette_venv() -> Path:
    """bench/out/datasette-venv with Datasette installed; its `datasette` program."""
    program = VENV / "bin" / "datasette"
    if not program.exists():
        print(f"installing Datasette {DATASETTE_VERSION} into {VENV} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(VENV / "bin" / "pip"), "install", "-q", f"datasette=={DATASETTE_VERSION}"],
            check=True,
        )
    return program


# The level of the record's pair on its day, through the partnership periods.
LEVEL_THEN = """(SELECT p.level_id FROM visits_partnershipperiod p
  WHERE p.country_a_id = LEAST({a}, {b}) AND p.country_b_id = GREATEST({a}, {b})
    AND p.since <= {day} AND (p.until IS NULL OR {day} < p.until) LIMIT 1)"""

VISITS_SQL = f"""
SELECT v.id, v.start, EXTRACT(YEAR FROM v.start)::int, v.visitor_country_id,
       v.host_country_id, l.name, v.kind, v.confidence::float,
       {LEVEL_THEN.format(a="v.visitor_country_id", b="v.host_country_id", day="v.start")},
       (SELECT string_agg(a.title || ' ' || a.text, ' ') FROM visits_evidence e
          JOIN visits_article a ON a.id = e.article_id WHERE e.visit_id = v.id)
FROM visits_visit v LEFT JOIN visits_leader l ON l.id = v.visitor_leader_id
"""
MEETINGS_SQL = f"""
SELECT m.id, m.date, EXTRACT(YEAR FROM m.date)::int, m.country_id, m.kind,
       {LEVEL_THEN.format(a="v.visitor_country_id", b="v.host_country_id", day="m.date")}
FROM visits_meeting m LEFT JOIN visits_visit v ON v.id = m.visit_id
"""
AGREEMENTS_SQL = f"""
SELECT g.id, g.date, EXTRACT(YEAR FROM g.date)::int, g.kind, pa.a, pa.b,
       {LEVEL_THEN.format(a="pa.a", b="pa.b", day="g.date")}
FROM visits_agreement g
LEFT JOIN (SELECT agreement_id, MIN(country_id) AS a, MAX(country_id) AS b
           FROM visits_agreement_parties GROUP BY agreement_id) pa ON pa.agreement_id = g.id
"""
SCHEMA = """
CREATE TABLE visits (id INTEGER PRIMARY KEY, start TEXT, year INTEGER, visitor TEXT,
  host TEXT, leader TEXT, kind TEXT, confidence REAL, level_then TEXT, words TEXT);
CREATE TABLE meetings (id INTEGER PRIMARY KEY, date TEXT, year INTEGER, country TEXT,
  kind TEXT, level_then TEXT);
CREATE TABLE agreements (id INTEGER PRIMARY KEY, date TEXT, year INTEGER, kind TEXT,
  party_a TEXT, party_b TEXT, level_then TEXT);
"""
INDEXES = {
    "visits": ("start", "year", "visitor", "host", "leader", "kind", "level_then"),
    "meetings": ("date", "year", "country", "kind", "level_then"),
    "agreements": ("date", "year", "kind", "party_a", "party_b", "level_then"),
}


def sqlite_build(db: str) -> None:
    """Write bench/out/diplomacy.db from the PostgreSQL database `db`."""
    import psycopg

    t0 = time.perf_counter()
    SQLITE.unlink(missing_ok=True)
    out = sqlite3.connect(SQLITE)
    out.executescript(SCHEMA)
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{db}") as pg:
        for table, sql in (
            ("visits", VISITS_SQL),
            ("meetings", MEETINGS_SQL),
            ("agreements", AGREEMENTS_SQL),
        ):
            rows = pg.execute(sql).fetchall()
            marks = ", ".join("?" * len(rows[0])) if rows else ""
            out.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
            for column in INDEXES[table]:
                out.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
            print(f"  {table}: {len(rows):,} rows", flush=True)
    out.execute("CREATE VIRTUAL TABLE visits_fts USING fts5 (words, content='visits')")
    out.execute("INSERT INTO visits_fts (rowid, words) SELECT id, words FROM visits")
    out.commit()
    out.execute("ANALYZE")
    out.close()
    print(f"wrote {SQLITE} in {time.perf_counter() - t0:.1f}s", flush=True)


def datasette_start(program: Path, port: int) -> subprocess.Popen:
    """Datasette on 127.0.0.1:`port`, immutable (it may cache counts), waited for."""
    log = open(OUT / "datasette.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            str(program),
            "serve",
            "--immutable",
            str(SQLITE),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "--setting",
            "sql_time_limit_ms",
            "10000",
            "--setting",
            "facet_time_limit_ms",
            "5000",
            "--setting",
            "default_facet_size",
            "30",
        ],
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if pages_load.request(port, "/-/versions.json")[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    pages_load.stop(proc)
    raise SystemExit("Datasette did not start: see bench/out/datasette.log")


def row(title: str, results, seconds: float) -> str:
    page, static = results["page"], results["static"]
    pct = pages_load.pct
    return (
        f"{title:44}{pct(page, 0.5) * 1e3:>10.1f}{pct(page, 0.95) * 1e3:>9.1f}"
        f"{len(page) / seconds:>9.1f}{pct(static, 0.5) * 1e3:>10.1f}{pct(static, 0.95) * 1e3:>9.1f}"
    )


def main() -> None:
    args = parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    program = datasette_venv()
    env = pages_load.configure(args.db, page_cache=not args.no_cache)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.templatetags.static import static

    from visits.models import Leader, Visit

    call_command("migrate", verbosity=0)
    visits = Visit.objects.count()
    if not visits:
        raise SystemExit(f"{args.db} holds no visit: run bench/pages_load.py first")
    call_command("collectstatic", interactive=False, verbosity=0)
    leader = Leader.objects.filter(name__contains="Bench").values_list("name", flat=True)[0]
    ours_static = static("visits/site.css")
    connections.close_all()
    if args.rebuild or not SQLITE.exists():
        sqlite_build(args.db)

    port = args.port or pages_load.free_port()
    theirs_port = port + 1
    ours_pages, theirs_pages = pages_load.page_urls(leader), datasette_urls(leader)
    results = {}
    loads = []
    gunicorn = pages_load.start_gunicorn(port, args.workers, args.threads, env)
    try:
        for path in ours_pages:
            pages_load.request(port, path)
        loads.append(os.getloadavg())
        results["ours"] = pages_load.load(port, ours_pages, ours_static, args.clients, args.seconds)
    finally:
        pages_load.stop(gunicorn)
    datasette = datasette_start(program, theirs_port)
    try:
        for path in theirs_pages:
            status, _ = pages_load.request(theirs_port, path)
            if status != 200:
                print(f"Datasette answers {status} to {path}", flush=True)
        loads.append(os.getloadavg())
        results["theirs"] = pages_load.load(
            theirs_port, theirs_pages, "/-/static/app.css", args.clients, args.seconds
        )
        loads.append(os.getloadavg())
    finally:
        pages_load.stop(datasette)

    cache = "without page cache" if args.no_cache else "page cache on"
    print(
        f"\n{visits:,} visits; {args.clients} clients, {args.seconds:.0f}s each; "
        f"ours: gunicorn {args.workers} x {args.threads} threads, {cache}; "
        f"Datasette {DATASETTE_VERSION}, SQLite immutable, FTS5, every facet"
    )
    print(
        "load average (1 min) before ours, before Datasette, after: "
        + ", ".join(f"{load[0]:.2f}" for load in loads)
        + " (2 cores, shared with other work)"
    )
    print(f"{'':44}{'median ms':>10}{'p95 ms':>9}{'pages/s':>9}{'css med':>10}{'css p95':>9}")
    print(row("our list pages (stylesheet beside)", results["ours"][0], args.seconds))
    print(row("Datasette, same pages and facets", results["theirs"][0], args.seconds))
    for name in ("ours", "theirs"):
        errors = results[name][2]
        print(f"errors, {name}: {len(errors)}")
        for line in errors[:5]:
            print("  " + line)


if __name__ == "__main__":
    main()
