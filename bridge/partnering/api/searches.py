"""API of saved searches (issue 16 item 1): the searches whose new listings are e-mailed to you.
The same services as the saved searches page; each person sees and deletes only their own."""

from datetime import datetime
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.schemas import ErrorOut, RefusalOut
from bridge.partnering.api.listings import MAX_ID, refusal
from bridge.partnering.models import SavedSearch
from bridge.partnering.services import alerts as services
from bridge.partnering.services.alerts import MAX_SAVED_SEARCHES

router = Router(tags=["partnering"])

# The service keeps at most 20 values of at most 100 characters per facet.
Values = list[Annotated[str, Field(min_length=1, max_length=100)]] | None


def _values(description: str):
    return Field(None, max_length=20, description=description)


class SavedSearchFilters(Schema):
    """The facets of the listings search; each a list of codes, any of which may match. An
    unknown facet is refused rather than dropped, so a client learns of its typo."""

    model_config = ConfigDict(extra="forbid")

    kind: Values = _values("`offer` or `request`.")
    type: Values = _values("Listing types.")
    sector: Values = _values("Sector codes.")
    country: Values = _values("ISO country codes of the owner.")
    language: Values = _values("Language codes.")
    heritage: Values = _values("Heritage thesaurus codes.")
    stage: Values = _values("Project stages.")


class SavedSearchIn(Schema):
    q: str = Field("", max_length=200, description="Words, as in the listings search.")
    filters: SavedSearchFilters = Field(default_factory=SavedSearchFilters)


class SavedSearchOut(Schema):
    id: int
    q: str
    filters: dict[str, list[str]]
    created_at: datetime
    last_alert_at: datetime | None


class SavedSearchList(Schema):
    items: list[SavedSearchOut]


def _out(saved: SavedSearch) -> dict:
    return {
        "id": saved.pk,
        "q": saved.q,
        "filters": dict(saved.filters),
        "created_at": saved.created_at,
        "last_alert_at": saved.last_alert_at,
    }


@router.get(
    "/searches",
    response={200: SavedSearchList, 401: ErrorOut},
    auth=SIGNED_IN,
    summary="Your saved searches",
)
def list_saved_searches(request):
    """At most 20, so not paged; newest first."""
    saved = SavedSearch.objects.filter(user=request.auth).order_by("-created_at", "-id")
    return {"items": [_out(s) for s in saved]}


@router.post(
    "/searches",
    response={201: SavedSearchOut, 401: ErrorOut, 403: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Save a search: new listings it finds are e-mailed to you",
)
def create_saved_search(request, payload: SavedSearchIn):
    """Saving the same search again answers the one kept. At most 20 per person (422)."""
    filters = {name: values for name, values in payload.filters.dict().items() if values}
    try:
        saved = services.saved_search_create(actor=request.auth, q=payload.q, filters=filters)
    except DjangoValidationError as exc:
        return refusal(
            exc, _("You can keep at most %(count)d saved searches.") % {"count": MAX_SAVED_SEARCHES}
        )
    return Status(201, _out(saved))


@router.delete(
    "/searches/{search_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Delete one of your saved searches",
)
def delete_saved_search(request, search_id: int):
    """Another person's saved search is not found (404)."""
    if not 0 < search_id <= MAX_ID:
        raise Http404
    saved = SavedSearch.objects.filter(pk=search_id, user=request.auth).first()
    if saved is None:
        raise Http404
    services.saved_search_delete(actor=request.auth, saved=saved)
    return Status(204, None)
