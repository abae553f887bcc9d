"""Text analysis for Russian, Uzbek (Latin and Cyrillic) and English search.

Documents and queries go through the same functions, so whatever one side indexes the other
can find. Nothing here imports Django.
"""

from .detect import LANGUAGES, detect_language
from .normalise import normalise
from .thesaurus import Thesaurus
from .tokens import MAX_QUERY_TERMS, Token, analyse, query_terms
from .translit import cyrillic_to_latin
from .uzbek_stem import uzbek_stem
from .words import MAX_WORD_LENGTH

__all__ = [
    "LANGUAGES",
    "MAX_QUERY_TERMS",
    "MAX_WORD_LENGTH",
    "Thesaurus",
    "Token",
    "analyse",
    "cyrillic_to_latin",
    "detect_language",
    "normalise",
    "query_terms",
    "uzbek_stem",
]
