"""axe-core (the copy bundled with axe-playwright-python, no network) run on a page the journeys
visit: the serious and critical violations, one line each."""

from pathlib import Path

import axe_playwright_python

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
SEVERE = ("serious", "critical")
# WCAG 2.1 A and AA, plus axe's best practices that catch real barriers (labels, landmarks).
RUN_ONLY = {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}


def severe_violations(page) -> list[str]:
    """Inject axe into `page` (its context must bypass the CSP: the script goes in inline) and
    describe each serious or critical violation with the first elements it names."""
    page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate(
        "async (only) => await axe.run(document, {runOnly: only, resultTypes: ['violations']})",
        RUN_ONLY,
    )
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in SEVERE:
            continue
        targets = ", ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found
