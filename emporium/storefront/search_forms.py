"""The search page's filter form: it turns query parameters into a
`SearchQuery`. An invalid value is reported on the form and otherwise
ignored, so a hand-edited URL never breaks the page. One exception: a page
number past the last page (or past `MAX_PAGE`) names a page that does not
exist, and the views answer 404, as Django's paginator does; a malformed
one (`abc`, `0`, `-1`) is ignored like any bad value: page 1."""

import re

from django import forms

from emporium.search.constants import MAX_QUERY_LENGTH, SearchSort
from emporium.search.types import SearchQuery, SearchResults

ATTRIBUTE_PREFIX = "attr_"
MAX_PAGE = 1000
_SLUG = re.compile(r"^[-\w]{1,100}$")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH)
    category = forms.SlugField(required=False)
    shop = forms.SlugField(required=False)
    brand = forms.SlugField(required=False)
    min_price = forms.DecimalField(
        required=False, min_value=0, max_digits=12, decimal_places=2
    )
    max_price = forms.DecimalField(
        required=False, min_value=0, max_digits=12, decimal_places=2
    )
    in_stock = forms.BooleanField(required=False)
    sort = forms.ChoiceField(required=False, choices=SearchSort.choices)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def attributes(self) -> dict[str, list[str]]:
        """`attr_<code>` parameters (several values each), well-formed ones only."""
        chosen: dict[str, list[str]] = {}
        for key in self.data:
            code = key.removeprefix(ATTRIBUTE_PREFIX)
            if key.startswith(ATTRIBUTE_PREFIX) and _SLUG.match(code):
                values = [v for v in self.data.getlist(key) if _SLUG.match(v)]
                if values:
                    chosen[code] = values
        return chosen

    def asks_past_max_page(self) -> bool:
        """The page asked for is a number past `MAX_PAGE`: no such page."""
        self.is_valid()
        return self.has_error("page", code="max_value")

    def to_query(self, *, page_size: int) -> SearchQuery:
        self.is_valid()
        # Only fields that validated are in cleaned_data: a bad one is ignored.
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        return SearchQuery(
            text=data.get("q", ""),
            category=data.get("category"),
            shop=data.get("shop"),
            brand=data.get("brand"),
            min_price=data.get("min_price"),
            max_price=data.get("max_price"),
            in_stock=True if data.get("in_stock") else None,
            attributes=self.attributes(),
            sort=data.get("sort") or SearchSort.RELEVANCE,
            page=data.get("page") or 1,
            page_size=page_size,
        )


def facet_context(query: SearchQuery, results: SearchResults) -> dict:
    """What the facet sidebar (`search/_facets.html`) needs, on any page."""
    return {
        "attribute_facets": [
            (code.replace("_", " ").capitalize(), code, values)
            for code, values in results.facets.attributes.items()
        ],
        "selected_attributes": {
            f"{code}:{value}"
            for code, values in query.attributes.items()
            for value in values
        },
    }
