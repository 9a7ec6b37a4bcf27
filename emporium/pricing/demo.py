"""Demo tax rates: a marketplace selling from Germany to the world.

EU buyers pay their own country's VAT (the one-stop-shop rule for
distance sales), so every EU member gets its standard and reduced rate;
exports outside the EU are zero-rated, so every other country gets 0 %.
Rates as published by the European Commission for 2025; an operator sets
their own in the admin. `create_demo_tax_rates()` is idempotent: existing
rows (and staff edits) are left alone.
"""

from decimal import Decimal

from django.db import transaction
from django_countries import countries

from emporium.catalog.constants import TaxClass
from emporium.pricing.models import TaxRate

# Country: (standard, reduced) VAT in percent.
EU_VAT = {
    "AT": ("20", "10"),
    "BE": ("21", "6"),
    "BG": ("20", "9"),
    "CY": ("19", "5"),
    "CZ": ("21", "12"),
    "DE": ("19", "7"),
    "DK": ("25", "25"),
    "EE": ("24", "9"),
    "ES": ("21", "10"),
    "FI": ("25.5", "14"),
    "FR": ("20", "5.5"),
    "GR": ("24", "13"),
    "HR": ("25", "13"),
    "HU": ("27", "5"),
    "IE": ("23", "13.5"),
    "IT": ("22", "10"),
    "LT": ("21", "9"),
    "LU": ("17", "8"),
    "LV": ("21", "12"),
    "MT": ("18", "7"),
    "NL": ("21", "9"),
    "PL": ("23", "8"),
    "PT": ("23", "13"),
    "RO": ("21", "11"),
    "SE": ("25", "12"),
    "SI": ("22", "9.5"),
    "SK": ("23", "19"),
}


def _planned_rates() -> list[TaxRate]:
    rows = []
    for code, _name in countries:
        standard, reduced = EU_VAT.get(code, ("0", "0"))
        label = "VAT" if code in EU_VAT else "Export, zero-rated"
        for tax_class, rate in (
            (TaxClass.STANDARD, standard),
            (TaxClass.REDUCED, reduced),
        ):
            rows.append(
                TaxRate(
                    country=code,
                    region="",
                    tax_class=tax_class,
                    rate=Decimal(rate),
                    name=f"{label} {rate}%" if code in EU_VAT else label,
                )
            )
    return rows


def create_demo_tax_rates() -> int:
    """Add the demo rates that are missing; return how many were added."""
    with transaction.atomic():
        existing = set(
            TaxRate.objects.filter(region="").values_list("country", "tax_class")
        )
        missing = [
            row
            for row in _planned_rates()
            if (row.country, row.tax_class) not in existing
        ]
        TaxRate.objects.bulk_create(missing)
    return len(missing)
