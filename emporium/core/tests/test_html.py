"""Sanitising rich text: scripts and handlers go, formatting stays."""

import pytest

from emporium.core.html import sanitize_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Soft <strong>cotton</strong></p>", "<p>Soft <strong>cotton</strong></p>"),
        ("<ul><li>one</li></ul>", "<ul><li>one</li></ul>"),
        ('<p onclick="steal()">hi</p>', "<p>hi</p>"),
        ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
        ('<p style="color:red">x</p>', "<p>x</p>"),
        ('<iframe src="https://evil"></iframe>ok', "ok"),
        ("<img src=x onerror=alert(1)>", ""),
        ("", ""),
    ],
)
def test_sanitize_html_keeps_formatting_and_drops_active_content(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_sanitize_html_drops_javascript_links_and_marks_others_nofollow():
    result = sanitize_html(
        '<a href="javascript:alert(1)">a</a><a href="https://example.com">b</a>'
    )

    assert "javascript" not in result
    assert (
        '<a href="https://example.com" rel="nofollow noopener noreferrer">b</a>'
        in result
    )
