"""Open data: every public chart's table as CSV, JSON and XLSX, with its data dictionary in three
languages, under CC BY 4.0."""

from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bridge.insights.datasets.base import LICENCE, LICENCE_URL, Dataset, datasets, header
from bridge.insights.exports import csv_response, json_response, xlsx_response
from bridge.insights.selectors.dashboard import SECTIONS, context_for
from bridge.insights.selectors.figures import figures, filters_from, latest_run

LANGUAGES = ("ru", "uz", "en")


def _dataset(key: str) -> Dataset:
    dataset = datasets().get(key)
    if dataset is None:
        raise Http404
    return dataset


def _meanings(dataset: Dataset) -> list[dict]:
    result = []
    for column in dataset.columns:
        entry = {"name": column.key, "unit": {}, "meaning": {}}
        for language in LANGUAGES:
            with translation.override(language):
                entry["meaning"][language] = str(column.meaning)
                entry["unit"][language] = str(column.unit)
        result.append(entry)
    return result


DICTIONARY_HEADER = [
    "column",
    *(f"meaning_{lang}" for lang in LANGUAGES),
    *(f"unit_{lang}" for lang in LANGUAGES),
]


def _dictionary_row(column: dict) -> list[str]:
    return [
        column["name"],
        *(column["meaning"][lang] for lang in LANGUAGES),
        *(column["unit"][lang] for lang in LANGUAGES),
    ]


def _open_data_headers(response):
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def index(request):
    run = latest_run()
    registry = datasets()
    groups = []
    for spec in SECTIONS:
        items = [registry[key] for key in spec.datasets if key in registry]
        if items:
            groups.append(
                {
                    "title": str(spec.title),
                    "datasets": [
                        {
                            "dataset": d,
                            "columns": [(header(c), c.key, c.meaning, c.unit) for c in d.columns],
                        }
                        for d in items
                    ],
                }
            )
    context = {"run": run, "groups": groups, "licence": LICENCE, "licence_url": LICENCE_URL}
    return render(request, "insights/opendata/index.html", context)


@require_GET
def download(request, key: str, fmt: str):
    dataset = _dataset(key)
    run = latest_run()
    filters, _coverage = filters_from(request.GET, run)
    ctx = context_for(figures(filters, run), filters, run)
    table = dataset.table(ctx)
    names = [column.key for column in table.columns]
    suffix = "-".join(part for part in (filters.period.key, filters.country.lower()) if part)
    filename = f"{key}-{suffix}.{fmt}"
    if fmt == "csv":
        response = csv_response(filename, names, ([row[n] for n in names] for row in table.rows))
    elif fmt == "json":
        meta = {
            "dataset": key,
            "title": str(dataset.title),
            "description": str(dataset.description),
            "generated_at": run.as_of.isoformat() if run else None,
            "period": {
                "key": filters.period.key,
                "first_month": filters.period.first.strftime("%Y-%m"),
                "last_month": filters.period.last.strftime("%Y-%m"),
            },
            "country": filters.country or None,
            "licence": {"name": LICENCE, "url": LICENCE_URL},
            "attribution": _("Creative Bridge, insights and open data"),
            "notes": [*filters.notes, *table.notes],
            "columns": _meanings(dataset),
        }
        response = json_response(filename, meta, ({n: row[n] for n in names} for row in table.rows))
    else:
        about = [
            [_("Dataset"), str(dataset.title)],
            [_("Description"), str(dataset.description)],
            [_("Figures as of"), run.as_of.isoformat() if run else ""],
            [_("Period"), filters.period.label()],
            [_("Country"), filters.country or _("All countries")],
            [_("Licence"), f"{LICENCE} {LICENCE_URL}"],
            *([_("Note"), note] for note in [*filters.notes, *table.notes]),
        ]
        dictionary = [_dictionary_row(c) for c in _meanings(dataset)]
        response = xlsx_response(
            filename,
            [
                ("data", names, ([row[n] for n in names] for row in table.rows)),
                ("dictionary", DICTIONARY_HEADER, dictionary),
                ("about", [_("Field"), _("Value")], about),
            ],
        )
    return _open_data_headers(response)


@require_GET
def dictionary(request, key: str, fmt: str):
    dataset = _dataset(key)
    columns = _meanings(dataset)
    if fmt == "csv":
        rows = (_dictionary_row(c) for c in columns)
        response = csv_response(f"{key}-dictionary.csv", DICTIONARY_HEADER, rows)
    else:
        meta = {"dataset": key, "licence": {"name": LICENCE, "url": LICENCE_URL}}
        response = json_response(f"{key}-dictionary.json", meta, columns)
    return _open_data_headers(response)
