"""Factories for programmes. `CallFactory()` is a published call open now (Europe/Moscow) whose
rules admit verified Russian organisations; `ApplicationFactory()` is a complete draft ready to
submit; `SubmittedApplicationFactory()` one already submitted."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.tests.files import pdf_bytes
from bridge.programs.models import (
    Answer,
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    ConflictOfInterest,
    ConflictSource,
    Criterion,
    Deal,
    DealKind,
    Decision,
    Eligibility,
    Engine,
    Genre,
    MentorNote,
    Milestone,
    MilestoneKind,
    MilestoneProgress,
    Programme,
    ProjectStage,
    Question,
    QuestionKind,
    Review,
    Reviewer,
    ReviewerStatus,
    Score,
    ScoreLevel,
    Stage,
    TeamMember,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    slug = "video-game-factory"
    name_ru = "Фабрика видеоигр"
    name_uz = "Videoo‘yinlar fabrikasi"
    name_en = "Video Game Factory"
    description_en = "An accelerator for game studios."


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"season-{n}")
    title_ru = factory.Sequence(lambda n: f"Сезон {n}")
    title_uz = factory.Sequence(lambda n: f"{n}-mavsum")
    title_en = factory.Sequence(lambda n: f"Season {n}")
    description_en = "Apply with your game."
    support_en = "Mentors, playtests, an investor pitch."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    timezone = "Europe/Moscow"
    is_published = True

    @factory.post_generation
    def eligibility(self, create, extracted, **kwargs):
        """CallFactory(eligibility={"countries": ["RU", "UZ"]}) overrides the default rules."""
        if not create:
            return
        rules = {"countries": ["RU"], "verified_required": True}
        rules.update(extracted or {})
        rules.update(kwargs)
        Eligibility.objects.create(call=self, **rules)
        Stage.objects.create(call=self, position=0, name_en="Application")


class EligibilityFactory(factory.django.DjangoModelFactory):
    """For a call built without one (e.g. CallFactory.build()); CallFactory makes its own."""

    class Meta:
        model = Eligibility

    call = factory.SubFactory(CallFactory)
    countries = factory.LazyFunction(lambda: ["RU"])


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    call = factory.SubFactory(CallFactory)
    position = factory.Sequence(lambda n: n + 1)
    name_en = "Full application"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    call = factory.SubFactory(CallFactory)
    kind = QuestionKind.TEXT
    label_ru = "Почему вы?"
    label_en = "Why you?"
    required = False
    position = factory.Sequence(lambda n: n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft: every required game field, a team of two and a pitch deck."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)
    eligibility_snapshot = factory.LazyAttribute(lambda o: o.call.eligibility.as_rules())
    eligibility_version = factory.LazyAttribute(lambda o: o.call.eligibility.version)
    language = "en"
    title = factory.Sequence(lambda n: f"Game {n}")
    summary = "A cosy puzzle game about a Silk Road caravan."
    genre = Genre.PUZZLE
    platforms = factory.LazyFunction(lambda: ["pc", "mobile"])
    engine = Engine.UNITY
    project_stage = ProjectStage.PROTOTYPE
    budget = Decimal("5000000")
    amount_asked = Decimal("1500000")
    currency = "RUB"
    release_target = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    build_url = "https://example.org/build"
    video_url = "https://example.org/video"
    company_founded_on = date(2020, 1, 1)
    pitch_deck = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="deck.pdf"))
    status = ApplicationStatus.DRAFT

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if not create:
            return
        members = extracted if extracted is not None else [("Aziza", "Lead"), ("Ivan", "Artist")]
        for position, (name, role) in enumerate(members):
            TeamMember.objects.create(application=self, name=name, role=role, position=position)


class SubmittedApplicationFactory(ApplicationFactory):
    status = ApplicationStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    application = factory.SubFactory(ApplicationFactory)
    name = factory.Faker("name")
    role = "Programmer"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    application = factory.SubFactory(ApplicationFactory)
    question = factory.SubFactory(QuestionFactory, call=factory.SelfAttribute("..application.call"))
    value = "Because."


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    call = factory.SubFactory(CallFactory)
    user = factory.SubFactory(UserFactory)
    languages = factory.LazyFunction(lambda: ["ru", "en"])
    status = ReviewerStatus.ACCEPTED
    accepted_at = factory.LazyFunction(timezone.now)


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    reviewer = factory.SubFactory(ReviewerFactory)
    application = factory.SubFactory(
        SubmittedApplicationFactory, call=factory.SelfAttribute("..reviewer.call")
    )
    source = ConflictSource.DECLARED
    reason = "I mentor this team."


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    reviewer = factory.SubFactory(ReviewerFactory)
    application = factory.SubFactory(
        SubmittedApplicationFactory, call=factory.SelfAttribute("..reviewer.call")
    )


class CriterionFactory(factory.django.DjangoModelFactory):
    """With score levels 1–5 unless `levels=[...]` is given."""

    class Meta:
        model = Criterion
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    name_ru = "Геймплей"
    name_en = "Gameplay"
    weight = Decimal("1")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if not create:
            return
        for value in extracted if extracted is not None else range(1, 6):
            ScoreLevel.objects.create(criterion=self, value=value, description_en=f"Level {value}")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    assignment = factory.SubFactory(AssignmentFactory)
    comment = "Promising."
    submitted_at = factory.LazyFunction(timezone.now)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(
        CriterionFactory, call=factory.SelfAttribute("..review.assignment.reviewer.call")
    )
    value = 3


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    application = factory.SubFactory(SubmittedApplicationFactory)
    outcome = "accept"
    language = "en"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    call = factory.SubFactory(CallFactory)
    kind = MilestoneKind.PROTOTYPE
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class MilestoneProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneProgress

    milestone = factory.SubFactory(MilestoneFactory)
    application = factory.SubFactory(
        SubmittedApplicationFactory,
        call=factory.SelfAttribute("..milestone.call"),
        status=ApplicationStatus.ACCEPTED,
    )
    report = "Core loop playable."


class MentorNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorNote

    application = factory.SubFactory(SubmittedApplicationFactory, status=ApplicationStatus.ACCEPTED)
    author = factory.SubFactory(UserFactory)
    text = "Focus the demo on the first ten minutes."


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    application = factory.SubFactory(SubmittedApplicationFactory, status=ApplicationStatus.ACCEPTED)
    investor = "Indie GO"
    amount = Decimal("3000000")
    currency = "RUB"
    kind = DealKind.REVENUE_SHARE
    signed_on = factory.LazyFunction(timezone.localdate)
