"""A public dataset: the table behind one chart, its data dictionary, and how to draw it.

The chart, the table under it, the CSV/JSON/XLSX downloads and the report all come from the same
`table()`, so they cannot disagree. Cells hold codes and numbers (ISO country codes, category
codes, months as YYYY-MM); `display()` turns them into words in the reader's language.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bridge.core.money import format_number
from bridge.insights.selectors.figures import Figures
from bridge.insights.selectors.filters import Filters

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# Column kinds: how a cell is written for a reader.
CODE_KINDS = (
    "country",
    "category",
    "sector",
    "season",
    "stage",
    "month",
    "listing_type",
    "project_status",
)


@dataclass(frozen=True)
class Column:
    key: str
    meaning: Promise
    unit: Promise | str = ""
    kind: str = "count"  # country, category, sector, season, stage, month, count, share, hours


@dataclass
class Context:
    figures: Figures
    filters: Filters
    labels: dict  # the run's labels (calls' titles…)


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict]
    notes: list[str] = field(default_factory=list)
    hidden: int = 0  # groups merged or withheld for privacy


@dataclass
class Drawing:
    svg: str
    summary: str  # the text alternative, shown under the chart


class Dataset(ABC):
    key: str = ""
    section: str = ""
    title: Promise = gettext_lazy("Figures")
    description: Promise = gettext_lazy("")
    columns: tuple[Column, ...] = ()

    @abstractmethod
    def table(self, ctx: Context) -> Table:
        """The dataset's rows for the filters of `ctx`, small groups already hidden."""

    @abstractmethod
    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        """The chart of `table` and its one-sentence summary."""


_DATASETS: dict[str, Dataset] = {}


def register(cls: type[Dataset]) -> type[Dataset]:
    """Class decorator: one instance of each dataset, by its key."""
    _DATASETS[cls.key] = cls()
    return cls


def datasets() -> dict[str, Dataset]:
    from bridge.insights.datasets import catalog  # noqa: F401  (registers every dataset)

    return _DATASETS


# ------------------------------------------------------------------ writing cells for readers


def hidden_text() -> str:
    return _("fewer than 5")


def count_text(value) -> str:
    return hidden_text() if value is None else format_number(value)


def share_text(value) -> str:
    return (
        "—"
        if value is None
        else _("%(percent)s%%") % {"percent": format_number(round(value * 100))}
    )


def hours_text(value) -> str:
    if value is None:
        return "—"
    if value >= 48:
        return _("%(days)s days") % {"days": format_number(round(value / 24, 1))}
    return _("%(hours)s h") % {"hours": format_number(round(value, 1))}


def month_text(month: date, *, short: bool = False) -> str:
    from babel.dates import format_date

    from bridge.core.money import babel_locale

    try:
        return format_date(month, "LLL yy" if short else "LLLL y", locale=babel_locale())
    except (ValueError, LookupError):
        return month.strftime("%Y-%m")


def label_for_code(kind: str, code: str, labels: dict) -> str:
    from bridge.insights.datasets.labels import label_for

    return label_for(kind, code, labels)


HEADERS = {
    "country": gettext_lazy("Country"),
    "category": gettext_lazy("Category"),
    "count": gettext_lazy("Materials"),
    "suppliers": gettext_lazy("Suppliers"),
    "stage": gettext_lazy("Step"),
    "requests": gettext_lazy("Requests"),
    "share": gettext_lazy("Share"),
    "month": gettext_lazy("Month"),
    "answered": gettext_lazy("Answered"),
    "median_hours": gettext_lazy("Median time to answer"),
    "from_country": gettext_lazy("From"),
    "to_country": gettext_lazy("To"),
    "season": gettext_lazy("Season"),
    "applications": gettext_lazy("Applications"),
    "submitted": gettext_lazy("Submitted"),
    "accepted": gettext_lazy("Accepted"),
    "waitlisted": gettext_lazy("Waiting list"),
    "not_selected": gettext_lazy("Not selected"),
    "acceptance_rate": gettext_lazy("Acceptance rate"),
    "sector": gettext_lazy("Sector"),
    "organisations": gettext_lazy("Organisations"),
    "verified": gettext_lazy("Verified"),
    "materials_published": gettext_lazy("Materials in the catalog"),
    "new_materials": gettext_lazy("Materials published"),
    "new_organisations": gettext_lazy("Organisations registered"),
    "sample_requests": gettext_lazy("Sample requests"),
    "type": gettext_lazy("Type"),
    "listings": gettext_lazy("Offers and requests"),
    "interests": gettext_lazy("Expressions of interest"),
    "status": gettext_lazy("Status"),
    "projects": gettext_lazy("Joint projects"),
}


def header(column: Column) -> str:
    return str(HEADERS.get(column.key, column.key))


def display(column: Column, value, labels: dict) -> str:
    if column.kind in CODE_KINDS:
        if column.kind == "month":
            return month_text(date.fromisoformat(f"{value}-01"))
        return label_for_code(column.kind, value, labels)
    if column.kind == "share":
        return share_text(value)
    if column.kind == "hours":
        return hours_text(value)
    return count_text(value)
