"""An autosave that reaches the server after a later save of the same draft must not overwrite
it: the browser stamps each snapshot of the form, and the server keeps the newest."""

import pytest
from django.urls import reverse

from bridge.programs.models import Application
from bridge.programs.tests.factories import ApplicationFactory
from bridge.programs.tests.test_pages_applications import form_data

pytestmark = pytest.mark.integration


def snapshot(application, *, title, team_name, stamp=None):
    data = form_data(
        application,
        title=title,
        **{"team-0-name": team_name, "team-0-role": "Lead" if team_name else ""},
    )
    if stamp is not None:
        data["snapshot_at"] = str(stamp)
    return data


def autosave(client, application, data):
    url = reverse("programs:application_autosave", args=[application.pk])
    return client.post(url, data, HTTP_HX_REQUEST="true")


def save(client, application, data):
    url = reverse("programs:application_edit", args=[application.pk])
    return client.post(url, {**data, "then": "submit"})


@pytest.fixture
def draft(organisation):
    return ApplicationFactory(organisation=organisation, title="", team=[])


def test_a_late_autosave_of_an_older_snapshot_does_not_undo_the_save(client, owner, draft):
    client.force_login(owner)
    early = snapshot(draft, title="Cara", team_name="", stamp=1_780_000_000_000)
    final = snapshot(draft, title="Caravan", team_name="Aziza", stamp=1_780_000_004_000)
    assert save(client, draft, final).status_code == 302
    response = autosave(client, draft, early)  # arrives last, was taken first
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.title == "Caravan"
    assert [m.name for m in draft.team.all()] == ["Aziza"]
    assert draft.form_snapshot_at == 1_780_000_004_000


def test_a_newer_autosave_goes_through(client, owner, draft):
    client.force_login(owner)
    autosave(client, draft, snapshot(draft, title="Cara", team_name="", stamp=1_780_000_000_000))
    autosave(client, draft, snapshot(draft, title="Caravan", team_name="Ali", stamp=1_780_000_001))
    draft.refresh_from_db()
    assert draft.title == "Cara", "a stamp older than the saved one is dropped"
    autosave(
        client, draft, snapshot(draft, title="Caravan", team_name="Ali", stamp=1_780_000_002_000)
    )
    draft.refresh_from_db()
    assert draft.title == "Caravan"
    assert [m.name for m in draft.team.all()] == ["Ali"]


def test_an_explicit_save_always_goes_through(client, owner, draft):
    """Two tabs: the button in the tab with the older page still saves what the person sees."""
    client.force_login(owner)
    autosave(client, draft, snapshot(draft, title="Tab B", team_name="", stamp=1_780_000_009_000))
    save(client, draft, snapshot(draft, title="Tab A", team_name="Aziza", stamp=1_780_000_001_000))
    draft.refresh_from_db()
    assert draft.title == "Tab A"
    assert draft.form_snapshot_at == 1_780_000_009_000


@pytest.mark.parametrize("stamp", ["", "soon", "-5", "١٢٣", "9" * 40])
def test_without_a_usable_stamp_every_save_goes_through(client, owner, draft, stamp):
    """No JavaScript (or a mangled stamp): the form saves as it always did."""
    client.force_login(owner)
    data = snapshot(draft, title="No script", team_name="Aziza")
    data["snapshot_at"] = stamp
    assert autosave(client, draft, data).status_code == 200
    draft.refresh_from_db()
    assert draft.title == "No script"
    assert Application.objects.get(pk=draft.pk).form_snapshot_at is None


def test_the_form_carries_the_stamp_and_its_script(client, owner, draft):
    client.force_login(owner)
    page = client.get(reverse("programs:application_edit", args=[draft.pk])).content.decode()
    assert 'name="snapshot_at"' in page
    assert "data-snapshot" in page
    assert "programs/application_form" in page
