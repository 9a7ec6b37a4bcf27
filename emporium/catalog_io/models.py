"""The history of catalog imports (the admin's, and each vendor's own)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone

from emporium.catalog_io.constants import ImportStatus


def upload_path(instance: "CatalogImport", filename: str) -> str:
    """Where an uploaded file is kept: under a random folder, because media
    storage may be publicly served and a catalog file is not for everyone."""
    month = timezone.now().strftime("%Y/%m")
    return f"catalog_imports/{month}/{uuid.uuid4().hex}/{PurePath(filename).name}"


class CatalogImport(models.Model):
    """One uploaded file and what came of it (a dry run imports nothing).

    Written by `catalog_io.services.run_catalog_import`, never edited.
    `errors` lists {"line", "column", "message"} when the file was refused.
    """

    file = models.FileField(upload_to=upload_path, max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The shop a vendor's import was limited to (its dashboard or API);
    # null for staff imports, which may carry lines of every shop.
    shop = models.ForeignKey(
        "vendors.Shop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="catalog_imports",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=ImportStatus.choices)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["shop", "-created_at"], name="catalog_import_shop_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file.name} ({self.status})"
