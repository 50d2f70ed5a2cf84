"""Print articles per second and words per second for the extraction pipeline alone, on one core.

    .venv/bin/python bench/extraction_speed.py [--rounds N] [--big-kb 1000]

Input: the seed articles plus synthetic articles built from sentences written here; then
words per second for each language read (synthetic articles in that language), and the
time per word of one 2 KB and one 1 MB article (the cost must be linear in the length).
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
# One sentence pool per language besides English and Vietnamese, written for this bench.
SENTENCES_OTHER = {
    "fr": [
        "Le Premier ministre {a} s'est entretenu avec son homologue {b} à {c} le {n} mars.",
        "Les deux dirigeants ont rehaussé leurs liens au rang de partenariat stratégique.",
        "Le président {a} a reçu le ministre des Affaires étrangères {b} le {n} mai.",
        "Les deux parties ont signé {n} documents de coopération dans l'énergie et l'éducation.",
    ],
    "es": [
        "El primer ministro {a} sostuvo conversaciones con su homólogo {b} en {c} el {n} de marzo.",
        "Ambos mandatarios acordaron elevar la relación a una asociación estratégica.",
        "El presidente {a} recibió al canciller {b} el {n} de mayo.",
        "Las dos partes firmaron {n} acuerdos de cooperación en energía y educación.",
    ],
    "pt": [
        "O primeiro-ministro {a} reuniu-se com o seu homólogo {b} em {c} no dia {n} de março.",
        "Os dois líderes decidiram elevar a relação a uma parceria estratégica.",
        "O presidente {a} recebeu o ministro {b} no dia {n} de maio.",
        "As duas partes assinaram {n} acordos de cooperação em energia e educação.",
    ],
    "id": [
        "Perdana Menteri {a} bertemu dengan mitranya {b} di {c} pada {n} Maret.",
        "Kedua pemimpin sepakat meningkatkan hubungan menjadi kemitraan strategis.",
        "Presiden {a} menerima Menteri Luar Negeri {b} pada {n} Mei.",
        "Kedua pihak menandatangani {n} nota kesepahaman di bidang energi dan pendidikan.",
    ],
    "de": [
        "Premierminister {a} traf am {n}. März in {c} seinen Amtskollegen {b}.",
        "Beide vereinbarten, die Beziehungen zu einer strategischen Partnerschaft aufzuwerten.",
        "Präsident {a} empfing am {n}. Mai den Außenminister {b}.",
        "Beide Seiten unterzeichneten {n} Abkommen über Energie und Bildung.",
    ],
}
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


def in_language(rng: random.Random, language: str, n: int) -> list[dict]:
    """Synthetic articles in one of SENTENCES_OTHER's languages."""
    out = []
    for _ in range(n):
        lines = []
        for _ in range(rng.randint(8, 20)):
            d, b = rng.choice(FOREIGN)
            lines.append(
                rng.choice(SENTENCES_OTHER[language]).format(
                    a=rng.choice(NAMES), b=b, c="Hanoi", d=d, n=rng.randint(2, 28)
                )
            )
        out.append({"text": "\n\n".join(lines), "date": "2025-03-29", "language": language})
    return out


def long_article(rng: random.Random, size: int) -> str:
    """About `size` characters of English paragraphs, none repeated (a repeated line is cut
    as boilerplate), so every word is read."""
    lines, total, k = [], 0, 0
    while total < size:
        d, b = rng.choice(FOREIGN)
        k += 1
        line = rng.choice(SENTENCES_EN).format(
            a=rng.choice(NAMES), b=b, c="Hanoi", d=d, n=rng.randint(2, 28)
        )
        line = f"{line} It was item {k} of the day's programme."
        lines.append(line)
        total += len(line) + 2
    return "\n\n".join(lines)


def _words_per_second(extractor, docs, rounds: int) -> tuple[int, float]:
    words = sum(len(d.body.split()) for d in docs)
    best = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        for d in docs:
            extractor.extract(d)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return words, words / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--synthetic", type=int, default=200)
    ap.add_argument("--per-language", type=int, default=60, help="articles per language")
    ap.add_argument("--big-kb", type=int, default=1000, help="size of the long article")
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

    rng = random.Random(11)
    print("\nwords per second by language (synthetic articles):")
    by_language = {
        "en": [d for d in docs if d.language == "en"],
        "vi": [d for d in docs if d.language == "vi"],
    }
    for language in SENTENCES_OTHER:
        by_language[language] = [
            _with_language(read_json_object(o, name=f"{language}{i}"), language)
            for i, o in enumerate(in_language(rng, language, args.per_language))
        ]
    for language, group in by_language.items():
        if group:
            extractor.extract(group[0])  # the language's pipeline is built on first use
            n_words, rate = _words_per_second(extractor, group, args.rounds)
            print(f"  {language}: {len(group)} articles, {n_words} words, {rate:.0f} words/s")

    print("\ncost per word, short and long article:")
    per_word = {}
    for label, size in (("2 KB", 2_000), (f"{args.big_kb} KB", args.big_kb * 1000)):
        doc = read_json_object({"text": long_article(rng, size), "date": "2025-03-29"}, name=label)
        n_words = len(doc.body.split())
        t0 = time.perf_counter()
        extractor.extract(doc)
        elapsed = time.perf_counter() - t0
        per_word[label] = elapsed / n_words
        print(
            f"  {label}: {n_words} words in {elapsed:.2f} s, {1e6 * elapsed / n_words:.1f} µs/word"
        )
    short, long = per_word.values()
    print(f"  long/short time per word: {long / short:.2f}")


def _with_language(doc, language: str):
    """The document read as `language` (a JSON `language` field, where the reader takes one)."""
    from dataclasses import replace

    return replace(doc, language=language)


if __name__ == "__main__":
    main()
