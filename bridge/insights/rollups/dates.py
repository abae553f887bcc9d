"""Days are the platform's days (settings.TIME_ZONE), whatever the database stores (UTC)."""

from datetime import date, datetime, time

from django.db.models.functions import TruncDate
from django.utils import timezone


def local_day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def as_day(value: datetime) -> date:
    return timezone.localtime(value, timezone.get_default_timezone()).date()


def month_of(day: date) -> date:
    return day.replace(day=1)
