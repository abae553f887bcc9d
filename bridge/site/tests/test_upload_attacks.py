"""Hostile uploads at every upload entry point (issue 16, item 6: "upload attacks tried").

Each entry point takes each attack as the person allowed to upload there would send it, through
the API (multipart, as an integrator or the browser sends it) or the form that is the only way in
(an organisation's logo). Each attack must end one of two ways, written in EXPECTED below:
- refused at the field: 422 (or the form's error) at that field, with a message meant for the
  person, translated; no 500, and nothing of it kept (no row, no file in storage);
- kept safely: pictures re-encoded (no EXIF/GPS, nothing appended survives), a stored name that
  is ours (no path, no NUL, no double extension), and documents served only as downloads
  (Content-Disposition: attachment, nosniff).
"""

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.tests.files import SVG, has_metadata, jpeg_with_gps, pdf_bytes
from bridge.knowledge.models import ThemePage
from bridge.knowledge.tests.factories import EntryFactory, PracticeFactory, bearer
from bridge.materials.models import MaterialImport
from bridge.materials.tests.factories import csv_bytes, good_row
from bridge.materials.tests.factories_samples import published_material
from bridge.partnering.tests.factories import ListingFactory
from bridge.programs.models import QuestionKind
from bridge.programs.tests.factories import ApplicationFactory, QuestionFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MB = 1024 * 1024


# ---- the attacks --------------------------------------------------------------------------------
def _png(size=(64, 48), noise=True) -> bytes:
    image = Image.effect_noise(size, 60).convert("RGB") if noise else Image.new("RGB", size)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _photo_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


def _gif_js_polyglot() -> bytes:
    """A GIF that is also JavaScript: its width bytes are "/*", a comment that the payload after
    the image closes (GIFAR-style)."""
    width = struct.unpack("<H", b"/*")[0]
    out = io.BytesIO()
    Image.new("P", (width, 1)).save(out, format="GIF")
    return out.getvalue() + b"*/=alert(4711);//"


def _bomb() -> bytes:
    """12,000 x 12,000 pixels (144 million) in ~20 kB: over Pillow's own warning threshold and
    every limit of ours, small enough to pass every size check."""
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _zip_bomb_xlsx() -> bytes:
    """A workbook whose sheet inflates 64 MB of zeros out of ~64 kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * MB))
    return out.getvalue()


def _pdf_open_action() -> bytes:
    """A structurally valid PDF that runs JavaScript when a reader opens it."""
    plain = pdf_bytes(padding=80)
    action = b"% /OpenAction << /S /JavaScript /JS (app.alert(4711)) >>"
    return plain.replace(b"% " + b"x" * 80, action + b" " * (82 - len(action)))


_CACHE: dict = {}


def _cached(key, make):
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    content_type: str


def attack(name: str, entry: "Entry") -> Upload:
    valid = entry.valid()
    ext = Path(valid.name).suffix
    png = _cached("png", _png)
    if name == "svg-script":
        return Upload("logo.svg", SVG, "image/svg+xml")
    if name == "html-as-png":
        page = b"<!DOCTYPE html><html><body><script>alert(4711)</script></body></html>"
        return Upload("photo.png", page, "image/png")
    if name == "gif-js-polyglot":
        return Upload("photo.png", _cached("gif", _gif_js_polyglot), "image/png")
    if name == "truncated-png":
        return Upload("photo.png", png[: len(png) * 2 // 3], "image/png")
    if name == "truncated-jpeg":
        jpeg = _cached("photo", lambda: _photo_jpeg())
        return Upload("photo.jpg", jpeg[: len(jpeg) * 2 // 3], "image/jpeg")
    if name == "forged-type":  # a JPEG that says it is a PNG
        return Upload("photo.png", _cached("jpeg", lambda: jpeg_with_gps()), "image/png")
    if name == "decompression-bomb":
        return Upload("photo.png", _cached("bomb", _bomb), "image/png")
    if name == "exif-gps-jpeg":
        return Upload("photo.jpg", _cached("jpeg", lambda: jpeg_with_gps()), "image/jpeg")
    if name == "oversized":
        padding = b"\n" if ext == ".csv" else b"\0"
        content = valid.content + padding * (entry.limit + 1 - len(valid.content))
        return Upload(valid.name, content, valid.content_type)
    if name == "path-traversal":
        return Upload(f"../../../etc/x{ext}", valid.content, valid.content_type)
    if name == "nul-in-name":
        return Upload(f"x\x00.php{ext}", valid.content, valid.content_type)
    if name == "double-extension":
        return Upload(f"x.php{ext}", valid.content, valid.content_type)
    if name == "empty":
        return Upload(valid.name, b"", valid.content_type)
    if name == "xlsx-zip-bomb":
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Upload("rows.xlsx", _cached("xlsx", _zip_bomb_xlsx), xlsx)
    if name == "pdf-openaction-js":
        return Upload("deck.pdf", _cached("pdf", _pdf_open_action), "application/pdf")
    raise AssertionError(name)


ATTACKS = [
    "svg-script",
    "html-as-png",
    "gif-js-polyglot",
    "truncated-png",
    "truncated-jpeg",
    "forged-type",
    "decompression-bomb",
    "exif-gps-jpeg",
    "oversized",
    "path-traversal",
    "nul-in-name",
    "double-extension",
    "empty",
    "xlsx-zip-bomb",
    "pdf-openaction-js",
]


# ---- the entry points -----------------------------------------------------------------------
@dataclass
class Target:
    send: object  # (Upload, language) -> (status, {field: [messages]})
    kept: object  # () -> [(stored name, bytes)]
    download: object = None  # () -> the response that hands the kept file out, if a view does


@dataclass
class Entry:
    name: str
    field: str
    valid: object  # () -> Upload
    limit: int
    target: object  # () -> Target
    refusals: dict  # reason -> the message, in English
    kept: frozenset  # the attacks it keeps (safely); it refuses the others


def _png_upload() -> Upload:
    return Upload("photo.png", _cached("png", _png), "image/png")


def _pdf_upload() -> Upload:
    return Upload("deck.pdf", pdf_bytes(), "application/pdf")


IMPORT_SUPPLIER = "upload-supplier"


def _csv_upload() -> Upload:
    return Upload("rows.csv", csv_bytes([good_row(IMPORT_SUPPLIER)]), "text/csv")


def _file(upload: Upload) -> SimpleUploadedFile:
    return SimpleUploadedFile(upload.name, upload.content, content_type=upload.content_type)


def _errors(body: dict) -> dict:
    """{field: [message]} from the API's two refusal shapes."""
    found: dict = {}
    errors = body.get("errors")
    if isinstance(errors, dict):
        return errors
    for item in errors or []:
        found.setdefault(item["field"], []).append(item["message"])
    return found


def _api(client, url, field, extra=None):
    def send(upload: Upload, language: str):
        response = client.post(
            url, {field: _file(upload), **(extra or {})}, HTTP_ACCEPT_LANGUAGE=language
        )
        return response.status_code, _errors(response.json())

    return send


def _read(field):
    with field.open("rb") as handle:
        return field.name, handle.read()


def _owner_of(organisation):
    person = UserFactory()
    Membership.objects.create(organisation=organisation, user=person, role=Role.OWNER)
    return person


def _signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def logo_target() -> Target:
    """The organisation's edit page: the logo has no API (it is uploaded on the page)."""
    organisation = OrganisationFactory()
    client = _signed_in(_owner_of(organisation))
    data = {
        "name": organisation.name,
        "country": organisation.country,
        "legal_form": organisation.legal_form,
        "registration_number": organisation.registration_number,
        "description_en": "Studio.",
    }
    url = f"/organisations/{organisation.slug}/edit/"

    def send(upload, language):
        response = client.post(url, {**data, "logo": _file(upload)}, HTTP_ACCEPT_LANGUAGE=language)
        if response.status_code == 302:
            return 200, {}
        assert response.status_code == 200  # the page again, with the form's errors
        errors = response.context["form"].errors
        return 422, {name: list(messages) for name, messages in errors.items()}

    def kept():
        organisation.refresh_from_db()
        return [_read(organisation.logo)] if organisation.logo else []

    return Target(send, kept)


def material_image_target() -> Target:
    material = published_material()
    client = Client(**bearer(_owner_of(material.supplier)))
    url = f"/api/v1/suppliers/{material.supplier.slug}/listings/{material.pk}/images"
    return Target(
        _api(client, url, "image"), lambda: [_read(i.image) for i in material.images.all()]
    )


def theme_image_target() -> Target:
    page = ThemePage.objects.create(concept_id="ikat")
    client = Client(**bearer(UserFactory(is_staff=True, groups=["moderator"])))
    return Target(
        _api(client, "/api/v1/knowledge/themes/ikat/images", "image"),
        lambda: [_read(i.image) for i in page.images.all()],
    )


def answer_file_target() -> Target:
    application = ApplicationFactory(pitch_deck=None)
    owner = _owner_of(application.organisation)
    question = QuestionFactory(call=application.call, kind=QuestionKind.FILE)
    url = f"/api/v1/programmes/applications/{application.pk}/answers/{question.pk}/file"

    def stored():
        answer = application.answers.filter(question=question).first()
        return answer.file if answer and answer.file else None

    return Target(
        _api(Client(**bearer(owner)), url, "file"),
        lambda: [_read(stored())] if stored() else [],
        lambda: _signed_in(owner).get(stored().url),
    )


def pitch_deck_target() -> Target:
    application = ApplicationFactory(pitch_deck=None)
    owner = _owner_of(application.organisation)
    url = f"/api/v1/programmes/applications/{application.pk}/pitch-deck"

    def stored():
        application.refresh_from_db()
        return application.pitch_deck or None

    return Target(
        _api(Client(**bearer(owner)), url, "pitch_deck"),
        lambda: [_read(stored())] if stored() else [],
        lambda: _signed_in(owner).get(stored().url),
    )


def listing_attachment_target() -> Target:
    listing = ListingFactory()
    owner = _owner_of(listing.organisation)
    url = f"/api/v1/partnering/listings/{listing.pk}/attachments"
    return Target(
        _api(Client(**bearer(owner)), url, "attachment"),
        lambda: [_read(a.file) for a in listing.attachments.all()],
        lambda: _signed_in(owner).get(listing.attachments.get().file.url),
    )


def practice_attachment_target() -> Target:
    practice = PracticeFactory(original_language="en")
    entry = EntryFactory(practice=practice, language="en")
    author = UserFactory()
    Membership.objects.create(organisation=practice.organisation, user=author, role=Role.MEMBER)
    url = f"/api/v1/knowledge/entries/{practice.slug}/versions/en/attachments"

    def download():
        attachment = entry.attachments.get()
        path = reverse("knowledge:attachment", args=[practice.slug, attachment.pk, attachment.name])
        return _signed_in(author).get(path)

    return Target(
        _api(Client(**bearer(author)), url, "file"),
        lambda: [_read(a.file) for a in entry.attachments.all()],
        download,
    )


def material_import_target() -> Target:
    supplier = OrganisationFactory(country="UZ", slug=IMPORT_SUPPLIER, name="Upload Supplier")
    client = Client(**bearer(_owner_of(supplier)))

    def send(upload, language):
        response = client.post(
            "/api/v1/material-imports",
            {"file": _file(upload), "supplier": supplier.slug},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        body = response.json()
        if response.status_code == 201 and body["outcome"]["code"] == "refused":
            # The dry run's report: refused, with its errors (nothing is written by a dry run).
            return 422, {"file": [error["message"] for error in body["errors"]]}
        return response.status_code, _errors(body)

    def kept():
        checked = MaterialImport.objects.filter(supplier=supplier).exclude(outcome="refused")
        return [(report.filename, b"") for report in checked]

    return Target(send, kept)


IMAGE_TYPE = "Upload a PNG, JPEG or WebP image. This file is not one of them, or it is damaged."
ANY_SIZE = "The file is larger than {limit}; please choose a smaller file."
IMAGES_KEPT = frozenset(
    {"forged-type", "exif-gps-jpeg", "path-traversal", "nul-in-name", "double-extension"}
)
NAMES = frozenset({"path-traversal", "nul-in-name", "double-extension"})
MISSING_COLUMNS = "This required column is missing."
ENTRIES = [
    Entry(
        "organisation logo",
        "logo",
        _png_upload,
        2 * MB,
        logo_target,
        {
            "type": IMAGE_TYPE,
            "size": "The image is larger than 2.0\xa0MB; please choose a smaller file.",
            "empty": "The submitted file is empty.",
        },
        IMAGES_KEPT,
    ),
    Entry(
        "material photo",
        "image",
        _png_upload,
        10 * MB,
        material_image_target,
        {
            "type": IMAGE_TYPE,
            "size": "The photo is 10.0\xa0MB; the limit is 10.0\xa0MB.",
            "empty": IMAGE_TYPE,
        },
        IMAGES_KEPT,
    ),
    Entry(
        "heritage theme image",
        "image",
        _png_upload,
        8 * MB,
        theme_image_target,
        {
            "type": IMAGE_TYPE,
            "size": "The image is larger than 8.0\xa0MB; please choose a smaller file.",
            "empty": IMAGE_TYPE,
        },
        IMAGES_KEPT,
    ),
    Entry(
        "application file answer",
        "file",
        _png_upload,
        20 * MB,
        answer_file_target,
        {
            "type": "Upload a PDF, PNG, JPEG or ZIP file. This file is not one of them, or it "
            "is damaged.",
            "size": ANY_SIZE.format(limit="20.0\xa0MB"),
        },
        IMAGES_KEPT | {"pdf-openaction-js"},
    ),
    Entry(
        "pitch deck",
        "pitch_deck",
        _pdf_upload,
        20 * MB,
        pitch_deck_target,
        {
            "type": "This file is not a PDF document, or it is damaged. Please upload a PDF.",
            "size": ANY_SIZE.format(limit="20.0\xa0MB"),
        },
        NAMES | {"pdf-openaction-js"},
    ),
    Entry(
        "listing attachment",
        "attachment",
        _png_upload,
        10 * MB,
        listing_attachment_target,
        {
            "type": "Attach a PDF, PNG or JPEG file. This file is not one of them, or it is "
            "damaged.",
            "size": ANY_SIZE.format(limit="10.0\xa0MB"),
        },
        IMAGES_KEPT | {"pdf-openaction-js"},
    ),
    Entry(
        "practice attachment",
        "file",
        _png_upload,
        10 * MB,
        practice_attachment_target,
        {
            "type": "Attach a PDF, a Word, Excel or PowerPoint document (or their OpenDocument "
            "kin), a PNG, JPEG or WebP image, or a CSV or text file. This file is none of them, "
            "its name does not match what it contains, or it is damaged.",
            "size": ANY_SIZE.format(limit="10.0\xa0MB"),
            "empty": "The file is empty.",
        },
        # a JPEG named .png is refused here: the name must say what the file is
        (IMAGES_KEPT - {"forged-type"}) | {"pdf-openaction-js"},
    ),
    Entry(
        "materials import",
        "file",
        _csv_upload,
        50 * MB,
        material_import_target,
        {
            "type": "This is not a CSV or XLSX file (it holds binary data).",
            "text": MISSING_COLUMNS,
            "size": "The file is 50.0\xa0MB; the limit is 50.0\xa0MB. Split it into smaller files.",
            "empty": "The submitted file is empty.",
            "zip": "This workbook would unpack to far more data than it holds (a “zip bomb”); "
            "it was not opened.",
        },
        NAMES,
    ),
]


def _reason(entry: Entry, attack_name: str) -> str:
    if attack_name == "oversized":
        return "size"
    if attack_name == "empty" and "empty" in entry.refusals:
        return "empty"
    if entry.name == "materials import":
        if attack_name in ("svg-script", "html-as-png", "pdf-openaction-js"):
            return "text"  # read as a CSV that lacks the contract's columns
        if attack_name == "xlsx-zip-bomb":
            return "zip"
    return "type"


_CYRILLIC = re.compile("[а-яА-ЯёЁ]")
_OUR_NAME = re.compile(r"[a-z]+(/[a-z0-9-]+)*/[0-9a-f]{16,32}\.(webp|png|jpg|pdf)")
FIGURES: dict = {"cases": 0, "refused": 0, "kept": 0}


@pytest.mark.parametrize("attack_name", ATTACKS)
@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_each_attack_is_refused_at_the_field_or_kept_safely(entry, attack_name):
    target = entry.target()
    upload = attack(attack_name, entry)
    status, errors = target.send(upload, "en")
    if attack_name not in entry.kept:
        assert status == 422
        expected = entry.refusals[_reason(entry, attack_name)]
        assert errors == {entry.field: [expected] * len(errors[entry.field])}
        # The same refusal in Russian: a translated message, not the English one.
        status_ru, errors_ru = target.send(upload, "ru")
        assert status_ru == 422 and list(errors_ru) == [entry.field]
        assert _CYRILLIC.search(errors_ru[entry.field][0]), errors_ru
        assert target.kept() == []  # nothing half-saved
        FIGURES["refused"] += 1
    else:
        assert status in (200, 201), errors
        kept = target.kept()
        assert len(kept) == 1
        name, content = kept[0]
        if entry.name == "materials import":
            # a dry run keeps the rows' report under the name, which never names a path
            assert name == {"path-traversal": "x.csv", "nul-in-name": "x.php.csv"}.get(
                attack_name, "x.php.csv"
            )
        else:
            assert _OUR_NAME.fullmatch(name), name  # ours: no path, no NUL, one extension
        if content[:4] == b"%PDF":
            _assert_served_as_a_document(entry, target.download())
        elif entry.name != "materials import":
            _assert_a_clean_picture(entry, attack_name, content)
        FIGURES["kept"] += 1
    FIGURES["cases"] += 1


def _assert_a_clean_picture(entry, attack_name, content):
    with Image.open(io.BytesIO(content)) as image:
        image.load()
        if entry.field in ("logo", "image"):  # re-encoded, at most the entry's size
            assert image.format == "WEBP"
    assert not has_metadata(content)  # no EXIF, GPS position or author
    if attack_name == "forged-type" and entry.field not in ("logo", "image"):
        assert content[:3] == b"\xff\xd8\xff"  # the JPEG that said it was a PNG is kept as one


def _assert_served_as_a_document(entry, response):
    """A PDF (the one whose /OpenAction runs JavaScript too) is never a page of this site: the
    programme and partnering files are downloads; the practice library shows PDFs in the
    browser's own viewer (whose PDF scripts run apart from any page's origin), under a policy
    that loads nothing and without `sandbox`, under which Chromium and Safari show nothing."""
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    if entry.name == "practice attachment":
        assert response["Content-Disposition"].startswith("inline")
        assert response["Content-Security-Policy"] == (
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
        )
    else:
        assert response["Content-Disposition"].startswith("attachment; filename=")


@pytest.fixture(scope="module", autouse=True)
def _figures():
    yield
    if FIGURES["cases"]:
        print(
            f"\nUploads: {len(ENTRIES)} entry points x {len(ATTACKS)} attacks; {FIGURES['cases']} "
            f"cases passed: {FIGURES['refused']} refused at the field, {FIGURES['kept']} kept safely"
        )


def test_the_attacks_are_what_they_claim():
    """The payloads are real: the bomb claims 144 million pixels in a few kB, the polyglot is a
    GIF whose header opens a JavaScript comment, the workbook inflates a thousandfold."""
    bomb = _cached("bomb", _bomb)
    with pytest.warns(Image.DecompressionBombWarning), Image.open(io.BytesIO(bomb)) as image:
        assert image.size == (12_000, 12_000)
    assert len(bomb) < 100_000
    polyglot = _cached("gif", _gif_js_polyglot)
    assert polyglot.startswith(b"GIF87a/*") and polyglot.endswith(b"*/=alert(4711);//")
    with zipfile.ZipFile(io.BytesIO(_cached("xlsx", _zip_bomb_xlsx))) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
        assert sheet.file_size / sheet.compress_size > 200
    assert b"/OpenAction << /S /JavaScript" in _cached("pdf", _pdf_open_action)
