"""Cross-site scripting, field by field (issue 16, item 6: "XSS vectors tried per rendered field").

Every user-written text that a page shows or the API returns is stored with each of the vectors
below, through the factories and services that write it, and every page that shows it (and the
API read, where there is one) is parsed with a real HTML parser. Nothing of the vector may exist as
markup: no <script> that carries it, no on* attribute anywhere (the pages have none of their own:
the Content-Security-Policy allows nothing inline), no javascript:/vbscript:/data: link or source,
no <iframe>, <object> or <embed>, no srcdoc, no style attribute that carries it. The text must stay
visible, escaped, where the field is plain text; a Markdown body goes through the sanitiser, which
keeps the words and drops the markup (and what is inside <script>, <style> and <iframe>).

The API answers JSON: the text comes back as it was written (the caller escapes it where it shows
it), with a JSON content type and nosniff, so no browser reads it as a page; HTML the API returns
(a practice's body) must be as clean as the page's.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.knowledge.models import Question as PracticeQuestion
from bridge.knowledge.models import QuestionStatus, ThemePage
from bridge.knowledge.services import themes as theme_services
from bridge.knowledge.tests.factories import EventFactory as KnowledgeEventFactory
from bridge.knowledge.tests.factories import bearer, published_practice
from bridge.materials.tests.factories_catalog import reindex
from bridge.materials.tests.factories_samples import (
    CollectionFactory,
    SampleRequestFactory,
    published_material,
)
from bridge.partnering.tests.factories import InterestFactory, ListingFactory
from bridge.partnering.tests.factories_projects import published_project
from bridge.programs.models import ApplicationStatus, DecisionStatus, QuestionKind
from bridge.programs.tests.factories import (
    AnswerFactory,
    ApplicationFactory,
    AssignmentFactory,
    DecisionFactory,
    MentorNoteFactory,
    QuestionFactory,
    ReviewerFactory,
    ReviewFactory,
    SubmittedApplicationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MARK = "4711"  # in every vector: where it turns up in markup, the vector got through

VECTORS = {
    "script": "<script>alert(4711)</script>",
    "img-onerror": "<img src=x onerror=alert(4711)>",
    "svg-onload": "<svg/onload=alert(4711)>",
    "javascript-href": '<a href="javascript:alert(4711)">x</a>',
    "data-url": '<a href="data:text/html,<script>alert(4711)</script>">x</a>',
    "attribute-breakout": "\"'><img src=x onerror=alert(4711)>",
    "textarea-close": "</textarea><script>alert(4711)</script>",
    "template": "{{ 7|add:4704 }}{% debug %}{{ request.user.password }} alert(4711)",
    "markdown-link": "[x](javascript:alert(4711)) [y](data:text/html,alert(4711))",
    "encoded-javascript": '<a href="&#x6A;avascript:alert(4711)">x</a>',
    "style-expression": '<div style="width:expression(alert(4711));background:url(javascript:alert(4711))">x</div>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(4711)</script>"></iframe>',
    "mixed-case": "<ScRipT>alert(4711)</sCrIpT>",
}

# What the Markdown body keeps of each vector (bridge.knowledge.markup: markdown-it, then nh3's
# allow-list): the words, escaped, without the elements and attributes, and nothing of what was
# inside <script>, <style> or <iframe>.
_A = '<p><a rel="nofollow noopener noreferrer">x</a></p>\n'
MARKDOWN_SHOWS = {
    VECTORS["script"]: "",
    VECTORS["img-onerror"]: "",
    VECTORS["svg-onload"]: "<p>&lt;svg/onload=alert(4711)&gt;</p>\n",
    VECTORS["javascript-href"]: _A,
    VECTORS["data-url"]: _A,
    VECTORS["attribute-breakout"]: "<p>\"'&gt;</p>\n",
    VECTORS["textarea-close"]: "<p></p>\n",
    VECTORS["template"]: f"<p>{VECTORS['template']}</p>\n",
    VECTORS["markdown-link"]: f"<p>{VECTORS['markdown-link']}</p>\n",
    VECTORS["encoded-javascript"]: _A,
    VECTORS["style-expression"]: "x",
    VECTORS["iframe-srcdoc"]: "",
    VECTORS["mixed-case"]: "",
}

_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
_NO_TEXT = {"script", "style", "template"}
DATA_SCRIPTS = {"application/ld+json", "application/json"}


class MarkupFinder(HTMLParser):
    """What a browser would run or load of a page: the dangerous elements and attributes, and the
    text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []
        self.text: list[str] = []
        self.values: list[str] = []  # what the form's inputs hold
        self._in: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        where = f"<{tag}> at line {self.getpos()[0]}"
        if tag in ("iframe", "frame", "object", "embed", "base"):
            self.unsafe.append(where)
        for name, value in values.items():
            squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name.startswith("on") or name == "srcdoc":
                self.unsafe.append(f"{name}= on {where}")
            elif name in _URL_ATTRIBUTES and squeezed.startswith(_BAD_SCHEMES):
                if not (tag == "img" and squeezed.startswith("data:image/")):
                    self.unsafe.append(f"{name}={value!r} on {where}")
            elif name == "style" and (MARK in value or "expression(" in squeezed):
                self.unsafe.append(f"style= on {where}")
        if tag == "input" and "value" in values:
            self.values.append(values["value"])
        if tag == "script":
            self._script = {
                "type": values.get("type", ""),
                "src": values.get("src", ""),
                "text": "",
            }
            if MARK in values.get("src", ""):
                self.unsafe.append(where)
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self._in.append(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            script, self._script = self._script, None
            if MARK in script["text"]:
                if script["type"] not in DATA_SCRIPTS:
                    self.unsafe.append(f"<script> running {script['text'][:60]!r}")
                else:
                    json.loads(script["text"])  # a data block the text could not break out of
        if tag in self._in:
            # Close the element and whatever was left open inside it.
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
        elif not (set(self._in) & _NO_TEXT):
            self.text.append(data)


def parsed(html: str) -> MarkupFinder:
    finder = MarkupFinder()
    finder.feed(html)
    finder.close()
    return finder


def _squeeze(text: str) -> str:
    return " ".join(text.split())


FIGURES = {"cases": 0, "renders": 0, "forms": 0, "api_reads": 0}


def _signed_in(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _member(organisation, role=Role.MEMBER):
    person = UserFactory()
    Membership.objects.create(organisation=organisation, user=person, role=role)
    return person


# Each field: store `value` where people write it, and say where it shows:
# (pages as (person or None, path), API reads as (person or None, path, where the text is in the
#  JSON: a function of the decoded body), and whether the text is Markdown).
def _supplier_form(material):
    owner = _member(material.supplier, Role.OWNER)
    return [(owner, f"/materials/dashboard/{material.supplier.slug}/{material.pk}/edit/")]


def material_name(value):
    material = published_material(name=value, language="en", description="Plain words.")
    reindex()
    page = f"/materials/m/{material.supplier.slug}/{material.sku}/"
    api = f"/api/v1/materials/{material.supplier.slug}/{material.sku}"
    return {
        "pages": [
            (None, page),
            (None, "/materials/?q=alert"),
            (None, f"/materials/suppliers/{material.supplier.slug}/"),
        ],
        "api": [(None, api, lambda body: body["name"])],
        "forms": _supplier_form(material),
    }


def material_description(value):
    material = published_material(description=value, language="en")
    reindex()
    page = f"/materials/m/{material.supplier.slug}/{material.sku}/"
    api = f"/api/v1/materials/{material.supplier.slug}/{material.sku}"
    return {
        "pages": [(None, page), (None, "/materials/?q=alert")],
        "api": [(None, api, lambda body: body["description"])],
        "forms": _supplier_form(material),
    }


def material_sustainability(value):
    material = published_material(sustainability_notes=value, language="en")
    page = f"/materials/m/{material.supplier.slug}/{material.sku}/"
    return {"pages": [(None, page)], "api": []}


def _profile_form(organisation):
    owner = _member(organisation, Role.OWNER)
    return [(owner, f"/organisations/{organisation.slug}/edit/")]


def organisation_name(value):
    organisation = OrganisationFactory(name=value)
    return {
        "pages": [(None, organisation.get_absolute_url())],
        "api": [(None, f"/api/v1/organisations/{organisation.pk}", lambda body: body["name"])],
        "forms": _profile_form(organisation),
    }


def organisation_description(value):
    organisation = OrganisationFactory(description_en=value)
    return {
        "pages": [(None, organisation.get_absolute_url())],
        "api": [
            (
                None,
                f"/api/v1/organisations/{organisation.pk}",
                lambda body: body["description"]["en"],
            )
        ],
        "forms": _profile_form(organisation),
    }


def organisation_website(value):
    organisation = OrganisationFactory(website=value)
    return {
        "pages": [(None, organisation.get_absolute_url())],
        "api": [(None, f"/api/v1/organisations/{organisation.pk}", lambda body: body["website"])],
        "forms": _profile_form(organisation),
    }


def collection_name(value):
    collection = CollectionFactory(name=value[:200])
    owner = collection.owner
    return {
        "pages": [
            (owner, f"/materials/collections/{collection.pk}/"),
            (owner, "/materials/collections/"),
        ],
        "api": [(owner, f"/api/v1/collections/{collection.pk}", lambda body: body["name"])],
    }


def collection_description(value):
    collection = CollectionFactory(description=value)
    owner = collection.owner
    return {
        "pages": [(owner, f"/materials/collections/{collection.pk}/")],
        "api": [(owner, f"/api/v1/collections/{collection.pk}", lambda body: body["description"])],
    }


def sample_purpose(value):
    organisation = OrganisationFactory()
    requester = _member(organisation)
    request = SampleRequestFactory(requester=requester, organisation=organisation, purpose=value)
    return {
        "pages": [(requester, f"/materials/samples/{request.pk}/")],
        "api": [(requester, f"/api/v1/sample-requests/{request.pk}", lambda body: body["purpose"])],
    }


def _listing_form(listing):
    owner = _member(listing.organisation, Role.OWNER)
    return [(owner, f"/partnering/{listing.pk}/edit/")]


def _listing_field(field: str, *, in_list: bool):
    """A listing text shown on its page (and, for title and summary, in the list), in the API
    and in its owner's edit form."""

    def stored(value):
        listing = ListingFactory(**{field: value})
        pages = [(None, f"/partnering/{listing.pk}/")]
        if in_list:
            pages.append((None, "/partnering/"))
        read = f"/api/v1/partnering/listings/{listing.pk}"
        return {
            "pages": pages,
            "api": [(None, read, lambda body: body[field])],
            "forms": _listing_form(listing),
        }

    return stored


listing_title = _listing_field("title", in_list=True)
listing_summary = _listing_field("summary", in_list=True)
listing_description = _listing_field("description", in_list=False)


def interest_message(value):
    listing = ListingFactory()
    owner = _member(listing.organisation, Role.OWNER)
    interest = InterestFactory(listing=listing, message=value)
    return {"pages": [(owner, f"/partnering/interests/{interest.pk}/")], "api": []}


def _author_form(practice):
    author = _member(practice.organisation)
    return [(author, f"/knowledge/library/{practice.slug}/en/edit/")]


def project_title(value):
    project = published_project(OrganisationFactory(), OrganisationFactory(), title=value[:200])
    return {
        "pages": [(None, f"/partnering/projects/{project.pk}/"), (None, "/partnering/projects/")],
        "api": [(None, f"/api/v1/partnering/projects/{project.pk}", lambda body: body["title"])],
    }


def project_description(value):
    project = published_project(
        OrganisationFactory(),
        OrganisationFactory(),
        descriptions={"ru": value, "uz": value, "en": value},
    )
    return {"pages": [(None, f"/partnering/projects/{project.pk}/")], "api": []}


def _accepted(**decision):
    application = SubmittedApplicationFactory(status=ApplicationStatus.ACCEPTED)
    DecisionFactory(application=application, status=DecisionStatus.SENT, **decision)
    return application


def decision_message(value):
    application = _accepted(message=value)
    owner = _member(application.organisation, Role.OWNER)
    return {"pages": [(owner, f"/programmes/applications/{application.pk}/")], "api": []}


def mentor_note(value):
    note = MentorNoteFactory(application=_accepted(), text=value, shared_with_team=True)
    owner = _member(note.application.organisation, Role.OWNER)
    return {
        "pages": [(owner, f"/programmes/applications/{note.application.pk}/cohort/")],
        "api": [],
    }


def practice_title(value):
    practice = published_practice(versions={"en": value[:200]})
    page = practice.get_absolute_url()
    return {
        "pages": [(None, page), (None, "/knowledge/")],
        "api": [(None, f"/api/v1/knowledge/entries/{practice.slug}", lambda body: body["title"])],
        "forms": _author_form(practice),
    }


def practice_body(value):
    practice = published_practice(versions=("en",), body=value)
    return {
        "pages": [(None, practice.get_absolute_url())],
        "forms": _author_form(practice),  # the Markdown as written, in the editor's textarea
        "api": [],
        "api_html": [
            (None, f"/api/v1/knowledge/entries/{practice.slug}", lambda body: body["body_html"])
        ],
        "markdown": True,
    }


def practice_question(value):
    practice = published_practice(versions=("en",))
    asker = UserFactory()
    PracticeQuestion.objects.create(practice=practice, asked_by=asker, text=value)  # pending
    published = published_practice(versions=("en",))
    PracticeQuestion.objects.create(
        practice=published, asked_by=UserFactory(), text=value, status=QuestionStatus.PUBLISHED
    )
    return {
        "pages": [(asker, practice.get_absolute_url()), (None, published.get_absolute_url())],
        "api": [],
    }


def practice_answer(value):
    practice = published_practice(versions=("en",))
    PracticeQuestion.objects.create(
        practice=practice,
        asked_by=UserFactory(),
        text="How long did it take?",
        status=QuestionStatus.PUBLISHED,
        answer=value,
        answered_by=UserFactory(),
        answered_at=timezone.now(),
    )
    return {"pages": [(None, practice.get_absolute_url())], "api": []}


def event_title(value):
    event = KnowledgeEventFactory(title_en=value[:200], title_ru=value[:200], title_uz=value[:200])
    return {
        "pages": [(None, f"/knowledge/events/{event.slug}/"), (None, "/knowledge/events/")],
        "api": [(None, f"/api/v1/knowledge/events/{event.slug}", lambda body: body["title"])],
    }


def event_description(value):
    event = KnowledgeEventFactory(description_en=value)
    return {
        "pages": [(None, f"/knowledge/events/{event.slug}/")],
        "api": [(None, f"/api/v1/knowledge/events/{event.slug}", lambda body: body["description"])],
    }


def theme_text(value):
    editor = UserFactory(is_staff=True, groups=["moderator"])
    ThemePage.objects.create(concept_id="ikat")
    theme_services.theme_update(actor=editor, concept_id="ikat", text_en=value)
    return {
        "pages": [(None, "/knowledge/heritage/ikat/")],
        "api": [(None, "/api/v1/knowledge/themes/ikat", lambda body: body["text"])],
        "forms": [(editor, "/knowledge/heritage/ikat/edit/")],
    }


def _draft_form(**fields):
    """A draft of the same text, in its applicant's editor."""
    draft = ApplicationFactory(**fields)
    owner = _member(draft.organisation, Role.OWNER)
    return draft, [(owner, f"/programmes/applications/{draft.pk}/edit/")]


def application_answer(value):
    application = SubmittedApplicationFactory()
    owner = _member(application.organisation, Role.OWNER)
    question = QuestionFactory(call=application.call, kind=QuestionKind.TEXT)
    AnswerFactory(application=application, question=question, value=value)
    draft, forms = _draft_form()
    draft_question = QuestionFactory(call=draft.call, kind=QuestionKind.TEXT)
    AnswerFactory(application=draft, question=draft_question, value=value)
    reviewer = ReviewerFactory(call=application.call)
    AssignmentFactory(reviewer=reviewer, application=application)
    return {
        "pages": [
            (owner, f"/programmes/applications/{application.pk}/"),
            (reviewer.user, f"/programmes/review/applications/{application.pk}/"),
        ],
        "api": [],
        "forms": forms,
    }


def application_summary(value):
    application = SubmittedApplicationFactory(summary=value)
    _draft, forms = _draft_form(summary=value)
    owner = _member(application.organisation, Role.OWNER)
    reviewer = ReviewerFactory(call=application.call)
    AssignmentFactory(reviewer=reviewer, application=application)
    return {
        "pages": [
            (owner, f"/programmes/applications/{application.pk}/"),
            (reviewer.user, f"/programmes/review/applications/{application.pk}/"),
        ],
        "api": [
            (
                owner,
                f"/api/v1/programmes/applications/{application.pk}",
                lambda body: body["summary"],
            )
        ],
        "forms": forms,
    }


def review_comment(value):
    application = SubmittedApplicationFactory()
    writer = ReviewerFactory(call=application.call)
    reader = ReviewerFactory(call=application.call)
    ReviewFactory(
        assignment=AssignmentFactory(reviewer=writer, application=application), comment=value
    )
    ReviewFactory(assignment=AssignmentFactory(reviewer=reader, application=application))
    page = f"/programmes/review/applications/{application.pk}/"
    return {"pages": [(writer.user, page), (reader.user, page)], "api": []}


FIELDS = {
    "material name": material_name,
    "material description": material_description,
    "material sustainability notes": material_sustainability,
    "organisation name": organisation_name,
    "organisation description": organisation_description,
    "organisation website": organisation_website,
    "collection name": collection_name,
    "collection description": collection_description,
    "sample request purpose": sample_purpose,
    "listing title": listing_title,
    "listing summary": listing_summary,
    "listing description": listing_description,
    "interest message": interest_message,
    "joint project title": project_title,
    "joint project description": project_description,
    "decision message": decision_message,
    "mentor note": mentor_note,
    "practice title": practice_title,
    "practice body (Markdown)": practice_body,
    "practice question": practice_question,
    "practice question's answer": practice_answer,
    "event title": event_title,
    "event description": event_description,
    "heritage theme text": theme_text,
    "application summary": application_summary,
    "application answer": application_answer,
    "review comment": review_comment,
}


def _api_client(person) -> Client:
    return Client(**bearer(person)) if person is not None else Client()


@pytest.mark.parametrize("vector", VECTORS.values(), ids=VECTORS.keys())
@pytest.mark.parametrize("field", FIELDS.values(), ids=FIELDS.keys())
def test_the_vector_is_text_on_every_page_and_in_the_api(field, vector):
    shown = field(vector)
    assert shown["pages"], "a field is tested on at least one page"
    for person, path in shown["pages"]:
        response = _signed_in(person).get(path)
        assert response.status_code == 200, path
        page = parsed(response.content.decode())
        assert page.unsafe == [], path
        text = _squeeze("".join(page.text))
        if not shown.get("markdown"):
            assert _squeeze(vector) in text, f"{path} shows the text as written, escaped"
        else:
            assert MARKDOWN_SHOWS[vector] in response.content.decode(), path
        FIGURES["renders"] += 1
    for person, path in shown.get("forms", []):
        response = _signed_in(person).get(path)
        assert response.status_code == 200, path
        page = parsed(response.content.decode())
        assert page.unsafe == [], path
        # in a textarea as text, or an input's value, exactly as written
        assert vector in "".join(page.text) or vector in page.values, path
        FIGURES["renders"] += 1
        FIGURES["forms"] += 1
    for person, path, pick in shown["api"]:
        response = _api_client(person).get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert pick(response.json()) == vector, path
        FIGURES["api_reads"] += 1
    for person, path, pick in shown.get("api_html", []):
        response = _api_client(person).get(path)
        assert response.status_code == 200, path
        assert parsed(pick(response.json())).unsafe == [], path
        assert pick(response.json()) == MARKDOWN_SHOWS[vector], path
        FIGURES["api_reads"] += 1
    FIGURES["cases"] += 1


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    if FIGURES["cases"]:
        print(
            f"\nXSS: {len(FIELDS)} fields x {len(VECTORS)} vectors; {FIGURES['cases']} cases passed, "
            f"{FIGURES['renders']} renders ({FIGURES['forms']} of edit forms), "
            f"{FIGURES['api_reads']} API reads"
        )


def test_the_finder_sees_markup_that_escaping_would_have_prevented():
    """The parser's rules catch each vector written raw into a page: the test can fail."""
    caught = {
        name: parsed(f"<html><body><p>{vector}</p></body></html>").unsafe
        for name, vector in VECTORS.items()
    }
    missed = [name for name, found in caught.items() if not found]
    # Only these are harmless as raw HTML too: text braces, and Markdown syntax in HTML.
    assert missed == ["template", "markdown-link"]
