"""The demo's joint projects (issue 11): two Russian–Uzbek projects after the Tashkent B2B day,
both public, one at the international level (festival selection); they appear in the registry
and on their heritage theme pages; a second run changes nothing."""

import pytest
from django.urls import reverse

from bridge.core.demo import DemoContext
from bridge.partnering.demo import build_demo
from bridge.partnering.models import JointProject, ProjectStatusChange
from bridge.site.demo import build_people_and_organisations

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _snapshot():
    return sorted(
        JointProject.objects.values_list("title", "status", "published_at", "updated_at")
    ), ProjectStatusChange.objects.count()


def test_the_demo_shows_two_joint_projects_one_at_a_festival(client):
    ctx = DemoContext(password="demo-password-1")
    build_people_and_organisations(ctx)
    build_demo(ctx)
    projects = list(JointProject.objects.prefetch_related("partners__organisation"))
    assert len(projects) == 2 and all(p.is_public for p in projects)
    for project in projects:
        countries = {str(p.organisation.country) for p in project.partners.all()}
        assert countries == {"RU", "UZ"}
    festival = JointProject.objects.get(status="international")
    assert festival.history.filter(recognition="festival").exclude(evidence_url="").exists()
    assert JointProject.objects.filter(interest__isnull=False, status="in-production").exists()
    registry = client.get("/partnering/projects/", HTTP_ACCEPT_LANGUAGE="en")
    assert all(p.title in registry.text for p in projects)
    theme = client.get(reverse("knowledge:theme", args=["afandi"]), HTTP_ACCEPT_LANGUAGE="en")
    groups = {g.key: [c.title for c in g.cards] for g in theme.context["theme"].groups}
    assert groups["partnering-projects"] == [festival.title]
    before = _snapshot()
    build_demo(
        DemoContext(password="demo-password-1", organisations=ctx.organisations, people=ctx.people)
    )
    assert _snapshot() == before
