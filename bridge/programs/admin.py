"""Django admin for programmes: a fallback for staff; the pages and services are the main path.

Eligibility rules are read-only here, since a change must go through `eligibility_update` (which
versions and logs it)."""

from django.contrib import admin

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


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fk_name = "call"


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_ru", "name_en", "created_at")
    search_fields = ("slug", "name_ru", "name_uz", "name_en")


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
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


@admin.register(Eligibility)
class EligibilityAdmin(admin.ModelAdmin):
    list_display = ("call", "version", "countries", "verified_required", "updated_at")
    list_select_related = ("call",)
    readonly_fields = (*Eligibility.RULE_FIELDS, "version", "call")

    def has_add_permission(self, request):
        return False


@admin.register(EligibilityChange)
class EligibilityChangeAdmin(admin.ModelAdmin):
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
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("id", "title", "organisation", "call", "status", "submitted_at")
    list_filter = ("status", "call", "genre", "project_stage")
    search_fields = ("title", "organisation__name")
    list_select_related = ("organisation", "call")
    raw_id_fields = ("organisation", "created_by", "call", "current_stage")
    readonly_fields = ("eligibility_snapshot", "eligibility_version", "created_at", "updated_at")
    inlines = [TeamMemberInline, AnswerInline]


@admin.register(StageInvitation)
class StageInvitationAdmin(admin.ModelAdmin):
    list_display = ("stage", "application", "invited_at", "submitted_at")
    raw_id_fields = ("application", "invited_by")


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ("user", "call", "status", "languages", "invited_at")
    list_filter = ("status", "call")
    search_fields = ("user__email", "user__full_name")
    list_select_related = ("user", "call")
    raw_id_fields = ("user", "invited_by")
    exclude = ("token",)


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ("reviewer", "application", "organisation", "source", "created_at")
    list_filter = ("source",)
    raw_id_fields = ("reviewer", "application", "organisation")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("reviewer", "application", "method", "created_at")
    list_filter = ("method",)
    raw_id_fields = ("reviewer", "application", "created_by")


class ScoreLevelInline(admin.TabularInline):
    model = ScoreLevel
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "name_en", "call", "weight", "position")
    list_filter = ("call",)
    inlines = [ScoreLevelInline]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("assignment", "submitted_at", "updated_at")
    raw_id_fields = ("assignment",)
    inlines = [ScoreInline]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("application", "outcome", "status", "language", "sent_at")
    list_filter = ("outcome", "status")
    raw_id_fields = ("application", "decided_by")


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("call", "kind", "title_ru", "due_on")
    list_filter = ("call", "kind")


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(admin.ModelAdmin):
    list_display = ("milestone", "application", "status", "updated_at")
    list_filter = ("status",)
    raw_id_fields = ("application", "reported_by")


@admin.register(MentorNote)
class MentorNoteAdmin(admin.ModelAdmin):
    list_display = ("application", "author", "shared_with_team", "created_at")
    raw_id_fields = ("application", "author")


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ("application", "investor", "kind", "amount", "currency", "signed_on")
    list_filter = ("kind", "currency")
    raw_id_fields = ("application", "recorded_by")
