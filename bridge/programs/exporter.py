"""CSV and XLSX export of a call's applications with their review scores, for staff.

One row per application; the same columns in both formats. Cells that a spreadsheet would read
as a formula are prefixed with an apostrophe (CSV injection)."""

import csv
import io
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.core.spreadsheets import cell_for_spreadsheet
from bridge.programs.models import Application, Call, Criterion, Score


def _criteria(call: Call) -> list[Criterion]:
    return list(Criterion.objects.filter(call=call).order_by("position", "id"))


def export_rows(call: Call) -> tuple[list[str], list[list]]:
    """Header and rows; a fixed number of queries whatever the number of applications."""
    criteria = _criteria(call)
    applications = list(
        Application.objects.filter(call=call)
        .select_related("organisation")
        .annotate(team_count=Count("team", distinct=True))
        .order_by("id")
    )
    scores = defaultdict(lambda: defaultdict(list))  # application → criterion → [values]
    reviews = defaultdict(set)
    for app_id, review_id, criterion_id, value in Score.objects.filter(
        review__assignment__application__call=call, review__submitted_at__isnull=False
    ).values_list("review__assignment__application_id", "review_id", "criterion_id", "value"):
        scores[app_id][criterion_id].append(value)
        reviews[app_id].add(review_id)
    decisions = dict(
        Application.objects.filter(call=call, decision__isnull=False).values_list(
            "id", "decision__outcome"
        )
    )
    weights = {c.pk: Decimal(c.weight) for c in criteria}
    total_weight = sum(weights.values())
    header = [
        _("ID"),
        _("Organisation"),
        _("Country"),
        _("Legal form"),
        _("Game title"),
        _("Genre"),
        _("Platforms"),
        _("Engine"),
        _("Project stage"),
        _("Team size"),
        _("Total budget"),
        _("Amount asked"),
        _("Currency"),
        _("Status"),
        _("Submitted at"),
        _("Reviews submitted"),
        _("Weighted mean score"),
        *[_("Mean: %(criterion)s") % {"criterion": c.name()} for c in criteria],
        _("Decision"),
    ]
    rows = []
    for application in applications:
        per_criterion = scores.get(application.pk, {})
        means = {
            c.pk: (sum(per_criterion[c.pk]) / len(per_criterion[c.pk]))
            if per_criterion.get(c.pk)
            else None
            for c in criteria
        }
        weighted = None
        if total_weight and all(means[c.pk] is not None for c in criteria) and criteria:
            weighted = round(
                sum(Decimal(str(means[c.pk])) * weights[c.pk] for c in criteria) / total_weight, 2
            )
        submitted = (
            timezone.localtime(application.submitted_at, call.tzinfo).strftime("%Y-%m-%d %H:%M")
            if application.submitted_at
            else ""
        )
        rows.append(
            [
                application.pk,
                application.organisation.name,
                str(application.organisation.country or ""),
                application.organisation.legal_form or "",
                application.title,
                application.genre,
                ", ".join(application.platforms or []),
                application.engine,
                application.project_stage,
                application.team_count,
                application.budget,
                application.amount_asked,
                application.currency,
                application.status,
                submitted,
                len(reviews.get(application.pk, ())),
                weighted,
                *[round(means[c.pk], 2) if means[c.pk] is not None else None for c in criteria],
                decisions.get(application.pk, ""),
            ]
        )
    return [str(h) for h in header], rows


def export_csv(call: Call) -> bytes:
    header, rows = export_rows(call)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else cell_for_spreadsheet(str(v)) for v in row])
    # With a BOM, spreadsheet programs read the Cyrillic and Uzbek letters right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(call: Call) -> bytes:
    from openpyxl import Workbook

    header, rows = export_rows(call)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Applications")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(
            [
                float(v)
                if isinstance(v, Decimal)
                else cell_for_spreadsheet(v)
                if isinstance(v, str)
                else v
                for v in row
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
