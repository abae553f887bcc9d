"""Demo logos drawn by code: a coloured square with initials. Same input, same bytes."""

import hashlib
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

SIZE = 256
# Muted colours that keep white initials readable.
PALETTE = [
    (31, 78, 121),
    (142, 68, 173),
    (22, 160, 133),
    (192, 57, 43),
    (211, 84, 0),
    (39, 174, 96),
    (44, 62, 80),
    (127, 140, 141),
    (155, 89, 182),
    (41, 128, 185),
]


def initials(words: str) -> str:
    parts = [part for part in words.replace("-", " ").split() if part[:1].isalnum()]
    return "".join(part[0] for part in parts[:2]).upper() or "?"


def logo_png(*, key: str, text: str) -> bytes:
    digest = hashlib.sha256(key.encode()).digest()
    colour = PALETTE[digest[0] % len(PALETTE)]
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=110)
    except TypeError:  # Pillow built without FreeType has only the small bitmap font.
        font = ImageFont.load_default()
    draw.text((SIZE / 2, SIZE / 2), text, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
