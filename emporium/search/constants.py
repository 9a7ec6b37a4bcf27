"""Search limits, sort orders and price buckets."""

from decimal import Decimal

from django.db import models


class SearchSort(models.TextChoices):
    RELEVANCE = "relevance", "Relevance"
    PRICE_ASC = "price_asc", "Price: low to high"
    PRICE_DESC = "price_desc", "Price: high to low"
    NEWEST = "newest", "Newest"


DEFAULT_PAGE_SIZE = 24
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 200
# Lower bounds of the price facet buckets, in the default currency; the
# last bucket is open ended.
PRICE_BUCKET_BOUNDS = (
    Decimal("0"),
    Decimal("25"),
    Decimal("50"),
    Decimal("100"),
    Decimal("250"),
)
# difflib ratio a vocabulary word needs to replace a query word when full
# text found nothing (PostgreSQL typo fallback; the candidates are the
# TYPO_NEIGHBOURS nearest words by trigram distance).
TYPO_SIMILARITY = 0.75
TYPO_NEIGHBOURS = 10
# difflib ratio a vocabulary word needs to replace a query word when full
# text found nothing (SQLite typo fallback).
SQLITE_TYPO_SIMILARITY = 0.75

BACKENDS_BY_VENDOR = {
    "postgresql": "emporium.search.backends.postgres.PostgresSearchBackend",
    "sqlite": "emporium.search.backends.sqlite.SqliteSearchBackend",
}
