"""Malformed requests never answer 500: NUL bytes and broken UTF-8 in the path or the
query string, on the public pages and in the admin, get a 400 with a plain message."""

import pytest
from django.contrib.auth.models import Group, User

PUBLIC = [
    "/countries/%00/",
    "/countries/a%00/",
    "/leaders/%00/",
    "/visits/?q=%00",
    "/visits/?visitor=%00",
    "/visits/?q=%ED%A0%80",
    "/meetings/?date_after=%00",
    "/agreements/?level=a%00b",
    "/countries/%ED%A0%80/",
]

ADMIN = [
    "/admin/visits/visit/?kind__exact=%00",
    "/admin/visits/country/%00/change/",
    "/admin/visits/leader/?q=%00",
    "/admin/autocomplete/?term=%00&app_label=visits&model_name=visit&field_name=visitor_leader",
    "/admin/visits/visit/?start__year=" + "9" * 30,
    "/admin/visits/visit/?start__year=9999&start__month=99",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC)
def test_public_malformed_urls_are_refused_not_crashed(client, url):
    response = client.get(url)
    assert response.status_code < 500, url


@pytest.fixture
def editor_client(client):
    user = User.objects.create_user("fuzzy", password="a-long-enough-passphrase-42")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN)
def test_admin_malformed_urls_are_refused_not_crashed(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code < 500, url


@pytest.mark.django_db
def test_nul_in_the_query_gets_a_400_that_names_the_parameter(client):
    response = client.get("/visits/?visitor=%00")
    assert response.status_code == 400
    assert b"visitor" in response.content
