"""`POST /api/v1/insights/rollups`: analysts recompute the figures, nobody else may."""

import pytest

from bridge.accounts.models.tokens import TokenScope
from bridge.accounts.tests.factories import ApiTokenFactory
from bridge.insights.models import RollupRun

pytestmark = pytest.mark.integration

URL = "/api/v1/insights/rollups"


def test_an_analyst_recomputes_the_figures(client, analyst, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    assert response.status_code == 202
    assert RollupRun.objects.count() == 1


@pytest.mark.parametrize("who", ["moderator", "owner", "outsider"])
def test_others_may_not(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(URL).status_code == 403
    assert not RollupRun.objects.exists()


def test_anonymous_and_read_only_callers_may_not(client, analyst):
    assert client.post(URL).status_code == 401
    ApiTokenFactory(user=analyst, raw="cb_analyst_read_001", scope=TokenScope.READ)
    response = client.post(URL, HTTP_AUTHORIZATION="Bearer cb_analyst_read_001")
    assert response.status_code == 403
    assert not RollupRun.objects.exists()
