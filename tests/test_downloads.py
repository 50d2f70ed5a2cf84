"""Downloads of every list (CSV and JSON) and the JSON of every record page: bad
parameters answer 400 naming them, whole lists stream from a server-side cursor
with a clear end, pages of JSON carry the count and the links beside them."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    MeetingFactory,
    ParticipationFactory,
    SpanEvidenceFactory,
    VisitFactory,
    country,
    pages_world,
)
from visits import exports, models
from visits.views import PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pages_world()


def body(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response


def csv_rows(text: str) -> tuple[list[dict], str]:
    """The rows of a CSV download, and its last line."""
    lines = text.splitlines()
    return list(csv.DictReader(io.StringIO("\n".join(lines[:-1])))), lines[-1]


# --- Bad parameters: 400 with the parameter named -----------------------------------------

BAD = [
    ("/visits/", {"year": "twenty"}, "year"),
    ("/visits/", {"date_after": "nope"}, "date_after"),
    ("/visits/", {"host": "123"}, "host"),
    ("/visits/", {"sort": "nonsense"}, "sort"),
    ("/meetings/", {"date_before": "2024-13-45"}, "date_before"),
    ("/meetings/", {"kind": "secret"}, "kind"),
    ("/agreements/", {"level": "best_friends"}, "level"),
    ("/leaders/", {"country": "123"}, "country"),
    ("/leaders/", {"sort": "zzz"}, "sort"),
    ("/countries/", {"current_level": "zzz"}, "current_level"),
    ("/articles/", {"language": "zz"}, "language"),
    ("/articles/", {"page": "0"}, "page"),
    ("/visits/", {"page": "abc"}, "page"),
    ("/visits/", {"page": "99"}, "page"),
]


@pytest.mark.parametrize("url, params, name", BAD)
def test_a_json_download_with_a_bad_parameter_answers_400_with_an_error_object(
    client, world, url, params, name
):
    response = client.get(url, {**params, "format": "json"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = json.loads(response.content)["error"]
    assert error["status"] == 400
    assert any(name in shown for shown in error["parameters"]), error
    assert all(error["parameters"].values())  # each names what is wrong


@pytest.mark.parametrize("url, params, name", BAD)
def test_a_csv_download_with_a_bad_parameter_answers_400_naming_it(
    client, world, url, params, name
):
    response = client.get(url, {**params, "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "refused" in text and name in text
    assert "Content-Disposition" not in response  # no file that looks like an empty list


def test_the_same_bad_parameter_on_the_page_still_shows_the_page_with_a_message(client, world):
    response = client.get("/visits/", {"year": "twenty"})
    assert response.status_code == 200
    assert any(m.startswith("Year “twenty”") for m in response.context["messages_list"])


# --- Whole lists stream, and end clearly ------------------------------------------------


def test_visit_csv_carries_levels_counterparts_counts_and_the_page_url(client, world):
    text = body(download(client, "/visits/", format="csv"))
    rows, last = csv_rows(text)
    assert list(rows[0]) == exports.VISIT_DOWNLOAD_FIELDS
    assert last == "# complete: 5 visits"
    malaysia = next(r for r in rows if r["id"] == str(world.to_malaysia.pk))
    # The day before the upgrade of 21 November 2024, and after it.
    assert malaysia["level_then"] == "strategic_partnership"
    assert malaysia["level_now"] == "comprehensive_strategic_partnership"
    assert malaysia["counterparts"] == "Anwar Ibrahim"  # the visitor is not their own counterpart
    assert (malaysia["meetings"], malaysia["agreements"]) == ("1", "1")
    assert malaysia["url"] == f"http://testserver/visits/{world.to_malaysia.pk}/"
    assert malaysia["sources"] == "000_malaysia.txt"
    france = next(r for r in rows if r["id"] == str(world.to_france.pk))
    assert (france["level_then"], france["counterparts"], france["meetings"]) == ("", "", "0")


def test_a_whole_json_list_closes_with_its_count_and_no_other_pages(client, world):
    response = download(client, "/visits/", format="json", host="MY")
    text = body(response)
    assert response["Content-Disposition"] == 'attachment; filename="visits.json"'
    assert text.rstrip().endswith("}")
    data = json.loads(text)
    assert data["count"] == 1 and data["next"] is None and data["previous"] is None
    assert data["visits"][0]["counterparts"] == ["Anwar Ibrahim"]


def test_a_download_cut_short_is_not_valid_json_nor_ends_with_the_last_line(client, world):
    text = body(download(client, "/meetings/", format="json"))
    json.loads(text)
    cut = text[: text.rindex("]")]
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut)
    csv_text = body(download(client, "/meetings/", format="csv"))
    assert csv_text.endswith("# complete: 2 meetings\r\n")
    assert not csv_text[:-30].rstrip().endswith("meetings")


@pytest.mark.parametrize(
    "url", ["/visits/", "/meetings/", "/agreements/", "/leaders/", "/countries/", "/articles/"]
)
def test_every_download_holds_the_rows_of_the_list_in_its_order(client, world, url):
    page = download(client, url)
    plural = url.strip("/")
    data = json.loads(body(download(client, url, format="json")))
    assert data["count"] == len(data[plural]) == page.context["count"] > 0
    key = "code" if plural == "countries" else "id"
    on_page = [r.pk for r in page.context["object_list"]]
    assert [r[key] for r in data[plural]][: len(on_page)] == on_page
    rows, last = csv_rows(body(download(client, url, format="csv")))
    assert last == f"# complete: {len(data[plural])} {plural}"
    assert [r[key] for r in rows] == [str(r[key]) for r in data[plural]]


def _many_visits(n: int) -> None:
    vn, my = country("VN"), country("MY")
    for _ in range(n):
        visit = VisitFactory(visitor_country=vn, host_country=my)
        meeting = MeetingFactory(visit=visit, country=my)
        ParticipationFactory(meeting=meeting)
        SpanEvidenceFactory(visit=visit)


def _consumed_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        body(download(client, url))
    return len(ctx.captured_queries)


def test_a_download_runs_the_same_queries_whatever_its_length(client):
    _many_visits(3)
    few = _consumed_queries(client, "/visits/?format=csv")
    _many_visits(40)
    assert _consumed_queries(client, "/visits/?format=csv") == few


def test_rows_are_read_a_chunk_at_a_time_through_a_server_side_cursor():
    _many_visits(7)
    rows = exports.visit_rows(models.Visit.objects.order_by("id"), site="", size=3)
    with CaptureQueriesContext(connection) as ctx:
        first = next(rows)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_cursors WHERE NOT is_holdable")
            open_cursors = cursor.fetchone()[0]
        rest = list(rows)
    assert open_cursors == 1  # a named cursor, inside the download's transaction
    assert [first["id"], *(r["id"] for r in rest)] == sorted(
        models.Visit.objects.values_list("id", flat=True)
    )
    side = [q for q in ctx.captured_queries if "visits_evidence" in q["sql"]]
    assert len(side) == 3  # sources: one query per chunk of 3, for 7 visits


# --- Pages of JSON ----------------------------------------------------------------------


def test_json_pages_carry_the_total_and_links_that_walk_the_whole_list(client):
    _many_visits(PER_PAGE + 7)
    data = json.loads(body(download(client, "/visits/", format="json", host="MY", page="1")))
    assert data["count"] == PER_PAGE + 7 and data["pages"] == 2 and data["previous"] is None
    assert len(data["visits"]) == PER_PAGE
    assert data["next"].startswith("http://testserver/visits/?")
    assert "host=MY" in data["next"] and "format=json" in data["next"]
    second = json.loads(body(client.get(data["next"])))
    assert second["next"] is None and "page=1" in second["previous"]
    ids = [v["id"] for v in data["visits"] + second["visits"]]
    assert sorted(ids) == sorted(models.Visit.objects.values_list("id", flat=True))


# --- The export command -----------------------------------------------------------------


def test_export_json_streams_the_scorers_object_whole(world):
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["visits", "meetings", "agreements"]
    assert [v["id"] for v in data["visits"]] == sorted(
        models.Visit.objects.values_list("id", flat=True)
    )
    assert list(data["visits"][0]) == exports.VISIT_FIELDS


def test_export_csv_files_end_with_the_count_of_their_rows(world, tmp_path):
    call_command(
        "export", "--format", "csv", "--output", str(tmp_path / "x.zip"), stderr=io.StringIO()
    )
    with zipfile.ZipFile(tmp_path / "x.zip") as archive:
        visits = archive.read("visits.csv").decode().splitlines()
        meetings = archive.read("meetings.csv").decode().splitlines()
    assert visits[-1] == "# complete: 5 visits" and len(visits) == 7
    assert meetings[-1] == "# complete: 2 meetings"
    call_command(
        "export", "--format", "csv", "--output", str(tmp_path / "dir"), stderr=io.StringIO()
    )
    assert (
        (tmp_path / "dir" / "agreements.csv").read_bytes().endswith(b"# complete: 2 agreements\r\n")
    )


# --- Every record page as JSON ----------------------------------------------------------


def _both(client, path: str) -> dict:
    """The JSON at `/x/5.json` and at `/x/5/?format=json`, which must be the same."""
    one = client.get(f"{path}.json")
    other = client.get(f"{path}/", {"format": "json"})
    assert one.status_code == other.status_code == 200
    assert one["Content-Type"] == "application/json"
    assert json.loads(one.content) == json.loads(other.content)
    return json.loads(one.content)


def test_a_visit_as_json_holds_its_row_meetings_agreements_and_evidence(client, world):
    data = _both(client, f"/visits/{world.to_malaysia.pk}")
    assert list(data["visit"]) == exports.VISIT_DOWNLOAD_FIELDS
    assert data["visit"]["level_then"] == "strategic_partnership"
    assert [m["participants"] for m in data["meetings"]] == [["Tô Lâm", "Anwar Ibrahim"]]
    assert data["meetings"][0]["url"] == f"http://testserver/meetings/{world.talks.pk}/"
    assert [a["kind"] for a in data["agreements"]] == ["partnership_upgrade"]
    assert data["evidence"][0]["sentence"].startswith("General Secretary Tô Lâm arrived")


def test_every_other_record_page_has_its_json(client, world):
    meeting = _both(client, f"/meetings/{world.talks.pk}")
    assert meeting["meeting"]["participants"] == ["Tô Lâm", "Anwar Ibrahim"]
    assert len(meeting["evidence"]) == 1
    agreement = _both(client, f"/agreements/{world.upgrade.pk}")
    assert agreement["agreement"]["parties"] == ["MY", "VN"]
    leader = _both(client, f"/leaders/{world.to_lam.pk}")
    assert leader["leader"]["name"] == "Tô Lâm"
    assert {v["host_country"] for v in leader["visits"]} == {"MY", "SG"}
    assert {m["kind"] for m in leader["meetings"]} == {"talks", "call"}
    vn = _both(client, "/countries/VN")
    assert vn["country"]["code"] == "VN" and vn["country"]["url"].endswith("/countries/VN/")
    assert ("MY", "comprehensive_strategic_partnership", "2024-11-21") in {
        (p["partner"], p["level"], p["since"]) for p in vn["partnerships"]
    }
    article = _both(client, f"/articles/{world.article.pk}")
    assert article["article"]["source"] == "000_malaysia.txt"
    assert article["article"]["page"] == f"http://testserver/articles/{world.article.pk}/"
    assert {e["record"] for e in article["evidence"]} == {"visit", "meeting", "agreement"}
    assert article["text"].startswith("KUALA LUMPUR")


@pytest.mark.parametrize(
    "path",
    [
        "/visits/999999",
        "/meetings/999999",
        "/agreements/999999",
        "/leaders/999999",
        "/countries/QQ",
        "/articles/999999",
    ],
)
def test_a_missing_record_as_json_is_a_json_404(client, world, path):
    response = client.get(f"{path}.json")
    assert response.status_code == 404
    assert "No " in json.loads(response.content)["error"]["message"]
    assert client.get(f"{path}/", {"format": "json"}).status_code == 404


def test_a_merged_visit_json_redirects_to_the_kept_visits_json(client, world):
    gone = world.to_singapore.pk
    models.MergedAway.objects.create(
        kind=models.MergedAway.Kind.VISIT, old_id=gone + 1000, new_id=world.to_malaysia.pk
    )
    response = client.get(f"/visits/{gone + 1000}.json")
    assert response.status_code == 301
    assert response["Location"] == f"/visits/{world.to_malaysia.pk}.json"


def test_the_levels_of_a_download_are_those_the_pages_show(client, world):
    """The download reads the partnerships once and finds each pair's level in Python;
    it must agree with the pages' per-row subquery (`selectors.level_at`), including on
    the day of an upgrade, before any partnership, and for a visit with no date."""
    from tests.factories import PartnershipFactory, level
    from visits import selectors

    vn, my, cn = country("VN"), country("MY"), country("CN")
    # Two levels from one day: the higher rank wins on the pages.
    PartnershipFactory(
        country_a=cn, country_b=vn, level=level("strategic_partnership"), since=world.xi_to_vn.start
    )
    days = (world.to_malaysia.start, dt.date(2024, 11, 21), dt.date(2015, 7, 31), None)
    for day in (*days, world.xi_to_vn.start):
        VisitFactory(visitor_country=my, host_country=vn, start=day, end=None)
        VisitFactory(visitor_country=vn, host_country=cn, start=day, end=None)
    shown = {v.pk: (v.level_then, v.level_now) for v in selectors.visit_list()}
    rows = json.loads(body(download(client, "/visits/", format="json")))["visits"]
    assert {r["id"]: (r["level_then"], r["level_now"]) for r in rows} == shown
    assert len({levels for levels in shown.values()}) >= 4
