"""Writes of warehouses: a shop opens and edits the places it keeps stock.

A warehouse belongs to one shop for good; its code is unique within the
shop (CSV imports name warehouses by code: `stock:<code>`). Deactivating a
warehouse keeps its stock rows and ledger, but its units no longer count
as available.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from emporium.inventory.errors import (
    InvalidWarehouse,
    WarehouseCodeTaken,
    WarehouseNotFound,
)
from emporium.inventory.models import Warehouse
from emporium.vendors.models import Shop

EDITABLE_FIELDS = (
    "name",
    "code",
    "line1",
    "line2",
    "city",
    "region",
    "postal_code",
    "country",
    "is_active",
)


def create_warehouse(
    *, shop: Shop, name: str, code: str, country: str, **fields: Any
) -> Warehouse:
    """Open a warehouse of `shop`. `fields` are the other columns of
    `EDITABLE_FIELDS` (address lines, city, region, postal code, is_active).

    Raises:
        InvalidWarehouse: a field is missing, too long or not valid (a code
            of letters, digits, `-`, `_`; an ISO country code), naming each.
        WarehouseCodeTaken: the shop already has a warehouse with this code.
    """
    warehouse = Warehouse(shop=shop)
    _apply(warehouse, {"name": name, "code": code, "country": country, **fields})
    return _save(warehouse, update_fields=None)


def update_warehouse(*, shop: Shop, warehouse_id: int, **changes: Any) -> Warehouse:
    """Change the given fields (of `EDITABLE_FIELDS`) of a warehouse of `shop`.

    Raises:
        WarehouseNotFound: no warehouse with this id, or another shop's.
        InvalidWarehouse, WarehouseCodeTaken: as `create_warehouse`.
    """
    with transaction.atomic():
        warehouse = (
            Warehouse.objects.select_for_update()
            .filter(pk=warehouse_id, shop=shop)
            .first()
        )
        if warehouse is None:
            raise WarehouseNotFound("Warehouse not found.", extra={"id": warehouse_id})
        _apply(warehouse, changes)
        return _save(warehouse, update_fields=list(changes))


def _apply(warehouse: Warehouse, values: dict[str, Any]) -> None:
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidWarehouse(
            f"Unknown warehouse field: {', '.join(unknown)}.",
            fields={name: ["Unknown field."] for name in unknown},
        )
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "country":
            value = str(value).upper()
        setattr(warehouse, name, value)
    try:
        # Field checks only; the unique code is the database's (a 409 below).
        warehouse.full_clean(
            exclude=["shop"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise InvalidWarehouse(
            "The warehouse is invalid.", fields=exc.message_dict
        ) from exc


def _save(warehouse: Warehouse, *, update_fields: list[str] | None) -> Warehouse:
    try:
        with transaction.atomic():
            warehouse.save(update_fields=update_fields or None)
    except IntegrityError as exc:
        raise WarehouseCodeTaken(
            f"The shop already has a warehouse with the code {warehouse.code!r}.",
            extra={"code": warehouse.code},
        ) from exc
    return warehouse
