"""The public catalog, material and supplier pages, as a visitor, a member, suppliers and staff."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.materials.selectors import samples as selectors_samples
from bridge.materials.tests import factories_catalog as fc
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration

CATALOG = "/materials/"


@pytest.fixture
def data(db):
    return fc.uzbek_catalog()


def shown_skus(response) -> list[str]:
    return [card["material"].sku for card in response.context["cards"]]


def material_page(material) -> str:
    return reverse("materials_catalog:material", args=[material.supplier.slug, material.sku])


def owner_of(organisation):
    user = UserFactory()
    Membership.objects.create(organisation=organisation, user=user, role=Role.OWNER)
    return user


# ------------------------------------------------------------------ search


def test_russian_words_find_materials_written_in_uzbek(client, data):
    response = client.get(CATALOG, {"q": "шёлк икат"})
    assert response.status_code == 200
    skus = shown_skus(response)
    assert skus[0] == "MA-1"  # Xon atlas, silk ikat, has no Russian name at all
    assert "RS-1" not in skus and "MT-1" not in skus
    assert "Xon atlas" in re.sub(r"</?mark>", "", response.text)

    response = client.get(CATALOG, {"q": "хлопок"})
    assert shown_skus(response) == ["MA-2"]


def test_matches_are_highlighted_and_names_escaped(client, data):
    fc.material(name="Atlas <b>bold</b>", sku="X-1", supplier=data["suppliers"]["margilon"])
    fc.reindex()
    response = client.get(CATALOG, {"q": "atlas"})
    assert "<mark>atlas</mark>" in response.text.lower()
    assert "<b>bold</b>" not in response.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in response.text


def test_zero_results_suggest_a_spelling(client, data):
    response = client.get(CATALOG, {"q": "atlsa"})
    assert response.context["page"].count == 0
    assert "Did you mean" in response.text
    assert "?q=atlas" in response.text


def test_empty_query_lists_every_published_material(client, data):
    response = client.get(CATALOG)
    assert sorted(shown_skus(response)) == ["MA-1", "MA-2", "MT-1", "RS-1"]


# ------------------------------------------------------------------ filters and facets


def facet(response, name) -> dict[str, int]:
    return {f.value: f.count for f in response.context["page"].facets[name]}


def test_facet_counts_and_filters(client, data):
    response = client.get(CATALOG)
    assert facet(response, "country") == {"UZ": 3, "RU": 1}
    assert facet(response, "certification") == {"gots": 1}
    assert facet(response, "sample") == {"yes": 2, "no": 2}
    assert facet(response, "category")["textiles"] == 3

    response = client.get(CATALOG, {"certification": "gots"})
    assert shown_skus(response) == ["MA-1"]
    # A facet is counted without its own filter, so the other choices stay visible.
    assert facet(response, "certification") == {"gots": 1}
    assert facet(response, "country") == {"UZ": 1}

    response = client.get(CATALOG, {"country": ["UZ", "RU"], "fibre": "linen"})
    assert shown_skus(response) == ["MT-1"]
    response = client.get(CATALOG, {"sample": "1"})
    assert sorted(shown_skus(response)) == ["MA-1", "MT-1"]
    response = client.get(CATALOG, {"moq_max": "10"})
    assert sorted(shown_skus(response)) == ["MA-1", "MT-1", "RS-1"]
    response = client.get(CATALOG, {"lead_max": "14"})
    assert sorted(shown_skus(response)) == ["MA-1", "MT-1"]
    response = client.get(CATALOG, {"category": "ceramics"})
    assert shown_skus(response) == ["RS-1"]
    # A chosen value stays ticked on the page.
    assert re.search(r'name="category" value="ceramics" checked', response.text)


def test_price_filter_and_display_in_the_viewers_currency(client, data):
    # 80 RUB per dollar: atlas 20 USD = 1 600 RUB, paxta 5 USD = 400 RUB, linen 800 RUB,
    # sopol 12 USD = 960 RUB.
    response = client.get(CATALOG, {"currency": "RUB", "price_max": "900"})
    assert sorted(shown_skus(response)) == ["MA-2", "MT-1"]
    prices = {c["material"].sku: c["price"] for c in response.context["cards"]}
    assert prices == {"MA-2": Decimal(400), "MT-1": Decimal(800)}
    assert "RUB400 / m" in response.text
    # The supplier's own price is shown beside the converted one.
    assert "UZS62,500 / m" in response.text

    response = client.get(CATALOG, {"currency": "RUB", "price_min": "900"})
    assert sorted(shown_skus(response)) == ["MA-1", "RS-1"]
    # The bands are labelled in roubles.
    assert "RUB" in " ".join(f.label for f in response.context["page"].facets["price_band"])


def test_the_currency_is_remembered_in_the_session(client, data):
    client.get(CATALOG, {"currency": "EUR"})
    response = client.get(CATALOG)
    assert response.context["currency"] == "EUR"
    response = client.get(material_page(data["len"]))
    assert response.context["currency"] == "EUR"
    assert response.context["converted_price"] == Decimal("9.09")  # 800 RUB = 10 USD = 9.09 EUR


def test_unknown_currency_falls_back(client, data):
    response = client.get(CATALOG, {"currency": "XYZ"})
    assert response.status_code == 200
    assert response.context["currency"] == "USD"  # the tests speak English


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["MA-2", "MT-1", "RS-1", "MA-1"]),
        ("-price", ["MA-1", "RS-1", "MT-1", "MA-2"]),
    ],
)
def test_sort_by_price_compares_across_currencies(client, data, sort, expected):
    response = client.get(CATALOG, {"sort": sort})
    assert shown_skus(response) == expected


def test_sort_by_newest(client, data):
    newest = fc.material(sku="NEW-1", supplier=data["suppliers"]["margilon"])
    fc.reindex()
    response = client.get(CATALOG, {"sort": "newest"})
    assert shown_skus(response)[0] == newest.sku


def test_the_url_holds_the_state(client, data):
    response = client.get(CATALOG, {"q": "atlas", "country": "UZ", "sort": "price", "page": "1"})
    text = response.text
    assert 'value="atlas"' in text
    assert re.search(r'name="country" value="UZ" checked', text)
    assert re.search(r'<option value="price" selected', text)
    assert 'method="get"' in text  # works without JavaScript


# ------------------------------------------------------------------ pagination


@pytest.fixture
def many(db):
    fc.rates()
    supplier = fc.supplier("big-supplier")
    for n in range(30):
        fc.material(supplier=supplier, sku=f"B-{n:02d}", name=f"Adras {n}")
    fc.reindex()


@pytest.mark.parametrize(
    ("page", "number", "cards"),
    [("1", 1, 24), ("2", 2, 6), ("3", 2, 6), ("999999999999999", 2, 6), ("0", 1, 24),
     ("-4", 1, 24), ("abc", 1, 24), ("", 1, 24), ("1e9", 1, 24)],
)  # fmt: skip
def test_pagination_edges(client, many, page, number, cards):
    response = client.get(CATALOG, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == number
    assert len(response.context["cards"]) == cards


def test_pagination_links_keep_the_filters(client, many):
    response = client.get(CATALOG, {"q": "adras", "sort": "price"})
    assert "q=adras&amp;sort=price&amp;page=2" in response.text


# ------------------------------------------------------------------ htmx


def test_htmx_gets_the_results_and_the_facets_only(client, data):
    response = client.get(CATALOG, {"q": "хлопок"}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert 'id="facets"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "Paxta mato" in re.sub(r"</?mark>", "", response.text)
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_an_address_without_empty_fields(client, data):
    params = {"q": "atlas", "price_min": "", "country": ["UZ", ""], "lead_max": ""}
    response = client.get(CATALOG, params, headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == "/materials/?q=atlas&country=UZ"


# ------------------------------------------------------------------ who sees what


def test_unpublished_materials_stay_out_of_the_catalog(client, data, moderator):
    margilon = data["suppliers"]["margilon"]
    drafts = [
        fc.material(supplier=margilon, sku=f"D-{status}", name=f"Secret {status}", status=status)
        for status in (Status.DRAFT, Status.PENDING, Status.REJECTED, Status.ARCHIVED)
    ]
    fc.reindex()
    other_owner = owner_of(data["suppliers"]["rishton"])
    own_owner = owner_of(margilon)
    for user in (None, other_owner, own_owner, moderator):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(CATALOG, {"q": "secret"})
        assert response.context["page"].count == 0
        assert "Secret" not in response.text

    # The page of a draft: 404 for a visitor, a member and another supplier; a preview for
    # its own supplier and the moderators.
    page = material_page(drafts[0])
    client.logout()
    assert client.get(page).status_code == 404
    client.force_login(other_owner)
    assert client.get(page).status_code == 404
    client.force_login(own_owner)
    response = client.get(page)
    assert response.status_code == 200
    assert "not public" in response.text
    assert response.context["json_ld"] is None
    client.force_login(moderator)
    assert client.get(page).status_code == 200


def test_unknown_material_and_supplier_are_404(client, data):
    assert client.get("/materials/m/nobody/NOPE/").status_code == 404
    assert client.get("/materials/m/margilon-atlas/NOPE/").status_code == 404
    assert client.get("/materials/suppliers/nobody/").status_code == 404


def test_supplier_without_published_materials_is_hidden_except_from_its_managers(client, data):
    quiet = fc.supplier("quiet-supplier")
    fc.material(supplier=quiet, sku="Q-1", status=Status.DRAFT)
    url = reverse("materials_catalog:supplier", args=["quiet-supplier"])
    assert client.get(url).status_code == 404
    client.force_login(owner_of(quiet))
    assert client.get(url).status_code == 200


# ------------------------------------------------------------------ material page


def test_material_page_shows_the_specification(client, data):
    atlas = data["atlas"]
    atlas.fibres.all().delete()
    atlas.fibres.create(fibre="silk", percent=70, position=0)
    atlas.fibres.create(fibre="cotton", percent=30, position=1)
    atlas.weight_gsm = Decimal("120.50")
    atlas.width_cm = Decimal(50)
    atlas.sample_price = Decimal(30000)
    atlas.sustainability_notes = "Natural dyes only."
    atlas.origin_region = "Fargʻona"
    atlas.save()
    response = client.get(material_page(atlas))
    text = response.text
    assert "silk 70%" in text and "cotton 30%" in text
    assert "120.5 g/m²" in text and "50 cm" in text
    assert "GOTS-123" in text and "Jan. 31, 2027" in text
    assert "Natural dyes only." in text and "Fargʻona" in text
    assert "UZS" in text  # the supplier's own price
    assert "5 m" in text and "14 days" in text
    assert "Margʻilon Atlas" in text


def test_material_page_links_to_sample_request_and_collections(client, data):
    response = client.get(material_page(data["atlas"]))
    assert f"/materials/samples/new/?material={data['atlas'].pk}" in response.text
    assert f"/materials/collections/add/?material={data['atlas'].pk}" in response.text
    # No sample, no sample button.
    response = client.get(material_page(data["paxta"]))
    assert "/materials/samples/new/" not in response.text


def test_buttons_hide_when_their_pages_do_not_exist(client, data, monkeypatch):
    from bridge.materials.templatetags import materials_tags

    monkeypatch.setattr(materials_tags, "reverse", _no_reverse)
    response = client.get(material_page(data["atlas"]))
    assert response.status_code == 200
    assert "Request a sample" not in response.text
    assert "Add to collection" not in response.text


def _no_reverse(*args, **kwargs):
    from django.urls import NoReverseMatch

    raise NoReverseMatch


def test_similar_materials_share_the_category(client, data):
    margilon = data["suppliers"]["margilon"]
    twin = fc.material(supplier=margilon, sku="MA-9", name="Adras «Qizil»", category="ikat")
    fc.reindex()
    response = client.get(material_page(data["atlas"]))
    similar = [card["material"] for card in response.context["similar"]]
    assert similar == [twin]


def test_json_ld_cannot_be_broken_out_of(client, data):
    evil = 'Silk </script><script>alert("x")</script> <!-- & more'
    material = fc.material(supplier=data["suppliers"]["margilon"], sku="EVIL", name=evil)
    response = client.get(material_page(material))
    text = response.text
    assert "<script>alert" not in text
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert len(blocks) == 1
    data_ld = json.loads(blocks[0])
    assert data_ld["@type"] == "Product"
    assert data_ld["name"] == evil
    assert data_ld["sku"] == "EVIL"
    assert data_ld["offers"]["priceCurrency"] == "UZS"


def test_sku_with_a_slash_has_a_page(client, data):
    material = fc.material(supplier=data["suppliers"]["margilon"], sku="AB/12 x", name="Slashy")
    url = material_page(material)
    assert client.get(url).context["material"] == material


# ------------------------------------------------------------------ supplier page


def test_supplier_page_lists_published_materials_and_certificates(client, data):
    margilon = data["suppliers"]["margilon"]
    fc.material(supplier=margilon, sku="HIDDEN", name="Hidden draft", status=Status.DRAFT)
    response = client.get(reverse("materials_catalog:supplier", args=[margilon.slug]))
    text = response.text
    assert response.status_code == 200
    assert "Xon atlas" in text and "Paxta mato" in text
    assert "Hidden draft" not in text
    assert "GOTS-123" in text
    assert response.context["count"] == 2


def test_supplier_sample_statistics_are_shown(client, data, monkeypatch):
    monkeypatch.setattr(
        selectors_samples,
        "supplier_sample_stats",
        lambda supplier: {"response_hours": 20.0, "acceptance_rate": 0.75, "requests": 8},
    )
    url = reverse("materials_catalog:supplier", args=[data["suppliers"]["margilon"].slug])
    text = client.get(url).text
    assert "75%" in text and "about 20 hours" in text
    text = client.get(material_page(data["atlas"])).text
    assert "75%" in text


# ------------------------------------------------------------------ queries and bad input


def _catalog_queries(client, n: int) -> int:
    supplier = fc.supplier(f"supplier-{n}")
    for i in range(n):
        fc.material(
            supplier=fc.supplier(f"s-{n}-{i}") if i % 2 else supplier,
            sku=f"Q{n}-{i}",
            name=f"Adras {i}",
            fibres=(("silk", 60), ("cotton", 40)),
            certifications=(("gots", str(i), None),),
        )
    fc.reindex()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CATALOG, {"q": "adras", "certification": "gots", "page_size": 50})
    assert len(response.context["cards"]) == min(n, 24)
    return len(queries)


def test_catalog_queries_do_not_grow_with_the_rows(client, db):
    fc.rates()
    few = _catalog_queries(client, 5)
    from bridge.materials.models import Material

    Material.objects.all().delete()
    assert _catalog_queries(client, 25) == few


def test_material_page_queries_are_bounded(client, data):
    fc.material(supplier=data["suppliers"]["margilon"], sku="S-first", category="ikat")
    fc.reindex()
    with CaptureQueriesContext(connection) as first:
        client.get(material_page(data["atlas"]))
    for n in range(6):
        fc.material(supplier=data["suppliers"]["margilon"], sku=f"S-{n}", category="ikat")
    fc.reindex()
    with CaptureQueriesContext(connection) as second:
        client.get(material_page(data["atlas"]))
    assert len(second) == len(first)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "хан-атлас " * 1_000},  # 10,000 characters: cut, answered
        {"q": "atlas", "page": "10001", "page_size": "100000"},
        {"q": "'; DROP TABLE materials_material; --"},
        {"q": "<script>alert(1)</script>"},
        {"q": "\x00\u200b\ufeff%%%***"},
        {"q": "🧵🧶"},
        {"price_min": "abc", "price_max": "-5", "moq_max": "1e400"},
        {"price_min": "NaN", "price_max": "Infinity"},
        {"lead_max": "forever"},
        {"sort": "DROP"},
        {"category": ["x" * 500] * 50},
        {"currency": "<b>"},
        {"page": "9" * 40},
        {"sample": "maybe"},
    ],
)
def test_odd_input_never_breaks_the_page(client, data, params):
    response = client.get(CATALOG, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


def test_bad_numbers_are_reported_beside_their_field(client, data):
    response = client.get(CATALOG, {"price_min": "abc"})
    assert "Enter a number." in response.text
    assert response.context["page"].count == 4  # the bad filter is ignored


def test_navigation_leads_to_the_catalog(client, data):
    response = client.get("/")
    assert 'href="/materials/"' in response.text


def test_rates_date_is_shown(client, data):
    response = client.get(CATALOG, {"currency": "RUB"})
    assert response.context["rates"].as_of == date(2025, 6, 1)
    assert "June 1, 2025" in response.text
