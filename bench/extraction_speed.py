"""Print articles per second and words per second for the extraction pipeline alone, on one core.

    .venv/bin/python bench/extraction_speed.py [--rounds N]

Input: the seed articles plus synthetic articles built from sentences written here.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from visits.extraction import Extractor, load_gazetteer, read_json_object, read_text  # noqa: E402

SENTENCES_EN = [
    "Prime Minister {a} held talks with his {d} counterpart {b} in {c} on March {n}.",
    "The two leaders agreed to upgrade bilateral ties to a comprehensive strategic partnership.",
    "President {a} received visiting {d} Foreign Minister {b} on the afternoon of May {n}.",
    "Both sides signed {n} cooperation documents on trade, energy and education.",
    "They also discussed regional issues of shared concern, including the East Sea.",
    "{a} said the visit would open a new chapter in the relationship between the two countries.",
]
SENTENCES_VI = [
    "Chiều {n}/3, tại Hà Nội, Thủ tướng {a} hội đàm với Thủ tướng {d} {b}.",
    "Hai bên nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện.",
    "Sáng {n}/5, Chủ tịch nước {a} tiếp Bộ trưởng Ngoại giao {d} {b}.",
    "Hai nhà lãnh đạo chứng kiến lễ trao {n} văn kiện hợp tác.",
    "Hai bên trao đổi về tình hình khu vực và quốc tế cùng quan tâm.",
]
NAMES = ["Nguyen Van An", "Tran Thi Binh", "Le Minh Khoa", "Pham Quoc Dung", "Hoang Gia Huy"]
FOREIGN = [("Japanese", "Kenji Sato"), ("Thai", "Somchai Wongsa"), ("French", "Claire Dubois")]
FOREIGN_VI = [("Nhật Bản", "Kenji Sato"), ("Thái Lan", "Somchai Wongsa"), ("Pháp", "Claire Dubois")]


def synthetic(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        vi = i % 3 == 0
        pool = SENTENCES_VI if vi else SENTENCES_EN
        d, b = rng.choice(FOREIGN_VI if vi else FOREIGN)
        lines = [
            rng.choice(pool).format(a=rng.choice(NAMES), b=b, c="Hanoi", d=d, n=rng.randint(2, 28))
            for _ in range(rng.randint(8, 20))
        ]
        out.append({"text": "\n\n".join(lines), "date": "2025-03-29", "title": None, "url": None})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--synthetic", type=int, default=200)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    data = ROOT / "visits" / "data"
    gaz = load_gazetteer(data / "countries.csv", data / "leaders.csv")
    extractor = Extractor(gaz)
    seeds_dir = ROOT.parent / "shared" / "seeds"
    if not seeds_dir.exists():
        seeds_dir = ROOT / "seeds"
    docs = [
        read_text(p.read_text(encoding="utf-8"), name=p.name)
        for p in sorted(seeds_dir.glob("*.txt"))
    ]
    docs += [
        read_json_object(o, name=f"syn{i}")
        for i, o in enumerate(synthetic(random.Random(7), args.synthetic))
    ]
    t0 = time.perf_counter()
    extractor.extract(docs[0])
    extractor.extract(docs[1])
    warmup = time.perf_counter() - t0
    words = sum(len(d.body.split()) for d in docs)
    best = None
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for d in docs:
            extractor.extract(d)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    print(f"pipeline build + first two articles: {warmup:.2f} s")
    print(
        f"articles: {len(docs)} ({len(docs) - args.synthetic} seeds, "
        f"{args.synthetic} synthetic), words: {words}"
    )
    print(f"articles per second: {len(docs) / best:.1f}")
    print(f"words per second: {words / best:.0f}")


if __name__ == "__main__":
    main()
