"""Typo tolerance and "did you mean", over an index's vocabulary (SearchWord rows).

The vocabulary also holds the index's stems ("s_" + stem, never a word: keys hold no "_"),
which turn stem-prefix alternatives into explicit lists (selectors._explicit).

Words are compared in their folded form (Cyrillic transliterated, ʻ/ʼ dropped), so «шелкоый»
and "shelkoviy" are one edit from each other whatever script the query was typed in.
The vocabulary is cached per process and reloaded when the index gained words.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bridge.search.documents import STEM, fold
from bridge.search.models import SearchWord


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


def vocabulary(key: str) -> Vocabulary:
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
