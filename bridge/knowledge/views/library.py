"""The practice library for readers: search with facets, a practice in the reader's language,
the "useful" vote, questions to the authors, requests for a translation, attached files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bridge.knowledge import rules
from bridge.knowledge.attachments import CONTENT_TYPES
from bridge.knowledge.forms.library import library_filters, page_number
from bridge.knowledge.forms.practices import AnswerForm, QuestionForm
from bridge.knowledge.languages import NATIVE_NAMES
from bridge.knowledge.models import Attachment
from bridge.knowledge.selectors import library as selectors
from bridge.knowledge.selectors.themes import theme_names
from bridge.knowledge.services import engagement
from bridge.knowledge.views.common import parse_id, report

PAGE_SIZE = 20


def library(request):
    filters = library_filters(request.GET)
    page = selectors.library_search(
        filters=filters, page=page_number(request.GET.get("page")), page_size=PAGE_SIZE
    )
    context = {
        "filters": filters,
        "page": page,
        "sorts": selectors.SORT_CHOICES,
        "facet_groups": [
            (name, title, page.facets.get(name, []))
            for name, title in selectors.FACET_TITLES.items()
        ],
        "can_write": rules.author_organisations(request.user).exists(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "knowledge/library/_results.html" if partial else "knowledge/library/library.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def practice(request, slug):
    found = selectors.practice_for(slug)
    asked = (request.GET.get("lang") or "")[:3]
    reading = selectors.reading(found, request.user, asked=asked)
    questions = list(selectors.questions_for(found, request.user))
    context = {
        "r": reading,
        "practice": found,
        "entry": reading.entry,
        "others": [e for e in reading.visible if e.pk != reading.entry.pk],
        "native": NATIVE_NAMES,
        "themes": selectors.theme_labels(found.themes),
        "keywords": selectors.theme_labels(found.keywords),
        "questions": questions,
        "question_form": QuestionForm(),
        "answer_form": AnswerForm(),
        "voted": request.user.is_authenticated and found.votes.filter(user=request.user).exists(),
        "related": selectors.related(found),
        "theme_names": theme_names(),
        "attachments": list(reading.entry.attachments.all()),
    }
    return render(request, "knowledge/library/practice.html", context)


@require_POST
@login_required
def practice_useful(request, slug):
    found = selectors.practice_for(slug)
    try:
        engagement.practice_vote(
            actor=request.user, practice=found, useful=request.POST.get("useful") != "0"
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        report(request, exc)
    return redirect(found.get_absolute_url() + "#useful")


@require_POST
@login_required
def practice_ask(request, slug):
    found = selectors.practice_for(slug)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            engagement.question_ask(
                actor=request.user, practice=found, text=form.cleaned_data["text"]
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(
                request,
                _("Thank you. A moderator will read your question and send it to the authors."),
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(found.get_absolute_url() + "#questions")


@require_POST
@login_required
def practice_request_translation(request, slug):
    found = selectors.practice_for(slug)
    language = request.POST.get("language", "")[:3]
    try:
        engagement.translation_request(actor=request.user, practice=found, language=language)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(
            request,
            _(
                "We have asked the authors for a version in another language (%(language)s); "
                "you will get an e-mail when it is published."
            )
            % {"language": NATIVE_NAMES.get(language, language)},
        )
    return redirect(found.get_absolute_url())


@require_POST
@login_required
def question_answer(request, slug, pk):
    found = selectors.practice_for(slug)
    question = found.questions.filter(pk=parse_id(pk)).first()
    if question is None or not rules.can_answer(request.user, question):
        raise Http404
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            engagement.question_answer(
                actor=request.user, question=question, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(request, _("Your answer is published and sent to the reader."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(found.get_absolute_url() + "#questions")


# A file is never a page of the site: nothing in it may run or load. A PDF is the exception to
# `sandbox`: Chromium will not start its PDF viewer in a sandboxed document and Safari shows a
# blank page, so a PDF shown inline would never be seen. Its content type is fixed and not
# sniffed, so its bytes cannot be read as a page either way.
FILE_POLICY = "default-src 'none'; sandbox"
PDF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def attachment(request, slug, pk, name):
    found = selectors.practice_for(slug)
    item = (
        Attachment.objects.filter(pk=parse_id(pk), entry__practice=found)
        .select_related("entry")
        .first()
    )
    if item is None or not rules.can_view_entry(request.user, item.entry):
        raise Http404
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    inline = item.kind in ("pdf", "png", "jpg", "webp")
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=item.name,
        content_type=CONTENT_TYPES.get(item.kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_POLICY if item.kind == "pdf" else FILE_POLICY
    return response
