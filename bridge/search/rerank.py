"""Backend-independent relevance for the first RERANK_DEPTH results.

FTS5's bm25 and PostgreSQL's ts_rank order the same matches differently, so the backend's
score only chooses the candidates; their final order comes from this scorer, computed from the
stored token strings — identical on both databases. Per query term it takes the best field
match (title 3 > keywords 2 > body 1; exact word 1.0 > stem 0.75 > thesaurus concept 0.5,
damped by the field's length), plus a quarter of its matches in the other fields. A description
that shares no stem or concept with the listing's title and keywords counts half (UNANCHORED).
"""

from __future__ import annotations

from bridge.search.documents import CONCEPT, STEM
from bridge.search.query import Alternative, Query

RERANK_DEPTH = 100
FIELD_WEIGHTS = {"title": 3.0, "keywords": 2.0, "body": 1.0}
# What a listing is called and tagged with: the phrase tier and the first candidates of a huge
# result set come from these fields only.
HEAD_FIELDS = ("title", "keywords")
EXACT, STEMMED, CONCEPTUAL = 1.0, 0.75, 0.5
LENGTH_DAMPING = 0.05
# Keywords are a list of tags, each one said of the listing, not prose in which a word is
# diluted by the rest: a long tag list (categories in three languages, then the supplier's
# tags) is damped far less, so a listing tagged «кожа» outranks a short made-up one whose
# description names it in passing (issue 14).
DAMPING = {"keywords": 0.02}
# A description with nothing in common with its own title and keywords (no shared stem or
# concept) is not about the listing those name: text pasted from elsewhere, or a list of
# words that catch searches. Its matches count this much. A real description restates what
# the title calls the thing («kigiz», felt) and so keeps its full weight (issue 14).
UNANCHORED = 0.5
# The highest Ranker score a one-word query gives an entry matching it in the body alone: the
# exact word in a one-word body. A title or keyword match scoring at least this needs no body
# match to be ranked against (selectors._head_suffices).
BEST_BODY_ONLY = FIELD_WEIGHTS["body"] * EXACT / (1 + LENGTH_DAMPING)


def parse_field(tokens: str, weight: float, damping: float = LENGTH_DAMPING) -> tuple[str, float]:
    """One stored token string padded with spaces, and its weight damped by its length. Every
    membership test is then a substring search (" word ", " s_stem" for a prefix), done in C,
    without splitting the string. A tuple, not an object: the re-ranker parses three fields of
    up to a thousand entries a search, and a frozen dataclass for each took half the parse."""
    padded = f" {tokens.strip()} "
    return padded, weight / (1 + damping * _plain(padded))


def _plain(padded: str) -> int:
    """The plain words of a padded token string: they come first, then stems (s_) and
    concepts (c_); keys never hold "_"."""
    end = padded.find(" " + STEM)
    concept = padded.find(" " + CONCEPT)
    if end < 0 or 0 <= concept < end:
        end = concept
    if end < 0:
        end = len(padded) - 1
    return padded.count(" ", 0, end) if len(padded) > 2 else 0


def plain_words(tokens: str) -> int:
    """The length a field's weight is damped by (parse_field), stored with each entry for its
    description (SearchEntry.body_words), so that bounds need not read the description."""
    return _plain(f" {tokens.strip()} ")


def _anchored(body: str, head: list[str]) -> bool:
    """Whether the padded description shares a stem or concept with the padded title or
    keywords (the tokens that carry meaning across languages); tested as substring searches,
    stopping at the first shared one, which a real description reaches within its first few."""
    for padded in head:
        at = padded.find(" " + STEM)
        if at < 0:
            at = padded.find(" " + CONCEPT)
        if at >= 0 and any(f" {t} " in body for t in padded[at:].split()):
            return True
    return False


def anchored(fields: dict[str, str]) -> bool:
    """Whether the description is about what the title and keywords name (_anchored). Stored
    with each entry at indexing time, so the backends choose candidates as this scorer ranks
    them: an unanchored description's matches count UNANCHORED there too (issue 14). No
    description is nothing to weigh down: SQLite scales the whole score of an unanchored entry."""
    if not (fields.get("body") or "").strip():
        return True
    title, keywords, body = (
        parse_field(fields.get(name) or "", weight)[0] for name, weight in FIELD_WEIGHTS.items()
    )
    return _anchored(body, [title, keywords])


_TITLE, _KEYWORDS, _BODY = FIELD_WEIGHTS.values()
_KEYWORDS_DAMPING = DAMPING.get("keywords", LENGTH_DAMPING)


def _parsed(fields: dict[str, str], anchored: bool | None = None) -> tuple[list[str], list[float]]:
    """The padded title, keywords and body, and their norms (UNANCHORED applied)."""
    title, title_norm = parse_field(fields.get("title") or "", _TITLE)
    keywords, keywords_norm = parse_field(
        fields.get("keywords") or "", _KEYWORDS, _KEYWORDS_DAMPING
    )
    body, body_norm = parse_field(fields.get("body") or "", _BODY)
    if anchored is None:
        anchored = _anchored(body, [title, keywords])
    if not anchored:
        body_norm *= UNANCHORED
    return [title, keywords, body], [title_norm, keywords_norm, body_norm]


class Ranker:
    """(tier, score) of an entry for one query, from its stored token strings. The query is
    compiled once, each alternative to a substring and a strength, and each alternative is
    tested once per field and entry, for the score and the tier alike: testing each
    alternative through a method call, twice, was 65 µs an entry, 8 of a search's ~35 ms.

    The score: per query term, the best field match (norm × strength, over the term's
    alternatives) plus a quarter of the term's matches in the other fields.

    The tier, as the backends' tiers: 2 when every term matches some field, + 1 for the exact
    phrase in the title or keywords. Not in the body: a description that names the phrase in
    passing must not outrank a listing called by it (issue 14).

    Matching every term earns the tier only for a listing whose title or keywords match the
    query somewhere: one that is about it. A description that merely mentions all the words
    (a long text about something else, or thousands of them in a large catalog) stays in tier
    0 and is ordered by its score with the listings that match fewer terms, so a lace collar
    tagged «кружево» is not pushed off the page by passing mentions of «кружево на
    коклюшках». A thesaurus concept that the query names as a phrase («bobbin lace») matches
    the whole phrase: a listing carrying it matches every term."""

    def __init__(self, query: Query) -> None:
        # The query's terms, then each extra alternative (a concept named by the whole
        # query) as a group of its own.
        self.groups = [[_compiled(a) for a in term.alternatives] for term in query.terms]
        self.groups += [[_compiled(a)] for a in query.extra]
        self.terms = len(query.terms)
        self.phrase = " " + " ".join(query.phrase) + " "
        self._bounded = [(group, max(s for _needle, s in group)) for group in self.groups]

    def __call__(self, fields: dict[str, str], anchored: bool | None = None) -> tuple[int, float]:
        """``anchored``: the entry's stored flag (rerank.anchored at indexing), which spares
        computing it again; None computes it."""
        padded, norms = _parsed(fields, anchored)
        # matched[group][field]: the group's best strength in that field
        matched = []
        total = 0.0
        for group in self.groups:
            row = []
            for text in padded:
                strength = 0.0
                for needle, s in group:
                    if s > strength and needle in text:
                        strength = s
                row.append(strength)
            matched.append(row)
            contributions = [norm * strength for norm, strength in zip(norms, row, strict=True)]
            best = max(contributions)
            total += best + 0.25 * (sum(contributions) - best)
        return self._tier(padded, matched), round(total, 9)

    def bounds(
        self, title: str, keywords: str, anchored: bool, body_words: int = 0
    ) -> tuple[tuple, tuple]:
        """The least and the most (tier, score) that ``__call__`` can give an entry with this
        title and these keywords, whatever its description holds: the description only adds to
        a term's contribution, at most its norm (1 / (1 + damping × ``body_words``), its plain
        words as stored; 0 bounds any) times the term's strongest alternative, and can complete
        the terms a tier needs, never the phrase. So most candidates are ranked out without
        reading and inflating their descriptions (candidates.scored_candidates)."""
        title, title_norm = parse_field(title or "", _TITLE)
        keywords, keywords_norm = parse_field(keywords or "", _KEYWORDS, _KEYWORDS_DAMPING)
        body_most = (_BODY if anchored else _BODY * UNANCHORED) / (1 + LENGTH_DAMPING * body_words)
        low = high = 0.0
        named = []  # per group: whether the title or keywords match it
        for group, strongest in self._bounded:
            in_title = in_keywords = 0.0
            for needle, s in group:
                if s > in_title and needle in title:
                    in_title = s
                if s > in_keywords and needle in keywords:
                    in_keywords = s
            best, other = title_norm * in_title, keywords_norm * in_keywords
            if other > best:
                best, other = other, best
            low += best + 0.25 * other
            body = body_most * strongest
            high += body + 0.25 * (best + other) if body > best else best + 0.25 * (other + body)
            named.append(best > 0)
        if self.terms < 2 or not any(named):
            return (0, low), (0, high)
        exact = 1 if self.phrase in title or self.phrase in keywords else 0
        every = any(named[self.terms :]) or all(named[: self.terms])
        return ((2 if every else 0) + exact, low), (2 + exact, high)

    def _tier(self, padded: list[str], matched: list[list[float]]) -> int:
        if self.terms < 2:
            return 0
        heads = len(HEAD_FIELDS)
        if not any(any(row[:heads]) for row in matched):  # not about the query
            return 0
        every = any(any(row) for row in matched[self.terms :]) or all(
            any(row) for row in matched[: self.terms]
        )
        exact = any(self.phrase in text for text in padded[:heads])  # title, keywords
        return (2 if every else 0) + (1 if exact else 0)


def _compiled(alternative: Alternative) -> tuple[str, float]:
    """The substring of a padded token string that holds ``alternative``, and its strength:
    exact word 1.0 > stem 0.75 (a prefix stem: any stem it starts) > concept 0.5."""
    text = alternative.text
    if text.startswith(CONCEPT):
        return f" {text} ", CONCEPTUAL
    if text.startswith(STEM):
        return (f" {text}" if alternative.prefix else f" {text} "), STEMMED
    return f" {text} ", EXACT


def head_impacts(fields: dict[str, str]) -> dict[str, float]:
    """What each token of the title and keywords adds to the Ranker score for a query term
    matching it there, as the head postings store it (bridge.search.head): the best of the two
    fields' contributions plus a quarter of the other, the token's kind (word, stem, concept)
    setting its strength. The body is left out: the head is what a listing is called and
    tagged with. Written for every entry indexed, so from sets rather than substring tests."""
    # Per field, each token's contribution; its kind (word, stem, concept) from its prefix.
    per_field: list[dict[str, float]] = []
    for name in HEAD_FIELDS:
        words = (fields.get(name) or "").split()
        # parse_field's length: the plain words, which come before every stem and concept
        length = next(
            (at for at, word in enumerate(words) if word.startswith((STEM, CONCEPT))), len(words)
        )
        norm = FIELD_WEIGHTS[name] / (1 + DAMPING.get(name, LENGTH_DAMPING) * length)
        exact, stemmed, conceptual = norm * EXACT, norm * STEMMED, norm * CONCEPTUAL
        values = dict.fromkeys(words[:length], exact)
        for token in words[length:]:
            values[token] = (
                conceptual
                if token.startswith(CONCEPT)
                else stemmed
                if token.startswith(STEM)
                else exact
            )
        per_field.append(values)
    title, keywords = per_field  # HEAD_FIELDS
    impacts = {**keywords, **title}
    for token in title.keys() & keywords.keys():
        both = title[token] + keywords[token]
        best = max(title[token], keywords[token])
        impacts[token] = best + 0.25 * (both - best)
    return impacts
