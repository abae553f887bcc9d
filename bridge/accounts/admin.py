"""Django admin for staff work that has no page of its own yet.

Changes that matter (verification, refusal) go through the same services as the pages, so they
are checked and audited the same way; the admin never flips the verification field by itself.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin as OtpStaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OtpTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from bridge.accounts import rules
from bridge.accounts.models import ApiToken, Invitation, Membership, Organisation, User
from bridge.accounts.services import organisations as services
from bridge.accounts.services.security import user_sessions_invalidate
from bridge.core.audited_admin import AuditedAdminMixin, AuditedModelAdmin, admin_audit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["user"]


class RejectActionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The owners receive it by e-mail and see it on their organisation's page."),
    )


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "country",
        "legal_form",
        "registration_number",
        "verification",
        "is_it_park_resident",
        "member_count",
        "created_at",
    ]
    list_filter = ["verification", "country", "is_it_park_resident", "sectors"]
    search_fields = ["name", "slug", "registration_number", "website", "memberships__user__email"]
    readonly_fields = ["slug", "verification", "verification_reason", "verified_at", "created_at"]
    filter_horizontal = ["sectors"]
    inlines = [MembershipInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["verify_selected", "reject_selected"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "legal_form", "registration_number"]}),
        (_("Profile"), {"fields": ["sectors", "website", "logo", "is_it_park_resident"]}),
        (_("Description"), {"fields": ["description_ru", "description_uz", "description_en"]}),
        (
            _("Verification"),
            {"fields": ["verification", "verification_reason", "verified_at", "created_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count

    def _may_verify(self, request):
        return rules.can_verify_organisations(request.user)

    def has_verify_permission(self, request):
        return self._may_verify(request)

    @admin.action(description=_("Verify the selected organisations"), permissions=["verify"])
    def verify_selected(self, request, queryset):
        count = 0
        for organisation in queryset:
            services.organisation_verify(actor=request.user, organisation=organisation)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d organisation verified.", "%(count)d organisations verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Refuse verification of the selected organisations"), permissions=["verify"]
    )
    def reject_selected(self, request, queryset):
        """Asks for the reason on an intermediate page, then refuses each one with it."""
        form = RejectActionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for organisation in queryset:
                try:
                    services.organisation_reject(
                        actor=request.user,
                        organisation=organisation,
                        reason=form.cleaned_data["reason"],
                    )
                except (ValidationError, PermissionDenied) as exc:
                    self.message_user(
                        request, " ".join(getattr(exc, "messages", [])), messages.ERROR
                    )
                    return None
                count += 1
            self.message_user(
                request,
                ngettext(
                    "Verification of %(count)d organisation refused.",
                    "Verification of %(count)d organisations refused.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Refuse verification"),
            "opts": self.model._meta,
            "form": form,
            "organisations": queryset,
            "action": "reject_selected",
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/accounts/organisation/reject.html", context)


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["organisation", "user", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["organisation__name", "user__email", "user__full_name"]
    list_select_related = ["organisation", "user"]
    raw_id_fields = ["organisation", "user"]


@admin.register(Invitation)
class InvitationAdmin(AuditedModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "created_at", "status"]
    list_filter = [
        "role",
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
    raw_id_fields = ["organisation", "invited_by"]
    readonly_fields = ["token", "created_at", "accepted_at", "revoked_at"]

    @admin.display(description=_("status"))
    def status(self, obj):
        if obj.accepted_at:
            return _("accepted")
        if obj.revoked_at:
            return _("revoked")
        return _("open")

    # An invitation's secret link is made by the members page, which also sends the e-mail.
    def has_add_permission(self, request):
        return False


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "is_staff",
        "is_active",
        "email_confirmed_at",
        "date_joined",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal"), {"fields": ["full_name", "language", "timezone", "email_confirmed_at"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        staff_fields = {"is_staff", "is_superuser", "groups", "user_permissions", "is_active"}
        if change and staff_fields & set(form.changed_data):
            # A staff role granted or taken ends the person's sessions; they sign in again
            # (with the second factor a staff role requires).
            user_sessions_invalidate(user=form.instance)
            if form.instance.pk == request.user.pk:
                request.user.session_generation = form.instance.session_generation
                update_session_auth_hash(request, request.user)

    def user_change_password(self, request, id, form_url=""):
        # Django saves the new password without save_model; the audit row is written here.
        with self._atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                admin_audit(
                    request=request, action="password_set", target=self.get_object(request, id)
                )
            return response


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    search_fields = ["name", "user__email", "prefix"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "key_hash",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
    ]

    def has_add_permission(self, request):
        return False


# django-otp's own admins, audited like ours: staff may remove a lost device (the person then
# sets up a new one at the next sign-in); keys stay hidden (OTP_ADMIN_HIDE_SENSITIVE_DATA).
for _model, _base in ((TOTPDevice, OtpTOTPDeviceAdmin), (StaticDevice, OtpStaticDeviceAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, type(_base.__name__, (AuditedAdminMixin, _base), {}))
