"""Editors' writes: corrections that last, deletions that stay deleted, merges, review.

Ingest never writes a field named in a record's `corrected_fields`, never
recreates a record from an (article, record_key) pair with a `Suppression`, and
finds a record again through its evidence's (article, record_key): these
functions keep those three promises for what editors do in the admin.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction

from visits.models import (
    Agreement,
    Evidence,
    Leader,
    Meeting,
    MergedAway,
    Office,
    Participation,
    Suppression,
    Visit,
    fold,
)
from visits.models.records import STORED_FIELDS
from visits.services import undo
from visits.services.claims import records_recompute

# Bookkeeping, not what the record says: changing these is not a correction.
NOT_CORRECTIONS = frozenset(
    {
        "id",
        "corrected_fields",
        "reviewed",
        "created_at",
        "updated_at",
        "name_key",
        "alias_keys",
        "disagreement",  # worked out from the sources, never an editor's value
        *STORED_FIELDS,  # kept by the database's triggers (migration 0019)
    }
)
# Records whose evidence ties them to articles: deleting one suppresses it.
EVIDENCED = (Visit, Meeting, Agreement)


def correctable_fields(*, model: type[models.Model]) -> frozenset[str]:
    """Names of the fields of `model` an editor's change marks as corrected."""
    names = {
        f.name
        for f in model._meta.get_fields()
        if (f.concrete or f.many_to_many) and not f.auto_created
    }
    return frozenset(names - NOT_CORRECTIONS)


def changed_fields(*, record: models.Model) -> set[str]:
    """Concrete fields whose value in memory differs from the stored row."""
    if record.pk is None:
        return set()
    fields = [f for f in record._meta.concrete_fields if f.name not in ("created_at", "updated_at")]
    stored = (
        type(record)._base_manager.filter(pk=record.pk).values(*[f.attname for f in fields]).first()
    )
    if stored is None:
        return set()
    return {f.name for f in fields if stored[f.attname] != getattr(record, f.attname)}


def _keep_old_spelling(leader: Leader) -> None:
    """A renamed leader keeps the old name as an alias, so ingest still finds them by it."""
    old = Leader.objects.filter(pk=leader.pk).values_list("name", flat=True).first()
    if not old:
        return
    known = {fold(a) for a in [leader.name, *leader.aliases]}
    if fold(old) not in known:
        leader.aliases = [*leader.aliases, old]


def record_correct(*, record: models.Model, fields: Iterable[str] = ()) -> list[str]:
    """Save an editor's change to `record` and mark the changed fields as corrected.

    `fields` names what the editor's form changed (many-to-many fields such as
    `participants` or `parties` included); fields whose value differs from the
    stored row are added. Returns the names newly marked. Saves only when
    something changed.
    """
    adding = record.pk is None
    diff = changed_fields(record=record)
    # A form may report a field it shows as changed when its value is not (Django's
    # ArrayField widgets do): a stored field counts only when its value differs.
    concrete = {f.name for f in record._meta.concrete_fields}
    said = {name for name in fields if adding or name not in concrete or name in diff}
    names = (said | diff) & correctable_fields(model=type(record))
    if isinstance(record, Leader) and "name" in diff:
        _keep_old_spelling(record)
    new: list[str] = []
    if hasattr(record, "corrected_fields"):
        new = sorted(names - set(record.corrected_fields))
        record.corrected_fields = [*record.corrected_fields, *new]
    if adding or diff or new:
        record.save()
    return new


def record_delete(*, record: models.Model, reason: str = "", user=None) -> int:
    """Delete `record`, first suppressing every (article, record_key) it was read from.

    Returns the number of new suppressions. Ingest then never recreates the
    record from those articles. A visit, meeting, agreement or leader is kept
    as an EditorAction with `reason`, so that `undo.deletion_undo` can put it back.
    """
    created = 0
    missing: set[tuple[int, str]] = set()
    with transaction.atomic():
        if isinstance(record, EVIDENCED):
            keys = set(record.evidence.values_list("article_id", "record_key"))
            have = set(
                Suppression.objects.filter(
                    article_id__in={a for a, _ in keys}, record_key__in={k for _, k in keys}
                ).values_list("article_id", "record_key")
            )
            missing = keys - have
            Suppression.objects.bulk_create(
                [Suppression(article_id=a, record_key=k) for a, k in sorted(missing)],
                ignore_conflicts=True,
            )
            created = len(missing)
        if undo.model_name(record):
            snapshot = undo.deletion_snapshot(record=record, suppressions=sorted(missing))
            undo.action_record(
                kind="delete", record=record, snapshot=snapshot, reason=reason, user=user
            )
        record._change_reason = undo.history_reason(reason) or None
        record.delete()
    return created


def records_delete(*, records: Iterable[models.Model], reason: str = "", user=None) -> int:
    """`record_delete` for each record; returns the number of new suppressions."""
    with transaction.atomic():
        return sum(record_delete(record=record, reason=reason, user=user) for record in records)


def _fill_blanks(into: models.Model, other: models.Model, names: Iterable[str]) -> None:
    """Copy `other`'s value where `into` has none and the editor did not correct it."""
    for name in names:
        if name in into.corrected_fields:
            continue
        field = into._meta.get_field(name)
        if getattr(into, field.attname) in (None, "") and getattr(other, field.attname) not in (
            None,
            "",
        ):
            setattr(into, field.attname, getattr(other, field.attname))


def _merged_away(*, kind: str, old_id: int, new_id: int, known_as: dict | None = None) -> None:
    """Remember that `old_id`'s page now lives at `new_id`, and re-point the pages that
    led to `old_id`, so that shared links keep working after any number of merges."""
    MergedAway.objects.filter(kind=kind, new_id=old_id).update(new_id=new_id)
    MergedAway.objects.filter(kind=kind, old_id=new_id).delete()
    MergedAway.objects.update_or_create(
        kind=kind, old_id=old_id, defaults={"new_id": new_id, "known_as": known_as or {}}
    )


def _known_as(leader: Leader) -> dict:
    """A leader as the gazetteer shows them to extraction (see gazetteer_build)."""
    offices = list(leader.offices.order_by("-start"))
    return {
        "vetted": bool(leader.known or leader.reviewed or leader.corrected_fields),
        "name": leader.name,
        "country": leader.country_id,
        "aliases": list(leader.aliases),
        "offices": [o.title for o in offices],
        "terms": [
            [o.start.isoformat() if o.start else "", o.end.isoformat() if o.end else ""]
            for o in offices
        ],
    }


def visit_merge(*, into: Visit, other: Visit, reason: str = "", user=None) -> Visit:
    """Merge the duplicate visit `other` into `into` and delete `other`.

    `into` gains `other`'s evidence (so a re-ingest of `other`'s articles finds
    `into`), meetings, agreements and cities; fields `into` lacks are filled
    from `other`; `into` keeps its own corrections. No suppression is made:
    the evidence lives on in `into`. The merge is kept as an EditorAction with
    `reason`, so that `undo.merge_undo` can take it back.
    """
    if into.pk == other.pk:
        raise ValueError("A visit cannot be merged into itself.")
    with transaction.atomic():
        action = undo.action_record(
            kind="merge",
            record=other,
            into=into,
            snapshot=undo.merge_snapshot(into=into, other=other),
            reason=reason,
            user=user,
        )
        Evidence.objects.filter(visit=other).update(visit=into)
        for child in [*other.meetings.all(), *other.agreements.all()]:
            child.visit = into
            child.save(update_fields=["visit", "updated_at"])
        if "cities" not in into.corrected_fields:
            into.cities = [*into.cities, *[c for c in other.cities if c not in into.cities]]
        if into.start is None and other.start is not None and "start" not in into.corrected_fields:
            into.start, into.start_precision = other.start, other.start_precision
            into.year_settled = other.year_settled
        if into.end is None and other.end is not None and "end" not in into.corrected_fields:
            into.end, into.end_precision = other.end, other.end_precision
        _fill_blanks(into, other, ["visitor_leader", "invited_by"])
        if into.kind == "other" and "kind" not in into.corrected_fields:
            into.kind = other.kind
        into.confidence = max(into.confidence, other.confidence)
        _merged_away(kind=MergedAway.Kind.VISIT, old_id=other.pk, new_id=into.pk)
        other._change_reason = into._change_reason = undo.history_reason(reason) or None
        other.delete()
        into.save()
        # What the evidence it holds now says, as a re-extraction would find it.
        records_recompute(visits={into.pk})
        undo.merge_finish(action=action, into=into)
    return into


def visits_merge(*, into: Visit, others: Iterable[Visit], reason: str = "", user=None) -> Visit:
    """`visit_merge` of each of `others` into `into`."""
    with transaction.atomic():
        for other in others:
            if other.pk != into.pk:
                visit_merge(into=into, other=other, reason=reason, user=user)
    return into


def leader_merge(
    *, into: Leader, other: Leader, keep_aliases: bool = True, reason: str = "", user=None
) -> Leader:
    """Merge the duplicate leader `other` into `into` and delete `other`.

    `into` keeps `other`'s name and aliases as aliases (so ingest finds `into`
    by any of them) unless `keep_aliases` is False, and gains `other`'s
    participations (one per meeting), visits and offices (one per kind, title
    and start). The merge is kept as an EditorAction with `reason`.
    """
    if into.pk == other.pk:
        raise ValueError("A leader cannot be merged into itself.")
    with transaction.atomic():
        action = undo.action_record(
            kind="merge",
            record=other,
            into=into,
            snapshot=undo.merge_snapshot(into=into, other=other),
            reason=reason,
            user=user,
        )
        known_as = _known_as(other)
        before = {fold(a) for a in [into.name, *into.aliases]}
        # Every spelling is kept as written; ingest matches them folded anyway.
        aliases = []
        spellings = [other.name, *other.aliases] if keep_aliases else []
        for name in [*into.aliases, *spellings]:
            if name.strip() and name != into.name and name not in aliases:
                aliases.append(name)
        into.aliases = aliases
        known_as["gained"] = [a for a in aliases if fold(a) not in before]

        mine = {p.meeting_id: p for p in Participation.objects.filter(leader=into)}
        for part in Participation.objects.filter(leader=other):
            if part.meeting_id in mine:
                kept = mine[part.meeting_id]
                if not kept.office and part.office:
                    kept.office = part.office
                    kept.save(update_fields=["office"])
                part.delete()
            else:
                part.leader = into
                part.save(update_fields=["leader"])

        for visit in Visit.objects.filter(visitor_leader=other):
            visit.visitor_leader = into
            visit.save(update_fields=["visitor_leader", "updated_at"])

        held = set(into.offices.values_list("kind", "title", "start"))
        for office in Office.objects.filter(leader=other):
            if (office.kind, office.title, office.start) in held:
                office.delete()
            else:
                office.leader = into
                office.save()
                known_as.setdefault("moved_offices", []).append(office.pk)

        if not into.honorific and other.honorific:
            into.honorific = other.honorific
        into.known = into.known or other.known
        country_id = other.country_id
        _merged_away(
            kind=MergedAway.Kind.LEADER, old_id=other.pk, new_id=into.pk, known_as=known_as
        )
        other._change_reason = into._change_reason = undo.history_reason(reason) or None
        other.delete()
        if (
            into.country_id is None
            and country_id is not None
            and "country" not in into.corrected_fields
            and not Leader.objects.filter(name_key=into.name_key, country_id=country_id).exists()
        ):
            into.country_id = country_id
        into.save()
        # The records it takes part in, as a re-extraction would find them: the people
        # of two records may be the same now, and so the records one.
        visits = set(Visit.objects.filter(visitor_leader=into).values_list("pk", flat=True))
        meetings = set(
            Meeting.objects.filter(participation__leader=into).values_list("pk", flat=True)
        )
        records_recompute(visits=visits, meetings=meetings)
        articles = Evidence.objects.filter(
            models.Q(visit__in=visits) | models.Q(meeting__in=meetings)
        ).values_list("article_id", flat=True)
        from visits.services.runner import ingest_reextract  # extraction, loaded on demand

        ingest_reextract(article_ids=set(articles))
        undo.merge_finish(action=action, into=into)
    return into


def leaders_merge(
    *,
    into: Leader,
    others: Iterable[Leader],
    keep_aliases: bool = True,
    reason: str = "",
    user=None,
) -> Leader:
    """`leader_merge` of each of `others` into `into`."""
    with transaction.atomic():
        for other in others:
            if other.pk != into.pk:
                leader_merge(
                    into=into, other=other, keep_aliases=keep_aliases, reason=reason, user=user
                )
    return into


def records_mark_reviewed(*, records: Iterable[models.Model]) -> int:
    """Mark records reviewed (a reviewed leader is also known); returns how many changed.

    Saves one by one so that the history says who reviewed what, and when.
    """
    count = 0
    with transaction.atomic():
        for record in records:
            update = ["reviewed"]
            if isinstance(record, Leader) and not record.known:
                record.known = True
                update.append("known")
            elif record.reviewed:
                continue
            if hasattr(record, "updated_at"):
                update.append("updated_at")
            record.reviewed = True
            record.save(update_fields=update)
            count += 1
    return count
