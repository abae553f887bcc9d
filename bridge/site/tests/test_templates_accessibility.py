"""Rules of markup that axe-core enforces in the journeys, checked on every template at once so
a new page cannot forget them: a scrolling table wrapper must take keyboard focus."""

import re
from pathlib import Path

import bridge

TEMPLATES = sorted(Path(bridge.__file__).parent.glob("*/templates/**/*.html"))
WRAPPER = re.compile(r"<div[^>]*class=\"table-wrap[^\"]*\"[^>]*>")


def test_templates_are_found():
    assert len(TEMPLATES) > 100


def test_every_scrolling_table_wrapper_is_focusable():
    missing = [
        f"{path.relative_to(Path(bridge.__file__).parent)}: {tag}"
        for path in TEMPLATES
        for tag in WRAPPER.findall(path.read_text(encoding="utf-8"))
        if 'tabindex="0"' not in tag
    ]
    assert not missing, 'add tabindex="0" (keyboard users scroll wide tables):\n' + "\n".join(
        missing
    )
