"""Saved news pages and HTML fragments."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import ArticleDraft, ReadFailure
from annotator.core.sources.html_text import read_page

Write = Callable[[str, bytes | str], Path]
Read = Callable[..., ArticleDraft]
Fail = Callable[..., ReadFailure]

PARAGRAPHS = [
    "Dock workers at the port of Odesa walked off the job on Friday, halting grain shipments "
    "that the region depends on. The union said the strike would continue until wages rose.",
    "\u201cWe will not return until our demands are met,\u201d said union leader Petro "
    "Kovalenko, speaking to reporters outside the main terminal on Friday morning.",
    "The port handled 12 million tonnes of grain last year, according to official figures.",
    "Shipping companies said they were diverting vessels to other ports along the coast, a "
    "move that analysts said would raise costs for exporters and buyers in coming weeks.",
    "The ministry of infrastructure has called for talks between the union and the port "
    "authority to begin on Monday. A spokesperson declined to say whether it would intervene.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Port strike halts grain exports | Daily Courier</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Daily Courier">
<meta property="article:published_time" content="2020-10-02T08:30:00Z">
<link rel="canonical" href="https://courier.example/news/port-strike">
<style>body {{ font-family: serif; }} .x::after {{ content: "STYLE-TEXT"; }}</style>
<script>window.tracking = "HEAD-SCRIPT"; alert(1);</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
<a href="javascript:openMenu('NAV-JS-TARGET')">Menu</a></nav></header>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<main>
<article>
<h1>Port strike halts grain exports</h1>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<blockquote>{PARAGRAPHS[2]}</blockquote>
<p>{PARAGRAPHS[3]}</p>
<script>document.write("INLINE-SCRIPT-TEXT")</script>
<p>{PARAGRAPHS[4]}</p>
<iframe src="https://ads.example/frame"><p>IFRAME-FALLBACK-TEXT</p></iframe>
</article>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/a">Grain prices climb to record as harvest falters</a></li>
<li><a href="/b">Union talks stall over pension reform</a></li></ul></aside>
</main>
<footer><p>\u00a9 2020 Daily Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer>
</body>
</html>
"""

HOSTILE = """<html><head><title>T</title></head><body>
<p>Visible <a href="javascript:alert('JS-TARGET')">link text</a> here.</p>
<script>alert(1)</script>
<iframe srcdoc="<p>SRCDOC</p>"><p>IFRAME-CONTENT</p></iframe>
<noscript>NOSCRIPT-CONTENT</noscript><template><p>TEMPLATE-CONTENT</p></template>
<object data="x.swf">OBJECT-FALLBACK</object><svg><text>SVG-TEXT</text></svg>
<p hidden>HIDDEN-ATTR</p><p style="display: none">HIDDEN-STYLE</p>
<p aria-hidden="true">ARIA-HIDDEN</p><img src="x" alt="ALT-TEXT" onerror="alert(2)">
</body></html>"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_news_page_keeps_the_article_only(write: Write, read: Read, no_network: None) -> None:
    draft = read(write("page.html", NEWS_PAGE))
    assert draft.text == "\n\n".join(["Port strike halts grain exports", *PARAGRAPHS])
    for boilerplate in ("Home", "cookies", "Related", "Grain prices climb", "rights reserved"):
        assert boilerplate not in draft.text
    for code in ("HEAD-SCRIPT", "INLINE-SCRIPT", "STYLE-TEXT", "IFRAME", "NAV-JS-TARGET"):
        assert code not in draft.text


def test_news_page_metadata(write: Write, read: Read, no_network: None) -> None:
    draft = read(write("page.html", NEWS_PAGE))
    assert draft.title == "Port strike halts grain exports"
    assert draft.author == "Jane Doe"
    assert draft.source == "Daily Courier"
    assert draft.published == "2020-10-02"
    assert draft.url == "https://courier.example/news/port-strike"
    assert draft.language == "en"


def test_tiny_fragment(write: Write, read: Read, no_network: None) -> None:
    draft = read(write("frag.htm", "<p>Hello <b>brave</b>\n   new <i>world</i>!</p><p>Two.</p>"))
    assert draft.text == "Hello brave new world!\n\nTwo."
    assert draft.title == "Hello brave new world!"


def test_blocks_become_paragraphs(write: Write, read: Read) -> None:
    html = (
        "<title> Page  title </title><div>One<br>two</div><ul><li>item a</li><li>item b</li></ul>"
        "<h2>Sub</h2><section>Sec</section><table><tr><td>a</td><td>b</td></tr>"
        "<tr><th>c</th><td>d</td></tr></table><pre>  code\n    indented</pre>"
    )
    draft = read(write("a.html", html))
    assert draft.text == (
        "One\n\ntwo\n\nitem a\n\nitem b\n\nSub\n\nSec\n\na b\n\nc d\n\n  code\n    indented"
    )
    assert draft.title == "Page title"


def test_scripts_frames_and_javascript_links_are_dropped(write: Write, read: Read) -> None:
    draft = read(write("hostile.html", HOSTILE))
    assert draft.text == "Visible link text here."
    assert "javascript" not in draft.text
    assert "alert" not in draft.text


def test_page_reader_alone_drops_embedded_content() -> None:
    """The fallback walker must be safe by itself, not only after trafilatura."""
    assert read_page(HOSTILE).text == "Visible link text here."


def test_javascript_url_is_not_kept_as_metadata(write: Write, read: Read) -> None:
    html = '<link rel="canonical" href="javascript:alert(1)"><p>Text</p>'
    assert read(write("a.html", html)).url is None


def test_declared_legacy_charset(write: Write, read: Read) -> None:
    html = '<meta charset="windows-1252"><p>\u201cCaf\u00e9\u201d \u2014 ok</p>'.encode("cp1252")
    assert read(write("a.html", html)).text == "\u201cCaf\u00e9\u201d \u2014 ok"


def test_very_deep_nesting_does_not_crash(write: Write, read: Read) -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    assert read(write("deep.html", html)).text == "deep"


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<html><head><title>Empty</title></head><body></body></html>", "no visible text"),
        ("<script>only()</script>", "no visible text"),
        ("", "the file is empty"),
    ],
)
def test_pages_without_text_fail(write: Write, fail: Fail, html: str, message: str) -> None:
    path = write("empty.html", html)
    result = fail(path)
    assert result.message.startswith(f"{path}: ")
    assert message in result.message


def test_trafilatura_failure_falls_back_to_the_whole_page(
    write: Write, read: Read, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "extract", broken)
    draft = read(write("page.html", NEWS_PAGE))
    assert PARAGRAPHS[0] in draft.text
    assert "Grain prices climb" in draft.text  # no boilerplate removal without trafilatura
    assert "INLINE-SCRIPT" not in draft.text
