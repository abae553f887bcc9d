"""Issue 16: for a blind call, nothing a reviewer gets names the applicant: no page, no API answer,
no file name, no file metadata (a PDF's author and XMP packet, a picture's EXIF), no e-mail."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from bridge.accounts.tests.factories import ApiTokenFactory, OrganisationFactory, UserFactory
from bridge.core.files import is_pdf
from bridge.core.tests.files import jpeg_with_gps
from bridge.programs.models import Application, ApplicationStatus, Question, QuestionKind
from bridge.programs.services import applications as application_services
from bridge.programs.services import assignment as assignment_services
from bridge.programs.services import review as review_services
from bridge.programs.tests.factories import ApplicationFactory, CallFactory, CriterionFactory

pytestmark = pytest.mark.integration

ORGANISATION = "Zarafshan Pixel Works"
OWNER = "Dilnoza Karimova"
EMAIL = "dilnoza@zarafshan.example"
TEAMMATE = "Timur Rashidov"
DECK_NAME = "zarafshan-pitch-final.pdf"
ART_NAME = "zarafshan-art-bible.jpg"
# What must never reach the reviewer, in any form.
NAMES = [ORGANISATION, OWNER, EMAIL, TEAMMATE, "zarafshan", "Dilnoza", "Karimova", "Rashidov"]


def pdf_with_author() -> bytes:
    """A valid PDF whose document information and XMP packet name the applicant."""
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<dc:creator>Dilnoza Karimova</dc:creator></x:xmpmeta><?xpacket end='w'?>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Author (Dilnoza Karimova \\(Zarafshan Pixel Works\\)) /Title <5A617261667368616E>"
        b" /Creator (Zarafshan (studio) deck) >>",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp)
        + xmp
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def jpeg_with_author() -> bytes:
    """A photo whose EXIF names the applicant as its artist (and where it was taken)."""
    with Image.open(BytesIO(jpeg_with_gps())) as image:
        exif = image.getexif()
        exif[0x013B] = OWNER  # Artist
        out = BytesIO()
        image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def blind(db, django_capture_on_commit_callbacks):
    """A blind call, an application uploaded through the services, a reviewer invited, accepted
    and assigned through them, and the reminder before the review deadline sent."""
    manager = UserFactory(is_staff=True, groups=["programme manager"])
    call = CallFactory(blind_review=True)
    CriterionFactory(call=call)
    question = Question.objects.create(
        call=call, kind=QuestionKind.FILE, label_en="Your art bible", position=1
    )
    owner = UserFactory(full_name=OWNER, email=EMAIL)
    organisation = OrganisationFactory(name=ORGANISATION, owner=owner)
    application = ApplicationFactory(
        call=call, organisation=organisation, created_by=owner, team=[(TEAMMATE, "Lead artist")]
    )
    application_services.application_set_pitch_deck(
        actor=owner,
        application=application,
        upload=SimpleUploadedFile(DECK_NAME, pdf_with_author(), "application/pdf"),
    )
    application_services.answer_save(
        actor=owner,
        application=application,
        question=question,
        file=SimpleUploadedFile(ART_NAME, jpeg_with_author(), "image/jpeg"),
    )
    application = application_services.application_submit(actor=owner, application=application)
    reviewer_user = UserFactory(email="expert@review.example")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer = review_services.reviewer_invite(
            actor=manager, call=call, email=reviewer_user.email, languages=["en"]
        )
        review_services.reviewer_respond(user=reviewer_user, reviewer=reviewer, accept=True)
        assignment_services.assignment_add(
            actor=manager, reviewer=reviewer, application=application
        )
        call.review_deadline = timezone.now() + timedelta(hours=12)
        call.save(update_fields=["review_deadline"])
        review_services.review_reminders()
    application.refresh_from_db()
    return {"application": application, "reviewer": reviewer_user, "question": question}


def test_the_application_went_through_the_services(blind):
    application = blind["application"]
    assert application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)
    assert Application.objects.filter(pk=application.pk, call__blind_review=True).exists()


def _leaks(text: str) -> list[str]:
    return [name for name in NAMES if name.lower() in text.lower()]


def test_no_page_or_api_answer_names_the_applicant(blind, client):
    application, reviewer = blind["application"], blind["reviewer"]
    client.force_login(reviewer)
    pages = [
        "/programmes/review/",
        f"/programmes/review/applications/{application.pk}/",
        "/notifications/",
        "/api/v1/programmes/reviews",
        f"/api/v1/programmes/reviews/{application.pk}",
    ]
    token = "cb_blind_reviewer_000001"
    ApiTokenFactory(user=reviewer, raw=token)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(response.content.decode()) == [], url
        if url.startswith("/api/"):
            by_token = client.get(url, headers={"Authorization": f"Bearer {token}"})
            assert _leaks(by_token.content.decode()) == [], url


def test_the_files_a_reviewer_downloads_have_neutral_names_and_no_author(blind, client):
    application, reviewer = blind["application"], blind["reviewer"]
    client.force_login(reviewer)
    deck = client.get(f"/programmes/review/applications/{application.pk}/pitch-deck/")
    art = client.get(
        f"/programmes/review/applications/{application.pk}/answers/{blind['question'].pk}/file/"
    )
    for response in (deck, art):
        assert response.status_code == 200
        assert _leaks(response["Content-Disposition"]) == []
    deck_bytes = b"".join(deck.streaming_content)
    assert is_pdf(BytesIO(deck_bytes))  # blanked in place: still a whole, valid PDF
    assert _leaks(deck_bytes.decode("latin-1")) == []
    assert b"5A617261667368616E" not in deck_bytes  # the title, hex-encoded
    art_bytes = b"".join(art.streaming_content)
    with Image.open(BytesIO(art_bytes)) as image:
        assert not image.getexif()
    assert _leaks(art_bytes.decode("latin-1")) == []


def test_the_e_mails_a_reviewer_gets_do_not_name_the_applicant(blind):
    to_reviewer = [m for m in mail.outbox if blind["reviewer"].email in m.to]
    # The invitation and the reminder before the deadline.
    assert len(to_reviewer) >= 2
    for message in to_reviewer:
        bodies = [message.subject, message.body] + [
            content for content, _type in getattr(message, "alternatives", [])
        ]
        for text in bodies:
            assert _leaks(text) == [], message.subject
