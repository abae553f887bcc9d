"""Public pages: programmes with their calls, and one call with its eligibility panel."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from bridge.accounts.legal_forms import legal_form_label
from bridge.core.pagecache import anonymous_page
from bridge.programs import rules
from bridge.programs.models import Application, ApplicationStatus, Programme, ProjectStage
from bridge.programs.selectors import applications as selectors
from bridge.programs.services.cohort import can_see_cohort
from bridge.programs.views.common import moment


# A call opens and closes with the clock, which no data version sees: a minute at most.
@anonymous_page(namespaces=("programs",), timeout=60)
def programme_list(request):
    calls = list(selectors.calls_public())
    programmes = {p.pk: p for p in Programme.objects.filter(calls__in=calls).distinct()}
    grouped: dict[int, dict] = {}
    now = timezone.now()
    for call in calls:
        entry = grouped.setdefault(
            call.programme_id, {"programme": programmes[call.programme_id], "calls": []}
        )
        entry["calls"].append(
            {"call": call, "status": call.status_at(now), "closes": moment(call.closes_at, call)}
        )
    context = {"programmes": list(grouped.values())}
    return render(request, "programs/public/programme_list.html", context)


def _rules_view(rules_dict: dict) -> dict:
    from django_countries import countries as names

    forms = {
        country: [str(legal_form_label(code)) for code in codes]
        for country, codes in (rules_dict.get("legal_forms") or {}).items()
    }
    stages = dict(ProjectStage.choices)
    return {
        "countries": [
            {"code": code, "name": names.name(code) or code, "forms": forms.get(code, [])}
            for code in rules_dict.get("countries") or []
        ],
        "verified_required": rules_dict.get("verified_required"),
        "min_age_months": rules_dict.get("min_age_months"),
        "max_age_months": rules_dict.get("max_age_months"),
        "team_min": rules_dict.get("team_min"),
        "team_max": rules_dict.get("team_max"),
        "project_stages": [str(stages.get(s, s)) for s in rules_dict.get("project_stages") or []],
    }


@anonymous_page(namespaces=("programs",), timeout=60)
def call_detail(request, slug):
    call = selectors.call_get_for_user(request.user, slug)
    language = get_language()
    organisations = list(selectors.organisations_for_applicant(request.user))
    live = {}
    if organisations:
        live = {
            a.organisation_id: a
            for a in Application.objects.filter(call=call, organisation__in=organisations).exclude(
                status=ApplicationStatus.WITHDRAWN
            )
        }
    panel = [
        {
            "organisation": organisation,
            "result": selectors.call_eligibility_for(call, organisation),
            "application": live.get(organisation.pk),
            "can_apply": rules.can_apply_for(request.user, organisation),
        }
        for organisation in organisations
    ]
    stages = list(call.stages.all())
    context = {
        "call": call,
        "title": call.title(language),
        "description": call.description(language),
        "support": call.support(language),
        "programme_name": call.programme.name(language),
        "status": call.status,
        "is_open": call.is_open_at(),
        "opens": moment(call.opens_at, call),
        "closes": moment(call.closes_at, call),
        "stages": [
            {
                "stage": stage,
                "name": stage.name(language),
                "description": stage.description(language),
                "deadline": moment(stage.deadline, call),
            }
            for stage in stages
        ],
        "rules": _rules_view(call.eligibility.as_rules()),
        "panel": panel,
        "is_staff_viewer": rules.can_view_all_applications(request.user),
        "can_manage": rules.can_manage_calls(request.user),
        "can_see_cohort": can_see_cohort(request.user),
    }
    return render(request, "programs/public/call_detail.html", context)
