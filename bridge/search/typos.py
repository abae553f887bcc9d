"""Typo tolerance and "did you mean", over an index's vocabulary (SearchWord rows).

The vocabulary also holds the index's stems ("s_" + stem, never a word: keys hold no "_"),
which turn stem-prefix alternatives into explicit lists (explicit).

Words are compared in their folded form (Cyrillic transliterated, ʻ/ʼ dropped), so «шелкоый»
and "shelkoviy" are one edit from each other whatever script the query was typed in.
The vocabulary is cached per process and reloaded when the index gained words.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Max
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bridge.search.analysis import analyse
from bridge.search.documents import CONCEPT, STEM, fold
from bridge.search.models import SearchWord
from bridge.search.query import Alternative, Query, Term, merged, term_for

if TYPE_CHECKING:
    from bridge.search.backends import Backend


@dataclass(frozen=True)
class Vocabulary:
    words: frozenset[str]
    folds: list[str]
    by_fold: dict[str, tuple[str, ...]]
    stems: tuple[str, ...] = ()  # "s_" + stem, sorted: prefix queries become explicit lists
    stem_set: frozenset[str] = frozenset()

    def with_prefix(self, prefix: str, limit: int) -> list[str] | None:
        """The stems starting with ``prefix``; None when there are more than ``limit``."""
        at = bisect_left(self.stems, prefix)
        found: list[str] = []
        while at < len(self.stems) and self.stems[at].startswith(prefix):
            if len(found) == limit:
                return None
            found.append(self.stems[at])
            at += 1
        return found

    def closest(self, word: str, max_edits: int, limit: int = 3) -> list[str]:
        """Vocabulary words at the smallest distance ≤ max_edits from ``word`` (none: [])."""
        if max_edits < 1 or not self.folds:
            return []
        found = process.extract(
            fold(word),
            self.folds,
            scorer=Levenshtein.distance,
            score_cutoff=max_edits,
            limit=limit * 4,
        )
        if not found:
            return []
        best = min(distance for _, distance, _ in found)
        words = [w for f, distance, _ in found if distance == best for w in self.by_fold[f]]
        return sorted(dict.fromkeys(words))[:limit]


def allowed_edits(word: str) -> int:
    """One edit for words of 5+ letters, two for 9+ (the issue's rule)."""
    letters = len(fold(word))
    return 2 if letters >= 9 else 1 if letters >= 5 else 0


def suggestion_edits(word: str) -> int:
    """ "Did you mean" may reach one edit further, but never for 1–2 letter words."""
    letters = len(fold(word))
    return 0 if letters < 3 else allowed_edits(word) + 1


_lock = threading.Lock()
_cache: dict[str, tuple[int | None, Vocabulary]] = {}


_UNKNOWN = object()


def vocabulary(key: str, *, version=_UNKNOWN) -> Vocabulary:
    """The words of index ``key``, rebuilt when its newest word's id (``version``, where the
    caller read it: selectors._span) is not the cached one's."""
    if version is _UNKNOWN:
        version = SearchWord.objects.filter(index_key=key).aggregate(m=Max("id"))["m"]
    cached = _cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    words, stems = [], []
    for word in SearchWord.objects.filter(index_key=key).values_list("word", flat=True):
        (stems if word.startswith(STEM) else words).append(word)
    by_fold: dict[str, list[str]] = defaultdict(list)
    for word in words:
        by_fold[fold(word)].append(word)
    built = Vocabulary(
        frozenset(words),
        list(by_fold),
        {f: tuple(ws) for f, ws in by_fold.items()},
        tuple(sorted(stems)),
        frozenset(stems),
    )
    with _lock:
        _cache[key] = (version, built)
    return built


# --- a query against the vocabulary (selectors.search) ---
# A stem prefix that matches more stems than this stays a prefix query.
MAX_EXPANSIONS = 32


def present(engine: Backend, key: str, term: Term, words: Vocabulary) -> bool:
    """Whether index ``key`` holds ``term`` in any form: a typo needs no replacing if so."""
    if term.token.key in words.words:
        return True
    if not words.stems:  # an index written before stems were recorded: ask the engine
        return engine.any_match(engine.term(term), key)
    # None (more stems than can be listed) also means the index holds the prefix.
    if any(expanded(a, words) != [] for a in term.alternatives if a.text.startswith(STEM)):
        return True
    # A thesaurus label typed in another form may still be carried by documents.
    concepts = [a for a in term.alternatives if a.text.startswith(CONCEPT)]
    return bool(concepts) and engine.any_match(
        engine.any_of(list(map(engine.alternative, concepts))), key
    )


def expanded(alternative: Alternative, words: Vocabulary) -> list[Alternative] | None:
    """The index's stems that a prefix alternative stands for (None: too many to list)."""
    if not alternative.prefix:
        return [alternative] if alternative.text in words.stem_set else []
    stems = words.with_prefix(alternative.text, MAX_EXPANSIONS)
    return None if stems is None else [Alternative(stem) for stem in stems]


def explicit(query: Query, words: Vocabulary) -> Query:
    """Stem prefixes replaced by the stems of the index they match: a prefix makes both
    engines merge the postings of every such stem before anything else (FTS5 reads them
    all; PostgreSQL's planner gives up on the GIN index), a short list of words does not."""
    if not words.stems:
        return query
    terms = []
    for term in query.terms:
        alternatives: dict[Alternative, None] = {}
        for alternative in term.alternatives:
            stems = expanded(alternative, words) if alternative.prefix else None
            alternatives.update(dict.fromkeys([alternative] if stems is None else stems))
        terms.append(Term(term.token, tuple(alternatives)))
    return Query(terms, query.extra)


def tolerate_typos(engine, key, query: Query, thesaurus, words: Vocabulary):
    """Replace absent terms by their closest vocabulary words. Also returns the suggestion
    words (the closest word, or the term itself) for "did you mean", and the replacement
    tokens (highlighted like the query's own)."""
    terms, suggested, replacements = [], [], []
    for term in query.terms:
        if present(engine, key, term, words):
            terms.append(term)
            suggested.append(term.token.key)
            continue
        candidates = words.closest(term.token.key, allowed_edits(term.token.key))
        if candidates:
            tokens = [t for word in candidates for t in analyse(word)[:1]]
            replacements += tokens
            terms.append(merged([term, *(term_for(t, thesaurus) for t in tokens)]))
        else:
            terms.append(term)
        near = candidates or words.closest(term.token.key, suggestion_edits(term.token.key), 1)
        suggested.append(near[0] if near else term.token.key)
    return Query(terms, query.extra), suggested, replacements
