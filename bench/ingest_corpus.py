"""Ingest benchmark: a generated corpus into a scratch PostgreSQL database.

    .venv/bin/python bench/ingest_corpus.py [--articles 10000] [--workers 1]

Writes a corpus of synthetic articles (our own words: varied leaders,
countries, phrasings, both languages, several reports of one visit) under
bench/out/corpus, then prints articles per second for
  1. the spaCy pipeline alone on the same articles (one process),
  2. a full ingest into a fresh database,
  3. a re-ingest of the unchanged corpus,
and the peak resident memory of each step, measured at 25%, 50% and 100% of
the corpus to show whether memory grows with it.

With --prefill N, every ingest starts from a database already holding N visits and
their meetings, agreements and evidence (bench/pages_load.py's bulk fill, kept in a
template database and copied for each step): a cost that grows with what is stored
(a query that scans a table) shows there and not on an empty database.

    .venv/bin/python bench/ingest_corpus.py --articles 2000 --prefill 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

# (name, country code, office in English, office in Vietnamese)
LEADERS = [
    ("Pham Minh Chinh", "VN", "Prime Minister", "Thủ tướng"),
    ("To Lam", "VN", "General Secretary", "Tổng Bí thư"),
    ("Luong Cuong", "VN", "President", "Chủ tịch nước"),
    ("Tran Thanh Man", "VN", "National Assembly Chairman", "Chủ tịch Quốc hội"),
    ("Anwar Ibrahim", "MY", "Prime Minister", "Thủ tướng"),
    ("Lawrence Wong", "SG", "Prime Minister", "Thủ tướng"),
    ("Prabowo Subianto", "ID", "President", "Tổng thống"),
    ("Hun Manet", "KH", "Prime Minister", "Thủ tướng"),
    ("Sonexay Siphandone", "LA", "Prime Minister", "Thủ tướng"),
    ("Anthony Albanese", "AU", "Prime Minister", "Thủ tướng"),
    ("Emmanuel Macron", "FR", "President", "Tổng thống"),
    ("Narendra Modi", "IN", "Prime Minister", "Thủ tướng"),
    ("Kassym-Jomart Tokayev", "KZ", "President", "Tổng thống"),
    ("Christopher Luxon", "NZ", "Prime Minister", "Thủ tướng"),
]
COUNTRY = {
    "VN": ("Viet Nam", "Việt Nam", "Hanoi", "Hà Nội"),
    "MY": ("Malaysia", "Malaysia", "Kuala Lumpur", "Kuala Lumpur"),
    "SG": ("Singapore", "Singapore", "Singapore", "Singapore"),
    "ID": ("Indonesia", "Indonesia", "Jakarta", "Jakarta"),
    "KH": ("Cambodia", "Campuchia", "Phnom Penh", "Phnom Penh"),
    "LA": ("Laos", "Lào", "Vientiane", "Viêng Chăn"),
    "AU": ("Australia", "Australia", "Canberra", "Canberra"),
    "FR": ("France", "Pháp", "Paris", "Paris"),
    "IN": ("India", "Ấn Độ", "New Delhi", "New Delhi"),
    "KZ": ("Kazakhstan", "Kazakhstan", "Astana", "Astana"),
    "NZ": ("New Zealand", "New Zealand", "Wellington", "Wellington"),
}
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
FILLER_EN = [
    "The two sides reviewed cooperation in trade, investment, education and tourism.",
    "They agreed to raise two-way trade and to open more direct flights.",
    "Both leaders stressed the importance of peace and stability in the region.",
    "The guest thanked the hosts for the warm welcome given to the delegation.",
    "Officials from both ministries will meet again later this year to follow up.",
]
FILLER_VI = [
    "Hai bên đánh giá cao kết quả hợp tác trong các lĩnh vực thương mại, đầu tư và giáo dục.",
    "Hai nhà lãnh đạo nhất trí tăng cường trao đổi đoàn các cấp.",
    "Hai bên nhấn mạnh tầm quan trọng của hòa bình và ổn định trong khu vực.",
    "Khách cảm ơn sự đón tiếp nồng hậu dành cho đoàn.",
]


def article_en(rng, guest, host, day, kind, report):
    g_name, g_code, g_office, _ = guest
    h_name, h_code, h_office, _ = host
    country, _, city, _ = COUNTRY[h_code]
    when = f"{MONTHS[day.month - 1]} {day.day}"
    openers = [
        f"{g_office} {g_name} held talks with {h_office} {h_name} in {city} on {when}, "
        f"during his {kind} visit to {country}.",
        f"On {when}, {g_office} {g_name} met with {h_office} {h_name} in {city} as part of "
        f"his {kind} visit to {country}.",
        f"{h_office} {h_name} received {g_office} {g_name}, who is on an {kind} visit to "
        f"{country}, in {city} on {when}.",
    ]
    body = [openers[report % len(openers)]] + rng.sample(FILLER_EN, 3)
    return f" date {day.isoformat()}\n{g_name} visits {country}\n\n" + "\n\n".join(body) + "\n"


def article_vi(rng, guest, host, day, kind, report):
    g_name, g_code, _, g_office = guest
    h_name, h_code, _, h_office = host
    _, country, _, city = COUNTRY[h_code]
    kind_vi = {"official": "chính thức", "state": "cấp nhà nước", "working": "làm việc"}[kind]
    when = f"{day.day}/{day.month}"
    body = [
        f"Ngày {when}, tại {city}, {g_office} {g_name} đã hội đàm với {h_office} {h_name} "
        f"trong khuôn khổ chuyến thăm {kind_vi} {country}.",
        *rng.sample(FILLER_VI, 2),
    ]
    return f" date {day.isoformat()}\n{g_name} thăm {country}\n\n" + "\n\n".join(body) + "\n"


def corpus_write(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    # Written anew: the pipeline's yardstick reads the whole folder, so what an earlier,
    # larger run left there would be counted against this run's articles.
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = []
    start = dt.date(2023, 1, 1)
    n = 0
    while n < count:
        guest, host = rng.sample(LEADERS, 2)
        if guest[1] == host[1]:
            continue
        day = start + dt.timedelta(days=rng.randrange(0, 1000))
        kind = rng.choice(["official", "state", "working"])
        for report in range(rng.choice([1, 1, 2, 3])):  # several reports of one visit
            if n >= count:
                break
            vi = rng.random() < 0.35
            text = (article_vi if vi else article_en)(rng, guest, host, day, kind, report)
            path = folder / f"{n // 1000:03d}" / f"a{n:06d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            n += 1
    return paths


def timed(cmd: list[str], env: dict) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    # A fresh child each time: ru_maxrss of children is the largest so far, so
    # each step runs in its own process and reports its own peak.
    wrapper = [
        sys.executable,
        "-c",
        "import resource,subprocess,sys;"
        "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "print(r.stdout[-600:]);print(r.stderr[-600:],file=sys.stderr)",
        *cmd,
    ]
    result = subprocess.run(wrapper, env=env, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    lines = result.stdout.splitlines()
    return elapsed, int(lines[0]) / 1024 if lines else 0.0, result.stdout + result.stderr


def _load() -> str:
    """The load averages (1, 5, 15 minutes): other work on the machine moves every figure."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _database_fresh(admin: str, name: str, template: str | None) -> None:
    """Drop and create the bench database, empty or as a copy of the template."""
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{copy}')


def _prefill_template(admin: str, template: str, count: int) -> None:
    """The template database with `count` visits, filled once (kept between runs: drop
    it to fill again, as after a new migration)."""
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if found.fetchone():
            print(f"  prefilled database {template} reused")
            return
    print(f"  filling {template} with {count:,} visits (once)")
    script = (
        "import sys; sys.path.insert(0, 'bench'); import pages_load\n"
        f"pages_load.configure({template!r}); pages_load.recreate_database({template!r})\n"
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        f"pages_load.fill({count}); pages_load.vacuum()\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database", default="diplomacy_bench")
    parser.add_argument(
        "--prefill", type=int, default=0, help="visits stored before each ingest (0: none)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure the pipeline, the full ingest and the re-ingest this many times, "
        "one after the other, and give the median ratios (the machine's speed drifts)",
    )
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/diplomacy")
    url = base.rsplit("/", 1)[0] + "/" + args.database
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_HTTPS": "0"}
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
    py = sys.executable

    print(f"corpus: {args.articles} articles")
    paths = corpus_write(OUT / "corpus", args.articles)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"  {words:,} words")

    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    template = f"{args.database}_prefill{args.prefill}" if args.prefill else None
    if template:
        _prefill_template(admin, template, args.prefill)
    _database_fresh(admin, args.database, template)
    subprocess.run([py, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)

    elapsed, mem, out = timed([py, "bench/pipeline_only.py", str(OUT / "corpus")], env)
    print(
        f"pipeline alone:  {args.articles / elapsed:8.1f} articles/s   peak {mem:7.1f} MB"
        f"   load {_load()}"
    )
    pipeline = elapsed

    for share in (0.25, 0.5, 1.0):
        subset = OUT / f"part{int(share * 100)}"
        if subset.exists():
            subprocess.run(["rm", "-rf", str(subset)], check=True)
        subset.mkdir(parents=True)
        for p in paths[: int(len(paths) * share)]:
            target = subset / p.parent.name
            target.mkdir(exist_ok=True)
            os.link(p, target / p.name)

    def empty() -> None:
        """The bench database as before any ingest (the template's copy, or emptied)."""
        if template:
            _database_fresh(admin, args.database, template)
            subprocess.run([py, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
            return
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "TRUNCATE visits_evidence, visits_participation, visits_meeting, "
                "visits_agreement_parties, visits_agreement, visits_visit, visits_article, "
                "visits_suppression CASCADE"
            )
            conn.execute("DELETE FROM visits_leader WHERE NOT known")

    def ingest_cmd(folder: Path) -> list[str]:
        return [py, "manage.py", "ingest", str(folder), "--workers", str(args.workers)]

    ingest = ingest_cmd(OUT / "part100")
    results = {}
    for share in (0.25, 0.5, 1.0):
        empty()
        folder = OUT / f"part{int(share * 100)}"
        n = int(len(paths) * share)
        elapsed, mem, out = timed(ingest_cmd(folder), env)
        results[share] = (n, elapsed, mem)
        print(
            f"full ingest {int(share * 100):3d}%: {n / elapsed:8.1f} articles/s"
            f"   peak {mem:7.1f} MB   load {_load()}"
        )
    n, full, _ = results[1.0]
    again, mem, out = timed(ingest, env)
    print(f"re-ingest:       {n / again:8.1f} articles/s   peak {mem:7.1f} MB   load {_load()}")
    print(f"full ingest / pipeline alone: {full / pipeline:.2f}x   load {_load()}")
    print(f"re-ingest / full ingest:      {again / full:.3f}x   load {_load()}")
    print("last ingest summary:", _summary(out))
    ratios = [(full / pipeline, again / full)]
    for r in range(2, args.rounds + 1):
        pipeline, _, _ = timed([py, "bench/pipeline_only.py", str(OUT / "corpus")], env)
        empty()
        full, _, _ = timed(ingest, env)
        again, _, _ = timed(ingest, env)
        ratios.append((full / pipeline, again / full))
        print(
            f"round {r}: pipeline {n / pipeline:.1f}, full {n / full:.1f}, re-ingest "
            f"{n / again:.1f} articles/s: {full / pipeline:.2f}x, {again / full:.3f}x"
            f"   load {_load()}"
        )
    if len(ratios) > 1:
        print(
            f"median of {len(ratios)} rounds: full ingest / pipeline alone "
            f"{statistics.median(f for f, _ in ratios):.2f}x, re-ingest / full ingest "
            f"{statistics.median(a for _, a in ratios):.3f}x"
        )
    return 0


def _summary(out: str) -> str:
    """The ingest's own last line ("Total: ..."), not its progress lines."""
    lines = [line for line in out.splitlines() if line.startswith("Total:")]
    return lines[-1] if lines else " ".join(out.split()[-40:])


if __name__ == "__main__":
    sys.exit(main())
