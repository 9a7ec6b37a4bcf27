"""Statuses and limits of catalog imports."""

from django.db import models


class ImportStatus(models.TextChoices):
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
