"""Staff admin of catalog import and export.

The history of imports is read-only; its "add" page uploads a CSV (with a
dry-run box) and shows every error of a refused file, by line. "Export
catalog CSV" on the list streams the whole catalog in the import format.
"""

import csv
from collections.abc import Iterator
from pathlib import PurePath

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from emporium.catalog_io.constants import ImportStatus
from emporium.catalog_io.export import iter_catalog_rows
from emporium.catalog_io.forms import CatalogImportForm
from emporium.catalog_io.models import CatalogImport
from emporium.catalog_io.services import run_catalog_import


class _Line:
    """A file-like whose write returns the line, for csv.writer to stream."""

    def write(self, line: str) -> str:
        return line


def _csv_stream() -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff"  # a BOM, so spreadsheet programs read UTF-8
    for row in iter_catalog_rows():
        yield writer.writerow(row)


@admin.register(CatalogImport)
class CatalogImportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "file_name",
        "uploaded_by",
        "status",
        "is_dry_run",
        "created_count",
        "updated_count",
        "unchanged_count",
    ]
    list_filter = ["status", "is_dry_run"]
    list_select_related = ["uploaded_by"]
    fields = [
        "created_at",
        "file",
        "uploaded_by",
        "status",
        "is_dry_run",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_lines",
    ]
    readonly_fields = fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="file")
    def file_name(self, obj: CatalogImport) -> str:
        return PurePath(obj.file.name).name

    @admin.display(description="errors")
    def error_lines(self, obj: CatalogImport) -> str:
        if not obj.errors:
            return "-"
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "", "<li>{}</li>", ((_error_text(e),) for e in obj.errors)
            ),
        )

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="catalog_io_catalogimport_export",
        )
        return [export, *super().get_urls()]

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CatalogImportForm(request.POST or None, request.FILES or None)
        record = None
        if request.method == "POST" and form.is_valid():
            record = run_catalog_import(
                upload=form.cleaned_data["file"],
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            if record.status == ImportStatus.SUCCEEDED:
                messages.success(request, _summary(record))
                return redirect("admin:catalog_io_catalogimport_change", record.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import catalog CSV",
            "opts": self.model._meta,
            "form": form,
            "record": record,
            "errors": [_error_text(e) for e in record.errors] if record else [],
        }
        return TemplateResponse(
            request, "admin/catalog_io/catalogimport/import_form.html", context
        )

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        return StreamingHttpResponse(
            _csv_stream(),
            content_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="catalog-{stamp}.csv"'
            },
        )


def _error_text(error: dict) -> str:
    if error.get("column"):
        return f"line {error['line']}, {error['column']}: {error['message']}"
    return f"line {error['line']}: {error['message']}"


def _summary(record: CatalogImport) -> str:
    counts = (
        f"{record.created_count} lines created, {record.updated_count} updated, "
        f"{record.unchanged_count} unchanged"
    )
    if record.is_dry_run:
        return f"Dry run: the file is valid; {counts} (nothing imported)."
    return f"Imported: {counts}."
