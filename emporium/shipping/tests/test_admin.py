"""The shipping admin opens, saves valid rates and shows invalid ones as errors."""

from decimal import Decimal

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.shipping.constants import MethodKind
from emporium.shipping.models import ShippingMethod, ShippingRateBracket, ShippingZone
from emporium.shipping.tests.factories import (
    ShippingMethodFactory,
    ShippingRateBracketFactory,
    ShippingZoneFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _zone_post(*, countries, methods=(), is_rest_of_world=False):
    data = {"name": "Zone", "shop": "", "countries": countries}
    if is_rest_of_world:
        data["is_rest_of_world"] = "on"
    return {**data, **_formset("methods", list(methods))}


def _method_row(**values):
    row = {
        "name": "Standard",
        "kind": MethodKind.FLAT,
        "currency": "EUR",
        "price_amount": "4.90",
        "free_above_amount": "",
        "is_active": "on",
        "position": "0",
    }
    return {**row, **values}


def _method_post(method, *, brackets, **values):
    data = {"zone": str(method.zone_id), **_method_row(**values)}
    return {**data, **_formset("brackets", brackets)}


def _errors(response):
    """Every error message the admin page shows (form, fields, formsets)."""
    context = response.context
    messages = [str(e) for e in context["adminform"].form.errors.values()]
    for formset in context["inline_admin_formsets"]:
        messages += [str(e) for e in formset.formset.non_form_errors()]
        messages += [str(errors) for errors in formset.formset.errors]
    return " ".join(messages)


@pytest.mark.parametrize(
    "name", ["shippingzone_changelist", "shippingzone_add", "shippingmethod_changelist"]
)
def test_admin_pages_open(staff_client, name):
    ShippingRateBracketFactory()

    assert staff_client.get(reverse(f"admin:shipping_{name}")).status_code == 200


def test_change_pages_open(staff_client):
    bracket = ShippingRateBracketFactory()

    zone_page = staff_client.get(
        reverse("admin:shipping_shippingzone_change", args=[bracket.method.zone_id])
    )
    method_page = staff_client.get(
        reverse("admin:shipping_shippingmethod_change", args=[bracket.method_id])
    )

    assert zone_page.status_code == 200
    assert method_page.status_code == 200


def test_zone_with_a_method_is_created(staff_client):
    response = staff_client.post(
        reverse("admin:shipping_shippingzone_add"),
        _zone_post(countries=["DE", "AT"], methods=[_method_row()]),
    )

    assert response.status_code == 302
    zone = ShippingZone.objects.get()
    assert zone.country_codes == ["AT", "DE"]
    assert zone.methods.get().price_amount == Decimal("4.90")


def test_rest_of_world_zone_is_created_once(staff_client):
    url = reverse("admin:shipping_shippingzone_add")

    first = staff_client.post(url, _zone_post(countries=[], is_rest_of_world=True))
    second = staff_client.post(url, _zone_post(countries=[], is_rest_of_world=True))

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Only one rest-of-world zone." in _errors(second)
    assert ShippingZone.objects.get().is_rest_of_world is True


def test_zone_with_a_country_of_another_zone_is_refused(staff_client):
    ShippingZoneFactory(name="Germany", countries=["DE"])

    response = staff_client.post(
        reverse("admin:shipping_shippingzone_add"), _zone_post(countries=["DE"])
    )

    assert response.status_code == 200
    assert "Already in another zone: DE (Germany)." in _errors(response)
    assert ShippingZone.objects.count() == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"price_amount": "-1"}, "Must be 0 or more."),
        ({"price_amount": ""}, "A flat rate needs a price."),
        ({"kind": MethodKind.WEIGHT}, "Leave empty: this kind is priced by brackets."),
        ({"currency": "XYZ"}, "is not an ISO 4217 currency code"),
        (
            {"currency": "JPY", "price_amount": "800", "free_above_amount": "5000.50"},
            "JPY amounts cannot have more decimal places than this.",
        ),
    ],
)
def test_invalid_method_in_zone_page_is_refused(staff_client, row, message):
    response = staff_client.post(
        reverse("admin:shipping_shippingzone_add"),
        _zone_post(countries=["DE"], methods=[_method_row(**row)]),
    )

    assert response.status_code == 200
    assert message in _errors(response)
    assert not ShippingZone.objects.exists()


def test_overlapping_brackets_are_refused(staff_client):
    method = ShippingMethodFactory(kind=MethodKind.WEIGHT, price_amount=None)
    brackets = [
        {"lower_bound": "0", "upper_bound": "2000", "price_amount": "5"},
        {"lower_bound": "1000", "upper_bound": "", "price_amount": "9"},
    ]

    response = staff_client.post(
        reverse("admin:shipping_shippingmethod_change", args=[method.pk]),
        _method_post(
            method, brackets=brackets, kind=MethodKind.WEIGHT, price_amount=""
        ),
    )

    assert response.status_code == 200
    assert "Brackets [0, 2000) and [1000, open) overlap." in _errors(response)
    assert b"Brackets [0, 2000) and [1000, open) overlap." in response.content
    assert not ShippingRateBracket.objects.exists()


def test_valid_brackets_are_saved(staff_client):
    method = ShippingMethodFactory(kind=MethodKind.WEIGHT, price_amount=None)
    brackets = [
        {"lower_bound": "0", "upper_bound": "2000", "price_amount": "5"},
        {"lower_bound": "2000", "upper_bound": "", "price_amount": "9"},
    ]

    response = staff_client.post(
        reverse("admin:shipping_shippingmethod_change", args=[method.pk]),
        _method_post(
            method, brackets=brackets, kind=MethodKind.WEIGHT, price_amount=""
        ),
    )

    assert response.status_code == 302
    assert method.brackets.count() == 2


def test_brackets_of_a_method_given_an_unknown_currency_do_not_crash(staff_client):
    method = ShippingMethodFactory(kind=MethodKind.WEIGHT, price_amount=None)
    brackets = [{"lower_bound": "0", "upper_bound": "", "price_amount": "5"}]

    response = staff_client.post(
        reverse("admin:shipping_shippingmethod_change", args=[method.pk]),
        _method_post(
            method,
            brackets=brackets,
            kind=MethodKind.WEIGHT,
            price_amount="",
            currency="XYZ",
        ),
    )

    assert response.status_code == 200
    assert "is not an ISO 4217 currency code" in _errors(response)
    assert not method.brackets.exists()


def test_negative_bracket_price_is_refused(staff_client):
    method = ShippingMethodFactory(kind=MethodKind.WEIGHT, price_amount=None)
    brackets = [{"lower_bound": "0", "upper_bound": "", "price_amount": "-5"}]

    response = staff_client.post(
        reverse("admin:shipping_shippingmethod_change", args=[method.pk]),
        _method_post(
            method, brackets=brackets, kind=MethodKind.WEIGHT, price_amount=""
        ),
    )

    assert response.status_code == 200
    assert "greater than or equal to 0" in _errors(response)


def test_switching_a_bracketed_method_to_flat_on_the_zone_page_is_refused(
    staff_client,
):
    bracket = ShippingRateBracketFactory()
    method = bracket.method
    row = _method_row(id=str(method.pk), zone=str(method.zone_id), name=method.name)
    data = {
        "name": method.zone.name,
        "shop": "",
        "countries": ["DE"],
        **_formset("methods", [row], initial=1),
    }

    response = staff_client.post(
        reverse("admin:shipping_shippingzone_change", args=[method.zone_id]), data
    )

    assert response.status_code == 200
    assert "A flat rate has no brackets: remove them" in _errors(response)
    method.refresh_from_db()
    assert method.kind == MethodKind.WEIGHT
    assert ShippingMethod.objects.count() == 1
