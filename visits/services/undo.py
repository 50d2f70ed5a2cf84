"""Undoing editors' deletions and merges: what each kept (an EditorAction's snapshot), and
putting it back so that a later ingest behaves as if the action had never happened.

A deletion keeps the record, its evidence (and a meeting's participants, a visit's
meetings and agreements, a leader's offices, visits and meetings) and the suppressions
it made; its undo puts the record back under its own id, lifts those suppressions and,
for an article that changed since, reads it again. A merge keeps the record merged
away, what moved and the redirect it made; its undo moves back what is still where
the merge put it, gives the kept record back the values the merge gave it unless an
editor changed them since, and removes the redirect.
"""

from __future__ import annotations

import json

from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from visits.models import (
    Agreement,
    EditorAction,
    Evidence,
    Leader,
    Meeting,
    MergedAway,
    Office,
    Participation,
    Suppression,
    Visit,
)
from visits.services.claims import records_recompute

MODELS = {"visit": Visit, "meeting": Meeting, "agreement": Agreement, "leader": Leader}
# What a merge may change on the record it keeps (visit_merge, leader_merge).
MERGED_FIELDS = {
    "visit": [
        "cities",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "year_settled",
        "visitor_leader",
        "invited_by",
        "kind",
        "confidence",
    ],
    "leader": ["aliases", "honorific", "known", "country"],
}
REASON_MAX = 100  # the history's change-reason column

UNDONE_ALREADY = "This {action} was undone already."
UNDO_GONE = "The {model} it {verb} (#{pk}) is gone: undo {later} first."
UNDO_TAKEN = "A {model} #{pk} exists again; nothing to restore."
UNDO_CLASH = "Another {model} now holds what #{pk} held ({error}): merge or rename it first."
UNDO_UNTOLD = "The articles the {model} was read from are gone: nothing would tell it any more."


class UndoRefused(Exception):
    """An undo that cannot be made now; the message says why, in words."""


def history_reason(reason: str) -> str:
    """The reason as the history's column holds it (its first 100 characters)."""
    reason = " ".join(reason.split())
    return reason if len(reason) <= REASON_MAX else reason[: REASON_MAX - 1] + "…"


def model_name(record: models.Model) -> str | None:
    """The EditorAction model name of `record`, or None when its deletions are not kept."""
    return next((name for name, m in MODELS.items() if isinstance(record, m)), None)


def _dump(objs) -> list[dict]:
    return json.loads(serializers.serialize("json", list(objs)))


def _load(rows: list[dict]):
    return list(serializers.deserialize("json", json.dumps(rows)))


def _fields(record: models.Model, names: list[str]) -> dict:
    """`names` of `record` as the serializer writes them (comparable, JSON-safe)."""
    fields = _dump([record])[0]["fields"]
    return {name: fields.get(name) for name in names}


def _leader_now(pk: int | None) -> int | None:
    """The leader `pk` is today: itself, the one it was merged into, or none."""
    if pk is None:
        return None
    moved = MergedAway.objects.filter(kind=MergedAway.Kind.LEADER, old_id=pk)
    pk = moved.values_list("new_id", flat=True).first() or pk
    return pk if Leader.objects.filter(pk=pk).exists() else None


def _visit_now(pk: int | None) -> int | None:
    if pk is None:
        return None
    moved = MergedAway.objects.filter(kind=MergedAway.Kind.VISIT, old_id=pk)
    pk = moved.values_list("new_id", flat=True).first() or pk
    return pk if Visit.objects.filter(pk=pk).exists() else None


# --- What an action keeps ---------------------------------------------------------


def deletion_snapshot(*, record: models.Model, suppressions: list[tuple[int, str]]) -> dict:
    """What `deletion_undo` needs of `record`, taken before it is deleted."""
    snapshot: dict = {"record": _dump([record])[0], "suppressions": [list(s) for s in suppressions]}
    if isinstance(record, (Visit, Meeting, Agreement)):
        evidence = list(record.evidence.select_related("article"))
        snapshot["evidence"] = _dump(evidence)
        snapshot["articles"] = {
            str(e.article_id): [e.article.content_hash, e.article.extractor_version]
            for e in evidence
        }
    if isinstance(record, Meeting):
        snapshot["participations"] = _dump(Participation.objects.filter(meeting=record))
    if isinstance(record, Visit):
        snapshot["meetings"] = list(record.meetings.values_list("pk", flat=True))
        snapshot["agreements"] = list(record.agreements.values_list("pk", flat=True))
    if isinstance(record, Leader):
        snapshot["participations"] = _dump(Participation.objects.filter(leader=record))
        snapshot["offices"] = _dump(Office.objects.filter(leader=record))
        snapshot["visits"] = list(record.visits.values_list("pk", flat=True))
    return snapshot


def merge_snapshot(*, into: models.Model, other: models.Model) -> dict:
    """What `merge_undo` needs, taken before `other` is merged into `into`."""
    name = model_name(into)
    snapshot: dict = {
        "record": _dump([other])[0],
        "into_before": _fields(into, MERGED_FIELDS[name]),
        "redirects": list(
            MergedAway.objects.filter(kind=name, new_id=other.pk).values_list("pk", flat=True)
        ),
    }
    if isinstance(other, Visit):
        snapshot["evidence_keys"] = [
            list(k) for k in other.evidence.values_list("article_id", "record_key")
        ]
        snapshot["meetings"] = list(other.meetings.values_list("pk", flat=True))
        snapshot["agreements"] = list(other.agreements.values_list("pk", flat=True))
    else:
        snapshot["participations"] = _dump(Participation.objects.filter(leader=other))
        snapshot["offices"] = _dump(Office.objects.filter(leader=other))
        snapshot["visits"] = list(other.visits.values_list("pk", flat=True))
    return snapshot


def action_record(
    *,
    kind: str,
    record: models.Model,
    snapshot: dict,
    into: models.Model | None = None,
    reason: str = "",
    user=None,
) -> EditorAction:
    """Store a deletion or a merge an editor made, so that it can be undone."""
    return EditorAction.objects.create(
        kind=kind,
        model=model_name(record),
        record_id=record.pk,
        into_id=into.pk if into is not None else None,
        label=str(record)[:300],
        reason=reason.strip(),
        user=user if getattr(user, "pk", None) else None,
        snapshot=snapshot,
    )


def merge_finish(*, action: EditorAction, into: models.Model) -> None:
    """Note what the merge left on the record kept, to tell an editor's later change."""
    into.refresh_from_db()
    action.snapshot["into_after"] = _fields(into, MERGED_FIELDS[action.model])
    action.save(update_fields=["snapshot"])


# --- Undo ---------------------------------------------------------------------------


def _restore(row: dict, *, reason: str, user) -> models.Model:
    """Save the record of a snapshot again under its own id, with a history row."""
    (loaded,) = _load([row])
    record = loaded.object
    if type(record)._base_manager.filter(pk=record.pk).exists():
        raise UndoRefused(UNDO_TAKEN.format(model=type(record)._meta.verbose_name, pk=record.pk))
    if isinstance(record, Visit):
        record.visitor_leader_id = _leader_now(record.visitor_leader_id)
    if isinstance(record, (Meeting, Agreement)):
        record.visit_id = _visit_now(record.visit_id)
    record._change_reason = reason
    record._history_user = user if getattr(user, "pk", None) else None
    try:
        with transaction.atomic():
            record.save(force_insert=True)
    except IntegrityError as error:
        first = str(error).splitlines()[0][:120]
        name = type(record)._meta.verbose_name
        raise UndoRefused(UNDO_CLASH.format(model=name, pk=record.pk, error=first)) from None
    for name, ids in loaded.m2m_data.items():
        related = record._meta.get_field(name).related_model
        getattr(record, name).set(related.objects.filter(pk__in=ids))
    return record


def _restore_evidence(rows: list[dict]) -> None:
    keep = []
    for loaded in _load(rows):
        evidence = loaded.object
        if type(evidence).__name__ == "Evidence" and evidence.article_id:
            keep.append(evidence)
    from visits.models import Article

    there = set(Article.objects.filter(pk__in={e.article_id for e in keep}).values_list("pk"))
    there = {pk for (pk,) in there}
    Evidence.objects.bulk_create(
        [e for e in keep if e.article_id in there], ignore_conflicts=True, batch_size=500
    )


def _restore_participations(rows: list[dict], *, meeting=None, leader=None) -> None:
    for loaded in _load(rows):
        part = loaded.object
        meeting_id = meeting.pk if meeting else part.meeting_id
        leader_id = leader.pk if leader else _leader_now(part.leader_id)
        if leader_id is None or not Meeting.objects.filter(pk=meeting_id).exists():
            continue
        Participation.objects.get_or_create(
            meeting_id=meeting_id, leader_id=leader_id, defaults={"office": part.office}
        )


def _lift_suppressions(pairs: list[list]) -> None:
    for article_id, record_key in pairs:
        Suppression.objects.filter(article_id=article_id, record_key=record_key).delete()


def _changed_articles(snapshot: dict) -> set[int]:
    """Articles of the snapshot's evidence stored again since (another text or extractor)."""
    from visits.models import Article

    was = snapshot.get("articles") or {}
    now = Article.objects.filter(pk__in=[int(pk) for pk in was]).values_list(
        "pk", "content_hash", "extractor_version"
    )
    return {pk for pk, h, v in now if [h, v] != was[str(pk)]}


def _reextract(article_ids: set[int]) -> None:
    if article_ids:
        from visits.services.runner import ingest_reextract  # extraction, loaded on demand

        ingest_reextract(article_ids=article_ids)


def _check_open(action: EditorAction) -> None:
    if action.undone_at is not None:
        raise UndoRefused(UNDONE_ALREADY.format(action=action.get_kind_display()))


def _close(action: EditorAction, *, reason: str, user) -> None:
    action.undone_at = timezone.now()
    action.undone_by = user if getattr(user, "pk", None) else None
    action.undo_reason = reason.strip()
    action.save(update_fields=["undone_at", "undone_by", "undo_reason"])


def deletion_undo(*, action: EditorAction, reason: str = "", user=None) -> models.Model:
    """Put a deleted record back under its id, with its evidence, and lift the
    suppressions its deletion made: ingest then finds it again through its evidence."""
    _check_open(action)
    snapshot = action.snapshot
    why = history_reason(reason or "deletion undone")
    with transaction.atomic():
        record = _restore(snapshot["record"], reason=why, user=user)
        _restore_evidence(snapshot.get("evidence", []))
        if (
            isinstance(record, (Visit, Meeting, Agreement))
            and not record.evidence.exists()
            and not (record.corrected_fields or record.reviewed)
        ):
            raise UndoRefused(UNDO_UNTOLD.format(model=action.model))
        if isinstance(record, Meeting):
            _restore_participations(snapshot.get("participations", []), meeting=record)
        if isinstance(record, Visit):
            for model, key in ((Meeting, "meetings"), (Agreement, "agreements")):
                model.objects.filter(pk__in=snapshot.get(key, []), visit=None).update(visit=record)
        if isinstance(record, Leader):
            _restore_participations(snapshot.get("participations", []), leader=record)
            for loaded in _load(snapshot.get("offices", [])):
                office = loaded.object
                if not Office.objects.filter(pk=office.pk).exists():
                    office.save(force_insert=True)
            Visit.objects.filter(pk__in=snapshot.get("visits", []), visitor_leader=None).update(
                visitor_leader=record
            )
        _lift_suppressions(snapshot.get("suppressions", []))
        _close(action, reason=reason, user=user)
        _reextract(_changed_articles(snapshot))
    return record


def _live(action: EditorAction) -> models.Model:
    """The record a merge kept, as it is now; refused when it is gone."""
    model = MODELS[action.model]
    into = model.objects.filter(pk=action.into_id).first()
    if into is None:
        later = EditorAction.objects.filter(
            model=action.model, record_id=action.into_id, undone_at=None
        ).first()
        raise UndoRefused(
            UNDO_GONE.format(
                model=action.model,
                verb="was merged into",
                pk=action.into_id,
                later=f"its {later.get_kind_display()} (#{later.pk})" if later else "that",
            )
        )
    return into


def _give_back(into: models.Model, action: EditorAction) -> None:
    """The values the merge gave `into`, back to what they were, unless changed since."""
    before = action.snapshot.get("into_before", {})
    after = action.snapshot.get("into_after", {})
    now = _fields(into, list(before))
    for name, value in before.items():
        if name in after and now[name] == after[name] and value != after[name]:
            field = into._meta.get_field(name)
            setattr(into, field.attname, field.to_python(value))


def merge_undo(*, action: EditorAction, reason: str = "", user=None) -> models.Model:
    """Take back a merge: the record merged away returns under its id with what moved,
    the kept one loses what the merge gave it, and the redirect the merge made goes."""
    _check_open(action)
    snapshot = action.snapshot
    why = history_reason(reason or "merge undone")
    with transaction.atomic():
        into = _live(action)
        other = _restore(snapshot["record"], reason=why, user=user)
        MergedAway.objects.filter(kind=action.model, old_id=other.pk).delete()
        MergedAway.objects.filter(pk__in=snapshot.get("redirects", []), new_id=into.pk).update(
            new_id=other.pk
        )
        _give_back(into, action)
        into._change_reason = why
        into._history_user = other._history_user
        into.save()
        if isinstance(other, Visit):
            articles = _visit_merge_undo(into=into, other=other, snapshot=snapshot)
            records_recompute(visits={into.pk, other.pk})
        else:
            articles = _leader_merge_undo(into=into, other=other, snapshot=snapshot)
        _close(action, reason=reason, user=user)
        _reextract(articles)
    return other


def _visit_merge_undo(*, into: Visit, other: Visit, snapshot: dict) -> set[int]:
    keys = {tuple(k) for k in snapshot.get("evidence_keys", [])}
    moving = [
        e.pk
        for e in Evidence.objects.filter(visit=into).only("article_id", "record_key")
        if (e.article_id, e.record_key) in keys
    ]
    Evidence.objects.filter(pk__in=moving).update(visit=other)
    for model, key in ((Meeting, "meetings"), (Agreement, "agreements")):
        for child in model.objects.filter(pk__in=snapshot.get(key, []), visit=into):
            child.visit = other
            child.save(update_fields=["visit", "updated_at"])
    return set()


def _leader_merge_undo(*, into: Leader, other: Leader, snapshot: dict) -> set[int]:
    """Participations, visits and offices back to the leader merged away; returns the
    articles of their records, read again as the merge read them."""
    for loaded in _load(snapshot.get("participations", [])):
        part = loaded.object
        moved = Participation.objects.filter(pk=part.pk, leader=into, meeting_id=part.meeting_id)
        if moved.update(leader=other):
            continue
        if Meeting.objects.filter(pk=part.meeting_id).exists():
            Participation.objects.get_or_create(
                meeting_id=part.meeting_id, leader=other, defaults={"office": part.office}
            )
    for visit in Visit.objects.filter(pk__in=snapshot.get("visits", []), visitor_leader=into):
        visit.visitor_leader = other
        visit.save(update_fields=["visitor_leader", "updated_at"])
    for loaded in _load(snapshot.get("offices", [])):
        office = loaded.object
        if not Office.objects.filter(pk=office.pk, leader=into).update(leader=other):
            if not Office.objects.filter(pk=office.pk).exists():
                office.leader_id = other.pk
                office.save(force_insert=True)
    visits = set(
        Visit.objects.filter(visitor_leader__in=[into, other]).values_list("pk", flat=True)
    )
    meetings = set(
        Meeting.objects.filter(participation__leader__in=[into, other]).values_list("pk", flat=True)
    )
    records_recompute(visits=visits, meetings=meetings)
    return set(
        Evidence.objects.filter(models.Q(visit__in=visits) | models.Q(meeting__in=meetings))
        .values_list("article_id", flat=True)
        .distinct()
    )


def action_undo(*, action: EditorAction, reason: str = "", user=None) -> models.Model:
    """Undo a deletion or a merge (see deletion_undo and merge_undo)."""
    if action.kind == EditorAction.Kind.DELETE:
        return deletion_undo(action=action, reason=reason, user=user)
    return merge_undo(action=action, reason=reason, user=user)
