"""Celery tasks of core: thin and idempotent."""

from celery import shared_task

from emporium.core import events


@shared_task(name="emporium.core.tasks.deliver_event")
def deliver_event(event_id: str) -> bool:
    return events.deliver(event_id)


@shared_task(name="emporium.core.tasks.redeliver_pending_events")
def redeliver_pending_events() -> int:
    pending = events.list_pending_event_ids()
    for event_id in pending:
        events.deliver(event_id)
    return len(pending)
