"""The clock's e-mails: the weekly digest of new matches, saved-search alerts, and the
`partnering_tick` command for cron."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from bridge.core.tests.files import pdf_bytes
from bridge.partnering.files import MAX_BYTES, attachment_kind
from bridge.partnering.models import Digest, Match, SavedSearch
from bridge.partnering.services.alerts import alerts_send, digests_send, saved_search_create
from bridge.partnering.tests.factories import ListingFactory, matched

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_weekly_digest_of_new_matches_once_a_week(
    ru_org, uz_org, ru_owner, uz_owner, mailoutbox, django_capture_on_commit_callbacks
):
    request = ListingFactory(organisation=ru_org, kind="request", title="Сериал о Насреддине")
    offer = ListingFactory(organisation=uz_org, language="uz", title="Afandi haqida serial")
    matched(request, offer)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 2
        assert digests_send() == 0  # nothing new
    assert sorted(m.to[0] for m in mailoutbox) == sorted([ru_owner.email, uz_owner.email])
    assert "Afandi haqida serial" in next(m for m in mailoutbox if m.to == [ru_owner.email]).body
    assert not Match.objects.filter(notified_at__isnull=True).exists()
    late = ListingFactory(
        organisation=uz_org, language="uz", title="Nasriddin Afandi serial 2", ref="x"
    )
    matched(late)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == 0  # this week's digest went out already
        assert digests_send(now=timezone.now() + timedelta(days=7, minutes=1)) >= 1
    assert Digest.objects.count() >= 3


def test_saved_search_alerts_name_only_new_listings(
    ru_org, ru_owner, mailoutbox, django_capture_on_commit_callbacks
):
    saved = saved_search_create(actor=ru_owner, q="suzani", filters={"sector": ["crafts"]})
    ListingFactory(
        organisation=ru_org,
        title="Suzani patterns licence",
        sectors=["crafts"],
        published_at=timezone.now() - timedelta(days=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts_send() == 0  # published before the search was saved
        ListingFactory(
            organisation=ru_org, title="Bukhara suzani workshop", sectors=["crafts"], ref="new"
        )
        ListingFactory(organisation=ru_org, title="Suzani game art", sectors=["games"], ref="games")
        assert alerts_send() == 1
        assert alerts_send() == 0
    body = mailoutbox[0].body
    assert "Bukhara suzani workshop" in body and "game art" not in body
    saved.refresh_from_db()
    assert saved.last_alert_at is not None


def test_saved_searches_are_bounded(ru_owner):
    for n in range(20):
        saved_search_create(actor=ru_owner, q=f"word{n}", filters={})
    with pytest.raises(ValidationError):
        saved_search_create(actor=ru_owner, q="one more", filters={})
    assert SavedSearch.objects.count() == 20


def test_the_tick_command(capsys):
    call_command("partnering_tick")
    out = capsys.readouterr().out
    assert "listings_archived: 0" in out and "digests: 0" in out


def _png(size=(8, 8)) -> BytesIO:
    data = BytesIO()
    Image.new("RGB", size, "teal").save(data, "PNG")
    data.seek(0)
    data.size = len(data.getvalue())
    return data


def _upload(raw: bytes) -> BytesIO:
    data = BytesIO(raw)
    data.size = len(raw)
    return data


@pytest.mark.unit
def test_attachments_are_recognised_by_content():
    assert attachment_kind(_upload(pdf_bytes())) == "pdf"
    assert attachment_kind(_png()) == "png"
    truncated = _png((64, 64)).getvalue()[:-40]
    for raw in (truncated, b"%PDF-1.4 but nothing else", b"GIF89a......", b"MZ\x90\x00 exe"):
        with pytest.raises(ValidationError):
            attachment_kind(_upload(raw))
    big = _upload(pdf_bytes(padding=MAX_BYTES))
    with pytest.raises(ValidationError) as refused:
        attachment_kind(big)
    assert refused.value.code == "too_large"
