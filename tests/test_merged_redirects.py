"""Pages of records an editor merged away redirect (301) to the record kept, even after
the kept record is merged again, so that links people shared keep working."""

import pytest

from tests import factories
from visits.models import Leader, Visit
from visits.services import editing


@pytest.mark.django_db
def test_a_merged_visit_page_redirects_to_the_visit_kept(client):
    kept, gone, last = factories.VisitFactory(), factories.VisitFactory(), factories.VisitFactory()
    gone_pk, kept_pk = gone.pk, kept.pk  # delete() clears the pk of the instance
    editing.visit_merge(into=kept, other=gone)
    response = client.get(f"/visits/{gone_pk}/?format=json")
    assert response.status_code == 301
    assert response["Location"] == f"/visits/{kept_pk}/?format=json"
    # The kept visit merged in turn: the first page goes straight to the last one.
    editing.visit_merge(into=last, other=Visit.objects.get(pk=kept_pk))
    for old in (gone_pk, kept_pk):
        response = client.get(f"/visits/{old}/")
        assert response.status_code == 301
        assert response["Location"] == f"/visits/{last.pk}/"
    assert client.get(f"/visits/{last.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_merged_leader_page_redirects_and_an_unknown_one_is_404(client):
    kept, gone = factories.LeaderFactory(), factories.LeaderFactory()
    gone_pk = gone.pk
    editing.leader_merge(into=kept, other=gone)
    assert not Leader.objects.filter(pk=gone_pk).exists()
    response = client.get(f"/leaders/{gone_pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/leaders/{kept.pk}/"
    assert client.get(f"/leaders/{gone_pk + 1000}/").status_code == 404
