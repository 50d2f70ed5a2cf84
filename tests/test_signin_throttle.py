"""Admin sign-in is throttled: after five failed attempts for one user name from one
address, even the right password is refused for the cool-off (django-axes)."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import EDITOR_PASSWORD, editor_user


def attempt(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )


@pytest.mark.django_db
def test_the_right_password_is_refused_after_too_many_failures(client):
    user = editor_user("guessed")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert attempt(client, user.username, "wrong-password-123").status_code in (200, 429)
    response = attempt(client, user.username, EDITOR_PASSWORD)
    assert response.status_code == 429
    assert client.get(reverse("admin:index")).status_code == 302  # still not signed in


@pytest.mark.django_db
def test_a_few_failures_then_the_right_password_signs_in(client):
    user = editor_user("typist")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, user.username, "wrong-password-123")
    response = attempt(client, user.username, EDITOR_PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_a_weak_editor_password_is_refused_by_the_validators(capsys):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as excinfo:
        call_command("create_editor", "weakling", password="12345678")
    assert "too common" in str(excinfo.value) or "numeric" in str(excinfo.value)
