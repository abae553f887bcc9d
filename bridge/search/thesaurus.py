"""The thesaurus in use: the staff-edited Concept table when it has rows, else the YAML files.

Loading is tolerant — a broken or half-written file, a concept with a bad field or a broader
link to a missing concept is logged and skipped, never fatal — because search must keep working
while the data is being edited. The built Thesaurus is cached per process and rebuilt when the
version number in Django's cache changes (thesaurus_invalidate(), called on every admin save
and by thesaurus_load).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import yaml
from django.core.cache import cache
from django.db import DatabaseError

from bridge.core.versions import bump
from bridge.search.analysis import Thesaurus, analyse
from bridge.search.analysis.thesaurus import LABEL_LANGUAGES, concept_validated

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data" / "thesaurus"
_VERSION_KEY = "search:thesaurus:version"
_lock = threading.Lock()
_cached: tuple[object, Thesaurus] | None = None
_override: list[Thesaurus] = []
# libyaml's safe loader where PyYAML was built with it: the pure-Python one took ~3 of the
# ~4 s that a process spends building the thesaurus before it can index or search.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_concepts(directory: Path = DATA_DIR) -> list[dict]:
    """Concepts of every *.yaml file under ``directory``, in file-name order."""
    raw: list = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506
        except (OSError, yaml.YAMLError) as error:
            logger.warning("thesaurus: skipping %s: %s", path.name, error)
            continue
        if isinstance(data, list):
            raw.extend(data)
        elif data is not None:
            logger.warning("thesaurus: skipping %s: not a list of concepts", path.name)
    return clean_concepts(raw)


def clean_concepts(raw: Iterable[object]) -> list[dict]:
    """Valid concepts; duplicates merged (labels and broader united), dangling links dropped."""
    merged: dict[str, dict] = {}
    for index, item in enumerate(raw):
        try:
            concept = concept_validated(item, index)
        except ValueError as error:
            logger.warning("thesaurus: %s", error)
            continue
        for language in LABEL_LANGUAGES:
            concept[language] = [label for label in concept[language] if analyse(label, language)]
        if not any(concept[language] for language in LABEL_LANGUAGES):
            continue
        known = merged.get(concept["id"])
        if known is None:
            merged[concept["id"]] = concept
            continue
        for field in (*LABEL_LANGUAGES, "broader"):
            known[field] = list(dict.fromkeys(known[field] + concept[field]))
        known["heritage"] = known["heritage"] or concept["heritage"]
    for concept in merged.values():
        dangling = [parent for parent in concept["broader"] if parent not in merged]
        if dangling:
            logger.warning("thesaurus: %s: unknown broader %s dropped", concept["id"], dangling)
        concept["broader"] = [p for p in concept["broader"] if p in merged and p != concept["id"]]
    return list(merged.values())


def db_concepts() -> list[dict]:
    from bridge.search.models import Concept

    rows = Concept.objects.prefetch_related("broader")
    return [
        {
            "id": row.id,
            "kind": row.kind,
            "heritage": row.heritage,
            "broader": [parent.id for parent in row.broader.all()],
            **{language: list(getattr(row, language) or []) for language in LABEL_LANGUAGES},
        }
        for row in rows
    ]


@lru_cache(maxsize=1)
def yaml_thesaurus() -> Thesaurus:
    """The YAML files are code: built once per process, whatever the table does (forked test
    runs inherit it: see bridge/conftest.py)."""
    return Thesaurus(yaml_concepts())


def _build() -> Thesaurus:
    try:
        concepts = db_concepts()
    except DatabaseError:  # before migrate
        concepts = []
    return Thesaurus(clean_concepts(concepts)) if concepts else yaml_thesaurus()


# Other processes learn of a thesaurus edit within this many seconds: asking the shared cache
# on every call cost ~90 round trips to Redis per catalog page.
VERSION_CHECK_SECONDS = 1.0
_checked_at = 0.0


def current() -> Thesaurus:
    global _cached, _checked_at
    if _override:
        return _override[-1]
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - _checked_at < VERSION_CHECK_SECONDS:
        return cached[1]
    try:
        version = cache.get(_VERSION_KEY, 0)
    except Exception:
        # The shared cache is down: searching with the thesaurus this process has beats failing.
        logger.warning("Thesaurus version unavailable", exc_info=True)
        version = cached[0] if cached is not None else 0
    _checked_at = now
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        thesaurus = _build()
        _cached = (version, thesaurus)
    return thesaurus


def thesaurus_invalidate() -> None:
    """Make every process rebuild its thesaurus on next use (documents keep their old concept
    ids until search_rebuild)."""
    global _cached
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, timeout=None)
    _cached = None
    bump("search")  # queries expand differently: cached result pages are out of date


@contextmanager
def thesaurus_override(concepts: Iterable[Mapping] | Thesaurus) -> Iterator[Thesaurus]:
    """Use a given thesaurus in this process (tests, benchmarks)."""
    thesaurus = concepts if isinstance(concepts, Thesaurus) else Thesaurus(concepts)
    _override.append(thesaurus)
    try:
        yield thesaurus
    finally:
        _override.remove(thesaurus)
