"""The public pages: dashboard, open data, summary API, report; in every language."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.insights.services.rollup import rollup_run
from bridge.insights.tests.factories import published, sample_request, supplier

pytestmark = pytest.mark.integration
LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


@pytest.fixture
def figures(db):
    uz, ru, kz = supplier("UZ"), supplier("RU"), supplier("KZ")
    published(12, supplier=uz, when=timezone.now() - timedelta(days=60))
    published(6, supplier=ru, category="ceramics")
    published(2, supplier=kz)  # a group of two: never shown on its own
    for hours in range(8):
        sample_request(supplier=uz, answered_after=timedelta(hours=2 + hours))
    rollup_run()
    return {"uz": uz, "ru": ru, "kz": kz}


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dashboard_draws_its_charts_in_every_language(client, figures, language):
    client.cookies["django_language"] = language
    response = client.get("/insights/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart" role="img"') >= 8
    assert html.count('<details class="chart-table">') >= 8
    assert 'href="/insights/data/materials-by-country.csv"' in html
    assert response.context["headlines"][0].value == "20"


def test_the_dashboard_shows_no_small_group_and_says_so(client, figures):
    response = client.get("/insights/")
    chart = next(
        c
        for s in response.context["sections"]
        for c in s.charts
        if c.dataset.key == "materials-by-country"
    )
    assert {row["country"]: row["count"] for row in chart.table.rows} == {"UZ": 12, "RU": 6}
    assert chart.table.hidden == 1
    assert "fewer than 5" in chart.table.notes[0]
    assert "Kazakhstan" not in chart.drawing.svg


def test_filters_stay_in_the_url_and_bad_ones_get_a_note(client, figures):
    response = client.get("/insights/", {"country": "UZ", "period": "12m"})
    assert response.context["filters"].country == "UZ"
    assert "period=12m&amp;country=UZ" in response.content.decode()
    assert response.context["headlines"][0].value == "12"
    bad = client.get("/insights/", {"country": "ZZ", "period": "1999-Q5"})
    assert bad.status_code == 200
    notes = bad.context["filters"].notes
    assert len(notes) == 2
    assert all(
        note in bad.content.decode() for note in ["is not a period we know", "not a country code"]
    )


def test_partnering_sections_show_their_charts(client, figures):
    response = client.get("/insights/")
    assert all(s.available for s in response.context["sections"])
    by_key = {s.key: s for s in response.context["sections"]}
    assert [c.dataset.key for c in by_key["meetings"].charts] == [
        "meetings-held-by-month",
        "joint-projects-by-status",
    ]
    assert "Meetings held at B2B days, by month" in response.content.decode()


def test_before_the_first_run_the_page_says_so(client, db):
    response = client.get("/insights/")
    assert response.status_code == 200
    assert "have not been computed yet" in response.content.decode()


def test_the_dashboard_reads_a_fixed_number_of_queries(
    client, figures, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get("/insights/", {"period": "all"})
    uz = figures["uz"]
    published(30, supplier=uz, category="wood", when=timezone.now() - timedelta(days=200))
    for _ in range(20):
        sample_request(supplier=uz, requester_org=OrganisationFactory(country="KZ"))
    rollup_run(full=True)
    with CaptureQueriesContext(connection) as queries:
        client.get("/insights/", {"period": "12m", "country": "UZ"})
    assert len(queries) <= 10
    with django_assert_max_num_queries(2):  # the figures of a run are cached
        client.get("/insights/", {"period": "12m", "country": "UZ"})


def test_the_materials_by_country_csv_has_the_contract_columns(client, figures):
    response = client.get("/insights/data/materials-by-country.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    assert 'rel="license"' in response["Link"]
    rows = list(csv.reader(io.StringIO(body(response))))
    assert rows == [["country", "count"], ["UZ", "12"], ["RU", "6"]]


def test_json_downloads_carry_the_dictionary_in_three_languages(client, figures):
    data = json.loads(body(client.get("/insights/data/sample-requests-funnel.json")))
    assert data["licence"]["name"] == "CC BY 4.0"
    columns = {c["name"]: c for c in data["columns"]}
    assert set(columns["requests"]["meaning"]) == {"ru", "uz", "en"}
    assert columns["requests"]["meaning"]["ru"] != columns["requests"]["meaning"]["en"]
    steps = {row["stage"]: row["requests"] for row in data["rows"]}
    assert steps["requested"] == 8 and steps["answered"] == 8
    assert steps["received"] == 0
    assert set(data["rows"][0]) == {"stage", "requests", "share"}


def test_xlsx_downloads_have_data_dictionary_and_licence(client, figures):
    response = client.get("/insights/data/materials-by-category.xlsx", {"country": "UZ"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["data", "dictionary", "about"]
    assert [c.value for c in workbook["data"][1]] == ["category", "country", "count"]
    assert [c.value for c in workbook["data"][2]] == ["textiles", "UZ", 12]
    header = [c.value for c in workbook["dictionary"][1]]
    assert header[:4] == ["column", "meaning_ru", "meaning_uz", "meaning_en"]
    assert any("CC BY 4.0" in str(c.value) for row in workbook["about"].iter_rows() for c in row)


def test_the_dictionary_downloads_and_unknown_datasets(client, figures):
    rows = list(
        csv.reader(io.StringIO(body(client.get("/insights/data/dictionary/monthly-growth.csv"))))
    )
    assert rows[0][0] == "column" and {r[0] for r in rows[1:]} >= {"month", "applications"}
    assert client.get("/insights/data/no-such-thing.csv").status_code == 404
    assert client.get("/insights/data/materials-by-country.pdf").status_code == 404
    assert client.get("/insights/data/").status_code == 200


def test_the_summary_agrees_with_the_catalog_api(client, figures):
    summary = client.get("/api/v1/insights/summary").json()
    catalog = client.get("/api/v1/materials").json()
    assert summary["materials"]["published"] == catalog["count"] == 20
    assert summary["materials"]["by_country"] == {"UZ": 12, "RU": 6}
    assert summary["materials"]["suppliers"] == 3
    assert summary["sample_requests"]["requested"] == 8
    assert summary["sample_requests"]["median_answer_hours"] == pytest.approx(6.0, abs=0.6)
    partnering = summary["partnering"]
    assert partnering["in_use"] is True
    assert (partnering["listings"], partnering["joint_projects"]) == (0, 0)
    assert partnering["listings_by_type"] == {} and partnering["meetings"] == 0
    assert set(summary) >= {
        "generated_at",
        "materials",
        "organisations",
        "sample_requests",
        "programmes",
        "partnering",
    }


def test_the_summary_is_public_and_read_only(client, db):
    response = client.get("/api/v1/insights/summary")
    assert response.status_code == 200 and response.json()["generated_at"] is None
    assert client.post("/api/v1/insights/summary").status_code == 405
    assert "/api/v1/insights/summary" in client.get("/api/v1/openapi.json").content.decode()


@pytest.mark.parametrize("language", ["ru", "uz", "en"])
def test_the_quarterly_report_prints_and_makes_a_pdf(client, figures, language):
    client.cookies["django_language"] = language
    response = client.get("/insights/report/", follow=True)
    assert response.status_code == 200
    quarter = response.context["quarter"]
    pdf = client.get(f"/insights/report/{quarter}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf.content)
    assert len(document) >= 3
    text = document[0].get_textpage().get_text_range()
    expected = {"ru": "Ключевые", "uz": "Asosiy", "en": "Key figures"}[language]
    assert expected in text


def test_a_report_outside_the_figures_is_not_found(client, figures):
    assert client.get("/insights/report/1999-Q1/").status_code == 404
    assert client.get("/insights/report/2999-Q1.pdf").status_code == 404
    assert client.get("/insights/report/2026-Q7/").status_code == 404
