"""Demo photos drawn by code (no downloads): one swatch style per kind of material.

Every picture is seeded by (supplier, sku, view), so the same material always gets the same bytes,
and drawn in the listing's own colours where its `colours` column names ones we know. Pure Pillow:
noise comes from `random.Random(seed).randbytes`, never from Pillow's unseeded noise effect.
`add_demo_photos` stores them through services.material_image_add, so they are validated,
re-encoded and thumbnailed exactly like an upload.
"""

import hashlib
import io
import math
import os
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

SIZE = 800
RGB = tuple[int, int, int]

# Colour words as the demo suppliers write them (Uzbek Latin and Cyrillic, Russian, English).
COLOURS: dict[str, RGB] = {}
for _words, _rgb in [
    ("qizil қизил красный red", (170, 32, 38)),
    ("sariq сариқ жёлтый yellow", (228, 178, 42)),
    ("oq оқ белый white", (243, 239, 230)),
    ("koʻk кўк синий blue", (38, 66, 150)),
    ("moviy мовий голубой", (52, 116, 188)),
    ("feruza феруза бирюзовый turquoise", (36, 160, 170)),
    ("yashil яшил зелёный green", (48, 118, 72)),
    ("oltin олтин золотой gold", (196, 152, 58)),
    ("jigarrang жигарранг коричневый brown", (112, 70, 40)),
    ("indigo индиго", (36, 44, 98)),
    ("binafsha бинафша фиолетовый purple", (96, 48, 118)),
    ("krem крем кремовый cream", (238, 226, 198)),
    ("tabiiy табиий натуральный natural pfd", (214, 194, 158)),
    ("qora қора чёрный black", (30, 28, 28)),
    ("pushti пушти розовый pink", (214, 118, 138)),
    ("xaki хаки khaki", (146, 136, 88)),
    ("kulrang кулранг серый grey gray", (138, 138, 136)),
    ("qum_rang sand песочный", (204, 184, 146)),
    ("коньяк cognac", (138, 72, 30)),
    ("бежевый beige", (214, 194, 164)),
    ("бордо bordo burgundy", (108, 22, 40)),
    ("navy", (26, 36, 78)),
    ("шафтоли shaftoli peach", (238, 168, 128)),
    ("экрю ecru", (238, 230, 208)),
    ("льняной", (204, 188, 156)),
    ("heather", (156, 156, 162)),
    ("ёнғоқ yongʻoq walnut", (98, 66, 42)),
    ("суровый", (222, 212, 188)),
    ("melanj", (150, 150, 150)),
]:
    for _word in _words.split():
        COLOURS[_word.replace("_", " ")] = _rgb

DARK_PREFIXES = ("toʻq ", "тўқ ", "тёмно-", "dark ")


# Default colourways by style, for listings with no known colour ("12 rang", "по рисунку…").
DEFAULTS: dict[str, list[RGB]] = {
    "ikat": [(170, 32, 38), (228, 178, 42), (243, 239, 230), (38, 66, 150)],
    "silk": [(150, 40, 70), (228, 178, 42), (48, 118, 72)],
    "tiles": [(38, 66, 150), (36, 160, 170)],
    "plate": [(38, 66, 150), (36, 160, 170)],
    "clay": [(160, 78, 52)],
    "suzani": [(170, 32, 38), (48, 118, 72), (228, 178, 42)],
    "zardozi": [(26, 36, 78), (196, 152, 58)],
    "leather": [(138, 72, 30)],
    "karakul": [(30, 28, 28)],
    "paper": [(238, 228, 204)],
    "wood": [(150, 104, 62)],
    "carved": [(150, 104, 62)],
    "chips": [(170, 32, 38), (228, 178, 42), (38, 66, 150), (112, 70, 40), (146, 136, 88), (214, 118, 138)],
    "weave": [(236, 232, 222)],
    "knit": [(138, 138, 136)],
    "felt": [(204, 184, 146)],
    "rug": [(170, 32, 38), (26, 36, 78), (243, 239, 230)],
    "carpet": [(150, 30, 35), (26, 36, 78), (243, 239, 230), (228, 178, 42)],
    "lace": [(243, 239, 230)],
    "fibres": [(236, 230, 214)],
}  # fmt: skip

STYLE_BY_CATEGORY = {
    "ikat": "ikat", "silk": "silk", "tiles": "tiles", "tableware": "plate", "ceramics": "clay",
    "embroidery": "suzani", "embroidery-trims": "suzani", "gold-embroidery": "zardozi",
    "leather": "leather", "karakul": "karakul", "leather-fur": "leather",
    "handmade-paper": "paper", "paper": "paper", "carved-wood": "carved", "wood": "wood",
    "natural-dyes": "chips", "knitted": "knit", "cotton-fabrics": "weave",
    "linen-fabrics": "weave", "textiles": "weave", "felt": "felt", "carpets": "carpet",
    "lace": "lace", "yarn-fibres": "fibres",
}  # fmt: skip


def _normalise(word: str) -> str:
    return word.strip().lower().replace("'", "ʻ").replace("‘", "ʻ").replace("’", "ʻ")


def colour_of(word: str) -> RGB | None:
    """RGB for one colour word of the listing, or None when it is not a colour we know."""
    word = _normalise(word)
    if word in COLOURS:
        return COLOURS[word]
    for prefix in DARK_PREFIXES:
        if word.startswith(prefix) and (base := colour_of(word[len(prefix) :])):
            return _mix(base, (0, 0, 0), 0.45)
    last = word.split()[-1] if word.split() else ""
    return COLOURS.get(last)


def palette(colours: list[str], style: str) -> list[RGB]:
    found = [rgb for rgb in map(colour_of, colours) if rgb is not None]
    return found or list(DEFAULTS.get(style, DEFAULTS["weave"]))


def style_for(category_code: str, root_code: str, colours: list[RGB], text: str) -> str:
    text = text.lower()
    style = STYLE_BY_CATEGORY.get(category_code) or STYLE_BY_CATEGORY.get(root_code, "weave")
    if style == "clay" and any(_is_blueish(c) for c in colours):
        style = "plate"
    if style == "felt" and len(colours) >= 3:
        style = "rug"
    if style == "weave" and any(w in text for w in ("denim", "деним")):
        style = "denim"
    if style == "weave" and any(w in text for w in ("полоск", "stripe", "yoʻl-yoʻl")):
        style = "stripes"
    return style


def _is_blueish(rgb: RGB) -> bool:
    r, _g, b = rgb
    return b > r + 40 and b > 100


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _luma(rgb: RGB) -> float:
    return 0.3 * rgb[0] + 0.59 * rgb[1] + 0.11 * rgb[2]


# ---- texture helpers ------------------------------------------------------------------------


def _noise(rng: random.Random, cells: tuple[int, int], size: int = SIZE) -> Image.Image:
    """Smooth value noise: random cells scaled up bicubically (an L image around mid-grey)."""
    w, h = cells
    small = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    return small.resize((size, size), Image.Resampling.BICUBIC)


def _grain(rng: random.Random, blur: float = 0.7, size: int = SIZE) -> Image.Image:
    fine = Image.frombytes("L", (size, size), rng.randbytes(size * size))
    return fine.filter(ImageFilter.GaussianBlur(blur)) if blur else fine


def _shade(img: Image.Image, texture: Image.Image, strength: float) -> Image.Image:
    """Light and darken `img` by an L texture (128 = unchanged) with the given strength."""
    texture = texture.point(lambda v: round(128 + (v - 128) * strength))
    return ImageChops.overlay(img, Image.merge("RGB", (texture, texture, texture)))


def _tint(texture: Image.Image, dark: RGB, light: RGB) -> Image.Image:
    return ImageOps.colorize(ImageOps.autocontrast(texture, cutoff=1), dark, light)


def _photo_light(img: Image.Image, rng: random.Random) -> Image.Image:
    """A soft light from one side and a faint vignette, as on a photographed swatch."""
    size = img.size[0]
    across = Image.linear_gradient("L").resize((size, size))
    light = Image.blend(across, across.transpose(Image.Transpose.ROTATE_90), rng.uniform(0.2, 0.8))
    if rng.random() < 0.5:
        light = light.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    light = light.point(lambda v: 146 - v // 7)
    vignette = Image.radial_gradient("L").resize((size, size)).point(lambda v: 138 - v // 9)
    img = _shade(img, light, 1.0)
    return _shade(img, vignette, 1.0)


def _polygon_band(cx: float, width: Callable[[float], float], top: int, bottom: int, step: int):
    left = [(cx - width(y), y) for y in range(top, bottom, step)]
    right = [(cx + width(y), y) for y in range(bottom, top, -step)]
    return left + right


# ---- styles: each returns an RGB image SIZE × SIZE --------------------------------------------


def ikat(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    ground = pal[0]
    motif = list(pal[1:]) or [_mix(ground, (255, 255, 255), 0.7)]
    motif.append(_mix(ground, (255, 255, 255), 0.75) if _luma(ground) < 150 else (40, 30, 30))
    img = Image.new("RGB", (SIZE, SIZE), ground)
    draw = ImageDraw.Draw(img)
    column = int(rng.randint(120, 170) * scale)
    period = rng.randint(200, 300) * scale
    for n, x0 in enumerate(range(-column, SIZE + column, column)):
        cx = x0 + column / 2
        phase = (n % 2) * math.pi + rng.uniform(-0.3, 0.3)
        for level, fraction in enumerate((0.5, 0.32, 0.14)):
            colour = motif[(n + level) % len(motif)]

            def width(y, fraction=fraction, phase=phase):
                wave = 0.5 + 0.5 * math.sin(y * 2 * math.pi / period + phase)
                zig = 0.07 if (y // int(14 * scale + 1)) % 2 else 0.0
                return column * fraction * (wave + zig)

            draw.polygon(_polygon_band(cx, width, -40, SIZE + 40, 7), fill=colour)
    # Abr: the warp threads were dyed before weaving and shift a little — feathered edges.
    feathered = img.copy()
    for x in range(0, SIZE, 3):
        strip = img.crop((x, 0, x + 3, SIZE))
        feathered.paste(strip, (x, rng.randint(-9, 9)))
    img = feathered.filter(ImageFilter.GaussianBlur((0.6, 1.6)))
    weft = Image.new("L", (1, 3))
    weft.putdata([150, 128, 104])
    img = _shade(
        img, weft.resize((SIZE, SIZE // 3 * 3), Image.Resampling.NEAREST).resize((SIZE, SIZE)), 0.5
    )
    return _shade(img, _noise(rng, (6, 6)), 0.35)


def silk(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    img = Image.new("RGB", (SIZE, SIZE), pal[0])
    if len(pal) > 1:  # bekasam-style warp stripes
        draw = ImageDraw.Draw(img)
        x = 0
        while x < SIZE:
            w = int(rng.choice((10, 16, 28, 44)) * scale)
            draw.rectangle((x, 0, x + w, SIZE), fill=rng.choice(pal))
            x += w
        img = img.filter(ImageFilter.GaussianBlur(0.8))
    sheen = _noise(rng, (3, 5)).filter(ImageFilter.GaussianBlur(30))
    img = _shade(img, sheen, 0.8)
    return _shade(img, _grain(rng, 0.5), 0.25)


def _weave_texture(rng: random.Random, pitch: int, twill: bool = False) -> Image.Image:
    cells = SIZE // pitch
    warp = Image.frombytes("L", (cells, 1), rng.randbytes(cells)).point(lambda v: 110 + v // 6)
    weft = Image.frombytes("L", (1, cells), rng.randbytes(cells)).point(lambda v: 104 + v // 6)
    warp = warp.resize((SIZE, SIZE), Image.Resampling.NEAREST)
    weft = weft.resize((SIZE, SIZE), Image.Resampling.NEAREST)
    mask = Image.new("L", (cells, cells))
    mask.putdata([255 if ((i - j) % 3 < 2 if twill else (i + j) % 2) else 0
                  for j in range(cells) for i in range(cells)])  # fmt: skip
    mask = mask.resize((SIZE, SIZE), Image.Resampling.NEAREST)
    return Image.composite(warp, weft, mask).filter(ImageFilter.GaussianBlur(0.6))


def weave(rng: random.Random, pal: list[RGB], scale: float, stripes: bool = False) -> Image.Image:
    img = Image.new("RGB", (SIZE, SIZE), pal[0])
    if len(pal) == 1 and stripes:
        pal = [pal[0], COLOURS["navy"]]
    if len(pal) > 1:  # yarn-dyed stripes (ticking, table linen)
        draw = ImageDraw.Draw(img)
        step = int(rng.choice((24, 36, 60)) * scale)
        for x in range(0, SIZE, step * 2):
            draw.rectangle((x, 0, x + step // 3, SIZE), fill=pal[1])
    img = _shade(img, _weave_texture(rng, max(3, int(5 * scale))), 2.2)
    return _shade(img, _noise(rng, (5, 5)), 0.3)


def denim(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    indigo = pal[0]
    img = Image.composite(
        Image.new("RGB", (SIZE, SIZE), indigo),
        Image.new("RGB", (SIZE, SIZE), _mix(indigo, (235, 235, 230), 0.7)),
        _weave_texture(rng, max(3, int(4 * scale)), twill=True).point(
            lambda v: 255 if v > 112 else 60
        ),
    )
    return _shade(img, _noise(rng, (4, 40)), 0.8)


def knit(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0]
    img = Image.new("RGB", (SIZE, SIZE), _mix(base, (0, 0, 0), 0.25))
    draw = ImageDraw.Draw(img)
    w, h = int(20 * scale), int(22 * scale)
    light = _mix(base, (255, 255, 255), 0.12)
    for y in range(-h, SIZE + h, h):
        for x in range(0, SIZE + w, w):
            colour = _mix(light, (0, 0, 0), rng.uniform(0, 0.08))
            draw.line((x, y, x + w // 2, y + h + 2), fill=colour, width=max(3, w // 3))
            draw.line((x + w, y, x + w // 2, y + h + 2), fill=colour, width=max(3, w // 3))
    img = img.filter(ImageFilter.GaussianBlur(1))
    return _shade(img, _grain(rng, 1.2), 0.2)


def suzani(
    rng: random.Random, pal: list[RGB], scale: float, ground: RGB | None = None
) -> Image.Image:
    ground = ground or (228, 216, 188)
    img = _shade(Image.new("RGB", (SIZE, SIZE), ground), _weave_texture(rng, 4), 0.9)
    draw = ImageDraw.Draw(img)
    colours = [*pal, _mix(pal[0], (0, 0, 0), 0.35)]
    green = next((c for c in pal if c[1] > c[0] and c[1] > c[2]), (62, 110, 70))
    radius = int(rng.randint(120, 150) * scale)
    step = int(radius * 2.9)
    for row, cy in enumerate(range(radius // 2, SIZE + radius, step // 2 + radius // 2)):
        for cx in range((row % 2) * step // 2, SIZE + radius, step):
            x, y = cx + rng.randint(-20, 20), cy + rng.randint(-20, 20)
            for k in range(10):  # tendrils
                angle = k * math.pi / 5 + rng.uniform(-0.2, 0.2)
                ex, ey = x + math.cos(angle) * radius * 1.5, y + math.sin(angle) * radius * 1.5
                draw.line((x, y, ex, ey), fill=green, width=max(4, radius // 18))
                draw.ellipse((ex - radius * 0.16, ey - radius * 0.1, ex + radius * 0.16, ey + radius * 0.1), fill=green)  # fmt: skip
            for k in range(12):  # petals
                angle = k * math.pi / 6
                px, py = x + math.cos(angle) * radius * 1.02, y + math.sin(angle) * radius * 1.02
                r = radius * 0.2
                draw.ellipse((px - r, py - r, px + r, py + r), fill=colours[(k + 1) % len(colours)])
            for level, fraction in enumerate((1.0, 0.78, 0.56, 0.34, 0.14)):
                r = radius * fraction
                draw.ellipse((x - r, y - r, x + r, y + r), fill=colours[level % len(colours)])
    # Satin stitches: a fine diagonal hatch over the whole cloth.
    hatch = Image.new("L", (8, 8), 128)
    hatch_draw = ImageDraw.Draw(hatch)
    hatch_draw.line((0, 8, 8, 0), fill=170, width=2)
    hatch = hatch.resize((SIZE // 8 * 8, SIZE // 8 * 8))
    tiled = Image.new("L", (SIZE, SIZE), 128)
    for ty in range(0, SIZE, 8):
        for tx in range(0, SIZE, 8):
            tiled.paste(hatch.crop((0, 0, 8, 8)), (tx, ty))
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    img = _shade(img, tiled, 0.6)
    return _shade(img, _noise(rng, (5, 5)), 0.3)


def zardozi(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    ground = min(pal, key=_luma)
    gold = COLOURS["oltin"]
    img = suzani(
        rng,
        [gold, _mix(ground, gold, 0.25), _mix(gold, (255, 240, 200), 0.4)],
        scale * 0.8,
        ground=ground,
    )
    return img


def _radial_motif(
    draw: ImageDraw.ImageDraw, x: float, y: float, r: float, blue: RGB, turq: RGB, white: RGB
) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), outline=blue, width=max(3, int(r / 30)))
    for k in range(8):  # petals
        a = k * math.pi / 4
        tip = (x + math.cos(a) * r * 0.85, y + math.sin(a) * r * 0.85)
        left = (x + math.cos(a - 0.35) * r * 0.35, y + math.sin(a - 0.35) * r * 0.35)
        right = (x + math.cos(a + 0.35) * r * 0.35, y + math.sin(a + 0.35) * r * 0.35)
        draw.polygon([(x, y), left, tip, right], fill=turq, outline=blue, width=max(2, int(r / 40)))
    for k in range(16):  # dots between
        a = k * math.pi / 8 + math.pi / 16
        px, py = x + math.cos(a) * r * 0.72, y + math.sin(a) * r * 0.72
        d = r * 0.045
        draw.ellipse((px - d, py - d, px + d, py + d), fill=blue)
    for fraction, colour in ((0.3, blue), (0.2, white), (0.12, turq)):
        d = r * fraction
        draw.ellipse((x - d, y - d, x + d, y + d), fill=colour)


def _glaze(pal: list[RGB]) -> tuple[RGB, RGB, RGB]:
    blue = next((c for c in pal if _is_blueish(c)), COLOURS["koʻk"])
    turq = next((c for c in pal if c != blue and c[2] > c[0]), COLOURS["feruza"])
    accent = next((c for c in pal if not _is_blueish(c) and c[2] <= c[0]), None)
    return blue, (accent or turq), (242, 238, 226)


def tiles(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    blue, turq, white = _glaze(pal)
    img = Image.new("RGB", (SIZE, SIZE), (196, 190, 178))
    draw = ImageDraw.Draw(img)
    tile = int(SIZE / 2 * scale) if scale < 1 else SIZE // 2
    for ty in range(0, SIZE, tile):
        for tx in range(0, SIZE, tile):
            draw.rectangle((tx + 4, ty + 4, tx + tile - 4, ty + tile - 4), fill=white)
            _radial_motif(draw, tx + tile / 2, ty + tile / 2, tile * 0.42, blue, turq, white)
            for cx, cy in ((tx, ty), (tx + tile, ty), (tx, ty + tile), (tx + tile, ty + tile)):
                draw.pieslice((cx - tile * 0.16, cy - tile * 0.16, cx + tile * 0.16, cy + tile * 0.16), 0, 360, fill=blue)  # fmt: skip
            draw.rectangle((tx, ty, tx + tile, ty + tile), outline=(170, 164, 152), width=5)
    img = img.filter(ImageFilter.GaussianBlur(1.1))  # brush edges under the glaze
    gloss = (
        Image.radial_gradient("L")
        .resize((SIZE, SIZE))
        .transform((SIZE, SIZE), Image.Transform.AFFINE, (1, 0, -120, 0, 1, -160))
    )
    img = _shade(img, gloss.point(lambda v: 170 - v // 3 if v < 120 else 128), 1.0)
    return _shade(img, _noise(rng, (40, 40)), 0.15)


def plate(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    blue, turq, white = _glaze(pal)
    table = (172, 150, 120)
    img = _shade(Image.new("RGB", (SIZE, SIZE), table), _weave_texture(rng, 4), 1.0)
    r = SIZE * 0.44 / max(scale, 0.5) if scale < 1 else SIZE * 0.44
    cx = cy = SIZE / 2
    shadow = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(shadow).ellipse((cx - r + 18, cy - r + 26, cx + r + 18, cy + r + 26), fill=110)
    img = Image.composite(
        Image.new("RGB", (SIZE, SIZE), (40, 32, 24)),
        img,
        shadow.filter(ImageFilter.GaussianBlur(22)),
    )
    draw = ImageDraw.Draw(img)
    draw.ellipse(
        (cx - r, cy - r, cx + r, cy + r), fill=white, outline=_mix(white, (0, 0, 0), 0.2), width=3
    )
    draw.ellipse(
        (cx - r * 0.96, cy - r * 0.96, cx + r * 0.96, cy + r * 0.96),
        outline=blue,
        width=int(r * 0.05),
    )
    for k in range(24):  # rim pattern
        a = k * math.pi / 12
        px, py = cx + math.cos(a) * r * 0.84, cy + math.sin(a) * r * 0.84
        d = r * 0.06
        draw.ellipse((px - d, py - d, px + d, py + d), fill=turq if k % 2 else blue)
    _radial_motif(draw, cx, cy, r * 0.7, blue, turq, white)
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    gloss = Image.radial_gradient("L").resize((int(r), int(r)))
    highlight = Image.new("L", (SIZE, SIZE), 128)
    highlight.paste(
        gloss.point(lambda v: max(128, 200 - v)), (int(cx - r * 0.7), int(cy - r * 0.8))
    )
    return _shade(img, highlight.filter(ImageFilter.GaussianBlur(20)), 1.0)


def clay(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = _mix(pal[0], (160, 78, 52), 0.6)  # whatever the colour, it is earth
    texture = Image.blend(_noise(rng, (30, 30)), _grain(rng, 1.2), 0.4)
    return _tint(texture, _mix(base, (0, 0, 0), 0.35), _mix(base, (255, 255, 255), 0.25))


def paper(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0] if _luma(pal[0]) > 120 else _mix(pal[0], (255, 255, 255), 0.3)
    img = Image.new("RGB", (SIZE, SIZE), base)
    fibres = Image.new("L", (SIZE, SIZE), 128)
    draw = ImageDraw.Draw(fibres)
    for _ in range(int(900 / scale)):
        x, y = rng.uniform(0, SIZE), rng.uniform(0, SIZE)
        angle = rng.uniform(0, math.pi * 2)
        points = [(x, y)]
        for _ in range(rng.randint(4, 12)):
            angle += rng.uniform(-0.5, 0.5)
            x, y = x + math.cos(angle) * 6 * scale, y + math.sin(angle) * 6 * scale
            points.append((x, y))
        draw.line(points, fill=rng.choice((80, 96, 166, 180)), width=rng.choice((1, 1, 2)))
    img = _shade(img, fibres.filter(ImageFilter.GaussianBlur(0.5)), 0.9)
    clouds = Image.blend(_noise(rng, (12, 12)), _noise(rng, (50, 50)), 0.5)
    img = _shade(img, clouds, 0.35)
    return _shade(img, _grain(rng, 0.9), 0.2)


def fibres(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0]
    img = Image.new("RGB", (SIZE, SIZE), _mix(base, (0, 0, 0), 0.15))
    draw = ImageDraw.Draw(img)
    light = _mix(base, (255, 255, 255), 0.35)
    for _ in range(int(700 / scale)):  # strands of a skein, mostly one way
        x, y = rng.uniform(-100, SIZE), rng.uniform(-100, SIZE)
        angle = rng.uniform(0.5, 0.9)
        points = [(x, y)]
        for _ in range(14):
            angle += rng.uniform(-0.12, 0.12)
            x, y = x + math.cos(angle) * 18 * scale, y + math.sin(angle) * 18 * scale
            points.append((x, y))
        draw.line(
            points,
            fill=rng.choice((base, light, _mix(base, (0, 0, 0), 0.3))),
            width=rng.randint(1, 3),
        )
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    return _shade(img, _noise(rng, (8, 8)), 0.6)


def wood(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0] if _luma(pal[0]) < 190 else (150, 104, 62)
    streaks = Image.blend(
        _noise(rng, (5, int(90 / scale))), _noise(rng, (14, int(260 / scale))), 0.45
    )
    img = _tint(streaks, _mix(base, (0, 0, 0), 0.4), _mix(base, (255, 230, 190), 0.25))
    lines = Image.new("L", (SIZE, SIZE), 128)
    draw = ImageDraw.Draw(lines)
    phase, wave = rng.uniform(0, 6), rng.uniform(10, 30)
    y = -40.0
    while y < SIZE + 40:
        pts = [(x, y + math.sin(x / 140 + phase + y / 300) * wave) for x in range(0, SIZE + 20, 20)]
        draw.line(pts, fill=rng.choice((70, 88, 100)), width=rng.choice((1, 1, 2, 3)))
        y += rng.uniform(5, 16) * scale
    return _shade(img, lines.filter(ImageFilter.GaussianBlur(0.8)), 0.8)


def carved(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    img = wood(rng, pal, 1.0)
    mask = Image.new("L", (SIZE, SIZE), 0)
    draw = ImageDraw.Draw(mask)
    cell = int(200 * scale)
    for cy in range(cell // 2, SIZE + cell, cell):
        for cx in range(cell // 2, SIZE + cell, cell):  # girih: eight-pointed stars and rings
            star = []
            for k in range(16):
                a = k * math.pi / 8
                rr = cell * (0.42 if k % 2 == 0 else 0.24)
                star.append((cx + math.cos(a) * rr, cy + math.sin(a) * rr))
            draw.polygon(star, outline=255, width=max(6, cell // 20))
            draw.ellipse(
                (cx - cell * 0.1, cy - cell * 0.1, cx + cell * 0.1, cy + cell * 0.1), fill=255
            )
    dark = mask.transform(mask.size, Image.Transform.AFFINE, (1, 0, -4, 0, 1, -4))
    light = mask.transform(mask.size, Image.Transform.AFFINE, (1, 0, 3, 0, 1, 3))
    relief = Image.new("L", (SIZE, SIZE), 128)
    relief.paste(205, mask=light)
    relief.paste(40, mask=dark)
    relief.paste(150, mask=mask)
    return _shade(img, relief.filter(ImageFilter.GaussianBlur(1.3)), 0.9)


def leather(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0]
    pebble = _noise(rng, (int(130 / scale), int(130 / scale))).filter(ImageFilter.EMBOSS)
    pebble = pebble.filter(ImageFilter.GaussianBlur(1.2))
    img = _shade(Image.new("RGB", (SIZE, SIZE), base), pebble, 0.9)
    img = _shade(img, Image.blend(_noise(rng, (6, 6)), _noise(rng, (20, 20)), 0.5), 0.8)
    return img


def karakul(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0]
    dark = _mix(base, (0, 0, 0), 0.45)
    light = _mix(base, (255, 240, 220), 0.35 if _luma(base) > 60 else 0.3)
    img = Image.new("RGB", (SIZE, SIZE), dark)
    draw = ImageDraw.Draw(img)
    for _ in range(int(2600 / scale)):  # tight curls, lit from the top left
        x, y = rng.uniform(-20, SIZE), rng.uniform(-20, SIZE)
        r = rng.uniform(7, 16) * scale
        start = rng.uniform(150, 250)
        draw.arc(
            (x - r, y - r, x + r, y + r), start, start + rng.uniform(120, 220), fill=light, width=3
        )
        draw.arc(
            (x - r + 2, y - r + 2, x + r + 2, y + r + 2),
            start + 180,
            start + 300,
            fill=dark,
            width=3,
        )
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    return _shade(img, _noise(rng, (10, 10)), 0.7)


def felt(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    base = pal[0]
    texture = Image.blend(_noise(rng, (16, 16)), _grain(rng, 1.4), 0.5)
    return _shade(Image.new("RGB", (SIZE, SIZE), base), texture, 1.0)


def rug(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    ground = max(pal, key=_luma)
    img = Image.new("RGB", (SIZE, SIZE), ground)
    draw = ImageDraw.Draw(img)
    cell = int(260 * scale)
    others = [c for c in pal if c != ground] or [(30, 28, 28)]
    for n, cy in enumerate(range(cell // 2, SIZE + cell, cell)):
        for m, cx in enumerate(range(cell // 2, SIZE + cell, cell)):
            colour = others[(n + m) % len(others)]
            for side in (-1, 1):  # ram's horns (qoʻchqor shoxi)
                for k, w in ((0, cell * 0.34), (1, cell * 0.2)):
                    box = (cx + side * cell * 0.18 - w, cy - w, cx + side * cell * 0.18 + w, cy + w)
                    draw.arc(
                        box,
                        90 + side * 90 - 100,
                        90 + side * 90 + 100 + k * 30,
                        fill=colour,
                        width=int(cell * 0.07),
                    )
            draw.line(
                (cx, cy - cell * 0.4, cx, cy + cell * 0.4), fill=colour, width=int(cell * 0.07)
            )
    img = img.filter(ImageFilter.GaussianBlur(2.5))  # felted edges
    return _shade(img, Image.blend(_noise(rng, (16, 16)), _grain(rng, 1.0), 0.5), 1.0)


def carpet(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    ground = pal[0]
    others = pal[1:] or [(26, 36, 78), (243, 239, 230)]
    img = Image.new("RGB", (SIZE, SIZE), ground)
    draw = ImageDraw.Draw(img)
    cell = int(300 * scale)
    for n, cy in enumerate(range(cell // 2, SIZE + cell, cell)):
        for cx in range(cell // 2 + (n % 2) * cell // 2, SIZE + cell, cell):
            for fraction, colour in ((0.44, others[0]), (0.34, ground), (0.26, others[-1])):
                r = cell * fraction
                octagon = [(cx + math.cos(k * math.pi / 4 + math.pi / 8) * r, cy + math.sin(k * math.pi / 4 + math.pi / 8) * r * 0.7) for k in range(8)]  # fmt: skip
                draw.polygon(octagon, fill=colour)
            for quarter in range(4):  # the gul's quartered centre
                a = quarter * math.pi / 2
                qx, qy = cx + math.cos(a) * cell * 0.12, cy + math.sin(a) * cell * 0.08
                d = cell * 0.05
                draw.rectangle((qx - d, qy - d, qx + d, qy + d), fill=others[quarter % len(others)])
            d = cell * 0.08  # small diamonds between the guls
            draw.polygon([(cx + cell / 2, cy - d), (cx + cell / 2 + d, cy), (cx + cell / 2, cy + d), (cx + cell / 2 - d, cy)], fill=others[0])  # fmt: skip
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    knots = _weave_texture(rng, 5)
    return _shade(_shade(img, knots, 1.0), _grain(rng, 0.6), 0.35)


def lace(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    thread = pal[0]
    backing = (52, 46, 58) if _luma(thread) > 120 else (228, 220, 204)
    img = _shade(Image.new("RGB", (SIZE, SIZE), backing), _weave_texture(rng, 4), 0.4)
    draw = ImageDraw.Draw(img)
    step = int(22 * scale)
    for k in range(-SIZE, SIZE * 2, step):  # the net
        draw.line((k, 0, k + SIZE, SIZE), fill=thread, width=1)
        draw.line((k, SIZE, k + SIZE, 0), fill=thread, width=1)
    cell = int(180 * scale)
    for cy in range(cell // 2, SIZE + cell, cell):
        for cx in range(cell // 2, SIZE + cell, cell):
            for k in range(6):  # snowflakes of bobbin lace
                a = k * math.pi / 3
                draw.line(
                    (cx, cy, cx + math.cos(a) * cell * 0.42, cy + math.sin(a) * cell * 0.42),
                    fill=thread,
                    width=5,
                )
                px, py = cx + math.cos(a) * cell * 0.3, cy + math.sin(a) * cell * 0.3
                draw.ellipse((px - cell * 0.08, py - cell * 0.08, px + cell * 0.08, py + cell * 0.08), outline=thread, width=4)  # fmt: skip
            draw.ellipse(
                (cx - cell * 0.12, cy - cell * 0.12, cx + cell * 0.12, cy + cell * 0.12),
                fill=thread,
            )
    return img.filter(ImageFilter.GaussianBlur(0.8))


def chips(rng: random.Random, pal: list[RGB], scale: float) -> Image.Image:
    img = paper(rng, [(240, 234, 220)], 1.0)
    draw = ImageDraw.Draw(img)
    swatches = []
    for colour in pal:
        swatches += [_mix(colour, (255, 255, 255), 0.55), _mix(colour, (255, 255, 255), 0.25), colour, _mix(colour, (0, 0, 0), 0.3)]  # fmt: skip
    count = 3 if scale >= 1 else 2
    gap = 34
    side = (SIZE - gap * (count + 1)) // count
    for n in range(count * count):
        x, y = gap + (n % count) * (side + gap), gap + (n // count) * (side + gap)
        draw.rounded_rectangle(
            (x, y, x + side, y + side), radius=14, fill=swatches[n % len(swatches)]
        )
    return _shade(img, _weave_texture(rng, 3), 0.45)  # dyed on cloth


STYLES: dict[str, Callable[[random.Random, list[RGB], float], Image.Image]] = {
    "ikat": ikat, "silk": silk, "weave": weave, "denim": denim, "knit": knit, "suzani": suzani,
    "zardozi": zardozi, "tiles": tiles, "plate": plate, "clay": clay, "paper": paper,
    "fibres": fibres, "wood": wood, "carved": carved, "leather": leather, "karakul": karakul,
    "felt": felt, "rug": rug, "carpet": carpet, "lace": lace, "chips": chips,
    "stripes": lambda rng, pal, scale: weave(rng, pal, scale, stripes=True),
}  # fmt: skip

# The second and third photos: a close-up of the same cloth, then another colourway.
VIEWS = ((1.0, 0), (0.6, 0), (1.0, 1))


def photo_count(supplier: str, sku: str) -> int:
    """How many photos the demo gives a material: 1 to 3, fixed by its key."""
    roll = hashlib.sha256(f"count:{supplier}:{sku}".encode()).digest()[0] % 5
    return 1 + (roll >= 3) + (roll == 4)


def render(*, supplier: str, sku: str, category: str, root: str, colours: list[str], text: str = "", view: int = 0) -> bytes:  # fmt: skip
    """The WebP bytes of one demo photo; the same arguments always give the same bytes."""
    seed = int.from_bytes(hashlib.sha256(f"{supplier}:{sku}:{view}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    scale, rotate = VIEWS[view % len(VIEWS)]
    known = [rgb for rgb in map(colour_of, colours) if rgb]
    style = style_for(category, root, known, " ".join([text, *colours]))
    pal = palette(colours, style)
    if rotate and len(pal) > 1:
        pal = pal[rotate:] + pal[:rotate]
    elif rotate:
        pal = [_mix(pal[0], (0, 0, 0), 0.25)]
    img = _photo_light(STYLES[style](rng, pal, scale), rng)
    out = io.BytesIO()
    img.save(out, format="WEBP", quality=90, method=0)  # the image service re-encodes it
    return out.getvalue()


def add_demo_photos(materials) -> int:
    """Give each material without photos its demo photos, through the image service.

    Idempotent: a material that has any photo (demo or uploaded) is left alone. The drawing runs
    on every core (Pillow lets go of the GIL while it filters and encodes); the service calls stay
    in this thread and transaction. Returns how many photos were added.
    """
    from bridge.materials.services.materials import material_image_add

    jobs = []
    for material in materials:
        if material.images.exists():
            continue
        supplier = material.supplier.slug
        for view in range(photo_count(supplier, material.sku)):
            jobs.append((material, {
                "supplier": supplier, "sku": material.sku, "category": material.category.code,
                "root": material.category.root.code, "colours": list(material.colours or []),
                "text": " ".join([material.name, *(material.techniques or [])]), "view": view,
            }))  # fmt: skip
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        drawn = pool.map(lambda job: render(**job[1]), jobs)
        for (material, job), data in zip(jobs, drawn, strict=True):
            name = f"{material.sku}-{job['view'] + 1}.webp"
            upload = SimpleUploadedFile(name, data, "image/webp")
            material_image_add(actor=None, material=material, upload=upload, alt="")
    return len(jobs)
