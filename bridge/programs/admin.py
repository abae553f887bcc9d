"""Django admin for programmes: a fallback for staff; the pages and services are the main path.

Programmes, calls and their questions are saved through the same services as the staff pages
(checked and audited there). Eligibility rules are read-only here, since a change must go through
`eligibility_update` (which versions and logs it)."""

from django.contrib import admin

from bridge.core.audited_admin import AuditedModelAdmin
from bridge.programs.models import (
    Answer,
    Application,
    Assignment,
    Call,
    ConflictOfInterest,
    Criterion,
    Deal,
    Decision,
    Eligibility,
    EligibilityChange,
    MentorNote,
    Milestone,
    MilestoneProgress,
    Programme,
    Question,
    Review,
    Reviewer,
    Score,
    ScoreLevel,
    Stage,
    StageInvitation,
    TeamMember,
)
from bridge.programs.services import calls as call_services


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "call"


def _service_fields(form, names, *, changed_only: bool) -> dict:
    chosen = form.changed_data if changed_only else form.cleaned_data
    return {name: form.cleaned_data[name] for name in chosen if name in names}


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ("slug", "name_ru", "name_en", "created_at")
    search_fields = ("slug", "name_ru", "name_uz", "name_en")

    def save_model(self, request, obj, form, change):
        if not change:
            fields = _service_fields(form, call_services.PROGRAMME_FIELDS, changed_only=False)
            saved = call_services.programme_create(actor=request.user, **fields)
        else:
            fields = _service_fields(form, call_services.PROGRAMME_FIELDS, changed_only=True)
            if not fields:
                return
            saved = call_services.programme_update(
                actor=request.user, programme=Programme.objects.get(pk=obj.pk), **fields
            )
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(Call)
class CallAdmin(AuditedModelAdmin):
    list_display = (
        "slug",
        "programme",
        "title_ru",
        "opens_at",
        "closes_at",
        "timezone",
        "is_published",
    )
    list_filter = ("programme", "is_published", "blind_review")
    search_fields = ("slug", "title_ru", "title_uz", "title_en")
    list_select_related = ("programme",)
    inlines = [StageInline, QuestionInline]

    def get_readonly_fields(self, request, obj=None):
        # A call does not move to another programme (its applications were made to this one).
        return ("programme",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if not change:
            fields = _service_fields(form, call_services.CALL_FIELDS, changed_only=False)
            saved = call_services.call_create(
                actor=request.user, programme=form.cleaned_data["programme"], **fields
            )
        else:
            saved = Call.objects.get(pk=obj.pk)
            fields = _service_fields(form, call_services.CALL_FIELDS, changed_only=True)
            if fields:
                saved = call_services.call_update(actor=request.user, call=saved, **fields)
        if "is_published" in form.cleaned_data:
            call_services.call_publish(
                actor=request.user, call=saved, published=form.cleaned_data["is_published"]
            )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        if formset.model is not Question:
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads what a formset's save() would have recorded.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for question_form in formset.deleted_forms:
            if question_form.instance.pk is not None:
                question = Question.objects.get(pk=question_form.instance.pk)
                call_services.question_delete(actor=request.user, question=question)
                formset.deleted_objects.append(question_form.instance)
        for question_form in formset.forms:
            if question_form in formset.deleted_forms or not question_form.has_changed():
                continue
            fields = call_services.QUESTION_FIELDS
            if question_form.instance.pk is None:
                question = call_services.question_create(
                    actor=request.user,
                    call=form.instance,
                    **_service_fields(question_form, fields, changed_only=False),
                )
                formset.new_objects.append(question)
            else:
                changed = _service_fields(question_form, fields, changed_only=True)
                question = Question.objects.get(pk=question_form.instance.pk)
                call_services.question_update(actor=request.user, question=question, **changed)
                formset.changed_objects.append((question, sorted(changed)))
        return None


@admin.register(Eligibility)
class EligibilityAdmin(AuditedModelAdmin):
    list_display = ("call", "version", "countries", "verified_required", "updated_at")
    list_select_related = ("call",)
    readonly_fields = (*Eligibility.RULE_FIELDS, "version", "call")

    def has_add_permission(self, request):
        return False


@admin.register(EligibilityChange)
class EligibilityChangeAdmin(AuditedModelAdmin):
    list_display = ("call", "version", "actor", "created_at", "note")
    list_select_related = ("call", "actor")
    readonly_fields = ("call", "version", "actor", "created_at", "before", "after", "note")

    def has_add_permission(self, request):
        return False


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ("question",)


@admin.register(Application)
class ApplicationAdmin(AuditedModelAdmin):
    list_display = ("id", "title", "organisation", "call", "status", "submitted_at")
    list_filter = ("status", "call", "genre", "project_stage")
    search_fields = ("title", "organisation__name")
    list_select_related = ("organisation", "call")
    raw_id_fields = ("organisation", "created_by", "call", "current_stage")
    readonly_fields = ("eligibility_snapshot", "eligibility_version", "created_at", "updated_at")
    inlines = [TeamMemberInline, AnswerInline]


@admin.register(StageInvitation)
class StageInvitationAdmin(AuditedModelAdmin):
    list_display = ("stage", "application", "invited_at", "submitted_at")
    raw_id_fields = ("application", "invited_by")


@admin.register(Reviewer)
class ReviewerAdmin(AuditedModelAdmin):
    list_display = ("user", "call", "status", "languages", "invited_at")
    list_filter = ("status", "call")
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user", "call")
    raw_id_fields = ("user", "invited_by")
    exclude = ("token",)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(AuditedModelAdmin):
    list_display = ("reviewer", "application", "organisation", "source", "created_at")
    list_filter = ("source",)
    raw_id_fields = ("reviewer", "application", "organisation")


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ("reviewer", "application", "method", "created_at")
    list_filter = ("method",)
    raw_id_fields = ("reviewer", "application", "created_by")


class ScoreLevelInline(admin.TabularInline):
    model = ScoreLevel
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(AuditedModelAdmin):
    list_display = ("name_ru", "name_en", "call", "weight", "position")
    list_filter = ("call",)
    inlines = [ScoreLevelInline]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Review)
class ReviewAdmin(AuditedModelAdmin):
    list_display = ("assignment", "submitted_at", "updated_at")
    raw_id_fields = ("assignment",)
    inlines = [ScoreInline]


@admin.register(Decision)
class DecisionAdmin(AuditedModelAdmin):
    list_display = ("application", "outcome", "status", "language", "sent_at")
    list_filter = ("outcome", "status")
    raw_id_fields = ("application", "decided_by")


@admin.register(Milestone)
class MilestoneAdmin(AuditedModelAdmin):
    list_display = ("call", "kind", "title_ru", "due_on")
    list_filter = ("call", "kind")


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(AuditedModelAdmin):
    list_display = ("milestone", "application", "status", "updated_at")
    list_filter = ("status",)
    raw_id_fields = ("application", "reported_by")


@admin.register(MentorNote)
class MentorNoteAdmin(AuditedModelAdmin):
    list_display = ("application", "author", "shared_with_team", "created_at")
    raw_id_fields = ("application", "author")


@admin.register(Deal)
class DealAdmin(AuditedModelAdmin):
    list_display = ("application", "investor", "kind", "amount", "currency", "signed_on")
    list_filter = ("kind", "currency")
    raw_id_fields = ("application", "recorded_by")
