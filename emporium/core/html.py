"""Sanitising rich text that users write (product and shop descriptions).

Stored HTML is cleaned once, by the service that writes it, with `nh3`
(a Rust HTML sanitiser): scripts, event handlers, styles and unknown tags
go; basic formatting, lists, headings, tables and plain links stay.
Templates may then mark the stored value safe.
"""

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "small", "mark", "code", "pre", "blockquote", "ul", "ol", "li",
        "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "a", "abbr",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """Return `html` with only the allowed tags, attributes and link schemes.

    Links get `rel="nofollow noopener noreferrer"`: text from vendors must
    neither pass page rank nor reach the opener window.
    """
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
    ).strip()
