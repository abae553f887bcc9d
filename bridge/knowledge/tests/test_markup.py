"""Bodies are Markdown made safe by nh3: each way of running script in a page is removed, and
what authors need (headings, lists, tables, links) stays."""

import pytest

from bridge.knowledge.markup import plain_text, reading_minutes, render

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("Hi <script>alert(1)</script> there", ["<script", "alert(1)"]),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", ["<script", "evil.example"]),
        ('<iframe src="https://evil.example/"></iframe>', ["<iframe", "evil.example"]),
        ('<img src=x onerror="alert(1)">', ["onerror", "alert(1)", "<img"]),
        ('<p onclick="steal()">Click</p>', ["onclick", "steal()"]),
        ('<a href="javascript:alert(1)">x</a>', ["javascript:", "alert(1)"]),
        # Markdown refuses the link; what is left is harmless text, never a link.
        ("[x](javascript:alert(1))", ["<a ", "href"]),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', ["javascript", "alert(1)"]),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', ["data:"]),
        ("<style>body{display:none}</style>", ["<style", "display:none"]),
        ('<object data="x.swf"></object><embed src="x.swf">', ["<object", "<embed", "x.swf"]),
        ('<svg onload="alert(1)"><circle r="1"/></svg>', ["<svg", "onload", "alert(1)"]),
        ('<form action="https://evil.example"><input name="password"></form>', ["<form", "<input"]),
        ('<p style="background:url(javascript:alert(1))">x</p>', ["style=", "javascript"]),
        ('<a href="https://ok.example" onmouseover="alert(1)">x</a>', ["onmouseover", "alert(1)"]),
        ("<template><script>alert(1)</script></template>", ["<template", "alert(1)"]),
    ],
)
def test_each_vector_is_removed(source, forbidden):
    html = render(source).lower()
    for piece in forbidden:
        assert piece.lower() not in html, (source, html)


def test_what_authors_need_stays():
    html = render(
        "# Title\n\n## Rights\n\n**bold** *italic* ~~gone~~\n\n- one\n- two\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n[a link](https://example.org) "
        "<sup>2</sup> > quoted"
    )
    # The page has its own h1: the text's headings start at h2.
    assert "<h2>Title</h2>" in html and "<h3>Rights</h3>" in html
    for piece in (
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<li>one</li>",
        "<table>",
        "<sup>2</sup>",
    ):
        assert piece in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_reading_time_and_plain_text():
    html = render("word " * 450)
    assert reading_minutes(html) == 3
    assert reading_minutes(render("")) == 1
    assert plain_text(render("**Шёлк** &amp; <b>ipak</b>")) == "Шёлк & ipak"
