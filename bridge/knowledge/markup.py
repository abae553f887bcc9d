"""Bodies: authors write Markdown (a limited HTML is allowed inside it); what is stored and shown
is the HTML that nh3 (the Rust `ammonia` sanitiser) lets through an allow-list. Scripts, styles,
iframes, forms, event handlers, inline styles and any link that is not http, https or mailto are
removed, whatever the Markdown renderer produced."""

import html
import math

import nh3
from markdown_it import MarkdownIt

TAGS = frozenset(
    {
        *("p", "br", "hr", "h2", "h3", "h4", "blockquote", "pre", "code"),
        *("strong", "em", "b", "i", "u", "s", "sub", "sup", "a"),
        *("ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"),
    }
)
ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
MAX_SOURCE = 60_000
WORDS_PER_MINUTE = 200

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def _shift_headings(tokens) -> None:
    """The page has the title as its h1: the text's headings start at h2."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(4, int(token.tag[1]) + 1)}"


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def render(source: str) -> str:
    """Markdown → safe HTML."""
    tokens = _markdown.parse((source or "")[:MAX_SOURCE])
    _shift_headings(tokens)
    return sanitise(_markdown.renderer.render(tokens, _markdown.options, {}))


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, for search and reading time."""
    text = nh3.clean(fragment or "", tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT))
    return " ".join(html.unescape(text).split())


def reading_minutes(fragment: str) -> int:
    return max(1, math.ceil(len(plain_text(fragment).split()) / WORDS_PER_MINUTE))
