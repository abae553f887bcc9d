"""Anonymous pages from the cache: the same page for every visitor of a language, never a
stale one after an edit, never a signed-in person's, and no CSRF token on pages whose only
forms are GET (bridge.core.pagecache, docs/decisions/0010-production-stack.md)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import caches
from django.test import Client

from bridge.accounts.models import Organisation
from bridge.accounts.services.people import api_token_create
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.versions import versions
from bridge.materials.tests import factories_catalog as catalog
from bridge.programs.tests.factories import CallFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def listed(db):
    catalog.rates()
    supplier = catalog.supplier("margilan-silk", "Margilan Silk")
    catalog.material(supplier=supplier, sku="IK-1", name="Atlas ikat", price=120, currency="USD")
    catalog.reindex()
    return supplier


def test_a_second_visitor_gets_the_page_without_a_query(client, db, django_assert_num_queries):
    OrganisationFactory(country="UZ")
    first = client.get("/")

    with django_assert_num_queries(0):
        second = Client().get("/")

    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_an_edit_shows_at_once(client, db):
    OrganisationFactory(country="UZ", name="Bukhara Suzani House")
    assert "Bukhara Suzani House" in client.get("/organisations/").text

    Organisation.objects.filter(name="Bukhara Suzani House").get().delete()
    OrganisationFactory(country="RU", name="Kazan Felt Works")
    page = Client().get("/organisations/").text

    assert "Kazan Felt Works" in page
    assert "Bukhara Suzani House" not in page


def test_the_version_changes_again_when_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    """Bumped at once and again after the commit: a page another request built from the old
    rows while the transaction was open is dropped as well."""
    before = versions(["accounts"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        OrganisationFactory(country="KZ")
        during = versions(["accounts"])
    assert during != before
    for callback in callbacks:
        callback()
    assert versions(["accounts"]) not in (before, during)


def test_each_language_has_its_own_page(db):
    ru = Client(headers={"accept-language": "ru"}).get("/")
    en = Client(headers={"accept-language": "en"}).get("/")
    ru_again = Client(headers={"accept-language": "ru"}).get("/")

    assert '<html lang="ru">' in ru.text and '<html lang="en">' in en.text
    assert ru_again.content == ru.content


def test_a_signed_in_person_never_gets_a_cached_page(client, db):
    Client().get("/")  # cached for visitors
    ada = UserFactory(full_name="Ada Lovelace")
    client.force_login(ada)

    page = client.get("/")

    assert "Ada Lovelace" in page.text
    assert "Ada Lovelace" not in Client().get("/").text


def test_a_waiting_message_is_shown_and_never_cached(rf, db):
    from bridge.site.views import home

    Client().get("/")  # a cached copy exists
    request = rf.get("/")
    request.session = {}
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "You have signed out.")

    response = home(request)

    assert "You have signed out." in response.content.decode()
    assert "You have signed out." not in Client().get("/").text


PAGES = ["/", "/organisations/", "/organisations/?q=silk", "/materials/", "/materials/?q=ikat"]


@pytest.mark.parametrize("path", [*PAGES, "call"])
def test_pages_whose_forms_are_get_carry_no_csrf_token(db, listed, path):
    if path == "call":
        path = f"/programmes/calls/{CallFactory().slug}/"
    client = Client()

    response = client.get(path)

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in response.text
    assert "X-CSRFToken" not in response.text
    assert "csrftoken" not in response.cookies
    assert client.get(path).content == response.content  # and so they are cached


def test_pages_with_a_post_form_keep_their_token_and_are_not_cached(db):
    first = Client().get("/accounts/login/")
    second = Client().get("/accounts/login/")

    assert "csrfmiddlewaretoken" in first.text
    assert "csrftoken" in first.cookies
    assert first.content != second.content  # a fresh token each time


def test_the_catalog_keeps_each_visitor_s_currency(db, listed):
    euro = Client(headers={"accept-language": "en"})
    euro.get("/materials/?currency=EUR")  # remembered in the visitor's session
    plain = Client(headers={"accept-language": "en"})

    assert '<option value="EUR" selected>' in euro.get("/materials/").text
    assert '<option value="USD" selected>' in plain.get("/materials/").text
    assert '<option value="EUR" selected>' in euro.get("/materials/").text


def test_a_cache_that_is_down_costs_speed_not_the_page(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis refused")

    monkeypatch.setattr(caches["pages"], "get_many", refuse)
    monkeypatch.setattr(caches["pages"], "get", refuse)

    assert client.get("/").status_code == 200


def test_no_cache_when_switched_off(db, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get("/")
    with django_assert_num_queries(1):
        Client().get("/")


def test_the_api_list_is_cached_for_anonymous_callers_only(db, listed, django_assert_num_queries):
    first = Client().get("/api/v1/materials")
    with django_assert_num_queries(0):
        again = Client().get("/api/v1/materials")
    assert again.json() == first.json()
    assert first.json()["count"] == 1

    # A caller with a token is someone: answered afresh, and a bad token is still refused.
    raw = api_token_create(user=UserFactory(), name="sync")[1]
    with_token = Client().get("/api/v1/materials", headers={"authorization": f"Bearer {raw}"})
    bad = Client().get("/api/v1/materials", headers={"authorization": "Bearer cb_wrong"})
    assert with_token.status_code == 200 and with_token.json()["count"] == 1
    assert bad.status_code == 401


def test_api_answers_hold_the_host_they_were_asked_on(db, listed, settings):
    settings.ALLOWED_HOSTS = ["a.example.org", "b.example.org"]
    a = Client().get("/api/v1/materials", HTTP_HOST="a.example.org").json()
    b = Client().get("/api/v1/materials", HTTP_HOST="b.example.org").json()

    assert a["items"][0]["url"].startswith("http://a.example.org/")
    assert b["items"][0]["url"].startswith("http://b.example.org/")


def test_a_new_material_reaches_the_cached_catalog_and_api(db, listed):
    assert Client().get("/api/v1/materials").json()["count"] == 1
    Client().get("/materials/")

    catalog.material(supplier=listed, sku="IK-2", name="Adras velvet", price=90, currency="USD")
    catalog.reindex()

    assert Client().get("/api/v1/materials").json()["count"] == 2
    assert "Adras velvet" in Client().get("/materials/").text


def test_a_material_page_follows_its_supplier_s_sample_statistics(
    db, listed, django_assert_num_queries, django_assert_max_num_queries
):
    from bridge.materials.models import Material
    from bridge.materials.tests.factories_samples import SampleRequestFactory

    url = f"/materials/m/{listed.slug}/IK-1/"
    assert Client().get(url).status_code == 200
    with django_assert_num_queries(0):
        Client().get(url)  # from the cache

    SampleRequestFactory(material=Material.objects.get(sku="IK-1"))

    with pytest.raises(pytest.fail.Exception), django_assert_max_num_queries(0):
        Client().get(url)  # rendered again: the statistics changed
