"""SQLite: FTS5 (`search_fts`, rowid = product id) with bm25 ranking.

Every query word is a prefix term ("shi" finds "shirt"); all words must
match. bm25 weighs title 10, brand 4, category 4, description 1. No typo
tolerance: FTS5 has none, and a trigram pass in Python would not stay
bounded; the PostgreSQL backend has it.
"""

import re
from collections.abc import Sequence

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import FloatField

from emporium.search.backends.base import DatabaseSearchBackend
from emporium.search.models import ProductSearchDocument

FTS_TABLE = "search_fts"
_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str) -> str:
    """FTS5 query of prefix terms, each quoted so no word is an operator."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(text))


class SqliteSearchBackend(DatabaseSearchBackend):
    def match_text(self, docs: QuerySet, text: str) -> QuerySet:
        expression = match_expression(text)
        if not expression:
            return docs.none()
        table = ProductSearchDocument._meta.db_table
        # Table names are constants; the user's text is a bound parameter.
        matching = RawSQL(  # noqa: S611
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [expression],
        )
        rank = RawSQL(  # noqa: S611
            f"SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 4.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s AND rowid = {table}.product_id",
            [expression],
            output_field=FloatField(),
        )
        return docs.filter(pk__in=matching).annotate(rank=rank)


def sync_fts(product_ids: Sequence[int], documents: Sequence) -> None:
    """Replace the FTS rows of `product_ids` with those of `documents`."""
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
            [(pk,) for pk in product_ids],
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, brand, category, description) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (d.pk, d.title, d.brand_name, d.category_names, d.description)
                for d in documents
            ],
        )
