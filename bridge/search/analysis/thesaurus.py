"""Concept thesaurus: labels in ru / uz / en → concept ids, with broader-concept ancestors.

Labels go through the same analyser as documents and queries. A one-word label matches a
token by key, loose key or any shared stem; a longer label matches as a phrase of
consecutive tokens, each compared the same way.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import yaml

from .tokens import STOPWORDS, Token, analyse

KINDS = frozenset(
    (  # noqa: SIM905
        "category fibre fabric material craft technique colour certification pattern product "
        "place story games film animation design fashion music business"
    ).split()
)
LABEL_LANGUAGES = ("ru", "uz", "en")
_FIELDS = frozenset({"id", "kind", "broader", "heritage", *LABEL_LANGUAGES})
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

Signature = tuple[str, str]
Phrase = tuple[str, tuple[Token, ...]]
_Lookup = tuple[frozenset[str], dict[Signature, tuple[Phrase, ...]]]
_NO_PHRASES: dict = {}  # never written to
_MAX_LOOKUPS = 500_000  # distinct words remembered per thesaurus (~150 MB at most)


def _signatures(token: Token) -> list[Signature]:
    return [("key", token.key), ("loose", token.loose), *(("stem", s) for s in token.stems)]


def _same_word(token: Token, label: Token) -> bool:
    return (
        token.key == label.key
        or token.loose == label.loose
        or not set(token.stems).isdisjoint(label.stems)
    )


def concept_validated(raw: object, index: int) -> dict:
    where = f"thesaurus concept #{index}"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: expected a mapping, got {type(raw).__name__}")
    concept_id = raw.get("id")
    if not isinstance(concept_id, str) or not _SLUG.match(concept_id):
        raise ValueError(f"{where}: id {concept_id!r} is not an ascii slug")
    where = f"thesaurus concept {concept_id!r}"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}; allowed {sorted(_FIELDS)}")
    if raw.get("kind") not in KINDS:
        raise ValueError(f"{where}: kind {raw.get('kind')!r} is not one of {sorted(KINDS)}")
    lists = {}
    for field in (*LABEL_LANGUAGES, "broader"):
        values = raw.get(field) or []
        if not isinstance(values, list) or not all(
            isinstance(value, str) and value.strip() for value in values
        ):
            raise ValueError(f"{where}: {field} must be a list of non-empty strings")
        lists[field] = values
    if not any(lists[language] for language in LABEL_LANGUAGES):
        raise ValueError(f"{where}: no labels")
    heritage = raw.get("heritage", False)
    if not isinstance(heritage, bool):
        raise ValueError(f"{where}: heritage must be true or false")
    return {"id": concept_id, "kind": raw["kind"], "heritage": heritage, **lists}


class Thesaurus:
    """Lookups are built once; matching costs O(tokens × longest phrase)."""

    def __init__(self, concepts: Iterable[Mapping]) -> None:
        validated = [concept_validated(raw, index) for index, raw in enumerate(concepts)]
        self._kinds: dict[str, str] = {}
        self._labels: dict[str, dict[str, tuple[str, ...]]] = {}
        broader: dict[str, tuple[str, ...]] = {}
        for concept in validated:
            if concept["id"] in self._kinds:
                raise ValueError(f"thesaurus concept {concept['id']!r}: duplicate id")
            self._kinds[concept["id"]] = concept["kind"]
            self._labels[concept["id"]] = {
                language: tuple(concept[language]) for language in LABEL_LANGUAGES
            }
            broader[concept["id"]] = tuple(concept["broader"])
        self._heritage = frozenset(c["id"] for c in validated if c["heritage"])
        for concept_id, parents in broader.items():
            for parent in parents:
                if parent not in self._kinds:
                    raise ValueError(
                        f"thesaurus concept {concept_id!r}: unknown broader id {parent!r}"
                    )
        self._ancestors = {concept_id: _ancestors(concept_id, broader) for concept_id in broader}
        self._words: dict[Signature, set[str]] = defaultdict(set)
        self._phrases: dict[Signature, list[Phrase]] = defaultdict(list)
        for concept in validated:
            self._add_labels(concept)
        # Documents repeat words (Zipf): the signature lookups of a word are done once per
        # thesaurus, which halves the analysis cost of an index build.
        self._lookups: dict[tuple[str, str, tuple[str, ...]], _Lookup] = {}

    def _add_labels(self, concept: dict) -> None:
        for language in LABEL_LANGUAGES:
            for label in concept[language]:
                tokens = _content(analyse(label, language))
                if not tokens:
                    raise ValueError(
                        f"thesaurus concept {concept['id']!r}: label {label!r} has no words"
                    )
                if len(tokens) == 1:
                    for signature in _signatures(tokens[0]):
                        self._words[signature].add(concept["id"])
                else:
                    phrase = (concept["id"], tokens)
                    for signature in set(_signatures(tokens[0])):
                        self._phrases[signature].append(phrase)

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> Thesaurus:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if not isinstance(data, list):
            raise ValueError(f"{os.fspath(path)}: expected a list of concepts")
        return cls(data)

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._kinds

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self._kinds)

    def kind(self, concept_id: str) -> str:
        return self._kinds[concept_id]

    @property
    def heritage_ids(self) -> frozenset[str]:
        """The heritage themes: stories, crafts and places the platform has pages about."""
        return self._heritage

    def labels(self, concept_id: str, language: str) -> tuple[str, ...]:
        """The concept's labels in ``language`` (ru, uz or en), the preferred one first."""
        return self._labels[concept_id].get(language, ())

    def label(self, concept_id: str, language: str) -> str:
        """The preferred label in ``language`` (ru, uz, en; uz-Cyrl gets the Uzbek one, which
        the caller transliterates), else in English, Russian, Uzbek, else the id."""
        labels = self._labels.get(concept_id, {})
        for code in (language[:2].lower(), "en", "ru", "uz"):
            if labels.get(code):
                return labels[code][0]
        return concept_id

    def ancestors(self, concept_id: str) -> frozenset[str]:
        """Every concept reachable through broader links, excluding the concept itself."""
        return self._ancestors[concept_id]

    def concepts_direct(self, tokens: Sequence[Token]) -> set[str]:
        """Ids of concepts whose labels occur in ``tokens``."""
        found: set[str] = set()
        tokens = _content(tokens)
        last = len(tokens) - 1
        for index, token in enumerate(tokens):
            words, phrases = self._lookup(token)
            found.update(words)
            if not phrases or index == last:
                continue
            following = tokens[index + 1]
            if not 0 < following.position - token.position <= _MAX_GAP:
                continue
            # Only the phrases whose second word is the following token's are tried: a common
            # first word (ткань, ipak) starts dozens of phrases, and trying each cost a third
            # of the analysis of an index build.
            for signature in _signatures(following):
                for concept_id, label in phrases.get(signature, ()):
                    if concept_id not in found and _phrase_at(tokens, index, label):
                        found.add(concept_id)
        return found

    def _lookup(self, token: Token) -> _Lookup:
        """(concepts of one-word labels, phrases starting with a label word by the signatures
        of their second word) for ``token``."""
        signature = (token.key, token.loose, token.stems)
        lookup = self._lookups.get(signature)
        if lookup is None:
            words: set[str] = set()
            phrases: dict[int, Phrase] = {}
            for part in _signatures(token):
                words.update(self._words.get(part, ()))
                for phrase in self._phrases.get(part, ()):
                    phrases[id(phrase)] = phrase
            by_second: dict[Signature, list[Phrase]] = defaultdict(list)
            for phrase in phrases.values():
                for second in dict.fromkeys(_signatures(phrase[1][1])):
                    by_second[second].append(phrase)
            # Most words start no phrase: they share one empty mapping (up to _MAX_LOOKUPS).
            grouped = {s: tuple(p) for s, p in by_second.items()} or _NO_PHRASES
            lookup = (frozenset(words), grouped)
            if len(self._lookups) < _MAX_LOOKUPS:
                self._lookups[signature] = lookup
        return lookup

    def concepts(self, tokens: Sequence[Token]) -> set[str]:
        """concepts_direct() plus all their ancestors."""
        direct = self.concepts_direct(tokens)
        return direct.union(*(self._ancestors[concept_id] for concept_id in direct))


def _content(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """The tokens without function words (all of them when nothing else is left)."""
    content = tuple(token for token in tokens if token.key not in STOPWORDS)
    return content or tuple(tokens)


def _phrase_at(tokens: Sequence[Token], start: int, label: tuple[Token, ...]) -> bool:
    """Whether ``label`` (function words dropped) starts at ``tokens[start]``: the words follow
    each other with at most one word (a function word: резьба по дереву) between them. The
    first word is the same already: the phrase was found under one of its signatures."""
    if start + len(label) > len(tokens):
        return False
    previous = tokens[start]
    # A plain loop, cheapest test first: indexing tries ~50 phrases per document.
    for token, label_token in zip(tokens[start + 1 : start + len(label)], label[1:], strict=True):
        if not 0 < token.position - previous.position <= _MAX_GAP:
            return False
        if not _same_word(token, label_token):
            return False
        previous = token
    return True


_MAX_GAP = 2


def _ancestors(concept_id: str, broader: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    seen: set[str] = set()
    pending = list(broader[concept_id])
    while pending:
        parent = pending.pop()
        if parent not in seen:
            seen.add(parent)
            pending.extend(broader[parent])
    seen.discard(concept_id)  # a cycle through the concept itself adds nothing
    return frozenset(seen)
