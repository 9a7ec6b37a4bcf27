"""Dashboard pages of CSV import and export of the shop's own catalogue,
offers and stock (the format of docs/catalog-import.md).

An upload goes through `catalog_io.services.run_catalog_import` limited to
`request.vendor_shop`: another shop's lines, or changes to another shop's
product, are line-numbered errors and nothing is imported. Every upload is
kept in the shop's history; its report is a page of its own.
"""

from pathlib import PurePath

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from emporium.catalog_io import selectors
from emporium.catalog_io.constants import ImportStatus
from emporium.catalog_io.export import iter_catalog_csv
from emporium.catalog_io.forms import CatalogImportForm
from emporium.catalog_io.services import run_catalog_import
from emporium.dashboard.access import vendor_required
from emporium.dashboard.catalog.common import or_404, page_of
from emporium.dashboard.pages import render_dashboard


@vendor_required
@require_http_methods(["GET", "POST"])
def catalog_io(request: HttpRequest) -> HttpResponse:
    shop = request.vendor_shop
    form = CatalogImportForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        record = run_catalog_import(
            upload=form.cleaned_data["file"],
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
            shop=shop,
        )
        if record.status == ImportStatus.SUCCEEDED:
            messages.success(request, summary(record))
        else:
            messages.error(request, "The file has errors; nothing was imported.")
        return redirect("dashboard:catalog-import", record.pk)
    page = page_of(request, selectors.list_shop_imports(shop=shop))
    for record in page.object_list:
        record.file_name = PurePath(record.file.name).name
    return render_dashboard(
        request,
        "dashboard/catalog/catalog_io.html",
        {"form": form, "page_obj": page, "imports": page.object_list},
    )


@vendor_required
@require_GET
def catalog_import(request: HttpRequest, import_id: int) -> HttpResponse:
    record = or_404(
        lambda: selectors.get_shop_import(shop=request.vendor_shop, import_id=import_id)
    )
    record.file_name = PurePath(record.file.name).name
    return render_dashboard(
        request, "dashboard/catalog/catalog_import.html", {"record": record}
    )


@vendor_required
@require_GET
def catalog_export(request: HttpRequest) -> StreamingHttpResponse:
    shop = request.vendor_shop
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    name = f"catalog-{shop.slug}-{stamp}.csv"
    return StreamingHttpResponse(
        iter_catalog_csv(shop=shop),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def summary(record) -> str:
    counts = (
        f"{record.created_count} lines created, {record.updated_count} updated, "
        f"{record.unchanged_count} unchanged"
    )
    if record.is_dry_run:
        return f"Dry run: the file is valid; {counts} (nothing imported)."
    return f"Imported: {counts}."
