"""Practice services, to the exact value an author sees: which field an error is shown at and what
it says, who may write (and that a refusal changes nothing), what each save stores (the cleaned
text, the rendered body, the revision and its note), the audit rows, both sides of every limit
(lengths, files per version), and what the library's search sees. Written for the mutation score
of issue 18."""

import os
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bridge.accounts.models import Membership, Role, Sector
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.knowledge.models import Attachment, Entry, Practice, Revision, Status
from bridge.knowledge.services import practices as services
from bridge.knowledge.tests.factories import EntryFactory, PracticeFactory
from bridge.knowledge.tests.test_attachments import pdf_bytes, png_bytes
from bridge.search.models import SearchEntry
from bridge.search.selectors import search
from bridge.search.tests.engine_support import facet_pairs

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

GOOD = {
    "kind": "guide",
    "language": "ru",
    "title": "  Копродукция   анимации ",
    "summary": "  Как делить права.  ",
    "body": "## Права\n\nПо вкладу.",
    "sectors": ["animation"],
    "keywords": ["co-production"],
    "themes": ["alpamysh"],
}
SLUG_TAIL = re.compile(r"-[abcdefghijkmnpqrstuvwxyz23456789]{4}")
REFUSED_FILE = (
    "Attach a PDF, a Word, Excel or PowerPoint document (or their OpenDocument kin), a PNG, JPEG "
    "or WebP image, or a CSV or text file. This file is none of them, its name does not match "
    "what it contains, or it is damaged."
)


def create(actor, organisation, **change) -> Practice:
    return services.practice_create(actor=actor, organisation=organisation, **{**GOOD, **change})


def revisions(entry: Entry) -> list[tuple]:
    return [
        (r.number, r.title, r.summary, r.body, r.chapters, r.note, r.author)
        for r in entry.revisions.order_by("number")
    ]


def facets(practice: Practice, facet: str) -> list[str]:
    entry = SearchEntry.objects.filter(index_key="practices", object_id=practice.pk).first()
    pairs = facet_pairs(entry.facet_values) if entry else []
    return sorted(value for name, value in pairs if name == facet)


@pytest.fixture
def draft(member, organisation, clock) -> Entry:
    return create(member, organisation).entries.get()


def upload(name="Смета.pdf", content=None):
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content)


# --- starting a practice --------------------------------------------------------------------


def test_a_member_starts_a_draft_with_its_first_version_revision_and_audit(
    member, organisation, clock
):
    practice = create(member, organisation, chapters=[{"at": 90, "title": " Права  и  доли "}])
    practice = Practice.objects.get(pk=practice.pk)
    assert (practice.kind, practice.original_language, practice.slug) == (
        "guide",
        "ru",
        "koproduktsiya-animatsii",
    )
    assert (practice.organisation, practice.created_by, practice.created_at) == (
        organisation,
        member,
        NOW,
    )
    assert (practice.keywords, practice.themes, practice.video_url) == (
        ["co-production"],
        ["alpamysh"],
        "",
    )
    assert [s.code for s in practice.sectors.all()] == ["animation"]
    assert list(practice.authors.all()) == [member]
    entry = practice.entries.get()
    assert (entry.language, entry.title, entry.summary, entry.body) == (
        "ru",
        "Копродукция анимации",  # spaces inside a title are collapsed
        "Как делить права.",  # a summary is only trimmed
        "## Права\n\nПо вкладу.",
    )
    assert entry.chapters == [{"at": 90, "title": "Права и доли"}]
    assert (entry.body_html, entry.reading_minutes) == (
        "<h3>Права</h3>\n<p>По вкладу.</p>\n",
        1,
    )
    assert (entry.status, entry.revision, entry.created_by, entry.created_at) == (
        Status.DRAFT,
        1,
        member,
        NOW,
    )
    assert revisions(entry) == [
        (
            1,
            "Копродукция анимации",
            "Как делить права.",
            "## Права\n\nПо вкладу.",
            [{"at": 90, "title": "Права и доли"}],
            "Written",
            member,
        )
    ]
    assert trail(practice) == [("knowledge.practice_create", member, {"entry": entry.pk})]
    assert search(key="practices", q="копродукция").count == 0  # a draft is not in the library


def test_repeated_concepts_and_sectors_are_kept_once_and_chapters_in_time_order(
    member, organisation
):
    practice = create(
        member,
        organisation,
        sectors=["games", "animation", "games"],
        keywords=["co-production", "co-production"],
        themes=["ikat", "suzani", "ikat"],
        video_url="  https://video.example/v  ",
        chapters=[{"at": "300", "title": "B"}, {"at": 0, "title": "A"}],
    )
    assert sorted(s.code for s in practice.sectors.all()) == ["animation", "games"]
    assert (practice.keywords, practice.themes, practice.video_url) == (
        ["co-production"],
        ["ikat", "suzani"],
        "https://video.example/v",
    )
    assert practice.entries.get().chapters == [{"at": 0, "title": "A"}, {"at": 300, "title": "B"}]


@pytest.mark.parametrize(("words", "minutes"), [(200, 1), (201, 2), (400, 2), (401, 3)])
def test_reading_time_is_a_minute_for_each_two_hundred_words_begun(
    member, organisation, words, minutes
):
    practice = create(member, organisation, body="слово " * words)
    assert practice.entries.get().reading_minutes == minutes


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("New", "new"),  # the addresses of the library's own pages are never a practice's
        ("Mine", "mine"),
        ("Review", "review"),
        ("Events", "events"),
        ("Heritage", "heritage"),
    ],
)
def test_a_reserved_address_gets_a_random_tail(member, organisation, title, slug):
    practice = create(member, organisation, title=title)
    assert practice.slug.startswith(slug)
    assert SLUG_TAIL.fullmatch(practice.slug[len(slug) :])


def test_addresses_are_unique_short_and_never_empty(member, organisation):
    first = create(member, organisation, title="Game Jam")
    second = create(member, organisation, title="Game Jam")
    assert first.slug == "game-jam"
    assert second.slug.startswith("game-jam") and SLUG_TAIL.fullmatch(second.slug[8:])
    assert create(member, organisation, title="!!!").slug == "practice"
    long = create(member, organisation, title="a" * 79 + " bcd")
    assert long.slug == "a" * 79  # cut to 80, the trailing dash dropped
    assert create(member, organisation, title="Eventsy").slug == "eventsy"


@pytest.mark.parametrize("who", ["outsider", "anonymous", "no organisation"])
def test_only_members_write_in_an_organisations_name(request, organisation, clock, who):
    actor = {
        "outsider": lambda: request.getfixturevalue("outsider"),
        "anonymous": AnonymousUser,
        "no organisation": lambda: request.getfixturevalue("member"),
    }[who]()
    with pytest.raises(PermissionDenied):
        services.practice_create(
            actor=actor,
            organisation=None if who == "no organisation" else organisation,
            **GOOD,
        )
    assert (Practice.objects.count(), Entry.objects.count(), Revision.objects.count()) == (0, 0, 0)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN, Role.MEMBER])
def test_every_member_of_the_organisation_may_write(organisation, role):
    person = UserFactory()
    Membership.objects.create(organisation=organisation, user=person, role=role)
    assert list(create(person, organisation).authors.all()) == [person]


LONG_URL = "https://video.example/" + "v" * 179  # 201 characters

BAD = [
    ({"title": ""}, {"title": ["This field is required."]}),
    ({"title": "  \n "}, {"title": ["This field is required."]}),
    ({"title": "x" * 201}, {"title": ["Keep it to 200 characters (it has 201)."]}),
    ({"title": "a\x00b"}, {"title": ["The text contains a character that is not allowed."]}),
    ({"summary": ""}, {"summary": ["This field is required."]}),
    ({"summary": "x" * 601}, {"summary": ["Keep it to 600 characters (it has 601)."]}),
    ({"summary": "x\x00y"}, {"summary": ["The text contains a character that is not allowed."]}),
    ({"body": "x" * 60_001}, {"body": ["Keep it to 60000 characters (it has 60001)."]}),
    ({"kind": "poem"}, {"kind": ["Choose what kind of practice this is."]}),
    ({"language": "de"}, {"language": ["Choose Russian, Uzbek or English."]}),
    ({"language": "uz-cyrl"}, {"language": ["Choose Russian, Uzbek or English."]}),
    ({"themes": ["silk"]}, {"themes": ["These are not heritage themes: silk."]}),
    (
        {"keywords": ["no-such-concept"]},
        {"keywords": ["These are not keywords of the thesaurus: no-such-concept."]},
    ),
    ({"sectors": ["astrology", "games"]}, {"sectors": ["Choose sectors from the list."]}),
    (
        {"video_url": "javascript:alert(1)"},
        {"video_url": ["Enter the address of the video, starting with https://."]},
    ),
    (
        {"video_url": LONG_URL},
        {"video_url": ["Enter the address of the video, starting with https://."]},
    ),
    (
        {"chapters": [{"at": -1, "title": "x"}]},
        {"chapters": ["Each chapter needs a time and a title."]},
    ),
    (
        {"chapters": [{"at": 86_401, "title": "x"}]},
        {"chapters": ["Each chapter needs a time and a title."]},
    ),
    ({"chapters": [{"at": 5}]}, {"chapters": ["Each chapter needs a time and a title."]}),
    (
        {"chapters": [{"at": n, "title": "x"} for n in range(61)]},
        {"chapters": ["At most 60 chapters."]},
    ),
    (
        {"title": "", "summary": "", "kind": "poem", "language": "de"},
        {
            "language": ["Choose Russian, Uzbek or English."],
            "kind": ["Choose what kind of practice this is."],
            "title": ["This field is required."],
            "summary": ["This field is required."],
        },
    ),
]


@pytest.mark.parametrize(("change", "errors"), BAD)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(
    member, organisation, change, errors
):
    with pytest.raises(ValidationError) as excinfo:
        create(member, organisation, **change)
    assert excinfo.value.message_dict == errors
    assert (Practice.objects.count(), Entry.objects.count(), Revision.objects.count()) == (0, 0, 0)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"title": "x" * 200},
        {"title": "x" * 100 + "     " + "x" * 99},  # 200 once the spaces are collapsed
        {"summary": "x" * 600},
        {"body": "x" * 60_000},
        {"body": ""},
        {"chapters": [{"at": 86_400, "title": "x"}]},
        {"chapters": [{"at": n, "title": "x"} for n in range(60)]},
        {"video_url": "https://video.example/" + "v" * 178},  # 200 characters
    ],
)
def test_the_last_allowed_values_are_saved(member, organisation, change):
    practice = create(member, organisation, **change)
    assert practice.entries.count() == 1


def test_twelve_keywords_are_allowed_thirteen_are_not(member, organisation, committed_thesaurus):
    concepts = sorted(committed_thesaurus.ids)[:13]
    with pytest.raises(ValidationError) as excinfo:
        create(member, organisation, keywords=concepts)
    assert excinfo.value.message_dict == {"keywords": ["Choose at most 12."]}
    assert create(member, organisation, keywords=concepts[:12]).keywords == concepts[:12]


def test_a_practice_row_made_for_nobody_has_no_author(organisation, clock):
    practice = services.new_practice(
        actor=None,
        organisation=organisation,
        language="uz",
        shared={
            "kind": "recording",
            "sectors": [Sector.objects.get(code="games")],
            "slug_title": "Vebinar yozuvi",
            "keywords": [],
            "themes": ["ikat"],
            "video_url": "",
        },
    )
    assert (practice.slug, practice.kind, practice.original_language, practice.created_by) == (
        "vebinar-yozuvi",
        "recording",
        "uz",
        None,
    )
    assert list(practice.authors.all()) == []
    entry = services.new_entry(
        actor=None,
        practice=practice,
        language="uz",
        fields={"title": "Yozuv", "summary": "Qisqa.", "body": "Matn.", "chapters": []},
        status=Status.PUBLISHED,
    )
    assert (entry.status, entry.body_html, entry.reading_minutes) == (
        Status.PUBLISHED,
        "<p>Matn.</p>\n",
        1,
    )
    assert revisions(entry) == [(1, "Yozuv", "Qisqa.", "Matn.", [], "Written", None)]


# --- what every version shares ----------------------------------------------------------------


def test_a_member_changes_the_shared_details_and_the_library_sees_them(member, clock):
    practice = PracticeFactory(organisation=member.organisations.first(), themes=["ikat"])
    EntryFactory(practice=practice, status=Status.PUBLISHED)
    clock["now"] = NOW + timedelta(hours=1)
    updated = services.practice_update(
        actor=member,
        practice=practice,
        kind="case",
        sectors=["games"],
        keywords=["co-production", "co-production"],
        themes=["afandi"],
        video_url=" https://video.example/v ",
    )
    assert updated is practice
    practice = Practice.objects.get(pk=practice.pk)
    assert (practice.kind, practice.keywords, practice.themes, practice.video_url) == (
        "case",
        ["co-production"],
        ["afandi"],
        "https://video.example/v",
    )
    assert practice.updated_at == NOW + timedelta(hours=1)
    assert [s.code for s in practice.sectors.all()] == ["games"]
    assert trail(practice) == [("knowledge.practice_update", member, {})]
    assert (facets(practice, "kind"), facets(practice, "theme")) == (["case"], ["afandi"])
    assert Revision.objects.filter(entry__practice=practice).count() == 1  # no new revision


def test_the_shared_details_may_be_emptied(member):
    practice = PracticeFactory(organisation=member.organisations.first(), keywords=["ikat"])
    practice.sectors.set([Sector.objects.get(code="games")])
    services.practice_update(actor=member, practice=practice, kind="template")
    practice = Practice.objects.get(pk=practice.pk)
    assert (practice.kind, practice.keywords, practice.themes, practice.video_url) == (
        "template",
        [],
        [],
        "",
    )
    assert list(practice.sectors.all()) == []


def test_bad_shared_details_are_refused_and_nothing_changes(member):
    practice = PracticeFactory(organisation=member.organisations.first(), kind="guide")
    practice.sectors.set([Sector.objects.get(code="games")])
    with pytest.raises(ValidationError) as excinfo:
        services.practice_update(
            actor=member,
            practice=practice,
            kind="poem",
            sectors=["animation", "astrology"],
            keywords=["nothing-like-it"],
            themes=["silk"],
            video_url="ftp://video.example/v",
        )
    assert excinfo.value.message_dict == {
        "kind": ["Choose what kind of practice this is."],
        "sectors": ["Choose sectors from the list."],
        "keywords": ["These are not keywords of the thesaurus: nothing-like-it."],
        "themes": ["These are not heritage themes: silk."],
        "video_url": ["Enter the address of the video, starting with https://."],
    }
    practice = Practice.objects.get(pk=practice.pk)
    assert (practice.kind, [s.code for s in practice.sectors.all()]) == ("guide", ["games"])
    assert not AuditEntry.objects.exists()


def test_someone_outside_the_organisation_cannot_change_the_shared_details(outsider):
    practice = PracticeFactory(kind="guide")
    with pytest.raises(PermissionDenied):
        services.practice_update(actor=outsider, practice=practice, kind="case")
    assert Practice.objects.get(pk=practice.pk).kind == "guide"
    assert not AuditEntry.objects.exists()


# --- another language version -----------------------------------------------------------------


def test_another_member_adds_a_version_and_becomes_an_author(member, organisation, draft, clock):
    colleague = UserFactory()
    Membership.objects.create(organisation=organisation, user=colleague, role=Role.MEMBER)
    practice = draft.practice
    clock["now"] = NOW + timedelta(days=1)
    entry = services.entry_create(
        actor=colleague,
        practice=practice,
        language="uz",
        title=" Ko-prodyuserlik ",
        summary="Huquqlar.",
        body="Matn.",
    )
    entry = Entry.objects.get(pk=entry.pk)
    assert (entry.practice, entry.language, entry.title, entry.summary, entry.body) == (
        practice,
        "uz",
        "Ko-prodyuserlik",
        "Huquqlar.",
        "Matn.",
    )
    assert (entry.status, entry.revision, entry.created_by, entry.created_at) == (
        Status.DRAFT,
        1,
        colleague,
        NOW + timedelta(days=1),
    )
    assert entry.body_html == "<p>Matn.</p>\n"
    assert revisions(entry) == [
        (1, "Ko-prodyuserlik", "Huquqlar.", "Matn.", [], "Written", colleague)
    ]
    assert sorted(practice.authors.values_list("pk", flat=True)) == sorted(
        [member.pk, colleague.pk]
    )
    assert trail(entry) == [("knowledge.entry_create", colleague, {"language": "uz"})]


def test_a_language_has_one_version_and_only_the_three_languages_are_offered(member, draft):
    practice = draft.practice
    for language, message in (
        ("ru", "This practice already has a version in this language."),
        ("de", "Choose Russian, Uzbek or English."),
    ):
        with pytest.raises(ValidationError) as excinfo:
            services.entry_create(
                actor=member, practice=practice, language=language, title="T", summary="S"
            )
        assert excinfo.value.message_dict == {"language": [message]}
    with pytest.raises(ValidationError) as excinfo:
        services.entry_create(actor=member, practice=practice, language="en", title="", summary="")
    assert excinfo.value.message_dict == {
        "title": ["This field is required."],
        "summary": ["This field is required."],
    }
    assert list(practice.entries.values_list("language", flat=True)) == ["ru"]
    assert [a for a, _actor, _data in trail(practice)] == ["knowledge.practice_create"]


def test_someone_outside_the_organisation_cannot_add_a_version(outsider, draft):
    with pytest.raises(PermissionDenied):
        services.entry_create(
            actor=outsider, practice=draft.practice, language="en", title="T", summary="S"
        )
    assert list(draft.practice.entries.values_list("language", flat=True)) == ["ru"]
    assert not draft.practice.authors.filter(pk=outsider.pk).exists()


# --- editing a version ------------------------------------------------------------------------


def test_each_change_is_a_revision_with_its_note(member, draft, clock):
    clock["now"] = NOW + timedelta(hours=2)
    edited = services.entry_update(
        actor=member,
        entry=draft,
        title="Второе   название",
        summary="Новое.",
        body="Текст *новый*.",
        chapters=[{"at": 5, "title": "Начало"}],
        note="Поправил название",
    )
    entry = Entry.objects.get(pk=draft.pk)
    assert (entry.title, entry.summary, entry.body, entry.chapters) == (
        "Второе название",
        "Новое.",
        "Текст *новый*.",
        [{"at": 5, "title": "Начало"}],
    )
    assert (edited.revision, entry.revision, entry.status, entry.changed_after_review) == (
        2,
        2,
        Status.DRAFT,
        False,
    )
    assert (entry.body_html, entry.updated_at) == (
        "<p>Текст <em>новый</em>.</p>\n",
        NOW + timedelta(hours=2),
    )
    assert revisions(entry)[1] == (
        2,
        "Второе название",
        "Новое.",
        "Текст *новый*.",
        [{"at": 5, "title": "Начало"}],
        "Поправил название",
        member,
    )
    assert trail(entry) == [("knowledge.entry_update", member, {"revision": 2})]


def test_a_change_without_a_note_is_noted_as_edited_and_a_long_note_is_cut(member, draft):
    services.entry_update(actor=member, entry=draft, title="Два", summary="S")
    services.entry_update(actor=member, entry=draft, title="Три", summary="S", note="n" * 201)
    assert [r[5] for r in revisions(draft)] == ["Written", "Edited", "n" * 200]


def test_saving_the_same_text_makes_no_revision(member, draft, clock):
    clock["now"] = NOW + timedelta(hours=1)
    same = services.entry_update(
        actor=member,
        entry=draft,
        title=" Копродукция  анимации",  # the same once cleaned
        summary="Как делить права. ",
        body="## Права\n\nПо вкладу.",
        note="Nothing",
    )
    assert same.revision == 1
    assert Entry.objects.get(pk=draft.pk).updated_at == NOW
    assert [r[0] for r in revisions(draft)] == [1]
    assert trail(draft) == []


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Другое"},
        {"summary": "Другое."},
        {"body": "Другое."},
        {"chapters": [{"at": 1, "title": "Глава"}]},
    ],
)
def test_any_one_changed_part_is_a_revision(member, draft, change):
    fields = {
        "title": draft.title,
        "summary": draft.summary,
        "body": draft.body,
        "chapters": [],
        **change,
    }
    assert services.entry_update(actor=member, entry=draft, **fields).revision == 2


def test_a_published_version_changes_at_once_is_flagged_and_reindexed(member, clock):
    entry = EntryFactory(
        status=Status.PUBLISHED, practice__organisation=member.organisations.first()
    )
    services.entry_update(actor=member, entry=entry, title="Шёлковый путь", summary="Новое.")
    entry = Entry.objects.get(pk=entry.pk)
    assert (entry.status, entry.changed_after_review, entry.revision) == (
        Status.PUBLISHED,
        True,
        2,
    )
    assert search(key="practices", q="шёлковый").ids == [entry.practice_id]


def test_a_returned_version_is_edited_without_the_published_flag(member):
    entry = EntryFactory(
        status=Status.RETURNED, practice__organisation=member.organisations.first()
    )
    services.entry_update(actor=member, entry=entry, title="Исправлено", summary="S")
    entry = Entry.objects.get(pk=entry.pk)
    assert (entry.status, entry.changed_after_review, entry.revision) == (
        Status.RETURNED,
        False,
        2,
    )
    assert search(key="practices", q="исправлено").count == 0


@pytest.mark.parametrize("status", [Status.REVIEW, Status.ARCHIVED])
def test_a_version_in_review_or_archived_is_not_changed(member, status):
    entry = EntryFactory(status=status, practice__organisation=member.organisations.first())
    with pytest.raises(ValidationError) as excinfo:
        services.entry_update(actor=member, entry=entry, title="X", summary="Y")
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["A version in review or archived cannot be changed."],
        "status",
    )
    assert Entry.objects.get(pk=entry.pk).revision == 1
    assert not AuditEntry.objects.exists()


def test_a_bad_edit_is_refused_at_its_field_and_nothing_changes(member, draft):
    with pytest.raises(ValidationError) as excinfo:
        services.entry_update(actor=member, entry=draft, title="x" * 201, summary="")
    assert excinfo.value.message_dict == {
        "title": ["Keep it to 200 characters (it has 201)."],
        "summary": ["This field is required."],
    }
    entry = Entry.objects.get(pk=draft.pk)
    assert (entry.title, entry.revision) == ("Копродукция анимации", 1)


def test_someone_outside_the_organisation_cannot_edit(outsider, draft):
    with pytest.raises(PermissionDenied):
        services.entry_update(actor=outsider, entry=draft, title="X", summary="Y")
    assert Entry.objects.get(pk=draft.pk).title == "Копродукция анимации"
    assert [r[0] for r in revisions(draft)] == [1]


# --- restoring a revision ---------------------------------------------------------------------


def test_an_earlier_revision_comes_back_as_a_new_one(member, draft):
    services.entry_update(
        actor=member, entry=draft, title="Второе", summary="Новое.", body="B", chapters=[]
    )
    restored = services.entry_restore(actor=member, entry=draft, number=1)
    assert (restored.title, restored.summary, restored.body, restored.revision) == (
        "Копродукция анимации",
        "Как делить права.",
        "## Права\n\nПо вкладу.",
        3,
    )
    assert [(r[0], r[1], r[5]) for r in revisions(draft)] == [
        (1, "Копродукция анимации", "Written"),
        (2, "Второе", "Edited"),
        (3, "Копродукция анимации", "Restored revision 1"),
    ]
    assert trail(draft)[-1] == ("knowledge.entry_update", member, {"revision": 3})


def test_restoring_the_current_text_makes_no_revision(member, draft):
    assert services.entry_restore(actor=member, entry=draft, number=1).revision == 1
    assert [r[0] for r in revisions(draft)] == [1]


@pytest.mark.parametrize("number", [0, 2, 99])
def test_a_revision_that_does_not_exist_is_refused(member, draft, number):
    with pytest.raises(ValidationError) as excinfo:
        services.entry_restore(actor=member, entry=draft, number=number)
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["There is no such revision."],
        "revision",
    )


@pytest.mark.parametrize("number", [1, 99])
def test_someone_outside_the_organisation_cannot_restore(member, outsider, draft, number):
    """Refused alike for a revision that exists and one that does not: nothing is told."""
    services.entry_update(actor=member, entry=draft, title="Второе", summary="S")
    with pytest.raises(PermissionDenied):
        services.entry_restore(actor=outsider, entry=draft, number=number)
    assert Entry.objects.get(pk=draft.pk).title == "Второе"


# --- files ------------------------------------------------------------------------------------


def test_a_member_attaches_a_checked_file(member, draft, clock, settings):
    data = pdf_bytes()
    attachment = services.attachment_add(actor=member, entry=draft, upload=upload(content=data))
    attachment = Attachment.objects.get(pk=attachment.pk)
    assert (attachment.entry, attachment.name, attachment.kind, attachment.size) == (
        draft,
        "Смета.pdf",
        "pdf",
        len(data),
    )
    assert (attachment.uploaded_by, attachment.created_at) == (member, NOW)
    with attachment.file.open("rb") as stored:
        assert stored.read() == data
    assert str(settings.MEDIA_ROOT) not in attachment.file.path
    assert trail(draft) == [("knowledge.attachment_add", member, {"file": "Смета.pdf"})]


def test_twenty_files_per_version_and_no_more(member, draft):
    for n in range(19):
        Attachment.objects.create(
            entry=draft, file=f"x{n}.pdf", name=f"x{n}.pdf", kind="pdf", size=1
        )
    services.attachment_add(actor=member, entry=draft, upload=upload())  # the twentieth
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(actor=member, entry=draft, upload=upload())
    assert excinfo.value.message_dict == {"file": ["At most 20 files per version."]}
    assert draft.attachments.count() == 20
    assert [a for a, _actor, _data in trail(draft)] == ["knowledge.attachment_add"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", png_bytes(), REFUSED_FILE),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_a_refused_file_is_told_at_the_file_field(member, draft, name, content, message):
    with pytest.raises(ValidationError) as excinfo:
        services.attachment_add(actor=member, entry=draft, upload=upload(name, content))
    assert excinfo.value.message_dict == {"file": [message]}
    assert not Attachment.objects.exists()
    assert not AuditEntry.objects.filter(action="knowledge.attachment_add").exists()


def test_someone_outside_the_organisation_cannot_attach_or_remove(member, outsider, draft):
    with pytest.raises(PermissionDenied):
        services.attachment_add(actor=outsider, entry=draft, upload=upload())
    assert not Attachment.objects.exists()
    attachment = services.attachment_add(actor=member, entry=draft, upload=upload())
    with pytest.raises(PermissionDenied):
        services.attachment_remove(actor=outsider, attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert os.path.exists(attachment.file.path)
    assert [a for a, _actor, _data in trail(draft)] == ["knowledge.attachment_add"]


def test_a_removed_file_is_deleted_from_storage_only_once_committed(
    member, draft, django_capture_on_commit_callbacks
):
    attachment = services.attachment_add(actor=member, entry=draft, upload=upload())
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.attachment_remove(actor=member, attachment=attachment)
    assert not Attachment.objects.exists()
    assert os.path.exists(path)  # a rolled-back removal would still need the file
    assert trail(draft)[-1] == ("knowledge.attachment_remove", member, {"file": "Смета.pdf"})
    [delete] = queued
    delete()
    assert not os.path.exists(path)
