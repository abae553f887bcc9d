"""The knowledge API: entries (list, search, one in the caller's language), events (list, one,
register, read, cancel, .ics) and themes (with their linked items), for the callers who may and
may not use each, with bounded queries on the lists."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.knowledge.models import EventStatus
from bridge.knowledge.tests.factories import EntryFactory, EventFactory, published_practice

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/knowledge"


def bearer(user) -> dict:
    raw = f"cb_knowledge_{user.pk:08d}"
    if not user.api_tokens.exists():
        ApiTokenFactory(user=user, raw=raw)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def guide():
    return published_practice(
        versions={"ru": "Копродукция анимации", "uz": "Animatsiya ko-prodyuserligi"},
        themes=["alpamysh"],
        keywords=["co-production"],
    )


def test_entries_are_searched_across_languages_with_facets(client, guide):
    body = client.get(f"{API}/entries", {"q": "ko-prodyuserlik", "lang": "uz"}).json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert (item["slug"], item["language"], item["title"]) == (
        guide.slug,
        "uz",
        "Animatsiya ko-prodyuserligi",
    )
    assert item["languages"] == ["ru", "uz"]
    assert item["themes"] == [{"id": "alpamysh", "label": "Alpomish"}]
    assert {f["value"] for f in body["facets"]["language"]} == {"ru", "uz"}
    assert client.get(f"{API}/entries", {"theme": "suzani"}).json()["count"] == 0


def test_bad_parameters_are_a_422_at_the_field(client):
    response = client.get(f"{API}/entries", {"language": "de", "page_size": 1000})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"language", "page_size"}


def test_one_entry_in_the_callers_language_and_its_versions(client, guide):
    body = client.get(f"{API}/entries/{guide.slug}", {"lang": "uz-cyrl"}).json()
    assert body["language"] == "uz" and body["transliterated"] is True
    assert [v["language"] for v in body["versions"]] == ["ru", "uz"]
    english = client.get(f"{API}/entries/{guide.slug}", {"lang": "en"}).json()
    assert english["missing_language"] == "en"
    chosen = client.get(f"{API}/entries/{guide.slug}", {"version": "ru"}).json()
    assert chosen["title"] == "Копродукция анимации"
    assert "<h3>" in chosen["body_html"]


def test_drafts_are_not_found_by_others_and_are_by_their_authors(client, member):
    draft = EntryFactory(practice__organisation=member.organisations.first())
    assert client.get(f"{API}/entries/{draft.practice.slug}").status_code == 404
    assert client.get(f"{API}/entries/no-such-entry").json() == {"detail": "Not found."}
    body = client.get(f"{API}/entries/{draft.practice.slug}", **bearer(member)).json()
    assert body["versions"][0]["status"]["code"] == "draft"


def test_the_entry_list_takes_the_same_queries_for_few_or_many(
    client, django_assert_max_num_queries
):
    published_practice()
    with django_assert_max_num_queries(12) as few:
        client.get(f"{API}/entries")
    for _n in range(5):
        published_practice(versions=("ru", "en"), themes=["ikat"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"{API}/entries").json()["count"] == 6


def test_events_upcoming_and_past(client):
    upcoming = EventFactory(title_en="Soon")
    EventFactory(status=EventStatus.DRAFT)
    past = EventFactory(
        starts_at=timezone.now() - timedelta(days=3), recording_url="https://v.example/r"
    )
    body = client.get(f"{API}/events", {"lang": "en"}).json()
    assert [e["slug"] for e in body["items"]] == [upcoming.slug]
    assert body["items"][0]["places_left"] == 10
    assert body["items"][0]["recording_url"] == ""
    past_body = client.get(f"{API}/events", {"when": "past"}).json()
    assert [(e["slug"], e["recording_url"]) for e in past_body["items"]] == [
        (past.slug, "https://v.example/r")
    ]
    assert client.get(f"{API}/events", {"kind": "astrology"}).status_code == 422


def test_the_event_list_takes_the_same_queries_for_few_or_many(
    client, django_assert_max_num_queries
):
    EventFactory()
    with django_assert_max_num_queries(6) as few:
        client.get(f"{API}/events")
    for _n in range(5):
        EventFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"{API}/events").json()["count"] == 6


def test_register_read_and_cancel_with_the_waitlist_moving_up(client):
    event = EventFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    url = f"{API}/events/{event.slug}/registration"
    assert client.post(url).status_code == 401
    created = client.post(url, **bearer(first))
    assert created.status_code == 201
    assert created.json()["status"]["code"] == "confirmed"
    assert created.json()["join_url"] == event.join_url
    again = client.post(url, **bearer(first))
    assert (again.status_code, again.json()["code"]) == (409, "duplicate")
    waiting = client.post(url, **bearer(second)).json()
    assert (waiting["status"]["code"], waiting["position"], waiting["join_url"]) == (
        "waitlisted",
        1,
        "",
    )
    assert client.delete(url, **bearer(first)).json()["status"]["code"] == "cancelled"
    assert client.get(url, **bearer(second)).json()["status"]["code"] == "confirmed"
    assert client.get(url, **bearer(first)).status_code == 404
    assert client.delete(url, **bearer(first)).status_code == 404


def test_closed_events_refuse_registration_and_drafts_are_not_found(client):
    person = UserFactory()
    started = EventFactory(starts_at=timezone.now() - timedelta(minutes=1))
    response = client.post(f"{API}/events/{started.slug}/registration", **bearer(person))
    assert (response.status_code, response.json()["code"]) == (422, "closed")
    draft = EventFactory(status=EventStatus.DRAFT)
    assert (
        client.post(f"{API}/events/{draft.slug}/registration", **bearer(person)).status_code == 404
    )
    assert client.get(f"{API}/events/{draft.slug}").status_code == 404


def test_the_event_ics(client):
    event = EventFactory(title_en="Exporting games")
    response = client.get(f"{API}/events/{event.slug}/event.ics", {"lang": "en"})
    assert response["Content-Type"].startswith("text/calendar")
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["summary"]) == "Exporting games (Webinar)"


def test_themes_with_counts_and_their_linked_items(client, guide):
    themes = client.get(f"{API}/themes", {"lang": "en"}).json()
    alpamysh = next(t for t in themes if t["id"] == "alpamysh")
    assert alpamysh["counts"] == [{"section": "Practice library", "count": 1}]
    body = client.get(f"{API}/themes/alpamysh", {"lang": "en"}).json()
    (group,) = body["groups"]
    assert (group["key"], group["count"], group["items"][0]["title"]) == (
        "practices",
        1,
        "Копродукция анимации",
    )
    assert client.get(f"{API}/themes/silk").status_code == 404


def test_the_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        f"/api/v1/knowledge/{p}"
        for p in (
            "entries",
            "entries/{slug}",
            "events",
            "events/{slug}",
            "events/{slug}/registration",
            "events/{slug}/event.ics",
            "themes",
            "themes/{concept_id}",
        )
    } <= set(paths)
    assert {"get", "post", "delete"} <= set(paths["/api/v1/knowledge/events/{slug}/registration"])
