"""The scorer of ../shared/eval on a fresh database after `ingest seeds/`."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    not (EVAL / "score.py").exists(), reason="../shared/eval is not beside the repo"
)
def test_seed_score_is_perfect_on_every_record_type_and_field(tmp_path):
    call_command("ingest", str(ROOT / "seeds"), stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    records = tmp_path / "records.json"
    records.write_text(out.getvalue(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(EVAL / "seeds-gold.json"), str(records)],
        capture_output=True,
        text=True,
        check=True,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last == (
        "score: visits F1 1.00 · meetings F1 1.00 · agreements F1 1.00 · fields 1.00 · overall 1.00"
    ), result.stdout
    assert "duplicates 0" in result.stdout
    assert json.loads(out.getvalue())["visits"]
