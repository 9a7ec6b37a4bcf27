"""A shop's branches: addresses, opening hours, positions, distance order."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from emporium.core.models import OutboxEvent
from emporium.vendors.constants import SHOP_BRANCHES_CHANGED, ShopStatus
from emporium.vendors.errors import (
    BranchLimitReached,
    BranchNotFound,
    InvalidBranch,
    ShopNotFound,
)
from emporium.vendors.models import ShopBranch
from emporium.vendors.selectors import great_circle_km, list_visible_shop_branches
from emporium.vendors.services import (
    BranchData,
    clean_opening_hours,
    create_branch,
    delete_branch,
    update_branch,
)
from emporium.vendors.tests.factories import ShopBranchFactory, ShopFactory

pytestmark = pytest.mark.django_db

BERLIN = (52.520008, 13.404954)
PARIS = (48.856613, 2.352222)
MUNICH = (48.137154, 11.576124)


def _data(**overrides) -> BranchData:
    values = {
        "name": "Mitte",
        "line1": "Hauptstr. 1",
        "city": "Berlin",
        "country": "de",
        "latitude": Decimal("52.52"),
        "longitude": Decimal("13.405"),
        "opening_hours": {"mon": [["13:00", "18:00"], ["09:00", "12:00"]]},
    }
    return BranchData(**{**values, **overrides})


def test_create_branch_stores_a_clean_branch_and_publishes_the_change():
    shop = ShopFactory()

    branch = create_branch(shop_id=shop.pk, data=_data(name="  Mitte "))

    assert branch.name == "Mitte"
    assert branch.country.code == "DE"
    assert branch.opening_hours == {"mon": [["09:00", "12:00"], ["13:00", "18:00"]]}
    event = OutboxEvent.objects.get(name=SHOP_BRANCHES_CHANGED)
    assert event.payload == {
        "shop_id": shop.pk,
        "branch_id": branch.pk,
        "action": "created",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latitude", Decimal("90.000001")),
        ("latitude", Decimal("-91")),
        ("longitude", Decimal("180.5")),
        ("longitude", "east"),
        ("latitude", "NaN"),
        ("country", "XX"),
        ("name", " "),
        ("city", ""),
    ],
)
def test_create_branch_refuses_bad_fields(field, value):
    shop = ShopFactory()

    with pytest.raises(InvalidBranch) as caught:
        create_branch(shop_id=shop.pk, data=_data(**{field: value}))

    assert caught.value.code == "invalid_branch"
    assert list(caught.value.fields) == [field]
    assert not ShopBranch.objects.exists()


def test_coordinates_at_the_poles_and_the_date_line_are_fine():
    shop = ShopFactory()

    branch = create_branch(
        shop_id=shop.pk, data=_data(latitude=Decimal("-90"), longitude=Decimal("180"))
    )

    assert (branch.latitude, branch.longitude) == (Decimal("-90"), Decimal("180"))


def test_the_database_refuses_a_latitude_out_of_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        ShopBranchFactory(latitude=Decimal("95"))


def test_a_shop_has_a_limited_number_of_branches(monkeypatch):
    monkeypatch.setattr("emporium.vendors.services.branches.MAX_BRANCHES_PER_SHOP", 1)
    shop = ShopFactory()
    create_branch(shop_id=shop.pk, data=_data())

    with pytest.raises(BranchLimitReached) as caught:
        create_branch(shop_id=shop.pk, data=_data(name="Second"))

    assert caught.value.code == "branch_limit_reached"


def test_create_branch_of_a_missing_shop_is_not_found():
    with pytest.raises(ShopNotFound):
        create_branch(shop_id=999_999, data=_data())


# --- Opening hours --------------------------------------------------------------


def test_opening_hours_keep_weekday_order_and_drop_closed_days():
    hours = {"sun": [], "tue": [["08:00", "24:00"]], "mon": [["00:00", "01:30"]]}

    assert clean_opening_hours(hours) == {
        "mon": [["00:00", "01:30"]],
        "tue": [["08:00", "24:00"]],
    }


@pytest.mark.parametrize(
    "hours",
    [
        ["mon"],
        {"monday": [["09:00", "18:00"]]},
        {"mon": "09:00-18:00"},
        {"mon": [["09:00"]]},
        {"mon": [["9:00", "18:00"]]},
        {"mon": [["09:00", "24:01"]]},
        {"mon": [["25:00", "26:00"]]},
        {"mon": [["18:00", "09:00"]]},
        {"mon": [["09:00", "09:00"]]},
        {"mon": [["09:00", "13:00"], ["12:00", "18:00"]]},
        {"mon": [["08:00", "09:00"]] * 5},
        {"mon": [[9, 18]]},
    ],
)
def test_opening_hours_refuse_malformed_values(hours):
    with pytest.raises(InvalidBranch) as caught:
        clean_opening_hours(hours)

    assert list(caught.value.fields) == ["opening_hours"]


# --- Update and delete ----------------------------------------------------------


def test_update_branch_changes_the_given_fields_only():
    branch = ShopBranchFactory(city="Berlin", phone="+49 1")

    update_branch(
        shop_id=branch.shop_id, branch_id=branch.pk, changes={"city": "Potsdam"}
    )

    branch.refresh_from_db()
    assert (branch.city, branch.phone) == ("Potsdam", "+49 1")


def test_update_branch_checks_the_result():
    branch = ShopBranchFactory()

    with pytest.raises(InvalidBranch):
        update_branch(
            shop_id=branch.shop_id, branch_id=branch.pk, changes={"latitude": "91"}
        )


def test_another_shops_branch_can_be_neither_updated_nor_deleted():
    mine, theirs = ShopFactory(), ShopBranchFactory(city="Berlin")

    with pytest.raises(BranchNotFound):
        update_branch(shop_id=mine.pk, branch_id=theirs.pk, changes={"city": "X"})
    with pytest.raises(BranchNotFound):
        delete_branch(shop_id=mine.pk, branch_id=theirs.pk)

    theirs.refresh_from_db()
    assert theirs.city == "Berlin"


def test_delete_branch_removes_it():
    branch = ShopBranchFactory()

    delete_branch(shop_id=branch.shop_id, branch_id=branch.pk)

    assert not ShopBranch.objects.exists()


# --- Distance -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        (BERLIN, BERLIN, 0.0),
        (BERLIN, PARIS, 877.5),
        (BERLIN, MUNICH, 504.4),
        ((0.0, 179.5), (0.0, -179.5), 111.2),  # across the date line
        ((90.0, 0.0), (-90.0, 0.0), 20015.1),  # pole to pole
    ],
)
def test_great_circle_km(a, b, km):
    assert round(great_circle_km(a, b), 1) == pytest.approx(km, abs=0.2)


def test_visible_branches_sort_nearest_first_with_distance():
    shop = ShopFactory(slug="owl")
    for name, (lat, lon) in {
        "Paris": PARIS,
        "Berlin": BERLIN,
        "Munich": MUNICH,
    }.items():
        ShopBranchFactory(
            shop=shop,
            name=name,
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
        )

    branches = list_visible_shop_branches(slug="owl", near=(48.2, 11.6))

    assert [b.name for b in branches] == ["Munich", "Berlin", "Paris"]
    assert branches[0].distance_km < Decimal("10")


def test_visible_branches_without_near_are_by_name():
    shop = ShopFactory(slug="owl")
    ShopBranchFactory(shop=shop, name="B")
    ShopBranchFactory(shop=shop, name="A")

    assert [b.name for b in list_visible_shop_branches(slug="owl")] == ["A", "B"]


@pytest.mark.parametrize("status", [ShopStatus.PENDING, ShopStatus.SUSPENDED])
def test_branches_of_a_shop_buyers_cannot_see_are_not_found(status):
    ShopBranchFactory(shop=ShopFactory(slug="owl", status=status))

    with pytest.raises(ShopNotFound):
        list_visible_shop_branches(slug="owl")
