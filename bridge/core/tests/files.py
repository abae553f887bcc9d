"""Files for tests of uploads: a small PDF that passes the structural check, and a photo that
tells where it was taken."""

from io import BytesIO

from PIL import Image

# Red Square, as a phone would write it into a photo's EXIF.
GPS = {1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)}


def jpeg_with_gps(size=(120, 80)) -> bytes:
    """A JPEG whose EXIF holds a GPS position, the camera and the author."""
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x013B] = "Jane Secret"  # Artist
    exif[0x8825] = GPS  # GPSInfo
    out = BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def has_metadata(data: bytes) -> bool:
    """Whether a stored image still carries any EXIF, a GPS position or the author's name."""
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        return bool(exif) or bool(exif.get_ifd(0x8825)) or b"Jane Secret" in data


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def pdf_bytes(pages: int = 1, padding: int = 0) -> bytes:
    """A small, structurally valid PDF (header, objects, xref table, trailer, %%EOF)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    if padding:
        out += b"% " + b"x" * padding + b"\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


__all__ = ["GPS", "SVG", "has_metadata", "jpeg_with_gps", "pdf_bytes"]
