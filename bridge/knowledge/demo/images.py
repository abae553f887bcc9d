"""Pictures of the demo: heritage patterns drawn with Pillow (no photo is downloaded), and the
files attached to demo practices and events. Deterministic: the same bytes on every run."""

import io
import math
import random

from PIL import Image, ImageDraw

SIZE = (1200, 800)
PALETTES = {
    "ikat": ["#f4e7c5", "#b3261e", "#e0a526", "#263b8a", "#1f6f5c"],
    "khan-atlas": ["#f7ecd0", "#c2185b", "#f2b705", "#1b4f9c", "#0b7a6f"],
    "suzani": ["#f3ead8", "#a8322d", "#d9822b", "#2f4858", "#6b8f3a"],
    "rishton-ceramics": ["#f7f4ee", "#0f8ea1", "#1d3f8f", "#4fb3bf", "#e8e2d3"],
    "zardozi": ["#3b1530", "#d4a72c", "#f0d77a", "#8a6d1d", "#5a2346"],
    "samarkand-architecture": ["#e9dfcc", "#1b6f9a", "#2aa5b8", "#f2c14e", "#f7f1e3"],
    "samarkand-paper": ["#efe3c8", "#d9c7a0", "#b89b6a", "#7a5c32", "#f6eddb"],
    "maqom": ["#1d2b3a", "#c98f2e", "#e6c36a", "#7a3e2e", "#3e5c76"],
    "khiva-wood-carving": ["#6b4423", "#a0703f", "#d4a76a", "#3e2614", "#e8cfa3"],
    "afandi": ["#f4e3c1", "#c0562f", "#2f6b4f", "#e9b949", "#3a3a6b"],
    "alpamysh": ["#e8d8b0", "#8c2f1b", "#2b4c7e", "#c9a227", "#4e6e3a"],
}


def _ikat(draw: ImageDraw.ImageDraw, colours, rnd: random.Random) -> None:
    width, height = SIZE
    x = 0
    while x < width:
        band = rnd.randint(50, 120)
        colour = rnd.choice(colours[1:])
        points = []
        for y in range(0, height + 40, 40):
            points.append((x + rnd.randint(-14, 14), y))
        for y in range(height + 40, -40, -40):
            points.append((x + band + rnd.randint(-14, 14), y))
        draw.polygon(points, fill=colour)
        for y in range(rnd.randint(0, 80), height, rnd.randint(120, 200)):
            cx = x + band // 2
            draw.polygon(
                [(cx, y), (cx + band // 2, y + 45), (cx, y + 90), (cx - band // 2, y + 45)],
                fill=colours[0],
            )
        x += band + rnd.randint(6, 24)


def _rosettes(draw, colours, rnd) -> None:
    width, height = SIZE
    for cx in range(150, width, 300):
        for cy in range(150, height, 300):
            for ring, radius in enumerate(range(130, 10, -24)):
                draw.ellipse(
                    (cx - radius, cy - radius, cx + radius, cy + radius),
                    fill=colours[1 + (ring % (len(colours) - 1))],
                )
            for petal in range(8):
                angle = petal * math.pi / 4
                px, py = cx + 150 * math.cos(angle), cy + 150 * math.sin(angle)
                draw.ellipse((px - 18, py - 18, px + 18, py + 18), fill=rnd.choice(colours[1:]))


def _plate(draw, colours, rnd) -> None:
    width, height = SIZE
    cx, cy = width // 2, height // 2
    for radius in range(380, 20, -20):
        colour = colours[1 + (radius // 20) % (len(colours) - 1)]
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=colour, width=8)
    for spoke in range(24):
        angle = spoke * math.pi / 12
        draw.line(
            (cx, cy, cx + 380 * math.cos(angle), cy + 380 * math.sin(angle)),
            fill=colours[2],
            width=4,
        )


def _girih(draw, colours, rnd) -> None:
    width, height = SIZE
    step = 100
    for gx in range(0, width + step, step):
        for gy in range(0, height + step, step):
            colour = colours[1 + ((gx // step + gy // step) % (len(colours) - 1))]
            draw.polygon([(gx, gy - 50), (gx + 50, gy), (gx, gy + 50), (gx - 50, gy)], fill=colour)
            draw.ellipse((gx - 12, gy - 12, gx + 12, gy + 12), fill=colours[0])


def _fibres(draw, colours, rnd) -> None:
    width, height = SIZE
    for _ in range(900):
        x, y = rnd.randint(0, width), rnd.randint(0, height)
        length = rnd.randint(20, 90)
        angle = rnd.uniform(0, math.pi)
        draw.line(
            (x, y, x + length * math.cos(angle), y + length * math.sin(angle)),
            fill=rnd.choice(colours[1:]),
            width=2,
        )


DRAWINGS = {
    "ikat": _ikat,
    "khan-atlas": _ikat,
    "suzani": _rosettes,
    "afandi": _rosettes,
    "rishton-ceramics": _plate,
    "maqom": _plate,
    "samarkand-architecture": _girih,
    "khiva-wood-carving": _girih,
    "zardozi": _girih,
    "alpamysh": _girih,
    "samarkand-paper": _fibres,
}


def theme_picture(concept_id: str) -> bytes:
    colours = PALETTES.get(concept_id, PALETTES["ikat"])
    image = Image.new("RGB", SIZE, colours[0])
    draw = ImageDraw.Draw(image)
    DRAWINGS.get(concept_id, _girih)(draw, colours, random.Random(concept_id))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


CSV_FILES = {
    "co-production-budget.csv": "source,share_percent,notes\n"
    "Animation subsidy (Russia),35,Paid in three stages\n"
    "IT Park creative content grant,15,Against the Uzbek share of work\n"
    "Studios' own funds,30,60/40 by contribution\n"
    "Pre-sale to a broadcaster,20,Russia and CIS rights\n",
    "co-production-agreement-outline.csv": "section,question to answer\n"
    "Parties and project,Working title; format; running time\n"
    "Contributions,Money; work; rights in the source material\n"
    "Rights and revenue,Shares of exclusive rights; revenue waterfall\n"
    "Territories,Who releases where; windows\n"
    "Budget,Currency; payment schedule; overruns\n"
    "Credits,Order of names; logos\n"
    "Governing law,Which law; which arbitration; language of the agreement\n",
    "it-park-residency-checklist.csv": "item,owner,deadline\n"
    "Founding documents and STIR,Director,Week 1\n"
    "Three-year business plan,Finance,Week 2\n"
    "Revenue structure (IT services and creative content),Finance,Week 2\n"
    "Staff list,HR,Week 1\n"
    "Quarterly reporting set-up,Accountant,Week 3\n",
}


def demo_file(name: str) -> bytes:
    if name in CSV_FILES:
        return CSV_FILES[name].encode("utf-8")
    # Slides: one page drawn with Pillow and saved as a PDF.
    page = Image.new("RGB", (1240, 1754), "#ffffff")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1240, 260), fill="#0b5d6e")
    for row in range(12):
        draw.rectangle(
            (120, 360 + row * 100, 1120 - (row % 3) * 160, 400 + row * 100), fill="#dedad2"
        )
    out = io.BytesIO()
    page.save(out, format="PDF")
    return out.getvalue()
