"""The vendor overview API: the shop's paid sales over a validated range."""

import pytest
from django.utils import timezone

from emporium.accounts.tests.factories import UserFactory
from emporium.api.tests.vendor.catalog.support import API, VENDOR_QUERIES, client_for
from emporium.payouts.tests.factories import offer_of, sell, worked_example

pytestmark = pytest.mark.django_db

OVERVIEW = f"{API}/overview/"


@pytest.fixture
def example():
    return worked_example()


def test_the_last_30_days_by_default(example):
    # North: 2 x Mug, 21.60 after the voucher; and 3 x Cup at 5.00.
    sell([(offer_of(example.north, "5.00", title="Cup"), 3)])

    body = client_for(example.north.owner).get(OVERVIEW).json()

    today = timezone.localdate()
    assert body["period"]["to"] == today.isoformat()
    (sales,) = body["sales"]
    assert {k: sales[k] for k in ("currency", "revenue", "orders", "units")} == {
        "currency": "EUR",
        "revenue": "36.60",
        "orders": 2,
        "units": 5,
    }
    assert sales["average_order_value"] == "18.30"
    assert [(p["title"], p["units"], p["revenue"]) for p in sales["top_products"]] == [
        ("Mug", 2, "21.60"),
        ("Cup", 3, "15.00"),
    ]
    assert len(sales["days"]) == 30
    assert sales["days"][-1] == {
        "day": today.isoformat(),
        "revenue": "36.60",
        "orders": 2,
        "units": 5,
    }


def test_another_shops_sales_are_not_counted(example):
    body = client_for(example.south.owner).get(OVERVIEW).json()

    (sales,) = body["sales"]
    assert (sales["revenue"], sales["top_products"][0]["title"]) == ("27.00", "Lamp")


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ({"from": "2026-03-02", "to": "2026-03-01"}, "invalid_date_range", "from"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "invalid_date_range", "to"),
        ({"from": "soon"}, "invalid", "from"),
    ],
)
def test_a_bad_range_is_refused(example, query, code, field):
    response = client_for(example.north.owner).get(OVERVIEW, query)

    body = response.json()
    assert (response.status_code, body["code"]) == (400, code)
    assert field in body["fields"]


def test_a_chosen_day_without_sales(example):
    body = (
        client_for(example.north.owner)
        .get(OVERVIEW, {"from": "2020-01-01", "to": "2020-01-01"})
        .json()
    )

    assert body == {"period": {"from": "2020-01-01", "to": "2020-01-01"}, "sales": []}


def test_the_overview_is_a_fixed_number_of_queries(example, django_assert_num_queries):
    for _ in range(5):
        sell([(offer_of(example.north, "5.00"), 1)])
    client = client_for(example.north.owner)

    with django_assert_num_queries(VENDOR_QUERIES + 2):  # days, top products
        assert client.get(OVERVIEW).status_code == 200


def test_non_vendors_are_refused(example):
    response = client_for(UserFactory()).get(OVERVIEW)

    assert (response.status_code, response.json()["code"]) == (403, "not_a_vendor")
