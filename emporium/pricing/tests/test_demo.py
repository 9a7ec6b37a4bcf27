"""Demo tax rates: EU VAT by destination, zero-rated exports, idempotent."""

from decimal import Decimal

import pytest

from emporium.catalog.constants import TaxClass
from emporium.pricing.demo import create_demo_tax_rates
from emporium.pricing.models import TaxRate
from emporium.pricing.taxes import get_tax_calculator

pytestmark = pytest.mark.django_db


def test_demo_rates_cover_eu_vat_and_zero_rated_exports():
    create_demo_tax_rates()
    calculator = get_tax_calculator(countries=["DE", "FR", "US"])

    assert calculator.rate_for("DE", "", TaxClass.STANDARD) == Decimal("19")
    assert calculator.rate_for("DE", "", TaxClass.REDUCED) == Decimal("7")
    assert calculator.rate_for("FR", "", TaxClass.REDUCED) == Decimal("5.5")
    assert calculator.rate_for("US", "", TaxClass.STANDARD) == Decimal("0")


def test_a_second_run_adds_nothing_and_keeps_staff_edits():
    create_demo_tax_rates()
    TaxRate.objects.filter(country="DE", tax_class=TaxClass.STANDARD).update(
        rate=Decimal("16")
    )

    added = create_demo_tax_rates()

    assert added == 0
    assert TaxRate.objects.get(country="DE", tax_class="standard").rate == 16
