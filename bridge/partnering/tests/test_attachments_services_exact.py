"""Listing attachment services, to the exact value a person sees: the name a downloaded file
opens by (its extension follows the bytes, at most 150 characters), which statuses still take
files, the five-file limit on both sides, the message at the "attachment" field for each
refusal (and that nothing is saved), who may add or remove, the stored size of a stripped image,
the stored file going only after the commit, and the audit rows. Written for issue 18."""

from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import trail
from bridge.core.tests.files import has_metadata, jpeg_with_gps, pdf_bytes
from bridge.partnering.models import Attachment
from bridge.partnering.services import attachments as services
from bridge.partnering.services.attachments import shown_name
from bridge.partnering.tests.factories import ListingFactory, member_of
from bridge.partnering.vocabulary import EDITABLE_STATUSES, Status

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NO_CHANGE = "This listing can no longer be changed."
AT_MOST = "At most 5 files per listing."
NOT_A_FILE = "Attach a PDF, PNG or JPEG file. This file is not one of them, or it is damaged."
TOO_LARGE = "The file is larger than 10.0\xa0MB; please choose a smaller file."


def pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), "application/pdf")


def png_bytes() -> bytes:
    out = BytesIO()
    image = Image.new("RGBA", (40, 30), (200, 10, 10, 255))
    image.save(out, format="PNG", pnginfo=_png_text())
    return out.getvalue()


def _png_text():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Jane Secret")
    return info


def errors(caught) -> dict:
    return caught.value.message_dict


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def writer(org):
    return member_of(org)


@pytest.fixture
def draft(org):
    return ListingFactory(organisation=org, status=Status.DRAFT)


# --- shown_name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uploaded", "kind", "shown"),
    [
        ("offer.pdf", "pdf", "offer.pdf"),
        ("OFFER.PDF", "pdf", "OFFER.PDF"),
        ("offer.html", "pdf", "offer.pdf"),
        ("offer", "pdf", "offer.pdf"),
        ("offer.tar.gz", "pdf", "offer.tar.pdf"),
        (".hidden", "pdf", ".hidden.pdf"),
        ("photo.jpg", "jpeg", "photo.jpg"),
        ("photo.JPEG", "jpeg", "photo.JPEG"),
        ("photo.png", "jpeg", "photo.jpg"),
        ("photo.jpg", "png", "photo.png"),
        ("C:\\Users\\jane\\scan.pdf", "pdf", "scan.pdf"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("  spaced name.pdf  ", "pdf", "spaced name.pdf"),
        ("", "png", "file.png"),
        (None, "jpeg", "file.jpg"),
        ("folder/ ", "pdf", "file.pdf"),
    ],
)
def test_the_shown_name_keeps_the_uploaded_one_with_the_extension_of_the_bytes(
    uploaded, kind, shown
):
    assert shown_name(uploaded, kind) == shown


def test_a_name_of_150_characters_is_kept_and_one_longer_is_cut_to_150():
    exactly = "a" * 146 + ".pdf"
    assert shown_name(exactly, "pdf") == exactly
    cut = shown_name("a" * 147 + ".pdf", "pdf")
    assert cut == "a" * 146 + ".pdf" and len(cut) == 150
    renamed = shown_name("b" * 160 + ".html", "jpeg")
    assert renamed == "b" * 146 + ".jpg" and len(renamed) == 150


# --- attachment_add ---------------------------------------------------------------------------


def test_a_member_attaches_a_pdf_with_its_kind_name_size_bytes_and_an_audit_row(draft, writer):
    attachment = services.attachment_add(actor=writer, listing=draft, upload=pdf("offer.html"))
    stored = Attachment.objects.get()
    assert stored == attachment and stored.listing == draft
    assert (stored.kind, stored.name, stored.size) == ("pdf", "offer.pdf", len(pdf_bytes()))
    assert stored.file.name.endswith(".pdf")
    with stored.file.open("rb") as handle:
        assert handle.read() == pdf_bytes()
    assert trail(draft) == [("listing.attachment_add", writer, {"file": "offer.pdf"})]


def test_a_photo_is_stored_without_its_exif_and_with_the_stripped_size(draft, writer):
    original = jpeg_with_gps()
    upload = SimpleUploadedFile("holiday.png", original, "image/png")
    attachment = services.attachment_add(actor=writer, listing=draft, upload=upload)
    attachment.refresh_from_db()
    with attachment.file.open("rb") as handle:
        data = handle.read()
    assert (attachment.kind, attachment.name) == ("jpeg", "holiday.jpg")
    assert not has_metadata(data) and attachment.size == len(data) != len(original)
    with Image.open(BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (120, 80))
    assert trail(draft) == [("listing.attachment_add", writer, {"file": "holiday.jpg"})]


def test_a_png_stays_a_png_without_its_text_chunks(draft, writer):
    upload = SimpleUploadedFile("plan", png_bytes(), "image/png")
    attachment = services.attachment_add(actor=writer, listing=draft, upload=upload)
    with attachment.file.open("rb") as handle:
        data = handle.read()
    assert (attachment.kind, attachment.name, attachment.size) == ("png", "plan.png", len(data))
    assert b"Jane Secret" not in data
    with Image.open(BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (40, 30))


@pytest.mark.parametrize("status", sorted(EDITABLE_STATUSES))
def test_drafts_returned_and_published_listings_take_files(org, writer, status):
    listing = ListingFactory(organisation=org, status=status)
    services.attachment_add(actor=writer, listing=listing, upload=pdf())
    assert list(listing.attachments.values_list("name", flat=True)) == ["plan.pdf"]


@pytest.mark.parametrize("status", sorted(set(Status.values) - set(EDITABLE_STATUSES)))
def test_a_listing_no_longer_editable_takes_no_file(org, writer, status):
    listing = ListingFactory(organisation=org, status=status)
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=writer, listing=listing, upload=pdf())
    assert errors(caught) == {"attachment": [NO_CHANGE]}
    assert not Attachment.objects.exists() and not AuditEntry.objects.exists()


def test_the_fifth_file_is_taken_and_the_sixth_refused(draft, writer):
    for number in range(4):
        services.attachment_add(actor=writer, listing=draft, upload=pdf(f"p{number}.pdf"))
    services.attachment_add(actor=writer, listing=draft, upload=pdf("fifth.pdf"))
    assert draft.attachments.count() == 5
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=writer, listing=draft, upload=pdf("sixth.pdf"))
    assert errors(caught) == {"attachment": [AT_MOST]}
    assert draft.attachments.count() == 5
    assert [row[2]["file"] for row in trail(draft)] == [
        "p0.pdf",
        "p1.pdf",
        "p2.pdf",
        "p3.pdf",
        "fifth.pdf",
    ]


def test_another_listings_files_do_not_count_towards_the_limit(org, draft, writer):
    other = ListingFactory(organisation=org, status=Status.DRAFT)
    for number in range(5):
        services.attachment_add(actor=writer, listing=other, upload=pdf(f"p{number}.pdf"))
    services.attachment_add(actor=writer, listing=draft, upload=pdf())
    assert draft.attachments.count() == 1


def test_a_file_that_is_none_of_the_kinds_is_refused_at_the_field(draft, writer):
    upload = SimpleUploadedFile("offer.pdf", b"<html>not a pdf</html>", "application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=writer, listing=draft, upload=upload)
    assert errors(caught) == {"attachment": [NOT_A_FILE]}
    assert not Attachment.objects.exists() and not AuditEntry.objects.exists()


def test_a_file_over_ten_megabytes_is_refused_at_the_field(draft, writer):
    upload = SimpleUploadedFile("big.pdf", b"x" * (10 * 1024 * 1024 + 1), "application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=writer, listing=draft, upload=upload)
    assert errors(caught) == {"attachment": [TOO_LARGE]}
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "other member", "anonymous"])
def test_only_the_listings_organisation_attaches_files(draft, who):
    actor = {
        "stranger": UserFactory(),
        "other member": member_of(OrganisationFactory()),
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.attachment_add(actor=actor, listing=draft, upload=pdf())
    assert not Attachment.objects.exists() and not AuditEntry.objects.exists()


def test_refusals_come_in_order_permission_then_status_then_limit_then_content(org, writer):
    waiting = ListingFactory(organisation=org, status=Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.attachment_add(actor=UserFactory(), listing=waiting, upload=pdf())
    full = ListingFactory(organisation=org, status=Status.DRAFT)
    for number in range(5):
        services.attachment_add(actor=writer, listing=full, upload=pdf(f"p{number}.pdf"))
    full.status = Status.PENDING
    full.save()
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=writer, listing=full, upload=pdf())
    assert errors(caught) == {"attachment": [NO_CHANGE]}
    full.status = Status.DRAFT
    full.save()
    junk = SimpleUploadedFile("x.pdf", b"junk", "application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=writer, listing=full, upload=junk)
    assert errors(caught) == {"attachment": [AT_MOST]}


# --- attachment_remove ------------------------------------------------------------------------


def test_a_member_removes_a_file_and_its_bytes_go_after_the_commit(draft, writer, run_on_commit):
    kept = services.attachment_add(actor=writer, listing=draft, upload=pdf("kept.pdf"))
    gone = services.attachment_add(actor=writer, listing=draft, upload=pdf("gone.pdf"))
    stored, storage = gone.file.name, gone.file.storage
    with run_on_commit():
        services.attachment_remove(actor=writer, attachment=gone)
        assert storage.exists(stored)  # a rollback would still find its file
    assert not storage.exists(stored) and storage.exists(kept.file.name)
    assert list(draft.attachments.all()) == [kept]
    assert trail(draft)[-1] == ("listing.attachment_remove", writer, {"file": "gone.pdf"})
    assert len(trail(draft)) == 3


@pytest.mark.parametrize("who", ["stranger", "other member", "anonymous"])
def test_only_the_listings_organisation_removes_files(draft, writer, who, run_on_commit):
    attachment = services.attachment_add(actor=writer, listing=draft, upload=pdf())
    actor = {
        "stranger": UserFactory(),
        "other member": member_of(OrganisationFactory()),
        "anonymous": AnonymousUser(),
    }[who]
    with run_on_commit(), pytest.raises(PermissionDenied):
        services.attachment_remove(actor=actor, attachment=attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert attachment.file.storage.exists(attachment.file.name)
    assert [row[0] for row in trail(draft)] == ["listing.attachment_add"]
