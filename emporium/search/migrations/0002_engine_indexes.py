"""Engine-specific search structures the ORM models do not describe.

PostgreSQL: the pg_trgm extension, a generated weighted tsvector column
with a GIN index, and a GIN trigram index on `fuzzy_text`.
SQLite: the FTS5 table `search_fts` (rowid = product id).
Other databases get neither (configure another SEARCH_BACKEND).
"""

from django.db import migrations

TABLE = "search_productsearchdocument"

POSTGRES_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""
    ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(brand_name, '')), 'B')
        || setweight(
            to_tsvector('english'::regconfig, coalesce(category_names, '')), 'B'
        )
        || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
    ) STORED
    """,
    f"CREATE INDEX search_doc_vector_gin ON {TABLE} USING GIN (search_vector)",
    f"CREATE INDEX search_doc_fuzzy_trgm ON {TABLE} USING GIN (fuzzy_text gin_trgm_ops)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS search_doc_fuzzy_trgm",
    "DROP INDEX IF EXISTS search_doc_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, brand, category, description, "
    "tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARDS = ["DROP TABLE IF EXISTS search_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS}),
            _run({"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS}),
        ),
    ]
