"""SQLite: FTS5 (`search_fts`, rowid = product id) with bm25 ranking, and a
typo fallback over a vocabulary of indexed words.

Every query word is a prefix term ("shi" finds "shirt"); all words must
match. bm25 weighs title 10, brand 4, category 4, description 1. The title
column also holds the product's hyphenated words joined ("T-Shirt" adds
"tshirt"), as `fuzzy_text` does on PostgreSQL.

Typo fallback (when full text found nothing): each query word of 3+
letters is replaced by the (up to 3) most similar words of the vocabulary
(`search_vocab_word`: the words of titles and brands, kept at indexing
time), and the corrected query runs again, all words still required. The
candidates come from a trigram FTS5 table over the vocabulary (`^word$`,
so the first and last letters count), the best 50 by bm25; then a Python
function (`search_similarity`, difflib's ratio) keeps those at least
`SQLITE_TYPO_SIMILARITY` alike. All of it is one SQL expression inside
the MATCH, so a fuzzy search costs no query more than a plain one.
"""

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import FloatField

from emporium.search.backends.base import DatabaseSearchBackend
from emporium.search.constants import SQLITE_TYPO_SIMILARITY
from emporium.search.models import ProductSearchDocument

FTS_TABLE = "search_fts"
# The vocabulary: words, their trigram index, and FTS5's own list of the
# terms `search_fts` holds (to prune words no document has any more).
VOCAB_TABLE = "search_vocab_word"
VOCAB_GRAMS = "search_vocab"
FTS_TERMS = "search_fts_terms"
# The trigram tokenizer came with SQLite 3.34; older: no typo fallback.
HAS_TRIGRAMS = sqlite3.sqlite_version_info >= (3, 34, 0)
TYPO_CANDIDATES = 50  # vocabulary words compared with each query word
TYPO_CORRECTIONS = 3  # the most similar of them kept
TYPO_MAX_WORDS = 8
TYPO_MIN_LENGTH = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def match_expression(text: str) -> str:
    """FTS5 query of prefix terms, each quoted so no word is an operator."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(text))


def normalize_word(word: str) -> str:
    """Lowercase without diacritics, as FTS5's tokenizer folds a term."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def register_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: the typo fallback's SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "search_similarity", 2, similarity, deterministic=True
        )


# The corrections of one query word, as an FTS5 group ("a" OR "b"); NULL
# when no vocabulary word is alike (the caller falls back to the word).
_CORRECTIONS = (
    "(SELECT '(' || group_concat('\"' || word || '\"', ' OR ') || ')' FROM ("  # noqa: S608
    "SELECT word FROM ("
    f"SELECT w.word FROM {VOCAB_GRAMS} JOIN {VOCAB_TABLE} w ON w.id = "
    f"{VOCAB_GRAMS}.rowid WHERE {VOCAB_GRAMS} MATCH %s "
    f"ORDER BY {VOCAB_GRAMS}.rank LIMIT {TYPO_CANDIDATES}) "
    "WHERE search_similarity(word, %s) >= %s "
    f"ORDER BY search_similarity(word, %s) DESC, word LIMIT {TYPO_CORRECTIONS}))"
)


def _trigrams(word: str) -> str:
    padded = f"^{word}$"
    return " OR ".join(f'"{padded[i : i + 3]}"' for i in range(len(padded) - 2))


def corrected_expression(words: Sequence[str]) -> tuple[str, list]:
    """SQL (and its parameters) computing the corrected FTS5 query."""
    parts, params = [], []
    for word in words:
        if len(word) < TYPO_MIN_LENGTH:
            parts.append("%s")
            params.append(f'"{word}"*')
            continue
        parts.append(f"coalesce({_CORRECTIONS}, %s)")
        params += [_trigrams(word), word, SQLITE_TYPO_SIMILARITY, word, f'"{word}"*']
    return " || ' AND ' || ".join(parts), params


class SqliteSearchBackend(DatabaseSearchBackend):
    def match_text(self, docs: QuerySet, text: str) -> QuerySet:
        expression = match_expression(text)
        if not expression:
            return docs.none()
        return _matching(docs, "%s", [expression])

    def match_fuzzy(self, docs: QuerySet, text: str) -> QuerySet | None:
        words = [normalize_word(w) for w in _WORD.findall(text)][:TYPO_MAX_WORDS]
        if not HAS_TRIGRAMS or all(len(w) < TYPO_MIN_LENGTH for w in words):
            return None
        sql, params = corrected_expression(words)
        return _matching(docs, f"({sql})", params)


def _matching(docs: QuerySet, expression_sql: str, params: list) -> QuerySet:
    """Docs whose FTS row matches the FTS5 query `expression_sql` computes,
    annotated with bm25 `rank`."""
    table = ProductSearchDocument._meta.db_table
    # Table names and the SQL shape are constants; user text is bound.
    matching = RawSQL(  # noqa: S611
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {expression_sql}",  # noqa: S608
        params,
    )
    rank = RawSQL(  # noqa: S611
        f"SELECT -bm25({FTS_TABLE}, 10.0, 4.0, 4.0, 1.0) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH {expression_sql} "
        f"AND rowid = {table}.product_id",
        params,
        output_field=FloatField(),
    )
    return docs.filter(pk__in=matching).annotate(rank=rank)


def sync_fts(product_ids: Sequence[int], documents: Sequence) -> None:
    """Replace the FTS rows of `product_ids` with those of `documents`, and
    add their title and brand words to the typo vocabulary."""
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
            [(pk,) for pk in product_ids],
        )
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, brand, category, description) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [
                (d.pk, fts_title(d), d.brand_name, d.category_names, d.description)
                for d in documents
            ],
        )
        if HAS_TRIGRAMS:
            cursor.executemany(
                f"INSERT OR IGNORE INTO {VOCAB_TABLE} (word) VALUES (%s)",  # noqa: S608
                [(word,) for word in sorted(vocabulary(documents))],
            )


def fts_title(document) -> str:
    """The title, plus the joined forms of its hyphenated words ("tshirt"),
    which `fuzzy_text` holds beyond the title and brand words."""
    shown = set(_WORD.findall(f"{document.title} {document.brand_name}".lower()))
    joined = [w for w in _WORD.findall(document.fuzzy_text) if w not in shown]
    return " ".join([document.title, *dict.fromkeys(joined)])


def vocabulary(documents: Sequence) -> set[str]:
    """The words typos are corrected to: title, brand and joined words."""
    return {
        normalize_word(word)
        for d in documents
        for word in _WORD.findall(d.fuzzy_text)
        if len(word) >= TYPO_MIN_LENGTH
    }


def prune_vocabulary() -> int:
    """Drop words no indexed document holds any more; return how many."""
    if not HAS_TRIGRAMS:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {VOCAB_TABLE} WHERE word NOT IN "  # noqa: S608
            f"(SELECT term FROM {FTS_TERMS})"
        )
        return cursor.rowcount
