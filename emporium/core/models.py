"""Core tables: the transactional outbox of domain events."""

import uuid

from django.db import models


class OutboxEvent(models.Model):
    """A domain event, written in the same transaction as the change it records.

    Delivered to its subscribers after commit by a Celery task; anything not
    delivered (broker down, handler failed) is retried by a periodic task.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.JSONField(default=list, blank=True)
    last_error = models.TextField(blank=True)
    request_id = models.CharField(max_length=128, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_pending_idx",
                condition=models.Q(delivered_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"
