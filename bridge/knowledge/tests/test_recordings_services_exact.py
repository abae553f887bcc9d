"""Turning a past event into a library recording, to the exact value staff and readers see: who
may do it (and that a refusal makes nothing), every reason it is refused, at which field and in
which words, both sides of "the event is over", the practice and each language version it writes
(which languages, the original, the summary cut from the description, the fallbacks), the copied
materials, the stamps, the event's link, the audit row and what the library's search finds.
Written for the mutation score of issue 18."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from bridge.accounts.models import Sector
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.knowledge.models import (
    Attachment,
    Entry,
    Event,
    EventMaterial,
    Kind,
    Practice,
    Status,
)
from bridge.knowledge.services import recordings as services
from bridge.knowledge.tests.factories import EventFactory, PracticeFactory
from bridge.knowledge.tests.test_attachments import pdf_bytes
from bridge.search.selectors import search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)
LATER = NOW + timedelta(hours=2)
ALREADY = "This event is already in the library."
NOT_YET = "The event has not taken place yet."
NO_RECORDING = "Add the recording's address first."
NO_HOST = "Choose the host organisation: the entry is written in its name."


@pytest.fixture
def host(db):
    return OrganisationFactory(name="IT Park")


def past_event(host, **change) -> Event:
    fields = {
        "title_ru": "Копродукция анимации",
        "title_uz": "",
        "title_en": "Animation co-production",
        "description_ru": "Первый абзац о правах.\n\nВторой абзац.",
        "description_uz": "",
        "description_en": "Rights and money.\n\nSecond paragraph.",
        "language": "ru",
        "starts_at": NOW - timedelta(hours=3),
        "ends_at": NOW - timedelta(hours=1),
        "recording_url": "https://video.example/r",
        "themes": ["ikat"],
        "organisation": host,
        **change,
    }
    return EventFactory(**fields)


def material(event, name, content) -> EventMaterial:
    found = EventMaterial(event=event, name=name, kind="pdf", size=len(content))
    found.file.save(name, ContentFile(content), save=True)
    return found


def versions(practice) -> list[tuple]:
    return [
        (e.language, e.title, e.summary, e.body, e.chapters, e.status, e.published_at, e.created_by)
        for e in Entry.objects.filter(practice=practice).order_by("pk")
    ]


def refused(caught) -> dict:
    return caught.value.message_dict


# --- what it writes -----------------------------------------------------------------------------


def test_a_past_event_becomes_a_published_recording_of_its_host(host, reviewer, clock, monkeypatch):
    events_reindexed = []
    monkeypatch.setattr(services, "reindex_event", lambda e: events_reindexed.append(e.pk))
    event = past_event(host)
    event.sectors.set(Sector.objects.filter(code__in=["animation", "games"]))
    clock["now"] = LATER
    practice = services.event_to_practice(actor=reviewer, event=event)
    practice = Practice.objects.get(pk=practice.pk)
    assert (practice.kind, practice.organisation, practice.original_language) == (
        Kind.RECORDING,
        host,
        "ru",
    )
    assert (practice.slug, practice.video_url, practice.themes, practice.keywords) == (
        "koproduktsiya-animatsii",
        "https://video.example/r",
        ["ikat"],
        [],
    )
    assert (practice.created_by, practice.first_published_at) == (reviewer, LATER)
    assert sorted(practice.sectors.values_list("code", flat=True)) == ["animation", "games"]
    assert list(practice.authors.all()) == [reviewer]
    assert versions(practice) == [
        (
            "ru",
            "Копродукция анимации",
            "Первый абзац о правах.",
            "Первый абзац о правах.\n\nВторой абзац.",
            [],
            Status.PUBLISHED,
            LATER,
            reviewer,
        ),
        (
            "en",
            "Animation co-production",
            "Rights and money.",
            "Rights and money.\n\nSecond paragraph.",
            [],
            Status.PUBLISHED,
            LATER,
            reviewer,
        ),
    ]
    event.refresh_from_db()
    assert (event.practice, event.updated_at) == (practice, LATER)
    assert trail(event) == [("knowledge.event_to_practice", reviewer, {"practice": practice.pk})]
    assert search(key="practices", concepts=["ikat"]).ids == [practice.pk]
    assert search(key="practices", q="копродукция").ids == [practice.pk]
    assert events_reindexed == [event.pk]


def test_each_version_has_its_first_revision(host, reviewer):
    practice = services.event_to_practice(actor=reviewer, event=past_event(host))
    rows = [
        (r.entry.language, r.number, r.title, r.note, r.author)
        for r in practice.entries.get(language="en").revisions.all()
    ]
    assert rows == [("en", 1, "Animation co-production", "Written", reviewer)]


def test_the_published_versions_count_as_reviewed(host, reviewer):
    practice = services.event_to_practice(actor=reviewer, event=past_event(host))
    assert list(practice.entries.values_list("revision", "reviewed_revision")) == [(1, 1)] * 2


def test_the_spoken_language_is_the_original_when_it_has_a_title(host, reviewer):
    event = past_event(host, language="en", title_uz="Animatsiya", description_uz="Huquqlar.")
    practice = services.event_to_practice(actor=reviewer, event=event)
    assert (practice.original_language, practice.slug) == ("en", "animation-co-production")
    assert [v[0] for v in versions(practice)] == ["en", "ru", "uz"]


def test_without_a_title_in_the_spoken_language_the_first_written_one_is_the_original(
    host, reviewer
):
    event = past_event(
        host, language="ru", title_ru="", title_uz="Animatsiya", description_uz="Huquqlar."
    )
    practice = services.event_to_practice(actor=reviewer, event=event)
    assert (practice.original_language, practice.slug) == ("uz", "animatsiya")
    assert [v[0] for v in versions(practice)] == ["uz", "en"]


def test_a_version_without_its_own_description_takes_the_originals(host, reviewer):
    event = past_event(host, description_en="", title_uz="Animatsiya")
    practice = services.event_to_practice(actor=reviewer, event=event)
    by_language = {v[0]: v[2:4] for v in versions(practice)}
    original = ("Первый абзац о правах.", "Первый абзац о правах.\n\nВторой абзац.")
    assert by_language == {"ru": original, "uz": original, "en": original}


def test_with_no_description_the_title_is_the_summary(host, reviewer):
    event = past_event(host, description_ru="", description_en="  \n\nLater words.")
    practice = services.event_to_practice(actor=reviewer, event=event)
    assert [v[1:4] for v in versions(practice)] == [
        ("Копродукция анимации", "Копродукция анимации", ""),
        ("Animation co-production", "Animation co-production", "  \n\nLater words."),
    ]


@pytest.mark.parametrize(("length", "kept"), [(599, 599), (600, 600), (601, 600), (900, 600)])
def test_the_summary_is_the_first_paragraph_cut_to_600_characters(host, reviewer, length, kept):
    words = "а" * length
    event = past_event(host, description_ru=f"  {words}  \n\nДальше.", title_en="")
    practice = services.event_to_practice(actor=reviewer, event=event)
    (entry,) = practice.entries.all()
    assert entry.summary == "а" * kept


def test_the_materials_are_copied_to_every_version(host, reviewer):
    event = past_event(host)
    slides = material(event, "slides.pdf", pdf_bytes())
    handout = material(event, "Раздатка.pdf", pdf_bytes() + b"%handout")
    practice = services.event_to_practice(actor=reviewer, event=event)
    for language in ("ru", "en"):
        copies = Attachment.objects.filter(entry__practice=practice, entry__language=language)
        rows = [(a.name, a.kind, a.size, a.uploaded_by) for a in copies.order_by("pk")]
        assert rows == [
            ("slides.pdf", "pdf", slides.size, reviewer),
            ("Раздатка.pdf", "pdf", handout.size, reviewer),
        ]
        for copy, source in zip(copies.order_by("pk"), (slides, handout), strict=True):
            assert copy.file.name != source.file.name
            with copy.file.open("rb") as a, source.file.open("rb") as b:
                assert a.read() == b.read()
    assert EventMaterial.objects.filter(event=event).count() == 2  # the event keeps its own


# --- when it is refused -------------------------------------------------------------------------


def test_an_event_that_ends_now_is_over(host, reviewer, clock):
    event = past_event(host, ends_at=NOW)
    assert services.event_to_practice(actor=reviewer, event=event).pk


def test_an_event_that_ends_a_microsecond_from_now_is_not_over(host, reviewer, clock):
    event = past_event(host, ends_at=NOW + TICK)
    with pytest.raises(ValidationError) as caught:
        services.event_to_practice(actor=reviewer, event=event)
    assert refused(caught) == {"__all__": [NOT_YET]}
    assert not Practice.objects.exists()


def test_an_event_already_in_the_library_is_refused_and_keeps_its_entry(host, reviewer, clock):
    earlier = PracticeFactory()
    event = past_event(host, practice=earlier)
    with pytest.raises(ValidationError) as caught:
        services.event_to_practice(actor=reviewer, event=event)
    assert refused(caught) == {"__all__": [ALREADY]}
    assert Event.objects.get(pk=event.pk).practice == earlier
    assert list(Practice.objects.all()) == [earlier]


def test_every_reason_is_given_at_once_at_its_field_and_nothing_is_made(reviewer, clock):
    event = past_event(
        None, practice=PracticeFactory(), ends_at=NOW + timedelta(days=1), recording_url=""
    )
    material(event, "slides.pdf", pdf_bytes())
    with pytest.raises(ValidationError) as caught:
        services.event_to_practice(actor=reviewer, event=event)
    assert refused(caught) == {
        "__all__": [ALREADY, NOT_YET],
        "recording_url": [NO_RECORDING],
        "organisation": [NO_HOST],
    }
    assert Practice.objects.count() == 1 and not Entry.objects.exists()
    assert not Attachment.objects.exists() and not AuditEntry.objects.exists()


def test_an_event_without_a_recording_is_refused_at_its_address(host, reviewer, clock):
    event = past_event(host, recording_url="")
    with pytest.raises(ValidationError) as caught:
        services.event_to_practice(actor=reviewer, event=event)
    assert refused(caught) == {"recording_url": [NO_RECORDING]}
    assert not Practice.objects.exists()


def test_an_event_without_a_host_is_refused_at_the_organisation(reviewer, clock):
    event = past_event(None)
    with pytest.raises(ValidationError) as caught:
        services.event_to_practice(actor=reviewer, event=event)
    assert refused(caught) == {"organisation": [NO_HOST]}
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "who", ["events_manager", "programme_manager", "analyst", "member", "anonymous"]
)
def test_only_staff_who_both_run_events_and_review_may_do_it(
    host, events_manager, programme_manager, analyst, member, clock, who
):
    actor = {
        "events_manager": events_manager,
        "programme_manager": programme_manager,
        "analyst": analyst,
        "member": member,
        "anonymous": AnonymousUser(),
    }[who]
    event = past_event(host)
    with pytest.raises(PermissionDenied):
        services.event_to_practice(actor=actor, event=event)
    assert not Practice.objects.exists() and not AuditEntry.objects.exists()
    assert Event.objects.get(pk=event.pk).practice is None


def test_a_reviewer_who_does_not_run_events_may_not(host, clock):
    from django.contrib.auth.models import Group, Permission

    from bridge.accounts.tests.factories import UserFactory

    group = Group.objects.create(name="reviewers only")
    group.permissions.add(Permission.objects.get(codename="review_entry"))
    actor = UserFactory(is_staff=True)
    actor.groups.add(group)
    with pytest.raises(PermissionDenied):
        services.event_to_practice(actor=actor, event=past_event(host))
    assert not Practice.objects.exists()
