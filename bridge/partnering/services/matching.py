"""Writes of matching: a listing's terms and postings, and its stored matches, recomputed in
batches (one edited listing, or ten thousand imported rows) with a fixed number of queries per
segment rather than per listing. See docs/decisions/0007-partnering-matching.md."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from bridge.core import locks
from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.matching.score import (
    MIN_SCORE,
    Side,
    hard_rules,
    idf,
    norm_of,
    pair_score,
    reasons,
)
from bridge.partnering.matching.storage import (
    delete_rows,
    insert_rows,
    refresh_statistics,
    to_json,
    update_norms,
)
from bridge.partnering.matching.terms import Text, listing_terms
from bridge.partnering.models import Dismissal, Listing, Match, MatchPosting, MatchVector
from bridge.partnering.vocabulary import Status, opposite
from bridge.search.thesaurus import current

MAX_MATCHES = 12  # stored per listing (its own best; others may add themselves)
CANDIDATES = 30  # scored exactly per listing
QUERY_TERMS = 16  # rarest-and-heaviest terms that look for candidates
COMMON_SHARE, COMMON_FLOOR = 0.02, 100  # a term in more listings than this finds no candidates
CHUNK = 500


def segment_of(listing_type: str, kind: str) -> str:
    return f"{listing_type}:{kind}"


def text_of(listing: Listing) -> Text:
    return Text(
        title=listing.title,
        summary=listing.summary,
        description=listing.description,
        language=listing.language or None,
        keywords=tuple(listing.keywords or ()),
        heritage=tuple(listing.heritage or ()),
    )


def _budget(listing) -> tuple[float, float] | None:
    if listing.budget_min is None and listing.budget_max is None:
        return None
    low = float(listing.budget_min if listing.budget_min is not None else 0)
    high = float(listing.budget_max if listing.budget_max is not None else 1e18)
    return (low, high)


def side_of(listing: Listing, terms: dict[str, float], norm: float = 0.0) -> Side:
    organisation = listing.organisation
    profile = getattr(organisation, "partner_profile", None)
    return Side(
        id=listing.pk,
        organisation_id=listing.organisation_id,
        country=str(organisation.country),
        org_kind=profile.kind if profile else "",
        org_size=profile.size if profile else "",
        sectors=frozenset(listing.sectors or ()),
        countries_sought=frozenset(listing.countries_sought or ()),
        partner_kinds=frozenset(listing.partner_kinds or ()),
        partner_sizes=frozenset(listing.partner_sizes or ()),
        stage=listing.stage,
        budget=_budget(listing),
        currency=listing.currency,
        terms=terms,
        norm=norm,
    )


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _live(queryset):
    now = timezone.now()
    return queryset.filter(status=Status.PUBLISHED, open_for_interest=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def _document_frequencies(segment: str, terms: set[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(terms)):
        rows = (
            MatchPosting.objects.filter(segment=segment, term__in=chunk)
            .values("term")
            .annotate(n=Count("id"))
            .values_list("term", "n")
        )
        found.update(rows)
    return found


def _postings(segment: str, terms: set[str]) -> dict[str, list[int]]:
    by_term: dict[str, list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(terms)):
        rows = MatchPosting.objects.filter(segment=segment, term__in=chunk).values_list(
            "term", "listing_id"
        )
        for term, listing_id in rows:
            by_term[term].append(listing_id)
    return by_term


class _Segment:
    """Statistics of one segment (the listings of one type and kind) for this batch."""

    def __init__(self, name: str, size: int, df: dict[str, int]) -> None:
        self.name, self.size, self.df = name, size, df
        self.default = idf(0, size)
        self.cache: dict[str, float] = {}

    def idf(self, term: str) -> float:
        value = self.cache.get(term)
        if value is None:
            value = self.cache[term] = idf(self.df.get(term, 0), self.size)
        return value

    def idfs(self, terms) -> dict[str, float]:
        return {t: self.idf(t) for t in terms}


def _write_vectors(listings: list[Listing], ids: list[int]) -> dict[int, dict[str, float]]:
    thesaurus = current()
    vectors = {listing.pk: listing_terms(text_of(listing), thesaurus) for listing in listings}
    delete_rows(MatchPosting._meta.db_table, "listing_id", ids)
    delete_rows(MatchVector._meta.db_table, "listing_id", ids)
    now = timezone.now()
    insert_rows(
        MatchVector._meta.db_table,
        ("listing_id", "segment", "terms", "norm", "computed_at"),
        [
            (
                listing.pk,
                segment_of(listing.type, listing.kind),
                to_json(vectors[listing.pk]),
                0.0,
                now,
            )
            for listing in listings
        ],
        json_columns=("terms",),
    )
    insert_rows(
        MatchPosting._meta.db_table,
        ("segment", "term", "listing_id"),
        [
            (segment_of(listing.type, listing.kind), term, listing.pk)
            for listing in listings
            for term in vectors[listing.pk]
        ],
    )
    return vectors


def _segments(listings: list[Listing], vectors) -> dict[str, _Segment]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for listing in listings:
        terms = vectors[listing.pk].keys()
        wanted[segment_of(listing.type, opposite(listing.kind))].update(terms)
        wanted[segment_of(listing.type, listing.kind)].update(terms)
    sizes = dict(
        MatchVector.objects.filter(segment__in=list(wanted))
        .values("segment")
        .annotate(n=Count("listing_id"))
        .values_list("segment", "n")
    )
    return {
        name: _Segment(name, sizes.get(name, 0), _document_frequencies(name, terms))
        for name, terms in wanted.items()
    }


def _query_terms(terms: dict[str, float], segment: _Segment) -> list[str]:
    cap = max(COMMON_FLOOR, COMMON_SHARE * segment.size)
    usable = [t for t in terms if 0 < segment.df.get(t, 0) <= cap]
    usable.sort(key=lambda t: -terms[t] * segment.idf(t))
    return usable[:QUERY_TERMS]


def _candidates(listings, vectors, segments) -> dict[int, list[int]]:
    """The best CANDIDATES counterparts of each listing by the weight of the terms they share."""
    by_segment: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for listing in listings:
        name = segment_of(listing.type, opposite(listing.kind))
        by_segment[name][listing.pk] = _query_terms(vectors[listing.pk], segments[name])
    found: dict[int, list[int]] = {}
    for name, queries in by_segment.items():
        segment = segments[name]
        postings = _postings(name, set().union(*queries.values()))
        for listing_id, terms in queries.items():
            weights: dict[int, float] = defaultdict(float)
            for term in terms:
                value = vectors[listing_id][term] * segment.idf(term)
                for other in postings.get(term, ()):
                    weights[other] += value
            best = sorted(weights, key=lambda pk: -weights[pk])[:CANDIDATES]
            found[listing_id] = best
    return found


COUNTERPART_FIELDS = (
    "listing_id",
    "terms",
    "norm",
    "listing__organisation_id",
    "listing__organisation__country",
    "listing__organisation__partner_profile__kind",
    "listing__organisation__partner_profile__size",
    "listing__sectors",
    "listing__countries_sought",
    "listing__partner_kinds",
    "listing__partner_sizes",
    "listing__stage",
    "listing__budget_min",
    "listing__budget_max",
    "listing__currency",
)


def _counterparts(ids: set[int]) -> dict[int, Side]:
    """Sides of live listings, read as plain rows (a model per candidate costs more than its
    scoring)."""
    now = timezone.now()
    out = {}
    for chunk in _chunks(sorted(ids)):
        rows = (
            MatchVector.objects.filter(
                listing_id__in=chunk,
                listing__status=Status.PUBLISHED,
                listing__open_for_interest=True,
            )
            .filter(Q(listing__expires_at__isnull=True) | Q(listing__expires_at__gt=now))
            .values_list(*COUNTERPART_FIELDS)
        )
        for (pk, terms, norm, org, country, kind, size, sectors, sought, kinds, sizes, stage,
             low, high, currency) in rows:  # fmt: skip
            budget = None
            if low is not None or high is not None:
                budget = (float(low or 0), float(high if high is not None else 1e18))
            out[pk] = Side(
                id=pk,
                organisation_id=org,
                country=str(country),
                org_kind=kind or "",
                org_size=size or "",
                sectors=frozenset(sectors or ()),
                countries_sought=frozenset(sought or ()),
                partner_kinds=frozenset(kinds or ()),
                partner_sizes=frozenset(sizes or ()),
                stage=stage,
                budget=budget,
                currency=currency,
                terms=terms,
                norm=norm,
            )
    return out


def _dismissed(ids: list[int]) -> set[tuple[int, int]]:
    pairs = set()
    for chunk in _chunks(ids):
        rows = Dismissal.objects.filter(Q(low_id__in=chunk) | Q(high_id__in=chunk))
        pairs.update(rows.values_list("low_id", "high_id"))
    return pairs


@transaction.atomic
def matches_recompute(*, listing_ids: Iterable[int]) -> int:
    """Re-analyse the listings and store their best counterparts (both sides of each pair);
    listings no longer matchable lose their terms and matches. Returns the pairs stored."""
    ids = sorted(set(listing_ids))
    if not ids:
        return 0
    # Two workers recomputing neighbouring listings would each delete and re-insert the same
    # pairs (measured in prod-check: a unique violation on the second insert); one at a time.
    locks.hold_for_transaction(locks.PARTNERING_MATCHES)
    listings = []
    for chunk in _chunks(ids):
        listings += _live(Listing.objects.filter(pk__in=chunk)).select_related(
            "organisation", "organisation__partner_profile"
        )
    delete_rows(Match._meta.db_table, "listing_id", ids)
    delete_rows(Match._meta.db_table, "counterpart_id", ids)
    vectors = _write_vectors(listings, ids)
    if not listings:
        return 0
    segments = _segments(listings, vectors)
    sides: dict[int, Side] = {}
    for listing in listings:
        counterpart_segment = segments[segment_of(listing.type, opposite(listing.kind))]
        terms = vectors[listing.pk]
        norm = norm_of(terms, counterpart_segment.idfs(terms), counterpart_segment.default)
        sides[listing.pk] = side_of(listing, terms, norm)
    update_norms([(side.norm, pk) for pk, side in sides.items()])
    candidates = _candidates(listings, vectors, segments)
    sides.update(_counterparts(set().union(*candidates.values()) - set(sides)))
    dismissed = _dismissed(ids)
    rows: dict[tuple[int, int], Match] = {}
    for listing in listings:
        a = sides[listing.pk]
        forward_segment = segments[segment_of(listing.type, opposite(listing.kind))]
        own_segment = segments[segment_of(listing.type, listing.kind)]
        idf_a = forward_segment.idfs(a.terms)
        idf_b = own_segment.idfs(a.terms)  # shared terms are a's; b's norm is stored
        scored = []
        for other_id in candidates.get(listing.pk, ()):
            b = sides.get(other_id)
            if b is None or (min(a.id, b.id), max(a.id, b.id)) in dismissed:
                continue
            if not hard_rules(a, b):
                continue
            pair = pair_score(a, b, idf_a, idf_b, forward_segment.default, own_segment.default)
            if pair.score >= MIN_SCORE:
                scored.append((pair, b))
        scored.sort(key=lambda item: (-item[0].score, item[1].id))
        for pair, b in scored[:MAX_MATCHES]:
            _add(rows, a, b, pair.score, pair.forward, pair.backward, pair.shared)
            _add(rows, b, a, pair.score, pair.backward, pair.forward, pair.shared)
    now = timezone.now()
    insert_rows(
        Match._meta.db_table,
        ("listing_id", "counterpart_id", "score", "forward", "backward", "reasons", "created_at"),
        [(*row, now) for row in rows.values()],
        json_columns=("reasons",),
    )
    refresh_statistics(len(ids))
    return len(rows) // 2


def _add(rows, a: Side, b: Side, score, forward, backward, shared) -> None:
    key = (a.id, b.id)
    if key in rows and rows[key][2] >= score:
        return
    rows[key] = (
        a.id,
        b.id,
        round(score, 6),
        round(forward, 6),
        round(backward, 6),
        to_json(reasons(a, b, shared)),
    )


def matches_recompute_all(*, batch: int = 2_000) -> int:
    """Every listing again (after a thesaurus change, or nightly so that rarities stay true)."""
    ids = list(Listing.objects.order_by("pk").values_list("pk", flat=True))
    return sum(matches_recompute(listing_ids=chunk) for chunk in _chunks(ids, batch))


@transaction.atomic
def match_dismiss(*, actor, listing: Listing, counterpart: Listing) -> Dismissal:
    """ "Not interested": the pair disappears for both sides and is never matched again."""
    if not rules.can_edit_listing(actor, listing):
        raise PermissionDenied
    low, high = sorted((listing.pk, counterpart.pk))
    dismissal, _created = Dismissal.objects.get_or_create(
        low_id=low, high_id=high, defaults={"organisation": listing.organisation}
    )
    Match.objects.filter(
        Q(listing=listing, counterpart=counterpart) | Q(listing=counterpart, counterpart=listing)
    ).delete()
    audit_log(
        actor=actor, action="listing.match_dismiss", target=listing, counterpart=counterpart.pk
    )
    return dismissal
