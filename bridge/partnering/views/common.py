"""What the partnering pages share."""

from django.http import Http404

from bridge.accounts.models import Organisation
from bridge.partnering.rules import user_organisation_ids

MAX_ID = 2**63 - 1


def pk_or_404(value) -> int:
    """Path ids beyond the database's integers would raise instead of meaning "not found"."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def organisations_of(user) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=user_organisation_ids(user)).order_by("name"))
