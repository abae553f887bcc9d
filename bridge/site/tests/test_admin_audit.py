"""Every change staff make in the admin leaves an audit row, and goes through the services where
the model has them (issue 18). The site floor sees every app, so the walk over the registry and the
behaviour tests of each kind of change live here."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.forms import MultiWidget
from django.urls import reverse

from bridge.accounts.models import User
from bridge.accounts.tests.factories import PASSWORD, UserFactory
from bridge.core.audit import audit_trail
from bridge.core.audited_admin import AuditedAdminMixin
from bridge.core.models import AuditEntry
from bridge.materials.models import Certification, Material
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status
from bridge.programs.models import Call, Programme, Question
from bridge.programs.tests.factories import AnswerFactory, CallFactory, QuestionFactory

pytestmark = pytest.mark.integration


def test_every_project_admin_is_audited():
    project = [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("bridge.")
    ]
    assert len(project) > 40  # every app's admin is registered, not just a few
    unaudited = sorted(
        type(a).__qualname__ for a in project if not isinstance(a, AuditedAdminMixin)
    )
    assert unaudited == []


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _add(data, name, field, value):
    if isinstance(field.widget, MultiWidget):
        for i, part in enumerate(field.widget.decompress(value)):
            data[f"{name}_{i}"] = "" if part is None else str(part)
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
    elif isinstance(value, list | tuple):
        data[name] = [str(v) for v in value]
    else:
        data[name] = "" if value is None else str(value)


def form_data(response, **changes) -> dict:
    """The POST data of an admin change form as shown, with `changes` applied."""
    data: dict = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        _add(data, name, field, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for sub in formset.forms:
            for name, field in sub.fields.items():
                _add(data, sub.add_prefix(name), field, sub[name].value())
    data.update(changes)
    return data


def actions_of(target):
    return [entry.action for entry in audit_trail(target).order_by("pk")]


def test_adding_a_model_without_service_is_audited(staff_client, staff):
    response = staff_client.post(
        reverse("admin:materials_certification_add"),
        {"code": "oeko-tex-x", "name": "OEKO-TEX X", "issuer": "OEKO-TEX", "website": ""},
    )
    assert response.status_code == 302
    certification = Certification.objects.get(code="oeko-tex-x")
    entry = audit_trail(certification).get()
    assert (entry.action, entry.actor, entry.data["via"]) == (
        "materials.certification.create",
        staff,
        "admin",
    )
    assert entry.data["fields"] == ["code", "issuer", "name"]


def test_deleting_in_the_admin_is_audited(staff_client):
    certification = Certification.objects.create(code="gone", name="Gone", issuer="Nobody")
    pk = certification.pk
    response = staff_client.post(
        reverse("admin:materials_certification_delete", args=[pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Certification.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(target_type="materials.certification", target_id=str(pk))
    assert (entry.action, entry.target_repr) == ("materials.certification.delete", "Gone")


def test_the_delete_selected_action_audits_each_object(staff_client):
    kept = Certification.objects.create(code="kept", name="Kept", issuer="Somebody")
    doomed = [Certification.objects.create(code=f"d{i}", name=f"D{i}") for i in range(2)]
    response = staff_client.post(
        reverse("admin:materials_certification_changelist"),
        {"action": "delete_selected", "post": "yes", ACTION_CHECKBOX_NAME: [c.pk for c in doomed]},
    )
    assert response.status_code == 302
    deleted = AuditEntry.objects.filter(action="materials.certification.delete")
    assert sorted(deleted.values_list("target_id", flat=True)) == sorted(str(c.pk) for c in doomed)
    assert actions_of(kept) == []


def test_an_action_goes_through_the_service_and_its_audit(staff_client):
    material = MaterialFactory(status=Status.PENDING)
    staff_client.post(
        reverse("admin:materials_material_changelist"),
        {"action": "archive_selected", ACTION_CHECKBOX_NAME: [material.pk]},
    )
    material.refresh_from_db()
    assert material.status == Status.ARCHIVED
    assert actions_of(material) == ["material.archive"]


def test_material_change_goes_through_the_service(staff_client):
    material = MaterialFactory(status=Status.PUBLISHED, name="Adras")
    url = reverse("admin:materials_material_change", args=[material.pk])
    response = staff_client.post(url, form_data(staff_client.get(url), name="Adras atlas"))
    assert response.status_code == 302
    material.refresh_from_db()
    assert (material.name, material.status) == ("Adras atlas", Status.PUBLISHED)
    entry = audit_trail(material).get()
    assert (entry.action, entry.data["fields"]) == ("material.update", ["name"])


def test_material_refused_by_the_service_is_not_half_saved(staff_client):
    material = MaterialFactory(status=Status.ARCHIVED, name="Adras")
    url = reverse("admin:materials_material_change", args=[material.pk])
    response = staff_client.post(url, form_data(staff_client.get(url), name="Renamed"))
    assert response.status_code == 302 and response.url == url
    material.refresh_from_db()
    assert material.name == "Adras"
    assert actions_of(material) == []
    page = staff_client.get(url)
    assert "An archived material cannot be changed." in page.content.decode()


def test_material_added_in_the_admin_is_created_by_the_service(staff_client, organisation):
    url = reverse("admin:materials_material_add")
    data = form_data(
        staff_client.get(url),
        supplier=str(organisation.pk),
        sku="ADM-1",
        name="Bekasam",
        description="Striped cotton and silk.",
        language="uz",
        category=str(MaterialFactory.build().category.pk),
        origin_country="UZ",
        price="120000",
        currency="UZS",
        unit="m",
        moq="5",
        lead_time_days="14",
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    material = Material.objects.get(sku="ADM-1")
    assert material.status == Status.DRAFT
    assert actions_of(material) == ["material.create"]


def test_call_edit_and_its_questions_go_through_the_services(staff_client):
    call = CallFactory(is_published=False)
    kept = QuestionFactory(call=call, label_en="Team?", position=0)
    removed = QuestionFactory(call=call, label_en="Old?", position=1)
    url = reverse("admin:programs_call_change", args=[call.pk])
    data = form_data(staff_client.get(url), title_en="Season X", is_published="on")
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "question" in k)[
        : -len("-TOTAL_FORMS")
    ]
    rows = {data[f"{prefix}-{i}-id"]: i for i in range(int(data[f"{prefix}-TOTAL_FORMS"]))}
    data[f"{prefix}-{rows[str(kept.pk)]}-label_en"] = "Who is on the team?"
    data[f"{prefix}-{rows[str(removed.pk)]}-DELETE"] = "on"
    new = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(new + 1)
    data.update(
        {
            f"{prefix}-{new}-call": str(call.pk),
            f"{prefix}-{new}-kind": "text",
            f"{prefix}-{new}-label_en": "Budget?",
            f"{prefix}-{new}-choices": "[]",
            f"{prefix}-{new}-position": "5",
            f"{prefix}-{new}-max_length": "",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    call.refresh_from_db()
    assert (call.title_en, call.is_published) == ("Season X", True)
    assert actions_of(call) == ["call.update", "call.publish"]
    assert audit_trail(call).filter(action="call.update").get().data["fields"] == ["title_en"]
    kept.refresh_from_db()
    assert kept.label_en == "Who is on the team?"
    assert actions_of(kept) == ["question.update"]
    assert not Question.objects.filter(pk=removed.pk).exists()
    assert AuditEntry.objects.filter(action="question.delete", target_id=str(removed.pk)).exists()
    added = Question.objects.get(call=call, label_en="Budget?")
    assert actions_of(added) == ["question.create"]


def test_an_answered_question_is_not_deleted_from_the_admin(staff_client):
    question = QuestionFactory(label_en="Why you?")
    AnswerFactory(question=question, value="Because")
    call = question.call
    url = reverse("admin:programs_call_change", args=[call.pk])
    data = form_data(staff_client.get(url), title_en="Renamed")
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "question" in k)[
        : -len("-TOTAL_FORMS")
    ]
    data[f"{prefix}-0-DELETE"] = "on"
    response = staff_client.post(url, data)
    assert response.status_code == 302 and response.url == url
    assert Question.objects.filter(pk=question.pk).exists()
    call.refresh_from_db()
    assert call.title_en != "Renamed"  # the whole form was rolled back
    assert actions_of(call) == []


def test_programme_add_and_change_go_through_the_services(staff_client):
    url = reverse("admin:programs_programme_add")
    data = form_data(staff_client.get(url), slug="music-lab", name_en="Music Lab")
    assert staff_client.post(url, data).status_code == 302
    programme = Programme.objects.get(slug="music-lab")
    url = reverse("admin:programs_programme_change", args=[programme.pk])
    data = form_data(staff_client.get(url), name_ru="Музыкальная лаборатория")
    assert staff_client.post(url, data).status_code == 302
    assert actions_of(programme) == ["programme.create", "programme.update"]
    assert audit_trail(programme).order_by("pk").last().data["fields"] == ["name_ru"]


def test_call_added_in_the_admin_is_made_by_the_service(staff_client):
    programme = CallFactory().programme
    url = reverse("admin:programs_call_add")
    data = form_data(
        staff_client.get(url),
        programme=str(programme.pk),
        slug="autumn",
        title_en="Autumn",
        opens_at_0="2027-01-10",
        opens_at_1="10:00:00",
        closes_at_0="2027-02-10",
        closes_at_1="18:00:00",
        timezone="Asia/Tashkent",
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    call = Call.objects.get(slug="autumn")
    assert actions_of(call) == ["call.create"]
    assert call.stages.count() == 1  # the service's first stage
    assert call.eligibility.version == 1


def test_an_inline_without_service_audits_each_row(staff_client):
    call = CallFactory()
    stage = call.stages.get()
    url = reverse("admin:programs_call_change", args=[call.pk])
    data = form_data(staff_client.get(url))
    prefix = next(k for k in data if k.endswith("-TOTAL_FORMS") and "stage" in k)[
        : -len("-TOTAL_FORMS")
    ]
    data[f"{prefix}-0-name_en"] = "First round"
    assert staff_client.post(url, data).status_code == 302
    entry = audit_trail(stage).get()
    assert (entry.action, entry.data["fields"]) == ("programs.stage.update", ["name_en"])


def test_password_set_in_the_admin_is_audited(staff_client):
    user = UserFactory()
    response = staff_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "another-long-pass-phrase", "password2": "another-long-pass-phrase"},
    )
    assert response.status_code == 302
    assert actions_of(user) == ["accounts.user.password_set"]
    assert not User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_a_manager_without_the_right_is_refused_with_a_message_not_an_error(client, db):
    # May change calls in the admin, but not manage them (the services' rule): refused, intact.
    from django.contrib.auth.models import Permission

    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_call", "change_call"])
    )
    call = CallFactory(title_en="Season 1")
    client.force_login(clerk)
    url = reverse("admin:programs_call_change", args=[call.pk])
    response = client.post(url, form_data(client.get(url), title_en="Season X"))
    assert response.status_code == 302 and response.url == url
    call.refresh_from_db()
    assert call.title_en == "Season 1"
    assert "You may not make this change." in client.get(url).content.decode()
