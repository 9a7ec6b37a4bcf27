"""PostgreSQL: weighted full text, ranked, with a trigram typo fallback,
answered in one statement.

The migrations add `search_vector`, a generated tsvector column (title A,
brand and category B, description C, config `english`) with a GIN index, a
GIN trigram index on `fuzzy_text`, and `facet_keys`, a text array holding
each document's facet terms as "name<US>value<US>label" (kept by
`sync_facet_keys` when documents are written). Text is parsed with
`websearch_to_tsquery` ("quoted phrases", -not, or). When that finds
nothing, each query word is compared with the words of title and brand by
trigram word similarity, so "tshrit" still finds "T-Shirt".

A search is ONE statement: the matching documents are computed once into a
materialised CTE (narrow rows: id, rank, price, stock, date, facet keys),
and the totals, price buckets, the page of ids and the facet counts are
read from it. The shared ORM path (`DatabaseSearchBackend.search`) would
match the documents three times and join the terms table for facets,
which at 100,000 products costs several times more (docs/performance.md).
"""

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import reduce
from operator import add, or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL

from emporium.search.backends.base import (
    DatabaseSearchBackend,
    FacetCount,
    facets_from_counts,
)
from emporium.search.constants import PRICE_BUCKET_BOUNDS, TYPO_SIMILARITY, SearchSort
from emporium.search.models import ProductSearchDocument, SearchFacetTerm
from emporium.search.types import Facets, SearchResults
from emporium.search.types import SearchQuery as Query

SEARCH_CONFIG = "english"  # also in the generated column (migration 0002)
KEY_SEPARATOR = "\x1f"  # ASCII unit separator: in no facet name or value
_WORD = re.compile(r"\w+", re.UNICODE)
_DOCS = ProductSearchDocument._meta.db_table
_TERMS = SearchFacetTerm._meta.db_table


def _column(name: str, output_field) -> RawSQL:
    # Columns only PostgreSQL has (migrations 0002, 0004), so the model
    # cannot declare them; the names are constants, nothing user-supplied.
    return RawSQL(f'"{_DOCS}"."{name}"', [], output_field=output_field)  # noqa: S611


class PostgresSearchBackend(DatabaseSearchBackend):
    def match_text(self, docs: QuerySet, text: str) -> QuerySet:
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            docs.annotate(vector=_column("search_vector", SearchVectorField()))
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

    def search(self, query: Query) -> SearchResults:
        docs = self._filtered(query)
        text = " ".join(query.text.split())
        if not text:
            unranked = docs.annotate(rank=Value(0.0, output_field=FloatField()))
            return self._answer(unranked, query, ranked=False)
        results = self._answer(self.match_text(docs, text), query, ranked=True)
        if results.total == 0:
            fuzzy = self.match_fuzzy(docs, text)
            if fuzzy is not None:
                results = self._answer(fuzzy, query, ranked=True)
                results = replace(results, is_fuzzy=True)
        return results

    def _answer(self, matched: QuerySet, query: Query, *, ranked: bool):
        inner = matched.values(
            doc_id=F("pk"),
            doc_rank=F("rank"),
            price=F("min_price_amount"),
            in_stock=F("is_in_stock"),
            created=F("product_created_at"),
            keys=_column("facet_keys", ArrayField(TextField())),
        )
        inner_sql, inner_params = inner.query.sql_with_params()
        order = _order_by(query, ranked=ranked)
        buckets = ", ".join(
            f"count(*) FILTER (WHERE {_bucket_sql(i)})"
            for i in range(len(PRICE_BUCKET_BOUNDS))
        )
        sql = f"""
            WITH m AS MATERIALIZED ({inner_sql})
            SELECT
              (SELECT ARRAY[count(*), count(*) FILTER (WHERE in_stock), {buckets}]
                 FROM m),
              (SELECT array_agg(doc_id ORDER BY {order})
                 FROM (SELECT * FROM m ORDER BY {order} LIMIT %s OFFSET %s) page),
              (SELECT array_agg(key) || array_agg(n::text)
                 FROM (SELECT key, count(*) AS n
                         FROM (SELECT unnest(keys) AS key FROM m) terms
                        GROUP BY key) counted)
        """  # noqa: S608 - names and orders are constants; values are params
        params = [
            *inner_params,
            *_bucket_params(),
            query.limit,
            query.offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counts, page, flat_facets = cursor.fetchone()
        totals = _totals(counts)
        if totals["total"] == 0:
            return SearchResults([], 0, Facets(), query.page, query.limit)
        facets = facets_from_counts(_facet_counts(flat_facets or []), totals=totals)
        return SearchResults(
            list(page or []), totals["total"], facets, query.page, query.limit
        )


def _order_by(query: Query, *, ranked: bool) -> str:
    match SearchSort(query.sort or SearchSort.RELEVANCE):
        case SearchSort.PRICE_ASC:
            first = ["price ASC NULLS LAST"]
        case SearchSort.PRICE_DESC:
            first = ["price DESC NULLS LAST"]
        case SearchSort.NEWEST:
            first = []
        case _:
            # Without text there is no relevance: newest first.
            first = ["doc_rank DESC"] if ranked else []
    return ", ".join([*first, "created DESC", "doc_id DESC"])


def _bucket_sql(index: int) -> str:
    if index + 1 < len(PRICE_BUCKET_BOUNDS):
        return "price >= %s AND price < %s"
    return "price >= %s"


def _bucket_params() -> list:
    params = []
    for index, low in enumerate(PRICE_BUCKET_BOUNDS):
        params.append(low)
        if index + 1 < len(PRICE_BUCKET_BOUNDS):
            params.append(PRICE_BUCKET_BOUNDS[index + 1])
    return params


def _totals(counts: Sequence[int]) -> dict:
    total, in_stock, *buckets = counts
    return {
        "total": total,
        "in_stock": in_stock,
        **{f"bucket_{i}": n for i, n in enumerate(buckets)},
    }


def _facet_counts(flat: list[str]) -> list[FacetCount]:
    # Keys then their counts, in one array (see the statement).
    half = len(flat) // 2
    counts = []
    for key, n in zip(flat[:half], flat[half:], strict=True):
        name, value, label = key.split(KEY_SEPARATOR, 2)
        counts.append(FacetCount(name, value, label, int(n)))
    return counts


def sync_facet_keys(product_ids: Sequence[int]) -> None:
    """Copy the facet terms of these documents into their `facet_keys`
    (call after writing the terms, in the same transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {_DOCS} AS d SET facet_keys = coalesce(
                (SELECT array_agg(t.name || %s || t.value || %s || t.label)
                   FROM {_TERMS} AS t WHERE t.document_id = d.product_id),
                '{{}}')
             WHERE d.product_id = ANY(%s)
            """,  # noqa: S608 - table names are constants
            [KEY_SEPARATOR, KEY_SEPARATOR, list(product_ids)],
        )
