"""Writes to the staff-edited thesaurus."""

from __future__ import annotations

from django.db import transaction

from bridge.search.analysis.thesaurus import LABEL_LANGUAGES
from bridge.search.models import Concept
from bridge.search.thesaurus import thesaurus_invalidate, yaml_concepts


@transaction.atomic
def thesaurus_load(*, overwrite: bool = False) -> tuple[int, int]:
    """Copy the YAML concepts into the Concept table; returns (created, updated).

    Idempotent. Concepts staff added in the admin are kept; concepts that exist in both are
    left as staff edited them unless ``overwrite`` (then the YAML wins).
    """
    concepts = yaml_concepts()
    existing = set(Concept.objects.values_list("id", flat=True))
    created = updated = 0
    touched = []
    for concept in concepts:
        labels = {language: concept[language] for language in LABEL_LANGUAGES}
        labels["heritage"] = concept["heritage"]
        if concept["id"] not in existing:
            Concept.objects.create(id=concept["id"], kind=concept["kind"], **labels)
            created += 1
        elif overwrite:
            Concept.objects.filter(id=concept["id"]).update(kind=concept["kind"], **labels)
            updated += 1
        else:
            continue
        touched.append(concept)
    for concept in touched:
        Concept.objects.get(id=concept["id"]).broader.set(concept["broader"])
    thesaurus_invalidate()
    return created, updated
