"""Forms for what a person does with their own account. They validate; services write."""

import functools
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import User
from bridge.accounts.models.tokens import TokenScope
from bridge.core.mail import notify

COMMON_TIMEZONES = [
    "Europe/Moscow",
    "Asia/Tashkent",
    "Asia/Almaty",
    "Asia/Bishkek",
    "Asia/Dushanbe",
    "Asia/Baku",
    "Asia/Yerevan",
    "Europe/Minsk",
    "UTC",
]


@functools.cache
def _other_timezones() -> list[tuple[str, str]]:
    common = set(COMMON_TIMEZONES)
    return [
        (name, name.replace("_", " "))
        for name in sorted(zoneinfo.available_timezones())
        if name not in common and not name.startswith(("Etc/", "SystemV/"))
    ]


def timezone_choices() -> list:
    return [
        ("", _("Site default (Moscow)")),
        (_("Common"), [(name, name.replace("_", " ")) for name in COMMON_TIMEZONES]),
        (_("All time zones"), _other_timezones()),
    ]


DUPLICATE_EMAIL = _(
    "An account with this e-mail address already exists. Sign in, or reset your password."
)


def _password_help() -> str:
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


password_help = lazy(_password_help, str)


def current_language() -> str:
    language = (get_language() or "").split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=password_help(),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("For the site and the e-mails we send you."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", current_language())
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(DUPLICATE_EMAIL, code="duplicate_email")
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error(
                "password2",
                forms.ValidationError(_("The two passwords do not match."), code="mismatch"),
            )
        elif password1:
            probe = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user=probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct."),
        "inactive": _("This account has been deactivated."),
        "unconfirmed": _(
            "Please confirm your e-mail address first: follow the link in the e-mail we sent you."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")

    @property
    def unconfirmed(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "unconfirmed")


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class LocalisedPasswordResetForm(PasswordResetForm):
    """Sends the reset link through the site's mail queue, in the person's own language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        notify(
            to=user,
            template="accounts/email/password_reset",
            context={"name": user.display_name, "url": settings.SITE_URL + path},
            language=user.language or current_language(),
        )


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("For the site and the e-mails we send you."),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=timezone_choices,
        help_text=_("Dates and times are shown in this zone."),
    )

    @classmethod
    def for_user(cls, user: User, data=None) -> "ProfileForm":
        initial = {
            "full_name": user.full_name,
            "language": user.language or current_language(),
            "timezone": user.timezone,
        }
        return cls(data=data, initial=initial)


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Say what will use it, for example “price-list sync”."),
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        coerce=int,
        initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("365 days"))],
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("A read-only token can look but not change anything."),
    )
