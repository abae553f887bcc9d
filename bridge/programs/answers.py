"""Validation of answers to a call's custom questions, one rule per question kind."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from bridge.programs.models import QuestionKind

_TRUE = {True, "true", "yes", "on", "1"}
_FALSE = {False, "false", "no", "off", "0"}


def is_empty(value) -> bool:
    return value is None or value == "" or value == []


def answer_value_clean(question, raw):
    """Return the JSON value to store for `raw`, or raise ValidationError with a reason.

    Empty answers are allowed here (drafts); whether a required question is answered is checked
    at submission."""
    kind = question.kind
    if kind == QuestionKind.FILE:
        raise ValidationError(_("Upload a file for this question."), code="file")
    if isinstance(raw, str):
        raw = raw.strip()
    if is_empty(raw):
        return [] if kind == QuestionKind.MULTI_CHOICE else None
    if kind == QuestionKind.TEXT:
        if not isinstance(raw, str):
            raise ValidationError(_("Enter text."), code="text")
        limit = question.max_length or 10_000
        if len(raw) > limit:
            raise ValidationError(
                _("Keep the answer within %(limit)s characters; it has %(length)s.")
                % {"limit": limit, "length": len(raw)},
                code="too_long",
            )
        return raw
    if kind == QuestionKind.NUMBER:
        try:
            number = Decimal(str(raw).replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except (InvalidOperation, ValueError):
            raise ValidationError(_("Enter a number."), code="number") from None
        if not number.is_finite():
            raise ValidationError(_("Enter a number."), code="number")
        return str(number)
    if kind == QuestionKind.URL:
        if not isinstance(raw, str):
            raise ValidationError(_("Enter a valid link."), code="url")
        try:
            URLValidator(schemes=["http", "https"])(raw)
        except ValidationError:
            raise ValidationError(
                _("Enter a valid link starting with http:// or https://."), code="url"
            ) from None
        return raw
    if kind == QuestionKind.YES_NO:
        value = raw.lower() if isinstance(raw, str) else raw
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ValidationError(_("Answer yes or no."), code="yes_no")
    allowed = question.choice_values()
    if kind == QuestionKind.CHOICE:
        if str(raw) not in allowed:
            raise ValidationError(_("Choose one of the offered answers."), code="choice")
        return str(raw)
    if kind == QuestionKind.MULTI_CHOICE:
        values = (
            [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else None
        )
        if values is None or any(str(v) not in allowed for v in values):
            raise ValidationError(_("Choose among the offered answers."), code="choice")
        # Keep the order of the offered choices and drop repeats.
        chosen = {str(v) for v in values}
        return [v for v in allowed if v in chosen]
    raise ValidationError(_("This question cannot be answered."), code="kind")
