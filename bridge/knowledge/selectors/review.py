"""Reads of the reviewers' queue: versions waiting, published ones changed since, questions."""

from django.db.models import Q, QuerySet

from bridge.knowledge.models import Entry, Question, QuestionStatus, Revision, Status


def review_queue() -> QuerySet:
    """Oldest first: versions sent for review, then published ones their authors changed."""
    return (
        Entry.objects.filter(
            Q(status=Status.REVIEW) | Q(status=Status.PUBLISHED, changed_after_review=True)
        )
        .select_related("practice__organisation")
        .order_by("status", "submitted_at", "updated_at", "id")
    )


def pending_questions() -> QuerySet:
    return (
        Question.objects.filter(status=QuestionStatus.PENDING)
        .select_related("practice", "asked_by")
        .prefetch_related("practice__entries")
        .order_by("created_at", "id")
    )


def last_reviewed_revision(entry: Entry) -> Revision | None:
    """The revision a reviewer last published, when the version has changed since."""
    if not entry.reviewed_revision or entry.reviewed_revision == entry.revision:
        return None
    return entry.revisions.filter(number=entry.reviewed_revision).first()
