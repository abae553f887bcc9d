"""Where applicants' files live: pitch decks and file answers.

They are kept outside MEDIA_ROOT, so no static or media URL serves them; a file's `.url` is the
permission-checked download view (bridge.programs.views.files), which hands it out only to the
applicant's organisation, to assigned reviewers without a conflict, and to programme staff.
Stored names are random (uuid4), never the uploaded name."""

import re

from bridge.core.storage import PrivateStorage

# The names `upload_to` gives (models/applications.py); anything else is not one of ours.
STORED_NAME = re.compile(r"programs/(?:pitch-decks|answers)/[0-9a-f]{32}(?:\.[a-z0-9]{1,7})?")


PRIVATE_STORAGE = PrivateStorage(root_setting="PROGRAMS_PRIVATE_ROOT", url_name="programs:file")


def private_storage() -> PrivateStorage:
    """The storage of applicants' files (a callable, so migrations name it, not its folder)."""
    return PRIVATE_STORAGE
