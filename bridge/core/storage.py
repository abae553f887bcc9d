"""Private files: kept outside MEDIA_ROOT, so no static or media URL serves them; a file's
`.url` is an app's permission-checked download view. Stored names are random, never the
uploaded name."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse


class PrivateStorage(FileSystemStorage):
    """Root: the setting ``root_setting`` if set, else a "private" folder beside MEDIA_ROOT
    (followed at each use, so tests that move MEDIA_ROOT move it too); URLs: ``url_name``."""

    def __init__(self, *, root_setting: str, url_name: str) -> None:
        super().__init__()
        self.root_setting, self.url_name = root_setting, url_name

    def root(self) -> Path:
        root = getattr(settings, self.root_setting, None)
        return Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private"

    @property
    def base_location(self):
        return str(self.root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse(self.url_name, kwargs={"name": name})
