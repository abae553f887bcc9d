"""What every app's demo builder shares: the context passed from builder to builder, and an
idempotent upsert. The data set itself is assembled on the top floor (bridge.site.demo), which
calls `build_demo(ctx)` of each app's `demo` module.

Builders must be deterministic and idempotent: look rows up by natural keys (slug, e-mail, SKU)
and write only what differs, so running `seed_demo` twice changes nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import models


@dataclass
class DemoContext:
    """What builders share: rows created by earlier builders, the logins to print, counts."""

    password: str
    people: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def count(self, label: str, outcome: str) -> None:
        per_label = self.counts.setdefault(label, {"created": 0, "updated": 0, "unchanged": 0})
        per_label[outcome] += 1


def upsert(
    ctx: DemoContext, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[models.Model, str]:
    """Create the row, or update only the fields that differ, so unchanged rows keep their
    `updated_at` and a second run is a no-op. Returns the row and "created", "updated" or
    "unchanged"."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model._default_manager.create(**lookup, **values)
        outcome = "created"
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            obj.save()
        outcome = "updated" if changed else "unchanged"
    ctx.count(model._meta.verbose_name_plural.title(), outcome)
    return obj, outcome
