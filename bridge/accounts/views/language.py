"""The language switch in the header: a POST form that works without JavaScript, and that needs
no CSRF token from visitors, so that pages whose other forms are all GET carry none and can be
cached whole (docs/decisions/0010-production-stack.md).

For a visitor, the switch only sets the language cookie: the worst a forged cross-site post can
do is show them the site in another of its languages, which they can switch back. For a signed-in
person it also saves the choice on their profile, a change to their account, so the CSRF token
is then checked as for any other form (their pages are never cached and carry it).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from bridge.accounts.services.people import user_set_language


@csrf_exempt
@require_POST
def set_language(request):
    """Switch the interface language; remembered in a cookie and, when signed in, on the person."""
    if request.user.is_authenticated:
        return _switch_for_person(request)
    return _switch(request)


@csrf_protect
def _switch_for_person(request):
    return _switch(request)


def _switch(request):
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        user_set_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=False,
        )
    return response
