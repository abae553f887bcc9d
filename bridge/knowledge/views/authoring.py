"""Authors' pages: my practices, a new one, a language version, the shared details, the history
of a version, sending it for review, attached files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.knowledge import rules
from bridge.knowledge.forms.common import apply_errors
from bridge.knowledge.forms.practices import (
    AttachmentForm,
    DetailsForm,
    PracticeForm,
    TranslationForm,
    VersionForm,
)
from bridge.knowledge.languages import LANGUAGE_CODES, NATIVE_NAMES, reader_language
from bridge.knowledge.models import EDITABLE, Attachment
from bridge.knowledge.selectors import library as selectors
from bridge.knowledge.services import practices as services
from bridge.knowledge.services import review
from bridge.knowledge.views.common import entry_of, parse_id, report, text_diff
from bridge.search.concepts import concept_suggest


def _editable_practice(request, slug):
    found = selectors.practice_for(slug)
    if not rules.can_edit_practice(request.user, found):
        raise Http404
    return found


@login_required
def mine(request):
    return render(
        request,
        "knowledge/authoring/mine.html",
        {
            "practices": selectors.practices_of(request.user),
            "questions": selectors.unanswered_for(request.user),
            "can_write": rules.author_organisations(request.user).exists(),
        },
    )


@login_required
def practice_new(request):
    organisations = rules.author_organisations(request.user)
    if not organisations.exists():
        return render(request, "knowledge/authoring/no_organisation.html", status=403)
    initial = {
        "language": reader_language()[:2] if reader_language()[:2] in LANGUAGE_CODES else "ru"
    }
    form = PracticeForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.practice_create(
                actor=request.user,
                organisation=data["organisation"],
                kind=data["kind"],
                language=data["language"],
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                sectors=data["sectors"],
                keywords=data["keywords"],
                themes=data["themes"],
                video_url=data["video_url"],
                chapters=data["chapters"],
            )
        except PermissionDenied:
            form.add_error("organisation", _("You are not a member of this organisation."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Your draft is saved. Send it for review when it is ready.")
            )
            entry = created.entries.get()
            return redirect("knowledge:entry_edit", slug=created.slug, lang=entry.language)
    return render(request, "knowledge/authoring/new.html", {"form": form})


@login_required
def practice_details(request, slug):
    found = _editable_practice(request, slug)
    initial = {
        "kind": found.kind,
        "sectors": [s.code for s in found.sectors.all()],
        "themes": found.themes,
        "keywords": found.keywords,
        "video_url": found.video_url,
    }
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(actor=request.user, practice=found, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The details are saved for every language version."))
            return redirect(found.get_absolute_url())
    return render(request, "knowledge/authoring/details.html", {"form": form, "practice": found})


@login_required
def practice_translate(request, slug):
    found = _editable_practice(request, slug)
    have = {entry.language for entry in found.entries.all()}
    missing = [code for code in LANGUAGE_CODES if code not in have]
    if not missing:
        messages.info(request, _("This practice has a version in every language."))
        return redirect(found.get_absolute_url())
    asked = request.GET.get("lang", "")
    initial = {"language": asked if asked in missing else missing[0]}
    form = TranslationForm(request.POST or None, missing=missing, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(actor=request.user, practice=found, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The new version is saved as a draft."))
            return redirect("knowledge:entry_edit", slug=found.slug, lang=entry.language)
    original = next((e for e in found.entries.all() if e.language == found.original_language), None)
    return render(
        request,
        "knowledge/authoring/translate.html",
        {"form": form, "practice": found, "original": original, "native": NATIVE_NAMES},
    )


@login_required
def entry_edit(request, slug, lang):
    found = _editable_practice(request, slug)
    entry = entry_of(found, lang)
    initial = {
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body,
        "chapters": entry.chapters,
    }
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("knowledge:entry_edit", slug=found.slug, lang=entry.language)
    return render(
        request,
        "knowledge/authoring/edit.html",
        {
            "form": form,
            "practice": found,
            "entry": entry,
            "editable": entry.status in EDITABLE,
            "attachment_form": AttachmentForm(),
            "attachments": list(entry.attachments.all()),
            "native": NATIVE_NAMES,
        },
    )


def _workflow(request, slug, lang, action, done: str):
    found = (
        _editable_practice(request, slug) if action != "archive" else selectors.practice_for(slug)
    )
    entry = entry_of(found, lang)
    try:
        action_service = {"submit": review.entry_submit, "archive": review.entry_archive}[action]
        action_service(actor=request.user, entry=entry)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(request, done)
    return redirect("knowledge:entry_edit", slug=found.slug, lang=entry.language)


@require_POST
@login_required
def entry_submit(request, slug, lang):
    return _workflow(
        request,
        slug,
        lang,
        "submit",
        _("Sent for review. We will write to you when it is published."),
    )


@require_POST
@login_required
def entry_archive(request, slug, lang):
    return _workflow(
        request, slug, lang, "archive", _("The version is withdrawn from the library.")
    )


@login_required
def entry_history(request, slug, lang):
    found = selectors.practice_for(slug)
    if not (rules.can_edit_practice(request.user, found) or rules.can_review(request.user)):
        raise Http404
    entry = entry_of(found, lang)
    revisions = list(entry.revisions.select_related("author"))
    rows = []
    for index, revision in enumerate(revisions):
        previous = revisions[index + 1] if index + 1 < len(revisions) else None
        text = f"{revision.title}\n\n{revision.summary}\n\n{revision.body}"
        before = f"{previous.title}\n\n{previous.summary}\n\n{previous.body}" if previous else ""
        rows.append({"revision": revision, "diff": text_diff(before, text)})
    return render(
        request,
        "knowledge/authoring/history.html",
        {
            "practice": found,
            "entry": entry,
            "rows": rows,
            "can_restore": rules.can_edit_practice(request.user, found)
            and entry.status in EDITABLE,
        },
    )


@require_POST
@login_required
def entry_restore(request, slug, lang):
    found = _editable_practice(request, slug)
    entry = entry_of(found, lang)
    try:
        services.entry_restore(
            actor=request.user, entry=entry, number=parse_id(request.POST.get("number"))
        )
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("The earlier text is back, as a new revision."))
    return redirect("knowledge:entry_history", slug=found.slug, lang=entry.language)


@require_POST
@login_required
def attachment_add(request, slug, lang):
    found = _editable_practice(request, slug)
    entry = entry_of(found, lang)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, entry=entry, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(request, _("The file is attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("knowledge:entry_edit", slug=found.slug, lang=entry.language)


@require_POST
@login_required
def attachment_remove(request, slug, pk):
    found = _editable_practice(request, slug)
    item = (
        Attachment.objects.filter(pk=parse_id(pk), entry__practice=found)
        .select_related("entry")
        .first()
    )
    if item is None:
        raise Http404
    language = item.entry.language
    services.attachment_remove(actor=request.user, attachment=item)
    messages.success(request, _("The file is removed."))
    return redirect("knowledge:entry_edit", slug=found.slug, lang=language)


def keyword_suggestions(request):
    """Options for the keywords field's datalist, in the reader's language (htmx)."""
    text = (request.GET.get("keywords") or "")[:1000]
    before, _sep, typed = text.rpartition(",")
    code = "uz-Cyrl" if reader_language() == "uz-cyrl" else reader_language()
    suggestions = concept_suggest(typed.strip(), language=code, limit=10) if typed.strip() else []
    prefix = f"{before.strip()}, " if before.strip() else ""
    options = [f"{prefix}{suggestion.label}" for suggestion in suggestions]
    return render(request, "knowledge/authoring/_suggestions.html", {"options": options})
