"""The pages as people use them: drafting with errors at the field, keywords, validation queue,
matches, expressions of interest, and query counts on every list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.tests.files import has_metadata, jpeg_with_gps, pdf_bytes
from bridge.partnering.models import Interest, Listing, SavedSearch
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, matched, member_of
from bridge.partnering.vocabulary import InterestStatus, Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FORM = {
    "kind": "request",
    "type": "co-production",
    "sectors": ["animation"],
    "title": "Сериал об Афанди",
    "summary": "Ищем студию для совместного производства сериала.",
    "language": "",
    "open_for_interest": "on",
    "org_kind": "studio",
    "org_size": "50-249",
    "stage": "development",
    "budget_min": "1000000",
    "budget_max": "3000000",
    "currency": "RUB",
}


def test_a_member_drafts_a_listing_with_keywords_typed_in_any_language(client, ru_org, ru_owner):
    client.force_login(ru_owner)
    response = client.post(
        "/partnering/new/",
        {
            **FORM,
            "organisation": ru_org.pk,
            "keyword_words": "suzani, анимационный сериал",
            "heritage": ["afandi"],
        },
    )
    listing = Listing.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/partnering/{listing.pk}/"
    assert (listing.status, listing.language, listing.heritage) == (Status.DRAFT, "ru", ["afandi"])
    assert listing.keywords == ["suzani", "animated-series"]
    assert (listing.stage, listing.currency) == ("development", "RUB")


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(client, ru_org, ru_owner):
    client.force_login(ru_owner)
    response = client.post(
        "/partnering/new/",
        {
            **FORM,
            "organisation": ru_org.pk,
            "title": "",
            "anonymous": "on",
            "summary": "Mail me: a@b.co",
            "budget_max": "5",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"title"}
    assert not Listing.objects.exists()
    response = client.post(
        "/partnering/new/",
        {**FORM, "organisation": ru_org.pk, "anonymous": "on", "summary": "Mail me: a@b.co"},
    )
    assert "e-mail" in response.context["form"].errors["summary"][0]
    response = client.post(
        "/partnering/new/", {**FORM, "organisation": ru_org.pk, "keyword_words": "zzzqqq"}
    )
    assert "zzzqqq" in response.context["form"].errors["keyword_words"][0]
    assert not Listing.objects.exists()


def test_an_attachment_is_checked_by_its_bytes(client, ru_org, ru_owner):
    client.force_login(ru_owner)
    fake = SimpleUploadedFile("deck.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(
        "/partnering/new/", {**FORM, "organisation": ru_org.pk, "attachment": fake}
    )
    assert "PDF, PNG или JPEG" in response.context["form"].errors["attachment"][0]  # in Russian
    assert not Listing.objects.exists()
    deck = SimpleUploadedFile("deck.pdf", pdf_bytes(), content_type="application/pdf")
    client.post("/partnering/new/", {**FORM, "organisation": ru_org.pk, "attachment": deck})
    attachment = Listing.objects.get().attachments.get()
    assert attachment.kind == "pdf"
    assert client.get(attachment.file.url).status_code == 200
    client.logout()
    assert client.get(attachment.file.url).status_code == 404  # a draft's file


def test_someone_without_an_organisation_is_sent_to_create_one(client):
    client.force_login(UserFactory())
    assert client.get("/partnering/new/")["Location"].startswith("/organisations/")


def test_staff_validate_in_bulk_from_the_queue(client, ru_org, moderator):
    listings = [
        ListingFactory(organisation=ru_org, status=Status.PENDING, ref=f"q{n}") for n in range(3)
    ]
    client.force_login(moderator)
    assert client.get("/partnering/staff/queue/").status_code == 200
    response = client.post(
        "/partnering/staff/queue/",
        {
            "listing": [listings[0].pk, listings[1].pk],
            "decision": "return",
            "reason": "Add a budget.",
        },
    )
    assert response.status_code == 302
    statuses = dict(Listing.objects.values_list("ref", "status"))
    assert statuses == {"q0": Status.RETURNED, "q1": Status.RETURNED, "q2": Status.PENDING}
    response = client.post(
        "/partnering/staff/queue/", {"listing": [listings[2].pk], "decision": "reject"}
    )
    assert response.status_code == 200  # reasons are required to reject
    assert Listing.objects.get(ref="q2").status == Status.PENDING


@pytest.mark.parametrize("role", ["signed-in", "member", "analyst"])
def test_only_validators_see_the_queue(client, ru_org, role):
    person = {
        "signed-in": UserFactory(),
        "member": member_of(ru_org),
        "analyst": UserFactory(is_staff=True, groups=["analyst"]),
    }[role]
    client.force_login(person)
    assert client.get("/partnering/staff/queue/").status_code == 403
    assert client.get("/partnering/staff/funnel/").status_code == (
        200 if role == "analyst" else 403
    )


def test_owner_actions_submit_close_open_renew_archive(client, ru_org, ru_owner):
    listing = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    client.force_login(ru_owner)
    url = f"/partnering/{listing.pk}/action/"
    client.post(url, {"action": "submit"})
    assert Listing.objects.get().status == Status.PENDING
    Listing.objects.update(status=Status.PUBLISHED)
    client.post(url, {"action": "close"})
    assert not Listing.objects.get().open_for_interest
    client.post(url, {"action": "open"})
    client.post(url, {"action": "renew"})
    assert Listing.objects.get().renewed_at is not None
    client.post(url, {"action": "archive"})
    assert Listing.objects.get().status == Status.ARCHIVED
    client.force_login(member_of(ListingFactory().organisation))
    assert client.post(url, {"action": "submit"}).status_code == 404  # archived: not visible


def test_matches_page_and_not_interested(client, ru_org, uz_org, ru_owner):
    request = ListingFactory(organisation=ru_org, kind="request", title="Сериал о Насреддине")
    offer = ListingFactory(
        organisation=uz_org, kind="offer", language="uz", title="Afandi haqida serial"
    )
    matched(request, offer)
    client.force_login(ru_owner)
    page = client.get(f"/partnering/{request.pk}/matches/").content.decode()
    assert "Afandi haqida serial" in page and "Общее:" in page  # reasons in the reader's language
    client.post(f"/partnering/{request.pk}/matches/{offer.pk}/dismiss/")
    assert (
        "Afandi haqida serial"
        not in client.get(f"/partnering/{request.pk}/matches/").content.decode()
    )


def test_interest_from_the_listing_page_and_the_answer(client, ru_org, uz_org, ru_owner, uz_owner):
    listing = ListingFactory(organisation=ru_org, author=ru_owner)
    client.force_login(uz_owner)
    assert "Qiziqish bildirish" in client.get(f"/partnering/{listing.pk}/").content.decode()
    response = client.post(
        f"/partnering/{listing.pk}/interest/",
        {
            "organisation": uz_org.pk,
            "message": "Salom",
            "brings": "Team",
            "expects": "Money",
            "timing": "",
        },
    )
    assert "timing" in response.context["form"].errors
    client.post(
        f"/partnering/{listing.pk}/interest/",
        {
            "organisation": uz_org.pk,
            "message": "Salom",
            "brings": "Team",
            "expects": "Money",
            "timing": "Now",
        },
    )
    interest = Interest.objects.get()
    assert (
        ru_owner.email not in client.get(f"/partnering/interests/{interest.pk}/").content.decode()
    )
    client.force_login(ru_owner)
    client.post(f"/partnering/interests/{interest.pk}/", {"action": "accept"})
    page = client.get(f"/partnering/interests/{interest.pk}/").content.decode()
    assert uz_owner.email in page
    client.force_login(uz_owner)
    assert ru_owner.email in client.get(f"/partnering/interests/{interest.pk}/").content.decode()
    client.force_login(member_of(ListingFactory().organisation))
    assert client.get(f"/partnering/interests/{interest.pk}/").status_code == 404


def test_saved_search_from_the_browse_page(client, ru_owner):
    client.force_login(ru_owner)
    client.post("/partnering/searches/", {"q": "afandi", "sector": ["animation"]})
    saved = SavedSearch.objects.get()
    assert (saved.q, saved.filters) == ("afandi", {"sector": ["animation"]})
    other = UserFactory()
    client.force_login(other)
    assert client.post(f"/partnering/searches/{saved.pk}/delete/").status_code == 404
    client.force_login(ru_owner)
    client.post(f"/partnering/searches/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_keyword_suggestions_in_any_script(client):
    assert "Afandi" in client.get("/partnering/keywords/", {"keyword_q": "насред"}).content.decode()


def test_browse_facets_and_cross_lingual_search(client, ru_org, uz_org):
    ListingFactory(
        organisation=uz_org,
        language="uz",
        title="Soʻzana naqshlari litsenziyasi",
        type="licensing",
        sectors=["crafts"],
    )
    ListingFactory(organisation=ru_org, language="ru", title="Мобильная игра", sectors=["games"])
    page = client.get("/partnering/", {"q": "сюзане"}).content.decode()
    assert "Soʻzana naqshlari" in page and "Мобильная игра" not in page
    page = client.get("/partnering/", {"sector": "games"}).content.decode()
    assert "Мобильная игра" in page and "Soʻzana" not in page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_take_the_same_number_of_queries_for_3_or_12_rows(client, ru_org, ru_owner):
    request = ListingFactory(organisation=ru_org, kind="request", title="Сериал о Насреддине")
    urls = (
        "/partnering/",
        f"/partnering/{request.pk}/matches/",
        "/partnering/mine/",
        "/partnering/interests/",
        "/api/v1/partnering/listings",
        "/api/v1/partnering/interests",
        f"/api/v1/partnering/listings/{request.pk}/matches",
    )
    client.force_login(ru_owner)
    counts = []
    for n in (3, 12):
        while Listing.objects.filter(kind="offer").count() < n:
            offer = ListingFactory(
                organisation=OrganisationFactory(country="UZ"), language="uz", title="Afandi serial"
            )
            InterestFactory(listing=request, organisation=offer.organisation)
            InterestFactory(listing=offer, organisation=ru_org, status=InterestStatus.ACCEPTED)
        matched(*Listing.objects.all())
        counts.append([_queries(client, url) for url in urls])
    assert counts[0] == counts[1]
    assert max(counts[1]) <= 25


def test_an_attached_photo_is_stored_without_its_gps_position(client, ru_org, ru_owner):
    client.force_login(ru_owner)
    photo = SimpleUploadedFile("set.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client.post("/partnering/new/", {**FORM, "organisation": ru_org.pk, "attachment": photo})
    attachment = Listing.objects.get().attachments.get()
    assert (attachment.kind, attachment.name) == ("jpeg", "set.jpg")
    served = b"".join(client.get(attachment.file.url).streaming_content)
    assert served.startswith(b"\xff\xd8") and not has_metadata(served)
    assert attachment.size == len(served)
