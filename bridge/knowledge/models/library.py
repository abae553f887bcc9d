"""The practice library: a practice (case study, guide, template, recording or answer) written by
an organisation, in one or more linked language versions, each reviewed before it is published
and kept with its history of revisions and its attached files."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation, Sector
from bridge.knowledge.languages import LANGUAGES, reader_language, written_language
from bridge.knowledge.storage import attachment_storage


class Kind(models.TextChoices):
    CASE = "case", _("Case study")
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    RECORDING = "recording", _("Recording")
    ANSWER = "answer", _("Answer")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# An author may change a version in these states; a published one is changed in place and
# flagged for reviewers (docs/decisions/0008-knowledge.md).
EDITABLE = (Status.DRAFT, Status.RETURNED, Status.PUBLISHED)


class Practice(models.Model):
    """What the language versions share: who wrote it, about what, and its votes."""

    slug = models.SlugField(_("address"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("authors"), blank=True, related_name="practices"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)  # thesaurus concept ids
    themes = models.JSONField(_("heritage themes"), default=list, blank=True)  # heritage ids
    video_url = models.URLField(_("video address"), blank=True)
    original_language = models.CharField(_("original language"), max_length=3, choices=LANGUAGES)
    useful_count = models.PositiveIntegerField(_("found useful"), default=0)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-first_published_at", "-id"]
        permissions = [
            ("review_entry", _("Can review and publish practice entries")),
            ("moderate_question", _("Can moderate questions to authors")),
        ]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("knowledge:practice", kwargs={"slug": self.slug})

    @property
    def concept_ids(self) -> list[str]:
        """Keywords and themes: what related items are found through."""
        return list(dict.fromkeys([*self.themes, *self.keywords]))


class Entry(models.Model):
    """One language version. Its fields hold the text as it is now; each change is a Revision."""

    practice = models.ForeignKey(
        Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="entries"
    )
    language = models.CharField(_("language"), max_length=3, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("text"), blank=True)  # the author's Markdown
    body_html = models.TextField(editable=False, blank=True)  # rendered and sanitised
    reading_minutes = models.PositiveSmallIntegerField(_("reading time, minutes"), default=1)
    chapters = models.JSONField(_("chapters"), default=list, blank=True)  # [{"at": s, "title"}]
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    changed_after_review = models.BooleanField(_("changed since it was published"), default=False)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # The revision a reviewer last published: what a change made since is compared with.
    reviewed_revision = models.PositiveIntegerField(default=0)
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["practice", "language"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="entry_one_per_language")
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        url = reverse("knowledge:practice", kwargs={"slug": self.practice.slug})
        return (
            url
            if self.language == self.practice.original_language
            else f"{url}?lang={self.language}"
        )

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class Revision(models.Model):
    """The text of a version as it was saved: the history authors and reviewers read."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    body = models.TextField(_("text"), blank=True)
    chapters = models.JSONField(_("chapters"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["entry", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entry} #{self.number}"


def _attachment_path(instance, filename: str) -> str:
    # Stored names are random; the name people see is kept in `name`.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"attachments/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, storage=attachment_storage, max_length=120)
    name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(_("file type"), max_length=8)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["entry", "created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "knowledge:attachment",
            kwargs={"slug": self.entry.practice.slug, "pk": self.pk, "name": self.name},
        )


def reader_entry(entries, language: str | None = None):
    """The version for a reader of ``language`` among ``entries`` (published ones, say): their
    own, else the original, else the first. None when there is none."""
    entries = list(entries)
    if not entries:
        return None
    wanted = written_language(reader_language(language))
    by_language = {entry.language: entry for entry in entries}
    if wanted in by_language:
        return by_language[wanted]
    original = entries[0].practice.original_language
    return by_language.get(original, entries[0])
