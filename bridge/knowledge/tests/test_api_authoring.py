"""The library's authors through the API: start a practice, change its details, add and edit
language versions, restore a revision, send for review, withdraw, attach files. Members of the
practice's organisation may; to anyone else its drafts do not exist (404); reviewers publish or
return; bad input is refused at its field with nothing saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.tests.files import pdf_bytes
from bridge.knowledge.models import Attachment, Entry, Practice, Revision, Status
from bridge.knowledge.tests.factories import EntryFactory, PracticeFactory, bearer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/knowledge/entries"


def _send(client, method, url, data=None, **headers):
    return getattr(client, method)(url, data or {}, content_type="application/json", **headers)


@pytest.fixture
def draft(organisation):
    practice = PracticeFactory(organisation=organisation, slug="weaving-for-games")
    EntryFactory(practice=practice, language="ru", title="Ткачество", status=Status.DRAFT)
    return practice


def _valid(organisation) -> dict:
    return {
        "organisation": organisation.pk,
        "kind": "guide",
        "language": "en",
        "title": "Licensing ikat patterns",
        "summary": "How a studio licensed patterns from a weaving family.",
        "body": "## Steps\n\nWe met the family.",
        "sectors": ["games"],
        "themes": ["ikat"],
        "chapters": [{"at": 90, "title": "Contract"}],
    }


def test_a_member_starts_a_practice_and_works_on_it(client, member, organisation):
    headers = bearer(member)
    created = _send(client, "post", API, _valid(organisation), **headers)
    assert created.status_code == 201, created.content
    body = created.json()
    slug = body["slug"]
    assert body["organisation"] == organisation.slug
    assert body["themes"] == ["ikat"] and body["sectors"] == ["games"]
    assert [(v["language"], v["status"]["code"]) for v in body["versions"]] == [("en", "draft")]

    details = _send(
        client, "put", f"{API}/{slug}/details", {"kind": "case", "themes": []}, **headers
    )
    assert details.status_code == 200 and details.json()["kind"]["code"] == "case"
    assert details.json()["themes"] == [] and details.json()["sectors"] == []

    added = _send(
        client,
        "post",
        f"{API}/{slug}/versions",
        {"language": "ru", "title": "Лицензия", "summary": "Как студия лицензировала узоры."},
        **headers,
    )
    assert added.status_code == 201
    assert {v["language"] for v in added.json()["versions"]} == {"en", "ru"}
    twice = _send(
        client,
        "post",
        f"{API}/{slug}/versions",
        {"language": "ru", "title": "Ещё", "summary": "Ещё раз."},
        **headers,
    )
    assert twice.status_code == 422
    assert [e["field"] for e in twice.json()["errors"]] == ["language"]

    edited = _send(
        client, "patch", f"{API}/{slug}/versions/en", {"title": "Licensing abr"}, **headers
    )
    version = edited.json()["versions"][0]
    assert version["title"] == "Licensing abr" and version["revision"] == 2
    assert version["summary"] == "How a studio licensed patterns from a weaving family."
    restored = _send(client, "post", f"{API}/{slug}/versions/en/restore", {"number": 1}, **headers)
    assert restored.json()["versions"][0]["title"] == "Licensing ikat patterns"
    no_such = _send(client, "post", f"{API}/{slug}/versions/en/restore", {"number": 9}, **headers)
    assert no_such.status_code == 409 and no_such.json()["code"] == "revision"

    sent = _send(client, "post", f"{API}/{slug}/versions/en/submit", **headers)
    assert sent.json()["versions"][0]["status"]["code"] == "review"
    again = _send(client, "post", f"{API}/{slug}/versions/en/submit", **headers)
    assert again.status_code == 409 and again.json()["code"] == "status"
    locked = _send(client, "patch", f"{API}/{slug}/versions/en", {"title": "X"}, **headers)
    assert locked.status_code == 409
    assert Entry.objects.get(practice__slug=slug, language="en").title == "Licensing ikat patterns"

    archived = _send(client, "post", f"{API}/{slug}/versions/ru/archive", **headers)
    assert archived.json()["versions"][1]["status"]["code"] == "archived"


def test_bad_input_is_refused_at_its_field_with_nothing_saved(client, member, organisation):
    headers = bearer(member)
    cases = [
        ({"title": ""}, "title"),
        ({"summary": "x" * 601}, "summary"),
        ({"kind": "poem"}, "kind"),
        ({"language": "de"}, "language"),
        ({"sectors": ["astrology"]}, "sectors"),
        ({"keywords": ["no-such-concept"]}, "keywords"),
        ({"themes": ["games"]}, "themes"),
        ({"video_url": "ftp://x"}, "video_url"),
        ({"chapters": [{"at": -1, "title": "x"}]}, "at"),
        ({"title": "   "}, "title"),
    ]
    for change, field in cases:
        answer = _send(client, "post", API, {**_valid(organisation), **change}, **headers)
        assert answer.status_code == 422, change
        assert field in {e["field"] for e in answer.json()["errors"]}, (change, answer.json())
    assert not Practice.objects.exists() and not Revision.objects.exists()


def test_only_members_of_the_organisation_write(client, draft, organisation):
    stranger = UserFactory()
    Membership.objects.create(organisation=OrganisationFactory(), user=stranger, role=Role.OWNER)
    headers = bearer(stranger)
    not_theirs = _send(client, "post", API, _valid(organisation), **headers)
    assert not_theirs.status_code == 422 and not_theirs.json()["code"] == "not_member"
    slug = draft.slug
    for method, url, data in [
        ("put", f"{API}/{slug}/details", {"kind": "case"}),
        ("post", f"{API}/{slug}/versions", {"language": "en", "title": "T", "summary": "S"}),
        ("patch", f"{API}/{slug}/versions/ru", {"title": "Mine now"}),
        ("post", f"{API}/{slug}/versions/ru/restore", {"number": 1}),
        ("post", f"{API}/{slug}/versions/ru/submit", {}),
        ("post", f"{API}/{slug}/versions/ru/archive", {}),
    ]:
        assert _send(client, method, url, data, **headers).status_code == 404, url
    entry = Entry.objects.get(practice=draft)
    assert (entry.title, entry.status, entry.revision) == ("Ткачество", Status.DRAFT, 1)
    assert not Practice.objects.exclude(pk=draft.pk).exists()


def test_anonymous_and_read_only_callers_may_not(client, member, draft, organisation):
    assert _send(client, "post", API, _valid(organisation)).status_code == 401
    assert _send(client, "post", f"{API}/{draft.slug}/versions/ru/submit").status_code == 401
    read_only = bearer(member, read_only=True)
    assert _send(client, "post", API, _valid(organisation), **read_only).status_code == 403
    url = f"{API}/{draft.slug}/versions/ru/submit"
    assert _send(client, "post", url, **read_only).status_code == 403
    assert Entry.objects.get(practice=draft).status == Status.DRAFT


def test_files_are_attached_as_on_the_page_and_removed(client, member, draft):
    headers = bearer(member)
    url = f"{API}/{draft.slug}/versions/ru/attachments"
    added = client.post(url, {"file": SimpleUploadedFile("brief.pdf", pdf_bytes())}, **headers)
    assert added.status_code == 201, added.content
    attachment = added.json()["versions"][0]["attachments"][0]
    assert attachment["name"] == "brief.pdf" and attachment["kind"] == "pdf"

    disguised = client.post(
        url, {"file": SimpleUploadedFile("photo.pdf", b"MZ\x90\x00 not a pdf")}, **headers
    )
    assert disguised.status_code == 422
    assert [e["field"] for e in disguised.json()["errors"]] == ["file"]
    missing = client.post(url, {}, **headers)
    assert missing.status_code == 422
    assert Attachment.objects.count() == 1

    stranger = UserFactory()
    gone = f"{API}/{draft.slug}/attachments/{attachment['id']}"
    assert client.delete(gone, **bearer(stranger)).status_code == 404
    assert client.delete(gone, **headers).status_code == 200
    assert not Attachment.objects.exists()
    assert client.delete(gone, **headers).status_code == 404


def test_reviewers_publish_and_return_others_may_not(client, reviewer, member, draft):
    entry = Entry.objects.get(practice=draft)
    entry.status = Status.REVIEW
    entry.save()
    publish = f"{API}/{draft.slug}/versions/ru/publish"
    back = f"{API}/{draft.slug}/versions/ru/return"
    for someone in (member, UserFactory(is_staff=True, groups=["analyst"])):
        assert _send(client, "post", publish, **bearer(someone)).status_code == 403
        answer = _send(client, "post", back, {"reason": "More"}, **bearer(someone))
        assert answer.status_code == 403
    assert Entry.objects.get(pk=entry.pk).status == Status.REVIEW

    headers = bearer(reviewer)
    blank = _send(client, "post", back, {"reason": ""}, **headers)
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "reason"
    spaces = _send(client, "post", back, {"reason": "   "}, **headers)
    assert spaces.status_code == 422 and spaces.json()["errors"][0]["field"] == "reason"
    assert Entry.objects.get(pk=entry.pk).status == Status.REVIEW

    returned = _send(client, "post", back, {"reason": "Add the budget."}, **headers)
    version = returned.json()["versions"][0]
    assert (version["status"]["code"], version["review_note"]) == ("returned", "Add the budget.")
    refused = _send(client, "post", publish, **headers)
    assert refused.status_code == 409 and refused.json()["code"] == "status"
    _send(client, "post", f"{API}/{draft.slug}/versions/ru/submit", **bearer(member))
    published = _send(client, "post", publish, **headers)
    assert published.json()["versions"][0]["status"]["code"] == "published"
    assert _send(client, "post", f"{API}/no-such/versions/ru/publish", **headers).status_code == 404
    assert (
        _send(client, "post", f"{API}/{draft.slug}/versions/en/publish", **headers).status_code
        == 404
    )
