"""PostgreSQL: weighted full text, ranked, with a trigram typo fallback.

The migration adds `search_vector`, a generated tsvector column (title A,
brand and category B, description C, config `english`) with a GIN index,
and a GIN trigram index on `fuzzy_text`. Text is parsed with
`websearch_to_tsquery` ("quoted phrases", -not, or). When that finds
nothing, each query word is compared with the words of title and brand by
trigram word similarity, so "tshrit" still finds "T-Shirt".
"""

import re
from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from emporium.search.backends.base import DatabaseSearchBackend
from emporium.search.constants import TYPO_SIMILARITY
from emporium.search.models import ProductSearchDocument

SEARCH_CONFIG = "english"  # also in the generated column (migration 0001)
_WORD = re.compile(r"\w+", re.UNICODE)


def _vector() -> RawSQL:
    table = ProductSearchDocument._meta.db_table
    # The column exists only on PostgreSQL (migration 0002), so the model
    # cannot declare it; the name is a constant, nothing user-supplied.
    return RawSQL(  # noqa: S611
        f'"{table}"."search_vector"', [], output_field=SearchVectorField()
    )


class PostgresSearchBackend(DatabaseSearchBackend):
    def match_text(self, docs: QuerySet, text: str) -> QuerySet:
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            docs.annotate(vector=_vector())
            .filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
        )

    def match_fuzzy(self, docs: QuerySet, text: str) -> QuerySet | None:
        words = [w.lower() for w in _WORD.findall(text) if len(w) >= 3][:8]
        if not words:
            return None
        names = [f"similarity_{i}" for i in range(len(words))]
        docs = docs.annotate(
            **{
                name: TrigramWordSimilarity(word, "fuzzy_text")
                for name, word in zip(names, words, strict=True)
            }
        )
        matches = reduce(or_, [Q(**{f"{n}__gte": TYPO_SIMILARITY}) for n in names])
        return docs.filter(matches).annotate(
            rank=reduce(add, [F(name) for name in names])
        )
