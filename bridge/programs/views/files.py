"""Applicants' files (pitch decks, file answers), handed out after a permission check.

One mechanism for every reader: `serve` decides who may have the file and under which name.
- the applicant's organisation, programme managers and analysts: the file, named after the
  application;
- an assigned reviewer who accepted and has no conflict, once the application is submitted: the
  file under a neutral name when the call's review is blind (nothing in it names the studio), and
  never an answer hidden from reviewers;
- anyone else: 404, the same as a file that does not exist.
Always an attachment with `X-Content-Type-Options: nosniff`, so a browser never renders an
uploaded file inline as a page of this site."""

import mimetypes
import os.path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.utils.text import slugify

from bridge.programs import rules
from bridge.programs.models import Answer, Application
from bridge.programs.selectors import review as selectors_review
from bridge.programs.storage import STORED_NAME


def reader_sees_names(user, application: Application) -> bool:
    """True for the organisation and staff; False for a reviewer of a blind call; 404 for
    anyone else."""
    if rules.can_view_application(user, application):
        return True
    # Raises 404 for an unassigned, conflicted or not yet submitted application.
    assignment = selectors_review.assignment_get_for_reviewer(user, application.pk)
    return not assignment.reviewer.call.blind_review


def _download_name(application: Application, what: str, suffix: str, named: bool) -> str:
    if named:
        title = slugify(application.title, allow_unicode=True)[:60] or "application"
        return f"{title}-{application.pk}-{what}{suffix}"
    return f"application-{application.pk}-{what}{suffix}"


def file_response(field, filename: str) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except OSError:
        raise Http404 from None
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def serve_pitch_deck(user, application: Application, named: bool | None = None) -> FileResponse:
    if named is None:
        named = reader_sees_names(user, application)
    name = _download_name(application, "pitch-deck", ".pdf", named)
    return file_response(application.pitch_deck, name)


def serve_answer(user, answer: Answer, named: bool | None = None) -> FileResponse:
    application = answer.application
    if named is None:
        named = reader_sees_names(user, application)
    if answer.question.hidden_from_reviewers and not rules.can_view_application(user, application):
        raise Http404
    suffix = os.path.splitext(answer.file.name or "")[1].lower()[:8]
    return file_response(
        answer.file,
        _download_name(application, f"answer-{answer.question_id}", suffix, named),
    )


@login_required
def download(request, name: str):
    """`/programmes/files/<stored name>`: what a stored file's `.url` points at."""
    if not STORED_NAME.fullmatch(name):
        raise Http404
    if name.startswith("programs/pitch-decks/"):
        application = (
            Application.objects.select_related("call", "organisation")
            .filter(pitch_deck=name)
            .first()
        )
        if application is None:
            raise Http404
        return serve_pitch_deck(request.user, application)
    answer = (
        Answer.objects.select_related("application__call", "application__organisation", "question")
        .filter(file=name)
        .first()
    )
    if answer is None:
        raise Http404
    return serve_answer(request.user, answer)
