"""Heritage theme pages: the index of themes with their counts, one theme with everything tied
to it, and the staff form for its text and images."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.knowledge import rules
from bridge.knowledge.forms.common import apply_errors
from bridge.knowledge.forms.themes import ThemeImageForm, ThemeTextForm
from bridge.knowledge.models import ThemeImage
from bridge.knowledge.selectors import themes as selectors
from bridge.knowledge.services import themes as services
from bridge.knowledge.views.common import parse_id


def theme_index(request):
    return render(
        request,
        "knowledge/themes/index.html",
        {"themes": selectors.theme_index(), "can_edit": rules.can_edit_themes(request.user)},
    )


def theme(request, concept_id):
    detail = selectors.theme_detail(concept_id)
    return render(
        request,
        "knowledge/themes/theme.html",
        {
            "theme": detail,
            "can_edit": rules.can_edit_themes(request.user),
            "theme_names": selectors.theme_names(),
            "current_theme": concept_id,
        },
    )


@login_required
def theme_edit(request, concept_id):
    if not rules.can_edit_themes(request.user) or not selectors.is_theme(concept_id):
        raise Http404
    detail = selectors.theme_detail(concept_id, per_group=0)
    text_form = ThemeTextForm(initial=selectors.theme_texts(detail.page))
    image_form = ThemeImageForm()
    if request.method == "POST" and request.POST.get("form") == "image":
        image_form = ThemeImageForm(request.POST, request.FILES)
        if image_form.is_valid():
            try:
                data = dict(image_form.cleaned_data)
                services.theme_image_add(
                    actor=request.user, concept_id=concept_id, upload=data.pop("image"), **data
                )
            except ValidationError as exc:
                apply_errors(image_form, exc)
            else:
                messages.success(request, _("The image is added."))
                return redirect("knowledge:theme_edit", concept_id=concept_id)
    elif request.method == "POST":
        text_form = ThemeTextForm(request.POST)
        if text_form.is_valid():
            try:
                services.theme_update(
                    actor=request.user, concept_id=concept_id, **text_form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(text_form, exc)
            else:
                messages.success(request, _("The theme page is saved."))
                return redirect("knowledge:theme", concept_id=concept_id)
    return render(
        request,
        "knowledge/themes/edit.html",
        {"theme": detail, "text_form": text_form, "image_form": image_form},
    )


@require_POST
@login_required
def theme_image_remove(request, concept_id, pk):
    if not rules.can_edit_themes(request.user):
        raise Http404
    image = ThemeImage.objects.filter(pk=parse_id(pk), theme_id=concept_id).first()
    if image is None:
        raise Http404
    services.theme_image_remove(actor=request.user, image=image)
    messages.success(request, _("The image is removed."))
    return redirect("knowledge:theme_edit", concept_id=concept_id)
