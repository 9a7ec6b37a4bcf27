"""Reads of catalog import history: a shop's own imports (vendor dashboard
and API). Another shop's import is "not found", like a missing one."""

from django.db.models import QuerySet

from emporium.catalog_io.errors import ImportNotFound
from emporium.catalog_io.models import CatalogImport
from emporium.vendors.models import Shop


def list_shop_imports(*, shop: Shop) -> QuerySet[CatalogImport]:
    """The shop's imports, newest first, with who uploaded each (one query
    per page)."""
    return (
        CatalogImport.objects.filter(shop=shop)
        .select_related("uploaded_by")
        .order_by("-created_at", "-pk")
    )


def get_shop_import(*, shop: Shop, import_id: int) -> CatalogImport:
    """Raises:
    ImportNotFound: no import with this id, or another shop's.
    """
    record = list_shop_imports(shop=shop).filter(pk=import_id).first()
    if record is None:
        raise ImportNotFound("Import not found.", extra={"id": import_id})
    return record
