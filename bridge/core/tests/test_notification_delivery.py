"""What `notify` does for each preference: a line in the centre, and the e-mail at once, in the
digest, or not at all; the unsubscribe link and headers; the one-click page."""

from urllib.parse import urlsplit

import pytest
from django.core import mail

from bridge.core.mail import notify
from bridge.core.models import Delivery, Notification, NotificationPreference
from bridge.core.notifications.selectors import unread_count
from bridge.core.notifications.tokens import make_token

VERIFIED = "organisations/email/verified"
CONTEXT = {"organisation": "Rishton Ceramics", "url": "/organisations/rishton/"}


@pytest.fixture
def person(outsider):
    return outsider


def _choose(person, kind, delivery):
    NotificationPreference.objects.create(user=person, kind=kind, delivery=delivery)


def test_by_default_a_person_gets_the_email_at_once_and_a_line_in_the_centre(person):
    notify(to=person, template=VERIFIED, context=CONTEXT)
    assert len(mail.outbox) == 1
    line = Notification.objects.get(recipient=person)
    assert (line.kind, line.delivery, line.read_at) == ("organisation", Delivery.INSTANT, None)
    assert line.context == CONTEXT
    assert unread_count(person) == 1


def test_the_email_carries_a_one_click_unsubscribe_for_its_kind(person, client):
    notify(to=person, template=VERIFIED, context=CONTEXT)
    message = mail.outbox[0]
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    assert "/notifications/unsubscribe/" in url
    # What a mail client does for RFC 8058: a POST without a session or CSRF token.
    response = client.post(urlsplit(url).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=person, kind="organisation").delivery == (
        Delivery.IN_APP
    )


def test_digest_holds_the_email(person):
    _choose(person, "organisation", Delivery.DIGEST)
    notify(to=person, template=VERIFIED, context=CONTEXT)
    assert mail.outbox == []
    assert Notification.objects.get(recipient=person).delivery == Delivery.DIGEST


def test_in_app_only_sends_nothing_but_keeps_the_line(person):
    _choose(person, "organisation", Delivery.IN_APP)
    notify(to=person, template=VERIFIED, context=CONTEXT)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=person, delivery=Delivery.IN_APP).count() == 1


def test_essential_mail_ignores_the_preference_has_no_unsubscribe_and_keeps_no_link(person):
    _choose(person, "account", Delivery.IN_APP)  # not offered by the page; even if stored
    notify(to=person, template="accounts/email/confirm", context={"url": "https://x/t0ken"})
    message = mail.outbox[0]
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/notifications/unsubscribe/" not in message.body
    assert Notification.objects.get(recipient=person).context == {}


def test_a_bare_address_is_always_emailed_at_once_and_records_nothing(person):
    _choose(person, "organisation", Delivery.IN_APP)
    notify(to="newcomer@example.org", template="organisations/email/invitation", context={})
    assert [m.to for m in mail.outbox] == [["newcomer@example.org"]]
    assert not Notification.objects.exists()


def test_the_email_is_in_the_recipients_language(person):
    person.language = "ru"
    person.save(update_fields=["language"])
    notify(to=person, template=VERIFIED, context=CONTEXT)
    body = mail.outbox[0].body
    assert "Отписаться от этих писем одним нажатием:" in body
    assert "Организации: приглашения, проверка" in body


def test_an_unknown_template_is_refused(person):
    with pytest.raises(KeyError):
        notify(to=person, template="nowhere/email/nothing", context={})


def test_unsubscribe_page_asks_first_in_the_recipients_language(person, client):
    person.language = "ru"
    person.save(update_fields=["language"])
    token = make_token(user_id=person.pk, kind="meetings")
    response = client.get(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 200
    assert "Встречи" in response.content.decode()
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize(
    "token",
    ["garbage", "eyJ1IjoxLCJrIjoibWVldGluZ3MifQ:1abc:xyz", "x:y:z", "a" * 300],
)
def test_a_tampered_token_gets_a_clear_400(person, client, token):
    for method in (client.get, client.post):
        response = method(f"/notifications/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_an_essential_kind_cannot_be_unsubscribed_even_with_a_signed_token(person, client):
    token = make_token(user_id=person.pk, kind="account")
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert not NotificationPreference.objects.exists()
