"""The Content-Security-Policy: every page sends it, no page needs inline script or
style, and the level colours come from /levels.css, which no colour or code can break."""

import re

import pytest
from django.urls import reverse

from tests.factories import editor_user, pages_world
from visits import models, styles

pytestmark = pytest.mark.django_db

# A <script> without src= (an inline script); a data block would still be inline.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


@pytest.fixture
def world():
    return pages_world()


def public_urls(w) -> list[str]:
    return [
        reverse("visits:home"),
        reverse("visits:visit_list"),
        reverse("visits:visit_list") + "?host=MY&kind=official",
        reverse("visits:meeting_list"),
        reverse("visits:agreement_list"),
        reverse("visits:leader_list"),
        reverse("visits:country_list"),
        reverse("visits:article_list"),
        reverse("visits:visit_detail", args=[w.to_malaysia.pk]),
        reverse("visits:meeting_detail", args=[w.talks.pk]),
        reverse("visits:agreement_detail", args=[w.upgrade.pk]),
        reverse("visits:leader_detail", args=[w.to_lam.pk]),
        reverse("visits:country_detail", args=["VN"]),
        reverse("visits:country_detail", args=["MY"]),
        reverse("visits:article_detail", args=[w.article.pk]),
    ]


def assert_strict_policy(response) -> str:
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert "unsafe-inline" not in policy, policy
    assert "unsafe-eval" not in policy, policy
    assert directives.get("default-src") == ["'self'"], policy
    assert directives.get("script-src") == ["'self'"], policy
    assert directives.get("style-src") == ["'self'"], policy
    assert directives.get("img-src") == ["'self'", "data:"], policy
    assert directives.get("object-src") == ["'none'"], policy
    assert directives.get("base-uri") == ["'self'"], policy
    assert directives.get("frame-ancestors") == ["'none'"], policy
    assert directives.get("form-action") == ["'self'"], policy
    return policy


def assert_nothing_inline(url: str, body: str) -> None:
    assert " style=" not in body, f"{url} has an inline style attribute"
    assert "<style" not in body.lower(), f"{url} has an inline <style> block"
    found = INLINE_SCRIPT.search(body)
    assert found is None, f"{url} has an inline script: {found and found.group(0)}"


def test_every_public_page_sends_the_policy_and_has_no_inline_script_or_style(client, world):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        assert_nothing_inline(url, response.content.decode())


def test_a_missing_page_and_a_download_send_the_policy_too(client, world):
    missing = client.get("/visits/999999/")
    assert missing.status_code == 404
    assert_strict_policy(missing)
    download = client.get(reverse("visits:visit_list"), {"format": "csv"})
    assert download.status_code == 200
    assert_strict_policy(download)


def test_admin_pages_send_the_policy_and_ours_have_no_inline_style(client, world):
    login = client.get(reverse("admin:login"))
    assert login.status_code == 200
    assert_strict_policy(login)
    client.force_login(editor_user(), backend="django.contrib.auth.backends.ModelBackend")
    for url in [reverse("admin:index"), reverse("admin:visits_review_queue")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response)
        body = response.content.decode()
        assert_nothing_inline(url, body)
        assert "visits/admin.css" in body, url
    changelist = client.get(reverse("admin:visits_visit_changelist"))
    assert changelist.status_code == 200
    assert_strict_policy(changelist)


def test_swatches_and_badges_carry_the_level_class_that_levels_css_colours(client, world):
    page = client.get(reverse("visits:country_detail", args=["VN"])).content.decode()
    assert '<span class="swatch level-strategic_partnership"></span>' in page
    assert 'class="level level-comprehensive_strategic_partnership"' in page
    listed = client.get(reverse("visits:visit_list")).content.decode()
    assert '<span class="swatch level-strategic_partnership"></span>' in listed

    css = client.get(reverse("visits:levels_css"))
    assert css.status_code == 200
    assert css["Content-Type"].startswith("text/css")
    text = css.content.decode()
    for level in models.PartnershipLevel.objects.all():
        assert f".level-{level.code} {{ --level: {level.color}; }}" in text


def test_the_page_links_levels_css_by_version_and_the_browser_may_keep_it(client, world):
    page = client.get(reverse("visits:home")).content.decode()
    found = re.search(r'<link rel="stylesheet" href="(/levels\.css\?v=([0-9a-f]{12}))">', page)
    assert found, "the base template links /levels.css?v=<version>"
    url, version = found.groups()
    kept = client.get(url)
    assert "immutable" in kept["Cache-Control"] and "max-age=31536000" in kept["Cache-Control"]
    assert kept["ETag"] == f'"{version}"'
    # Without the current version (an old page, a hand-typed URL) it is checked each time.
    for other in [reverse("visits:levels_css"), reverse("visits:levels_css") + "?v=old'<x>"]:
        fresh = client.get(other)
        assert fresh.status_code == 200
        assert "no-cache" in fresh["Cache-Control"] and "immutable" not in fresh["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": f'"{version}"'})
    assert again.status_code == 304 and again.content == b""
    assert client.post(url).status_code == 405

    # An editor's new colour gives a new version, so pages link a new URL.
    models.PartnershipLevel.objects.filter(code="strategic_partnership").update(color="#010203")
    page = client.get(reverse("visits:home")).content.decode()
    assert f"/levels.css?v={version}" not in page
    assert (
        ".level-strategic_partnership { --level: #010203; }"
        in client.get(reverse("visits:levels_css")).content.decode()
    )


@pytest.mark.parametrize("color", ["red;}</", "};*{x:1", "#12345g", "", "url(x)"])
def test_a_colour_that_is_not_hex_cannot_break_out_of_the_css(client, world, color):
    models.PartnershipLevel.objects.filter(code="strategic_partnership").update(color=color)
    text = client.get(reverse("visits:levels_css")).content.decode()
    assert ".level-strategic_partnership { --level: #888888; }" in text
    rules = [line for line in text.splitlines() if not line.startswith("/*")]
    assert all(
        re.fullmatch(r"\.level-[A-Za-z0-9_-]+ \{ --level: #[0-9a-fA-F]{6}; \}", r) for r in rules
    ), rules
    page = client.get(reverse("visits:country_detail", args=["VN"])).content.decode()
    assert " style=" not in page
    if color:
        assert color not in page and color not in text


def test_a_code_that_is_not_a_slug_gets_no_class_and_no_rule(client, world):
    odd = models.PartnershipLevel.objects.create(
        code="odd}body{display:none", rank=900, name_en="Odd level", color="#abcdef"
    )
    text = client.get(reverse("visits:levels_css")).content.decode()
    assert "odd" not in text and "display" not in text and "#abcdef" not in text
    page = client.get(reverse("visits:country_detail", args=["VN"])).content.decode()
    assert '<li><span class="swatch "></span>Odd level</li>' in page
    assert styles.level_class(odd.code) == ""


def test_levels_css_of_hand_made_levels():
    rows = [
        models.PartnershipLevel(code="b_level", color="#00FF00"),
        models.PartnershipLevel(code="a-level", color="lime"),
        models.PartnershipLevel(code="c level", color="#000000"),
    ]
    assert styles.levels_css(levels=rows).splitlines()[1:] == [
        ".level-a-level { --level: #888888; }",
        ".level-b_level { --level: #00FF00; }",
    ]
    assert styles.levels_version(levels=rows) != styles.levels_version(levels=rows[:1])
