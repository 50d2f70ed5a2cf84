"""The world maps (issue 14): the outlines shipped, their conversion, and the maps on the
home, country and leader pages, with a title per country and a table beside each."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import LeaderFactory, VisitFactory, country, pages_world
from visits import maps
from visits.data import world_map_build as build
from visits.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pages_world()


def page_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def path_box(d: str) -> tuple[float, float, float, float]:
    """The bounding box of a path written as the build writes it (M x y, then l dx dy…)."""
    xs, ys = [], []
    for ring in re.findall(r"M([^Mz]+)z", d):
        head, _, steps = ring.partition("l")
        x, y = map(float, head.split())
        xs.append(x)
        ys.append(y)
        numbers = list(map(float, steps.split()))
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def at(lon: float, lat: float) -> tuple[float, float]:
    """Where the shipped map puts a place, by the projection the build wrote down."""
    data = maps.world()
    x, y = build.equal_earth(lon, lat)
    return (x + data["x_max"]) * data["scale"], (data["y_top"] - y) * data["scale"] + 1


# --- The outlines shipped ----------------------------------------------------------------


def test_every_code_of_the_map_is_a_country_of_the_database():
    codes = [s["code"] for s in maps.world()["shapes"] if s["code"]]
    assert len(codes) == len(set(codes)), "a code drawn twice"
    known = set(Country.objects.values_list("code", flat=True))
    assert set(codes) <= known
    assert {"VN", "US", "FR", "BR", "AU", "ZA", "XK"} <= set(codes)
    assert "AQ" not in codes


@pytest.mark.parametrize(
    ("code", "lon", "lat"),
    [("VN", 105.8, 21.0), ("FR", 2.35, 46.0), ("BR", -47.9, -15.8), ("CA", -100.0, 56.0)],
)
def test_each_country_is_drawn_where_it_is(code, lon, lat):
    """A wrong numeric-to-alpha-2 mapping would put Hanoi outside Viet Nam's outline."""
    shape = next(s for s in maps.world()["shapes"] if s["code"] == code)
    x0, y0, x1, y1 = path_box(shape["d"])
    x, y = at(lon, lat)
    assert x0 - 3 <= x <= x1 + 3 and y0 - 3 <= y <= y1 + 3, (code, (x, y), (x0, y0, x1, y1))


def test_the_build_cuts_a_ring_that_crosses_the_antimeridian():
    ring = [(170, 60), (-170, 60), (-170, 70), (170, 70), (170, 60)]
    pieces = build.cut_at_antimeridian(ring)
    assert len(pieces) == 2
    for piece in pieces:
        assert all(lon >= 170 for lon, _ in piece) or all(lon <= -170 for lon, _ in piece)


def test_the_build_reads_topojson_arcs_and_names_shapes_from_codes_json():
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[100, 10], [10, 0], [0, 10], [-10, 0], [0, -10]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "704", "properties": {"name": "V"}},
                    {"type": "Polygon", "arcs": [[-1]], "properties": {"name": "Kosovo"}},
                ],
            }
        },
    }
    data = build.build(topology, [["VN", "VNM", "704", "ISO 3166-2:VN"]])
    assert [s["code"] for s in data["shapes"]] == ["VN", "XK"]
    assert all(s["d"].startswith("M") and s["d"].endswith("z") for s in data["shapes"])


def test_the_count_scale_is_logarithmic_and_its_legend_covers_every_count():
    assert [maps.shade(n, 1000) for n in (0, 1, 10, 100, 1000)] == [0, 1, 2, 4, 5]
    legend = maps.scale_legend(1000)
    covered = []
    for _, words in legend:
        low, _, high = words.replace(",", "").partition("–")
        covered.extend(range(int(low), int(high or low) + 1))
    assert covered == list(range(1, 1001))


# --- The pages ---------------------------------------------------------------------------


def test_the_home_map_shades_hosts_titles_them_and_links_their_visits(client, world):
    page = page_of(client, "/")
    svg = page[
        page.index('<svg class="map"') : page.index("</svg>", page.index('<svg class="map"'))
    ]
    assert '<a href="/visits/?host=MY"><path' in svg
    assert "<title>Malaysia: 1 visit received</title>" in svg
    assert "<title>Viet Nam: 2 visits received</title>" in svg
    # A country with no visit is titled with its name and is no link (not in the tab order).
    assert re.search(r'<path d="[^"]+" class="land"><title>Brazil</title></path>', svg)
    assert '<a href="/visits/?host=BR">' not in svg
    # The table beside the map: every host, Singapore too (too small for 1:110m).
    assert "Visits received, by host country, as a table (4 countries)" in page
    assert 'Singapore</a> <span class="muted">(too small for the map)</span>' in page


def test_the_country_map_counts_visits_each_way_and_marks_the_country(client, world):
    page = page_of(client, "/countries/VN/")
    assert "<title>Malaysia: 1 visit from Viet Nam, 1 visit to Viet Nam</title>" in page
    assert "<title>China: 0 visits from Viet Nam, 1 visit to Viet Nam</title>" in page
    assert 'class="land focus" data-code="VN"' in page
    assert "1 made, 1 received" in page


def test_the_country_map_colours_partners_by_their_level_today(client, world):
    page = page_of(client, "/countries/VN/")
    assert (
        "<title>Malaysia: Comprehensive Strategic Partnership since 21 November 2024</title>"
        in (page)
    )
    assert (
        'class="land by-level level-comprehensive_strategic_cooperative_partnership" '
        'data-code="CN"' in page
    )


def test_the_leader_map_shows_the_countries_visited_with_counts(client, world):
    VisitFactory(
        visitor_leader=world.to_lam,
        host_country=country("MY"),
        start=dt.date(2025, 6, 1),
        end=dt.date(2025, 6, 2),
    )
    page = page_of(client, f"/leaders/{world.to_lam.pk}/")
    assert "<h2>Countries visited</h2>" in page
    assert "<title>Malaysia: 2 visits</title>" in page
    assert "/visits/?host=MY&amp;leader=T%C3%B4+L%C3%A2m" in page


def test_a_leader_who_visited_nowhere_has_no_map(client, world):
    quiet = LeaderFactory(name="Nobody Travels")
    assert "Countries visited" not in page_of(client, f"/leaders/{quiet.pk}/")


def test_the_maps_cost_the_same_queries_whatever_the_number_of_countries(client, world):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            page_of(client, url)
        return len(captured)

    before = [queries(u) for u in ("/", "/countries/VN/", f"/leaders/{world.to_lam.pk}/")]
    for code in ("TH", "LA", "KH", "JP", "KR", "IN"):
        VisitFactory(
            visitor_country=country("VN"), visitor_leader=world.to_lam, host_country=country(code)
        )
    after = [queries(u) for u in ("/", "/countries/VN/", f"/leaders/{world.to_lam.pk}/")]
    assert after == before
