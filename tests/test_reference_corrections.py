"""Editors' changes to countries and partnership levels are corrections: the admin records
them field by field and `load_reference` leaves them as the editor wrote them."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import editor_user
from visits.models import Country, PartnershipLevel


def _form(instance, **changes):
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("code", "corrected_fields"):
            continue
        value = getattr(instance, field.attname)
        data[field.name] = ",".join(value) if isinstance(value, list) else value
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_country_corrected_in_the_admin_survives_load_reference(client):
    client.force_login(editor_user())
    country = Country.objects.get(code="MY")
    url = reverse("admin:visits_country_change", args=["MY"])
    response = client.post(url, _form(country, name_vi="Ma-lai-xi-a (sửa)"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    country.refresh_from_db()
    assert country.name_vi == "Ma-lai-xi-a (sửa)"
    assert "name_vi" in country.corrected_fields
    # Fields the editor left as they were are not corrections (ArrayField forms say
    # they changed): load_reference still keeps them up to date.
    assert country.corrected_fields == ["name_vi"]
    call_command("load_reference", verbosity=0)
    country.refresh_from_db()
    assert country.name_vi == "Ma-lai-xi-a (sửa)"


@pytest.mark.django_db
def test_a_level_corrected_in_the_admin_survives_load_reference(client):
    client.force_login(editor_user())
    level = PartnershipLevel.objects.get(code="strategic_partnership")
    url = reverse("admin:visits_partnershiplevel_change", args=[level.code])
    response = client.post(url, _form(level, code=level.code, color="#123456"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    level.refresh_from_db()
    assert level.color == "#123456"
    assert "color" in level.corrected_fields
    call_command("load_reference", verbosity=0)
    level.refresh_from_db()
    assert level.color == "#123456"


@pytest.mark.django_db
def test_load_reference_still_restores_fields_nobody_corrected():
    Country.objects.filter(code="MY").update(name_en="Tampered")
    call_command("load_reference", verbosity=0)
    assert Country.objects.get(code="MY").name_en == "Malaysia"


@pytest.mark.django_db
def test_load_reference_does_not_make_again_a_leader_an_editor_merged_away():
    from visits.models import Leader
    from visits.services.editing import leader_merge

    known = Leader.objects.filter(known=True).order_by("pk")
    kept, other = known[0], known[1]
    name = other.name
    leader_merge(into=kept, other=other)
    call_command("load_reference", verbosity=0)
    assert not Leader.objects.filter(name=name).exists()
