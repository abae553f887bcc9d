"""The house rules that import-linter cannot state: no app reaches into another app's private
names, and modules are split by sub-domain before they grow long (docs/decisions/0006)."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

BRIDGE = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def _sources():
    for path in sorted(BRIDGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def _app_of(path: Path) -> str:
    return path.relative_to(BRIDGE).parts[0]


def test_no_app_imports_another_apps_underscore_names():
    offences = []
    for path in _sources():
        app = _app_of(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "bridge."
            ):
                continue
            parts = node.module.split(".")
            if parts[1] == app:
                continue
            private = [p for p in parts[2:] if p.startswith("_") and p != "__init__"]
            private += [a.name for a in node.names if a.name.startswith("_")]
            if private:
                offences.append(f"{path.relative_to(BRIDGE)}:{node.lineno} {node.module} {private}")
    assert offences == []


def test_no_source_module_outgrows_the_house_size():
    """Demo data is data; everything else is split by sub-domain once it grows."""
    long = [
        f"{path.relative_to(BRIDGE)}: {lines}"
        for path in _sources()
        if "demo" not in path.parts
        and path.stem != "demo"
        and "tests" not in path.parts
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert long == []
