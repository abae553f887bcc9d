"""Attachments, served only to those who may see their listing."""

from django.http import FileResponse, Http404

from bridge.partnering import rules
from bridge.partnering.models import Attachment

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}


def attachment(request, name):
    found = (
        Attachment.objects.select_related("listing", "listing__organisation")
        .filter(file=name)
        .first()
    )
    if found is None or not rules.can_view_listing(request.user, found.listing):
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(found.kind, "application/octet-stream"),
        as_attachment=found.kind == "pdf",
        filename=found.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
