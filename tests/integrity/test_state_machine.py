"""Issue 9's proof: random sequences of ingests, file moves, .jsonl edits, editors'
corrections, deletions and merges, `--reextract` and `load_reference`, with the
record's invariants checked after every step (see machine.py).

CI runs it derandomised (a fixed seed) with INTEGRITY_EXAMPLES examples of up to
INTEGRITY_STEPS steps (8 and 8 by default); run more locally, for instance
INTEGRITY_EXAMPLES=200 INTEGRITY_STEPS=20.
"""

import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.integrity.machine import RecordIntegrity

EXAMPLES = int(os.environ.get("INTEGRITY_EXAMPLES", 8))
STEPS = int(os.environ.get("INTEGRITY_STEPS", 8))


@pytest.mark.django_db
def test_the_record_keeps_its_integrity_under_any_sequence():
    run_state_machine_as_test(
        RecordIntegrity,
        settings=settings(
            derandomize=True,
            database=None,
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
