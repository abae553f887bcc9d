"""The rollup: what it counts, that it is idempotent, incremental runs, the command."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.insights.models import DailyCount, MonthlyCount, RollupRun, RunStatus, StaffFigure
from bridge.insights.rollups.dates import as_day
from bridge.insights.services.rollup import rollup_run
from bridge.insights.tests.factories import published, sample_request, supplier
from bridge.materials.models import Material
from bridge.materials.services.materials import material_archive
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration


def counts(stat: str, **where) -> dict:
    rows = DailyCount.objects.filter(stat=stat, **where)
    return {(r.day, r.country, r.category, r.segment): r.value for r in rows}


def today_value(stat: str, **where) -> int:
    today = as_day(timezone.now())
    return sum(r.value for r in DailyCount.objects.filter(stat=stat, day=today, **where))


def snapshot() -> list[tuple]:
    return sorted(
        DailyCount.objects.values_list(
            "stat", "day", "country", "category", "sector", "segment", "value"
        )
    ) + sorted(
        MonthlyCount.objects.values_list(
            "stat", "month", "country", "category", "sector", "segment", "value"
        )
    )


def test_published_materials_by_country_and_category_match_the_catalog_api(db):
    uz, ru = supplier("UZ"), supplier("RU")
    published(6, supplier=uz, category="textiles")
    published(2, supplier=uz, category="ceramics")
    published(3, supplier=ru)
    material_archive(actor=None, material=published(1, supplier=ru)[0])
    rollup_run()
    assert today_value("materials.published", country="UZ", category="textiles") == 6
    assert today_value("materials.published", country="UZ", category="ceramics") == 2
    assert today_value("materials.published", country="RU") == 3
    api = Client().get("/api/v1/materials").json()
    assert today_value("materials.published") == api["count"] == 11
    assert today_value("suppliers.active") == 2


def test_history_walks_back_from_today(db):
    uz = supplier("UZ")
    long_ago = timezone.now() - timedelta(days=40)
    published(5, supplier=uz, when=long_ago)
    published(2, supplier=uz)
    rollup_run(full=True)
    forty = as_day(long_ago)
    assert counts("materials.published", day=forty - timedelta(days=1)) == {}
    assert sum(counts("materials.published", day=forty).values()) == 5
    assert today_value("materials.published") == 7
    assert sum(counts("materials.new").values()) == 7


def test_a_second_run_writes_the_same_rows(db):
    uz = supplier("UZ")
    published(7, supplier=uz, when=timezone.now() - timedelta(days=70))
    sample_request(supplier=uz, answered_after=timedelta(hours=5))
    rollup_run(full=True)
    first = snapshot()
    rollup_run(full=True)
    assert snapshot() == first
    rollup_run()
    assert snapshot() == first


def test_an_incremental_run_sees_a_material_archived_today(db):
    uz = supplier("UZ")
    materials = published(6, supplier=uz, when=timezone.now() - timedelta(days=20))
    rollup_run(full=True)
    assert today_value("materials.published") == 6
    Material.objects.filter(pk=materials[0].pk).update(
        status=Status.ARCHIVED, updated_at=timezone.now()
    )
    run = rollup_run()
    assert not run.full
    assert run.since == as_day(timezone.now()) - timedelta(days=1)
    assert today_value("materials.published") == 5
    assert today_value("materials.withdrawn") == 1


def test_an_answer_today_moves_the_figures_of_the_day_the_request_was_made(db):
    uz = supplier("UZ")
    made = timezone.now() - timedelta(days=5)
    request = sample_request(supplier=uz, created_at=made)
    rollup_run(full=True)
    assert counts("samples.stage", segment="answered") == {}
    request.status = "accepted"
    request.answered_at = request.accepted_at = made + timedelta(hours=30)
    request.save()
    rollup_run()
    answered = counts("samples.stage", segment="answered")
    assert answered == {(as_day(made), "UZ", "", "answered"): 1}
    assert counts("samples.answer_hours") == {(as_day(made), "UZ", "", "030"): 1}


def test_sample_requests_count_where_they_come_from(db):
    uz = supplier("UZ")
    kz = OrganisationFactory(country="KZ")
    sample_request(supplier=uz, requester_org=kz)
    sample_request(supplier=uz)
    rollup_run()
    by_origin = {segment: v for (_d, _c, _cat, segment), v in counts("samples.requested").items()}
    assert by_origin == {"KZ": 1, "RU": 1}


def test_applications_by_season_and_outcome(db):
    from bridge.programs.tests.factories import CallFactory, SubmittedApplicationFactory

    call = CallFactory(is_published=True)
    SubmittedApplicationFactory.create_batch(3, call=call, organisation__country="UZ")
    accepted = SubmittedApplicationFactory(call=call, organisation__country="RU")
    accepted.status = "accepted"
    accepted.save()
    SubmittedApplicationFactory(call=call, status="withdrawn")
    run = rollup_run()
    assert today_value("applications.submitted", segment=call.slug) == 4
    assert today_value("applications.accepted", country="RU") == 1
    assert run.labels["calls"][call.slug]["title"]["en"] == call.title("en")


def test_moderation_waits_come_from_the_audit_log(db, django_user_model):
    from bridge.accounts.models import Membership, Role
    from bridge.accounts.tests.factories import UserFactory
    from bridge.core.audit import audit_backdate
    from bridge.core.models import AuditEntry
    from bridge.insights.tests.factories import staff
    from bridge.materials.services import materials as services
    from bridge.materials.tests.factories import MaterialFactory

    uz = supplier("UZ")
    owner = UserFactory()
    Membership.objects.create(organisation=uz, user=owner, role=Role.OWNER)
    material = MaterialFactory(supplier=uz)
    services.material_submit(actor=owner, material=material)
    audit_backdate(
        AuditEntry.objects.filter(action="material.submit"),
        when=timezone.now() - timedelta(hours=10),
    )
    services.material_publish(actor=staff("moderator"), material=material)
    MaterialFactory(supplier=uz, status=Status.PENDING)
    rollup_run()
    assert counts("moderation.hours") == {(as_day(timezone.now()), "", "material", "010"): 1}
    assert today_value("moderation.pending", category="material") == 1
    queue = StaffFigure.objects.get(report="moderation_queue", position=0).data
    assert queue["name"] == uz.name and queue["waiting"] == 1


def test_a_failed_run_is_recorded_and_changes_nothing(db, monkeypatch):
    from bridge.insights.rollups import samples

    published(5, supplier=supplier("UZ"))
    rollup_run()
    before = snapshot()

    def broken(self, window):
        raise RuntimeError("disk full")

    monkeypatch.setattr(samples.SamplesSource, "compute", broken)
    with pytest.raises(RuntimeError):
        rollup_run(full=True)
    assert snapshot() == before
    failed = RollupRun.objects.get(status=RunStatus.FAILED)
    assert "disk full" in failed.error


def test_the_command_runs_full_then_incremental_and_refuses_bad_dates(db):
    published(5, supplier=supplier("UZ"))
    out = StringIO()
    call_command("insights_rollup", stdout=out)
    assert "daily rows" in out.getvalue()
    assert RollupRun.objects.get().full
    call_command("insights_rollup", "--since", "2020-01-01", stdout=StringIO())
    assert RollupRun.objects.order_by("-id").first().since == date(2020, 1, 1)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("insights_rollup", "--since", "yesterday")
    with pytest.raises(CommandError):
        call_command("insights_rollup", "--since", "2020-01-01", "--full")


def test_the_task_runs_the_rollup(db):
    from bridge.insights.tasks import insights_rollup

    published(5, supplier=supplier("UZ"))
    result = insights_rollup.enqueue(since="", full=True)
    run = RollupRun.objects.get(pk=result.return_value)
    assert run.trigger == "task" and run.status == RunStatus.DONE
