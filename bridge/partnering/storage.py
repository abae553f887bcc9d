"""Where listing attachments live: outside MEDIA_ROOT (bridge.core.storage). A file's `.url` is
the download view, which checks that the reader may see its listing (drafts and listings waiting
for validation only to their organisation and staff)."""

from bridge.core.storage import PrivateStorage

PRIVATE_STORAGE = PrivateStorage(
    root_setting="PARTNERING_PRIVATE_ROOT", url_name="partnering:attachment"
)


def private_storage() -> PrivateStorage:
    return PRIVATE_STORAGE
