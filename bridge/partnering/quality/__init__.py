"""The judged set of partnering matches (issue 10): its listings, loaded into a database; the
engine's ranker (the stored matches) and a shared-words (Jaccard) baseline, the way most "AI
matching" works; and a check that no stored match breaks a hard rule. Scored with the scoring
functions of bridge/search/quality.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from bridge.accounts.models import Organisation
from bridge.partnering.matching.score import hard_rules
from bridge.partnering.models import Listing, Match
from bridge.partnering.quality.distractors import distractors
from bridge.partnering.selectors.matching import matches_for
from bridge.partnering.services.matching import matches_recompute, side_of
from bridge.partnering.vocabulary import Status, opposite
from bridge.search.analysis import analyse
from bridge.search.analysis.tokens import STOPWORDS
from bridge.search.quality import Bar, Catalog

HERE = Path(__file__).resolve().parent
LISTINGS_FILE = HERE / "listings.yaml"
JUDGED_FILE = HERE / "judged.yaml"
TOP = 5
# Issue 10: recall@5 ≥ 0.95 and MRR ≥ 0.85, no match that breaks a hard rule.
BAR = Bar(recall=0.95, mrr=0.85, pair_recall=0.8, over_icontains=1.0, false_friends=0)


def set_listings() -> list[dict]:
    return [*yaml.safe_load(LISTINGS_FILE.read_text(encoding="utf-8")), *distractors()]


def load_set(*, recompute: bool = True) -> Catalog:
    """Write the set's organisations and listings (published, co-production) and match them."""
    now = timezone.now()
    organisations: dict[str, Organisation] = {}
    rows = set_listings()
    for number, row in enumerate(rows):
        key = row.get("org") or row["label"]
        if key not in organisations:
            organisations[key] = Organisation(
                name=f"Quality {key}", slug=f"quality-{number}", country=row["country"]
            )
    Organisation.objects.bulk_create(organisations.values())
    listings = [
        Listing(
            organisation=organisations[row.get("org") or row["label"]],
            ref=row["label"].replace("/", "-"),
            kind=row["kind"],
            type="co-production",
            sectors=row.get("sectors", ["animation"]),
            title=row["title"],
            summary=row["summary"],
            language=row["language"],
            countries_sought=row.get("countries_sought", []),
            status=Status.PUBLISHED,
            open_for_interest=row.get("open", True),
            published_at=now,
            expires_at=now + timedelta(days=-1 if row.get("expired") else 365),
        )
        for row in rows
    ]
    Listing.objects.bulk_create(listings)
    if recompute:
        matches_recompute(listing_ids=[listing.pk for listing in listings])
    return Catalog(
        label_of={listing.pk: row["label"] for listing, row in zip(listings, rows, strict=True)},
        language_of={row["label"]: row["language"] for row in rows},
    )


def _id_of(catalog: Catalog) -> dict[str, int]:
    return {label: pk for pk, label in catalog.label_of.items()}


def engine_ranker(catalog: Catalog) -> Callable[[str], list[str]]:
    """The first five stored matches of the query listing, as the API returns them."""
    ids = _id_of(catalog)

    def rank(query: str) -> list[str]:
        listing = Listing.objects.get(pk=ids[query])
        return catalog.labels(m.counterpart_id for m in matches_for(listing, limit=TOP))

    return rank


def _words(listing: Listing) -> frozenset[str]:
    text = f"{listing.title}\n{listing.summary}\n{listing.description}"
    return frozenset(
        t.key for t in analyse(text, listing.language) if t.key not in STOPWORDS and len(t.key) > 2
    )


def jaccard_ranker(catalog: Catalog) -> Callable[[str], list[str]]:
    """The baseline: shared words ÷ all words, over every same-type listing of the other kind
    that the hard rules allow (a naive loop, the same candidates the engine may choose from)."""
    ids = _id_of(catalog)
    live = {
        listing.pk: listing
        for listing in Listing.objects.filter(pk__in=ids.values()).select_related("organisation")
        if listing.is_matchable
    }
    words = {pk: _words(listing) for pk, listing in live.items()}
    sides = {pk: side_of(listing, {}) for pk, listing in live.items()}

    def rank(query: str) -> list[str]:
        me = live.get(ids[query])
        if me is None:
            return []
        scored = []
        for pk, other in live.items():
            if other.type != me.type or other.kind != opposite(me.kind):
                continue
            if not hard_rules(sides[me.pk], sides[pk]):
                continue
            union = words[me.pk] | words[pk]
            score = len(words[me.pk] & words[pk]) / len(union) if union else 0.0
            if score > 0:
                scored.append((-score, pk))
        return catalog.labels(pk for _score, pk in sorted(scored)[:TOP])

    return rank


def hard_rule_violations() -> list[str]:
    """Every stored match that breaks a hard rule (must be none)."""
    problems = []
    for match in Match.objects.select_related(
        "listing__organisation", "counterpart__organisation"
    ).iterator(chunk_size=2_000):
        a, b = match.listing, match.counterpart
        if (
            a.type != b.type
            or a.kind == b.kind
            or not (a.is_matchable and b.is_matchable)
            or not hard_rules(side_of(a, {}), side_of(b, {}))
        ):
            problems.append(f"{a.ref} ↔ {b.ref}")
    return problems
