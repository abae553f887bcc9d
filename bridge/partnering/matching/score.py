"""The reciprocal score of a pair of listings, and why (pure: no Django).

``direction(a, b)`` says how well b answers a: mostly the share of a's topic (its terms weighted
by where they occur and by how rare they are among a's possible counterparts) that b also has,
then whether b's sectors are a's, and whether b is the partner a seeks (kind and size of
organisation, stage, budget). The pair's score is the harmonic mean of both directions
(Pizzato et al., RECON, 2010): a pair ranks high only when each side answers the other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from bridge.partnering.matching.terms import ANCESTOR_WEIGHT, CONCEPT, MAX_TERMS
from bridge.partnering.vocabulary import STAGE_ORDER

TOPIC, SECTORS, PROFILE = 0.75, 0.1, 0.15
NEUTRAL = 0.5  # a criterion neither side states
MIN_SCORE = 0.15
MIN_TOPIC = 0.04  # share of a side's topic the other must cover, both ways
MAX_REASON_CONCEPTS = 4


@dataclass(frozen=True)
class Side:
    """What scoring needs of one listing."""

    id: int
    organisation_id: int
    country: str
    org_kind: str
    org_size: str
    sectors: frozenset[str]
    countries_sought: frozenset[str]
    partner_kinds: frozenset[str]
    partner_sizes: frozenset[str]
    stage: str = ""
    budget: tuple[float, float] | None = None  # (low, high) in `currency`
    currency: str = ""
    terms: Mapping[str, float] = field(default_factory=dict)
    norm: float = 0.0  # sum of weight × idf over terms, at analysis time


def idf(df: int, n: int) -> float:
    """Squared, so a rare subject (Afandi, suzani) outweighs the words every listing of a
    segment shares (studio, partner, co-production) by more than their frequencies alone."""
    return math.log(1.0 + (n + 1) / (df + 1)) ** 2


def norm_of(terms: Mapping[str, float], idfs: Mapping[str, float], default: float) -> float:
    return sum(weight * idfs.get(term, default) for term, weight in terms.items())


def hard_rules(a: Side, b: Side) -> bool:
    """The pair may be shown at all (kinds, types and status are filtered before)."""
    if a.organisation_id == b.organisation_id:
        return False
    if a.countries_sought and b.country not in a.countries_sought:
        return False
    return not (b.countries_sought and a.country not in b.countries_sought)


def _fit(sought: frozenset[str], value: str) -> float | None:
    if not sought:
        return None
    return 1.0 if value in sought else 0.0


def _stage_fit(a: Side, b: Side) -> float | None:
    if not a.stage or not b.stage:
        return None
    gap = abs(STAGE_ORDER.get(a.stage, 0) - STAGE_ORDER.get(b.stage, 0))
    return {0: 1.0, 1: 0.5}.get(gap, 0.0)


def _budget_fit(a: Side, b: Side) -> float | None:
    if a.budget is None or b.budget is None or a.currency != b.currency:
        return None
    low, high = max(a.budget[0], b.budget[0]), min(a.budget[1], b.budget[1])
    return 1.0 if low <= high else 0.0


def profile_fits(a: Side, b: Side) -> dict[str, float]:
    fits = {
        "kind": _fit(a.partner_kinds, b.org_kind),
        "size": _fit(a.partner_sizes, b.org_size),
        "stage": _stage_fit(a, b),
        "budget": _budget_fit(a, b),
    }
    return {name: value for name, value in fits.items() if value is not None}


def direction(a: Side, b: Side, shared, idfs: Mapping[str, float], default_idf: float) -> float:
    """How well b answers a, given the terms they share."""
    overlap = sum(a.terms[t] * idfs.get(t, default_idf) for t in shared)
    norm = a.norm or norm_of(a.terms, idfs, default_idf)
    topic = min(1.0, overlap / norm) if norm else 0.0
    if topic < MIN_TOPIC:
        return 0.0
    sectors = len(a.sectors & b.sectors) / len(a.sectors) if a.sectors else NEUTRAL
    fits = profile_fits(a, b)
    profile = sum(fits.values()) / len(fits) if fits else NEUTRAL
    return TOPIC * math.sqrt(topic) + SECTORS * sectors + PROFILE * profile


def harmonic(x: float, y: float) -> float:
    return 0.0 if x <= 0 or y <= 0 else 2 * x * y / (x + y)


@dataclass(frozen=True)
class Pair:
    score: float
    forward: float
    backward: float
    shared: frozenset[str]


def pair_score(
    a: Side,
    b: Side,
    idf_a: Mapping[str, float],
    idf_b: Mapping[str, float],
    default_a: float,
    default_b: float,
) -> Pair:
    """``idf_a`` weighs a's terms among a's counterparts (b's segment), ``idf_b`` b's terms
    among b's counterparts (a's segment)."""
    shared = a.terms.keys() & b.terms.keys()
    if not shared:
        return Pair(0.0, 0.0, 0.0, frozenset())
    forward = direction(a, b, shared, idf_a, default_a)
    backward = direction(b, a, shared, idf_b, default_b) if forward else 0.0
    return Pair(harmonic(forward, backward), forward, backward, frozenset(shared))


def reasons(a: Side, b: Side, shared) -> dict:
    """Why b is shown to a's reader, as codes (rendered in the reader's language on reading):
    shared concepts, shared sectors, b seeking partners in a's country, fitting stage, budget,
    kind of organisation."""
    # A broader concept both only inherit ("creative industries") explains nothing.
    named = [
        t
        for t in shared
        if t.startswith(CONCEPT) and a.terms[t] > ANCESTOR_WEIGHT and b.terms[t] > ANCESTOR_WEIGHT
    ]
    named.sort(key=lambda t: (-a.terms[t] * b.terms[t], t))
    concepts = [t[len(CONCEPT) :] for t in named]
    fits = profile_fits(a, b)
    out: dict = {
        "concepts": concepts[:MAX_REASON_CONCEPTS],
        "sectors": sorted(a.sectors & b.sectors),
    }
    if b.countries_sought and a.country in b.countries_sought:
        out["seeks"] = a.country
    if fits.get("stage") == 1.0:
        out["stage"] = b.stage
    if fits.get("budget") == 1.0:
        out["budget"] = True
    if fits.get("kind") == 1.0:
        out["kind"] = b.org_kind
    return out


__all__ = ["MAX_TERMS", "MIN_SCORE", "Pair", "Side", "harmonic", "idf", "pair_score", "reasons"]
