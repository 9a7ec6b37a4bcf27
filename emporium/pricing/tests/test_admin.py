"""The staff admin of tax rates and vouchers opens and keeps the rules."""

from decimal import Decimal

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.pricing.constants import VoucherKind
from emporium.pricing.models import Voucher
from emporium.pricing.services import redeem_voucher
from emporium.pricing.tests.factories import TaxRateFactory, VoucherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["taxrate", "voucher"])
def test_changelist_opens(staff_client, model):
    TaxRateFactory()
    VoucherFactory()

    listing = staff_client.get(reverse(f"admin:pricing_{model}_changelist"))

    assert listing.status_code == 200


def test_voucher_page_shows_its_redemptions_read_only(staff_client):
    voucher = VoucherFactory()
    redeem_voucher(
        voucher_id=voucher.pk, customer=None, email="ann@example.com", order_ref="R-7"
    )

    page = staff_client.get(reverse("admin:pricing_voucher_change", args=[voucher.pk]))

    assert page.status_code == 200
    assert b"R-7" in page.content
    assert b'name="redemptions-TOTAL_FORMS"' in page.content
    assert b'name="redemptions-0-order_ref"' not in page.content


def _voucher_form(**changes) -> dict:
    data = {
        "code": "summer-10",
        "kind": VoucherKind.PERCENTAGE,
        "value": "10",
        "currency": "EUR",
        "is_active": "on",
        "redemptions-TOTAL_FORMS": "0",
        "redemptions-INITIAL_FORMS": "0",
    }
    return data | changes


def test_a_code_typed_in_lower_case_is_stored_in_upper_case(staff_client):
    response = staff_client.post(reverse("admin:pricing_voucher_add"), _voucher_form())

    assert response.status_code == 302
    assert Voucher.objects.get().code == "SUMMER-10"


def test_a_code_differing_only_in_case_is_refused(staff_client):
    VoucherFactory(code="SUMMER-10")

    response = staff_client.post(reverse("admin:pricing_voucher_add"), _voucher_form())

    assert response.status_code == 200
    assert b"already exists" in response.content
    assert Voucher.objects.count() == 1


def test_a_percentage_above_100_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:pricing_voucher_add"), _voucher_form(value="150")
    )

    assert response.status_code == 200
    assert b"at most 100" in response.content
    assert not Voucher.objects.exists()


def test_the_use_count_cannot_be_edited(staff_client):
    voucher = VoucherFactory(value=Decimal("10"))

    response = staff_client.post(
        reverse("admin:pricing_voucher_change", args=[voucher.pk]),
        _voucher_form(code=voucher.code, value="15", times_used="99"),
    )

    assert response.status_code == 302
    voucher.refresh_from_db()
    assert voucher.value == Decimal("15")
    assert voucher.times_used == 0
