"""The Content-Security-Policy in a real Chromium: the public pages and the admin run
under it without a single violation, and the level swatches still have their colours."""

import pytest
from django.urls import reverse

from tests.factories import EDITOR_PASSWORD, editor_user, pages_world
from visits import models

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Runs before the page's own code (Playwright injects it, whatever the policy): every
# violation the document reports is kept on window.__csp.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP violation it reports (event or console) in `page.csp`."""
    page.csp = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            page.csp.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page


def visit(page, url: str) -> list[str]:
    """Open `url`, let it settle, and return the violations reported so far."""
    response = page.goto(url)
    assert response.status == 200, url
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(150)  # the violation events are queued tasks
    return page.csp + page.evaluate("window.__csp")


def rgb(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_public_pages_report_no_violation_and_swatches_keep_their_colour(live_server, watched):
    world = pages_world()
    url = live_server.url
    for path in [
        "/",
        "/visits/",
        "/visits/?level=strategic_partnership",
        f"/visits/{world.to_malaysia.pk}/",
        "/countries/VN/",
    ]:
        assert visit(watched, url + path) == [], path

    # On the country page (the last one opened) the legend's swatch and the table's
    # badge take their colour from /levels.css.
    strategic = models.PartnershipLevel.objects.get(code="strategic_partnership").color
    swatch = watched.locator(".legend .swatch.level-strategic_partnership")
    assert swatch.evaluate(
        "e => getComputedStyle(e).getPropertyValue('--level').trim()"
    ).lower() == (strategic.lower())
    assert swatch.evaluate("e => getComputedStyle(e).backgroundColor") == rgb(strategic)
    badge = watched.locator(".level.level-comprehensive_strategic_partnership").first
    comprehensive = models.PartnershipLevel.objects.get(
        code="comprehensive_strategic_partnership"
    ).color
    assert badge.evaluate("e => getComputedStyle(e).borderTopColor") == rgb(comprehensive)

    # The facet swatches on a list page too.
    visit(watched, url + "/visits/")
    facet = watched.locator('.facets a[data-param="level"] .swatch').first
    assert facet.evaluate("e => getComputedStyle(e).getPropertyValue('--level').trim()") != ""


def test_the_browser_enforces_the_policy_and_the_listener_hears_it(live_server, watched):
    pages_world()
    assert visit(watched, live_server.url + "/countries/VN/") == []
    # An inline style attribute, as the old swatches had, is refused and reported.
    watched.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<p id=probe style=\"color: rgb(1, 2, 3)\">probe</p>')"
    )
    watched.wait_for_timeout(150)
    reported = watched.csp + watched.evaluate("window.__csp")
    assert any("style" in line for line in reported), reported
    assert watched.locator("#probe").evaluate("e => getComputedStyle(e).color") != "rgb(1, 2, 3)"


def test_admin_pages_report_no_violation(live_server, watched):
    pages_world()
    editor_user()
    url = live_server.url
    assert visit(watched, url + "/admin/login/") == []
    watched.get_by_label("Username").fill("editor")
    watched.get_by_label("Password").fill(EDITOR_PASSWORD)
    watched.get_by_role("button", name="Log in").click()
    watched.wait_for_url(url + "/admin/")
    visit_pk = models.Visit.objects.order_by("pk").first().pk
    for path in [
        reverse("admin:index"),
        reverse("admin:visits_review_queue"),
        reverse("admin:visits_visit_changelist"),
        reverse("admin:visits_visit_change", args=[visit_pk]),
        reverse("admin:visits_partnershiplevel_changelist"),
        reverse("admin:visits_partnershiplevel_change", args=["strategic_partnership"]),
    ]:
        assert visit(watched, url + path) == [], path

    # Our admin table is as wide as its box, from static/visits/admin.css.
    visit(watched, url + "/admin/")
    widths = watched.locator("#content-main-review table").evaluate(
        "e => [e.offsetWidth, e.parentElement.clientWidth]"
    )
    assert abs(widths[0] - widths[1]) <= 2, widths
