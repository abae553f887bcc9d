"""Marking matched words in original text: escaped HTML with <mark>…</mark>."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape

from bridge.search.analysis import Thesaurus, Token, analyse
from bridge.search.query import PREFIX_MIN

_WORD = re.compile(r"[^\W_]+(?:['`ʻʼ‘’´][^\W_]+)*")
SNIPPET_CHARS = 220


@dataclass(frozen=True)
class Matcher:
    keys: frozenset[str]
    stems: frozenset[str]
    concepts: frozenset[str]
    thesaurus: Thesaurus
    _memo: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_tokens(cls, tokens: list[Token], thesaurus: Thesaurus) -> Matcher:
        return cls(
            frozenset(k for t in tokens for k in (t.key, t.loose)),
            frozenset(s for t in tokens for s in t.stems),
            frozenset(thesaurus.concepts_direct(tokens)),
            thesaurus,
        )

    def _stem_hit(self, stem: str) -> bool:
        return stem in self.stems or any(
            len(q) >= PREFIX_MIN and stem.startswith(q) for q in self.stems
        )

    def matches(self, word: str) -> bool:
        folded = word.lower()
        if folded not in self._memo:
            self._memo[folded] = self._matches(folded)
        return self._memo[folded]

    def _matches(self, word: str) -> bool:
        for token in _tokens_of_word(word):
            if token.key in self.keys or token.loose in self.keys:
                return True
            if any(self._stem_hit(stem) for stem in token.stems):
                return True
            if self.concepts and not self.concepts.isdisjoint(self.thesaurus.concepts([token])):
                return True
        return False


@lru_cache(maxsize=100_000)
def _tokens_of_word(word: str) -> tuple[Token, ...]:
    # Result pages show the same words query after query; analysing each once saves most of
    # the highlighting time.
    return tuple(analyse(word))


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _hits(text: str, matcher: Matcher) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text) if matcher.matches(m.group())]


def highlight(text: str, matcher: Matcher) -> str:
    return _marked(text, _hits(text, matcher))


def snippet(text: str, matcher: Matcher, size: int = SNIPPET_CHARS) -> str:
    """About ``size`` characters of ``text`` around its first match, marked. Words past the
    snippet are not tested: a long description's were most of a page's highlighting time."""
    text = " ".join(text.split())
    words = _WORD.finditer(text)
    first = next((word for word in words if matcher.matches(word.group())), None)
    start = max(0, first.start() - size // 3) if first else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    hits = [first.span()] if first else []
    for word in words:  # after the first match
        if word.start() >= end:
            break
        if matcher.matches(word.group()):
            hits.append(word.span())
    visible = [(a - start, b - start) for a, b in hits if a >= start and b <= end]
    body = _marked(text[start:end], visible)
    return ("… " if start else "") + body + (" …" if end < len(text) else "")
