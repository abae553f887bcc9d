"""Where applicants' files live: pitch decks and file answers.

They are kept outside MEDIA_ROOT, so no static or media URL serves them; a file's `.url` is the
permission-checked download view (bridge.programs.views.files), which hands it out only to the
applicant's organisation, to assigned reviewers without a conflict, and to programme staff.
Stored names are random (uuid4), never the uploaded name."""

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

# The names `upload_to` gives (models/applications.py); anything else is not one of ours.
STORED_NAME = re.compile(r"programs/(?:pitch-decks|answers)/[0-9a-f]{32}(?:\.[a-z0-9]{1,7})?")


def private_root() -> Path:
    """PROGRAMS_PRIVATE_ROOT if set, else a "private" folder beside MEDIA_ROOT."""
    root = getattr(settings, "PROGRAMS_PRIVATE_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private"


class PrivateStorage(FileSystemStorage):
    """A file system storage whose root follows the settings (tests move MEDIA_ROOT) and whose
    URLs point at the checked download view."""

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse("programs:file", kwargs={"name": name})


PRIVATE_STORAGE = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of applicants' files (a callable, so migrations name it, not its folder)."""
    return PRIVATE_STORAGE
