"""What the programme pages share: times as the call announces them, service refusals as
field messages, ids from the path."""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from bridge.programs.ids import id_or_404


def pk_or_404(value) -> int:
    return id_or_404(value)


def error_messages(exc: ValidationError) -> dict[str, list[str]]:
    """A service's refusal as {field or "__all__": [messages]}."""
    if hasattr(exc, "error_dict"):
        return {
            key: [str(m) for e in errs for m in e.messages] for key, errs in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}


def moment(value, call):
    """An instant as the call announces it and as the viewer lives it (None when the same)."""
    if value is None:
        return None
    in_call = timezone.localtime(value, call.tzinfo)
    viewer_tz = timezone.get_current_timezone()
    in_viewer = timezone.localtime(value, viewer_tz)
    same = in_call.utcoffset() == in_viewer.utcoffset()
    return {
        "call": formats.date_format(in_call, "DATETIME_FORMAT"),
        "call_zone": call.timezone,
        "viewer": None if same else formats.date_format(in_viewer, "DATETIME_FORMAT"),
        "viewer_zone": str(viewer_tz),
        "value": value,
        "iso": value.isoformat(),
    }
