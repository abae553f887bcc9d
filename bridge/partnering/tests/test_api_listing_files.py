"""The API's listing files and partner profile (issue 16 item 1), for every role: the listing's
organisation may, strangers get 403 (a live listing) or 404 (a draft), anonymous callers 401,
read-only tokens 403; a file is checked by content and an image kept without its EXIF."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory, OrganisationFactory, UserFactory
from bridge.core.tests.files import has_metadata, jpeg_with_gps, pdf_bytes
from bridge.partnering.models import Attachment, PartnerProfile
from bridge.partnering.tests.factories import ListingFactory, member_of
from bridge.partnering.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

_TOKENS = itertools.count()


def bearer(user, *, read_only=False):
    raw = f"cb_file_{user.pk:08d}_{next(_TOKENS):06d}"
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    ApiTokenFactory(user=user, raw=raw, scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def upload(content=None, name="plan.pdf"):
    return {"attachment": SimpleUploadedFile(name, content or pdf_bytes(), "application/pdf")}


def url(listing):
    return f"/api/v1/partnering/listings/{listing.pk}/attachments"


def test_the_organisation_attaches_and_removes_files(client, ru_org, ru_owner):
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    added = client.post(url(draft), upload(), **bearer(ru_owner))
    assert added.status_code == 201 and added.json()["kind"] == "pdf"
    photo = client.post(url(draft), upload(jpeg_with_gps(), "photo.jpg"), **bearer(ru_owner))
    assert photo.status_code == 201 and photo.json()["kind"] == "jpeg"
    stored = Attachment.objects.get(pk=photo.json()["id"])
    with stored.file.open("rb") as handle:
        assert not has_metadata(handle.read())
    remove = f"{url(draft)}/{added.json()['id']}"
    assert client.delete(remove, **bearer(ru_owner)).status_code == 204
    assert client.delete(remove, **bearer(ru_owner)).status_code == 404
    assert list(draft.attachments.values_list("name", flat=True)) == ["photo.jpg"]


def test_files_are_refused_to_others(client, ru_org, ru_owner):
    listing = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    attachment = client.post(url(listing), upload(), **bearer(ru_owner)).json()["id"]
    remove = f"{url(listing)}/{attachment}"
    assert client.post(url(listing), upload()).status_code == 401
    assert client.delete(remove).status_code == 401
    stranger = bearer(UserFactory())
    assert client.post(url(listing), upload(), **stranger).status_code == 404  # a draft
    assert client.delete(remove, **stranger).status_code == 404
    read_only = bearer(ru_owner, read_only=True)
    assert client.post(url(listing), upload(), **read_only).status_code == 403
    assert client.delete(remove, **read_only).status_code == 403
    other = ListingFactory(organisation=OrganisationFactory(), status=Status.DRAFT)
    other_file = f"{url(other)}/{attachment}"
    assert client.delete(other_file, **bearer(ru_owner)).status_code == 404
    assert Attachment.objects.count() == 1


def test_a_live_listing_is_403_to_strangers_and_a_waiting_one_422(client, ru_org, ru_owner):
    live = ListingFactory(organisation=ru_org)
    assert client.post(url(live), upload(), **bearer(UserFactory())).status_code == 403
    waiting = ListingFactory(organisation=ru_org, status=Status.PENDING)
    refused = client.post(url(waiting), upload(), **bearer(ru_owner))
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["attachment"]
    assert not Attachment.objects.exists()


def test_bad_files_are_refused_at_the_field(client, ru_org, ru_owner):
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    html = client.post(url(draft), upload(b"<html>hello</html>", "x.pdf"), **bearer(ru_owner))
    assert html.status_code == 422 and list(html.json()["errors"]) == ["attachment"]
    missing = client.post(url(draft), {}, **bearer(ru_owner))
    assert missing.status_code == 422
    for _n in range(5):
        client.post(url(draft), upload(), **bearer(ru_owner))
    sixth = client.post(url(draft), upload(), **bearer(ru_owner))
    assert sixth.status_code == 422 and "5" in sixth.json()["errors"]["attachment"][0]
    assert draft.attachments.count() == 5


# ---- partner profile --------------------------------------------------------------------------


def profile_url(organisation):
    return f"/api/v1/partnering/organisations/{organisation.pk}/profile"


def put(client, url, body, **auth):
    return client.put(url, body, content_type="application/json", **auth)


def test_a_member_sets_the_kind_and_size(client, ru_org, ru_owner):
    member = member_of(ru_org)
    body = {"kind": "publisher", "size": "250+"}
    response = put(client, profile_url(ru_org), body, **bearer(member))
    assert response.status_code == 200
    assert response.json() == {"organisation": ru_org.pk, "kind": "publisher", "size": "250+"}
    assert PartnerProfile.objects.get(organisation=ru_org).kind == "publisher"


def test_the_profile_is_refused_to_others_and_bad_values(client, ru_org, uz_owner, ru_owner):
    body = {"kind": "publisher", "size": "250+"}
    assert put(client, profile_url(ru_org), body).status_code == 401
    assert put(client, profile_url(ru_org), body, **bearer(uz_owner)).status_code == 403
    read_only = bearer(ru_owner, read_only=True)
    assert put(client, profile_url(ru_org), body, **read_only).status_code == 403
    missing = "/api/v1/partnering/organisations/999999/profile"
    assert put(client, missing, body, **bearer(ru_owner)).status_code == 404
    for bad, field in (({"kind": "wizard", "size": "250+"}, "kind"), ({"kind": "studio"}, "size")):
        response = put(client, profile_url(ru_org), bad, **bearer(ru_owner))
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == [field]
    assert PartnerProfile.objects.get(organisation=ru_org).kind == "studio"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("offer.html", "offer.pdf"),
        ("Offer.PDF", "Offer.PDF"),
        ("scan", "scan.pdf"),
        ("C:\\Users\\me\\plan.exe", "plan.pdf"),
        ("a.b.svg", "a.b.pdf"),
        ("x" * 200 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_a_file_keeps_its_name_with_the_extension_of_what_it_is(
    client, ru_org, ru_owner, sent, kept
):
    """The downloader's computer opens a file by its extension: a PDF named .html would open
    in a browser."""
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    added = client.post(url(draft), upload(name=sent), **bearer(ru_owner))
    assert added.status_code == 201
    assert Attachment.objects.get(pk=added.json()["id"]).name == kept


def test_a_photo_may_be_named_jpeg_or_jpg_and_a_png_gets_its_own(client, ru_org, ru_owner):
    draft = ListingFactory(organisation=ru_org, status=Status.DRAFT)
    for sent in ("photo.jpeg", "photo.png"):
        response = client.post(url(draft), upload(jpeg_with_gps(), sent), **bearer(ru_owner))
        assert response.status_code == 201
    assert sorted(draft.attachments.values_list("name", flat=True)) == ["photo.jpeg", "photo.jpg"]
