"""The notification centre and the preferences page, for each role."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from bridge.core.mail import notify
from bridge.core.models import Delivery, Notification, NotificationPreference
from bridge.core.notifications.services import notifications_mark_read_about

VERIFIED = "organisations/email/verified"


def _tell(person, n=1, organisation="Zarafshon Looms"):
    for i in range(n):
        notify(
            to=person,
            template=VERIFIED,
            context={"organisation": f"{organisation} {i}", "url": "/organisations/rishton/"},
        )


@pytest.fixture
def person(outsider, client):
    client.force_login(outsider)
    return outsider


@pytest.mark.parametrize(
    "path", ["/notifications/", "/notifications/settings/", "/notifications/read-all/"]
)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path) if "read-all" not in path else client.post(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_header_bell_shows_the_unread_count(person, client):
    _tell(person, 3)
    page = client.get("/").content.decode()
    assert 'class="bell-count" aria-hidden="true">3<' in page


def test_the_centre_lists_newest_first_with_subject_and_link(person, client):
    _tell(person, 2)
    page = client.get("/notifications/").content.decode()
    assert page.index("Zarafshon Looms 1 is verified") < page.index("Zarafshon Looms 0 is verified")
    assert 'href="/organisations/rishton/"' in page


def test_the_subject_is_in_the_readers_language(person, client):
    _tell(person)
    client.cookies["django_language"] = "ru"
    page = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Zarafshon Looms 0" in page
    assert "is verified" not in page


def test_mark_one_as_read_without_javascript_and_with_htmx(person, client):
    _tell(person, 2)
    first, second = Notification.objects.order_by("id")
    response = client.post(f"/notifications/{first.pk}/read/")
    assert response.status_code == 302
    response = client.post(f"/notifications/{second.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert f'id="notif-{second.pk}"' in fragment
    assert 'id="bell" hx-swap-oob="true"' in fragment
    assert "bell-count" not in fragment
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "bell-count" not in client.get("/").content.decode()


def test_mark_all_as_read(person, client):
    _tell(person, 3)
    assert client.post("/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_one_person_cannot_read_or_mark_anothers_notifications(person, member, client):
    _tell(member)
    theirs = Notification.objects.get(recipient=member)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert "Zarafshon" not in client.get("/notifications/").content.decode()
    client.post("/notifications/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(person, client):
    _tell(person)
    line = Notification.objects.get()
    assert client.get(f"/notifications/{line.pk}/read/").status_code == 405


def test_the_centre_is_paginated(person, client):
    _tell(person, 25)
    first = client.get("/notifications/").content.decode()
    assert "Page 1 of 2" in first
    second = client.get("/notifications/?page=2").content.decode()
    assert second.count('<li class="notif') == 5
    assert client.get("/notifications/?page=zzz").status_code == 200


def test_the_centre_asks_the_same_number_of_queries_for_3_or_30(
    person, client, django_assert_max_num_queries
):
    _tell(person, 3)
    with django_assert_max_num_queries(20) as few:
        client.get("/notifications/")
    _tell(person, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/notifications/")


def test_the_bell_is_one_count_per_page_whatever_came_before(
    person, client, django_assert_max_num_queries
):
    _tell(person, 2)
    for _ in range(2):  # the same cost on a first and on a later visit
        with django_assert_max_num_queries(50) as page:
            response = client.get("/accounts/profile/")
        bell = [q for q in page.captured_queries if "core_notification" in q["sql"]]
        assert len(bell) == 1
        assert 'class="bell-count" aria-hidden="true">2<' in response.content.decode()


def test_preferences_default_to_at_once_and_lock_the_essential_kind(person, client):
    page = client.get("/notifications/settings/").content.decode()
    checked = re.findall(r'<input[^>]*value="(\w+)"[^>]*checked', page)
    assert checked == ["instant"] * 10
    assert "Always by e-mail" in page
    assert len(re.findall(r'<input[^>]*name="account"[^>]*disabled', page)) == 3
    assert not re.findall(r'<input[^>]*name="meetings"[^>]*disabled', page)


def test_preferences_are_saved_and_forged_essential_values_ignored(person, client):
    data = {"meetings": "digest", "alerts": "in_app", "account": "in_app"}
    response = client.post("/notifications/settings/", data | {"samples": "instant"})
    assert response.status_code == 302
    chosen = dict(NotificationPreference.objects.values_list("kind", "delivery"))
    assert chosen["meetings"] == Delivery.DIGEST
    assert chosen["alerts"] == Delivery.IN_APP
    assert "account" not in chosen


def test_a_bad_preference_value_is_an_error_at_the_field(person, client):
    response = client.post("/notifications/settings/", {"meetings": "carrier-pigeon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_subject_with_markup_is_shown_as_text(person, client):
    _tell(person, organisation="Tom & Jerry <b>")
    page = client.get("/notifications/").content.decode()
    assert "Tom &amp; Jerry &lt;b&gt; 0 is verified" in page


def test_a_line_about_a_page_of_this_site_links_by_path_and_the_digest_by_full_address(
    person, client, settings
):
    """E-mails carry the site's full address; in the centre the path keeps the reader on the
    host they use. Opening the page the line is about marks it read."""
    settings.SITE_URL = "https://bridge.example.org"
    NotificationPreference.objects.create(user=person, kind="organisation", delivery="digest")
    notify(
        to=person,
        template=VERIFIED,
        context={"organisation": "Rishton", "url": "https://bridge.example.org/organisations/r/"},
    )
    page = client.get("/notifications/").content.decode()
    assert 'href="/organisations/r/"' in page and "bridge.example.org" not in page
    call_command("send_notification_digest")
    assert "https://bridge.example.org/organisations/r/" in mail.outbox[-1].body
    assert notifications_mark_read_about(user=person, path="/organisations/other/") == 0
    assert notifications_mark_read_about(user=person, path="/organisations/r/") == 1
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
