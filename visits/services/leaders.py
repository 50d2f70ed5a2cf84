"""The leader an article's person is: found by any spelling, or created."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from visits.extraction import Person
from visits.models import Article, Leader, MergedAway, Office, fold
from visits.services.claims import LeaderMap

if TYPE_CHECKING:
    from visits.services.ingest import IngestStats


class LeaderBook:
    """Finds or creates the Leader for a Person, caching within one article."""

    def __init__(self, stats: IngestStats):
        self.stats = stats
        self.cache: dict[tuple, Leader] = {}
        self._map: LeaderMap | None = None

    def forget(self) -> None:
        """After a rolled-back article: leaders it created are gone."""
        self.cache.clear()
        if self._map is not None:
            self._map.forget()

    def leader_map(self) -> LeaderMap:
        """The run's map of leader ids through editors' merges, brought up to date (call
        it inside the article's transaction)."""
        if self._map is None:
            self._map = LeaderMap()
        elif self._map.refresh():
            # An editor merged leaders since the last article: a leader found before
            # may be gone into another.
            self.cache.clear()
        return self._map

    def get(self, person: Person, *, article: Article) -> Leader:
        key = (person.known_key, fold(person.name), person.country)
        if key in self.cache:
            return self.cache[key]
        leader = None
        if person.known_key and person.known_key.isdigit():
            pk = int(person.known_key)
            # A leader an editor merged into another: the one kept.
            moved = MergedAway.objects.filter(kind=MergedAway.Kind.LEADER, old_id=pk)
            pk = moved.values_list("new_id", flat=True).first() or pk
            leader = Leader.objects.filter(pk=pk).first()
        if leader is None:
            names = [person.name, *person.aliases]
            candidates = Leader.objects.filter(
                Q(name_key__in=[fold(n) for n in names])
                | Q(alias_keys__overlap=[fold(n) for n in names])
            )
            if person.country:
                candidates = candidates.filter(Q(country_id=person.country) | Q(country=None))
            leader = candidates.order_by("-known", "id").first()
        if leader is None:
            leader = Leader.objects.create(
                name=person.name,
                country_id=person.country,
                honorific=person.honorific or "",
                aliases=self._aliases(person),
            )
            self.stats.records["leaders created"] += 1
            if self._map is not None:
                self._map.known(leader.pk)
            if person.office and person.office_kind:
                Office.objects.get_or_create(
                    leader=leader,
                    kind=person.office_kind,
                    title=person.office[:200],
                    start=None,
                    defaults={"country_id": person.country},
                )
        else:
            self._learn(leader, person)
        self.cache[key] = leader
        return leader

    @staticmethod
    def _aliases(person: Person) -> list[str]:
        # Only full names become aliases: "Lam" for "To Lam" holds in one article only.
        return sorted(
            {a for a in [person.name, *person.aliases] if len(a.split()) >= 2} - {person.name}
        )

    def _learn(self, leader: Leader, person: Person) -> None:
        """Keep every new full spelling as an alias; fill a missing country."""
        changed = False
        if "aliases" not in leader.corrected_fields:
            known = {fold(a) for a in [leader.name, *leader.aliases]}
            new = [a for a in self._aliases(person) + [person.name] if fold(a) not in known]
            new = [a for a in new if len(a.split()) >= 2]
            if new:
                leader.aliases = sorted(set(leader.aliases) | set(new))
                changed = True
        if (
            leader.country_id is None
            and person.country
            and "country" not in leader.corrected_fields
        ):
            leader.country_id = person.country
            changed = True
        if changed:
            leader.save()
