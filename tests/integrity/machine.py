"""The record-integrity state machine: random sequences of what operators and editors
do, with the record's invariants checked after every step (issue 9, "How to prove it").

Each example starts from the database as the migrations leave it (a savepoint taken
in __init__ and rolled back in teardown: ingest's per-article transactions nest
inside it) and an empty folder of its own.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.db import transaction
from hypothesis import note as hypothesis_note
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from tests.integrity import world
from visits import models

INDEX = st.integers(min_value=0, max_value=7)  # which record; taken modulo how many there are


def note(text: str) -> None:
    """Hypothesis prints notes with a failing sequence; the plain tests have none."""
    try:
        hypothesis_note(text)
    except InvalidArgument:  # outside a Hypothesis run (test_found_sequences.py)
        pass


class RecordIntegrity(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="integrity-"))
        self.folder = world.Folder(root=self.root)
        self.savepoint = transaction.savepoint()
        # (model, pk, field) -> the editor's correction, the latest one
        self.corrections: dict[tuple, world.Correction] = {}
        self.deleted: set[tuple] = set()  # (model, article id, description) an editor deleted
        self.deletions: dict[int, set[tuple]] = {}  # EditorAction pk -> what it deleted
        self.edited = False  # an editor has worked: the record is no longer the articles' alone
        self.seen: dict[frozenset, tuple] = {}  # stored articles -> the record they gave

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)
        shutil.rmtree(self.root, ignore_errors=True)

    # --- Operators: files and commands -------------------------------------------

    @initialize(articles=st.sets(st.sampled_from(world.ARTICLES)))
    def ingest_some(self, articles):
        """Start from some of the articles (first versions), ingested together."""
        for article in sorted(articles):
            self.folder.write(article=article, version=1)
        if articles:
            self.folder.ingest()

    @rule(article=st.sampled_from(world.ARTICLES), version=st.sampled_from(world.VERSIONS))
    def ingest_version(self, article, version):
        """Write a version of one article into the folder and ingest the folder."""
        self.folder.write(article=article, version=version)
        self.folder.ingest()

    @precondition(lambda self: self.folder.versions)
    @rule(which=INDEX)
    def change_article(self, which):
        """Write the other version of an article already in the folder; ingest."""
        articles = sorted(self.folder.versions)
        article = articles[which % len(articles)]
        self.folder.write(article=article, version=3 - self.folder.versions[article])
        note(f"{article} is now version {self.folder.versions[article]}")
        self.folder.ingest()

    @precondition(lambda self: self.folder.versions)
    @rule(which=INDEX)
    def change_and_restore(self, which):
        """Change an article, ingest, put it back as it was, ingest again."""
        articles = sorted(self.folder.versions)
        article = articles[which % len(articles)]
        version = self.folder.versions[article]
        note(f"{article}: version {3 - version}, then {version} again")
        self.folder.write(article=article, version=3 - version)
        self.folder.ingest()
        self.folder.write(article=article, version=version)
        self.folder.ingest()

    @precondition(lambda self: self.folder.paths)
    @rule(which=INDEX, name=st.sampled_from(world.FILE_NAMES))
    def move_file(self, which, name):
        """Move or rename one file, unchanged, and ingest the folder."""
        articles = sorted(self.folder.paths)
        article = articles[which % len(articles)]
        if self.folder.move(article=article, name=name):
            note(f"moved {article} to {name}")
            self.folder.ingest()

    @precondition(lambda self: self.folder.jsonl)
    @rule(above=st.integers(min_value=0, max_value=3), blank=st.booleans())
    def insert_jsonl_line(self, above, blank):
        """Insert a blank line or another article above a line of the .jsonl; ingest."""
        self.folder.insert_line(above=above, blank=blank)
        self.folder.ingest()

    @rule()
    def reextract(self):
        """`ingest --reextract`, which must change nothing."""
        world.check_reextract_changes_nothing()

    @precondition(lambda self: self.folder.versions)
    @rule()
    def ingest_again(self):
        """Ingest the folder as it is again, which must change nothing."""
        world.check_ingest_again_changes_nothing(self.folder)

    @rule()
    def load_reference(self):
        world.quiet("load_reference")

    # --- Editors, through the admin's editing services ------------------------------

    @rule(
        key=st.sampled_from(sorted(world.CORRECTIONS, key=lambda k: (k[0].__name__, k[1]))),
        which=INDEX,
    )
    def correct_field(self, key, which):
        model, name = key
        if model is models.Leader:
            pks = world.leaders_in_records()
        else:
            pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        if not pks:
            return
        pk = pks[which % len(pks)]
        correction = world.record_correct(model=model, pk=pk, field=name)
        note(f"corrected {model.__name__} {pk}: {name}={correction.value!r}")
        self.corrections[(model, pk, name)] = correction
        self.edited = True

    @rule(model=st.sampled_from(world.EVIDENCED), which=INDEX)
    def delete_record(self, model, which):
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        if not pks:
            return
        pk = pks[which % len(pks)]
        note(f"deleted {model.__name__} {pk}")
        gone = world.deleted_record(model=model, pk=pk)
        world.record_delete(model=model, pk=pk)
        self.deletions[models.EditorAction.objects.latest("pk").pk] = gone
        self.deleted |= gone
        self.edited = True

    @precondition(lambda self: models.EditorAction.objects.filter(undone_at=None).exists())
    @rule(which=INDEX)
    def undo_action(self, which):
        """Undo one of the deletions and merges from the admin: afterwards ingest treats
        the record as if the deletion or merge had never happened."""
        pks = world.open_actions()
        pk = pks[which % len(pks)]
        done = world.action_undo(pk=pk)
        note(f"undid editor action {pk}" if done else f"undo of editor action {pk} refused")
        if done and pk in self.deletions:
            self.deletions.pop(pk)
            self.deleted = set().union(*self.deletions.values())

    @precondition(lambda self: models.Visit.objects.count() >= 2)
    @rule(a=INDEX, b=INDEX)
    def merge_visits(self, a, b):
        pks = list(models.Visit.objects.order_by("pk").values_list("pk", flat=True))
        into = pks[a % len(pks)]
        other = pks[(a + 1 + b % (len(pks) - 1)) % len(pks)]
        note(f"merged visit {other} into {into}")
        world.visits_merge(into=into, other=other)
        self.edited = True

    @precondition(lambda self: len(world.leaders_in_records()) >= 2)
    @rule(a=INDEX, b=INDEX)
    def merge_leaders(self, a, b):
        pks = world.leaders_in_records()
        into = pks[a % len(pks)]
        other = pks[(a + 1 + b % (len(pks) - 1)) % len(pks)]
        note(f"merged leader {other} into {into}")
        world.leaders_merge(into=into, other=other)
        self.edited = True

    # --- Invariants, after every step ------------------------------------------------

    @invariant()
    def corrected_fields_keep_the_editors_values(self):
        world.check_corrections(list(self.corrections.values()))

    @invariant()
    def no_deleted_record_is_back(self):
        world.check_no_suppressed_record_back()
        world.check_deleted_stay_deleted(self.deleted)

    @invariant()
    def every_record_has_evidence(self):
        world.check_evidence()

    @invariant()
    def no_two_articles_share_an_identity(self):
        world.check_identities()

    @invariant()
    def the_same_articles_give_the_same_record(self):
        """Until an editor works, the record is a function of the stored articles: the
        second time this example stores the same articles, it holds the same rows."""
        if self.edited:
            return
        state, now = world.articles_state(), world.snapshot()
        before = self.seen.setdefault(state, now)
        assert before == now, (
            "the same stored articles gave another record than before:\n"
            + world.describe_difference(before, now)
        )

    def check(self):
        """All the invariants, for the sequences kept as plain tests."""
        self.corrected_fields_keep_the_editors_values()
        self.no_deleted_record_is_back()
        self.every_record_has_evidence()
        self.no_two_articles_share_an_identity()
        self.the_same_articles_give_the_same_record()
