"""Validating a file loads what it names in bulk: the number of queries does
not grow with the number of lines."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from emporium.catalog_io.planning import plan_catalog_import
from emporium.catalog_io.services import import_catalog
from emporium.catalog_io.tests.conftest import csv_file, line

pytestmark = pytest.mark.django_db


def lines(count: int, *, price: str) -> list[dict[str, str]]:
    """`count` lines over count/2 products of two sizes each."""
    return [
        line(
            sku=f"SKU-{n}",
            product_slug=f"product-{n // 2}",
            title=f"Product {n // 2}",
            option_size="SM"[n % 2],
            barcode="",
            price=price,
        )
        for n in range(count)
    ]


def queries_to_plan(data: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        plan_catalog_import(data)
    return len(queries)


def test_validating_10_or_100_lines_takes_the_same_queries(catalog):
    import_catalog(file=csv_file(lines(100, price="10.00")), actor=None)

    ten = queries_to_plan(csv_file(lines(10, price="11.00")))
    hundred = queries_to_plan(csv_file(lines(100, price="11.00")))

    assert ten == hundred
    assert hundred <= 16


def test_validating_new_lines_takes_the_same_queries(catalog):
    ten = queries_to_plan(csv_file(lines(10, price="10.00")))
    hundred = queries_to_plan(csv_file(lines(100, price="10.00")))

    assert ten == hundred
