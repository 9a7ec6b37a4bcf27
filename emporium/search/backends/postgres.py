"""PostgreSQL: weighted full text, ranked, with a typo fallback, answered
in one statement.

The migrations add `search_vector`, a generated tsvector column (title A,
brand and category B, description C, config `english`) with a GIN index;
`facet_keys`, a text array holding each document's facet terms as
"name<US>value<US>label"; and `search_typo_vocab`, the words of titles and
brands with a GiST trigram index (both kept by `sync_documents` when
documents are written). Text is parsed with `websearch_to_tsquery`
("quoted phrases", -not, or). When that finds nothing, each query word is
replaced by its nearest vocabulary words (trigram distance, then
difflib's ratio) and full text runs again, so "tshrit" finds "T-Shirt"
and "blck jakcet" "Black Jacket", at the cost of two small statements.

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
from difflib import SequenceMatcher
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, FloatField, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL

from emporium.search.backends.base import (
    DatabaseSearchBackend,
    FacetCount,
    facets_from_counts,
)
from emporium.search.constants import (
    PRICE_BUCKET_BOUNDS,
    TYPO_NEIGHBOURS,
    TYPO_SIMILARITY,
    SearchSort,
)
from emporium.search.models import ProductSearchDocument, SearchFacetTerm
from emporium.search.types import Facets, SearchResults
from emporium.search.types import SearchQuery as Query

SEARCH_CONFIG = "english"  # also in the generated column (migration 0002)
KEY_SEPARATOR = "\x1f"  # ASCII unit separator: in no facet name or value
_WORD = re.compile(r"\w+", re.UNICODE)
# Typo fallback: query words shorter than this are left out; at most this
# many words are corrected, each into at most TYPO_CANDIDATES words.
MIN_TYPO_WORD = 3
MAX_TYPO_WORDS = 8
TYPO_CANDIDATES = 3
_VOCABULARY_SQL = f"""
    INSERT INTO search_typo_vocab (word, phrase)
    SELECT DISTINCT ON (word) word, phrase FROM (
        SELECT replace(token, '-', '') AS word, token AS phrase
          FROM {ProductSearchDocument._meta.db_table} AS d,
               regexp_split_to_table(
                   lower(d.title || ' ' || d.brand_name), '[^[:alnum:]-]+'
               ) AS token
         WHERE d.product_id = ANY(%s)
    ) AS words
    WHERE length(word) >= 3
    ORDER BY word, phrase
    ON CONFLICT (word) DO NOTHING
"""  # noqa: S608 - the table name is a constant
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
        """Full text again, each query word replaced by its nearest words in
        the vocabulary (any of them; every query word must still match)."""
        words = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))
        words = [w for w in words if len(w) >= MIN_TYPO_WORD][:MAX_TYPO_WORDS]
        if not words:
            return None
        corrections = _nearest_words(words)
        if not corrections:
            return None
        query = reduce(
            and_,
            [
                reduce(or_, [_plain(phrase) for phrase in phrases])
                for phrases in corrections.values()
            ],
        )
        return (
            docs.annotate(vector=_column("search_vector", SearchVectorField()))
            .filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
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


def _plain(phrase: str) -> SearchQuery:
    return SearchQuery(phrase, search_type="plain", config=SEARCH_CONFIG)


def _nearest_words(words: list[str]) -> dict[str, list[str]]:
    """{query word: phrases of its nearest vocabulary words}, one query.

    A word the vocabulary holds is kept as it is. Otherwise its
    `TYPO_NEIGHBOURS` nearest words by trigram distance (GiST index order)
    are candidates, and up to `TYPO_CANDIDATES` of them at least
    `TYPO_SIMILARITY` alike by difflib's ratio (which weighs letter order,
    unlike trigrams: "jakcet" is far from "jacket" in trigrams, close in
    letters) replace it. Words with none are left out.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT q.word, c.word, c.phrase
              FROM unnest(%s::text[]) AS q(word)
              CROSS JOIN LATERAL (
                  SELECT v.word, v.phrase FROM search_typo_vocab AS v
                   ORDER BY v.word <-> q.word
                   LIMIT %s
              ) AS c
            """,
            [words, TYPO_NEIGHBOURS],
        )
        rows = cursor.fetchall()
    scored: dict[str, list[tuple[float, str]]] = {}
    for word, candidate, phrase in rows:
        score = 2.0 if candidate == word else _likeness(word, candidate)
        if score >= TYPO_SIMILARITY:
            scored.setdefault(word, []).append((score, phrase))
    found = {}
    for word, candidates in scored.items():
        best = sorted(candidates, reverse=True)
        found[word] = [phrase for score, phrase in best if score > 1][:1] or [
            phrase for _, phrase in best[:TYPO_CANDIDATES]
        ]
    return found


def _likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def sync_documents(product_ids: Sequence[int]) -> None:
    """Bring the PostgreSQL-only parts of these documents up to date: their
    `facet_keys` and the typo vocabulary (call after writing the documents
    and terms, in the same transaction). Words of removed documents stay in
    the vocabulary: a correction to them finds nothing, which is harmless."""
    ids = list(product_ids)
    with connection.cursor() as cursor:
        cursor.execute(_VOCABULARY_SQL, [ids])
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {_DOCS} AS d SET facet_keys = coalesce(
                (SELECT array_agg(t.name || %s || t.value || %s || t.label)
                   FROM {_TERMS} AS t WHERE t.document_id = d.product_id),
                '{{}}')
             WHERE d.product_id = ANY(%s)
            """,  # noqa: S608 - table names are constants
            [KEY_SEPARATOR, KEY_SEPARATOR, ids],
        )
