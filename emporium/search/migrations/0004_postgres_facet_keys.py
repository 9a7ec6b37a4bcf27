"""PostgreSQL only: `facet_keys`, each document's facet terms in its row
("name<US>value<US>label"), so one statement counts facets without joining
the terms table (emporium/search/backends/postgres.py). Filled here from
the existing terms; `sync_facet_keys` keeps it when documents are written.
"""

from django.db import migrations

TABLE = "search_productsearchdocument"
FORWARDS = [
    f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS facet_keys text[] "
    "NOT NULL DEFAULT '{}'",
    f"""
    UPDATE {TABLE} AS d SET facet_keys = t.keys
      FROM (SELECT document_id,
                   array_agg(name || chr(31) || value || chr(31) || label) AS keys
              FROM search_searchfacetterm GROUP BY document_id) AS t
     WHERE t.document_id = d.product_id
    """,
]
BACKWARDS = [f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS facet_keys"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_typo_vocabulary")]

    operations = [migrations.RunPython(_run(FORWARDS), _run(BACKWARDS))]
