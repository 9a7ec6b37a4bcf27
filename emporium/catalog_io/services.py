"""Writes of catalog import: a checked plan, carried out in one transaction.

Every write goes through the catalog and inventory services (events, HTML
sanitising, ledger rows), called only for what changed. The whole file
commits or nothing does: a service refusing a line (a race since the check,
say) rolls everything back and is reported with that line.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from emporium.accounts.models import User
from emporium.catalog.models import Product, ProductVariant
from emporium.catalog.services import (
    create_offer,
    create_product,
    create_variant,
    set_product_attributes,
    update_offer,
    update_product,
    update_variant,
)
from emporium.catalog.services.variant_options import set_variant_options
from emporium.catalog_io.constants import ImportStatus
from emporium.catalog_io.errors import InvalidCatalogFile, RowError
from emporium.catalog_io.models import CatalogImport
from emporium.catalog_io.planning import plan_catalog_import
from emporium.catalog_io.plans import ImportPlan, OfferPlan, ProductPlan, VariantPlan
from emporium.core.errors import DomainError
from emporium.inventory.constants import MovementReason
from emporium.inventory.services import create_stock
from emporium.inventory.stocktake import set_stock_on_hand
from emporium.vendors.models import Shop


@dataclass(frozen=True)
class ImportResult:
    """Lines that created an offer, changed something, or changed nothing."""

    created: int
    updated: int
    unchanged: int
    is_dry_run: bool = False


def import_catalog(
    *,
    file: bytes | BinaryIO,
    actor: User | None,
    shop: Shop | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import a catalog CSV: check every line, then write all of it or nothing.

    `file` is the file's bytes or a binary file. With `shop`, lines of other
    shops are errors (a vendor's import). A dry run checks and counts, and
    writes nothing. Stock moves are booked with reason `import` and `actor`.

    Raises:
        InvalidCatalogFile: every error of the file, each with its line and
            column; nothing was written.
    """
    data = file if isinstance(file, bytes) else file.read()
    plan = plan_catalog_import(data, shop=shop)
    if not dry_run:
        apply_import_plan(plan, actor=actor)
    return ImportResult(**plan.counts(), is_dry_run=dry_run)


def apply_import_plan(plan: ImportPlan, *, actor: User | None) -> None:
    """Carry out a plan in one transaction (products, variants, then offers).

    Raises:
        InvalidCatalogFile: a service refused a line; nothing was written.
    """
    with transaction.atomic():
        products: dict[str, Product] = {}
        for product_plan in plan.products:
            with _reported_at(product_plan.line):
                products[product_plan.slug] = _apply_product(product_plan)
        variants: dict[tuple, ProductVariant] = {}
        for variant_plan in plan.variants:
            with _reported_at(variant_plan.line):
                variant = _apply_variant(variant_plan, products)
                variants[variant_plan.key] = variant
        for offer_plan in plan.offers:
            with _reported_at(offer_plan.line):
                _apply_offer(offer_plan, variants, actor=actor)


@contextmanager
def _reported_at(line: int) -> Iterator[None]:
    try:
        yield
    except DomainError as exc:
        raise InvalidCatalogFile([RowError(line, "", exc.message)]) from exc


def _apply_product(plan: ProductPlan) -> Product | None:
    if plan.product_id is None:
        product = create_product(shop=plan.shop, slug=plan.slug, **plan.fields)
    elif plan.fields:
        product = update_product(product_id=plan.product_id, **plan.fields)
    else:
        product = None
    product_id = product.pk if product else plan.product_id
    if plan.attributes is not None:
        set_product_attributes(product_id=product_id, values=list(plan.attributes))
    return product


def _apply_variant(
    plan: VariantPlan, products: dict[str, Product | None]
) -> ProductVariant:
    if plan.variant_id is not None:
        return update_variant(variant_id=plan.variant_id, **plan.fields)
    product_id = plan.product_id or products[plan.product_slug].pk
    if not plan.use_default:
        return create_variant(
            product_id=product_id,
            options=plan.options,
            position=plan.position,
            **plan.fields,
        )
    variant = ProductVariant.objects.get(product_id=product_id, is_default=True)
    if plan.options:
        variant = set_variant_options(variant_id=variant.pk, options=plan.options)
    if plan.fields:
        variant = update_variant(variant_id=variant.pk, **plan.fields)
    return variant


def _apply_offer(
    plan: OfferPlan, variants: dict[tuple, ProductVariant], *, actor: User | None
) -> None:
    offer = plan.offer
    if offer is None:
        fields = plan.fields
        offer = create_offer(
            shop=plan.shop,
            variant=plan.variant or variants[plan.variant_key],
            sku=plan.sku,
            price=fields["price"],
            compare_at_price=fields["compare_at_price"],
        )
        if not fields["is_active"]:
            update_offer(offer_id=offer.pk, is_active=False)
    elif plan.fields:
        update_offer(offer_id=offer.pk, **plan.fields)
    for stock in plan.stock:
        if stock.stock_id is None:
            create_stock(
                offer=offer,
                warehouse=stock.warehouse,
                quantity=stock.quantity,
                actor=actor,
                reason=MovementReason.IMPORT,
            )
        else:
            set_stock_on_hand(
                stock_id=stock.stock_id,
                quantity=stock.quantity,
                reason=MovementReason.IMPORT,
                actor=actor,
            )


def run_catalog_import(
    *,
    upload: UploadedFile,
    actor: User | None,
    dry_run: bool = False,
    shop: Shop | None = None,
) -> CatalogImport:
    """Import an uploaded file and keep it, with its outcome, in the history.

    The outcome is recorded either way: counts when it succeeded, every
    error when the file was refused (then nothing was imported). With
    `shop` (a vendor's import) only that shop's lines are accepted and the
    record is the shop's.
    """
    data = upload.read()
    record = CatalogImport(uploaded_by=actor, is_dry_run=dry_run, shop=shop)
    record.file.save(
        PurePath(upload.name or "catalog.csv").name, ContentFile(data), save=False
    )
    try:
        with transaction.atomic():
            result = import_catalog(file=data, actor=actor, shop=shop, dry_run=dry_run)
            record.status = ImportStatus.SUCCEEDED
            record.created_count = result.created
            record.updated_count = result.updated
            record.unchanged_count = result.unchanged
            record.save()
    except InvalidCatalogFile as exc:
        record.status = ImportStatus.FAILED
        record.errors = [error.as_dict() for error in exc.errors]
        record.save()
    return record
