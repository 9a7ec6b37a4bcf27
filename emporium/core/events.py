"""Domain events through a transactional outbox.

A service calls `publish("user.registered", {...})` inside its transaction;
the event row commits or rolls back with the change. After commit a task
delivers it to every handler subscribed with `@subscribe(name)`. Handlers
must be idempotent: delivery is at least once.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from emporium.core.models import OutboxEvent
from emporium.core.request_context import get_request_id, request_id_var

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)

MAX_ATTEMPTS = 8


def subscribe(name: str) -> Callable[[Handler], Handler]:
    """Register a handler for the event `name` (at import time, in ready())."""

    def register(handler: Handler) -> Handler:
        if handler not in _handlers[name]:
            _handlers[name].append(handler)
        return handler

    return register


def handlers_for(name: str) -> list[Handler]:
    return list(_handlers.get(name, []))


def handler_id(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def publish(name: str, payload: dict[str, Any]) -> OutboxEvent:
    """Record the event in the current transaction; deliver it after commit."""
    event = OutboxEvent.objects.create(
        name=name, payload=payload, request_id=get_request_id()
    )
    transaction.on_commit(lambda: _enqueue(event.pk))
    return event


def _enqueue(event_id) -> None:
    from emporium.core.tasks import deliver_event

    try:
        deliver_event.delay(str(event_id))
    except Exception:  # broker down: the periodic redelivery picks it up later
        logger.exception("could not enqueue outbox event %s", event_id)


def deliver(event_id) -> bool:
    """Run the handlers that have not yet handled the event; True when all did."""
    with transaction.atomic():
        event = (
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(pk=event_id, delivered_at__isnull=True)
            .first()
        )
        if event is None:
            return True  # already delivered, or another worker holds it
        failed = _run_handlers(event)
        event.attempts += 1
        if failed:
            delay = timedelta(seconds=min(3600, 30 * 2 ** (event.attempts - 1)))
            event.next_attempt_at = timezone.now() + delay
        else:
            event.delivered_at = timezone.now()
            event.last_error = ""
        event.save(
            update_fields=[
                "attempts",
                "next_attempt_at",
                "delivered_at",
                "handled_by",
                "last_error",
            ]
        )
        return not failed


def _run_handlers(event: OutboxEvent) -> bool:
    # Log lines of the handlers carry the id of the request that published.
    token = request_id_var.set(event.request_id or "-")
    try:
        return _run_each_handler(event)
    finally:
        request_id_var.reset(token)


def _run_each_handler(event: OutboxEvent) -> bool:
    failed = False
    for handler in handlers_for(event.name):
        key = handler_id(handler)
        if key in event.handled_by:
            continue
        try:
            with transaction.atomic():
                handler(event.payload)
        except Exception as exc:  # one failing subscriber must not block others
            logger.exception("handler %s failed for event %s", key, event.pk)
            event.last_error = f"{key}: {type(exc).__name__}: {exc}"
            failed = True
        else:
            event.handled_by = [*event.handled_by, key]
    return failed


def list_pending_event_ids(limit: int = 500) -> list:
    now = timezone.now()
    stale = now - timedelta(seconds=30)  # give the on-commit delivery a chance
    return list(
        OutboxEvent.objects.filter(
            delivered_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
            created_at__lt=stale,
        )
        .exclude(next_attempt_at__gt=now)
        .values_list("pk", flat=True)[:limit]
    )
