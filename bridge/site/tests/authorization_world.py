"""The world the authorization table is tested in: one person per role and one object of each
kind a URL names.

Every object a URL parameter names belongs to the RIGHT organisation (its member, admin and owner
are three of the roles) or to one of its people. The "other" role is a member of another
organisation and the "supplier" role the owner of a third one, a supplier, which is party to the
right organisation's sample request: for them the same ids are another organisation's objects,
so their cells are the object-level (IDOR) checks. The call's review is blind; of its three
reviewers one is assigned the right organisation's application, one is not, and one has declared
a conflict with it.
"""

import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from bridge.accounts.models import ApiToken, Invitation, Membership, Role
from bridge.accounts.tests.factories import ApiTokenFactory, OrganisationFactory, UserFactory
from bridge.core.models import Notification
from bridge.core.tests.files import pdf_bytes
from bridge.knowledge.models import Question as PracticeQuestion
from bridge.knowledge.tests.factories import EventFactory as KnowledgeEventFactory
from bridge.knowledge.tests.factories import published_practice
from bridge.materials.models import MaterialImport
from bridge.materials.tests.factories_samples import (
    CollectionFactory,
    SampleRequestFactory,
    published_material,
)
from bridge.partnering.models import SavedSearch
from bridge.partnering.tests.factories import (
    InterestFactory,
    ListingFactory,
    event_made,
    registered,
)
from bridge.partnering.tests.factories_projects import project_between
from bridge.programs.models import Assignment, QuestionKind
from bridge.programs.models import Question as CallQuestion
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

# The columns of the table, in order, with the abbreviation its header uses.
ROLES = {
    "an": "anonymous",
    "no": "signed in, no organisation",
    "me": "member of the right organisation",
    "ad": "admin of the right organisation",
    "ow": "owner of the right organisation",
    "ot": "member of another organisation",
    "su": "owner of a supplier (party to the right organisation's sample request)",
    "ra": "reviewer of the blind call, assigned the right organisation's application",
    "rn": "reviewer of the blind call, not assigned it",
    "rc": "reviewer of the blind call with a declared conflict with it",
    "mo": "moderator",
    "pm": "programme manager",
    "as": "analyst",
    "sa": "superuser",
}

# The applicant's names, which a reviewer of the blind call must never see.
APPLICANT_ORGANISATION = "Zarafshan Pixel Works"
APPLICANT_OWNER = "Dilnoza Karimova-Applicant"
APPLICANT_EMAIL = "dilnoza.applicant@zarafshan.example"
DECK_NAME = "zarafshan-pixel-works-pitch.pdf"


@dataclass
class World:
    people: dict  # role abbreviation -> User (None for "an")
    tokens: dict  # role abbreviation -> raw API token
    objects: dict = field(default_factory=dict)  # what the URL parameters name


def build_world() -> World:
    right = OrganisationFactory(name=APPLICANT_ORGANISATION)
    owner = UserFactory(full_name=APPLICANT_OWNER, email=APPLICANT_EMAIL)
    Membership.objects.create(organisation=right, user=owner, role=Role.OWNER)
    admin = UserFactory()
    Membership.objects.create(organisation=right, user=admin, role=Role.ADMIN)
    member = UserFactory()
    Membership.objects.create(organisation=right, user=member, role=Role.MEMBER)
    # real-looking numbers of their own (one number is one legal person, in the database too):
    # their profiles must save; none of them is the demo's
    other_org = OrganisationFactory(registration_number="7736050003")
    other = UserFactory()
    Membership.objects.create(organisation=other_org, user=other, role=Role.MEMBER)
    supplier_org = OrganisationFactory(country="UZ", registration_number="306284999")
    supplier = UserFactory()
    Membership.objects.create(organisation=supplier_org, user=supplier, role=Role.OWNER)

    call = CallFactory(blind_review=True)
    file_question = CallQuestion.objects.create(
        call=call, kind=QuestionKind.FILE, label_en="Your art bible", position=1
    )
    application = SubmittedApplicationFactory(
        call=call,
        organisation=right,
        created_by=owner,
        pitch_deck=ContentFile(pdf_bytes(), name=DECK_NAME),
        team=[(APPLICANT_OWNER, "Lead")],
    )
    assigned = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=assigned, application=application)
    unassigned = ReviewerFactory(call=call)
    conflicted = ReviewerFactory(call=call)
    ConflictOfInterestFactory(reviewer=conflicted, application=application)

    people = {
        "an": None,
        "no": UserFactory(),
        "me": member,
        "ad": admin,
        "ow": owner,
        "ot": other,
        "su": supplier,
        "ra": assigned.user,
        "rn": unassigned.user,
        "rc": conflicted.user,
        "mo": UserFactory(is_staff=True, groups=["moderator"]),
        "pm": UserFactory(is_staff=True, groups=["programme manager"]),
        "as": UserFactory(is_staff=True, groups=["analyst"]),
        "sa": UserFactory(is_staff=True, is_superuser=True),
    }
    tokens = {}
    for role, person in people.items():
        if person is not None:
            tokens[role] = f"cb_authz_{role}_token_0001"
            ApiTokenFactory(user=person, raw=tokens[role])

    # Materials: the right organisation supplies too; the supplier answers its sample request.
    material = published_material(supplier=right)
    supplied = published_material(supplier=supplier_org)
    sample_request = SampleRequestFactory(material=supplied, requester=member, organisation=right)
    collection = CollectionFactory(owner=member)
    material_import = MaterialImport.objects.create(
        created_by=owner, supplier=right, filename="rows.csv", outcome="failed"
    )

    listing = ListingFactory(organisation=right)
    interest = InterestFactory(listing=listing)
    project = project_between(right, interest.organisation, actor=owner)
    saved_search = SavedSearch.objects.create(user=member, q="animation")
    b2b = event_made()
    registered(b2b, right, member)
    # a guest no role belongs to, for the member to ask for a meeting: no role's cells change
    b2b_guest = registered(b2b, OrganisationFactory(registration_number="7736050010"))
    b2b_slot = b2b.slots.order_by("starts_at").first()

    practice = published_practice(organisation=right)
    practice_question = PracticeQuestion.objects.create(
        practice=practice, asked_by=member, text="How long did it take?"
    )
    webinar = KnowledgeEventFactory()

    invitation = Invitation.objects.create(
        organisation=right, email="new@example.org", invited_by=owner
    )
    notification = Notification.objects.create(
        recipient=member, kind="account", template="x", delivery="none"
    )
    objects = {
        "organisation": right,
        "membership": Membership.objects.get(organisation=right, user=member),
        "invitation": invitation,
        "member_token": ApiToken.objects.get(user=member),
        "assignment": Assignment.objects.get(reviewer=assigned),
        "reviewer": assigned,
        "unassigned_reviewer": unassigned,
        "other_organisation": other_org,
        "notification": notification,
        "material": material,
        "supplied": supplied,
        "sample_request": sample_request,
        "collection": collection,
        "material_import": material_import,
        "call": call,
        "application": application,
        "file_question": file_question,
        "listing": listing,
        "interest": interest,
        "project": project,
        "saved_search": saved_search,
        "b2b": b2b,
        "b2b_guest": b2b_guest,
        "b2b_slot": b2b_slot,
        "practice": practice,
        "practice_question": practice_question,
        "webinar": webinar,
        "now": timezone.now(),
    }
    return World(people=people, tokens=tokens, objects=objects)


# Which object a URL parameter names: (template prefix, parameter) -> how to get its value from
# the world's objects; the first rule whose prefix starts the template wins. A parameter no rule
# names gets PLACEHOLDER, an id nothing has (the row then tests that a missing object answers
# alike for everyone).
PLACEHOLDER = "999999"
RULES = [
    ("organisations/invitations/", "token", lambda o: o["invitation"].token),
    ("organisations/", "slug", lambda o: o["organisation"].slug),
    ("organisations/{slug}/members/", "pk", lambda o: o["membership"].pk),
    ("organisations/{slug}/invitations/", "pk", lambda o: o["invitation"].pk),
    ("accounts/tokens/", "token_id", lambda o: o["member_token"].pk),
    ("notifications/", "pk", lambda o: o["notification"].pk),
    ("materials/collections/", "pk", lambda o: o["collection"].pk),
    ("materials/samples/", "pk", lambda o: o["sample_request"].pk),
    ("materials/samples/", "action", lambda o: "accept"),
    ("materials/dashboard/", "slug", lambda o: o["organisation"].slug),
    ("materials/dashboard/", "pk", lambda o: o["material"].pk),
    ("materials/import/", "pk", lambda o: o["material_import"].pk),
    ("materials/export", "fmt", lambda o: "csv"),
    ("materials/moderation/", "pk", lambda o: o["material"].pk),
    ("materials/suppliers/", "slug", lambda o: o["organisation"].slug),
    ("materials/m/", "supplier", lambda o: o["organisation"].slug),
    ("materials/m/", "sku", lambda o: o["material"].sku),
    ("programmes/review/applications/", "pk", lambda o: o["application"].pk),
    ("programmes/review/applications/", "question", lambda o: o["file_question"].pk),
    ("programmes/staff/calls/", "slug", lambda o: o["call"].slug),
    ("programmes/staff/calls/{slug}/applications/", "pk", lambda o: o["application"].pk),
    ("programmes/staff/calls/{slug}/assignments/", "pk", lambda o: o["assignment"].pk),
    ("programmes/calls/", "slug", lambda o: o["call"].slug),
    ("programmes/calls/", "fmt", lambda o: "csv"),
    ("programmes/applications/", "pk", lambda o: o["application"].pk),
    ("programmes/files/", "name", lambda o: o["application"].pitch_deck.name),
    ("partnering/searches/", "pk", lambda o: o["saved_search"].pk),
    ("partnering/interests/", "pk", lambda o: o["interest"].pk),
    ("partnering/projects/from-interest/", "pk", lambda o: o["interest"].pk),
    ("partnering/projects/", "pk", lambda o: o["project"].pk),
    ("partnering/events/", "slug", lambda o: o["b2b"].slug),
    ("partnering/", "pk", lambda o: o["listing"].pk),
    ("knowledge/review/questions/", "pk", lambda o: o["practice_question"].pk),
    ("knowledge/review/", "slug", lambda o: o["practice"].slug),
    ("knowledge/library/{slug}/answer/", "pk", lambda o: o["practice_question"].pk),
    ("knowledge/library/", "slug", lambda o: o["practice"].slug),
    ("knowledge/", "lang", lambda o: "ru"),
    ("knowledge/events/", "slug", lambda o: o["webinar"].slug),
    ("knowledge/heritage/", "concept_id", lambda o: "abr"),
    ("insights/data/", "key", lambda o: "materials-by-country"),
    ("insights/data/", "fmt", lambda o: "csv"),
    ("insights/report/", "quarter", lambda o: "2026-Q3"),
    ("insights/staff/", "report", lambda o: "moderation"),
    ("insights/staff/", "fmt", lambda o: "csv"),
    # The API's paths
    ("/api/v1/organisations/", "organisation_id", lambda o: o["organisation"].pk),
    ("/api/v1/materials/", "supplier", lambda o: o["organisation"].slug),
    ("/api/v1/materials/", "sku", lambda o: o["material"].sku),
    ("/api/v1/suppliers/", "slug", lambda o: o["organisation"].slug),
    ("/api/v1/sample-requests/", "request_id", lambda o: o["sample_request"].pk),
    ("/api/v1/programmes/", "application_id", lambda o: o["application"].pk),
    ("/api/v1/programmes/", "slug", lambda o: o["call"].slug),
    ("/api/v1/partnering/listings/", "listing_id", lambda o: o["listing"].pk),
    ("/api/v1/partnering/interests/", "interest_id", lambda o: o["interest"].pk),
    ("/api/v1/partnering/projects/", "project_id", lambda o: o["project"].pk),
    ("/api/v1/partnering/events/", "slug", lambda o: o["b2b"].slug),
    ("/api/v1/knowledge/entries/", "slug", lambda o: o["practice"].slug),
    ("/api/v1/knowledge/entries/", "language", lambda o: "ru"),
    ("/api/v1/knowledge/entries/", "question_id", lambda o: o["practice_question"].pk),
    ("/api/v1/knowledge/questions/", "question_id", lambda o: o["practice_question"].pk),
    ("/api/v1/material-moderation/", "material_id", lambda o: o["material"].pk),
    ("/api/v1/knowledge/events/", "slug", lambda o: o["webinar"].slug),
    ("/api/v1/knowledge/themes/", "concept_id", lambda o: "abr"),
    # issue 16 item 1, partnering and applications share
    ("/api/v1/partnering/searches/", "search_id", lambda o: o["saved_search"].pk),
    ("/api/v1/programmes/", "question_id", lambda o: o["file_question"].pk),
    ("/api/v1/partnering/organisations/", "organisation_id", lambda o: o["organisation"].pk),
    # the objects the API's writes name (issue 16 item 3: every write row reaches its handler)
    ("/api/v1/organisations/", "membership_id", lambda o: o["membership"].pk),
    ("/api/v1/organisations/", "invitation_id", lambda o: o["invitation"].pk),
    ("/api/v1/collections/", "collection_id", lambda o: o["collection"].pk),
    ("/api/v1/programmes/reviewer-roles/", "reviewer_id", lambda o: o["reviewer"].pk),
]


def value_for(template: str, name: str, objects: dict) -> str:
    for prefix, parameter, value in RULES:
        if parameter == name and template.startswith(prefix):
            return str(value(objects))
    return PLACEHOLDER


def fill(template: str, objects: dict) -> str:
    """The template with each {parameter} replaced by its object's value."""
    return re.sub(r"\{(\w+)\}", lambda m: value_for(template, m[1], objects), template)
