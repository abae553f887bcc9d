"""Where attached files live: outside MEDIA_ROOT, so that a draft's attachment is never
reachable by a media URL; the checked download views hand them out."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root() -> Path:
    """KNOWLEDGE_PRIVATE_ROOT if set, else "private/knowledge" beside MEDIA_ROOT: drafts'
    attachments must not be reachable by a media URL."""
    root = getattr(settings, "KNOWLEDGE_PRIVATE_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private" / "knowledge"


class AttachmentStorage(FileSystemStorage):
    """Follows the settings (tests move MEDIA_ROOT); files are handed out by checked views."""

    @property
    def base_location(self):
        return str(private_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)


ATTACHMENT_STORAGE = AttachmentStorage()


def attachment_storage() -> AttachmentStorage:
    """A callable, so migrations name it and not its folder."""
    return ATTACHMENT_STORAGE
