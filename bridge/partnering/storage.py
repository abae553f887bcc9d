"""Where listing attachments live: outside MEDIA_ROOT, so no media URL serves them. A file's
`.url` is the download view, which checks that the reader may see its listing (drafts and
listings waiting for validation only to their organisation and staff). Names are random."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse


def private_root() -> Path:
    root = getattr(settings, "PARTNERING_PRIVATE_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private"


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse("partnering:attachment", kwargs={"name": name})


PRIVATE_STORAGE = PrivateStorage()


def private_storage() -> PrivateStorage:
    return PRIVATE_STORAGE
