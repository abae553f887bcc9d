"""Authors write practices: a draft with its first version, more language versions, edits as
revisions, files checked by content. Bad input is refused at its field and nothing is saved."""

import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bridge.core.models import AuditEntry
from bridge.core.tests.files import has_metadata, jpeg_with_gps
from bridge.knowledge.models import Attachment, Entry, Practice, Revision, Status
from bridge.knowledge.services import practices, review
from bridge.knowledge.tests.factories import EntryFactory, PracticeFactory
from bridge.knowledge.tests.test_attachments import pdf_bytes, png_bytes
from bridge.search.selectors import search

pytestmark = pytest.mark.integration

GOOD = {
    "kind": "guide",
    "language": "ru",
    "title": "  Копродукция   анимации ",
    "summary": "Как делить права.",
    "body": "## Права\n\nПо вкладу.",
    "sectors": ["animation"],
    "keywords": ["co-production"],
    "themes": ["alpamysh"],
}


def test_a_member_starts_a_draft_with_its_first_version_and_revision(member, organisation):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    entry = practice.entries.get()
    assert (practice.kind, practice.original_language, practice.slug) == (
        "guide",
        "ru",
        "koproduktsiya-animatsii",
    )
    assert list(practice.authors.all()) == [member]
    assert [s.code for s in practice.sectors.all()] == ["animation"]
    assert (entry.title, entry.status, entry.revision) == ("Копродукция анимации", Status.DRAFT, 1)
    assert "<h3>Права</h3>" in entry.body_html and entry.reading_minutes == 1
    assert entry.revisions.get().title == "Копродукция анимации"
    assert AuditEntry.objects.filter(action="knowledge.practice_create").count() == 1
    # A draft is not in the library.
    assert search(key="practices", q="копродукция").count == 0


def test_someone_outside_the_organisation_cannot_write_in_its_name(outsider, organisation):
    with pytest.raises(PermissionDenied):
        practices.practice_create(actor=outsider, organisation=organisation, **GOOD)
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"summary": ""}, "summary"),
        ({"summary": "x\x00y"}, "summary"),
        ({"kind": "poem"}, "kind"),
        ({"language": "de"}, "language"),
        ({"themes": ["silk"]}, "themes"),  # a concept, but not a heritage theme
        ({"keywords": ["no-such-concept"]}, "keywords"),
        ({"sectors": ["astrology"]}, "sectors"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
        ({"chapters": [{"at": -5, "title": "x"}]}, "chapters"),
        ({"body": "x" * 60_001}, "body"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(
    member, organisation, change, field
):
    with pytest.raises(ValidationError) as refused:
        practices.practice_create(actor=member, organisation=organisation, **{**GOOD, **change})
    assert field in refused.value.message_dict
    assert (Practice.objects.count(), Entry.objects.count()) == (0, 0)


def test_a_language_version_is_linked_once_per_language(member, organisation):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    uzbek = practices.entry_create(
        actor=member, practice=practice, language="uz", title="Ko-prodyuserlik", summary="Huquqlar."
    )
    assert sorted(practice.entries.values_list("language", flat=True)) == ["ru", "uz"]
    assert uzbek.status == Status.DRAFT
    with pytest.raises(ValidationError) as refused:
        practices.entry_create(
            actor=member, practice=practice, language="uz", title="Again", summary="Again."
        )
    assert "language" in refused.value.message_dict


def test_each_save_is_a_revision_and_an_earlier_one_can_come_back(member, organisation):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    entry = practice.entries.get()
    practices.entry_update(actor=member, entry=entry, title="Второе", summary="Новое.", body="B")
    unchanged = practices.entry_update(
        actor=member, entry=entry, title="Второе", summary="Новое.", body="B"
    )
    assert unchanged.revision == 2  # nothing changed, no revision
    restored = practices.entry_restore(actor=member, entry=entry, number=1)
    assert (restored.title, restored.revision) == ("Копродукция анимации", 3)
    assert list(entry.revisions.values_list("number", flat=True)) == [3, 2, 1]
    with pytest.raises(ValidationError):
        practices.entry_restore(actor=member, entry=entry, number=99)


def test_a_published_version_changes_at_once_and_is_flagged_for_reviewers(member, reviewer):
    entry = EntryFactory(
        status=Status.PUBLISHED, practice__organisation=member.organisations.first()
    )
    practices.entry_update(actor=member, entry=entry, title="Шёлковый путь", summary="Новое.")
    entry.refresh_from_db()
    assert (entry.status, entry.changed_after_review) == (Status.PUBLISHED, True)
    assert search(key="practices", q="шёлковый").ids == [entry.practice_id]


def test_a_version_in_review_cannot_be_changed(member, organisation):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    entry = review.entry_submit(actor=member, entry=practice.entries.get())
    with pytest.raises(ValidationError):
        practices.entry_update(actor=member, entry=entry, title="X", summary="Y")


def test_others_cannot_edit(member, outsider, organisation):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    with pytest.raises(PermissionDenied):
        practices.entry_update(actor=outsider, entry=practice.entries.get(), title="X", summary="Y")
    with pytest.raises(PermissionDenied):
        practices.practice_update(actor=outsider, practice=practice, kind="case")


def test_files_are_checked_stored_privately_and_removed(
    member, organisation, settings, django_capture_on_commit_callbacks
):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    entry = practice.entries.get()
    attachment = practices.attachment_add(
        actor=member, entry=entry, upload=SimpleUploadedFile("Смета.pdf", pdf_bytes())
    )
    assert (attachment.kind, attachment.name) == ("pdf", "Смета.pdf")
    assert str(settings.MEDIA_ROOT) not in attachment.file.path
    with pytest.raises(ValidationError) as refused:
        practices.attachment_add(
            actor=member, entry=entry, upload=SimpleUploadedFile("photo.pdf", png_bytes())
        )
    assert "file" in refused.value.message_dict
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        practices.attachment_remove(actor=member, attachment=attachment)
    assert not Attachment.objects.exists()
    assert not os.path.exists(path)


def test_details_are_shared_by_every_version(member):
    practice = PracticeFactory(organisation=member.organisations.first())
    practices.practice_update(
        actor=member, practice=practice, kind="case", sectors=["games"], themes=["afandi"]
    )
    practice.refresh_from_db()
    assert (practice.kind, practice.themes) == ("case", ["afandi"])
    assert Revision.objects.count() == 0


def test_an_attached_photo_loses_its_gps_position_and_author(member, organisation):
    practice = practices.practice_create(actor=member, organisation=organisation, **GOOD)
    attachment = practices.attachment_add(
        actor=member,
        entry=practice.entries.get(),
        upload=SimpleUploadedFile("kiln.jpg", jpeg_with_gps(), content_type="image/jpeg"),
    )
    assert (attachment.kind, attachment.name) == ("jpg", "kiln.jpg")
    with attachment.file.open("rb") as stored:
        data = stored.read()
    assert not has_metadata(data) and attachment.size == len(data)
