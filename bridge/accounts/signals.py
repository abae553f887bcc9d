"""Domain events of accounts that apps above it may follow (accounts imports none of them).

organisation_changed(organisation): sent inside the writing transaction after an
organisation's public profile or verification changed; the search app re-indexes it.
"""

from django.dispatch import Signal

organisation_changed = Signal()
