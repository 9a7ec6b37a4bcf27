"""SQLite only: the vocabulary of the typo fallback, filled from the index.

`search_vocab_word` (one row per word of titles and brands), its trigram
FTS5 index `search_vocab` (kept in step by triggers) and `search_fts_terms`
(fts5vocab: the terms `search_fts` holds). Existing documents get their
joined hyphenated words ("tshirt") in the FTS title and their words in
the vocabulary, so no index rebuild is needed. PostgreSQL: nothing.
"""

import re
import sqlite3
import unicodedata

from django.db import migrations

WORD = re.compile(r"\w+", re.UNICODE)
FORWARDS = [
    "CREATE TABLE IF NOT EXISTS search_vocab_word ("
    "id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_vocab USING fts5("
    "grams, tokenize = 'trigram')",
    "CREATE TRIGGER IF NOT EXISTS search_vocab_word_added "
    "AFTER INSERT ON search_vocab_word BEGIN "
    "INSERT INTO search_vocab (rowid, grams) VALUES (new.id, '^' || new.word || '$'); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS search_vocab_word_removed "
    "AFTER DELETE ON search_vocab_word BEGIN "
    "DELETE FROM search_vocab WHERE rowid = old.id; "
    "END",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_terms USING fts5vocab("
    "search_fts, 'row')",
]
BACKWARDS = [
    "DROP TABLE IF EXISTS search_fts_terms",
    "DROP TRIGGER IF EXISTS search_vocab_word_removed",
    "DROP TRIGGER IF EXISTS search_vocab_word_added",
    "DROP TABLE IF EXISTS search_vocab",
    "DROP TABLE IF EXISTS search_vocab_word",
]


def _normalize(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _usable(schema_editor) -> bool:
    return (
        schema_editor.connection.vendor == "sqlite"
        and sqlite3.sqlite_version_info >= (3, 34, 0)
    )


def forwards(apps, schema_editor):
    if not _usable(schema_editor):
        return
    for sql in FORWARDS:
        schema_editor.execute(sql)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT product_id, title, brand_name, fuzzy_text "
            "FROM search_productsearchdocument"
        )
        rows = cursor.fetchall()
        words, titles = set(), []
        for pk, title, brand, fuzzy in rows:
            found = WORD.findall(fuzzy)
            words |= {_normalize(w) for w in found if len(w) >= 3}
            shown = set(WORD.findall(f"{title} {brand}".lower()))
            joined = list(dict.fromkeys(w for w in found if w not in shown))
            if joined:
                titles.append((" ".join([title, *joined]), pk))
        cursor.executemany(
            "UPDATE search_fts SET title = %s WHERE rowid = %s", titles
        )
        cursor.executemany(
            "INSERT OR IGNORE INTO search_vocab_word (word) VALUES (%s)",
            [(w,) for w in sorted(words)],
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in BACKWARDS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
