"""The search index: one denormalised row per visible product, its facet
terms, and the log of what buyers searched for.

Only `search.services` writes these tables. On PostgreSQL the migration
adds a generated `search_vector` tsvector column and GIN indexes the ORM
does not know about; on SQLite it adds the FTS5 table `search_fts` (rowid
= product id). See docs/search.md.
"""

from django.db import models

from emporium.core.money import amount_field, currency_field


class ProductSearchDocument(models.Model):
    """What search reads about a product; a row exists only while it is visible."""

    product = models.OneToOneField(
        "catalog.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.CharField(max_length=200)
    brand_name = models.CharField(max_length=120, blank=True)
    category_names = models.CharField(
        max_length=500, blank=True, help_text="The category path, root first."
    )
    description = models.TextField(blank=True, help_text="Plain text, no HTML.")
    # Title and brand, plus hyphenated words joined ("T-Shirt" -> "tshirt"):
    # what trigram typo matching compares query words against.
    fuzzy_text = models.CharField(max_length=700, blank=True)
    brand_id = models.BigIntegerField(null=True, blank=True)
    category_id = models.BigIntegerField()
    shop_ids = models.JSONField(default=list)
    category_ids = models.JSONField(default=list, help_text="Incl. ancestors.")
    attributes = models.JSONField(default=dict)
    min_price_amount = amount_field(null=True, blank=True)
    currency = currency_field()
    is_in_stock = models.BooleanField(default=False)
    product_created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["min_price_amount"], name="search_doc_price_idx"),
            models.Index(fields=["product_created_at"], name="search_doc_new_idx"),
            models.Index(fields=["brand_id"], name="search_doc_brand_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class SearchFacetTerm(models.Model):
    """One filterable fact of a document: (`category`, id), (`shop`, id),
    (`brand`, id) or (`attr:<code>`, value slug). Filters and facet counts
    read this narrow table the same way on every database."""

    document = models.ForeignKey(
        ProductSearchDocument, on_delete=models.CASCADE, related_name="terms"
    )
    name = models.CharField(max_length=80)
    value = models.CharField(max_length=120)
    label = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "name", "value"], name="search_term_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["name", "value"], name="search_term_lookup_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchQueryLog(models.Model):
    query = models.CharField(max_length=255, blank=True)
    normalized_query = models.CharField(max_length=255, blank=True, db_index=True)
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "search query"
        verbose_name_plural = "search queries"

    def __str__(self) -> str:
        return f"{self.query!r}: {self.result_count}"
