"""The extraction pipeline alone over a folder of .txt articles (one process, no database).

    .venv/bin/python bench/pipeline_only.py FOLDER

Prints articles per second; used by bench/ingest_corpus.py as the yardstick.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from visits.extraction import Extractor, load_gazetteer, read_text  # noqa: E402


def main() -> int:
    folder = Path(sys.argv[1])
    data = ROOT / "visits" / "data"
    gazetteer = load_gazetteer(data / "countries.csv", data / "leaders.csv")
    extractor = Extractor(gazetteer)
    paths = sorted(folder.rglob("*.txt"))
    t0 = time.perf_counter()
    records = 0
    for path in paths:
        result = extractor.extract(read_text(path.read_text(encoding="utf-8"), name=path.name))
        records += len(result.visits) + len(result.meetings) + len(result.agreements)
    elapsed = time.perf_counter() - t0
    print(
        f"{len(paths)} articles in {elapsed:.1f} s: {len(paths) / elapsed:.1f} articles/s, "
        f"{records} records"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
