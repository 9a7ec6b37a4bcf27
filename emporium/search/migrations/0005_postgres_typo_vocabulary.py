"""PostgreSQL only: the vocabulary of the typo fallback.

`search_typo_vocab` holds each word of titles and brands once (`word`, with
hyphens removed: "tshirt") and the text to search for it (`phrase`: the
word as written, "t-shirt"), with a GiST trigram index for nearest-word
lookups. A misspelt query word is replaced by its nearest vocabulary words,
and full text runs again (emporium/search/backends/postgres.py). Filled
here from the existing documents; `sync_documents` adds the words of every
document written. SQLite has its own (migration 0003).
"""

from django.db import migrations

FORWARDS = [
    # The former fallback's index (word similarity against every document's
    # `fuzzy_text`): a scan of the whole index per word, replaced by this.
    "DROP INDEX IF EXISTS search_doc_fuzzy_trgm",
    "CREATE TABLE IF NOT EXISTS search_typo_vocab ("
    "word text PRIMARY KEY, phrase text NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_typo_vocab_trgm "
    "ON search_typo_vocab USING GIST (word gist_trgm_ops)",
    """
    INSERT INTO search_typo_vocab (word, phrase)
    SELECT DISTINCT ON (word) word, phrase FROM (
        SELECT replace(token, '-', '') AS word, token AS phrase
          FROM search_productsearchdocument AS d,
               regexp_split_to_table(
                   lower(d.title || ' ' || d.brand_name), '[^[:alnum:]-]+'
               ) AS token
    ) AS words
    WHERE length(word) >= 3
    ORDER BY word, phrase
    ON CONFLICT (word) DO NOTHING
    """,
]
BACKWARDS = [
    "DROP TABLE IF EXISTS search_typo_vocab",
    "CREATE INDEX IF NOT EXISTS search_doc_fuzzy_trgm "
    "ON search_productsearchdocument USING GIN (fuzzy_text gin_trgm_ops)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_facet_keys")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
